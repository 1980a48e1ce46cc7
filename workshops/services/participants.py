"""Writes for the participant register, personal links, link e-mails and join by code.

A personal link is `/v/<token>/`; only the SHA-256 of the token is stored (`token_hash`), so a
link can be shown, exported or mailed only at the moment it is issued. Issuing a new link
replaces the hash, so the participant's earlier link stops working.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.csvimport import CsvError, CsvResult, read_csv
from strategy.models import Membership, OrgUnit, StrategyProcess
from workshops.enums import StakeholderGroup
from workshops.models import LinkInvitation, Participant, Workshop
from workshops.permissions import login_participant, workshops_for_participant
from workshops.selectors.participants import participant_for_token, participants_in_scope
from workshops.tokens import hash_token, new_token

logger = logging.getLogger(__name__)

# ---------------------------------------------------------------------------------------------
# The register


def participant_save(*, participant: Participant) -> Participant:
    """Create or update a registered participant.

    Besides the model's own validation: the e-mail address is unique within the process
    (case-insensitive), the institution belongs to the process's organisation and the user
    account is a member of the process.
    """
    participant.full_clean()
    errors = {}
    if participant.email:
        duplicate = (
            Participant.objects.filter(
                process_id=participant.process_id, email__iexact=participant.email
            )
            .exclude(pk=participant.pk)
            .exists()
        )
        if duplicate:
            errors["email"] = _("Another participant of the process has this e-mail address.")
    if (
        participant.org_unit_id
        and not OrgUnit.objects.filter(
            pk=participant.org_unit_id, organisation_id=participant.process.organisation_id
        ).exists()
    ):
        errors["org_unit"] = _("The institution does not belong to the process's organisation.")
    if (
        participant.user_id
        and not Membership.objects.filter(
            process_id=participant.process_id, user_id=participant.user_id
        ).exists()
    ):
        errors["user"] = _("The user is not a member of the process.")
    if errors:
        raise ValidationError(errors)
    participant.save()
    return participant


def participant_set_active(*, participant: Participant, active: bool) -> Participant:
    """Deactivate or reactivate. An inactive participant's link and session stop working."""
    if participant.active != active:
        participant.active = active
        participant.save(update_fields=["active"])
    return participant


# ---------------------------------------------------------------------------------------------
# Personal links


def participant_issue_link(*, participant: Participant) -> str:
    """Give the participant a new personal link and return its token (shown once, never
    stored). The earlier link stops working."""
    token = new_token()
    participant.token_hash = hash_token(token)
    participant.token_issued_at = timezone.now()
    participant.save(update_fields=["token_hash", "token_issued_at"])
    return token


@transaction.atomic
def participants_issue_links(*, participants: list[Participant]) -> list[tuple[Participant, str]]:
    """New personal links for many participants in one update; returns (participant, token)."""
    now = timezone.now()
    issued = []
    for participant in participants:
        token = new_token()
        participant.token_hash = hash_token(token)
        participant.token_issued_at = now
        issued.append((participant, token))
    Participant.objects.bulk_update(participants, ["token_hash", "token_issued_at"], batch_size=500)
    return issued


def participant_revoke_link(*, participant: Participant) -> Participant:
    """The participant's link stops working; they have none until a new one is issued."""
    participant.token_hash = None
    participant.token_issued_at = None
    participant.save(update_fields=["token_hash", "token_issued_at"])
    return participant


def link_redeem(*, request, token: str) -> Participant | None:
    """Sign this browser session in as the participant whose active link carries `token`
    (with a new session key); None when the token is unknown, revoked or the participant is
    inactive."""
    participant = participant_for_token(token)
    if participant is not None:
        login_participant(request, participant)
    return participant


# ---------------------------------------------------------------------------------------------
# Link e-mails


def link_invitation_save(*, process: StrategyProcess, subject: str, body: str) -> LinkInvitation:
    """Save the process's invitation text (created on first save)."""
    invitation = LinkInvitation.objects.filter(process=process).first() or LinkInvitation(
        process=process
    )
    invitation.subject = subject
    invitation.body = body
    invitation.full_clean()
    if "\n" in invitation.subject or "\r" in invitation.subject:
        raise ValidationError({"subject": _("The subject must be on one line.")})
    if "{link}" not in invitation.body:
        raise ValidationError({"body": _("The text must contain {link}.")})
    invitation.save()
    return invitation


