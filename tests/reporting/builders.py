"""Test data for the strategy document: a process grown `factor` times (themes, initiatives with
everything the document prints, insights with and without consent, cost lines, devices, a closed
voting round). Plain model calls, so these tests do not depend on other apps' test factories."""

import datetime
from decimal import Decimal

from actionplan.budget_enums import CostKind, GuidelineRuleKind, Recurrence
from actionplan.budget_models import (
    ComplianceException,
    CostLine,
    DeviceCategory,
    DeviceModel,
    ITGuideline,
    NeedRule,
)
from actionplan.models import Dependency, Milestone, Prerequisite, Risk, SuccessCriterion
from strategy.enums import ThemeStatus
from tests.factories import (
    DecisionFactory,
    InitiativeFactory,
    InsightFactory,
    InterviewFactory,
    OrgUnitFactory,
    ParticipantFactory,
    ThemeFactory,
    VotingRoundFactory,
    WorkshopFactory,
)
from workshops.enums import InsightKind, RoundStatus, StakeholderGroup, VotingMethod
from workshops.models import InsightTheme

SECRET_QUOTE = "Hemmeligt citat uden samtykke"
OPEN_QUOTE = "Citat med samtykke"


def frozen_result(themes) -> dict:
    """A frozen points result over `themes`, with one group shown and one hidden."""
    options = [
        {"option": str(theme.pk), "rank": n, "tied": False, "score": 10 - n, "supporters": 3}
        for n, theme in enumerate(themes, start=1)
    ]
    return {
        "method": VotingMethod.POINTS,
        "ballot_count": 7,
        "labels": {str(theme.pk): theme.title for theme in themes},
        "options": options,
        "groups": [
            {"group": "leder", "ballot_count": 5, "shown": True, "options": options},
            {"group": "dagpleje", "ballot_count": 2, "shown": False, "options": []},
        ],
        "min_group_size": 5,
    }


def grow(world, factor: int = 1) -> dict:
    """`factor` themes, each with two initiatives carrying criteria, prerequisites, risks,
    milestones, a dependency, cost lines and tagged insights (one a quote without consent);
    plus devices, a closed voting round and decisions. Returns the objects tests name."""
    process = world.process
    organisation = process.organisation
    world.theme.priority_rank = 1
    world.theme.title = "Mere tid til børnene"
    world.theme.save()
    secret_interview = InterviewFactory(process=process, consent_to_quote=False)
    open_interview = InterviewFactory(
        process=process, consent_to_quote=True, interviewee_title="Forsker"
    )
    themes = [world.theme]
    initiatives = []
    category = DeviceCategory.objects.create(organisation=organisation, name="Pædagog-tablet")
    NeedRule.objects.create(category=category, for_integrated=True, per_room=1)
    ITGuideline.objects.create(
        organisation=organisation,
        kind=GuidelineRuleKind.FRAMEWORK_AGREEMENT,
        title="Køb på rammeaftale",
    )
    for n in range(factor):
        theme = world.theme if n == 0 else ThemeFactory(process=process, priority_rank=n + 1)
        if theme not in themes:
            themes.append(theme)
        OrgUnitFactory(organisation=organisation, rooms=3)
        model = DeviceModel.objects.create(
            organisation=organisation,
            category=category,
            name=f"iPad {n}",
            unit_price=Decimal("2750"),
            framework_agreement="SKI 50.43" if n else "",
        )
        if n == 0:
            ComplianceException.objects.create(
                process=process,
                device_model=model,
                reason="Undtaget af digitaliseringschefen",
                granted_by=world.users["lead"],
            )
        previous = None
        for m in range(2):
            initiative = InitiativeFactory(
                theme=theme,
                position=m + 1,
                title=f"Indsats {n}-{m}",
                phase="1",
                start_date=datetime.date(2027, 1, 1),
                end_date=datetime.date(2028, 6, 30),
                in_budget_request=True,
            )
            initiatives.append(initiative)
            SuccessCriterion.objects.create(initiative=initiative, indicator=f"Indikator {n}-{m}")
            Prerequisite.objects.create(
                process=process, initiative=initiative, category="skills", description="Kurser"
            )
            Risk.objects.create(
                process=process, initiative=initiative, description="Risiko", likelihood=2, impact=3
            )
            Milestone.objects.create(
                initiative=initiative, title="Milepæl", due_date=datetime.date(2027, 6, 1)
            )
            if previous:
                Dependency.objects.create(initiative=initiative, depends_on=previous)
            previous = initiative
            CostLine.objects.create(
                process=process,
                initiative=initiative,
                label=f"Udgift {n}-{m}",
                kind=CostKind.DRIFT if m == 0 else CostKind.ANLAEG,
                recurrence=Recurrence.ONE_OFF,
                amount_1=Decimal("123456.00"),
                amount_2=Decimal("1500.00"),
            )
        for text, kind, interview in (
            (f"Note {n}", InsightKind.CHALLENGE, None),
            (f"{SECRET_QUOTE} {n}", InsightKind.QUOTE, secret_interview),
            (f"{OPEN_QUOTE} {n}", InsightKind.QUOTE, open_interview),
        ):
            if interview:
                insight = InsightFactory(
                    process=process, workshop=None, interview=interview, text=text, kind=kind
                )
            else:
                insight = InsightFactory(workshop=world.workshop, text=text, kind=kind)
            InsightTheme.objects.create(insight=insight, theme=theme)
        ParticipantFactory(process=process, group=StakeholderGroup.LEDER)
        WorkshopFactory(process=process)
        DecisionFactory(process=process, text=f"SG-beslutning {n}")
    Prerequisite.objects.create(process=process, category="economy", description="Finansiering")
    ThemeFactory(process=process, title="Parkeret tema", status=ThemeStatus.PARKED)
    VotingRoundFactory(
        process=process,
        status=RoundStatus.CLOSED,
        closed_at=datetime.datetime(2026, 4, 1, 12, tzinfo=datetime.UTC),
        frozen_result=frozen_result(themes),
    )
    return {"themes": themes, "initiatives": initiatives}
