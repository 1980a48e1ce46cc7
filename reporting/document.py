"""The strategy document: one model of everything the strategy PDF shows, built from the other
apps' selectors, and its canonical JSON.

The document holds plain values only (text, numbers, dates, Decimal kroner), already in Danish,
so that the HTML preview, the PDF, the approved version's snapshot and the comparison of two
versions all read one structure. `build_document` costs a fixed number of queries, whatever the
size of the process (tests/reporting/test_document.py).

Printed documents obey the consent rule of `workshops.selectors.evidence`: they are read with no
permissions at all (`frozenset()`), so a quote from an interview without consent never appears.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch
from django.utils import timezone, translation

from actionplan import budget as budget_math
from actionplan import budget_selectors
from actionplan import selectors as plan_selectors
from actionplan.budget_enums import Scenario
from actionplan.enums import InitiativeStatus, PrerequisiteCategory, PrerequisiteStatus
from actionplan.models import Dependency, Prerequisite
from strategy import selectors as strategy_selectors
from strategy.enums import PhaseStatus, PlanPhase, ThemeStatus
from strategy.models import StrategyProcess
from workshops.enums import InsightKind, InterviewKind, RoundStatus, StakeholderGroup
from workshops.models import InsightTheme, Participant
from workshops.selectors import evidence as evidence_selectors
from workshops.selectors import voting as voting_selectors

# Printed documents see what a member without any permission sees (the consent rule).
PRINT_PERMS: frozenset = frozenset()


# --- The model ---------------------------------------------------------------------------------


@dataclass
class ProcessInfo:
    organisation: str
    title: str
    slug: str
    area: str
    description: str
    period_start: int
    period_end: int
    budget_year: int
    price_level_year: int
    theme_label: str  # "Tema"
    theme_label_plural: str  # "Temaer"
    plan_label: str  # "Handleplan"


@dataclass
class VisionInfo:
    revision: int
    text: str
    principles: list[str]


@dataclass
class PhaseInfo:
    number: int
    name: str
    start: datetime.date | None
    end: datetime.date | None
    status_label: str


@dataclass
class GroupCount:
    group: str
    label: str
    count: int


@dataclass
class InterviewInfo:
    kind_label: str
    interviewee: str  # title and organisation, not the name
    date: datetime.date


@dataclass
class WorkshopInfo:
    title: str
    date: datetime.date
    place: str
    note_count: int


@dataclass
class Participation:
    participants: list[GroupCount]
    participant_total: int
    interviews: list[InterviewInfo]
    workshops: list[WorkshopInfo]
    insight_total: int
    ballot_total: int


@dataclass
class ThemeInfo:
    key: str  # stable across versions: the theme's id
    title: str
    description: str
    objective: str
    priority_rank: int | None
    phase_label: str


@dataclass
class VoteOption:
    title: str
    rank: int
    tied: bool
    score: Decimal | int | None
    supporters: int


@dataclass
class VoteGroup:
    label: str
    ballot_count: int
    shown: bool
    options: list[VoteOption]


@dataclass
class VoteInfo:
    key: str
    title: str
    method_label: str
    closed_on: datetime.date | None
    ballot_count: int
    adopted: bool
    options: list[VoteOption]
    groups: list[VoteGroup]
    min_group_size: int


@dataclass
class DecisionInfo:
    date: datetime.date
    meeting: str  # "SG3" or ""
    text: str


@dataclass
class CriterionInfo:
    indicator: str
    baseline: str
    target: str
    measured_when: str


@dataclass
class PrerequisiteInfo:
    key: str
    category_label: str
    description: str
    owner: str
    status_label: str


@dataclass
class RiskInfo:
    description: str
    likelihood: int
    impact: int
    score: int
    mitigation: str
    owner: str


@dataclass
class MilestoneInfo:
    title: str
    due_date: datetime.date
    done: bool


@dataclass
class InitiativeInfo:
    key: str  # the initiative's id
    number: str  # "2.1"
    title: str
    purpose: str
    expected_effect: str
    owner: str
    coordinator: str
    phase: str  # "1", "2" or ""
    phase_label: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    period: str  # "K1 2027 – K4 2028"
    status: str
    status_label: str
    in_budget_request: bool
    criteria: list[CriterionInfo]
    prerequisites: list[PrerequisiteInfo]
    risks: list[RiskInfo]
    milestones: list[MilestoneInfo]
    depends_on: list[str]  # numbers


@dataclass
class ThemePlan:
    theme_key: str
    title: str
    priority_rank: int | None
    initiatives: list[InitiativeInfo]


@dataclass
class NeedRowInfo:
    unit: str
    needs: list[int]
    total: int


@dataclass
class NeedInfo:
    year: int
    categories: list[str]
    rows: list[NeedRowInfo]
    totals: list[int]
    total: int
    usable_inventory: int


@dataclass
class CatalogueItemInfo:
    category: str
    name: str
    price: str  # "3.100" kr. (device and accessories)
    lifetime_years: int
    framework_agreement: str
    compliance: str  # met / not_met / unknown
    compliance_label: str
    failed_rules: list[str]
    exception: str  # the reason of the process's exception, or ""


@dataclass
class Investment:
    need: NeedInfo
    rules: list[str]
    catalogue: list[CatalogueItemInfo]


@dataclass
class BudgetLineInfo:
    key: str  # the cost line's id
    label: str
    kind_label: str
    recurrence_label: str
    financing_label: str
    kroner: list[Decimal]
    display: list[str]  # 1.000 kr. as the budget page shows them


@dataclass
class BudgetInitiativeInfo:
    number: str
    title: str
    lines: list[BudgetLineInfo]
    subtotal: list[str]


@dataclass
class BudgetThemeInfo:
    title: str
    initiatives: list[BudgetInitiativeInfo]
    subtotal: list[str]


@dataclass
class BudgetTotal:
    key: str  # drift, anlaeg, one_off, recurring, total, or financing:<value>
    label: str
    kroner: list[Decimal]
    display: list[str]


@dataclass
class BudgetInfo:
    heading: str  # "Beløb i 1.000 kr., 2027-priser"
    years: list[int]
    themes: list[BudgetThemeInfo]
    totals: list[BudgetTotal]
    financing: list[BudgetTotal]


@dataclass
class EvidenceItem:
    kind_label: str
    group_label: str
    text: str
    source: str


@dataclass
class ThemeEvidenceInfo:
    title: str
    groups: list[GroupCount]
    total: int
    quotes: list[EvidenceItem]
    insights: list[EvidenceItem]


@dataclass
class Document:
    date: datetime.date
    process: ProcessInfo
    vision: VisionInfo | None
    phases: list[PhaseInfo]
    participation: Participation
    themes: list[ThemeInfo]
    votes: list[VoteInfo]
    decisions: list[DecisionInfo]
    plan: list[ThemePlan]
    strategy_prerequisites: list[PrerequisiteInfo]
    investment: Investment
    budget: BudgetInfo
    evidence: list[ThemeEvidenceInfo] = field(default_factory=list)

    @property
    def initiatives(self) -> list[InitiativeInfo]:
        return [i for theme in self.plan for i in theme.initiatives]


# --- Building it ---------------------------------------------------------------------------------


def build_document(process: StrategyProcess, *, today: datetime.date | None = None) -> Document:
    """The current draft of the strategy document, in Danish whatever the request's language."""
    with translation.override("da"):
        return _build(process, today or timezone.localdate())


