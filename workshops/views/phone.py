"""Participants' phones: redeem a personal link, join with a code, add and edit own notes.

No account here: the phone carries a participant session (workshops.permissions). Every view
gets the participant from the session and its objects through the helpers there.

Failed attempts at a link or a code are rate-limited per browser session and, with a much
higher limit, per client address (a workshop room may share one address); failed attempts at
one join code are also limited per code, whichever session or address they come from.
Successful ones are not counted. A limited request answers 429.
"""

import logging

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.lockout import client_ip
from core import ratelimit
from core.htmx import hx_redirect, is_htmx, template_for
from core.http import post_data
from workshops.forms.participants import JoinForm, NoteForm
from workshops.permissions import (
    current_participant,
    get_own_insight,
    get_workshop_for_participant,
    logout_participant,
    participant_required,
)
from workshops.selectors import participants as selectors
from workshops.selectors.voting import phone_rounds
from workshops.services import notes as note_services
from workshops.services import participants as services
from workshops.tokens import normalise_join_code

logger = logging.getLogger(__name__)


# --- Rate limits on failed attempts --------------------------------------------------------------


def _attempt_limits(request: HttpRequest, kind: str, code: str = "") -> list[tuple[str, int]]:
    """(key, limit) pairs for failed attempts of `kind` from this browser and address and,
    for a join code, at this code from anywhere (so many sessions and addresses together
    cannot keep trying one code)."""
    limits = [(f"{kind}:ip:{client_ip(request)}", settings.PARTICIPANT_FAILURES_PER_IP)]
    session_key = request.session.session_key
    if session_key:
        limits.append((f"{kind}:session:{session_key}", settings.PARTICIPANT_FAILURES_PER_SESSION))
    if code:
        limits.append((f"{kind}:code:{code}", settings.PARTICIPANT_FAILURES_PER_CODE))
    return limits


def _is_limited(request: HttpRequest, kind: str, code: str = "") -> bool:
    window = settings.PARTICIPANT_ATTEMPT_WINDOW_SECONDS
    return any(
        ratelimit.is_limited(key, limit=limit, window_seconds=window)
        for key, limit in _attempt_limits(request, kind, code)
    )


def _count_failure(request: HttpRequest, kind: str, code: str = "") -> None:
    if request.session.session_key is None:
        # A session to count against; the cookie goes out with this response.
        request.session.save()
        request.session.modified = True
    window = settings.PARTICIPANT_ATTEMPT_WINDOW_SECONDS
    for key, limit in _attempt_limits(request, kind, code):
        ratelimit.hit(key, limit=limit, window_seconds=window)


