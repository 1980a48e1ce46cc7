"""Choices shared by the strategy app's models, forms and the apps below it."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OrgUnitKind(models.TextChoices):
    VUGGESTUE = "vuggestue", _("Nursery (vuggestue)")
    BORNEHAVE = "bornehave", _("Kindergarten (børnehave)")
    INTEGRERET = "integreret", _("Integrated institution")
    DAGPLEJE = "dagpleje", _("Family day care (dagpleje)")
    ADMINISTRATION = "administration", _("Administration")


class Role(models.TextChoices):
    LEAD = "lead", _("Project lead")
    STEERING = "steering", _("Steering group")
    CONTRIBUTOR = "contributor", _("Contributor")
    VIEWER = "viewer", _("Viewer")


class ProcessStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("strategy status", "Draft")
    IN_APPROVAL = "in_approval", pgettext_lazy("strategy status", "Awaiting approval")
    APPROVED = "approved", pgettext_lazy("strategy status", "Approved")


class PhaseStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("phase status", "Not started")
    ACTIVE = "active", pgettext_lazy("phase status", "In progress")
    DONE = "done", pgettext_lazy("phase status", "Completed")


class ThemeLabel(models.TextChoices):
    """What the municipality calls a strategic theme."""

    TEMA = "tema", _("Theme (tema)")
    SPOR = "spor", _("Track (spor)")
    FOKUSOMRAADE = "fokusomraade", _("Focus area (fokusområde)")
    INDSATSOMRAADE = "indsatsomraade", _("Area of effort (indsatsområde)")


class PlanLabel(models.TextChoices):
    """What the municipality calls its action plan."""

    HANDLEPLAN = "handleplan", _("Action plan (handleplan)")
    HANDLINGSPLAN = "handlingsplan", _("Action plan (handlingsplan)")


# Singular and plural display forms of the configurable labels.
THEME_LABEL_FORMS = {
    ThemeLabel.TEMA: (pgettext_lazy("label", "Theme"), pgettext_lazy("label", "Themes")),
    ThemeLabel.SPOR: (pgettext_lazy("label", "Track"), pgettext_lazy("label", "Tracks")),
    ThemeLabel.FOKUSOMRAADE: (
        pgettext_lazy("label", "Focus area"),
        pgettext_lazy("label", "Focus areas"),
    ),
    ThemeLabel.INDSATSOMRAADE: (
        pgettext_lazy("label", "Area of effort"),
        pgettext_lazy("label", "Areas of effort"),
    ),
}
PLAN_LABEL_FORMS = {
    PlanLabel.HANDLEPLAN: pgettext_lazy("label", "Action plan"),
    PlanLabel.HANDLINGSPLAN: pgettext_lazy("label", "Plan of action"),
}


class ThemeStatus(models.TextChoices):
    CANDIDATE = "candidate", pgettext_lazy("theme status", "Candidate")
    PRIORITISED = "prioritised", pgettext_lazy("theme status", "Prioritised")
    PARKED = "parked", pgettext_lazy("theme status", "Parked")
    MERGED = "merged", pgettext_lazy("theme status", "Merged")


class PlanPhase(models.TextChoices):
    """Fase 1 / Fase 2 of the action plan (which initiatives come first)."""

    PHASE_1 = "1", _("Phase 1")
    PHASE_2 = "2", _("Phase 2")
