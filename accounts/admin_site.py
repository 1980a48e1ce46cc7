"""The admin site (/admin/), installed as Django's default site by
rodovre_strategy.apps.AdminConfig (Django's documented "overriding the default admin site").

- Its login is ours: /admin/login/ takes no password itself but sends the browser to
  accounts:login (TwoFactorLoginView: django-axes, and the authenticator code for a user who has
  set up an app), with `next` back to the admin.
- A staff user with a confirmed authenticator app reaches the admin only in a session verified
  with the code, as django_otp.admin.OTPAdminSite requires. Unlike OTPAdminSite, a staff user
  without an app still gets in after the password: the second factor is optional (only leads and
  steering members can enrol), and OTPAdminSite would shut such operators out altogether.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, resolve_url
from django.urls import reverse

# The request remembers whether its user has an app: has_permission() runs several times for
# one admin page (the view's guard, the page's context), the lookup once.
_HAS_DEVICE = "_admin_user_has_device"


def _has_device(request: HttpRequest) -> bool:
    if not hasattr(request, _HAS_DEVICE):
        from accounts import two_factor  # models: not while the app registry is loading

        setattr(request, _HAS_DEVICE, two_factor.confirmed_device(request.user) is not None)
    return getattr(request, _HAS_DEVICE)


class TwoFactorAdminSite(admin.AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        """Active staff; with an authenticator app, only once the session is verified."""
        if not super().has_permission(request):
            return False
        return request.user.is_verified() or not _has_device(request)

    def login(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        """Our login instead of the admin's form (a POST here logs nobody in)."""
        user = request.user
        next_url = request.GET.get(REDIRECT_FIELD_NAME) or reverse(
            "admin:index", current_app=self.name
        )
        if not user.is_authenticated:
            return redirect_to_login(next_url, resolve_url(settings.LOGIN_URL))
        if self.has_permission(request):
            return redirect(reverse("admin:index", current_app=self.name))
        if super().has_permission(request):  # staff with an app, the code not given yet
            # and back to the admin page after it (otp_verify follows only a local `next`)
            return redirect_to_login(next_url, reverse("accounts:otp_verify"))
        # A member who is not staff. Sending them to the login would loop: the login sends a
        # logged-in user on to `next`, the admin, which sends them here.
        raise PermissionDenied