def _label(choices, value: str) -> str:
    if not value:
        return ""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _build(process: StrategyProcess, today: datetime.date) -> Document:
    return Document(
        date=today,
        process=_process_info(process),
        vision=_vision(process),
        phases=_phases(process),
        participation=_participation(process),
        themes=_themes(process),
        votes=_votes(process),
        decisions=_decisions(process),
        plan=_plan(process),
        strategy_prerequisites=_strategy_prerequisites(process),
        investment=investment_info(process),
        budget=budget_info(process),
        evidence=_evidence(process),
    )


def _process_info(process: StrategyProcess) -> ProcessInfo:
    return ProcessInfo(
        organisation=process.organisation.name,
        title=process.title,
        slug=process.slug,
        area=process.area,
        description=process.description,
        period_start=process.period_start,
        period_end=process.period_end,
        budget_year=process.budget_year,
        price_level_year=process.price_level_year,
        theme_label=process.theme_label_singular,
        theme_label_plural=process.theme_label_plural,
        plan_label=process.plan_label_display,
    )


def _vision(process: StrategyProcess) -> VisionInfo | None:
    vision = strategy_selectors.latest_vision(process)
    if vision is None:
        return None
    return VisionInfo(revision=vision.number, text=vision.text, principles=vision.principle_list)


