"""Voting rounds for project members: set-up, open/close, paper ballots, results, projector,
adoption.

Writes go through workshops.services.voting; reads through workshops.selectors.voting. A closed
round's result is always its frozen JSON (never tallied again); an open round shows results
only when they are live, otherwise the pages say they are hidden and results.json answers 403.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.http import add_service_errors, post_data
from core.qr import qr_svg
from strategy.permissions import Perm, get_object_in_process, get_process_for_user
from workshops.charts import score_bars
from workshops.enums import RoundStatus, StakeholderGroup, VotingMode
from workshops.forms.ballot import BallotForm
from workshops.forms.voting import AdoptForm, PaperGroupForm, RoundForm
from workshops.models import VotingRound
from workshops.selectors import voting as selectors
from workshops.services import voting as services


def _get_round(request, slug: str, pk: int, perm: Perm = Perm.VIEW):
    process = get_process_for_user(request.user, slug, perm)
    voting_round = get_object_in_process(selectors.round_queryset(), process, pk=pk)
    return process, voting_round


def _detail_url(process, voting_round) -> str:
    return reverse("workshops:round.detail", kwargs={"slug": process.slug, "pk": voting_round.pk})


# --- List and set-up ------------------------------------------------------------------------------


@login_required
@require_safe
def round_list(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_user(request.user, slug)
    rounds = list(selectors.rounds_for_process(process))
    return render(request, "workshops/rounds/list.html", {"process": process, "rounds": rounds})


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.EDIT)
    return _round_form(request, process, None)


@login_required
@require_http_methods(["GET", "POST"])
def round_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process, voting_round = _get_round(request, slug, pk, Perm.EDIT)
    if voting_round.status != RoundStatus.DRAFT:
        # The rules lock when the round opens: the page says so, a POST changes nothing.
        ctx = {"process": process, "voting_round": voting_round, "locked": True}
        status = 409 if request.method == "POST" else 200
        return render(request, "workshops/rounds/form.html", ctx, status=status)
    return _round_form(request, process, voting_round)


def _round_form(request, process, voting_round: VotingRound | None) -> HttpResponse:
    form = RoundForm(
        post_data(request),
        process=process,
        voting_round=voting_round,
    )
    if request.method == "POST" and form.is_valid():
        try:
            if voting_round is None:
                voting_round = services.round_create(
                    process=process, data=form.round_data(), themes=form.themes()
                )
            else:
                voting_round = services.round_update(
                    voting_round=voting_round, data=form.round_data(), themes=form.themes()
                )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The voting round was saved."))
            return redirect(_detail_url(process, voting_round))
    ctx = {
        "process": process,
        "voting_round": voting_round,
        "form": form,
        "method_fieldsets": form.method_fieldsets(),
        "criteria_rows": form.criteria_rows(),
    }
    status = 400 if form.errors else 200
    return render(request, "workshops/rounds/form.html", ctx, status=status)


# --- Detail, open, close --------------------------------------------------------------------------


def _detail(request, process, voting_round, *, error: str = "", status: int = 200):
    options = selectors.round_options(voting_round)
    ctx = {
        "process": process,
        "voting_round": voting_round,
        "options": options,
        "rules": services.round_rules(voting_round, [key for key, _title in options]),
        "progress": selectors.round_progress(voting_round),
        "results_visible": selectors.results_visible(voting_round),
        "eligible_labels": [
            label
            for value, label in StakeholderGroup.choices
            if value in (voting_round.eligible_groups or [])
        ],
        "status_error": error,
    }
    return render(request, "workshops/rounds/detail.html", ctx, status=status)


@login_required
@require_safe
def round_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process, voting_round = _get_round(request, slug, pk)
    return _detail(request, process, voting_round)


@login_required
@require_POST
def round_open(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process, voting_round = _get_round(request, slug, pk, Perm.EDIT)
    if voting_round.status != RoundStatus.DRAFT:
        error = _("Only a draft round can be opened.")
        return _detail(request, process, voting_round, error=error, status=409)
    try:
        services.round_open(voting_round=voting_round)
    except ValidationError as exc:
        voting_round.refresh_from_db()
        return _detail(request, process, voting_round, error=" ".join(exc.messages), status=400)
    messages.success(request, _("The round is open: the participants can vote now."))
    return redirect(_detail_url(process, voting_round))


@login_required
@require_POST
def round_close(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process, voting_round = _get_round(request, slug, pk, Perm.EDIT)
    if voting_round.status != RoundStatus.OPEN:
        error = _("Only an open round can be closed.")
        return _detail(request, process, voting_round, error=error, status=409)
    try:
        services.round_close(voting_round=voting_round)
    except ValidationError as exc:
        voting_round.refresh_from_db()
        return _detail(request, process, voting_round, error=" ".join(exc.messages), status=409)
    messages.success(request, _("The round is closed and its result is frozen."))
    return redirect(_detail_url(process, voting_round))


# --- Paper ballots --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def round_paper(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The facilitator enters a ballot collected on paper: the same inputs and rules as on a
    phone, counted as paper. A closed (or not yet open) round refuses it with 409."""
    process, voting_round = _get_round(request, slug, pk, Perm.EDIT)
    data = post_data(request)
    group_form = PaperGroupForm(data, voting_round=voting_round)
    ballot_form = BallotForm(voting_round, selectors.round_option_rows(voting_round), data=data)
    status = 200
    if request.method == "POST":
        if voting_round.status != RoundStatus.OPEN:
            status = 409
        elif group_form.is_valid() & ballot_form.is_valid():
            try:
                services.paper_ballot_add(
                    voting_round=voting_round,
                    group=group_form.cleaned_data["group"],
                    raw=ballot_form.raw,
                    entered_by=request.user,
                    labels=ballot_form.labels,
                )
            except services.RoundNotOpen:
                voting_round.refresh_from_db()
                status = 409
            except services.BallotRejected as exc:
                ballot_form.add_ballot_errors(exc.messages, exc.options)
                status = 400
            else:
                count = selectors.round_progress(voting_round).paper
                messages.success(
                    request,
                    ngettext(
                        "The paper ballot was saved. %(count)d paper ballot entered so far.",
                        "The paper ballot was saved. %(count)d paper ballots entered so far.",
                        count,
                    )
                    % {"count": count},
                )
                return redirect("workshops:round.paper", slug=process.slug, pk=voting_round.pk)
        else:
            status = 400
    ctx = {
        "process": process,
        "voting_round": voting_round,
        "group_form": group_form,
        "form": ballot_form,
        "progress": selectors.round_progress(voting_round),
        "not_open": voting_round.status != RoundStatus.OPEN,
    }
    return render(request, "workshops/rounds/paper.html", ctx, status=status)


