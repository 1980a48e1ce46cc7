"""Reads of the action plan that views, templates and other apps reuse. They own the
select_related/prefetch_related, so that templates never query in loops."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, Q, QuerySet

from actionplan.enums import PrerequisiteCategory, PrerequisiteStatus
from actionplan.models import (
    Dependency,
    Initiative,
    Milestone,
    Prerequisite,
    Risk,
)
from strategy.enums import PlanPhase, ThemeStatus
from strategy.models import StrategicTheme, StrategyProcess


def quarter_label(day: date | None) -> str:
    """ "K1 2027" for a date in the first quarter of 2027; "" without a date."""
    if day is None:
        return ""
    return f"K{(day.month - 1) // 3 + 1} {day.year}"


def period_label(initiative: Initiative) -> str:
    """ "K1 2027 – K4 2028" from the initiative's start and end ("" without dates)."""
    start, end = quarter_label(initiative.start_date), quarter_label(initiative.end_date)
    if start and end and start != end:
        return f"{start} – {end}"
    return start or end


def with_period(initiatives: Iterable[Initiative]) -> list[Initiative]:
    """The initiatives, each with `period` (quarters) for display."""
    initiatives = list(initiatives)
    for initiative in initiatives:
        initiative.period = period_label(initiative)
    return initiatives


def initiatives_for_process(process: StrategyProcess) -> QuerySet[Initiative]:
    """Every initiative of the process in plan order (theme priority, position), with its theme."""
    return (
        Initiative.objects.filter(process=process)
        .select_related("theme")
        .order_by("theme__priority_rank", "theme__title", "theme_id", "position", "id")
    )


@dataclass
class PlanFilters:
    theme: int | None = None
    phase: str = ""
    status: str = ""
    owner: str = ""
    in_budget_request: bool | None = None


def filter_initiatives(queryset: QuerySet[Initiative], filters: PlanFilters) -> QuerySet:
    if filters.theme:
        queryset = queryset.filter(theme_id=filters.theme)
    if filters.phase:
        queryset = queryset.filter(phase=filters.phase)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.owner:
        queryset = queryset.filter(
            Q(owner__icontains=filters.owner) | Q(coordinator__icontains=filters.owner)
        )
    if filters.in_budget_request is not None:
        queryset = queryset.filter(in_budget_request=filters.in_budget_request)
    return queryset


@dataclass
class ThemeGroup:
    theme: StrategicTheme
    initiatives: list[Initiative] = field(default_factory=list)


def plan_groups(initiatives: Iterable[Initiative]) -> list[ThemeGroup]:
    """Initiatives (already in plan order, with their themes) grouped by theme."""
    groups: list[ThemeGroup] = []
    for initiative in with_period(initiatives):
        if not groups or groups[-1].theme.pk != initiative.theme_id:
            groups.append(ThemeGroup(theme=initiative.theme))
        groups[-1].initiatives.append(initiative)
    return groups


def theme_group(theme: StrategicTheme) -> ThemeGroup:
    """One theme's initiatives in order (the htmx swap after a move)."""
    initiatives = list(theme.initiatives.order_by("position", "id"))
    for initiative in with_period(initiatives):
        initiative.theme = theme
    return ThemeGroup(theme=theme, initiatives=initiatives)


def plan_themes(process: StrategyProcess) -> QuerySet[StrategicTheme]:
    """Themes an initiative may belong to: the process's themes that are not merged."""
    return (
        StrategicTheme.objects.filter(process=process)
        .exclude(status=ThemeStatus.MERGED)
        .order_by("priority_rank", "title")
    )


def unmet_phase1_prerequisites(process: StrategyProcess) -> list[Prerequisite]:
    """Prerequisites not met (status not_met) of the initiatives in Fase 1."""
    return list(
        Prerequisite.objects.filter(
            process=process,
            status=PrerequisiteStatus.NOT_MET,
            initiative__phase=PlanPhase.PHASE_1,
        )
        .select_related("initiative__theme")
        .order_by("initiative__theme__priority_rank", "initiative__position", "id")
    )


