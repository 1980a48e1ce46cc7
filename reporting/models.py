"""The reporting app's models: the budget request's prose, approval requests and the immutable
approved versions of the strategy."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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


class ApprovalStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("approval status", "Awaiting the steering group")
    APPROVED = "approved", pgettext_lazy("approval status", "Approved")
    REJECTED = "rejected", pgettext_lazy("approval status", "Rejected")


class ApprovalRequest(models.Model):
    """The lead submits the current draft for approval: its canonical content and hash are kept,
    so the steering group approves exactly what was submitted. The status changes only in
    `reporting.services.approval_decide`; at most one request per process is pending."""

    process = models.ForeignKey(
        StrategyProcess,
        on_delete=models.CASCADE,
        related_name="approval_requests",
        verbose_name=_("process"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted"))
    document_date = models.DateField(_("date of the draft"))
    snapshot = models.TextField(_("canonical content"), editable=False)
    content_sha256 = models.CharField(_("content SHA-256"), max_length=64, editable=False)
    note = BoundedTextField(_("note to the steering group"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ApprovalStatus.choices, default=ApprovalStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    comment = BoundedTextField(_("comment"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("approval request")
        verbose_name_plural = _("approval requests")
        ordering = ["process", "-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["process"],
                condition=models.Q(status="pending"),
                name="approval_one_pending_per_process",
                violation_error_message=_("A version is already awaiting approval."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.process} – {self.submitted_at:%Y-%m-%d}"


class ImmutableVersionError(Exception):
    """An approved version was about to be changed or deleted."""


class StrategyVersionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableVersionError("Approved strategy versions cannot be changed.")

    def delete(self):
        raise ImmutableVersionError("Approved strategy versions cannot be deleted.")

    def bulk_update(self, *args, **kwargs):
        raise ImmutableVersionError("Approved strategy versions cannot be changed.")


class StrategyVersion(models.Model):
    """An approved version of the strategy, frozen: the canonical JSON of everything its PDF
    shows, the SHA-256 of that text, the PDF's bytes and their SHA-256, who approved it and
    when. Rows are written once and never changed or deleted: save() of an existing row,
    delete() and the queryset's update()/delete() raise, and on PostgreSQL a trigger refuses
    UPDATE and DELETE (migration 0003)."""

    process = models.ForeignKey(
        StrategyProcess,
        on_delete=models.PROTECT,
        related_name="strategy_versions",
        verbose_name=_("process"),
    )
    number = models.PositiveIntegerField(_("version"))
    approval_request = models.OneToOneField(
        ApprovalRequest,
        on_delete=models.PROTECT,
        related_name="version",
        verbose_name=_("approval request"),
    )
    snapshot = models.TextField(_("canonical content"))
    content_sha256 = models.CharField(_("content SHA-256"), max_length=64)
    pdf = models.BinaryField(_("PDF"))
    pdf_sha256 = models.CharField(_("PDF SHA-256"), max_length=64)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_by_name = models.CharField(_("approved by (name)"), max_length=200)
    approved_at = models.DateTimeField(_("approved"))

    objects = StrategyVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("approved strategy version")
        verbose_name_plural = _("approved strategy versions")
        ordering = ["process", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "number"], name="strategy_version_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.process} – {self.number}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableVersionError("Approved strategy versions cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableVersionError("Approved strategy versions cannot be deleted.")
