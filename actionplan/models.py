"""The action plan: initiatives (indsatser) per theme with their success criteria,
prerequisites for success, risks, dependencies, milestones and status updates.

An initiative's status and traffic light change only through actionplan.services
(initiative_set_status); nothing else assigns `.status`.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actionplan.enums import (
    InitiativeStatus,
    PrerequisiteCategory,
    PrerequisiteStatus,
    TrafficLight,
)
from core.fields import BoundedTextField
from strategy.enums import PlanPhase
from strategy.models import StrategicTheme, StrategyProcess
from workshops.models import Insight

SCALE_1_5 = [MinValueValidator(1), MaxValueValidator(5)]


class Initiative(models.Model):
    """An initiative (indsats) under a theme, numbered within it ("2.1")."""

    process = models.ForeignKey(
        StrategyProcess,
        on_delete=models.CASCADE,
        related_name="initiatives",
        verbose_name=_("process"),
    )
    theme = models.ForeignKey(
        StrategicTheme,
        on_delete=models.PROTECT,
        related_name="initiatives",
        verbose_name=_("theme"),
    )
    position = models.PositiveSmallIntegerField(_("number within the theme"), default=1)
    title = models.CharField(_("title"), max_length=200)
    purpose = BoundedTextField(_("purpose (formål)"), max_length=2000, blank=True)
    expected_effect = BoundedTextField(_("expected effect"), max_length=2000, blank=True)
    owner = models.CharField(_("owner (indsatsejer)"), max_length=150, blank=True)
    coordinator = models.CharField(_("coordinator (tovholder)"), max_length=150, blank=True)
    responsible_unit = models.CharField(_("responsible unit"), max_length=200, blank=True)
    involved_parties = models.CharField(_("involved parties"), max_length=500, blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    phase = models.CharField(_("phase"), max_length=1, choices=PlanPhase.choices, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InitiativeStatus.choices,
        default=InitiativeStatus.NOT_STARTED,
    )
    traffic_light = models.CharField(
        _("traffic light"), max_length=10, choices=TrafficLight.choices, default=TrafficLight.GREEN
    )
    in_budget_request = models.BooleanField(_("part of the budget request"), default=False)
    insights = models.ManyToManyField(
        Insight, blank=True, related_name="initiatives", verbose_name=_("insights it answers")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["process", "theme__priority_rank", "theme_id", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["theme", "position"],
                name="initiative_unique_number_per_theme",
                violation_error_message=_("Another initiative of the theme has this number."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="initiative_end_after_start",
                violation_error_message=_("The initiative cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def number(self) -> str:
        """ "2.1": the theme's priority rank (or "–") and the position within the theme.
        Reads `theme.priority_rank`: select_related("theme") where many are shown."""
        theme_number = self.theme.priority_rank if self.theme.priority_rank else "–"
        return f"{theme_number}.{self.position}"


class SuccessCriterion(models.Model):
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("initiative")
    )
    indicator = models.CharField(_("indicator"), max_length=200)
    baseline = models.CharField(_("baseline"), max_length=200, blank=True)
    target = models.CharField(_("target value"), max_length=200, blank=True)
    measured_when = models.CharField(_("measured when"), max_length=100, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("success criterion")
        verbose_name_plural = _("success criteria")
        ordering = ["initiative", "id"]

    def __str__(self) -> str:
        return self.indicator


class Prerequisite(models.Model):
    """A prerequisite for success (forudsætning for at lykkes), for an initiative or, without
    one, for the whole strategy."""

    process = models.ForeignKey(
        StrategyProcess,
        on_delete=models.CASCADE,
        related_name="prerequisites",
        verbose_name=_("process"),
    )
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="prerequisites",
        verbose_name=_("initiative"),
    )
    category = models.CharField(_("category"), max_length=20, choices=PrerequisiteCategory.choices)
    description = BoundedTextField(_("description"), max_length=1000)
    owner = models.CharField(_("owner"), max_length=150, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PrerequisiteStatus.choices,
        default=PrerequisiteStatus.NOT_MET,
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("prerequisite for success")
        verbose_name_plural = _("prerequisites for success")
        ordering = ["process", "initiative_id", "category", "id"]

    def __str__(self) -> str:
        return self.description[:60]


class Risk(models.Model):
    process = models.ForeignKey(
        StrategyProcess, on_delete=models.CASCADE, related_name="risks", verbose_name=_("process")
    )
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="risks",
        verbose_name=_("initiative"),
    )
    description = BoundedTextField(_("description"), max_length=1000)
    likelihood = models.PositiveSmallIntegerField(_("likelihood (1-5)"), validators=SCALE_1_5)
    impact = models.PositiveSmallIntegerField(_("impact (1-5)"), validators=SCALE_1_5)
    mitigation = BoundedTextField(_("mitigation"), max_length=1000, blank=True)
    owner = models.CharField(_("owner"), max_length=150, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        ordering = ["process", "-likelihood", "-impact", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(likelihood__gte=1, likelihood__lte=5, impact__gte=1, impact__lte=5),
                name="risk_scores_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return self.description[:60]

    @property
    def score(self) -> int:
        return self.likelihood * self.impact


class Dependency(models.Model):
    """`initiative` depends on `depends_on` (same process; never a cycle: see services)."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="dependencies"
    )
    depends_on = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="dependents")

    class Meta:
        verbose_name = _("dependency")
        verbose_name_plural = _("dependencies")
        constraints = [
            models.UniqueConstraint(fields=["initiative", "depends_on"], name="dependency_unique"),
            models.CheckConstraint(
                condition=~Q(initiative=F("depends_on")), name="dependency_not_on_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative_id} → {self.depends_on_id}"


class Milestone(models.Model):
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="milestones",
        verbose_name=_("initiative"),
    )
    title = models.CharField(_("milestone"), max_length=200)
    due_date = models.DateField(_("due date"))
    done = models.BooleanField(_("done"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["initiative", "due_date", "id"]

    def __str__(self) -> str:
        return self.title


class StatusUpdate(models.Model):
    """A dated follow-up of an initiative (after approval): status, traffic light and a note."""

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="status_updates",
        verbose_name=_("initiative"),
    )
    date = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=20, choices=InitiativeStatus.choices)
    traffic_light = models.CharField(
        _("traffic light"), max_length=10, choices=TrafficLight.choices
    )
    note = BoundedTextField(_("note"), max_length=2000, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("status update")
        verbose_name_plural = _("status updates")
        ordering = ["initiative", "-date", "-id"]

    def __str__(self) -> str:
        return f"{self.initiative_id} {self.date}"


# The investment basis and the budget (issue 6) live in their own module; re-exported here so
# that `from actionplan.models import CostLine` works and Django finds the models.
from actionplan.budget_models import (  # noqa: E402
    ComplianceException,
    CostLine,
    DeviceCategory,
    DeviceModel,
    DevicePlanItem,
    DevicePlanSettings,
    InventoryItem,
    ITGuideline,
    NeedRule,
)

__all__ = [
    "ComplianceException",
    "CostLine",
    "Dependency",
    "DeviceCategory",
    "DeviceModel",
    "DevicePlanItem",
    "DevicePlanSettings",
    "ITGuideline",
    "Initiative",
    "InventoryItem",
    "Milestone",
    "NeedRule",
    "Prerequisite",
    "Risk",
    "StatusUpdate",
    "SuccessCriterion",
]
