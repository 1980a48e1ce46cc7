"""The reporting screens: the strategy document's preview and PDF, the budget request."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from core.http import add_service_errors, form_status, post_data
from reporting import budget_request as budget_requests
from reporting import render as renderers
from reporting import selectors, services
from reporting.document import build_document
from reporting.forms import BudgetRequestTextForm
from strategy.permissions import Perm, get_process_for_user


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
    """The current draft as a PDF (watermarked "UDKAST" with today's date)."""
    process = get_process_for_user(request.user, slug, Perm.VIEW)
    pdf = renderers.strategy_pdf(build_document(process))
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