def _too_many(request: HttpRequest) -> HttpResponse:
    minutes = settings.PARTICIPANT_ATTEMPT_WINDOW_SECONDS // 60
    response = render(request, "workshops/phone/too_many.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(settings.PARTICIPANT_ATTEMPT_WINDOW_SECONDS)
    return response


# --- Personal link and join code -----------------------------------------------------------------


def link_redeem(request: HttpRequest, token: str) -> HttpResponse:
    """Sign the phone in with a personal link and go on to an address without the token.

    GET (or HEAD) only; the method check is made here rather than by a decorator, so that a
    405 is kept out of Django's request log (which would write the path, and so the token) too.
    """
    if request.method not in ("GET", "HEAD"):
        response = HttpResponseNotAllowed(["GET", "HEAD"])
    elif _is_limited(request, "link"):
        response = _too_many(request)
    elif services.link_redeem(request=request, token=token) is not None:
        response = redirect("workshops:phone.home")
    else:
        _count_failure(request, "link")
        logger.info("A personal link was refused (unknown, revoked or inactive).")
        response = render(request, "workshops/phone/link_invalid.html", status=404)
    if response.status_code >= 400:
        # Django's request logger would write the path, and with it the token.
        response._has_been_logged = True
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
def join(request: HttpRequest) -> HttpResponse:
    """Join an open workshop with its code and a self-declared stakeholder group."""
    if request.method == "GET":
        form = JoinForm(initial={"code": request.GET.get("code", "")[:32]})
        ctx = {"form": form, "current": current_participant(request)}
        return render(request, "workshops/phone/join.html", ctx)
    if _is_limited(request, "join"):
        return _too_many(request)
    form = JoinForm(request.POST)
    if form.is_valid():
        code = normalise_join_code(form.cleaned_data["code"])
        if _is_limited(request, "join", code):
            return _too_many(request)
        workshop = selectors.joinable_workshop(code)
        if workshop is None:
            _count_failure(request, "join", code)
            form.add_error(
                "code",
                _("No workshop is open for joining with this code. Check the code and try again."),
            )
        else:
            services.participant_join(
                request=request,
                workshop=workshop,
                group=form.cleaned_data["group"],
                current=current_participant(request),
            )
            return redirect("workshops:phone.workshop", pk=workshop.pk)
    return render(request, "workshops/phone/join.html", {"form": form}, status=400)


# --- The participant's pages ---------------------------------------------------------------------


@require_safe
@participant_required
def phone_home(request: HttpRequest) -> HttpResponse:
    participant = request.participant
    ctx = {
        "participant": participant,
        "workshops": selectors.phone_workshops(participant),
        "rounds": phone_rounds(participant),
    }
    return render(request, "workshops/phone/home.html", ctx)


@require_http_methods(["GET", "POST"])
@participant_required
def phone_workshop(request: HttpRequest, pk: int) -> HttpResponse:
    """The note form (while the workshop is open) and the participant's own notes.

    A POST adds a note and redirects back (an htmx POST gets the notes section instead). A POST
    to a workshop that is not open answers 409.
    """
    participant = request.participant
    workshop = get_workshop_for_participant(participant, pk)
    here = reverse("workshops:phone.workshop", kwargs={"pk": workshop.pk})
    form = NoteForm(post_data(request))
    status = 200
    added = False
    if request.method == "POST":
        if not workshop.accepts_notes:
            return _notes_closed(request, here, participant, workshop)
        if form.is_valid():
            try:
                note_services.note_create(
                    participant=participant,
                    workshop=workshop,
                    kind=form.cleaned_data["kind"],
                    text=form.cleaned_data["text"],
                )
            except note_services.NotesClosed:
                return _notes_closed(request, here, participant, workshop)
            if not is_htmx(request):
                messages.success(request, _("Your note was added."))
                return redirect(here)
            form = NoteForm()
            added = True
        elif not is_htmx(request):
            status = 400  # htmx swaps only successful responses; it gets the errors with 200
    ctx = {
        "participant": participant,
        "workshop": workshop,
        "form": form,
        "notes": selectors.own_notes(participant, workshop),
        "added": added,
    }
    template = template_for(request, "workshops/phone/workshop.html", "notes")
    return render(request, template, ctx, status=status)


def _notes_closed(request, here: str, participant, workshop) -> HttpResponse:
    """409 for a note to a workshop that does not accept notes (any more)."""
    messages.error(request, _("This workshop does not accept notes at the moment."))
    if is_htmx(request):
        return hx_redirect(HttpResponse(status=409), here)
    ctx = {
        "participant": participant,
        "workshop": workshop,
        "form": None,
        "notes": selectors.own_notes(participant, workshop),
    }
    return render(request, "workshops/phone/workshop.html", ctx, status=409)


@require_http_methods(["GET", "POST"])
@participant_required
def phone_note_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit one's own note while its workshop is open; anyone else's note is 404."""
    participant = request.participant
    note = get_own_insight(participant, pk)
    workshop = note.workshop
    back = reverse("workshops:phone.workshop", kwargs={"pk": workshop.pk})
    form = NoteForm(post_data(request), instance=note)
    status = 200
    if request.method == "POST":
        if not workshop.accepts_notes:
            status = 409
        elif not form.is_valid():
            status = 400
        else:
            try:
                note_services.note_update(
                    note=note,
                    participant=participant,
                    kind=form.cleaned_data["kind"],
                    text=form.cleaned_data["text"],
                )
            except note_services.NotesClosed:
                status = 409
            else:
                messages.success(request, _("Your note was saved."))
                return redirect(back)
    ctx = {"participant": participant, "workshop": workshop, "note": note, "form": form}
    return render(request, "workshops/phone/note_edit.html", ctx, status=status)


@require_POST
def phone_logout(request: HttpRequest) -> HttpResponse:
    """End the participant session on this phone."""
    logout_participant(request)
    return redirect("workshops:join")