def _phases(process: StrategyProcess) -> list[PhaseInfo]:
    return [
        PhaseInfo(
            number=phase.number,
            name=phase.name,
            start=phase.start_date,
            end=phase.end_date,
            status_label=_label(PhaseStatus, phase.status),
        )
        for phase in strategy_selectors.phases_with_deliverables(process)
    ]


def _participation(process: StrategyProcess) -> Participation:
    counts = dict(
        Participant.objects.filter(process=process, active=True)
        .order_by()
        .values_list("group")
        .annotate(n=Count("id"))
        .values_list("group", "n")
    )
    groups = [
        GroupCount(group.value, str(group.label), counts[group.value])
        for group in StakeholderGroup
        if counts.get(group.value)
    ]
    if counts.get(""):
        groups.append(GroupCount("", "Uden målgruppe", counts[""]))
    interviews = [
        InterviewInfo(
            kind_label=_label(InterviewKind, interview.kind),
            interviewee=", ".join(
                part
                for part in (interview.interviewee_title, interview.interviewee_organisation)
                if part
            ),
            date=interview.date,
        )
        for interview in evidence_selectors.interviews_for_process(process, PRINT_PERMS).order_by(
            "date", "id"
        )
    ]
    workshops = [
        WorkshopInfo(
            title=workshop.title,
            date=workshop.date,
            place=workshop.place,
            note_count=workshop.note_count,
        )
        for workshop in evidence_selectors.workshops_for_process(process).order_by("date", "id")
    ]
    rounds = voting_selectors.rounds_for_process(process).filter(status=RoundStatus.CLOSED)
    return Participation(
        participants=groups,
        participant_total=sum(counts.values()),
        interviews=interviews,
        workshops=workshops,
        insight_total=evidence_selectors.visible_insights(process, PRINT_PERMS).count(),
        ballot_total=sum(voting_round.ballot_count for voting_round in rounds),
    )


def _themes(process: StrategyProcess) -> list[ThemeInfo]:
    return [
        ThemeInfo(
            key=str(theme.pk),
            title=theme.title,
            description=theme.description,
            objective=theme.objective,
            priority_rank=theme.priority_rank,
            phase_label=_label(PlanPhase, theme.phase),
        )
        for theme in plan_selectors.plan_themes(process).exclude(status=ThemeStatus.PARKED)
    ]


def _vote_options(rows) -> list[VoteOption]:
    return [
        VoteOption(
            title=row.title,
            rank=row.rank,
            tied=row.tied,
            score=row.score,
            supporters=row.supporters,
        )
        for row in rows
    ]


def _votes(process: StrategyProcess) -> list[VoteInfo]:
    votes = []
    rounds = (
        voting_selectors.rounds_for_process(process)
        .filter(status=RoundStatus.CLOSED, frozen_result__isnull=False)
        .order_by("closed_at", "id")
    )
    for voting_round in rounds:
        result = voting_selectors.result_view(voting_round.frozen_result)
        votes.append(
            VoteInfo(
                key=str(voting_round.pk),
                title=voting_round.title,
                method_label=voting_round.get_method_display(),
                closed_on=timezone.localdate(voting_round.closed_at)
                if voting_round.closed_at
                else None,
                ballot_count=result.ballot_count,
                adopted=voting_round.adopted_decision_id is not None,
                options=_vote_options(result.options),
                groups=[
                    VoteGroup(
                        label=group.label,
                        ballot_count=group.ballot_count,
                        shown=group.shown,
                        options=_vote_options(group.options) if group.shown else [],
                    )
                    for group in result.groups
                ],
                min_group_size=result.min_group_size,
            )
        )
    return votes


def _decisions(process: StrategyProcess) -> list[DecisionInfo]:
    decisions = strategy_selectors.decision_log(process).prefetch_related(None)
    return [
        DecisionInfo(
            date=decision.date,
            meeting=decision.meeting.code if decision.meeting else "",
            text=decision.text,
        )
        for decision in sorted(decisions, key=lambda d: (d.date, d.pk))
    ]


def _prerequisite(prerequisite: Prerequisite) -> PrerequisiteInfo:
    return PrerequisiteInfo(
        key=str(prerequisite.pk),
        category_label=_label(PrerequisiteCategory, prerequisite.category),
        description=prerequisite.description,
        owner=prerequisite.owner,
        status_label=_label(PrerequisiteStatus, prerequisite.status),
    )


