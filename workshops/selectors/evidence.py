"""Reads for interviews, workshops, the facilitator board and the theme pages.

The consent rule lives here, once: a quote (kind "quote") from an interview whose interviewee did
not consent to quotation is visible only to members with Perm.EDIT (the project team), who see it
marked "not for quotation". Everyone else (steering group, viewers, and every printed document)
never gets it: every read of insights for a screen or a report goes through `restrict_quotes`
(or `visible_insights`, which applies it).
"""

import hashlib
from collections import Counter as Tally
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.urls import reverse

from strategy.enums import ThemeStatus
from strategy.models import Decision, StrategicTheme, StrategyProcess, ThemeMerge
from strategy.permissions import Perm
from workshops.enums import InsightKind, StakeholderGroup
from workshops.models import BoardAction, Insight, InsightTheme, Interview, VotingRound, Workshop

# --- The consent rule -----------------------------------------------------------------------------


def quotable_q(prefix: str = "") -> Q:
    """Insights anyone in the process may see: everything except a quote from an interview
    without consent to quote. `prefix` reaches an insight through a relation ("insight__")."""
    return (
        ~Q(**{f"{prefix}kind": InsightKind.QUOTE})
        | Q(**{f"{prefix}interview__isnull": True})
        | Q(**{f"{prefix}interview__consent_to_quote": True})
    )


def may_see_restricted_quotes(perms: Iterable) -> bool:
    """Only the project team (Perm.EDIT: lead, contributor) sees quotes without consent."""
    return Perm.EDIT in perms


def restrict_quotes(queryset: QuerySet, perms: Iterable, prefix: str = "") -> QuerySet:
    """`queryset` (of insights, or of rows reaching an insight through `prefix`) without the
    quotes that these permissions may not see; annotated `not_for_quotation` on insights."""
    if not may_see_restricted_quotes(perms):
        queryset = queryset.filter(quotable_q(prefix))
    return queryset


def with_quotation_flag(queryset: QuerySet[Insight]) -> QuerySet[Insight]:
    """Annotate `not_for_quotation`: a quote from an interview without consent (shown marked)."""
    return queryset.annotate(
        not_for_quotation=ExpressionWrapper(
            Q(kind=InsightKind.QUOTE, interview__consent_to_quote=False),
            output_field=BooleanField(),
        )
    )


def visible_insights(process: StrategyProcess, perms: Iterable) -> QuerySet[Insight]:
    """Every insight of the process that a member with `perms` may see (the consent rule),
    annotated with `not_for_quotation`. Use `perms=frozenset()` for printed documents."""
    queryset = Insight.objects.filter(process=process)
    return with_quotation_flag(restrict_quotes(queryset, perms))


def _theme_links_prefetch() -> Prefetch:
    return Prefetch(
        "theme_links",
        queryset=InsightTheme.objects.select_related("theme").order_by("theme__title", "id"),
    )


# --- Interviews -----------------------------------------------------------------------------------


def interviews_for_process(process: StrategyProcess, perms: Iterable) -> QuerySet[Interview]:
    """The interviews with the number of insights the member may see."""
    count_filter = Q() if may_see_restricted_quotes(perms) else quotable_q("insights__")
    return Interview.objects.filter(process=process).annotate(
        insight_count=Count("insights", filter=count_filter, distinct=True)
    )


def insights_of_interview(interview: Interview, perms: Iterable) -> list[Insight]:
    return list(
        visible_insights(interview.process, perms)
        .filter(interview=interview)
        .prefetch_related(_theme_links_prefetch())
        .order_by("kind", "created_at", "id")
    )


def open_themes(process: StrategyProcess) -> QuerySet[StrategicTheme]:
    """Themes evidence can be assigned to: every theme of the process that is not merged."""
    return StrategicTheme.objects.filter(process=process).exclude(status=ThemeStatus.MERGED)


# --- Workshops ------------------------------------------------------------------------------------


def workshops_for_process(process: StrategyProcess) -> QuerySet[Workshop]:
    return Workshop.objects.filter(process=process).annotate(
        note_count=Count("insights", distinct=True)
    )


def note_count(workshop: Workshop) -> int:
    return Insight.objects.filter(workshop=workshop).count()


def note_counts_by_kind(workshop: Workshop) -> list[tuple[str, str, int]]:
    """(kind, label, count) for every kind, in the order of InsightKind; one query."""
    counts = dict(
        Insight.objects.filter(workshop=workshop)
        .values_list("kind")
        .annotate(n=Count("id"))
        .values_list("kind", "n")
    )
    return [(kind.value, kind.label, counts.get(kind.value, 0)) for kind in InsightKind]


