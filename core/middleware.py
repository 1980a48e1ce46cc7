"""Project middleware."""

from django.conf import settings
from django.contrib.auth import SESSION_KEY as MEMBER_SESSION_KEY
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.utils import translation
from django.utils.cache import add_never_cache_headers

from core.htmx import is_htmx


class LanguageMiddleware:
    """Activate Danish unless the user chose another language with the language switch.

    Unlike Django's LocaleMiddleware it ignores the browser's Accept-Language header: the
    product is Danish first, and English is an explicit choice stored in a cookie.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


# The session key of a participant's phone (workshops.permissions.SESSION_KEY; core may not
# import workshops, a test keeps the two equal).
PARTICIPANT_SESSION_KEY = "participant_id"


class PrivatePagesMiddleware:
    """A member's or a participant's page is not kept by the browser or a proxy (ASVS 8.2.1):
    `Cache-Control: max-age=0, no-cache, no-store, must-revalidate, private` (Django's
    never_cache) on every response to a session with a logged-in member or a participant's
    phone, unless the view set Cache-Control itself.

    Only a session the request has loaded anyway is looked at: a response that never read the
    session (static files, /healthz, the API) does not depend on who is logged in, and the check
    costs no query. The user is not loaded: the session's keys tell."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if (
            session is not None
            and session.accessed
            and "Cache-Control" not in response
            and (MEMBER_SESSION_KEY in session or PARTICIPANT_SESSION_KEY in session)
        ):
            add_never_cache_headers(response)
        return response


class HtmxLoginRedirectMiddleware:
    """An htmx request whose session expired gets a full-page redirect to the login page,
    instead of the login page swapped into a fragment."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if is_htmx(request) and response.status_code == 302:
            location = response.headers.get("Location", "")
            if location.startswith(resolve_url(settings.LOGIN_URL)):
                response.status_code = 204
                response.headers["HX-Redirect"] = location
                del response.headers["Location"]
        return response
