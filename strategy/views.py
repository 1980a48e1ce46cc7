"""Views of the strategy app: thin; objects come from strategy.permissions, writes go through
strategy.services, reads through strategy.selectors."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.htmx import template_for
from strategy import selectors, services
from strategy.charts import phase_timeline
from strategy.enums import Role
from strategy.forms import (
    DeliverableForm,
    MemberAddForm,
    MembershipForm,
    OrgUnitForm,
    OrgUnitImportForm,
    PhaseForm,
    ProcessForm,
)
from strategy.models import Membership, OrgUnit, PhaseDeliverable
from strategy.permissions import (
    Perm,
    get_object_in_process,
    get_org_unit_for_user,
    get_phase_for_user,
    get_process_for_user,
)


def _form_error_to_field(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@login_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    processes = list(selectors.processes_for_user(request.user))
    return render(
        request, "strategy/home.html", {"processes": processes, "role_choices": Role.choices}
    )


@login_required
@require_safe
def process_overview(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_user(request.user, slug)
    phases = selectors.phases_with_deliverables(process)
    today = timezone.localdate()
    current = services.current_phase(phases, today)
    next_phase = None
    if current is not None:
        next_phase = next((p for p in phases if p.number > current.number), None)
    open_deliverables = [d for d in current.deliverables.all() if not d.done] if current else []
    ctx = {
        "process": process,
        "phases": phases,
        "current_phase": current,
        "next_phase": next_phase,
        "open_deliverables": open_deliverables,
        "timeline": phase_timeline(phases, today, current.pk if current else None),
        "counts": selectors.overview_counts(process),
        "history": selectors.history_of(process, limit=10),
        "today": today,
    }
    return render(request, "strategy/process_overview.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def process_edit(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.MANAGE)
    form = ProcessForm(request.POST or None, instance=process)
    if request.method == "POST" and form.is_valid():
        try:
            services.process_update(process=process, data=form.cleaned_data)
        except ValidationError as exc:
            _form_error_to_field(form, exc)
        else:
            messages.success(request, _("The process was saved."))
            return redirect(process)
    return render(request, "strategy/process_form.html", {"process": process, "form": form})


# --- Phases -------------------------------------------------------------------------------------


@login_required
@require_safe
def phase_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process, phase = get_phase_for_user(request.user, slug, pk)
    ctx = {
        "process": process,
        "phase": phase,
        "deliverables": list(phase.deliverables.order_by("position", "id")),
        "deliverable_form": DeliverableForm(),
        "history": selectors.history_of(phase),
    }
    return render(request, template_for(request, "strategy/phase_detail.html", "checklist"), ctx)


@login_required
@require_http_methods(["GET", "POST"])
def phase_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process, phase = get_phase_for_user(request.user, slug, pk, Perm.MANAGE)
    form = PhaseForm(request.POST or None, instance=phase)
    if request.method == "POST" and form.is_valid():
        try:
            services.phase_update(phase=phase, data=form.cleaned_data)
        except ValidationError as exc:
            _form_error_to_field(form, exc)
        else:
            messages.success(request, _("The phase was saved."))
            return redirect("strategy:phase.detail", slug=process.slug, pk=phase.pk)
    return render(
        request, "strategy/phase_form.html", {"process": process, "phase": phase, "form": form}
    )


@login_required
@require_POST
def deliverable_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process, phase = get_phase_for_user(request.user, slug, pk, Perm.MANAGE)
    form = DeliverableForm(request.POST)
    if form.is_valid():
        services.deliverable_add(phase=phase, title=form.cleaned_data["title"])
        form = DeliverableForm()
    ctx = {
        "process": process,
        "phase": phase,
        "deliverables": list(phase.deliverables.order_by("position", "id")),
        "deliverable_form": form,
    }
    if request.htmx:
        return render(request, "strategy/phase_detail.html#checklist", ctx)
    if form.errors:
        ctx["history"] = selectors.history_of(phase)
        return render(request, "strategy/phase_detail.html", ctx, status=400)
    return redirect("strategy:phase.detail", slug=process.slug, pk=phase.pk)


def _get_deliverable(request, slug: str, pk: int, item: int):
    process, phase = get_phase_for_user(request.user, slug, pk, Perm.MANAGE)
    deliverable = get_object_or_404(PhaseDeliverable, phase=phase, pk=item)
    return process, phase, deliverable


@login_required
@require_POST
def deliverable_toggle(request: HttpRequest, slug: str, pk: int, item: int) -> HttpResponse:
    process, phase, deliverable = _get_deliverable(request, slug, pk, item)
    services.deliverable_set_done(deliverable=deliverable, done=request.POST.get("done") == "on")
    if request.htmx:
        return render(
            request,
            "strategy/_deliverable_row.html",
            {"process": process, "phase": phase, "d": deliverable},
        )
    return redirect("strategy:phase.detail", slug=process.slug, pk=phase.pk)


@login_required
@require_POST
def deliverable_delete(request: HttpRequest, slug: str, pk: int, item: int) -> HttpResponse:
    process, phase, deliverable = _get_deliverable(request, slug, pk, item)
    services.deliverable_delete(deliverable=deliverable)
    if request.htmx:
        return HttpResponse("")
    return redirect("strategy:phase.detail", slug=process.slug, pk=phase.pk)


# --- Institutions -------------------------------------------------------------------------------


@login_required
@require_safe
def orgunit_list(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_user(request.user, slug)
    units = list(selectors.org_units_for_process(process))
    ctx = {"process": process, "units": units, "totals": selectors.org_unit_totals(units)}
    return render(request, "strategy/orgunit_list.html", ctx)


@login_required
@require_safe
def orgunit_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process, unit = get_org_unit_for_user(request.user, slug, pk)
    ctx = {"process": process, "unit": unit, "history": selectors.history_of(unit)}
    return render(request, "strategy/orgunit_detail.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def orgunit_create(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.EDIT)
    unit = OrgUnit(organisation=process.organisation)
    return _orgunit_form(request, process, unit)


@login_required
@require_http_methods(["GET", "POST"])
def orgunit_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process, unit = get_org_unit_for_user(request.user, slug, pk, Perm.EDIT)
    return _orgunit_form(request, process, unit)


def _orgunit_form(request: HttpRequest, process, unit: OrgUnit) -> HttpResponse:
    form = OrgUnitForm(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid():
        try:
            services.org_unit_save(unit=form.instance)
        except ValidationError as exc:
            _form_error_to_field(form, exc)
        else:
            messages.success(request, _("The institution was saved."))
            return redirect("strategy:orgunit.detail", slug=process.slug, pk=unit.pk)
    status = 400 if form.errors else 200
    ctx = {"process": process, "unit": unit, "form": form}
    return render(request, "strategy/orgunit_form.html", ctx, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def orgunit_import(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.EDIT)
    form = OrgUnitImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = services.org_units_import_csv(
            organisation=process.organisation, upload=form.cleaned_data["file"]
        )
        if result.ok:
            messages.success(
                request,
                _("Imported: %(created)d new and %(updated)d updated institutions.")
                % {"created": result.created, "updated": result.updated},
            )
            return redirect("strategy:orgunit.list", slug=process.slug)
    status = 400 if (form.errors or (result and not result.ok)) else 200
    ctx = {"process": process, "form": form, "result": result}
    return render(request, "strategy/orgunit_import.html", ctx, status=status)


@login_required
@require_safe
def orgunit_csv_template(request: HttpRequest, slug: str) -> HttpResponse:
    get_process_for_user(request.user, slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="institutioner.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            "navn",
            "type",
            "børn 0-2",
            "børn 3-5",
            "stuer",
            "årsværk",
            "dagplejere",
            "legestuer",
            "souschef",
        ]
    )
    writer.writerow(["Børnehuset Eksempel", "integreret", "36", "66", "6", "24", "0", "0", "ja"])
    return response


# --- Members --------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def member_list(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.MANAGE)
    form = MemberAddForm(request.POST or None, process=process)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_invite(
                process=process,
                email=form.cleaned_data["email"],
                full_name=form.cleaned_data["full_name"],
                role=form.cleaned_data["role"],
                title=form.cleaned_data["title"],
                invited_by=request.user,
                base_url=request.build_absolute_uri("/"),
            )
        except ValidationError as exc:
            _form_error_to_field(form, exc)
        else:
            messages.success(request, _("The member was added and has been sent an e-mail."))
            return redirect("strategy:member.list", slug=process.slug)
    members = list(selectors.members_of_process(process))
    ctx = {"process": process, "members": members, "form": form}
    return render(request, "strategy/member_list.html", ctx, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.MANAGE)
    membership = get_object_in_process(Membership.objects.select_related("user"), process, pk=pk)
    form = MembershipForm(
        request.POST or None, initial={"role": membership.role, "title": membership.title}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_change_role(
                membership=membership,
                role=form.cleaned_data["role"],
                title=form.cleaned_data["title"],
            )
        except ValidationError as exc:
            _form_error_to_field(form, exc)
        else:
            messages.success(request, _("The role was changed."))
            return redirect("strategy:member.list", slug=process.slug)
    ctx = {"process": process, "membership": membership, "form": form}
    return render(request, "strategy/member_form.html", ctx, status=400 if form.errors else 200)


@login_required
@require_POST
def member_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.MANAGE)
    membership = get_object_in_process(Membership.objects.select_related("user"), process, pk=pk)
    try:
        services.membership_remove(membership=membership)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("%(name)s was removed from the process.") % {"name": membership.user}
        )
    return redirect("strategy:member.list", slug=process.slug)
