"""The strategy document's screens: the HTML preview and the PDF of the current draft."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from reporting import render as renderers
from reporting.document import build_document
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
