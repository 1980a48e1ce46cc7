"""Views of the strategy app: thin; objects come from strategy.permissions, writes go through
strategy.services, reads through strategy.selectors."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.htmx import template_for
from core.http import add_service_errors, form_status, post_data, post_files
from strategy import selectors, services
from strategy.charts import phase_timeline
from strategy.enums import Role
from strategy.forms import (
    DecisionForm,
    DeliverableForm,
    MeetingForm,
    MemberAddForm,
    MembershipForm,
    OrgUnitForm,
    OrgUnitImportForm,
    PhaseForm,
    ProcessForm,
    VisionCompareForm,
    VisionForm,
)
from strategy.models import (
    Decision,
    Membership,
    OrgUnit,
    PhaseDeliverable,
    SteeringMeeting,
)
from strategy.permissions import (
    Perm,
    get_object_in_process,
    get_org_unit_for_user,
    get_phase_for_user,
    get_process_for_user,
)


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
        "latest_decisions": selectors.latest_decisions(process),
        "today": today,
    }
    return render(request, "strategy/process_overview.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def process_edit(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.MANAGE)
    form = ProcessForm(post_data(request), instance=process)
    if request.method == "POST" and form.is_valid():
        try:
            services.process_update(process=process, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The process was saved."))
            return redirect(process)
    ctx = {"process": process, "form": form}
    return render(request, "strategy/process_form.html", ctx, status=form_status(form))


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
    form = PhaseForm(post_data(request), instance=phase)
    if request.method == "POST" and form.is_valid():
        try:
            services.phase_update(phase=phase, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The phase was saved."))
            return redirect("strategy:phase.detail", slug=process.slug, pk=phase.pk)
    ctx = {"process": process, "phase": phase, "form": form}
    return render(request, "strategy/phase_form.html", ctx, status=form_status(form))


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
    form = OrgUnitForm(post_data(request), instance=unit)
    if request.method == "POST" and form.is_valid():
        try:
            services.org_unit_save(unit=form.instance)
        except ValidationError as exc:
            add_service_errors(form, exc)
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
    form = OrgUnitImportForm(post_data(request), post_files(request))
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
            "dagplejepædagoger",
            "souschef",
        ]
    )
    writer.writerow(
        ["Børnehuset Eksempel", "integreret", "36", "66", "6", "24", "0", "0", "0", "ja"]
    )
    return response


# --- Members --------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def member_list(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.MANAGE)
    form = MemberAddForm(post_data(request), process=process)
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
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The member was added and has been sent an e-mail."))
            return redirect("strategy:member.list", slug=process.slug)
    members = list(selectors.members_of_process(process))
    ctx = {"process": process, "members": members, "form": form}
    return render(request, "strategy/member_list.html", ctx, status=form_status(form))


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.MANAGE)
    membership = get_object_in_process(Membership.objects.select_related("user"), process, pk=pk)
    form = MembershipForm(
        post_data(request), initial={"role": membership.role, "title": membership.title}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_change_role(
                membership=membership,
                role=form.cleaned_data["role"],
                title=form.cleaned_data["title"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The role was changed."))
            return redirect("strategy:member.list", slug=process.slug)
    ctx = {"process": process, "membership": membership, "form": form}
    return render(request, "strategy/member_form.html", ctx, status=form_status(form))


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


# --- Vision -------------------------------------------------------------------------------------


@login_required
@require_safe
def vision_detail(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_user(request.user, slug)
    revisions = selectors.vision_revisions(process)
    ctx = {
        "process": process,
        "revisions": revisions,
        "current": revisions[0] if revisions else None,
        "previous": revisions[1] if len(revisions) > 1 else None,
    }
    return render(request, "strategy/vision_detail.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def vision_edit(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.EDIT)
    latest = selectors.latest_vision(process)
    initial = {"text": latest.text, "principles": latest.principles} if latest else {}
    form = VisionForm(post_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            revision = services.vision_revise(
                process=process,
                text=form.cleaned_data["text"],
                principles=form.cleaned_data["principles"],
                note=form.cleaned_data["note"],
                author=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Revision %(number)d of the vision was saved.") % {"number": revision.number},
            )
            return redirect("strategy:vision.detail", slug=process.slug)
    ctx = {"process": process, "form": form, "latest": latest}
    return render(request, "strategy/vision_form.html", ctx, status=form_status(form))


@login_required
@require_safe
def vision_compare(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_user(request.user, slug)
    revisions = selectors.vision_revisions(process)
    numbers = [revision.number for revision in revisions]
    data = None
    if revisions:
        # By default the previous revision against the latest; the GET form overrides either.
        data = {"a": numbers[min(1, len(numbers) - 1)], "b": numbers[0]}
        data.update({key: request.GET[key] for key in ("a", "b") if request.GET.get(key)})
    form = VisionCompareForm(data, numbers=numbers)
    comparison = None
    if revisions and form.is_valid():
        by_number = {revision.number: revision for revision in revisions}
        comparison = selectors.vision_compare(
            by_number[form.cleaned_data["a"]], by_number[form.cleaned_data["b"]]
        )
    ctx = {"process": process, "revisions": revisions, "form": form, "comparison": comparison}
    status = 400 if revisions and form.errors else 200
    return render(request, "strategy/vision_compare.html", ctx, status=status)


# --- Steering group -----------------------------------------------------------------------------


@login_required
@require_safe
def steering_list(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_user(request.user, slug)
    ctx = {
        "process": process,
        "meetings": selectors.meetings_of_process(process),
        "decisions": list(selectors.decision_log(process)),
    }
    return render(request, "strategy/steering_list.html", ctx)


@login_required
@require_safe
def meeting_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = get_process_for_user(request.user, slug)
    meeting = get_object_in_process(SteeringMeeting.objects.all(), process, pk=pk)
    ctx = {
        "process": process,
        "meeting": meeting,
        "decisions": selectors.decisions_of_meeting(meeting),
        "history": selectors.history_of(meeting),
    }
    return render(request, "strategy/meeting_detail.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.MINUTES)
    initial = {"number": selectors.next_meeting_number(process), "date": timezone.localdate()}
    form = MeetingForm(post_data(request), initial=initial, process=process)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(process=process, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The meeting was saved."))
            return redirect("strategy:meeting.detail", slug=process.slug, pk=meeting.pk)
    ctx = {"process": process, "form": form, "meeting": None}
    return render(request, "strategy/meeting_form.html", ctx, status=form_status(form))


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.MINUTES)
    meeting = get_object_in_process(SteeringMeeting.objects.all(), process, pk=pk)
    form = MeetingForm(post_data(request), instance=meeting, process=process)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(meeting=meeting, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The meeting was saved."))
            return redirect("strategy:meeting.detail", slug=process.slug, pk=meeting.pk)
    ctx = {"process": process, "form": form, "meeting": meeting}
    return render(request, "strategy/meeting_form.html", ctx, status=form_status(form))


@login_required
@require_http_methods(["GET", "POST"])
def decision_create(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.MINUTES)
    initial = {"date": timezone.localdate()}
    meeting = None
    if request.method == "GET" and request.GET.get("meeting", "").isdigit():
        meeting = SteeringMeeting.objects.filter(
            process=process, pk=int(request.GET["meeting"])
        ).first()
        if meeting is not None:
            initial.update(meeting=meeting.pk, date=meeting.date)
    form = DecisionForm(post_data(request), initial=initial, process=process)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision = services.decision_create(
                process=process,
                meeting=data["meeting"],
                date=data["date"],
                text=data["text"],
                themes=data["themes"],
                recorded_by=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The decision was recorded."))
            return _after_decision(process, decision)
    ctx = {"process": process, "form": form, "decision": None, "meeting": meeting}
    return render(request, "strategy/decision_form.html", ctx, status=form_status(form))


@login_required
@require_http_methods(["GET", "POST"])
def decision_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.MINUTES)
    decision = get_object_in_process(Decision.objects.select_related("process"), process, pk=pk)
    form = DecisionForm(post_data(request), instance=decision, process=process)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.decision_update(
                decision=decision,
                meeting=data["meeting"],
                date=data["date"],
                text=data["text"],
                themes=data["themes"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The decision was saved."))
            return _after_decision(process, decision)
    ctx = {
        "process": process,
        "form": form,
        "decision": decision,
        "meeting": decision.meeting,
        "history": selectors.decision_history(decision),
    }
    return render(request, "strategy/decision_form.html", ctx, status=form_status(form))


def _after_decision(process, decision: Decision) -> HttpResponse:
    """Back to the meeting the decision belongs to, else to the decision log."""
    if decision.meeting_id:
        return redirect("strategy:meeting.detail", slug=process.slug, pk=decision.meeting_id)
    return redirect(reverse("strategy:steering.list", kwargs={"slug": process.slug}) + "#decisions")
