"""Follow-up after approval: status updates, the programme overview, and "you said, we did" for
participants."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from actionplan import selectors, services
from actionplan.models import Initiative, StatusUpdate
from core.http import form_status, post_data
from strategy.forms import DateInput
from strategy.permissions import Perm, get_object_in_process, get_process_for_user
from workshops.permissions import participant_required


class StatusUpdateForm(forms.ModelForm):
    class Meta:
        model = StatusUpdate
        fields = ["date", "status", "traffic_light", "note"]
        widgets = {"date": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}


@transaction.atomic
def _record_status_update(*, initiative: Initiative, data: dict, user) -> StatusUpdate:
    """The dated status update, and the initiative's current status and traffic light from it
    (through services.initiative_set_status, the one place that changes them)."""
    update = StatusUpdate(initiative=initiative, author=user, **data)
    update.full_clean()
    update.save()
    services.initiative_set_status(
        initiative=initiative,
        status=update.status,
        traffic_light=update.traffic_light,
        user=user,
    )
    return update


@login_required
@require_http_methods(["GET", "POST"])
def status_update_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A dated follow-up of an initiative: status, traffic light and a note."""
    process = get_process_for_user(request.user, slug, Perm.EDIT)
    initiative = get_object_in_process(Initiative.objects.select_related("theme"), process, pk=pk)
    initial = {
        "date": timezone.localdate(),
        "status": initiative.status,
        "traffic_light": initiative.traffic_light,
    }
    form = StatusUpdateForm(post_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            _record_status_update(initiative=initiative, data=form.cleaned_data, user=request.user)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc)
        else:
            messages.success(request, _("The status update was saved."))
            return redirect(
                reverse("actionplan:initiative.detail", kwargs={"slug": slug, "pk": pk})
            )
    ctx = {"process": process, "initiative": initiative, "form": form}
    return render(request, "actionplan/status_update_form.html", ctx, status=form_status(form))


@login_required
@require_safe
def programme(request: HttpRequest, slug: str) -> HttpResponse:
    """The programme overview: counts by status and traffic light, overdue milestones, unmet
    prerequisites and the latest status update of each initiative."""
    process = get_process_for_user(request.user, slug, Perm.VIEW)
    today = timezone.localdate()
    ctx = {"process": process, "today": today, **selectors.programme_overview(process, today)}
    return render(request, "actionplan/programme.html", ctx)


@require_safe
@participant_required
def you_said_we_did(request: HttpRequest) -> HttpResponse:
    """For a participant: the themes that carry their own notes, and what the plan does there."""
    participant = request.participant
    ctx = {"participant": participant, "themes": selectors.you_said_we_did(participant)}
    return render(request, "actionplan/you_said_we_did.html", ctx)
