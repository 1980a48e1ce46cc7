"""Writes of the accounts app."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor


def totp_device_confirm(*, user, key: str, code: str) -> TOTPDevice:
    """Enrol the authenticator app holding `key`, proven by a current `code` from it."""
    step = two_factor.code_matches_key(key, code)
    if step is None:
        raise ValidationError(
            _("The code is not right. Check the time on the phone and try again.")
        )
    device = TOTPDevice(
        user=user, name=str(_("Authenticator app")), key=key, confirmed=True, last_t=step
    )
    device.full_clean()
    device.save()
    return device
