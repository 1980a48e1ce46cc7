"""Project middleware."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.utils import translation

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
