"""The budget basis (budgetgrundlag), its exports, and the cost-line grid with inline editing.

Reading needs VIEW; adding, editing and deleting hand-written cost lines needs EDIT. Generated
lines (from the device plan) are read-only here: the device plan rewrites them.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from actionplan import budget_exports, budget_selectors, budget_services
from actionplan.budget_enums import Scenario
from actionplan.budget_forms import CostLineForm, ScenarioForm
from actionplan.models import CostLine
from core.htmx import swap_refusal
from core.http import add_service_errors, form_status, post_data
from strategy.permissions import Perm, get_object_in_process, get_process_for_user


def _scenario(request: HttpRequest) -> str:
    return ScenarioForm(request.GET).scenario_value()


def _grid_url(process, line: CostLine | None = None) -> str:
    url = reverse("actionplan:costline.list", kwargs={"slug": process.slug})
    return f"{url}#costline-{line.pk}" if line is not None else url


# --- The budget basis and its exports ---------------------------------------------------------


@login_required
@require_safe
def budget_basis(request: HttpRequest, slug: str) -> HttpResponse:
    """The matrix of every cost line × the four budget years, grouped by theme and initiative,
    with subtotals and totals; a scenario switch (GET links, no JS) and the exceptions."""
    process = get_process_for_user(request.user, slug, Perm.VIEW)
    scenario = _scenario(request)
    basis = budget_selectors.budget_basis(process, scenario)
    ctx = {
        "process": process,
        "basis": basis,
        "scenarios": [(value, label, value == basis.scenario) for value, label in Scenario.choices],
        "exceptions": list(budget_selectors.exceptions_for_process(process)),
    }
    return render(request, "actionplan/budget/basis.html", ctx)


@login_required
@require_safe
def budget_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """One row per cost line (kroner with a decimal comma), UTF-8 with BOM, semicolons."""
    process = get_process_for_user(request.user, slug, Perm.VIEW)
    basis = budget_selectors.budget_basis(process, _scenario(request))
    response = HttpResponse(
        budget_exports.budget_csv(basis), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="budget-{process.slug}.csv"'
    return response


@login_required
@require_safe
def budget_xlsx(request: HttpRequest, slug: str) -> HttpResponse:
    """The budget basis as a workbook: the matrix with formulas, per initiative, devices per
    institution and compliance (the stable address /p/<slug>/budget.xlsx)."""
    process = get_process_for_user(request.user, slug, Perm.VIEW)
    scenario = _scenario(request)
    content = budget_exports.budget_workbook(
        basis=budget_selectors.budget_basis(process, scenario),
        need=budget_selectors.need_table(process),
        catalogue=budget_selectors.catalogue(process),
    )
    response = HttpResponse(content, content_type=budget_exports.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="budget-{process.slug}.xlsx"'
    return response


# --- The cost-line grid --------------------------------------------------------------------


@login_required
@require_safe
def cost_line_list(request: HttpRequest, slug: str) -> HttpResponse:
    """Every initiative with its cost lines in kroner; hand-written lines are edited in place."""
    process = get_process_for_user(request.user, slug, Perm.VIEW)
    ctx = {"process": process, "groups": budget_selectors.cost_line_groups(process)}
    return render(request, "actionplan/budget/cost_lines.html", ctx)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def cost_line_create(request: HttpRequest, slug: str) -> HttpResponse:
    """A new hand-written line (the initiative can be preselected with ?initiative=<id>)."""
    process = get_process_for_user(request.user, slug, Perm.EDIT)
    initial = {}
    initiative_id = request.GET.get("initiative", "")
    if initiative_id.isdigit():
        initial["initiative"] = int(initiative_id)
    form = CostLineForm(post_data(request), process=process, initial=initial)
    if form.is_valid():
        try:
            line = budget_services.cost_line_create(
                process=process,
                initiative=form.cleaned_data["initiative"],
                data=form.service_data(),
                user=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The cost line was added."))
            return redirect(_grid_url(process, line))
    ctx = {
        "process": process,
        "form": form,
        "heading": _("New cost line"),
        "intro": _("Amounts in kroner at the price level of the budget; savings are negative."),
        "back_url": _grid_url(process),
        "back_label": _("Cost lines"),
        "submit_label": _("Add"),
    }
    return render(request, "actionplan/budget/form.html", ctx, status=form_status(form))


def _get_hand_written_line(request, slug: str, pk: int):
    process = get_process_for_user(request.user, slug, Perm.EDIT)
    line = get_object_in_process(
        budget_selectors.cost_lines_for_process(process).filter(generated=False), process, pk=pk
    )
    return process, line


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def cost_line_inline(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """GET: the row as a small form; POST: save, then the display row for htmx or a redirect to
    the grid without JS; invalid input answers 400 with the form and its messages."""
    process, line = _get_hand_written_line(request, slug, pk)
    label = line.label  # the form writes the submitted values onto the instance
    form = CostLineForm(
        post_data(request), process=process, instance=line, with_initiative=False, inline=True
    )
    if form.is_valid():
        try:
            budget_services.cost_line_update(line=line, data=form.service_data(), user=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if not request.htmx:
                messages.success(request, _("The cost line was saved."))
                return redirect(_grid_url(process, line))
            budget_selectors.label_cost_lines([line])
            return render(
                request, "actionplan/budget/cost_lines.html#row", {"process": process, "line": line}
            )
    ctx = {"process": process, "line": line, "label": label, "form": form}
    template = (
        "actionplan/budget/cost_lines.html#edit_row"
        if request.htmx
        else "actionplan/budget/cost_line_inline.html"
    )
    response = render(request, template, ctx, status=form_status(form))
    # htmx swaps a 400 with the row's form and its messages in like the row (core.htmx).
    return swap_refusal(response) if request.htmx else response


@login_required
@require_POST
def cost_line_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process, line = _get_hand_written_line(request, slug, pk)
    budget_services.cost_line_delete(line=line, user=request.user)
    if request.htmx:
        return HttpResponse("")
    messages.success(request, _("The cost line was deleted."))
    return redirect(_grid_url(process))
