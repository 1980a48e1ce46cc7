"""Choices of the investment basis and the budget (issue 6). English msgids; the Danish screen
words (Drift, Anlæg, Engangs, Varig, Budgetønske, ...) are in the Danish catalogue."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CostKind(models.TextChoices):
    """Drift (operating, under the serviceramme) or anlæg (capital, under the anlægsramme)."""

    DRIFT = "drift", pgettext_lazy("cost kind", "Operating")
    ANLAEG = "anlaeg", pgettext_lazy("cost kind", "Capital")


class Recurrence(models.TextChoices):
    """Engangs (one-off) or varig (recurring through all years)."""

    ONE_OFF = "one_off", pgettext_lazy("cost recurrence", "One-off")
    RECURRING = "recurring", pgettext_lazy("cost recurrence", "Recurring")


class Financing(models.TextChoices):
    BUDGET_REQUEST = "budget_request", _("Budget request")
    CAPITAL_REQUEST = "capital_request", _("Capital budget request")
    REPRIORITISATION = "reprioritisation", _("Reprioritisation within the 0-6 area")
    CENTRAL_POOL = "central_pool", _("Central digitalisation pool")
    DECENTRAL = "decentral", _("Decentralised financing")
    EXTERNAL = "external", _("External funds")
    LEASING = "leasing", _("Leasing")
    OFFSET = "offset", _("Offset (benefit)")


class Compliance(models.TextChoices):
    """The result of checking a catalogue item against an IT-guideline rule."""

    MET = "met", pgettext_lazy("compliance", "Met")
    NOT_MET = "not_met", pgettext_lazy("compliance", "Not met")
    UNKNOWN = "unknown", pgettext_lazy("compliance", "Unknown")


class GeneratedElement(models.TextChoices):
    """Which part of the device plan a generated cost line comes from."""

    PURCHASE = "purchase", _("Purchase")
    SETUP = "setup", _("Setup and levy")
    OPERATIONS = "operations", _("MDM licences and support")
    SUBSCRIPTION = "subscription", _("Mobile subscriptions")
    REPLACEMENT = "replacement", _("Replacement pool")


class GuidelineRuleKind(models.TextChoices):
    """The structured IT-guideline rules a catalogue item is checked against (budget.compliance)."""

    FRAMEWORK_AGREEMENT = "framework_agreement", _("Bought on a framework agreement")
    MDM_ENROLMENT = "mdm_enrolment", _("MDM enrolment possible")
    OS_UPDATES_LIFETIME = "os_updates_lifetime", _("OS security updates for the whole lifetime")
    SCREEN_LOCK = "screen_lock", _("Code or biometric lock")
    DPIA_AND_DPA = "dpia_and_dpa", _("DPIA and data processing agreement done")
    CHILD_FACING_8A = "child_facing_8a", _("Child-facing use justified under § 8 a")
    PRICE_CEILING = "price_ceiling", _("Price ceiling")


class Scenario(models.TextChoices):
    """Which initiatives the budget basis shows (`?scenario=` on the budget page)."""

    ALL = "all", _("All initiatives")
    PHASE1 = "phase1", _("Phase 1 only")
    REQUEST = "request", _("Only the budget request")
