from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class StakeholderGroup(models.TextChoices):
    """Målgruppe: who a participant is. Results are broken down by these groups."""

    LEDER = "leder", _("Manager")
    MEDARBEJDER = "medarbejder", _("Staff")
    DAGPLEJE = "dagpleje", _("Family day care")
    DIGITALISERING = "digitalisering", _("Digitalisation")
    EKSTERN = "ekstern", _("External expert")
    STYREGRUPPE = "styregruppe", _("Steering group")


class InterviewKind(models.TextChoices):
    EXPERT = "expert", _("Expert interview (outside-in)")
    INTERNAL = "internal", _("Internal interview (inside-out)")


class InsightKind(models.TextChoices):
    CHALLENGE = "challenge", _("Challenge")
    OPPORTUNITY = "opportunity", _("Opportunity")
    IDEA = "idea", _("Idea")
    NEED = "need", _("Need")
    QUOTE = "quote", _("Quote")


class WorkshopStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("workshop status", "Planned")
    OPEN = "open", pgettext_lazy("workshop status", "Open for notes")
    CLOSED = "closed", pgettext_lazy("workshop status", "Closed")


class BoardActionKind(models.TextChoices):
    ASSIGN = "assign", _("Assigned to a theme")
    CREATE_THEME = "create_theme", _("Created a theme")
    DUPLICATE = "duplicate", _("Marked as duplicates")
    UNASSIGN = "unassign", _("Removed from a theme")


class VotingMethod(models.TextChoices):
    DOTS = "dots", _("Dots")
    POINTS = "points", _("Points (allocate a budget)")
    RANKING = "ranking", _("Ranking (Borda)")
    APPROVAL = "approval", _("Approval (yes/no)")
    MATRIX = "matrix", _("Scoring matrix")


class VotingMode(models.TextChoices):
    REGISTERED = "registered", _("Registered (personal link)")
    OPEN = "open", _("Open (join code, lower assurance)")


class RoundStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("round status", "Draft")
    OPEN = "open", pgettext_lazy("round status", "Open")
    CLOSED = "closed", pgettext_lazy("round status", "Closed")


class ResultsVisibility(models.TextChoices):
    AFTER_CLOSE = "after_close", _("Hidden until the round closes")
    LIVE = "live", _("Live while voting")


class BallotSource(models.TextChoices):
    PHONE = "phone", _("Phone (personal link)")
    OPEN = "open", _("Phone (join code)")
    PAPER = "paper", _("Paper")
