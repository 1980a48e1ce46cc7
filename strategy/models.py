"""Organisations, institutions, strategy processes, their phases and the members' roles."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fields import BoundedTextField
from strategy.enums import (
    PLAN_LABEL_FORMS,
    THEME_LABEL_FORMS,
    OrgUnitKind,
    PhaseStatus,
    PlanLabel,
    PlanPhase,
    ProcessStatus,
    Role,
    ThemeLabel,
    ThemeStatus,
)

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class Organisation(models.Model):
    """A municipality (or another public body) that runs strategy processes."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrgUnit(models.Model):
    """An institution (daginstitution), the family day care or an administrative unit."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="org_units",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=OrgUnitKind.choices)
    children_0_2 = models.PositiveIntegerField(_("children 0-2 years"), default=0)
    children_3_5 = models.PositiveIntegerField(_("children 3-5 years"), default=0)
    rooms = models.PositiveIntegerField(_("rooms (stuer)"), default=0)
    fte = models.DecimalField(
        _("FTE (årsværk)"),
        max_digits=6,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    childminders = models.PositiveIntegerField(_("childminders"), default=0)
    play_centres = models.PositiveIntegerField(_("play centres (legestuer)"), default=0)
    has_deputy = models.BooleanField(_("deputy leader (souschef)"), default=False)
    dagpleje_pedagogues = models.PositiveSmallIntegerField(
        _("family day care pedagogues (dagplejepædagoger)"), default=0
    )
    active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"],
                name="orgunit_unique_name_per_organisation",
                violation_error_message=_("An institution with this name already exists."),
            ),
            models.CheckConstraint(condition=Q(fte__gte=0), name="orgunit_fte_not_negative"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def children_total(self) -> int:
        return self.children_0_2 + self.children_3_5


class StrategyProcess(models.Model):
    """One strategy process: from the first interview to the approved strategy and budget.

    The status moves only through `strategy.services.process_set_status`; nothing else assigns
    `.status`.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="processes",
        verbose_name=_("organisation"),
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name (in the address)"), max_length=80, unique=True)
    area = models.CharField(_("area"), max_length=200, help_text=_("E.g. the 0-6 years area."))
    description = BoundedTextField(_("description"), max_length=2000, blank=True)
    period_start = models.PositiveSmallIntegerField(
        _("period from (year)"), validators=YEAR_VALIDATORS
    )
    period_end = models.PositiveSmallIntegerField(_("period to (year)"), validators=YEAR_VALIDATORS)
    budget_year = models.PositiveSmallIntegerField(_("budget year"), validators=YEAR_VALIDATORS)
    price_level_year = models.PositiveSmallIntegerField(
        _("price level (year)"), validators=YEAR_VALIDATORS
    )
    theme_label = models.CharField(
        _("name for a strategic theme"),
        max_length=20,
        choices=ThemeLabel.choices,
        default=ThemeLabel.TEMA,
    )
    plan_label = models.CharField(
        _("name for the action plan"),
        max_length=20,
        choices=PlanLabel.choices,
        default=PlanLabel.HANDLEPLAN,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ProcessStatus.choices, default=ProcessStatus.DRAFT
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        verbose_name = _("strategy process")
        verbose_name_plural = _("strategy processes")
        ordering = ["-budget_year", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="process_period_end_after_start",
                violation_error_message=_("The period cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("strategy:process.overview", kwargs={"slug": self.slug})

    @property
    def period_label(self) -> str:
        return f"{self.period_start}-{self.period_end}"

    @property
    def budget_years(self) -> list[int]:
        """The budget year and its three outlying years (the four budget columns)."""
        return [self.budget_year + offset for offset in range(4)]

    @property
    def theme_label_singular(self) -> str:
        return str(THEME_LABEL_FORMS[ThemeLabel(self.theme_label)][0])

    @property
    def theme_label_plural(self) -> str:
        return str(THEME_LABEL_FORMS[ThemeLabel(self.theme_label)][1])

    @property
    def plan_label_display(self) -> str:
        return str(PLAN_LABEL_FORMS[PlanLabel(self.plan_label)])


class ProcessPhase(models.Model):
    """One stage of a process (default: the nine stages of DOMAIN.md §1)."""

    process = models.ForeignKey(
        StrategyProcess, on_delete=models.CASCADE, related_name="phases", verbose_name=_("process")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=200)
    description = BoundedTextField(_("what happens"), max_length=2000, blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=PhaseStatus.choices, default=PhaseStatus.PLANNED
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["process", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "number"],
                name="phase_unique_number_per_process",
                violation_error_message=_("Another phase already has this number."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="phase_end_after_start",
                violation_error_message=_("The phase cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class PhaseDeliverable(models.Model):
    """An item of a phase's checklist, e.g. "Kommissorium" or "Interviewnoter"."""

    phase = models.ForeignKey(
        ProcessPhase, on_delete=models.CASCADE, related_name="deliverables", verbose_name=_("phase")
    )
    title = models.CharField(_("deliverable"), max_length=200)
    done = models.BooleanField(_("done"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")
        ordering = ["phase", "position", "id"]

    def __str__(self) -> str:
        return self.title


class Membership(models.Model):
    """A user's role in one process. Roles decide what the permission helper allows."""

    process = models.ForeignKey(
        StrategyProcess,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("process"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    title = models.CharField(
        _("title in the process"),
        max_length=200,
        blank=True,
        help_text=_("E.g. chair of the steering group."),
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["process", "role", "user__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "user"],
                name="membership_unique_user_per_process",
                violation_error_message=_("This person is already a member of the process."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class StrategicTheme(models.Model):
    """A strategic theme (tema, spor, fokusområde, ...: the label is configurable per process).

    A merged theme keeps its evidence; where it went is recorded in ThemeMerge. The status of a
    merge is set by the merge service only.
    """

    process = models.ForeignKey(
        StrategyProcess, on_delete=models.CASCADE, related_name="themes", verbose_name=_("process")
    )
    title = models.CharField(_("title"), max_length=120)
    description = BoundedTextField(_("description"), max_length=2000, blank=True)
    objective = BoundedTextField(_("objective (målsætning)"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ThemeStatus.choices, default=ThemeStatus.CANDIDATE
    )
    priority_rank = models.PositiveSmallIntegerField(
        _("priority"), null=True, blank=True, help_text=_("1 is the highest priority.")
    )
    phase = models.CharField(_("phase"), max_length=1, choices=PlanPhase.choices, blank=True)
    priority_decision = models.ForeignKey(
        "Decision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="prioritised_themes",
        verbose_name=_("priority set by"),
        help_text=_("The decision that adopted a vote's result as this priority."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        verbose_name = _("strategic theme")
        verbose_name_plural = _("strategic themes")
        ordering = ["process", F("priority_rank").asc(nulls_last=True), "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "title"],
                name="theme_unique_title_per_process",
                violation_error_message=_("A theme with this title already exists."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ThemeMerge(models.Model):
    """Theme `source` was merged into `target` (one row per target: a theme can be split)."""

    source = models.ForeignKey(
        StrategicTheme,
        on_delete=models.CASCADE,
        related_name="merges_out",
        verbose_name=_("merged theme"),
    )
    target = models.ForeignKey(
        StrategicTheme,
        on_delete=models.CASCADE,
        related_name="merges_in",
        verbose_name=_("into theme"),
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    merged_at = models.DateTimeField(_("merged"), auto_now_add=True)

    class Meta:
        verbose_name = _("theme merge")
        verbose_name_plural = _("theme merges")
        ordering = ["merged_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="theme_merge_unique_pair"),
            models.CheckConstraint(
                condition=~Q(source=F("target")), name="theme_merge_not_into_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.target}"


class VisionRevision(models.Model):
    """One saved version of the vision and its guiding principles (pejlemærker). Never edited:
    a change is a new revision, so every revision and its author are kept."""

    process = models.ForeignKey(
        StrategyProcess,
        on_delete=models.CASCADE,
        related_name="vision_revisions",
        verbose_name=_("process"),
    )
    number = models.PositiveIntegerField(_("revision"))
    text = BoundedTextField(_("vision"), max_length=1500)
    principles = BoundedTextField(
        _("guiding principles (pejlemærker)"),
        max_length=3000,
        blank=True,
        help_text=_("One guiding principle per line."),
    )
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)

    class Meta:
        verbose_name = _("vision revision")
        verbose_name_plural = _("vision revisions")
        ordering = ["process", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "number"], name="vision_unique_revision_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.process} – {self.number}"

    @property
    def principle_list(self) -> list[str]:
        return [line.strip() for line in self.principles.splitlines() if line.strip()]


class SteeringMeeting(models.Model):
    """A steering-group meeting (styregruppemøde) with agenda and minutes."""

    process = models.ForeignKey(
        StrategyProcess,
        on_delete=models.CASCADE,
        related_name="steering_meetings",
        verbose_name=_("process"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    agenda = BoundedTextField(_("agenda"), max_length=5000, blank=True)
    minutes = BoundedTextField(_("minutes"), max_length=10000, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("steering-group meeting")
        verbose_name_plural = _("steering-group meetings")
        ordering = ["process", "-date", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "number"],
                name="meeting_unique_number_per_process",
                violation_error_message=_("Another meeting already has this number."),
            ),
        ]

    def __str__(self) -> str:
        return f"SG{self.number}: {self.title}"

    @property
    def code(self) -> str:
        return f"SG{self.number}"


class Decision(models.Model):
    """An entry of the steering group's decision log. It can point at themes (and, from the
    action plan, at initiatives)."""

    process = models.ForeignKey(
        StrategyProcess,
        on_delete=models.CASCADE,
        related_name="decisions",
        verbose_name=_("process"),
    )
    meeting = models.ForeignKey(
        SteeringMeeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("meeting"),
    )
    date = models.DateField(_("date"))
    text = BoundedTextField(_("decision"), max_length=2000)
    themes = models.ManyToManyField(
        StrategicTheme, blank=True, related_name="decisions", verbose_name=_("themes")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["created_at"], m2m_fields=[themes])

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["process", "-date", "-id"]

    def __str__(self) -> str:
        prefix = f"{self.meeting.code}: " if self.meeting_id and self.meeting else ""
        return f"{prefix}{self.text[:80]}"