def unmet_phase1_prerequisite_count(process: StrategyProcess) -> int:
    return Prerequisite.objects.filter(
        process=process, status=PrerequisiteStatus.NOT_MET, initiative__phase=PlanPhase.PHASE_1
    ).count()


def initiative_detail(process: StrategyProcess, pk) -> Initiative:
    """An initiative with everything its page shows, in a fixed number of queries."""
    milestones = Milestone.objects.order_by("due_date", "id")
    return (
        Initiative.objects.filter(process=process)
        .select_related("theme__priority_decision__meeting")
        .prefetch_related(
            "criteria",
            Prefetch("prerequisites", Prerequisite.objects.order_by("category", "id")),
            Prefetch("risks", Risk.objects.order_by("-likelihood", "-impact", "id")),
            Prefetch(
                "dependencies",
                Dependency.objects.select_related("depends_on__theme").order_by("id"),
            ),
            Prefetch(
                "dependents", Dependency.objects.select_related("initiative__theme").order_by("id")
            ),
            Prefetch("milestones", milestones),
            Prefetch("status_updates"),
        )
        .get(pk=pk)
    )


def dependency_choices(initiative: Initiative) -> QuerySet[Initiative]:
    """Initiatives this one could depend on (the service refuses cycles)."""
    return initiatives_for_process(initiative.process_id).exclude(pk=initiative.pk)


@dataclass
class PrerequisiteCategoryGroup:
    value: str
    label: str
    prerequisites: list[Prerequisite]


def prerequisites_by_category(process: StrategyProcess) -> list[PrerequisiteCategoryGroup]:
    """Strategy-level and initiative prerequisites grouped by category (one query)."""
    prerequisites = list(
        Prerequisite.objects.filter(process=process)
        .select_related("initiative__theme")
        .order_by("category", "initiative_id", "id")
    )
    groups = []
    for category in PrerequisiteCategory:
        items = [p for p in prerequisites if p.category == category.value]
        if items:
            groups.append(PrerequisiteCategoryGroup(category.value, category.label, items))
    return groups


# --- Charts, follow-up and exports
# (Function-local imports keep this section independent of the imports above.)


def roadmap_initiatives(process) -> list:
    """The process's initiatives in plan order with theme, milestones and dependencies loaded."""
    from django.db.models import Prefetch

    from actionplan.models import Dependency, Initiative

    return list(
        Initiative.objects.filter(process=process)
        .select_related("theme")
        .prefetch_related(
            "milestones",
            Prefetch(
                "dependencies",
                queryset=Dependency.objects.select_related("depends_on__theme").order_by(
                    "depends_on__theme__priority_rank", "depends_on__position", "id"
                ),
            ),
        )
    )


def risks_by_score(process) -> list:
    """The process's risks, highest score first, with their initiative (and its theme)."""
    from django.db.models import F

    from actionplan.models import Risk

    return list(
        Risk.objects.filter(process=process)
        .select_related("initiative__theme")
        .annotate(score_value=F("likelihood") * F("impact"))
        .order_by("-score_value", "-impact", "-likelihood", "id")
    )


def export_initiatives(process) -> list:
    """The initiatives with theme and success criteria, for the CSV and XLSX exports."""
    from actionplan.models import Initiative

    return list(
        Initiative.objects.filter(process=process)
        .select_related("theme")
        .prefetch_related("criteria")
    )