def render_invitation(text: str, *, name: str, link: str) -> str:
    """Fill in {navn} and {link}; any other braces are left as they are."""
    return text.replace("{navn}", name).replace("{link}", link)


@dataclass
class LinkMailing:
    """Outcome of sending links: `queued` when the transaction commits; `sent` and `failed`
    are filled in as the e-mails go out after the commit."""

    queued: int = 0
    sent: int = 0
    failed: int = 0
    participants: list[Participant] = field(default_factory=list)


@transaction.atomic
def participants_send_links(
    *,
    process: StrategyProcess,
    subject: str,
    body: str,
    scope: str,
    link_for: Callable[[str], str],
) -> LinkMailing:
    """Save the invitation text, issue new links to the active participants with an e-mail
    address in `scope`, and e-mail each their link after the commit.

    `link_for(token)` builds the absolute URL of a link. Side effects: earlier links of these
    participants stop working; one e-mail per participant (sent after commit, failures are
    logged and counted, never raised).
    """
    invitation = link_invitation_save(process=process, subject=subject, body=body)
    participants = participants_in_scope(process, scope, with_email=True)
    issued = participants_issue_links(participants=participants)
    outgoing = []
    for participant, token in issued:
        link = link_for(token)
        outgoing.append(
            (
                participant.pk,
                EmailMessage(
                    subject=render_invitation(invitation.subject, name=participant.name, link=""),
                    body=render_invitation(invitation.body, name=participant.name, link=link),
                    to=[participant.email],
                ),
            )
        )
    mailing = LinkMailing(queued=len(outgoing), participants=participants)
    transaction.on_commit(lambda: _send_link_mails(outgoing, mailing))
    return mailing


def _send_link_mails(outgoing: list[tuple[int, EmailMessage]], mailing: LinkMailing) -> None:
    if not outgoing:
        return
    connection = get_connection()
    try:
        connection.open()
    except Exception as exc:  # the mail server is unreachable: nothing can be sent
        logger.warning("Link e-mails could not be sent: %s", exc)
        mailing.failed += len(outgoing)
        return
    try:
        for participant_id, message in outgoing:
            message.connection = connection
            try:
                message.send()
            except Exception as exc:  # one bad address must not stop the others
                logger.warning(
                    "The link e-mail to participant %s could not be sent: %s",
                    participant_id,
                    exc,
                )
                mailing.failed += 1
            else:
                mailing.sent += 1
    finally:
        connection.close()


# ---------------------------------------------------------------------------------------------
# CSV import

PARTICIPANT_CSV_COLUMNS = {
    "navn": "name",
    "name": "name",
    "e_mail": "email",
    "email": "email",
    "mail": "email",
    "e_mailadresse": "email",
    "gruppe": "group",
    "målgruppe": "group",
    "malgruppe": "group",
    "group": "group",
    "institution": "org_unit",
    "org_unit": "org_unit",
}
PARTICIPANT_CSV_REQUIRED = {"name", "group"}

# Words accepted in the "gruppe" column (case does not matter).
GROUP_WORDS = {
    "leder": StakeholderGroup.LEDER,
    "ledere": StakeholderGroup.LEDER,
    "medarbejder": StakeholderGroup.MEDARBEJDER,
    "medarbejdere": StakeholderGroup.MEDARBEJDER,
    "dagpleje": StakeholderGroup.DAGPLEJE,
    "dagplejer": StakeholderGroup.DAGPLEJE,
    "dagplejere": StakeholderGroup.DAGPLEJE,
    "digitalisering": StakeholderGroup.DIGITALISERING,
    "ekstern": StakeholderGroup.EKSTERN,
    "ekstern ekspert": StakeholderGroup.EKSTERN,
    "ekspert": StakeholderGroup.EKSTERN,
    "styregruppe": StakeholderGroup.STYREGRUPPE,
}