# --- The facilitator board ------------------------------------------------------------------------


def _scalar(queryset: QuerySet, group_by: str, expression) -> Coalesce:
    """A correlated subquery of one aggregate over `queryset` (0 when it has no rows).
    `group_by` is the field that the OuterRef filters on, so there is a single group."""
    return Coalesce(
        Subquery(
            queryset.order_by().values(group_by).annotate(agg=expression).values("agg")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def board_workshop_queryset(process: StrategyProcess) -> QuerySet[Workshop]:
    """Workshops annotated with what the board's version is made of, so the board fetches its
    workshop and the version of its notes in one query.

    The version changes when a note is added, edited or deleted, when a duplicate mark changes
    (the services bump `updated_at`), when a theme tag is added or removed, and when a board
    action is recorded or undone.
    """
    notes = Insight.objects.filter(workshop=OuterRef("pk"))
    links = InsightTheme.objects.filter(insight__workshop=OuterRef("pk"))
    actions = BoardAction.objects.filter(workshop=OuterRef("pk"))
    return Workshop.objects.filter(process=process).annotate(
        v_notes=_scalar(notes, "workshop", Count("id")),
        v_updated=Subquery(notes.order_by("-updated_at").values("updated_at")[:1]),
        v_links=_scalar(links, "insight__workshop", Count("id")),
        v_last_link=_scalar(links, "insight__workshop", Max("id")),
        v_last_action=_scalar(actions, "workshop", Max("id")),
        v_undone=_scalar(actions.filter(undone=True), "workshop", Count("id")),
    )


def board_version(workshop: Workshop) -> str:
    """A short hash of the annotations of `board_workshop_queryset` (no query)."""
    parts = (
        workshop.v_notes,
        workshop.v_updated.isoformat() if workshop.v_updated else "",
        workshop.v_links,
        workshop.v_last_link,
        workshop.v_last_action,
        workshop.v_undone,
    )
    raw = "|".join(str(part) for part in parts)
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


@dataclass
class BoardNote:
    """A note as the board shows it, with its labels and links worked out once per request
    (the board re-renders hundreds of notes every time one changes)."""

    pk: int
    text: str
    kind: str
    kind_label: str
    group_label: str
    duplicate_of_id: int | None
    themes: list[tuple[int, str, str]]  # (id, title, url)
    edit_url: str


def _url_maker(name: str, slug: str):
    """pk -> the URL `name` for this process, reversing once instead of once per note."""
    sample = reverse(name, kwargs={"slug": slug, "pk": 987654321})
    head, tail = sample.rsplit("987654321", 1)
    return lambda pk: f"{head}{pk}{tail}"


def board_notes(workshop: Workshop, *, kind: str = "", group: str = "") -> list[BoardNote]:
    """The notes of the workshop (filtered), oldest first, with their theme tags: 2 queries of
    plain values (no model instances: the board re-reads hundreds of notes on every change)."""
    notes = Insight.objects.filter(workshop=workshop)
    links = InsightTheme.objects.filter(insight__workshop=workshop)
    if kind:
        notes, links = notes.filter(kind=kind), links.filter(insight__kind=kind)
    if group:
        notes, links = notes.filter(group=group), links.filter(insight__group=group)
    themes_of: dict[int, list] = defaultdict(list)
    slug = workshop.process.slug
    theme_url = _url_maker("workshops:theme.detail", slug)
    edit_url = _url_maker("workshops:insight.edit", slug)
    for insight_id, theme_id, title in links.order_by("theme__title", "id").values_list(
        "insight_id", "theme_id", "theme__title"
    ):
        themes_of[insight_id].append((theme_id, title, theme_url(theme_id)))
    kinds = {value: str(label) for value, label in InsightKind.choices}
    groups = {value: str(label) for value, label in StakeholderGroup.choices}
    rows = notes.order_by("created_at", "id").values_list(
        "pk", "text", "kind", "group", "duplicate_of_id"
    )
    return [
        BoardNote(
            pk=pk,
            text=text,
            kind=note_kind,
            kind_label=kinds.get(note_kind, note_kind),
            group_label=groups.get(note_group, ""),
            duplicate_of_id=duplicate_of_id,
            themes=themes_of.get(pk, []),
            edit_url=edit_url(pk),
        )
        for pk, text, note_kind, note_group, duplicate_of_id in rows
    ]


def last_board_action(workshop: Workshop) -> BoardAction | None:
    """The action that undo would reverse."""
    return BoardAction.objects.filter(workshop=workshop, undone=False).order_by("-id").first()


# --- Themes ---------------------------------------------------------------------------------------


def themes_for_process(
    process: StrategyProcess, perms: Iterable, *, status: str = ""
) -> QuerySet[StrategicTheme]:
    """The themes with the number of insights the member may see and of stakeholder groups
    behind them (annotations, one query)."""
    visible = Q() if may_see_restricted_quotes(perms) else quotable_q("insight_links__insight__")
    queryset = StrategicTheme.objects.filter(process=process)
    if status:
        queryset = queryset.filter(status=status)
    return queryset.annotate(
        insight_count=Count("insight_links__insight", filter=visible, distinct=True),
        group_count=Count(
            "insight_links__insight__group",
            filter=visible & ~Q(insight_links__insight__group=""),
            distinct=True,
        ),
    )


@dataclass
class EvidenceTable:
    """Insight counts by kind (rows) × stakeholder group (columns) of one theme."""

    kinds: list[tuple[str, str]]  # (value, label) of the rows that have insights
    groups: list[tuple[str, str]]  # (value, label) of the columns that have insights
    rows: list[tuple[str, list[int], int]]  # (kind label, count per group, row total)
    column_totals: list[int]
    total: int


@dataclass
class ThemeEvidence:
    links: list[InsightTheme]
    by_kind: list[tuple[str, list[InsightTheme]]] = field(default_factory=list)
    table: EvidenceTable | None = None


NO_GROUP = ""


def _evidence_table(insights: list[Insight]) -> EvidenceTable:
    tally = Tally((insight.kind, insight.group or NO_GROUP) for insight in insights)
    present_kinds = {kind for kind, _ in tally}
    present_groups = {group for _, group in tally}
    kinds = [(k.value, k.label) for k in InsightKind if k.value in present_kinds]
    groups = [(g.value, g.label) for g in StakeholderGroup if g.value in present_groups]
    if NO_GROUP in present_groups:
        groups.append((NO_GROUP, ""))
    rows = []
    for kind, label in kinds:
        counts = [tally[(kind, group)] for group, _ in groups]
        rows.append((label, counts, sum(counts)))
    column_totals = [sum(tally[(kind, group)] for kind, _ in kinds) for group, _ in groups]
    return EvidenceTable(kinds, groups, rows, column_totals, sum(column_totals))


def theme_evidence(theme: StrategicTheme, perms: Iterable) -> ThemeEvidence:
    """The insights tagged with `theme` that the member may see, with their source, grouped by
    kind, and the kind × group table: one query."""
    links = (
        restrict_quotes(InsightTheme.objects.filter(theme=theme), perms, prefix="insight__")
        .select_related("insight__interview", "insight__workshop", "via_merge__source")
        .order_by("insight__created_at", "insight__id")
    )
    links = list(links)
    grouped: dict[str, list[InsightTheme]] = defaultdict(list)
    for link in links:
        insight = link.insight
        insight.not_for_quotation = bool(
            insight.kind == InsightKind.QUOTE
            and insight.interview_id
            and not insight.interview.consent_to_quote
        )
        grouped[insight.kind].append(link)
    by_kind = [(kind.label, grouped[kind.value]) for kind in InsightKind if grouped[kind.value]]
    return ThemeEvidence(
        links=links, by_kind=by_kind, table=_evidence_table([link.insight for link in links])
    )


def theme_merges(theme: StrategicTheme) -> tuple[list[ThemeMerge], list[ThemeMerge]]:
    """(merged into, merged from) of a theme: one query."""
    merges = list(
        ThemeMerge.objects.filter(Q(source=theme) | Q(target=theme)).select_related(
            "source", "target"
        )
    )
    return (
        [m for m in merges if m.source_id == theme.pk],
        [m for m in merges if m.target_id == theme.pk],
    )


def decisions_for_theme(theme: StrategicTheme) -> list[Decision]:
    return list(Decision.objects.filter(themes=theme).select_related("meeting"))


def insights_of_theme(theme: StrategicTheme, perms: Iterable) -> list[Insight]:
    """The insights tagged with a theme (for the merge form), with their source."""
    return list(
        visible_insights(theme.process, perms)
        .filter(theme_links__theme=theme)
        .select_related("interview", "workshop")
        .order_by("created_at", "id")
    )


def priority_round(theme: StrategicTheme):
    """The voting round whose adopted result set the theme's priority, or None (one query at
    most): a theme's priority says where it came from."""
    if not theme.priority_decision_id:
        return None
    return VotingRound.objects.filter(adopted_decision_id=theme.priority_decision_id).first()
