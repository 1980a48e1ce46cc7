"""The participant side of the permission helper.

Project members are checked by strategy.permissions. Workshop participants have no account:
their phone carries a participant session (set when a personal link is redeemed or a join code
is used). Every participant-facing view fetches its participant and objects through here.
"""

from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core import signing
from django.http import Http404
from django.shortcuts import redirect
from django.utils.crypto import constant_time_compare, salted_hmac

from workshops.enums import WorkshopStatus
from workshops.models import Insight, Participant, Workshop

SESSION_KEY = "participant_id"

# The ballot key: the phone's ballot form carries it, so that an htmx ballot can be decided
# without reading the session (services.voting.ballot_submit_quick).
BALLOT_KEY_FIELD = "ballot_key"
_BALLOT_KEY_SALT = "workshops.permissions.ballot_key"


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


# --- The ballot key ------------------------------------------------------------------------------


@dataclass(frozen=True)
class BallotKeyHolder:
    """Who a valid ballot key says is voting: the participant, in this round as it was opened,
    from this browser session (its key as the session cookie gives it)."""

    participant_id: int
    round_id: int
    opened: int
    session_key: str


def _session_tag(session_key: str) -> str:
    # The key names the session by a keyed hash: the page never shows the cookie's value.
    return salted_hmac(_BALLOT_KEY_SALT, session_key).hexdigest()[:32]


def ballot_key(request, participant: Participant, round_id: int, opened: int) -> str:
    """The ballot key for `participant`'s ballot page of round `round_id` (opened at `opened`,
    workshops.selectors.voting.opened_stamp): signed, and bound to this browser session, so it
    is worth nothing without the session's cookie, in another round, or once the session has
    ended (the participant left, or another link was opened on the phone: both give the session
    a new key)."""
    tag = _session_tag(request.session.session_key or "")
    return signing.dumps([participant.pk, round_id, opened, tag], salt=_BALLOT_KEY_SALT)


def ballot_key_holder(request, round_id: int) -> BallotKeyHolder | None:
    """The holder of the request's ballot key for round `round_id`, or None: no key, a key
    that is not ours, too old (older than a session lives), for another round, or from another
    browser session. It proves who sent the ballot only together with the session row: the
    ballot's write checks that the session still exists and that the participant may vote
    (services.voting.ballot_submit_quick)."""
    value = request.POST.get(BALLOT_KEY_FIELD)
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not value or not session_key:
        return None
    try:
        participant_id, key_round, opened, tag = signing.loads(
            value, salt=_BALLOT_KEY_SALT, max_age=settings.SESSION_COOKIE_AGE
        )
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if key_round != round_id or not constant_time_compare(tag, _session_tag(session_key)):
        return None
    return BallotKeyHolder(
        participant_id=participant_id, round_id=round_id, opened=opened, session_key=session_key
    )
