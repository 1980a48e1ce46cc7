"""Every write of the strategy app. Keyword-only functions, one transaction each."""

from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import MaxLengthValidator
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from core.csvimport import CsvError, CsvResult, read_csv
from strategy.defaults import DEFAULT_PHASES
from strategy.enums import OrgUnitKind, PhaseStatus, ProcessStatus, Role, ThemeStatus
from strategy.models import (
    Decision,
    Membership,
    Organisation,
    OrgUnit,
    PhaseDeliverable,
    ProcessPhase,
    SteeringMeeting,
    StrategicTheme,
    StrategyProcess,
    VisionRevision,
)

# ---------------------------------------------------------------------------------------------
# Processes and phases


@transaction.atomic
def process_create(
    *, organisation: Organisation, lead, with_default_phases: bool = True, **fields
) -> StrategyProcess:
    """Create a process, make `lead` its project lead and add the nine default phases."""
    process = StrategyProcess(organisation=organisation, **fields)
    process.full_clean()
    process.save()
    membership_add(process=process, user=lead, role=Role.LEAD)
    if with_default_phases:
        for number, (name, description, deliverables) in enumerate(DEFAULT_PHASES, start=1):
            phase = ProcessPhase.objects.create(
                process=process, number=number, name=name, description=description
            )
            PhaseDeliverable.objects.bulk_create(
                PhaseDeliverable(phase=phase, title=title, position=position)
                for position, title in enumerate(deliverables)
            )
    return process


def process_update(*, process: StrategyProcess, data: dict) -> StrategyProcess:
    for name, value in data.items():
        setattr(process, name, value)
    process.full_clean()
    process.save()
    return process


def process_set_status(*, process: StrategyProcess, status: str) -> StrategyProcess:
    """The only place that changes a process's status."""
    allowed = {
        ProcessStatus.DRAFT: {ProcessStatus.IN_APPROVAL},
        ProcessStatus.IN_APPROVAL: {ProcessStatus.DRAFT, ProcessStatus.APPROVED},
        ProcessStatus.APPROVED: {ProcessStatus.DRAFT},
    }
    if process.status == status:
        return process
    if status not in allowed[ProcessStatus(process.status)]:
        raise ValidationError(
            _("The status cannot change from %(old)s to %(new)s.")
            % {
                "old": process.get_status_display(),
                "new": ProcessStatus(status).label,
            }
        )
    process.status = status
    process.save(update_fields=["status"])
    return process


def phase_update(*, phase: ProcessPhase, data: dict) -> ProcessPhase:
    for name, value in data.items():
        setattr(phase, name, value)
    phase.full_clean()
    phase.save()
    return phase


def deliverable_add(*, phase: ProcessPhase, title: str) -> PhaseDeliverable:
    last = phase.deliverables.order_by("-position").values_list("position", flat=True).first()
    deliverable = PhaseDeliverable(phase=phase, title=title, position=(last or 0) + 1)
    deliverable.full_clean()
    deliverable.save()
    return deliverable


def deliverable_set_done(*, deliverable: PhaseDeliverable, done: bool) -> PhaseDeliverable:
    if deliverable.done != done:
        deliverable.done = done
        deliverable.save(update_fields=["done"])
    return deliverable


def deliverable_delete(*, deliverable: PhaseDeliverable) -> None:
    deliverable.delete()


def current_phase(phases: list[ProcessPhase], today: date) -> ProcessPhase | None:
    """The phase in progress: the active one, else the one whose dates contain today."""
    for phase in phases:
        if phase.status == PhaseStatus.ACTIVE:
            return phase
    for phase in phases:
        if phase.start_date and phase.end_date and phase.start_date <= today <= phase.end_date:
            return phase
    return None


# ---------------------------------------------------------------------------------------------
# Institutions


def org_unit_save(*, unit: OrgUnit) -> OrgUnit:
    unit.full_clean()
    unit.save()
    return unit


