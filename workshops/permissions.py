"""The participant side of the permission helper.

Project members are checked by strategy.permissions. Workshop participants have no account:
their phone carries a participant session (set when a personal link is redeemed or a join code
is used). Every participant-facing view fetches its participant and objects through here.
"""

from functools import wraps

from django.http import Http404
from django.shortcuts import redirect

from workshops.enums import WorkshopStatus
from workshops.models import Insight, Participant, Workshop

SESSION_KEY = "participant_id"


def login_participant(request, participant: Participant) -> None:
    """Bind the browser session to `participant`, with a new session key (no fixation).

    A browser that has a session gets a new key for it; one that has none (or sent a key the
    database does not know, which loading drops) gets a freshly generated key when the session
    is first saved, which spares the write of an empty session that cycle_key() would make."""
    request.session.get(SESSION_KEY)  # loads the session: an unknown key is dropped here
    if request.session.session_key is not None:
        request.session.cycle_key()
    request.session[SESSION_KEY] = participant.pk


def logout_participant(request) -> None:
    request.session.pop(SESSION_KEY, None)
    request.session.cycle_key()


def current_participant(request) -> Participant | None:
    """The active participant of this browser session, or None.

    Read alone, without its process or join code: every phone request pays for this read, and
    the pages use only their ids (the two that show the process's title, the phone's home and
    "you said, we did", read it on their own)."""
    participant_id = request.session.get(SESSION_KEY)
    if participant_id is None:
        return None
    try:
        return Participant.objects.get(pk=participant_id, active=True)
    except (Participant.DoesNotExist, ValueError, TypeError):
        request.session.pop(SESSION_KEY, None)
        return None


def participant_required(view):
    """Views for participants' phones: without a participant session, go to /join/."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        participant = current_participant(request)
        if participant is None:
            return redirect("workshops:join")
        request.participant = participant
        return view(request, *args, **kwargs)

    return wrapper


def workshops_for_participant(participant: Participant):
    """The workshops a participant may add notes to: their join-code workshop only, or every
    open workshop of their process for a personal link."""
    workshops = Workshop.objects.filter(process_id=participant.process_id)
    if participant.joined_via_code_id:
        workshops = workshops.filter(pk=participant.joined_via_code_id)
    return workshops.exclude(status=WorkshopStatus.PLANNED)


def get_workshop_for_participant(participant: Participant, pk: int) -> Workshop:
    try:
        return workshops_for_participant(participant).get(pk=pk)
    except Workshop.DoesNotExist as exc:
        raise Http404 from exc


def get_own_insight(participant: Participant, pk: int) -> Insight:
    """A note the participant wrote; anything else answers 404."""
    try:
        return Insight.objects.select_related("workshop").get(participant=participant, pk=pk)
    except Insight.DoesNotExist as exc:
        raise Http404 from exc