class _ImportRowForm(forms.Form):
    name = forms.CharField(
        label=Participant._meta.get_field("name").verbose_name,
        max_length=Participant._meta.get_field("name").max_length,
    )
    email = forms.EmailField(
        label=Participant._meta.get_field("email").verbose_name,
        max_length=Participant._meta.get_field("email").max_length,
        required=False,
    )


@transaction.atomic
def participants_import_csv(*, process: StrategyProcess, upload) -> CsvResult:
    """Create participants from a CSV file (navn; e-mail; gruppe; institution).

    All or nothing: when any row is invalid (missing or too long name, invalid e-mail, an
    e-mail repeated in the file or already in the process, unknown group or institution), the
    result lists every error by line number and nothing is written.
    """
    result = CsvResult()
    try:
        rows = read_csv(upload, columns=PARTICIPANT_CSV_COLUMNS, required=PARTICIPANT_CSV_REQUIRED)
    except CsvError as exc:
        result.errors.append((None, str(exc)))
        return result

    units = {
        unit.name.casefold(): unit
        for unit in OrgUnit.objects.filter(organisation_id=process.organisation_id)
    }
    existing_emails = {
        email.casefold()
        for email in Participant.objects.filter(process=process)
        .exclude(email="")
        .values_list("email", flat=True)
    }
    seen_emails: dict[str, int] = {}
    valid: list[Participant] = []
    group_label = Participant._meta.get_field("group").verbose_name
    unit_label = Participant._meta.get_field("org_unit").verbose_name
    for row in rows:
        if "__error__" in row.values:
            result.errors.append((row.line, row.values["__error__"]))
            continue
        errors: list[str] = []
        form = _ImportRowForm(data=row.values)
        if not form.is_valid():
            for name, messages in form.errors.items():
                label = form.fields[name].label if name in form.fields else ""
                errors.extend(f"{label}: {message}" if label else message for message in messages)
        email = form.cleaned_data.get("email", "") if form.is_valid() else ""
        if email:
            key = email.casefold()
            if key in seen_emails:
                errors.append(
                    _("The e-mail address is also on line %(line)d.") % {"line": seen_emails[key]}
                )
            elif key in existing_emails:
                errors.append(_("A participant of the process already has this e-mail address."))
            seen_emails.setdefault(key, row.line)
        group_word = " ".join(row.values.get("group", "").split()).casefold()
        group = GROUP_WORDS.get(group_word)
        if group is None:
            errors.append(
                f"{group_label}: "
                + _("“%(value)s” is not a group. Write one of: %(groups)s.")
                % {
                    "value": row.values.get("group", ""),
                    "groups": ", ".join(
                        [
                            "leder",
                            "medarbejder",
                            "dagpleje",
                            "digitalisering",
                            "ekstern ekspert",
                            "styregruppe",
                        ]
                    ),
                }
            )
        unit_name = row.values.get("org_unit", "").strip()
        unit = None
        if unit_name:
            unit = units.get(unit_name.casefold())
            if unit is None:
                errors.append(
                    f"{unit_label}: "
                    + _("There is no institution named “%(name)s”.") % {"name": unit_name}
                )
        if errors:
            result.errors.extend((row.line, message) for message in errors)
            continue
        valid.append(
            Participant(
                process=process,
                name=form.cleaned_data["name"],
                email=email,
                group=group,
                org_unit=unit,
            )
        )
    if result.errors:
        return result
    for participant in valid:
        participant.full_clean()
    Participant.objects.bulk_create(valid)
    result.created = len(valid)
    return result


# ---------------------------------------------------------------------------------------------
# Join by code


@transaction.atomic
def participant_join(
    *, request, workshop: Workshop, group: str, current: Participant | None
) -> Participant:
    """Sign a phone in to `workshop`, which was found by its join code.

    When this browser session's participant can already take part in the workshop (it joined
    with the same code, or has a personal link for the process), it is reused. Otherwise an
    anonymous participant with the self-declared `group` is created and the session signed in
    as it (with a new session key).
    """
    if current is not None and workshops_for_participant(current).filter(pk=workshop.pk).exists():
        return current
    participant = Participant(
        process=workshop.process,
        name=_("Anonymous participant"),
        group=group,
        joined_via_code=workshop,
    )
    participant.full_clean()
    participant.save()
    login_participant(request, participant)
    return participant
