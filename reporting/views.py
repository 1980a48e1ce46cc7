"""The reporting screens: the strategy document's preview and PDF, the budget request."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.http import add_service_errors, form_status, post_data
from reporting import budget_request as budget_requests
from reporting import render as renderers
from reporting import selectors, services
from reporting.compare import compare
from reporting.document import build_document, document_data
from reporting.forms import (
    DRAFT,
    ApprovalDecisionForm,
    ApprovalSubmitForm,
    BudgetRequestTextForm,
    CompareForm,
)
from reporting.models import StrategyVersion
from strategy.permissions import Perm, get_object_in_process, get_process_for_user


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_safe
def preview(request: HttpRequest, slug: str) -> HttpResponse:
    """The current draft of the strategy document as a web page."""
    process = get_process_for_user(request.user, slug, Perm.VIEW)
    document = build_document(process)
    ctx = {"process": process, **renderers.document_context(document)}
    return render(request, "reporting/preview.html", ctx)


@login_required
@require_safe
def report_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    """The current draft as a PDF (watermarked "UDKAST" with today's date), rendered again only
    when the draft, the date or the code has changed since the last download (draft_pdf)."""
    process = get_process_for_user(request.user, slug, Perm.VIEW)
    pdf = renderers.draft_pdf(build_document(process), process_id=process.pk)
    return _pdf_response(pdf, f"strategi-{process.slug}-udkast.pdf")


@login_required
@require_safe
def budget_request_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    """The budget request (budgetønske) as a PDF in the municipal case format."""
    process = get_process_for_user(request.user, slug, Perm.VIEW)
    pdf = budget_requests.budget_request_pdf(budget_requests.build_budget_request(process))
    return _pdf_response(pdf, f"budgetoenske-{process.slug}.pdf")


@login_required
@require_http_methods(["GET", "POST"])
def budget_request_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """The lead writes the budget request's prose (defaults until first saved)."""
    process = get_process_for_user(request.user, slug, Perm.MANAGE)
    text = selectors.budget_request_text(process)
    form = BudgetRequestTextForm(post_data(request), instance=text)
    if form.is_valid():
        try:
            services.budget_request_text_save(
                process=process, data=form.cleaned_data, user=request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The budget request was saved."))
            return redirect("reporting:budget_request.edit", slug=process.slug)
    ctx = {"process": process, "form": form}
    return render(request, "reporting/budget_request_form.html", ctx, status=form_status(form))


# --- Approval and versions ------------------------------------------------------------------------


@login_required
@require_safe
def version_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The approved versions, the approval requests, the lead's submit form and the
    comparison form."""
    process = get_process_for_user(request.user, slug, Perm.VIEW)
    ctx = {
        "process": process,
        "versions": selectors.versions_of_process(process),
        "requests": selectors.approval_requests_of_process(process),
        "submit_form": ApprovalSubmitForm(),
        "compare_form": CompareForm(numbers=selectors.version_numbers(process)),
    }
    return render(request, "reporting/versions.html", ctx)


@login_required
@require_POST
def approval_submit(request: HttpRequest, slug: str) -> HttpResponse:
    """The lead submits the current draft to the steering group."""
    process = get_process_for_user(request.user, slug, Perm.MANAGE)
    form = ApprovalSubmitForm(request.POST)
    if form.is_valid():
        try:
            approval = services.approval_submit(
                process=process,
                user=request.user,
                base_url=request.build_absolute_uri("/"),
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The draft was sent to the steering group."))
            return redirect("reporting:approval.detail", slug=process.slug, pk=approval.pk)
    ctx = {
        "process": process,
        "versions": selectors.versions_of_process(process),
        "requests": selectors.approval_requests_of_process(process),
        "submit_form": form,
        "compare_form": CompareForm(numbers=selectors.version_numbers(process)),
    }
    return render(request, "reporting/versions.html", ctx, status=400)


@login_required
@require_safe
def approval_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """One approval request: what was submitted, its status, and the steering group's form."""
    process = get_process_for_user(request.user, slug, Perm.VIEW)
    approval = get_object_in_process(selectors.approval_queryset(), process, pk=pk)
    ctx = {"process": process, "approval": approval, "form": ApprovalDecisionForm()}
    return render(request, "reporting/approval_detail.html", ctx)


@login_required
@require_POST
def approval_decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A steering-group member approves or rejects the request with a comment."""
    process = get_process_for_user(request.user, slug, Perm.VIEW)
    approval = get_object_in_process(selectors.approval_queryset(), process, pk=pk)
    if Perm.DECIDE not in process.perms:
        raise PermissionDenied
    form = ApprovalDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.approval_decide(
                approval=approval,
                user=request.user,
                approve=form.cleaned_data["decision"] == ApprovalDecisionForm.APPROVE,
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your decision was recorded in the decision log."))
            return redirect("reporting:version.list", slug=process.slug)
    ctx = {"process": process, "approval": approval, "form": form}
    return render(request, "reporting/approval_detail.html", ctx, status=400)


@login_required
@require_safe
def version_pdf(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """The stored PDF of approved version `number` (the bytes as approved, never re-rendered)."""
    process = get_process_for_user(request.user, slug, Perm.VIEW)
    version = get_object_in_process(
        StrategyVersion.objects.only("pdf", "number", "process_id"), process, number=number
    )
    response = _pdf_response(bytes(version.pdf), f"strategi-{process.slug}-v{number}.pdf")
    response["Cache-Control"] = "private, max-age=3600"
    return response


def _version_data(process, choice: str) -> tuple[str, dict]:
    if choice == DRAFT:
        return _("The current draft"), document_data(build_document(process))
    version = get_object_in_process(
        StrategyVersion.objects.only("snapshot", "number", "process_id"),
        process,
        number=int(choice),
    )
    return _("Version %(number)s") % {"number": version.number}, json.loads(version.snapshot)


@login_required
@require_safe
def version_compare(request: HttpRequest, slug: str) -> HttpResponse:
    """What changed between two versions, or a version and the draft."""
    process = get_process_for_user(request.user, slug, Perm.VIEW)
    form = CompareForm(request.GET or None, numbers=selectors.version_numbers(process))
    ctx = {"process": process, "form": form, "sections": None}
    if form.is_valid():
        old_label, old = _version_data(process, form.cleaned_data["old"])
        new_label, new = _version_data(process, form.cleaned_data["new"])
        ctx.update(
            old_label=old_label,
            new_label=new_label,
            sections=compare(old, new),
        )
    return render(request, "reporting/compare.html", ctx, status=form_status(form))
