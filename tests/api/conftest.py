"""The API's test data: tokens of the world's two organisations and, in the world's process,
a closed and adopted round, a secret closed round, an open round, initiatives and cost lines."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.test import Client

from actionplan.budget_enums import CostKind, Financing, Recurrence
from actionplan.enums import InitiativeStatus, TrafficLight
from api import services as api_services
from strategy.enums import PlanPhase
from tests.actionplan.budget_factories import CostLineFactory
from tests.factories import InitiativeFactory, ParticipantFactory, ThemeFactory, VotingRoundFactory
from workshops.enums import RoundStatus
from workshops.services import voting


@dataclass
class ApiWorld:
    world: object
    token: object
    key: str
    other_key: str
    theme_b: object
    adopted_round: object
    secret_round: object
    open_round: object
    decision: object
    initiative: object
    initiative_b: object
    lines: list

    def client(self, key: str | None = None) -> Client:
        key = self.key if key is None else key
        return Client(headers={"Authorization": f"Bearer {key}"}) if key else Client()


def closed_round(process, themes, votes, **kwargs):
    """A closed round over `themes`; each of `votes` ({theme: points}) from a new participant."""
    voting_round = VotingRoundFactory(process=process, themes=themes, **kwargs)
    for ballot in votes:
        voting.ballot_submit(
            voting_round=voting_round,
            participant=ParticipantFactory(process=process),
            raw={str(theme.pk): points for theme, points in ballot.items()},
        )
    return voting.round_close(voting_round=voting_round)


def add_initiative(theme, position: int):
    """An initiative with two cost lines."""
    initiative = InitiativeFactory(theme=theme, position=position)
    CostLineFactory(initiative=initiative, amount_1=Decimal("1000"))
    CostLineFactory(initiative=initiative, amount_2=Decimal("-500"))
    return initiative


@pytest.fixture
def api(world) -> ApiWorld:
    process, theme = world.process, world.theme
    theme.title = "Digitale værktøjer"
    theme.save()
    theme_b = ThemeFactory(process=process, title="Kompetencer")
    adopted = closed_round(
        process,
        [theme, theme_b],
        [{theme: 3, theme_b: 2}, {theme: 5, theme_b: 0}],
        title="Prioritering på workshop 1",
    )
    decision = voting.round_adopt(
        voting_round=adopted,
        phases={theme.pk: PlanPhase.PHASE_1, theme_b.pk: PlanPhase.PHASE_2},
        user=world.users["lead"],
        date=datetime.date(2026, 4, 2),
    )
    secret = closed_round(
        process, [theme, theme_b], [{theme: 1, theme_b: 4}], title="Hemmelig", secret=True
    )
    open_round = VotingRoundFactory(process=process, themes=[theme, theme_b], title="Åben")
    VotingRoundFactory(process=process, themes=[theme, theme_b], status=RoundStatus.DRAFT)
    initiative = InitiativeFactory(
        theme=theme,
        position=1,
        title="Tablets til stuerne",
        status=InitiativeStatus.IN_PROGRESS,
        traffic_light=TrafficLight.YELLOW,
        phase=PlanPhase.PHASE_1,
        owner="Dagtilbudschef",
        start_date=datetime.date(2027, 1, 15),
        end_date=datetime.date(2028, 11, 30),
        in_budget_request=True,
    )
    initiative_b = InitiativeFactory(theme=theme_b, position=1, title="Kursus i it-sikkerhed")
    lines = [
        CostLineFactory(
            initiative=initiative,
            label="Indkøb af tablets",
            kind=CostKind.ANLAEG,
            amount_1=Decimal("1499.99"),
            amount_2=Decimal("2500.00"),
            position=1,
        ),
        CostLineFactory(
            initiative=initiative,
            label="MDM-licenser",
            recurrence=Recurrence.RECURRING,
            amount_1=Decimal("60000.50"),
            amount_2=Decimal("60000.50"),
            amount_3=Decimal("60000.50"),
            amount_4=Decimal("60000.50"),
            position=2,
        ),
        CostLineFactory(
            initiative=initiative_b,
            label="Sparet papir",
            financing=Financing.OFFSET,
            amount_2=Decimal("-1500.00"),
            position=1,
        ),
    ]
    # Another organisation's process has data too; it must never show.
    other_theme = world.other["theme"]
    InitiativeFactory(theme=other_theme, position=1, title="Fremmed indsats")
    token, key = api_services.token_create(
        organisation=process.organisation, name="Power BI", created_by=world.users["lead"]
    )
    _other, other_key = api_services.token_create(
        organisation=world.other_process.organisation, name="Fremmed"
    )
    return ApiWorld(
        world=world,
        token=token,
        key=key,
        other_key=other_key,
        theme_b=theme_b,
        adopted_round=adopted,
        secret_round=secret,
        open_round=open_round,
        decision=decision,
        initiative=initiative,
        initiative_b=initiative_b,
        lines=lines,
    )
