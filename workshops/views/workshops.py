"""Workshops: plan, open and close; the projector's join screen (project members)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.htmx import template_for
from core.http import add_service_errors, post_data
from core.qr import qr_svg
from strategy.permissions import Perm, get_object_in_process, get_process_for_user
from workshops.enums import WorkshopStatus
from workshops.forms.evidence import WorkshopForm, WorkshopStatusForm
from workshops.models import Workshop
from workshops.selectors import evidence as selectors
from workshops.services import evidence as services

# The buttons of the status form: (target status, label) for each current status.
STATUS_ACTIONS = {
    WorkshopStatus.PLANNED: [(WorkshopStatus.OPEN, gettext_lazy("Open for notes"))],
    WorkshopStatus.OPEN: [(WorkshopStatus.CLOSED, gettext_lazy("Close for notes"))],
    WorkshopStatus.CLOSED: [(WorkshopStatus.OPEN, gettext_lazy("Reopen for notes"))],
}


def _get_workshop(request, slug: str, pk: int, perm: Perm = Perm.VIEW):
    process = get_process_for_user(request.user, slug, perm)
    return process, get_object_in_process(Workshop.objects.all(), process, pk=pk)


@login_required
@require_safe
def workshop_list(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_user(request.user, slug)
    workshops = list(selectors.workshops_for_process(process))
    return render(
        request, "workshops/workshops/list.html", {"process": process, "workshops": workshops}
    )


@login_required
@require_http_methods(["GET", "POST"])
def workshop_create(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.EDIT)
    return _workshop_form(request, process, None)


@login_required
@require_http_methods(["GET", "POST"])
def workshop_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process, workshop = _get_workshop(request, slug, pk, Perm.EDIT)
    return _workshop_form(request, process, workshop)


def _workshop_form(request, process, workshop: Workshop | None) -> HttpResponse:
    form = WorkshopForm(post_data(request), instance=workshop)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            if workshop is None:
                workshop = services.workshop_create(process=process, data=data)
            else:
                workshop = services.workshop_update(workshop=workshop, data=data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The workshop was saved."))
            return redirect("workshops:workshop.detail", slug=process.slug, pk=workshop.pk)
    ctx = {"process": process, "form": form, "workshop": workshop}
    status = 400 if form.errors else 200
    return render(request, "workshops/workshops/form.html", ctx, status=status)


def _detail(request, process, workshop: Workshop, *, status_error: str = "", status: int = 200):
    ctx = {
        "process": process,
        "workshop": workshop,
        "counts": selectors.note_counts_by_kind(workshop),
        "status_actions": STATUS_ACTIONS[WorkshopStatus(workshop.status)],
        "status_error": status_error,
        "join_url": _join_url(request, workshop),
    }
    ctx["note_total"] = sum(count for _kind, _label, count in ctx["counts"])
    return render(request, "workshops/workshops/detail.html", ctx, status=status)


@login_required
@require_safe
def workshop_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process, workshop = _get_workshop(request, slug, pk)
    return _detail(request, process, workshop)


@login_required
@require_POST
def workshop_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process, workshop = _get_workshop(request, slug, pk, Perm.EDIT)
    form = WorkshopStatusForm(request.POST)
    if not form.is_valid():
        return _detail(
            request, process, workshop, status_error=_("Choose a valid status."), status=400
        )
    try:
        services.workshop_set_status(
            workshop=workshop, status=form.cleaned_data["status"], user=request.user
        )
    except ValidationError as exc:
        workshop.refresh_from_db()
        return _detail(request, process, workshop, status_error=" ".join(exc.messages), status=400)
    messages.success(
        request,
        _("The workshop is now: %(status)s.") % {"status": workshop.get_status_display()},
    )
    return redirect("workshops:workshop.detail", slug=process.slug, pk=workshop.pk)


def _join_url(request, workshop: Workshop) -> str:
    """The absolute address a phone opens to join this workshop with its code."""
    path = reverse("workshops:join") + "?" + urlencode({"code": workshop.join_code})
    return request.build_absolute_uri(path)


@login_required
@require_safe
def workshop_projector(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A full-screen page for the projector: the join code, its QR code and the note count,
    which htmx refreshes every 5 seconds (the same view answers with the `count` partial)."""
    process, workshop = _get_workshop(request, slug, pk)
    ctx = {"process": process, "workshop": workshop, "note_count": selectors.note_count(workshop)}
    template = template_for(request, "workshops/workshops/projector.html", "count")
    if template.endswith("#count"):
        return render(request, template, ctx)
    join_url = _join_url(request, workshop)
    ctx["join_url"] = join_url
    ctx["qr"] = qr_svg(join_url, title=_("QR code for joining the workshop"), scale=10)
    return render(request, template, ctx)
