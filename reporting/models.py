"""The reporting app's models: the budget request's prose, approval requests and the immutable
approved versions of the strategy."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fields import BoundedTextField
from strategy.models import StrategyProcess


class BudgetRequestText(models.Model):
    """The prose of the budget request (budgetønske) in the municipal case format; the economy
    table comes from the budget basis. One per process; written by the project lead."""

    process = models.OneToOneField(
        StrategyProcess,
        on_delete=models.CASCADE,
        related_name="budget_request_text",
        verbose_name=_("process"),
    )
    committee = models.CharField(_("committee (udvalg)"), max_length=200, blank=True)
    department = models.CharField(_("administration (forvaltning)"), max_length=200, blank=True)
    core = BoundedTextField(_("the core of the case (sagens kerne)"), max_length=3000, blank=True)
    background = BoundedTextField(_("background"), max_length=5000, blank=True)
    prerequisites = BoundedTextField(_("prerequisites"), max_length=3000, blank=True)
    risks = BoundedTextField(_("risks"), max_length=3000, blank=True)
    recommendation = BoundedTextField(
        _("recommendation (indstilling)"), max_length=2000, blank=True
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        verbose_name = _("budget request text")
        verbose_name_plural = _("budget request texts")

    def __str__(self) -> str:
        return str(self.process)
