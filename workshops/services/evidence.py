"""Writes for interviews, workshops and the insights project members record.

Keyword-only functions, `full_clean()` before `save()`, one transaction each. A workshop's status
changes only through `workshop_set_status`.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from strategy.enums import ThemeStatus
from strategy.models import StrategicTheme, StrategyProcess
from workshops.enums import WorkshopStatus
from workshops.models import Insight, InsightTheme, Interview, Participant, Workshop
from workshops.tokens import new_join_code

INTERVIEW_FIELDS = (
    "kind",
    "interviewee_name",
    "interviewee_title",
    "interviewee_organisation",
    "group",
    "date",
    "interviewer",
    "consent_to_quote",
    "summary",
)
WORKSHOP_FIELDS = ("title", "date", "place", "purpose", "agenda", "facilitator", "open_join")


def _assign(obj, data: dict, allowed: Iterable[str]) -> None:
    for name, value in data.items():
        if name not in allowed:
            raise ValueError(f"{name} cannot be set here.")
        setattr(obj, name, value)


# --- Interviews -----------------------------------------------------------------------------------


def interview_create(*, process: StrategyProcess, data: dict) -> Interview:
    interview = Interview(process=process)
    _assign(interview, data, INTERVIEW_FIELDS)
    interview.full_clean()
    interview.save()
    return interview


def interview_update(*, interview: Interview, data: dict) -> Interview:
    _assign(interview, data, INTERVIEW_FIELDS)
    interview.full_clean()
    interview.save()
    return interview


# --- Workshops ------------------------------------------------------------------------------------

JOIN_CODE_ATTEMPTS = 20


@transaction.atomic
def workshop_create(*, process: StrategyProcess, data: dict) -> Workshop:
    """A new workshop, PLANNED, with a join code that no other workshop has."""
    workshop = Workshop(process=process, status=WorkshopStatus.PLANNED)
    _assign(workshop, data, WORKSHOP_FIELDS)
    for _attempt in range(JOIN_CODE_ATTEMPTS):
        workshop.join_code = new_join_code()
        if Workshop.objects.filter(join_code=workshop.join_code).exists():
            continue
        workshop.full_clean()
        try:
            with transaction.atomic():  # a concurrent insert of the same code: try another
                workshop.save()
        except IntegrityError:
            workshop.pk = None
            continue
        return workshop
    raise ValidationError(_("No free join code was found. Please try again."))


def workshop_update(*, workshop: Workshop, data: dict) -> Workshop:
    """Edit the workshop's details (not its status, see workshop_set_status; not its code)."""
    _assign(workshop, data, WORKSHOP_FIELDS)
    workshop.full_clean()
    workshop.save()
    return workshop


WORKSHOP_TRANSITIONS = {
    WorkshopStatus.PLANNED: {WorkshopStatus.OPEN},
    WorkshopStatus.OPEN: {WorkshopStatus.CLOSED},
    WorkshopStatus.CLOSED: {WorkshopStatus.OPEN},
}


def workshop_set_status(*, workshop: Workshop, status: str, user=None) -> Workshop:
    """The only place that changes a workshop's status: planned → open → closed, and closed →
    open to reopen. Participants add notes only while the workshop is open."""
    if status not in WorkshopStatus.values:
        raise ValidationError(_("Unknown status."))
    if workshop.status == status:
        return workshop
    if status not in WORKSHOP_TRANSITIONS[WorkshopStatus(workshop.status)]:
        raise ValidationError(
            _("The status cannot change from %(old)s to %(new)s.")
            % {"old": workshop.get_status_display(), "new": WorkshopStatus(status).label}
        )
    workshop.status = status
    workshop.save(update_fields=["status"])
    return workshop


# --- Insights -------------------------------------------------------------------------------------


def _check_themes(process: StrategyProcess, themes: Iterable[StrategicTheme]) -> list:
    themes = list(themes)
    for theme in themes:
        if theme.process_id != process.pk:
            raise ValidationError({"themes": _("The theme belongs to another process.")})
        if theme.status == ThemeStatus.MERGED:
            raise ValidationError(
                {"themes": _("“%(theme)s” is merged; choose another.") % {"theme": theme}}
            )
    return themes


@transaction.atomic
def insight_create(
    *,
    process: StrategyProcess,
    text: str,
    kind: str,
    interview: Interview | None = None,
    workshop: Workshop | None = None,
    participant: Participant | None = None,
    group: str = "",
    themes: Iterable[StrategicTheme] = (),
    user=None,
) -> Insight:
    """An insight from an interview or a workshop, tagged with `themes` (not merged ones)."""
    source = interview or workshop
    if source is not None and source.process_id != process.pk:
        raise ValidationError(_("The source belongs to another process."))
    themes = _check_themes(process, themes)
    insight = Insight(
        process=process,
        text=text.strip(),
        kind=kind,
        interview=interview,
        workshop=workshop,
        participant=participant,
        group=group,
        created_by=user if user is not None and user.is_authenticated else None,
    )
    insight.full_clean()
    insight.save()
    InsightTheme.objects.bulk_create(
        [
            InsightTheme(insight=insight, theme=theme, created_by=insight.created_by)
            for theme in themes
        ]
    )
    return insight


@transaction.atomic
def insight_update(
    *,
    insight: Insight,
    text: str,
    kind: str,
    group: str,
    themes: Iterable[StrategicTheme] | None = None,
    user=None,
) -> Insight:
    """Edit an insight. With `themes`, its tags to themes that are not merged become exactly
    `themes`; tags to merged themes stay (evidence is never lost)."""
    insight.text = text.strip()
    insight.kind = kind
    insight.group = group
    insight.full_clean()
    insight.save()
    if themes is not None:
        wanted = {theme.pk: theme for theme in _check_themes(insight.process, themes)}
        current = set(
            InsightTheme.objects.filter(insight=insight)
            .exclude(theme__status=ThemeStatus.MERGED)
            .values_list("theme_id", flat=True)
        )
        InsightTheme.objects.filter(insight=insight, theme_id__in=current - set(wanted)).delete()
        InsightTheme.objects.bulk_create(
            [
                InsightTheme(insight=insight, theme=wanted[pk], created_by=user)
                for pk in sorted(set(wanted) - current)
            ]
        )
    return insight


def insight_delete(*, insight: Insight) -> None:
    """Delete an insight with its theme tags; notes marked as its duplicates lose the mark."""
    insight.delete()
