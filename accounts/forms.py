from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _


class EmailAuthenticationForm(AuthenticationForm):
    """The login form: the field is called `username` (a stable handle) but holds the e-mail."""

    username = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )


class InvitationAwarePasswordResetForm(PasswordResetForm):
    """Password reset that also reaches invited people who never chose a password.

    Django's form skips accounts with an unusable password; here such an account is simply one
    whose invitation link expired, so it may ask for a new link. Inactive accounts still get
    nothing.
    """

    def get_users(self, email):
        email_field = get_user_model().get_email_field_name()
        users = get_user_model()._default_manager.filter(
            **{f"{email_field}__iexact": email, "is_active": True}
        )
        return (user for user in users if _iequal(getattr(user, email_field), email))


def _iequal(left: str, right: str) -> bool:
    return left.casefold() == right.casefold()