# --- Results --------------------------------------------------------------------------------------


def _result_ctx(voting_round) -> dict:
    """The result (frozen or live) as rows and bars; empty when it is hidden."""
    data = selectors.round_result_json(voting_round)
    if data is None:
        return {"result": None, "chart": None}
    result = selectors.result_view(data)
    chart = score_bars(result.options, scale_max=result.scale_max if result.is_matrix else None)
    return {"result": result, "chart": chart}


@login_required
@require_safe
def round_results(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process, voting_round = _get_round(request, slug, pk)
    ctx = {"process": process, "voting_round": voting_round, **_result_ctx(voting_round)}
    return render(request, "workshops/rounds/results.html", ctx)


@login_required
@require_safe
def round_results_json(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The same numbers as the results page: the result JSON of tally.result_to_json."""
    process, voting_round = _get_round(request, slug, pk)
    meta = {
        "id": voting_round.pk,
        "title": voting_round.title,
        "process": process.slug,
        "status": voting_round.status,
        "results_visibility": voting_round.results_visibility,
        "closed_at": voting_round.closed_at.isoformat() if voting_round.closed_at else None,
    }
    data = selectors.round_result_json(voting_round)
    if data is None:
        error = (
            _("The results are hidden until the round closes.")
            if voting_round.status == RoundStatus.OPEN
            else _("The round has no results yet.")
        )
        return JsonResponse({"round": meta, "error": error}, status=403)
    live = voting_round.status == RoundStatus.OPEN
    return JsonResponse(
        {"round": meta, "live": live, "result": data},
        json_dumps_params={"ensure_ascii": False},
    )


# --- Projector ------------------------------------------------------------------------------------


def _panel_ctx(process, voting_round) -> dict:
    return {
        "process": process,
        "voting_round": voting_round,
        "progress": selectors.round_progress(voting_round),
        **_result_ctx(voting_round),
    }


@login_required
@require_safe
def round_projector(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A full-screen page for the projector: how to join, "x of y have voted" and, when the
    round shows its results, the bars; the panel is refreshed by htmx polling."""
    process, voting_round = _get_round(request, slug, pk)
    ctx = _panel_ctx(process, voting_round)
    workshop = voting_round.workshop
    if workshop is not None and workshop.open_join and voting_round.mode == VotingMode.OPEN:
        path = reverse("workshops:join") + "?" + urlencode({"code": workshop.join_code})
        ctx["join_url"] = request.build_absolute_uri(path)
        ctx["qr"] = qr_svg(ctx["join_url"], title=_("QR code for joining the vote"), scale=10)
    return render(request, "workshops/rounds/projector.html", ctx)


@login_required
@require_safe
def round_projector_panel(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The projector's polled panel: a constant, small number of queries."""
    process, voting_round = _get_round(request, slug, pk)
    return render(
        request, "workshops/rounds/projector.html#panel", _panel_ctx(process, voting_round)
    )


# --- Adoption -------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def round_adopt(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Adopt a closed round's frozen order as the themes' priority and phase (a decision)."""
    process, voting_round = _get_round(request, slug, pk, Perm.MINUTES)
    refusal = ""
    if voting_round.status != RoundStatus.CLOSED:
        refusal = _("Only a closed round's result can be adopted.")
    elif voting_round.adopted_decision_id:
        refusal = _("This round's result has already been adopted.")
    rows = selectors.adoption_rows(voting_round) if not refusal else []
    form = AdoptForm(post_data(request), process=process, rows=rows)
    status = 200
    if request.method == "POST":
        if refusal:
            status = 400
        elif form.is_valid():
            try:
                services.round_adopt(
                    voting_round=voting_round,
                    phases=form.phases(),
                    user=request.user,
                    meeting=form.cleaned_data["meeting"],
                    date=form.cleaned_data["date"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
                status = 400
            else:
                messages.success(request, _("The result was adopted as the themes' priority."))
                return redirect(_detail_url(process, voting_round))
        else:
            status = 400
    ctx = {"process": process, "voting_round": voting_round, "form": form, "refusal": refusal}
    return render(request, "workshops/rounds/adopt.html", ctx, status=status)
