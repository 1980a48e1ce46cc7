from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class InitiativeStatus(models.TextChoices):
    NOT_STARTED = "not_started", pgettext_lazy("initiative status", "Not started")
    IN_PROGRESS = "in_progress", pgettext_lazy("initiative status", "In progress")
    DELAYED = "delayed", pgettext_lazy("initiative status", "Delayed")
    DONE = "done", pgettext_lazy("initiative status", "Completed")


class TrafficLight(models.TextChoices):
    GREEN = "green", _("Green")
    YELLOW = "yellow", _("Yellow")
    RED = "red", _("Red")


class PrerequisiteCategory(models.TextChoices):
    SKILLS = "skills", _("Skills")
    TECHNOLOGY = "technology", _("Technology and infrastructure")
    ORGANISATION = "organisation", _("Organisation and leadership")
    ECONOMY = "economy", _("Economy")
    LEGAL = "legal", _("Law and data protection")


class PrerequisiteStatus(models.TextChoices):
    MET = "met", pgettext_lazy("prerequisite status", "Met")
    UNDERWAY = "underway", pgettext_lazy("prerequisite status", "Underway")
    NOT_MET = "not_met", pgettext_lazy("prerequisite status", "Not met")