def programme_overview(process, today) -> dict:
    """Counts by status and traffic light, overdue milestones, unmet prerequisites and the
    latest status update of each initiative."""
    from django.db.models import Count, OuterRef, Prefetch, Subquery

    from actionplan.enums import InitiativeStatus, PrerequisiteStatus, TrafficLight
    from actionplan.models import Initiative, Milestone, Prerequisite, StatusUpdate

    initiatives = Initiative.objects.filter(process=process)
    by_status = dict(
        initiatives.order_by().values("status").annotate(n=Count("id")).values_list("status", "n")
    )
    by_light = dict(
        initiatives.order_by()
        .values("traffic_light")
        .annotate(n=Count("id"))
        .values_list("traffic_light", "n")
    )
    latest_id = (
        StatusUpdate.objects.filter(initiative=OuterRef("initiative_id"))
        .order_by("-date", "-id")
        .values("id")[:1]
    )
    latest = StatusUpdate.objects.filter(id=Subquery(latest_id)).select_related("author")
    listed = list(
        initiatives.select_related("theme").prefetch_related(
            Prefetch("status_updates", queryset=latest, to_attr="latest_updates")
        )
    )
    for initiative in listed:
        updates = initiative.latest_updates
        initiative.latest_update = updates[0] if updates else None
    return {
        "status_counts": [
            (value, label, by_status.get(value, 0)) for value, label in InitiativeStatus.choices
        ],
        "light_counts": [
            (value, label, by_light.get(value, 0)) for value, label in TrafficLight.choices
        ],
        "overdue": list(
            Milestone.objects.filter(initiative__process=process, due_date__lt=today, done=False)
            .select_related("initiative__theme")
            .order_by("due_date", "id")
        ),
        "unmet": list(
            Prerequisite.objects.filter(process=process)
            .exclude(status=PrerequisiteStatus.MET)
            .select_related("initiative__theme")
            .order_by("status", "category", "id")
        ),
        "initiatives": listed,
    }


def you_said_we_did(participant) -> list[dict]:
    """For each theme that carries this participant's notes: the participant's own notes and the
    theme's initiatives with their status. Only the participant's themes."""
    from django.db.models import Prefetch

    from actionplan.models import Initiative
    from strategy.models import StrategicTheme
    from workshops.models import InsightTheme

    own_links = (
        InsightTheme.objects.filter(insight__participant=participant)
        .select_related("insight")
        .order_by("insight_id")
    )
    themes = (
        StrategicTheme.objects.filter(
            process_id=participant.process_id,
            insight_links__insight__participant=participant,
        )
        .distinct()
        .prefetch_related(
            Prefetch("insight_links", queryset=own_links, to_attr="own_links"),
            Prefetch(
                "initiatives",
                queryset=Initiative.objects.order_by("position", "id"),
                to_attr="initiative_list",
            ),
        )
    )
    return [
        {
            "theme": theme,
            "notes": [link.insight for link in theme.own_links],
            "initiatives": theme.initiative_list,
        }
        for theme in themes
    ]


EXPORT_HEADER = [
    "Nr.",
    "Tema",
    "Indsats",
    "Formål",
    "Indsatsejer",
    "Tovholder",
    "Start",
    "Slut",
    "Fase",
    "Status",
    "Trafiklys",
    "Med i budgetønske",
    "Succeskriterier",
]


def export_rows(process) -> list[list]:
    """One row per initiative for the CSV and XLSX exports (dates as dates; the columns of
    EXPORT_HEADER). Labels of choices in the active language."""
    rows = []
    for initiative in export_initiatives(process):
        criteria = []
        for criterion in initiative.criteria.all():
            text = criterion.indicator
            if criterion.target:
                text += f" → {criterion.target}"
            criteria.append(text)
        rows.append(
            [
                initiative.number,
                initiative.theme.title,
                initiative.title,
                initiative.purpose,
                initiative.owner,
                initiative.coordinator,
                initiative.start_date,
                initiative.end_date,
                initiative.get_phase_display() if initiative.phase else "",
                str(initiative.get_status_display()),
                str(initiative.get_traffic_light_display()),
                "Ja" if initiative.in_budget_request else "Nej",
                "; ".join(criteria),
            ]
        )
    return rows
