"""Every write of the action plan. Keyword-only functions, one transaction each.

An initiative's status and traffic light change only through `initiative_set_status`.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from actionplan.models import (
    Dependency,
    Initiative,
    Milestone,
    Prerequisite,
    Risk,
    SuccessCriterion,
)
from strategy.enums import ThemeStatus
from strategy.models import StrategicTheme

# Fields that initiative_create/initiative_update may set (never status or traffic light).
INITIATIVE_FIELDS = (
    "title",
    "purpose",
    "expected_effect",
    "owner",
    "coordinator",
    "responsible_unit",
    "involved_parties",
    "start_date",
    "end_date",
    "phase",
    "in_budget_request",
)


def _check_period(start, end) -> None:
    if start and end and end < start:
        raise ValidationError(
            {
                "end_date": ValidationError(
                    _("The end must not be before the start."), code="end_before_start"
                )
            }
        )


def _assign(initiative: Initiative, data: dict) -> None:
    for name, value in data.items():
        if name not in INITIATIVE_FIELDS:
            raise ValueError(f"{name} cannot be set here")
        setattr(initiative, name, value)


def _check_theme(initiative: Initiative) -> None:
    theme = initiative.theme
    if theme.process_id != initiative.process_id or theme.status == ThemeStatus.MERGED:
        raise ValidationError(
            {"theme": ValidationError(_("Choose an open theme of this process."), code="theme")}
        )


# --- Initiatives -------------------------------------------------------------------------------


@transaction.atomic
def initiative_create(*, theme: StrategicTheme, data: dict) -> Initiative:
    """A new initiative, numbered after the theme's last one."""
    list(Initiative.objects.select_for_update().filter(theme=theme).values_list("pk"))
    last = Initiative.objects.filter(theme=theme).aggregate(last=Max("position"))["last"]
    initiative = Initiative(process_id=theme.process_id, theme=theme, position=(last or 0) + 1)
    _assign(initiative, data)
    _check_theme(initiative)
    _check_period(initiative.start_date, initiative.end_date)
    initiative.full_clean()
    initiative.save()
    return initiative


def initiative_update(*, initiative: Initiative, data: dict) -> Initiative:
    _assign(initiative, data)
    _check_period(initiative.start_date, initiative.end_date)
    initiative.full_clean()
    initiative.save()
    return initiative


def initiative_set_status(
    *, initiative: Initiative, status: str, traffic_light: str, user=None
) -> Initiative:
    """The one place that changes an initiative's status and traffic light."""
    initiative.status = status
    initiative.traffic_light = traffic_light
    initiative.full_clean()
    if user is not None and getattr(user, "is_authenticated", False):
        initiative._history_user = user
    initiative.save()
    return initiative


