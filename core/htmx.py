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


# An htmx answer with a 4xx status that is meant for the page: the form, row or panel again
# with its Danish messages. htmx 2 swaps only 2xx answers by itself; static/js/app.js tells it to
# swap an answer carrying this header too. Anything else (a CSRF failure, an error page) is
# never swapped.
SWAP_REFUSAL_HEADER = "X-Swap-Refusal"


def swap_refusal(response: HttpResponse) -> HttpResponse:
    """Mark `response` as one that htmx swaps in also when its status is 4xx."""
    response.headers[SWAP_REFUSAL_HEADER] = "1"
    return response
