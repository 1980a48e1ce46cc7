"""The one place that knows about htmx request headers."""

from django.http import HttpRequest, HttpResponse


def is_htmx(request: HttpRequest) -> bool:
    """True for a request made by htmx (but not for a history restore, which needs a full page)."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def template_for(request: HttpRequest, template: str, partial: str) -> str:
    """The full page for a normal request, only its named partial for an htmx request."""
    return f"{template}#{partial}" if is_htmx(request) else template


def hx_redirect(response: HttpResponse, url: str) -> HttpResponse:
    """Tell htmx to navigate the whole page to url."""
    response.headers["HX-Redirect"] = url
    return response
