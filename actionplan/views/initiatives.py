"""Initiatives: create, edit (also inline through htmx), renumber, and their criteria,
prerequisites, risks, dependencies and milestones."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from actionplan import selectors, services
from actionplan.forms import (
    CriterionForm,
    DependencyForm,
    InitiativeForm,
    InlineInitiativeForm,
    MilestoneForm,
    PrerequisiteForm,
    RiskForm,
)
from actionplan.models import Dependency, Initiative, Milestone, SuccessCriterion
from core.htmx import swap_refusal
from core.http import add_service_errors, form_status, post_data
from strategy.permissions import Perm, get_object_in_process, get_process_for_user
from strategy.selectors import history_of
from workshops.selectors.evidence import priority_round, theme_evidence, visible_insights


def _get_initiative(request, slug: str, pk: int, perm: Perm):
    process = get_process_for_user(request.user, slug, perm)
    initiative = get_object_in_process(Initiative.objects.select_related("theme"), process, pk=pk)
    return process, initiative


def _detail_url(process, initiative) -> str:
    return reverse(
        "actionplan:initiative.detail", kwargs={"slug": process.slug, "pk": initiative.pk}
    )


# --- Create, edit, detail ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def initiative_create(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.EDIT)
    initial = {}
    theme_id = request.GET.get("theme", "")
    if theme_id.isdigit():
        initial["theme"] = int(theme_id)
    form = InitiativeForm(post_data(request), process=process, initial=initial)
    if form.is_valid():
        try:
            initiative = services.initiative_create(
                theme=form.cleaned_data["theme"], data=form.service_data()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The initiative was created."))
            return redirect(_detail_url(process, initiative))
    ctx = {"process": process, "form": form, "initiative": None}
    return render(request, "actionplan/initiative_form.html", ctx, status=form_status(form))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def initiative_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process, initiative = _get_initiative(request, slug, pk, Perm.EDIT)
    form = InitiativeForm(
        post_data(request), process=process, instance=initiative, with_theme=False
    )
    if form.is_valid():
        try:
            services.initiative_update(initiative=initiative, data=form.service_data())
        except ValidationError as exc:
            initiative.refresh_from_db()
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The initiative was saved."))
            return redirect(_detail_url(process, initiative))
    ctx = {"process": process, "form": form, "initiative": initiative}
    return render(request, "actionplan/initiative_form.html", ctx, status=form_status(form))


def _render_detail(request, process, pk, status: int = 200, **forms) -> HttpResponse:
    try:
        initiative = selectors.initiative_detail(process, pk)
    except Initiative.DoesNotExist as exc:
        raise Http404 from exc
    perms = process.perms
    for milestone in initiative.milestones.all():
        milestone.outside_period = services.milestone_outside_period(milestone, initiative)
    own_insights = list(
        visible_insights(process, perms)
        .filter(initiatives=initiative)
        .select_related("interview", "workshop")
        .order_by("created_at", "id")
    )
    ctx = {
        "process": process,
        "initiative": initiative,
        "theme": initiative.theme,
        "priority_round": priority_round(initiative.theme),
        "own_insights": own_insights,
        "theme_evidence": theme_evidence(initiative.theme, perms),
        "history": history_of(initiative),
    }
    if Perm.EDIT in perms:
        ctx.update(
            criterion_form=forms.get("criterion_form") or CriterionForm(),
            prerequisite_form=forms.get("prerequisite_form") or PrerequisiteForm(),
            risk_form=forms.get("risk_form") or RiskForm(),
            dependency_form=forms.get("dependency_form") or DependencyForm(initiative=initiative),
            milestone_form=forms.get("milestone_form") or MilestoneForm(),
        )
    return render(request, "actionplan/initiative_detail.html", ctx, status=status)


@login_required
@require_safe
def initiative_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.VIEW)
    return _render_detail(request, process, pk)


# --- Inline editing and moves on the plan -----------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def initiative_inline(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """GET: the row as a small form; POST: save and answer the display row (400 with the form
    when invalid)."""
    process, initiative = _get_initiative(request, slug, pk, Perm.EDIT)
    initial = {
        "status": initiative.status,
        "traffic_light": initiative.traffic_light,
        "owner": initiative.owner,
        "phase": initiative.phase,
        "in_budget_request": initiative.in_budget_request,
    }
    # Ids of its own: the row sits on the plan beside the filter form.
    form = InlineInitiativeForm(
        post_data(request), initial=initial, auto_id=f"initiative{initiative.pk}_%s"
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                services.initiative_update(
                    initiative=initiative,
                    data={
                        "owner": data["owner"],
                        "phase": data["phase"],
                        "in_budget_request": data["in_budget_request"],
                    },
                )
                services.initiative_set_status(
                    initiative=initiative,
                    status=data["status"],
                    traffic_light=data["traffic_light"],
                    user=request.user,
                )
        except ValidationError as exc:
            initiative.refresh_from_db()
            add_service_errors(form, exc)
        else:
            if not request.htmx:
                return redirect(reverse("actionplan:plan", kwargs={"slug": process.slug}))
            initiative.period = selectors.period_label(initiative)
            ctx = {"process": process, "initiative": initiative}
            return render(request, "actionplan/plan.html#row", ctx)
    ctx = {"process": process, "initiative": initiative, "form": form}
    template = (
        "actionplan/plan.html#edit_row" if request.htmx else "actionplan/initiative_inline.html"
    )
    response = render(request, template, ctx, status=form_status(form))
    # htmx swaps a 400 with the row's form and its messages in like the row (core.htmx).
    return swap_refusal(response) if request.htmx else response


@login_required
@require_POST
def initiative_move(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process, initiative = _get_initiative(request, slug, pk, Perm.EDIT)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        return HttpResponse(_("Choose up or down."), status=400)
    services.initiative_move(initiative=initiative, direction=direction)
    if request.htmx:
        ctx = {"process": process, "group": selectors.theme_group(initiative.theme)}
        return render(request, "actionplan/plan.html#theme_group", ctx)
    url = reverse("actionplan:plan", kwargs={"slug": process.slug})
    return redirect(f"{url}#theme-{initiative.theme_id}")


# --- The small forms of the detail page ---------------------------------------------------------


def _sub_form_post(request, slug, pk, form_class, form_name, save, form_kwargs=None):
    """Bind, validate, save; redirect on success, the page with 400 otherwise."""
    process, initiative = _get_initiative(request, slug, pk, Perm.EDIT)
    form = form_class(request.POST, **(form_kwargs(initiative) if form_kwargs else {}))
    if form.is_valid():
        try:
            save(request, process, initiative, form)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect(_detail_url(process, initiative))
    return _render_detail(request, process, initiative.pk, status=400, **{form_name: form})


def _save_criterion(request, process, initiative, form):
    services.criterion_add(initiative=initiative, data=form.cleaned_data)


def _save_prerequisite(request, process, initiative, form):
    prerequisite = form.save(commit=False)
    prerequisite.process = process
    prerequisite.initiative = initiative
    services.prerequisite_save(prerequisite=prerequisite)


def _save_risk(request, process, initiative, form):
    risk = form.save(commit=False)
    risk.process = process
    risk.initiative = initiative
    services.risk_save(risk=risk)


def _save_dependency(request, process, initiative, form):
    services.dependency_add(initiative=initiative, depends_on=form.cleaned_data["depends_on"])


def _save_milestone(request, process, initiative, form):
    result = services.milestone_add(initiative=initiative, data=form.cleaned_data)
    if result.warning:
        messages.warning(request, result.warning)


@login_required
@require_POST
def criterion_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _sub_form_post(request, slug, pk, CriterionForm, "criterion_form", _save_criterion)


@login_required
@require_POST
def criterion_delete(request: HttpRequest, slug: str, pk: int, item: int) -> HttpResponse:
    process, initiative = _get_initiative(request, slug, pk, Perm.EDIT)
    criterion = get_object_or_404(SuccessCriterion, initiative=initiative, pk=item)
    services.criterion_delete(criterion=criterion)
    return redirect(_detail_url(process, initiative))


@login_required
@require_POST
def prerequisite_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _sub_form_post(
        request, slug, pk, PrerequisiteForm, "prerequisite_form", _save_prerequisite
    )


@login_required
@require_POST
def risk_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _sub_form_post(request, slug, pk, RiskForm, "risk_form", _save_risk)


@login_required
@require_POST
def dependency_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _sub_form_post(
        request,
        slug,
        pk,
        DependencyForm,
        "dependency_form",
        _save_dependency,
        form_kwargs=lambda initiative: {"initiative": initiative},
    )


@login_required
@require_POST
def dependency_delete(request: HttpRequest, slug: str, pk: int, item: int) -> HttpResponse:
    process, initiative = _get_initiative(request, slug, pk, Perm.EDIT)
    dependency = get_object_or_404(Dependency, initiative=initiative, pk=item)
    services.dependency_remove(dependency=dependency)
    return redirect(_detail_url(process, initiative))


@login_required
@require_POST
def milestone_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _sub_form_post(request, slug, pk, MilestoneForm, "milestone_form", _save_milestone)


@login_required
@require_POST
def milestone_toggle(request: HttpRequest, slug: str, pk: int, item: int) -> HttpResponse:
    process, initiative = _get_initiative(request, slug, pk, Perm.EDIT)
    milestone = get_object_or_404(Milestone, initiative=initiative, pk=item)
    services.milestone_set_done(milestone=milestone, done=request.POST.get("done") == "on")
    return redirect(_detail_url(process, initiative))