ORG_UNIT_CSV_COLUMNS = {
    "navn": "name",
    "name": "name",
    "type": "kind",
    "kind": "kind",
    "børn_0_2": "children_0_2",
    "born_0_2": "children_0_2",
    "children_0_2": "children_0_2",
    "0_2": "children_0_2",
    "børn_3_5": "children_3_5",
    "born_3_5": "children_3_5",
    "children_3_5": "children_3_5",
    "3_5": "children_3_5",
    "stuer": "rooms",
    "rooms": "rooms",
    "årsværk": "fte",
    "fte": "fte",
    "dagplejere": "childminders",
    "childminders": "childminders",
    "legestuer": "play_centres",
    "play_centres": "play_centres",
    "dagplejepædagoger": "dagpleje_pedagogues",
    "dagplejepaedagoger": "dagpleje_pedagogues",
    "dagpleje_pedagogues": "dagpleje_pedagogues",
    "souschef": "has_deputy",
    "deputy": "has_deputy",
}
ORG_UNIT_CSV_REQUIRED = {"name", "kind"}

_KIND_WORDS = {
    "vuggestue": OrgUnitKind.VUGGESTUE,
    "børnehave": OrgUnitKind.BORNEHAVE,
    "bornehave": OrgUnitKind.BORNEHAVE,
    "integreret": OrgUnitKind.INTEGRERET,
    "integreret institution": OrgUnitKind.INTEGRERET,
    "dagpleje": OrgUnitKind.DAGPLEJE,
    "dagplejen": OrgUnitKind.DAGPLEJE,
    "administration": OrgUnitKind.ADMINISTRATION,
}
_YES = {"ja", "j", "yes", "y", "1", "x", "true", "sand"}
_NO = {"nej", "n", "no", "0", "", "false", "falsk"}


def _org_unit_row_data(values: dict[str, str]) -> dict:
    """Translate one CSV row into form data (Danish words, decimal commas, ja/nej)."""
    data = dict(values)
    kind = values.get("kind", "").strip().lower()
    data["kind"] = _KIND_WORDS.get(kind, kind)
    fte = data.get("fte", "")
    if "." in fte and "," not in fte and len(fte.rsplit(".", 1)[1]) != 3:
        data["fte"] = fte.replace(".", ",")  # "24.5" is a decimal point, not a thousands dot
    for name in (
        "children_0_2",
        "children_3_5",
        "rooms",
        "childminders",
        "play_centres",
        "dagpleje_pedagogues",
        "fte",
    ):
        if name in data and data[name] == "":
            data[name] = "0"
    if "has_deputy" in data:
        word = data["has_deputy"].strip().lower()
        data["has_deputy"] = "on" if word in _YES else ("" if word in _NO else "invalid")
    return data


@transaction.atomic
def org_units_import_csv(*, organisation: Organisation, upload) -> CsvResult:
    """Create or update institutions (matched by name) from a CSV file.

    All or nothing: when any row is invalid, the result lists every error by line number and
    nothing is written.
    """
    with translation.override("da"):  # the file's numbers are in Danish format
        return _org_units_import(organisation=organisation, upload=upload)


def _org_units_import(*, organisation: Organisation, upload) -> CsvResult:
    from strategy.forms import OrgUnitForm

    result = CsvResult()
    try:
        rows = read_csv(upload, columns=ORG_UNIT_CSV_COLUMNS, required=ORG_UNIT_CSV_REQUIRED)
    except CsvError as exc:
        result.errors.append((None, str(exc)))
        return result

    existing = {
        unit.name.casefold(): unit for unit in OrgUnit.objects.filter(organisation=organisation)
    }
    seen: dict[str, int] = {}
    valid: list[tuple[OrgUnit, bool]] = []
    for row in rows:
        if "__error__" in row.values:
            result.errors.append((row.line, row.values["__error__"]))
            continue
        data = _org_unit_row_data(row.values)
        name_key = data.get("name", "").strip().casefold()
        if name_key and name_key in seen:
            result.errors.append(
                (row.line, _("The name is also on line %(line)d.") % {"line": seen[name_key]})
            )
            continue
        seen[name_key] = row.line
        instance = existing.get(name_key) or OrgUnit(organisation=organisation)
        if data.get("has_deputy") == "invalid":
            result.errors.append((row.line, _("Deputy: write “ja” or “nej”.")))
            continue
        # Columns absent from the file keep their current value on update.
        form_data = {
            name: data.get(name, _initial_for(instance, name)) for name in OrgUnitForm.Meta.fields
        }
        if "has_deputy" not in data:
            form_data["has_deputy"] = "on" if instance.has_deputy else ""
        form = OrgUnitForm(data=form_data, instance=instance)
        if not form.is_valid():
            for field, messages in form.errors.items():
                label = form.fields[field].label if field in form.fields else ""
                for message in messages:
                    result.errors.append((row.line, f"{label}: {message}" if label else message))
            continue
        valid.append((form.save(commit=False), instance.pk is None))
    if result.errors:
        return result
    for unit, is_new in valid:
        unit.save()
        if is_new:
            result.created += 1
        else:
            result.updated += 1
    return result


