"""The action plan, its exports, the roadmap, the risk matrix and the strategy-level prerequisites
and risks."""

import csv as csv_module
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from actionplan import charts, selectors, services
from actionplan.forms import PlanFilterForm, PrerequisiteForm, RiskForm
from actionplan.models import Prerequisite, Risk
from core.htmx import template_for
from core.http import add_service_errors, form_status, post_data
from core.spreadsheet import csv_row, xlsx_row
from strategy.permissions import Perm, get_object_in_process, get_process_for_user


@login_required
@require_safe
def plan(request: HttpRequest, slug: str) -> HttpResponse:
    """The action plan: initiatives by theme in priority order, filters, unmet prerequisites."""
    process = get_process_for_user(request.user, slug, Perm.VIEW)
    filter_form = PlanFilterForm(request.GET or None, process=process)
    initiatives = selectors.filter_initiatives(
        selectors.initiatives_for_process(process), filter_form.filters()
    )
    ctx = {
        "process": process,
        "filter_form": filter_form,
        "groups": selectors.plan_groups(initiatives),
        "unmet_prerequisites": selectors.unmet_phase1_prerequisites(process),
    }
    return render(request, template_for(request, "actionplan/plan.html", "results"), ctx)


@login_required
@require_safe
def plan_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """The plan as CSV for Excel: UTF-8 with BOM, semicolons, one row per initiative; text that a
    spreadsheet would read as a formula gets a leading apostrophe."""
    process = get_process_for_user(request.user, slug, Perm.VIEW)
    buffer = io.StringIO()
    writer = csv_module.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(selectors.EXPORT_HEADER)
    for row in selectors.export_rows(process):
        writer.writerow(
            csv_row(
                ["" if v is None else v.isoformat() if hasattr(v, "isoformat") else v for v in row]
            )
        )
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="handleplan-{process.slug}.csv"'
    return response


@login_required
@require_safe
def plan_xlsx(request: HttpRequest, slug: str) -> HttpResponse:
    """The plan as an Excel workbook: a header row and one row per initiative (text as text
    cells, never formulas)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    process = get_process_for_user(request.user, slug, Perm.VIEW)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Handleplan"
    sheet.append(selectors.EXPORT_HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in selectors.export_rows(process):
        sheet.append(xlsx_row(sheet, row))
    for column in ("G", "H"):
        for cell in sheet[column][1:]:
            cell.number_format = "DD-MM-YYYY"
    widths = [8, 30, 40, 50, 24, 24, 12, 12, 10, 16, 12, 18, 60]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[chr(64 + index)].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="handleplan-{process.slug}.xlsx"'
    return response


@login_required
@require_safe
def roadmap(request: HttpRequest, slug: str) -> HttpResponse:
    """The roadmap: a Gantt chart by quarter over the strategy period, and the same as a table."""
    process = get_process_for_user(request.user, slug, Perm.VIEW)
    initiatives = selectors.roadmap_initiatives(process)
    chart = charts.roadmap(
        initiatives,
        period_start=process.period_start,
        period_end=process.period_end,
        today=timezone.localdate(),
    )
    ctx = {"process": process, "roadmap": chart, "initiatives": initiatives}
    return render(request, "actionplan/roadmap.html", ctx)


@login_required
@require_safe
def risk_matrix(request: HttpRequest, slug: str) -> HttpResponse:
    """The 5×5 risk matrix and the table of risks, highest score first."""
    process = get_process_for_user(request.user, slug, Perm.VIEW)
    matrix = charts.risk_matrix(selectors.risks_by_score(process))
    ctx = {"process": process, "matrix": matrix}
    return render(request, "actionplan/risk_matrix.html", ctx)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def prerequisite_list(request: HttpRequest, slug: str) -> HttpResponse:
    """Every prerequisite (strategy-level and the initiatives') by category; a form adds a
    strategy-level one."""
    process = get_process_for_user(
        request.user, slug, Perm.VIEW if request.method != "POST" else Perm.EDIT
    )
    form = PrerequisiteForm(post_data(request)) if "edit" in process.perms else None
    if form is not None and form.is_valid():
        prerequisite = form.save(commit=False)
        prerequisite.process = process
        try:
            services.prerequisite_save(prerequisite=prerequisite)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The prerequisite was added."))
            return redirect("actionplan:prerequisite.list", slug=process.slug)
    ctx = {
        "process": process,
        "groups": selectors.prerequisites_by_category(process),
        "form": form,
    }
    status = form_status(form) if form is not None else 200
    return render(request, "actionplan/prerequisite_list.html", ctx, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def prerequisite_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.EDIT)
    prerequisite = get_object_in_process(
        Prerequisite.objects.select_related("initiative__theme"), process, pk=pk
    )
    form = PrerequisiteForm(post_data(request), instance=prerequisite)
    if form.is_valid():
        services.prerequisite_save(prerequisite=form.instance)
        messages.success(request, _("The prerequisite was saved."))
        return redirect(_back_url(process, prerequisite.initiative, "actionplan:prerequisite.list"))
    ctx = {"process": process, "form": form, "prerequisite": prerequisite}
    return render(request, "actionplan/prerequisite_form.html", ctx, status=form_status(form))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def risk_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.EDIT)
    risk = get_object_in_process(Risk.objects.select_related("initiative__theme"), process, pk=pk)
    form = RiskForm(post_data(request), instance=risk)
    if form.is_valid():
        services.risk_save(risk=form.instance)
        messages.success(request, _("The risk was saved."))
        return redirect(_back_url(process, risk.initiative, "actionplan:risk.matrix"))
    ctx = {"process": process, "form": form, "risk": risk}
    return render(request, "actionplan/risk_form.html", ctx, status=form_status(form))


def _back_url(process, initiative, fallback: str) -> str:
    if initiative is not None:
        return reverse(
            "actionplan:initiative.detail", kwargs={"slug": process.slug, "pk": initiative.pk}
        )
    return reverse(fallback, kwargs={"slug": process.slug})
