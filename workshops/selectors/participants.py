"""Reads for the participant register, personal links and participants' phones."""

import re

from django.db.models import Count, Q, QuerySet

from workshops.defaults import LINK_INVITATION_BODY, LINK_INVITATION_SUBJECT
from workshops.enums import WorkshopStatus
from workshops.models import Insight, LinkInvitation, Participant, Workshop
from workshops.permissions import workshops_for_participant
from workshops.tokens import hash_token

# What workshops.tokens.new_token() produces (URL-safe base64), with room to spare. Anything
# else is rejected without a database query.
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,128}")

SCOPE_ALL = "all"
SCOPE_WITHOUT_LINK = "without_link"


def registered_participants(process) -> QuerySet[Participant]:
    """Participants of the register: everyone except phones that joined with a workshop code."""
    return Participant.objects.filter(process=process, joined_via_code__isnull=True)


def participants_for_register(
    process, *, group: str = "", active: bool | None = None
) -> QuerySet[Participant]:
    """The register's rows with institution, user and their number of notes (one query)."""
    participants = (
        registered_participants(process)
        .select_related("org_unit", "user")
        .annotate(note_count=Count("insights"))
        .order_by("name", "id")
    )
    if group:
        participants = participants.filter(group=group)
    if active is not None:
        participants = participants.filter(active=active)
    return participants


def code_participant_count(process) -> int:
    """How many anonymous phones joined this process's workshops with a code."""
    return Participant.objects.filter(process=process, joined_via_code__isnull=False).count()


def participants_in_scope(process, scope: str, *, with_email: bool = False) -> list[Participant]:
    """Active registered participants for a bulk link action: all of them, or only those
    without a link; optionally only those with an e-mail address."""
    participants = registered_participants(process).filter(active=True)
    if scope == SCOPE_WITHOUT_LINK:
        participants = participants.filter(token_hash__isnull=True)
    if with_email:
        participants = participants.exclude(email="")
    return list(participants.select_related("org_unit").order_by("name", "id"))


def participants_without_email(process) -> list[Participant]:
    """Active registered participants who cannot be sent their link by e-mail."""
    return list(
        registered_participants(process)
        .filter(active=True, email="")
        .select_related("org_unit")
        .order_by("name", "id")
    )


def link_invitation_for(process) -> LinkInvitation:
    """The process's invitation text; the Danish default (not saved) when there is none yet."""
    invitation = LinkInvitation.objects.filter(process=process).first()
    if invitation is None:
        invitation = LinkInvitation(
            process=process, subject=LINK_INVITATION_SUBJECT, body=LINK_INVITATION_BODY
        )
    return invitation


def participant_for_token(token: str) -> Participant | None:
    """The active participant whose personal link carries `token`, or None (also for any
    string that cannot be a token: too long, non-ASCII, ...)."""
    if not _TOKEN_SHAPE.fullmatch(token):
        return None
    return (
        Participant.objects.select_related("process")
        .filter(token_hash=hash_token(token), active=True)
        .first()
    )


def joinable_workshop(code: str) -> Workshop | None:
    """The workshop with this (normalised) join code if phones may join it now."""
    if not code:
        return None
    return (
        Workshop.objects.select_related("process")
        .filter(join_code=code, open_join=True, status=WorkshopStatus.OPEN)
        .first()
    )


def phone_workshops(participant: Participant) -> list[Workshop]:
    """The workshops on a participant's phone (open or closed), newest first, each with
    `my_note_count`: the participant's own notes in it."""
    return list(
        workshops_for_participant(participant)
        .annotate(my_note_count=Count("insights", filter=Q(insights__participant=participant)))
        .order_by("-date", "title", "id")
    )


def own_notes(participant: Participant, workshop: Workshop) -> list[Insight]:
    """The participant's notes in a workshop, newest first."""
    return list(
        Insight.objects.filter(participant=participant, workshop=workshop).order_by(
            "-created_at", "-id"
        )
    )