def _initial_for(instance: OrgUnit, name: str) -> str:
    value = getattr(instance, name)
    return "" if value is None else str(value)


# ---------------------------------------------------------------------------------------------
# Members


def membership_add(*, process: StrategyProcess, user, role: str, title: str = "") -> Membership:
    membership = Membership(process=process, user=user, role=role, title=title)
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str, title: str) -> Membership:
    if membership.role == Role.LEAD and role != Role.LEAD:
        _ensure_another_lead(membership)
    membership.role = role
    membership.title = title
    membership.full_clean()
    membership.save(update_fields=["role", "title"])
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    if membership.role == Role.LEAD:
        _ensure_another_lead(membership)
    membership.delete()


def _ensure_another_lead(membership: Membership) -> None:
    others = (
        Membership.objects.select_for_update()
        .filter(process_id=membership.process_id, role=Role.LEAD)
        .exclude(pk=membership.pk)
    )
    if not others.exists():
        raise ValidationError(_("A process must have at least one project lead."))


@transaction.atomic
def member_invite(
    *,
    process: StrategyProcess,
    email: str,
    full_name: str,
    role: str,
    title: str,
    invited_by,
    base_url: str,
) -> Membership:
    """Add a person to the process, creating an account without a password if needed, and
    e-mail them (after commit) a link to the process, or to choose a password first."""
    user_model = get_user_model()
    user = user_model.objects.filter(email__iexact=email).first()
    new_account = user is None
    if new_account:
        user = user_model.objects.create_user(email=email, full_name=full_name)
    membership = membership_add(process=process, user=user, role=role, title=title)
    if new_account:
        path = reverse(
            "accounts:password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
    else:
        path = process.get_absolute_url()
    context = {
        "process": process,
        "membership": membership,
        "invited_by": invited_by,
        "link": base_url.rstrip("/") + path,
        "new_account": new_account,
    }
    subject = _("You are invited to “%(process)s”") % {"process": process.title}
    body = render_to_string("strategy/email/invitation.txt", context)
    transaction.on_commit(lambda: send_mail(subject, body, None, [user.email]))
    return membership


# ---------------------------------------------------------------------------------------------
# Strategic themes


def theme_create(
    *,
    process: StrategyProcess,
    title: str,
    description: str = "",
    objective: str = "",
    priority_rank: int | None = None,
) -> StrategicTheme:
    theme = StrategicTheme(
        process=process,
        title=title.strip(),
        description=description,
        objective=objective,
        priority_rank=priority_rank,
    )
    theme.full_clean()
    theme.save()
    return theme


def theme_update(*, theme: StrategicTheme, data: dict) -> StrategicTheme:
    """Update the editable fields of a theme (not its status: see theme_set_status)."""
    for name, value in data.items():
        if name == "status":
            raise ValueError("Use theme_set_status to change a theme's status.")
        setattr(theme, name, value)
    theme.full_clean()
    theme.save()
    return theme


THEME_TRANSITIONS = {
    ThemeStatus.CANDIDATE: {ThemeStatus.PRIORITISED, ThemeStatus.PARKED},
    ThemeStatus.PRIORITISED: {ThemeStatus.CANDIDATE, ThemeStatus.PARKED},
    ThemeStatus.PARKED: {ThemeStatus.CANDIDATE, ThemeStatus.PRIORITISED},
    ThemeStatus.MERGED: set(),
}


def theme_set_status(
    *, theme: StrategicTheme, status: str, merging: bool = False
) -> StrategicTheme:
    """The only place that changes a theme's status. MERGED is set only by the merge service
    (`merging=True`), and a merged theme stays merged: its evidence went elsewhere."""
    if theme.status == status:
        return theme
    if status == ThemeStatus.MERGED:
        if not merging or theme.status == ThemeStatus.MERGED:
            raise ValidationError(_("A theme is merged with the merge function only."))
    elif status not in THEME_TRANSITIONS[ThemeStatus(theme.status)]:
        raise ValidationError(
            _("The status cannot change from %(old)s to %(new)s.")
            % {"old": theme.get_status_display(), "new": ThemeStatus(status).label}
        )
    theme.status = status
    theme.save(update_fields=["status"])
    return theme


# ---------------------------------------------------------------------------------------------
# Vision


def _full_clean(instance) -> None:
    """full_clean() plus the max_length of text fields, which Django checks only in forms."""
    errors = {}
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.TextField) and field.max_length:
            try:
                MaxLengthValidator(field.max_length)(getattr(instance, field.attname) or "")
            except ValidationError as exc:
                errors[field.name] = exc.error_list
    try:
        instance.full_clean()
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def _normalise_principles(principles: str) -> str:
    """One guiding principle per line: stripped, without empty lines."""
    return "\n".join(line.strip() for line in principles.splitlines() if line.strip())


