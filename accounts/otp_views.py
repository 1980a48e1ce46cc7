"""The two-factor steps of the login and the enrolment of an authenticator app."""

import base64

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from accounts import services, two_factor
from accounts.otp_forms import CodeForm
from core.qr import qr_svg


class TwoFactorLoginView(auth_views.LoginView):
    """Django's login; a user with an authenticator app goes on to the code instead of being
    logged in by the password alone."""

    def form_valid(self, form):
        user = form.get_user()
        if two_factor.confirmed_device(user) is None:
            return super().form_valid(form)
        two_factor.start_pending(self.request.session, user, self.get_redirect_url())
        return redirect("accounts:otp_verify")


def _safe_next(request: HttpRequest, url: str) -> str:
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@never_cache
@require_http_methods(["GET", "POST"])
def otp_verify(request: HttpRequest) -> HttpResponse:
    """The code after the password (or for a session of a user who enrolled since it began).

    After the password the login's `next` was kept with the pending login; a session that is
    already logged in brings its own `?next=` (the admin's or REQUIRE_2FA_FOR_LEADS's page).
    Either is followed only within this site."""
    pending = two_factor.pending(request.session)
    if pending is not None:
        user = get_user_model()._default_manager.filter(pk=pending["user"], is_active=True).first()
    elif request.user.is_authenticated and not request.user.is_verified():
        user = request.user
    else:
        return redirect("accounts:login")
    device = two_factor.confirmed_device(user) if user is not None else None
    if device is None:
        two_factor.clear_pending(request.session)
        return redirect("accounts:login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _details = device.verify_is_allowed()
        if not allowed:
            form.add_error("code", _("Too many wrong codes. Wait a little and try again."))
        elif device.verify_token(form.cleaned_data["code"]):
            if pending is not None:
                login(request, user, backend=pending["backend"])  # rotates the session key
                two_factor.clear_pending(request.session)
            otp_login(request, device)
            next_url = pending["next"] if pending else request.GET.get(REDIRECT_FIELD_NAME, "")
            return redirect(_safe_next(request, next_url))
        else:
            form.add_error("code", _("The code is not right. Try the newest code from the app."))
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/otp_verify.html", {"form": form}, status=status)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def otp_enrol(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: scan the QR code (or type the key), confirm with a code."""
    if not two_factor.may_enrol(request.user):
        raise PermissionDenied
    if two_factor.confirmed_device(request.user) is not None:
        ctx = {"enrolled": True, "required": two_factor.must_enrol(request.user)}
        return render(request, "accounts/otp_enrol.html", ctx)
    key = request.session.get(two_factor.ENROL_KEY)
    if not key:
        key = request.session[two_factor.ENROL_KEY] = two_factor.new_key()
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.totp_device_confirm(
                user=request.user, key=key, code=form.cleaned_data["code"]
            )
        except ValidationError as exc:
            form.add_error("code", exc)
        else:
            request.session.pop(two_factor.ENROL_KEY, None)
            otp_login(request, device)
            messages.success(
                request, _("Two-factor login is on. Next time, the login asks for a code.")
            )
            return redirect(_safe_next(request, request.GET.get("next", "")))
    svg = qr_svg(two_factor.config_url(request.user, key), title=_("QR code for the app"))
    ctx = {
        "enrolled": False,
        "required": two_factor.must_enrol(request.user),
        "form": form,
        "qr_data_url": "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode(),
        "key_text": two_factor.key_base32(key),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/otp_enrol.html", ctx, status=status)
