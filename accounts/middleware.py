"""REQUIRE_2FA_FOR_LEADS: a lead or steering member whose session is not verified with an
authenticator code is sent to the enrolment (or, with an app already set up, to the code) and
reaches nothing but the account pages until then."""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from accounts import two_factor
from core.htmx import hx_redirect, is_htmx

# Reachable without the second factor: the account pages (login, logout, password, the two
# factor pages), the language switch, the health check, static files and the token-only API.
EXEMPT_PREFIXES = ("/accounts/", "/sprog/", "/healthz", "/api/", settings.STATIC_URL)


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.REQUIRE_2FA_FOR_LEADS
            and request.user.is_authenticated
            and not request.path.startswith(EXEMPT_PREFIXES)
            and not request.user.is_verified()
            and two_factor.has_two_factor_role(request.user)
        ):
            # The code, or the enrolment, and back to this page after it.
            query = urlencode({"next": request.get_full_path()})
            if two_factor.confirmed_device(request.user) is not None:
                url = f"{reverse('accounts:otp_verify')}?{query}"
            else:
                url = f"{reverse('accounts:otp_enrol')}?{query}"
            if is_htmx(request):
                return hx_redirect(HttpResponse(status=204), url)
            return redirect(url)
        return self.get_response(request)
