"""seed_demo: the Rødovre demo of DOMAIN.md §6, idempotent, refused without DEBUG."""

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum

from strategy.demo import THEMES
from strategy.enums import OrgUnitKind, Role, ThemeStatus
from strategy.models import (
    Decision,
    Membership,
    OrgUnit,
    ProcessPhase,
    SteeringMeeting,
    StrategicTheme,
    StrategyProcess,
    VisionRevision,
)


@pytest.fixture
def seeded(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)


def test_seed_demo_creates_the_twenty_institutions_and_dagplejen(seeded):
    institutions = OrgUnit.objects.exclude(kind=OrgUnitKind.DAGPLEJE)
    totals = institutions.aggregate(
        young=Sum("children_0_2"), old=Sum("children_3_5"), rooms=Sum("rooms"), fte=Sum("fte")
    )

    assert institutions.count() == 20
    assert (totals["young"], totals["old"], totals["rooms"], int(totals["fte"])) == (
        588,
        1200,
        105,
        421,
    )
    assert set(institutions.values_list("kind", flat=True)) == {
        OrgUnitKind.BORNEHAVE,
        OrgUnitKind.INTEGRERET,
        OrgUnitKind.VUGGESTUE,
    }
    assert institutions.filter(kind=OrgUnitKind.INTEGRERET).count() == 14
    assert institutions.filter(has_deputy=True).count() == 9
    dagpleje = OrgUnit.objects.get(kind=OrgUnitKind.DAGPLEJE)
    assert (dagpleje.childminders, dagpleje.play_centres, dagpleje.dagpleje_pedagogues) == (
        56,
        3,
        4,
    )


def test_seed_demo_creates_the_process_phases_and_demo_logins(seeded):
    process = StrategyProcess.objects.get(slug="digitalisering-0-6")
    roles = dict(
        Membership.objects.filter(
            process=process,
            user__email__in=[
                "projektleder@demo.rodovre.dk",
                "styregruppe@demo.rodovre.dk",
                "bidragyder@demo.rodovre.dk",
                "laeser@demo.rodovre.dk",
            ],
        ).values_list("user__email", "role")
    )

    assert (process.budget_year, process.price_level_year, process.period_label) == (
        2027,
        2027,
        "2027-2030",
    )
    assert ProcessPhase.objects.filter(process=process).count() == 9
    assert roles == {
        "projektleder@demo.rodovre.dk": Role.LEAD,
        "styregruppe@demo.rodovre.dk": Role.STEERING,
        "bidragyder@demo.rodovre.dk": Role.CONTRIBUTOR,
        "laeser@demo.rodovre.dk": Role.VIEWER,
    }
    assert Membership.objects.filter(process=process, role=Role.STEERING).count() == 10
    lead = Membership.objects.get(user__email="projektleder@demo.rodovre.dk").user
    assert lead.check_password("demo")


def _strategy_counts():
    return (
        OrgUnit.objects.count(),
        Membership.objects.count(),
        ProcessPhase.objects.count(),
        StrategicTheme.objects.count(),
        VisionRevision.objects.count(),
        SteeringMeeting.objects.count(),
        Decision.objects.count(),
        Decision.themes.through.objects.count(),
    )


def _strategy_history():
    return (
        OrgUnit.history.count(),
        ProcessPhase.history.count(),
        StrategicTheme.history.count(),
        SteeringMeeting.history.count(),
        Decision.history.count(),
    )


def test_seed_demo_is_idempotent(seeded):
    counts = _strategy_counts()
    history = _strategy_history()

    call_command("seed_demo", verbosity=0)

    assert _strategy_counts() == counts
    assert _strategy_history() == history
    # 8 themes, 3 vision revisions, 4 meetings, 10 decisions (SG1-SG4 plus the adoption of the
    # prioritisation round in SG4).
    assert counts[3:7] == (8, 3, 4, 10)


def test_seed_demo_creates_seven_prioritised_themes_in_order(seeded):
    process = StrategyProcess.objects.get(slug="digitalisering-0-6")
    prioritised = list(
        StrategicTheme.objects.filter(process=process, status=ThemeStatus.PRIORITISED)
        .order_by("priority_rank")
        .values_list("priority_rank", "title")
    )
    merged = StrategicTheme.objects.get(process=process, title=THEMES[8][0])

    assert prioritised == [(number, THEMES[number][0]) for number in range(1, 8)]
    assert prioritised[0][1] == "Mere tid til børnene – enkel og digital administration"
    assert prioritised[6][1] == "Fagligt begrundet digital dannelse (3-6 år)"
    assert merged.title == "Data og viden til kvalitetsudvikling"
    assert merged.priority_rank is None
    assert all(
        theme.description and theme.objective
        for theme in StrategicTheme.objects.filter(process=process)
    )


def test_seed_demo_creates_three_vision_revisions_by_different_authors(seeded):
    revisions = list(
        VisionRevision.objects.filter(process__slug="digitalisering-0-6").order_by("number")
    )

    assert [revision.number for revision in revisions] == [1, 2, 3]
    assert len({revision.author_id for revision in revisions}) == 3
    assert [revision.author.email for revision in revisions] == [
        "projektleder@demo.rodovre.dk",
        "konsulent@demo.rodovre.dk",
        "dagtilbudschef@demo.rodovre.dk",
    ]
    for revision in revisions:
        sentences = revision.text.count(". ") + 1
        assert 1 <= sentences <= 3, revision.text
        assert 4 <= len(revision.principle_list) <= 6
    assert [len(revision.principle_list) for revision in revisions] == [4, 5, 6]


def test_seed_demo_creates_four_steering_meetings_with_decisions(seeded):
    process = StrategyProcess.objects.get(slug="digitalisering-0-6")
    meetings = list(SteeringMeeting.objects.filter(process=process).order_by("number"))
    phase = ProcessPhase.objects.get(process=process, number=5)
    merge = Decision.objects.get(process=process, text="Tema 8 lægges sammen med 1 og 5")
    phase_one = Decision.objects.get(
        process=process, text="Fase 1 omfatter indsatserne i budgetønsket for 2027"
    )

    assert [meeting.code for meeting in meetings] == ["SG1", "SG2", "SG3", "SG4"]
    assert all(phase.start_date <= meeting.date <= phase.end_date for meeting in meetings)
    assert all(meeting.agenda and meeting.minutes for meeting in meetings)
    # SG4 also holds the decision that adopted the prioritisation round's result.
    assert [meeting.decisions.count() for meeting in meetings] == [2, 2, 2, 4]
    assert str(merge) == "SG3: Tema 8 lægges sammen med 1 og 5"
    assert set(merge.themes.values_list("title", flat=True)) == {
        THEMES[1][0],
        THEMES[5][0],
        THEMES[8][0],
    }
    assert merge.date == meetings[2].date
    assert str(phase_one) == "SG4: Fase 1 omfatter indsatserne i budgetønsket for 2027"


def test_seed_demo_refuses_without_debug(db, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="refuses to run when DEBUG is off"):
        call_command("seed_demo")

    assert StrategyProcess.objects.count() == 0


def test_seed_demo_runs_without_debug_when_forced(db, settings):
    settings.DEBUG = False

    call_command("seed_demo", "--force", verbosity=0)

    assert StrategyProcess.objects.filter(slug="digitalisering-0-6").count() == 1
