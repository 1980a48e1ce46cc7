"""A participant's ballot on the phone.

The round must belong to the participant's process and, for a join-code participant, to the
workshop whose code they used; a draft round, or anything else, answers 404. The ballot goes
through services.voting.ballot_submit, which holds the round's lock and keeps exactly one
counted ballot per participant (see that module). Answers to a POST:

- counted or changed: redirect back to the page (POST/redirect/GET) with a confirmation;
- the round is not open (any more): 409 with "the round is closed";
- the voter may not vote in this round (group, join code in a registered round): 403;
- a ballot that breaks a rule, or a second secret ballot: 400 with the messages next to the
  ballot and the voter's input kept.

The phone's form posts through htmx (the page works without JavaScript too): htmx gets only the
ballot panel, with the same status codes, and on success 200 with the confirmation and the
ballot as counted, so a vote costs one request instead of a POST, a redirect and a page load.

The quick path: the form also carries a ballot key (workshops.permissions.ballot_key), and an
htmx ballot with a valid key is decided without reading the session, the participant or the
round: the round's rules are kept by the process once read (selectors.voting.open_round), the
ballot is checked against them, and one statement writes it only if the round is open, the
participant may vote and the session that holds the key has not ended
(services.voting.ballot_submit_quick). Its answer is only the confirmation, swapped in above
the ballot, which stays as the voter sent it. Anything else (no key, a secret round, a ballot
that breaks a rule, nothing written) takes the full path, which says why.

A scripted client (Accept: application/json, or X-Requested-With) gets the same status codes
with a small JSON body instead of a page (200 with {"status": "counted"|"changed"} on success).

Results are never shown here: participants have no results page; the projector shows them.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_htmx.http import reswap, retarget

from core.htmx import is_htmx, swap_refusal
from workshops.enums import RoundStatus
from workshops.forms.ballot import BallotForm, clean_posted_ballot
from workshops.permissions import ballot_key, ballot_key_holder, participant_required
from workshops.selectors import voting as selectors
from workshops.services import voting as services

TEMPLATE = "workshops/phone/ballot.html"

# --- The page ------------------------------------------------------------------------------------


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "") or bool(
        request.headers.get("X-Requested-With")
    )


@require_http_methods(["GET", "POST"])
def phone_round(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method == "POST" and is_htmx(request) and not _wants_json(request):
        response = _quick_vote(request, pk)
        if response is not None:
            return response
    return _phone_round(request, pk)


@participant_required
def _phone_round(request: HttpRequest, pk: int) -> HttpResponse:
    participant = request.participant
    voting_round, options = selectors.ballot_round_for_participant(
        participant, pk, own_state=request.method != "POST"
    )
    ctx = {
        "participant": participant,
        "round": voting_round,
        "options": options,
        "form": None,
        "reason": services.may_vote(voting_round, participant),
        "voted": False,
    }
    if (
        voting_round.status == RoundStatus.OPEN
        and voting_round.opened_at
        and not voting_round.secret
        and not ctx["reason"]
    ):
        # The open ballot's form carries the key of the quick path.
        ctx["ballot_key"] = ballot_key(
            request, participant, voting_round.pk, selectors.opened_stamp(voting_round)
        )
    if request.method == "POST":
        return _vote(request, ctx)
    if voting_round.status == RoundStatus.OPEN and not ctx["reason"]:
        # The selector read the voter's own state with the round.
        if voting_round.secret:
            _show_ballot(ctx, voted=voting_round.has_participation)
        else:
            current = voting_round.own_values
            _show_ballot(ctx, voted=current is not None, current=current)
    return render(request, TEMPLATE, ctx)


def _show_ballot(ctx: dict, *, voted: bool, current: dict | None = None) -> None:
    """The ballot form (prefilled with `current`), unless a secret ballot has been cast."""
    ctx["voted"] = voted
    voting_round = ctx["round"]
    if not (voting_round.secret and voted):
        ctx["form"] = BallotForm(
            voting_round,
            ctx["options"],
            initial=current,
            order=selectors.voter_order(voting_round, ctx["participant"], ctx["options"]),
        )


def _quick_vote(request: HttpRequest, pk: int) -> HttpResponse | None:
    """The quick path of an htmx ballot (see the module's docstring): the answer, or None when
    the full path has to answer."""
    holder = ballot_key_holder(request, pk)
    if holder is None:
        return None
    voting_round = selectors.open_round(holder.round_id, holder.opened)
    if voting_round is None or voting_round.secret:
        return None
    values = clean_posted_ballot(voting_round.rules, request.POST)
    if values is None:
        return None
    outcome = services.ballot_submit_quick(
        round_id=voting_round.pk,
        mode=voting_round.mode,
        eligible_groups=voting_round.eligible_groups,
        participant_id=holder.participant_id,
        session_key=holder.session_key,
        values=values,
    )
    if outcome is None:
        return None
    ctx = {"vote_outcome": "counted" if outcome.created else "changed", "quick": True}
    # Rendered without the request: the confirmation needs none of the context processors.
    response = HttpResponse(render_to_string(f"{TEMPLATE}#status", ctx))
    return retarget(reswap(response, "outerHTML"), "#ballot-status")


def _vote(request: HttpRequest, ctx: dict) -> HttpResponse:
    participant = ctx["participant"]
    voting_round = ctx["round"]
    if voting_round.status != RoundStatus.OPEN:
        return _closed(request, ctx)
    if ctx["reason"]:
        if _wants_json(request):
            return JsonResponse({"status": "not_eligible", "errors": [ctx["reason"]]}, status=403)
        return _panel(request, ctx, status=403)
    if voting_round.secret and services.has_voted(voting_round, participant):
        ctx["voted"] = True
        message = _("You have voted. A secret ballot is final and cannot be changed.")
        if _wants_json(request):
            return JsonResponse({"status": "rejected", "errors": [message]}, status=400)
        ctx["final_refused"] = True
        return _panel(request, ctx, status=400)
    options = ctx["options"]
    form = BallotForm(
        voting_round,
        options,
        data=request.POST,
        order=selectors.voter_order(voting_round, participant, options),
    )
    if form.is_valid():
        try:
            outcome = services.ballot_submit(
                voting_round=voting_round,
                participant=participant,
                raw=form.raw,
                option_keys=form.keys,
            )
        except services.RoundNotOpen:
            return _closed(request, ctx)
        except services.BallotRejected as exc:
            form.add_ballot_errors(exc.messages, exc.options)
        else:
            status = "counted" if outcome.created else "changed"
            if _wants_json(request):
                return JsonResponse({"status": status})
            if is_htmx(request):
                # The phone swaps the ballot panel in place: no redirect, no second page load.
                ctx["vote_outcome"] = status
                _show_ballot(ctx, voted=True, current=form.ballot)
                return _panel(request, ctx)
            if outcome.created:
                messages.success(request, _("Thank you: your vote is counted."))
            else:
                messages.success(request, _("Your vote is changed."))
            return redirect(reverse("workshops:phone.round", kwargs={"pk": voting_round.pk}))
    if _wants_json(request):
        errors = [str(message) for message, _target in form.error_summary]
        return JsonResponse({"status": "rejected", "errors": errors}, status=400)
    if not voting_round.secret:
        ctx["voted"] = services.own_ballot(voting_round, participant) is not None
    ctx["form"] = form
    return _panel(request, ctx, status=400)


def _panel(request: HttpRequest, ctx: dict, *, status: int = 200) -> HttpResponse:
    """The answer to a ballot: the whole page with `status`, or for htmx only the ballot panel,
    marked (core.htmx.swap_refusal) so that htmx swaps a refusal (400, 403, 409) in too; a CSRF
    failure or an error page is never swapped."""
    if not is_htmx(request):
        return render(request, TEMPLATE, ctx, status=status)
    return swap_refusal(render(request, f"{TEMPLATE}#panel", ctx, status=status))


def _closed(request: HttpRequest, ctx: dict) -> HttpResponse:
    """409: the round is not open (it was closed while the voter was on the page)."""
    if _wants_json(request):
        return JsonResponse(
            {"status": "closed", "errors": [_("The round is closed. Your vote was not counted.")]},
            status=409,
        )
    ctx["refused_closed"] = True
    return _panel(request, ctx, status=409)
