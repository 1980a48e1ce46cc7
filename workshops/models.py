"""Participants and their personal links, interviews, workshops and insights (the evidence)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fields import BoundedTextField
from strategy.models import Decision, OrgUnit, StrategicTheme, StrategyProcess, ThemeMerge
from workshops.enums import (
    BallotSource,
    BoardActionKind,
    InsightKind,
    InterviewKind,
    ResultsVisibility,
    RoundStatus,
    StakeholderGroup,
    VotingMethod,
    VotingMode,
    WorkshopStatus,
)


class Participant(models.Model):
    """Someone who takes part through a personal link (no account), or through a workshop's join
    code (`joined_via_code`; self-declared group, no name, no link).

    Only the SHA-256 of the personal link's token is stored; the token itself exists only in
    the link handed out (CSV export, e-mail, QR card) at the moment it is issued.
    """

    process = models.ForeignKey(
        StrategyProcess,
        on_delete=models.CASCADE,
        related_name="participants",
        verbose_name=_("process"),
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"), blank=True)
    group = models.CharField(
        _("stakeholder group"), max_length=20, choices=StakeholderGroup.choices
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participants",
        verbose_name=_("institution"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participations",
        verbose_name=_("user account"),
    )
    active = models.BooleanField(_("active"), default=True)
    joined_via_code = models.ForeignKey(
        "Workshop",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="code_participants",
        verbose_name=_("joined with the code of"),
    )
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    token_issued_at = models.DateTimeField(_("link issued"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["process", "name", "id"]
        indexes = [models.Index(fields=["process", "group"], name="participant_process_group")]

    def __str__(self) -> str:
        return self.name

    @property
    def has_link(self) -> bool:
        return bool(self.token_hash)


class Interview(models.Model):
    process = models.ForeignKey(
        StrategyProcess,
        on_delete=models.CASCADE,
        related_name="interviews",
        verbose_name=_("process"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=InterviewKind.choices)
    interviewee_name = models.CharField(_("interviewee"), max_length=150)
    interviewee_title = models.CharField(_("title"), max_length=150, blank=True)
    interviewee_organisation = models.CharField(_("organisation"), max_length=150, blank=True)
    group = models.CharField(
        _("stakeholder group"), max_length=20, choices=StakeholderGroup.choices, blank=True
    )
    date = models.DateField(_("date"))
    interviewer = models.CharField(_("interviewer"), max_length=150, blank=True)
    consent_to_quote = models.BooleanField(
        _("consent to quote"),
        default=False,
        help_text=_(
            "Without consent, quotes are shown only to the project team and never printed."
        ),
    )
    summary = BoundedTextField(_("summary"), max_length=5000, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        ordering = ["process", "-date", "interviewee_name"]

    def __str__(self) -> str:
        return self.interviewee_name


class Workshop(models.Model):
    """A workshop. Participants add notes while it is open; the join code lets phones without a
    personal link join when `open_join` is on."""

    process = models.ForeignKey(
        StrategyProcess,
        on_delete=models.CASCADE,
        related_name="workshops",
        verbose_name=_("process"),
    )
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    purpose = BoundedTextField(_("purpose"), max_length=2000, blank=True)
    agenda = BoundedTextField(_("agenda"), max_length=5000, blank=True)
    facilitator = models.CharField(_("facilitator"), max_length=150, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=WorkshopStatus.choices, default=WorkshopStatus.PLANNED
    )
    join_code = models.CharField(_("join code"), max_length=8, unique=True)
    open_join = models.BooleanField(
        _("open for joining with the code"),
        default=True,
        help_text=_("Phones without a personal link can join with the code and a group."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        ordering = ["process", "-date", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def accepts_notes(self) -> bool:
        return self.status == WorkshopStatus.OPEN


class Insight(models.Model):
    """The unit of evidence: a short text from an interview or a workshop, tagged with themes."""

    process = models.ForeignKey(
        StrategyProcess,
        on_delete=models.CASCADE,
        related_name="insights",
        verbose_name=_("process"),
    )
    text = BoundedTextField(_("text"), max_length=500)
    kind = models.CharField(_("kind"), max_length=20, choices=InsightKind.choices)
    interview = models.ForeignKey(
        Interview,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="insights",
        verbose_name=_("interview"),
    )
    workshop = models.ForeignKey(
        Workshop,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="insights",
        verbose_name=_("workshop"),
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="insights",
        verbose_name=_("participant"),
    )
    group = models.CharField(
        _("stakeholder group"), max_length=20, choices=StakeholderGroup.choices, blank=True
    )
    themes = models.ManyToManyField(
        StrategicTheme,
        through="InsightTheme",
        related_name="insights",
        blank=True,
        verbose_name=_("themes"),
    )
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("duplicate of"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("insight")
        verbose_name_plural = _("insights")
        ordering = ["process", "-created_at", "-id"]
        indexes = [
            models.Index(fields=["workshop", "-updated_at"], name="insight_workshop_updated")
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(interview__isnull=False) & Q(workshop__isnull=True))
                | (Q(interview__isnull=True) & Q(workshop__isnull=False)),
                name="insight_from_interview_or_workshop",
                violation_error_message=_(
                    "An insight comes from either an interview or a workshop."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(duplicate_of=F("id")), name="insight_not_duplicate_of_itself"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]


class InsightTheme(models.Model):
    """An insight tagged with a theme; `via_merge` when the tag came from merging themes."""

    insight = models.ForeignKey(Insight, on_delete=models.CASCADE, related_name="theme_links")
    theme = models.ForeignKey(
        StrategicTheme, on_delete=models.CASCADE, related_name="insight_links"
    )
    via_merge = models.ForeignKey(
        ThemeMerge, on_delete=models.SET_NULL, null=True, blank=True, related_name="insight_links"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("insight tag")
        verbose_name_plural = _("insight tags")
        constraints = [
            models.UniqueConstraint(fields=["insight", "theme"], name="insight_theme_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.insight_id} → {self.theme_id}"


class BoardAction(models.Model):
    """What the facilitator did on a workshop board, so it can be undone.

    `payload` holds what is needed to reverse it: the InsightTheme ids created, the theme created,
    or the previous `duplicate_of` of each insight.
    """

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="board_actions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=BoardActionKind.choices)
    payload = models.JSONField(default=dict)
    undone = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.workshop_id})"


class LinkInvitation(models.Model):
    """The e-mail text a lead sends with personal links; `{navn}` and `{link}` are filled in."""

    process = models.OneToOneField(
        StrategyProcess, on_delete=models.CASCADE, related_name="link_invitation"
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = BoundedTextField(_("text"), max_length=5000)

    class Meta:
        verbose_name = _("link invitation")
        verbose_name_plural = _("link invitations")

    def __str__(self) -> str:
        return self.subject


class VotingRound(models.Model):
    """A prioritisation vote on a set of themes. Rules are locked once it opens.

    The status moves only through workshops.services.voting (round_open / round_close); voting
    and closing take the same lock on this row, so no ballot lands after the close. At close
    the result is frozen in `frozen_result` (method, method version, counts).
    """

    process = models.ForeignKey(
        StrategyProcess,
        on_delete=models.CASCADE,
        related_name="voting_rounds",
        verbose_name=_("process"),
    )
    workshop = models.ForeignKey(
        Workshop,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="voting_rounds",
        verbose_name=_("workshop"),
    )
    title = models.CharField(_("title"), max_length=200)
    question = models.CharField(_("question"), max_length=300, blank=True)
    method = models.CharField(_("method"), max_length=20, choices=VotingMethod.choices)
    rules = models.JSONField(_("rules"), default=dict, blank=True)
    eligible_groups = models.JSONField(
        _("eligible stakeholder groups"),
        default=list,
        blank=True,
        help_text=_("Empty means every group may vote."),
    )
    mode = models.CharField(
        _("mode"), max_length=20, choices=VotingMode.choices, default=VotingMode.REGISTERED
    )
    secret = models.BooleanField(
        _("secret ballot"),
        default=False,
        help_text=_("Who voted is recorded apart from the ballots; a secret ballot is final."),
    )
    results_visibility = models.CharField(
        _("results"),
        max_length=20,
        choices=ResultsVisibility.choices,
        default=ResultsVisibility.AFTER_CLOSE,
    )
    randomise_order = models.BooleanField(_("random option order per voter"), default=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RoundStatus.choices, default=RoundStatus.DRAFT
    )
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    frozen_result = models.JSONField(_("frozen result"), null=True, blank=True, editable=False)
    adopted_decision = models.ForeignKey(
        Decision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adopted_rounds",
        verbose_name=_("adopted by decision"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("voting round")
        verbose_name_plural = _("voting rounds")
        ordering = ["process", "-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class RoundOption(models.Model):
    """A theme on a round's ballot."""

    round = models.ForeignKey(VotingRound, on_delete=models.CASCADE, related_name="options")
    theme = models.ForeignKey(
        StrategicTheme, on_delete=models.PROTECT, related_name="round_options"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        # By the round's key: "round" would sort by the round's own ordering (its process's
        # year and title), which joins the round and its process to every read of these rows.
        ordering = ["round_id", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "theme"], name="round_option_unique_theme"),
        ]

    def __str__(self) -> str:
        return f"{self.round_id}: {self.theme_id}"


