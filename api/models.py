"""API tokens: one organisation's reporting tool reads that organisation's processes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from strategy.models import Organisation


class ApiToken(models.Model):
    """A bearer token of one organisation. Only the SHA-256 of the key is stored; the key is
    shown once, when `api.services.token_create` makes it. A revoked token answers 401."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("E.g. Power BI, finance."))
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked = models.BooleanField(_("revoked"), default=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["organisation", "name", "id"]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.name}"
