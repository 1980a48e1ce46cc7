from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The read-only API /api/v1/ for the organisation's reporting tools. After the other apps
    in INSTALLED_APPS (only archive follows, which nothing imports either): it reads through
    their selectors; nothing imports it."""

    name = "api"
    verbose_name = _("API")

    def ready(self) -> None:
        # Registers the bearer-token scheme with drf-spectacular.
        from api import schema  # noqa: F401
