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
    for initiative in initiatives:
        if not groups or groups[-1].theme.pk != initiative.theme_id:
            groups.append(ThemeGroup(theme=initiative.theme))
        groups[-1].initiatives.append(initiative)
    return groups


def theme_group(theme: StrategicTheme) -> ThemeGroup:
    """One theme's initiatives in order (the htmx swap after a move)."""
    initiatives = list(theme.initiatives.order_by("position", "id"))
    for initiative in initiatives:
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
    return initiatives_for_process(initiative.process).exclude(pk=initiative.pk)


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
