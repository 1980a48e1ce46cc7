"""Optional two-factor login with a TOTP app (django-otp), for project leads and steering
members; required for them when settings.REQUIRE_2FA_FOR_LEADS is on.

The password step (accounts.otp_views.TwoFactorLoginView, django-axes as before) does not log
a user with a confirmed device in: it keeps a short-lived pending login in the session, and only
the right code logs in (rotating the session key) and marks the session verified
(django_otp.login). Wrong codes are throttled by the device itself (OTP_TOTP_THROTTLE_FACTOR).
"""

import secrets
import time
from binascii import unhexlify

from django.conf import settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

# Roles (strategy.enums.Role values; accounts may not import strategy) whose members may enrol
# and, with REQUIRE_2FA_FOR_LEADS, must.
TWO_FACTOR_ROLES = ("lead", "steering")
PENDING_KEY = "two_factor_pending"
ENROL_KEY = "two_factor_enrol_key"
PENDING_SECONDS = 5 * 60


def may_enrol(user) -> bool:
    """Every account may turn two-factor login on for itself (operators of the admin too)."""
    return user.is_authenticated


def has_two_factor_role(user) -> bool:
    """A lead or a steering member of any process (one query): the roles that
    REQUIRE_2FA_FOR_LEADS concerns."""
    return user.is_authenticated and user.memberships.filter(role__in=TWO_FACTOR_ROLES).exists()


def must_enrol(user) -> bool:
    return settings.REQUIRE_2FA_FOR_LEADS and has_two_factor_role(user)


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()


# --- Enrolment -------------------------------------------------------------------------------


def new_key() -> str:
    """20 random bytes as hex, the format of TOTPDevice.key."""
    return secrets.token_hex(20)


def config_url(user, key: str) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    return TOTPDevice(user=user, key=key, name="default").config_url


def key_base32(key: str) -> str:
    """The key for typing into the app by hand, in groups of four."""
    from base64 import b32encode

    text = b32encode(unhexlify(key)).decode("ascii").rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def code_matches_key(key: str, code: str) -> int | None:
    """The time step the code belongs to when it is valid for `key` now (±1 step)."""
    totp = TOTP(unhexlify(key), step=30, t0=0, digits=6)
    totp.time = time.time()
    try:
        token = int(code)
    except ValueError:
        return None
    return totp.t() if totp.verify(token, tolerance=1) else None


# --- The pending login between the password and the code ----------------------------------


def start_pending(session, user, next_url: str) -> None:
    session[PENDING_KEY] = {
        "user": user.pk,
        "backend": user.backend,
        "next": next_url,
        "at": int(time.time()),
    }


def pending(session) -> dict | None:
    data = session.get(PENDING_KEY)
    if not data or time.time() - data.get("at", 0) > PENDING_SECONDS:
        return None
    return data


def clear_pending(session) -> None:
    session.pop(PENDING_KEY, None)
