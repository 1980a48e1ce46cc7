"""Interviews and the insights recorded from them (project members)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.http import add_service_errors, post_data
from strategy.permissions import Perm, get_object_in_process, get_process_for_user
from workshops.forms.evidence import InsightEditForm, InsightForm, InterviewForm
from workshops.models import Insight, Interview
from workshops.selectors import evidence as selectors
from workshops.services import evidence as services


@login_required
@require_safe
def interview_list(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_user(request.user, slug)
    interviews = list(selectors.interviews_for_process(process, process.perms))
    return render(
        request,
        "workshops/interviews/list.html",
        {"process": process, "interviews": interviews},
    )


@login_required
@require_http_methods(["GET", "POST"])
def interview_create(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.EDIT)
    return _interview_form(request, process, None)


@login_required
@require_http_methods(["GET", "POST"])
def interview_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.EDIT)
    interview = get_object_in_process(Interview.objects.all(), process, pk=pk)
    return _interview_form(request, process, interview)


def _interview_form(request, process, interview: Interview | None) -> HttpResponse:
    form = InterviewForm(post_data(request), instance=interview)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            if interview is None:
                interview = services.interview_create(process=process, data=data)
            else:
                interview = services.interview_update(interview=interview, data=data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The interview was saved."))
            return redirect("workshops:interview.detail", slug=process.slug, pk=interview.pk)
    ctx = {"process": process, "form": form, "interview": interview}
    status = 400 if form.errors else 200
    return render(request, "workshops/interviews/form.html", ctx, status=status)


def _detail_context(process, interview: Interview, insight_form=None) -> dict:
    ctx = {
        "process": process,
        "interview": interview,
        "insights": selectors.insights_of_interview(interview, process.perms),
    }
    if Perm.EDIT in process.perms:
        ctx["insight_form"] = insight_form or InsightForm(process=process)
    return ctx


@login_required
@require_safe
def interview_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = get_process_for_user(request.user, slug)
    interview = get_object_in_process(Interview.objects.all(), process, pk=pk)
    return render(request, "workshops/interviews/detail.html", _detail_context(process, interview))


@login_required
@require_POST
def insight_create(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.EDIT)
    interview = get_object_in_process(Interview.objects.all(), process, pk=pk)
    form = InsightForm(request.POST, process=process)
    if form.is_valid():
        try:
            services.insight_create(
                process=process,
                interview=interview,
                text=form.cleaned_data["text"],
                kind=form.cleaned_data["kind"],
                group=interview.group,
                themes=form.cleaned_data["themes"],
                user=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The insight was added."))
            url = reverse("workshops:interview.detail", kwargs={"slug": slug, "pk": pk})
            return redirect(f"{url}#insights")
    ctx = _detail_context(process, interview, insight_form=form)
    return render(request, "workshops/interviews/detail.html", ctx, status=400)


def _source_url(process, insight: Insight) -> str:
    if insight.interview_id:
        return reverse(
            "workshops:interview.detail", kwargs={"slug": process.slug, "pk": insight.interview_id}
        )
    return reverse(
        "workshops:board.detail", kwargs={"slug": process.slug, "pk": insight.workshop_id}
    )


@login_required
@require_http_methods(["GET", "POST"])
def insight_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.EDIT)
    insight = get_object_in_process(
        Insight.objects.select_related("interview", "workshop"), process, pk=pk
    )
    initial = {
        "kind": insight.kind,
        "text": insight.text,
        "group": insight.group,
        "themes": list(
            insight.theme_links.exclude(theme__status="merged").values_list("theme_id", flat=True)
        ),
    }
    form = InsightEditForm(post_data(request), initial=initial, process=process)
    if request.method == "POST" and form.is_valid():
        try:
            services.insight_update(
                insight=insight,
                text=form.cleaned_data["text"],
                kind=form.cleaned_data["kind"],
                group=form.cleaned_data["group"],
                themes=form.cleaned_data["themes"],
                user=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The insight was saved."))
            return redirect(_source_url(process, insight))
    ctx = {
        "process": process,
        "insight": insight,
        "form": form,
        "back_url": _source_url(process, insight),
    }
    status = 400 if form.errors else 200
    return render(request, "workshops/interviews/insight_form.html", ctx, status=status)


@login_required
@require_POST
def insight_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.EDIT)
    insight = get_object_in_process(Insight.objects.all(), process, pk=pk)
    back = _source_url(process, insight)
    services.insight_delete(insight=insight)
    messages.success(request, _("The insight was deleted."))
    return redirect(back)
