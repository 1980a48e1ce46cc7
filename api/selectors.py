"""The API's reads. Each goes through the owning app's selector where one exists, adding only
the organisation scope and a stable order; nothing is computed here."""

from django.db.models import F, Prefetch, QuerySet
from django.http import Http404

from actionplan import budget_selectors
from actionplan import selectors as plan_selectors
from actionplan.budget import BudgetBasis
from actionplan.models import Initiative
from api.models import ApiToken
from strategy.models import StrategicTheme, StrategyProcess, ThemeMerge
from workshops.enums import RoundStatus
from workshops.models import VotingRound
from workshops.selectors import voting as voting_selectors


def processes_for_token(token: ApiToken) -> QuerySet[StrategyProcess]:
    """The processes of the token's organisation, oldest first."""
    return StrategyProcess.objects.filter(organisation_id=token.organisation_id).order_by("id")


def process_for_token(token: ApiToken, slug: str) -> StrategyProcess:
    """A process of the token's organisation; anything else (another organisation's process,
    an unknown slug) is 404."""
    process = processes_for_token(token).filter(slug=slug).first()
    if process is None:
        raise Http404
    return process


def themes(process: StrategyProcess) -> QuerySet[StrategicTheme]:
    """The themes in priority order (unranked last, then title), with the decision that set
    the priority and the themes a merged theme went into (2 queries)."""
    return (
        StrategicTheme.objects.filter(process=process)
        .select_related("priority_decision")
        .prefetch_related(
            Prefetch(
                "merges_out", queryset=ThemeMerge.objects.order_by("target_id"), to_attr="merges"
            )
        )
        .order_by(F("priority_rank").asc(nulls_last=True), "title", "id")
    )


def closed_rounds(process: StrategyProcess) -> QuerySet[VotingRound]:
    """Closed rounds (their frozen results), in the order they were closed."""
    return (
        voting_selectors.rounds_for_process(process)
        .filter(status=RoundStatus.CLOSED)
        .order_by("closed_at", "id")
    )


def round_result(voting_round: VotingRound) -> dict | None:
    """The frozen result: counts and shares per theme and stakeholder group (groups below the
    minimum size hidden), never a ballot or a participant."""
    return voting_selectors.round_result_json(voting_round)


def initiatives(process: StrategyProcess) -> QuerySet[Initiative]:
    return plan_selectors.initiatives_for_process(process)


def with_period(initiatives_page) -> list[Initiative]:
    return plan_selectors.with_period(initiatives_page)


def budget_basis(process: StrategyProcess, scenario: str) -> BudgetBasis:
    """The budget page's numbers (actionplan.budget_selectors.budget_basis, 1 query)."""
    return budget_selectors.budget_basis(process, scenario)