@transaction.atomic
def initiative_move(*, initiative: Initiative, direction: str) -> Initiative:
    """Swap the initiative with its neighbour in the theme ("up" or "down") and renumber the
    theme's initiatives 1..n without gaps."""
    if direction not in ("up", "down"):
        raise ValueError(direction)
    siblings = list(
        Initiative.objects.select_for_update()
        .filter(theme_id=initiative.theme_id)
        .order_by("position", "id")
    )
    index = next(i for i, s in enumerate(siblings) if s.pk == initiative.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
    wanted = {s.pk: position for position, s in enumerate(siblings, start=1)}
    changed = [s for s in siblings if s.position != wanted[s.pk]]
    if changed:
        # Out of the way first, so that the unique (theme, position) never breaks mid-swap.
        top = max(s.position for s in siblings) + len(siblings)
        for offset, sibling in enumerate(changed, start=1):
            Initiative.objects.filter(pk=sibling.pk).update(position=top + offset)
        for sibling in changed:
            sibling.position = wanted[sibling.pk]
            sibling.save(update_fields=["position"])
    initiative.position = wanted[initiative.pk]
    return initiative


# --- Criteria, prerequisites, risks ------------------------------------------------------------


def criterion_add(*, initiative: Initiative, data: dict) -> SuccessCriterion:
    indicator = (data.get("indicator") or "").strip()
    if not indicator:
        if (data.get("target") or "").strip():
            message = _("A target value needs an indicator to measure it.")
            code = "target_without_indicator"
        else:
            message = _("Give the indicator.")
            code = "required"
        raise ValidationError({"indicator": ValidationError(message, code=code)})
    criterion = SuccessCriterion(initiative=initiative, **{**data, "indicator": indicator})
    criterion.full_clean()
    criterion.save()
    return criterion


def criterion_delete(*, criterion: SuccessCriterion) -> None:
    criterion.delete()


def prerequisite_save(*, prerequisite: Prerequisite) -> Prerequisite:
    if prerequisite.initiative_id and prerequisite.initiative.process_id != prerequisite.process_id:
        raise ValidationError({"initiative": _("The initiative belongs to another process.")})
    prerequisite.full_clean()
    prerequisite.save()
    return prerequisite


def risk_save(*, risk: Risk) -> Risk:
    if risk.initiative_id and risk.initiative.process_id != risk.process_id:
        raise ValidationError({"initiative": _("The initiative belongs to another process.")})
    risk.full_clean()
    risk.save()
    return risk


# --- Dependencies --------------------------------------------------------------------------------


def _reaches(graph: dict[int, set[int]], start: int, goal: int) -> bool:
    """Depth-first: does `start` reach `goal` along the edges of `graph`?"""
    stack, seen = [start], set()
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        if node in seen:
            continue
        seen.add(node)
        stack.extend(graph.get(node, ()))
    return False


@transaction.atomic
def dependency_add(*, initiative: Initiative, depends_on: Initiative) -> Dependency:
    """`initiative` depends on `depends_on`; refused for another process, itself, a pair that
    exists, and anything that would close a cycle. Nothing is saved when refused."""
    if depends_on.process_id != initiative.process_id:
        raise ValidationError(
            {
                "depends_on": ValidationError(
                    _("Choose an initiative of this process."), code="process"
                )
            }
        )
    if depends_on.pk == initiative.pk:
        raise ValidationError(
            {
                "depends_on": ValidationError(
                    _("An initiative cannot depend on itself."), code="itself"
                )
            }
        )
    edges = list(
        Dependency.objects.select_for_update()
        .filter(initiative__process_id=initiative.process_id)
        .values_list("initiative_id", "depends_on_id")
    )
    if (initiative.pk, depends_on.pk) in edges:
        raise ValidationError(
            {"depends_on": ValidationError(_("This dependency exists already."), code="exists")}
        )
    graph: dict[int, set[int]] = {}
    for source, target in edges:
        graph.setdefault(source, set()).add(target)
    if _reaches(graph, depends_on.pk, initiative.pk):
        raise ValidationError(
            {
                "depends_on": ValidationError(
                    _("%(other)s already depends on %(this)s: this would make a circle.")
                    % {"other": depends_on, "this": initiative},
                    code="cycle",
                )
            }
        )
    return Dependency.objects.create(initiative=initiative, depends_on=depends_on)


def dependency_remove(*, dependency: Dependency) -> None:
    dependency.delete()


# --- Milestones ----------------------------------------------------------------------------------


@dataclass
class MilestoneResult:
    milestone: Milestone
    warning: str = ""


def milestone_outside_period(milestone: Milestone, initiative: Initiative) -> bool:
    start, end = initiative.start_date, initiative.end_date
    return bool((start and milestone.due_date < start) or (end and milestone.due_date > end))


def milestone_add(*, initiative: Initiative, data: dict) -> MilestoneResult:
    """Add a milestone. A due date outside the initiative's period is allowed, with a warning."""
    milestone = Milestone(initiative=initiative, **data)
    milestone.full_clean()
    milestone.save()
    warning = ""
    if milestone_outside_period(milestone, initiative):
        warning = _("The due date is outside the initiative's period.")
    return MilestoneResult(milestone=milestone, warning=warning)


def milestone_set_done(*, milestone: Milestone, done: bool) -> Milestone:
    if milestone.done != done:
        milestone.done = done
        milestone.save(update_fields=["done"])
    return milestone