def _plan(process: StrategyProcess) -> list[ThemePlan]:
    initiatives = plan_selectors.initiatives_for_process(process).prefetch_related(
        "criteria",
        Prefetch("prerequisites", queryset=Prerequisite.objects.order_by("category", "id")),
        "risks",
        "milestones",
        Prefetch(
            "dependencies",
            queryset=Dependency.objects.select_related("depends_on__theme").order_by(
                "depends_on__theme__priority_rank", "depends_on__position", "id"
            ),
        ),
    )
    themes: list[ThemePlan] = []
    for initiative in plan_selectors.with_period(initiatives):
        if not themes or themes[-1].theme_key != str(initiative.theme_id):
            theme = initiative.theme
            themes.append(ThemePlan(str(theme.pk), theme.title, theme.priority_rank, []))
        themes[-1].initiatives.append(
            InitiativeInfo(
                key=str(initiative.pk),
                number=initiative.number,
                title=initiative.title,
                purpose=initiative.purpose,
                expected_effect=initiative.expected_effect,
                owner=initiative.owner,
                coordinator=initiative.coordinator,
                phase=initiative.phase,
                phase_label=_label(PlanPhase, initiative.phase),
                start_date=initiative.start_date,
                end_date=initiative.end_date,
                period=initiative.period,
                status=initiative.status,
                status_label=_label(InitiativeStatus, initiative.status),
                in_budget_request=initiative.in_budget_request,
                criteria=[
                    CriterionInfo(c.indicator, c.baseline, c.target, c.measured_when)
                    for c in sorted(initiative.criteria.all(), key=lambda c: c.pk)
                ],
                prerequisites=[_prerequisite(p) for p in initiative.prerequisites.all()],
                risks=[
                    RiskInfo(
                        description=r.description,
                        likelihood=r.likelihood,
                        impact=r.impact,
                        score=r.likelihood * r.impact,
                        mitigation=r.mitigation,
                        owner=r.owner,
                    )
                    for r in sorted(
                        initiative.risks.all(), key=lambda r: (-r.likelihood * r.impact, r.pk)
                    )
                ],
                milestones=[
                    MilestoneInfo(m.title, m.due_date, m.done)
                    for m in sorted(initiative.milestones.all(), key=lambda m: (m.due_date, m.pk))
                ],
                depends_on=[d.depends_on.number for d in initiative.dependencies.all()],
            )
        )
    return themes


def _strategy_prerequisites(process: StrategyProcess) -> list[PrerequisiteInfo]:
    return [
        _prerequisite(prerequisite)
        for group in plan_selectors.prerequisites_by_category(process)
        for prerequisite in group.prerequisites
        if prerequisite.initiative_id is None
    ]


def investment_info(process: StrategyProcess) -> Investment:
    """Device need, catalogue and compliance as the document prints them (7 queries)."""
    table = budget_selectors.need_table(process)
    need = NeedInfo(
        year=table.year,
        categories=[category.name for category in table.categories],
        rows=[
            NeedRowInfo(unit=row.unit.name, needs=[cell.need for cell in row.cells], total=row.need)
            for row in table.rows
        ],
        totals=list(table.need_totals),
        total=table.need,
        usable_inventory=table.usable,
    )
    catalogue = budget_selectors.catalogue(process)
    items = []
    for row in catalogue.rows:
        model = row.model
        items.append(
            CatalogueItemInfo(
                category=model.category.name,
                name=model.name,
                price=budget_math.format_kroner(model.hardware_price),
                lifetime_years=model.lifetime_years,
                framework_agreement=model.framework_agreement,
                compliance=str(row.overall),
                compliance_label=_label(type(row.overall), row.overall),
                failed_rules=[
                    rule.title
                    for rule, result in zip(catalogue.rules, row.results, strict=True)
                    if result.status == "not_met"
                ],
                exception=row.exception.reason if row.exception else "",
            )
        )
    return Investment(need=need, rules=[rule.title for rule in catalogue.rules], catalogue=items)


def _total(key: str, label: str, figures) -> BudgetTotal:
    return BudgetTotal(key, label, list(figures.kroner), figures.display)