@transaction.atomic
def vision_revise(
    *, process: StrategyProcess, text: str, principles: str, note: str, author
) -> VisionRevision:
    """Save a new revision of the vision; revisions are never changed.

    The process row is locked while the next number is chosen, so two people saving at the same
    time get consecutive numbers. A revision identical to the latest one (same text and guiding
    principles) is refused.
    """
    StrategyProcess.objects.select_for_update().filter(pk=process.pk).first()
    latest = VisionRevision.objects.filter(process=process).order_by("-number").first()
    text = text.strip()
    principles = _normalise_principles(principles)
    if latest is not None and latest.text == text and latest.principles == principles:
        raise ValidationError(
            _(
                "Nothing has changed since revision %(number)d. Change the vision or the guiding "
                "principles before saving."
            )
            % {"number": latest.number}
        )
    revision = VisionRevision(
        process=process,
        number=(latest.number if latest else 0) + 1,
        text=text,
        principles=principles,
        note=note.strip(),
        author=author,
    )
    _full_clean(revision)
    revision.save()
    return revision


# ---------------------------------------------------------------------------------------------
# Steering group: meetings and the decision log


def meeting_create(
    *,
    process: StrategyProcess,
    number: int,
    date: date,
    title: str,
    agenda: str = "",
    minutes: str = "",
) -> SteeringMeeting:
    meeting = SteeringMeeting(
        process=process, number=number, date=date, title=title, agenda=agenda, minutes=minutes
    )
    _full_clean(meeting)
    meeting.save()
    return meeting


MEETING_FIELDS = ("number", "date", "title", "agenda", "minutes")


def meeting_update(*, meeting: SteeringMeeting, data: dict) -> SteeringMeeting:
    for name, value in data.items():
        if name not in MEETING_FIELDS:
            raise ValueError(f"{name} is not an editable field of a meeting.")
        setattr(meeting, name, value)
    _full_clean(meeting)
    meeting.save()
    return meeting


def _check_decision_links(
    *, process: StrategyProcess, meeting: SteeringMeeting | None, themes
) -> list[StrategicTheme]:
    themes = list(themes)
    errors = {}
    if meeting is not None and meeting.process_id != process.pk:
        errors["meeting"] = _("The meeting belongs to another process.")
    if any(theme.process_id != process.pk for theme in themes):
        errors["themes"] = _("A decision can only point at themes of its own process.")
    if errors:
        raise ValidationError(errors)
    return themes


@transaction.atomic
def decision_create(
    *,
    process: StrategyProcess,
    date: date,
    text: str,
    meeting: SteeringMeeting | None = None,
    themes=(),
    recorded_by=None,
) -> Decision:
    """Record a decision in the log, optionally at a meeting and pointing at themes of the same
    process. The audit history gets the new decision and, when it has themes, their link."""
    themes = _check_decision_links(process=process, meeting=meeting, themes=themes)
    decision = Decision(
        process=process, meeting=meeting, date=date, text=text.strip(), recorded_by=recorded_by
    )
    _full_clean(decision)
    decision.save()
    if themes:
        decision.themes.set(themes)
    return decision


@transaction.atomic
def decision_update(
    *, decision: Decision, date: date, text: str, meeting: SteeringMeeting | None, themes
) -> Decision:
    """Change a decision; the audit history gets one record with the new fields and themes."""
    themes = _check_decision_links(process=decision.process, meeting=meeting, themes=themes)
    decision.meeting = meeting
    decision.date = date
    decision.text = text.strip()
    _full_clean(decision)
    # Link the themes without a history record of their own, so that the save below writes a
    # single record holding both the fields and the themes.
    decision.skip_history_when_saving = True
    try:
        decision.themes.set(themes)
    finally:
        del decision.skip_history_when_saving
    decision.save()
    return decision