class Ballot(models.Model):
    """A counted ballot of a non-secret round (phone or paper).

    One per participant and round, enforced by the database (`ballot_one_per_participant`);
    paper ballots have no participant. `values` is the cleaned ballot (workshops.tally).
    """

    # No index of its own: the one-ballot constraint's index (round, participant) serves every
    # look-up by round, and each ballot's insert has one index less to write.
    round = models.ForeignKey(
        VotingRound, on_delete=models.CASCADE, related_name="ballots", db_index=False
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, null=True, blank=True, related_name="ballots"
    )
    source = models.CharField(max_length=10, choices=BallotSource.choices)
    group = models.CharField(max_length=20, choices=StakeholderGroup.choices, blank=True)
    values = models.JSONField(default=dict)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["round_id", "id"]  # by the round's key, as RoundOption
        constraints = [
            models.UniqueConstraint(
                fields=["round", "participant"], name="ballot_one_per_participant"
            ),
            models.CheckConstraint(
                condition=Q(source=BallotSource.PAPER, participant__isnull=True)
                | (~Q(source=BallotSource.PAPER) & Q(participant__isnull=False)),
                name="ballot_paper_has_no_participant",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round_id}/{self.pk}"


class Participation(models.Model):
    """Who has voted in a secret round: apart from the ballots, with no link to them."""

    # No index of its own: the constraint's index (round, participant) serves look-ups by round.
    round = models.ForeignKey(
        VotingRound, on_delete=models.CASCADE, related_name="participations", db_index=False
    )
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "participant"], name="participation_one_per_participant"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round_id}: {self.participant_id}"


class SecretBallot(models.Model):
    """A secret ballot: random UUID key, no participant, no timestamps, no audit history.
    Rows are fetched in key order, which is random, so the insert order is not revealed."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(VotingRound, on_delete=models.CASCADE, related_name="secret_ballots")
    source = models.CharField(max_length=10, choices=BallotSource.choices)
    group = models.CharField(max_length=20, choices=StakeholderGroup.choices, blank=True)
    values = models.JSONField(default=dict)

    class Meta:
        ordering = ["round_id", "id"]  # by the round's key, as RoundOption

    def __str__(self) -> str:
        return str(self.id)
