"""Reads of the strategy app that views, other apps and reports reuse."""

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.urls import reverse

from strategy.models import Membership, OrgUnit, PhaseDeliverable, ProcessPhase, StrategyProcess
from strategy.overview import counters


def processes_for_user(user) -> QuerySet[StrategyProcess]:
    """The processes where `user` is a member, each annotated with the user's role and counts."""
    return (
        StrategyProcess.objects.filter(memberships__user=user)
        .select_related("organisation")
        .annotate(
            my_role=Subquery(
                Membership.objects.filter(process=OuterRef("pk"), user=user).values("role")[:1]
            ),
            member_count=Count("memberships", distinct=True),
            phase_count=Count("phases", distinct=True),
            phases_done=Count("phases", filter=Q(phases__status="done"), distinct=True),
        )
        .order_by("-budget_year", "title")
    )


def phases_with_deliverables(process: StrategyProcess) -> list[ProcessPhase]:
    return list(
        ProcessPhase.objects.filter(process=process)
        .prefetch_related(
            Prefetch("deliverables", queryset=PhaseDeliverable.objects.order_by("position", "id"))
        )
        .order_by("number")
    )


def org_units_for_process(process: StrategyProcess) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(organisation_id=process.organisation_id).order_by("name")


@dataclass
class OrgUnitTotals:
    count: int
    children_0_2: int
    children_3_5: int
    rooms: int
    fte: object
    childminders: int


def org_unit_totals(units: list[OrgUnit]) -> OrgUnitTotals:
    """Totals computed in Python from an already fetched list (no extra query)."""
    return OrgUnitTotals(
        count=len(units),
        children_0_2=sum(unit.children_0_2 for unit in units),
        children_3_5=sum(unit.children_3_5 for unit in units),
        rooms=sum(unit.rooms for unit in units),
        fte=sum((unit.fte for unit in units), start=0),
        childminders=sum(unit.childminders for unit in units),
    )


def members_of_process(process: StrategyProcess) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(process=process)
        .select_related("user")
        .order_by("role", "user__full_name", "user__email")
    )


@dataclass
class OverviewCount:
    label: str
    value: int
    url: str | None


def overview_counts(process: StrategyProcess) -> list[OverviewCount]:
    """Counts for the overview: institutions and members here, the rest from registered apps."""
    base = [
        OverviewCount(
            label=str(OrgUnit._meta.verbose_name_plural).capitalize(),
            value=OrgUnit.objects.filter(
                organisation_id=process.organisation_id, active=True
            ).count(),
            url=reverse("strategy:orgunit.list", kwargs={"slug": process.slug}),
        ),
    ]
    for counter in counters():
        base.append(
            OverviewCount(
                label=str(counter.label),
                value=counter.count(process),
                url=reverse(counter.url_name, kwargs={"slug": process.slug})
                if counter.url_name
                else None,
            )
        )
    return base


def history_of(obj, *, limit: int = 25) -> list:
    """The audit history of an object (newest first), with who changed what.

    Each record gets `changes`: a list of (field verbose name, old, new) against the record
    before it. One query for the records (with their users).
    """
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    for newer, older in zip(records, [*records[1:], None], strict=True):
        newer.changes = []
        if older is None or newer.history_type != "~":
            continue
        delta = newer.diff_against(older)
        for change in delta.changes:
            field = obj._meta.get_field(change.field)
            newer.changes.append((field.verbose_name, change.old, change.new))
    return records[:limit]