def budget_info(process: StrategyProcess, scenario: str = Scenario.ALL) -> BudgetInfo:
    """The budget basis of a scenario as the document prints it (1 query)."""
    basis = budget_selectors.budget_basis(process, scenario)
    themes = []
    for theme_group in basis.themes:
        initiatives = []
        for group in theme_group.initiatives:
            initiatives.append(
                BudgetInitiativeInfo(
                    number=group.initiative.number,
                    title=group.initiative.title,
                    lines=[
                        BudgetLineInfo(
                            key=str(item.line.pk),
                            label=item.line.label,
                            kind_label=item.line.get_kind_display(),
                            recurrence_label=item.line.get_recurrence_display(),
                            financing_label=item.line.get_financing_display(),
                            kroner=list(item.figures.kroner),
                            display=item.figures.display,
                        )
                        for item in group.lines
                    ],
                    subtotal=group.subtotal.display,
                )
            )
        themes.append(
            BudgetThemeInfo(
                title=theme_group.theme.title,
                initiatives=initiatives,
                subtotal=theme_group.subtotal.display,
            )
        )
    return BudgetInfo(
        heading=basis.heading,
        years=basis.years,
        themes=themes,
        totals=[
            _total("drift", "I alt drift", basis.drift),
            _total("anlaeg", "I alt anlæg", basis.anlaeg),
            _total("one_off", "Heraf engangsudgifter", basis.one_off),
            _total("recurring", "Heraf varige udgifter", basis.recurring),
            _total("total", "I alt", basis.total),
        ],
        financing=[
            _total(f"financing:{item.financing.value}", item.label, item.figures)
            for item in basis.by_financing
        ],
    )


def _source(insight) -> str:
    if insight.workshop_id:
        return insight.workshop.title
    interview = insight.interview
    parts = [interview.interviewee_title, interview.interviewee_organisation]
    return ", ".join(part for part in parts if part) or _label(InterviewKind, interview.kind)


def _evidence(process: StrategyProcess) -> list[ThemeEvidenceInfo]:
    """Each theme of the plan with the insights tagged with it, by stakeholder group (one
    query): the appendix that traces a theme to its evidence."""
    links = (
        evidence_selectors.restrict_quotes(
            InsightTheme.objects.filter(theme__process=process), PRINT_PERMS, prefix="insight__"
        )
        .exclude(theme__status=ThemeStatus.MERGED)
        .select_related("insight__interview", "insight__workshop", "theme")
        .order_by("insight__created_at", "insight__id")
    )
    by_theme: dict[int, list] = defaultdict(list)
    for link in links:
        by_theme[link.theme_id].append(link.insight)
    result = []
    group_labels = dict(StakeholderGroup.choices)
    kind_labels = dict(InsightKind.choices)
    for theme in _themes(process):
        insights = by_theme.get(int(theme.key), [])
        tally: dict[str, int] = defaultdict(int)
        for insight in insights:
            tally[insight.group] += 1
        items = [
            (
                insight.kind,
                EvidenceItem(
                    kind_label=str(kind_labels.get(insight.kind, insight.kind)),
                    group_label=str(group_labels.get(insight.group, "")),
                    text=insight.text,
                    source=_source(insight),
                ),
            )
            for insight in sorted(insights, key=lambda i: (i.group, i.kind, i.created_at, i.pk))
        ]
        result.append(
            ThemeEvidenceInfo(
                title=theme.title,
                groups=[
                    GroupCount(g.value, str(g.label), tally[g.value])
                    for g in StakeholderGroup
                    if tally.get(g.value)
                ],
                total=len(insights),
                quotes=[item for kind, item in items if kind == InsightKind.QUOTE],
                insights=[item for kind, item in items if kind != InsightKind.QUOTE],
            )
        )
    return result


# --- Canonical JSON ------------------------------------------------------------------------------


def _plain(value):
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, Decimal):
        return format(value.quantize(Decimal("0.01")), "f")
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value)  # lazy translations


def document_data(document: Document) -> dict:
    """The document as plain JSON values (Decimal as "1234.50", dates as ISO strings)."""
    return _plain(document)


def canonical_json(document: Document | dict) -> str:
    """The canonical text of a document: sorted keys, no insignificant whitespace, Decimal with
    two decimals as a string, dates ISO, non-ASCII kept (UTF-8). Equal content, equal text."""
    data = document if isinstance(document, dict) else document_data(document)
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
