"""factory_boy factories. Plain: no hidden side effects beyond the row they build."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from actionplan.models import Initiative
from strategy.enums import OrgUnitKind, Role
from strategy.models import (
    Decision,
    Membership,
    Organisation,
    OrgUnit,
    PhaseDeliverable,
    ProcessPhase,
    SteeringMeeting,
    StrategicTheme,
    StrategyProcess,
    VisionRevision,
)
from workshops.enums import (
    InsightKind,
    InterviewKind,
    RoundStatus,
    StakeholderGroup,
    VotingMethod,
    WorkshopStatus,
)
from workshops.models import Insight, Interview, Participant, RoundOption, VotingRound, Workshop


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.dk")
    full_name = factory.Sequence(lambda n: f"Bruger {n}")
    password = factory.django.Password("pw-Strategi-2026")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Kommune {n}")
    slug = factory.Sequence(lambda n: f"kommune-{n}")


class OrgUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Børnehuset {n}")
    kind = OrgUnitKind.INTEGRERET
    children_0_2 = 24
    children_3_5 = 44
    rooms = 4
    fte = Decimal("17")


class ProcessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategyProcess

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Strategi {n}")
    slug = factory.Sequence(lambda n: f"strategi-{n}")
    area = "Dagtilbud 0-6 år"
    period_start = 2027
    period_end = 2030
    budget_year = 2027
    price_level_year = 2027


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcessPhase

    process = factory.SubFactory(ProcessFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Fase {n}")


class DeliverableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PhaseDeliverable

    phase = factory.SubFactory(PhaseFactory)
    title = factory.Sequence(lambda n: f"Leverance {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    process = factory.SubFactory(ProcessFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.VIEWER


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategicTheme

    process = factory.SubFactory(ProcessFactory)
    title = factory.Sequence(lambda n: f"Tema {n}")


class VisionRevisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VisionRevision

    process = factory.SubFactory(ProcessFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = "Digitale værktøjer giver mere tid til børnene."
    principles = "Enkelt\nSikkert"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SteeringMeeting

    process = factory.SubFactory(ProcessFactory)
    number = factory.Sequence(lambda n: n + 1)
    date = datetime.date(2026, 3, 12)
    title = factory.Sequence(lambda n: f"Styregruppemøde {n}")


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    process = factory.SubFactory(ProcessFactory)
    date = datetime.date(2026, 3, 12)
    text = factory.Sequence(lambda n: f"Beslutning {n}")


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    process = factory.SubFactory(ProcessFactory)
    name = factory.Sequence(lambda n: f"Deltager {n}")
    group = StakeholderGroup.MEDARBEJDER


class InterviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interview

    process = factory.SubFactory(ProcessFactory)
    kind = InterviewKind.EXPERT
    interviewee_name = factory.Sequence(lambda n: f"Ekspert {n}")
    date = datetime.date(2026, 3, 10)


class WorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workshop

    process = factory.SubFactory(ProcessFactory)
    title = factory.Sequence(lambda n: f"Workshop {n}")
    date = datetime.date(2026, 3, 24)
    status = WorkshopStatus.OPEN
    join_code = factory.Sequence(lambda n: f"K{n:05d}")


class InsightFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Insight

    process = factory.LazyAttribute(lambda o: o.workshop.process)
    workshop = factory.SubFactory(WorkshopFactory)
    text = factory.Sequence(lambda n: f"Note {n}")
    kind = InsightKind.CHALLENGE
    group = StakeholderGroup.MEDARBEJDER


class VotingRoundFactory(factory.django.DjangoModelFactory):
    """A round; pass `themes=[...]` to give it options (two or more)."""

    class Meta:
        model = VotingRound
        skip_postgeneration_save = True

    process = factory.SubFactory(ProcessFactory)
    title = factory.Sequence(lambda n: f"Prioritering {n}")
    method = VotingMethod.POINTS
    rules = factory.LazyFunction(lambda: {"budget": 5, "budget_exact": True})
    status = RoundStatus.OPEN
    # As round_open sets it: an open (or closed) round was opened at some moment.
    opened_at = factory.LazyAttribute(
        lambda round_: timezone.now() if round_.status != RoundStatus.DRAFT else None
    )

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):
        for position, theme in enumerate(extracted or []):
            RoundOption.objects.create(round=obj, theme=theme, position=position)


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative

    process = factory.LazyAttribute(lambda o: o.theme.process)
    theme = factory.SubFactory(ThemeFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Indsats {n}")
