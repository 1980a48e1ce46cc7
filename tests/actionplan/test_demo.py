"""seed_demo, action-plan part: the 20 initiatives of DOMAIN.md §6 with their criteria,
prerequisites, risks, dependencies, milestones, status updates and insights; idempotency."""

import datetime

import pytest
from django.core.management import call_command

from actionplan.enums import InitiativeStatus, PrerequisiteStatus
from actionplan.models import (
    Dependency,
    Initiative,
    Milestone,
    Prerequisite,
    Risk,
    StatusUpdate,
    SuccessCriterion,
)
from strategy.enums import PlanPhase
from strategy.models import StrategyProcess

TODAY = datetime.date(2026, 11, 26)

DOMAIN_INITIATIVES = [
    ("1.1", "Digital komme/gå-skærm i alle huse"),
    ("1.2", "Digital vagtplanlægning"),
    ("1.3", "Fælles arbejdsstation i personalerum"),
    ("1.4", "Ledelsesinformation: normering, fremmøde, sprogvurdering"),
    ("2.1", "Pædagog-tablet pr. stue + fælles pulje"),
    ("2.2", "Fælles skabelon for pædagogisk dokumentation"),
    ("2.3", "Hjernen&Hjertet direkte på tablet"),
    ("3.1", "MDM-tilmelding og standardopsætning"),
    ("3.2", "Trådløst netværk i alle 20 institutioner"),
    ("3.3", "Bærbare pc'er til ledelse og dagplejepædagoger"),
    ("3.4", "Tablets til dagplejere og legestuer"),
    ("3.5", "Udskiftningsplan (4-årig cyklus)"),
    ("3.6", "Tur- og vagttelefoner"),
    ("4.1", "Fælles Aula-retningslinjer"),
    ("4.2", "Flersproget forældreinformation"),
    ("5.1", "Superbrugernetværk"),
    ("5.2", "Kompetenceforløb for alle medarbejdere"),
    ("5.3", "Programledelse og gevinstopfølgning"),
    ("6.1", "Billed- og enhedspolitik + awareness-træning (NIS2)"),
    ("7.1", "Koncept for fagligt begrundet digital leg"),
]
# The initiatives with 2027 amounts in DOMAIN.md §6's cost lines.
PHASE_1 = {
    "1.1",
    "1.2",
    "1.3",
    "2.1",
    "3.1",
    "3.2",
    "3.3",
    "3.4",
    "3.6",
    "5.1",
    "5.2",
    "5.3",
    "6.1",
}


@pytest.fixture
def process(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    return StrategyProcess.objects.get(slug="digitalisering-0-6")


def _initiatives(process):
    return list(Initiative.objects.filter(process=process).select_related("theme"))


def test_seed_demo_creates_the_twenty_initiatives_numbered_as_in_domain(process):
    initiatives = _initiatives(process)

    assert [(i.number, i.title) for i in initiatives] == DOMAIN_INITIATIVES
    assert {i.number for i in initiatives if i.phase == PlanPhase.PHASE_1} == PHASE_1
    assert all(i.theme.priority_rank == int(i.number.split(".")[0]) for i in initiatives)
    assert all(
        i.purpose and i.expected_effect and i.owner and i.coordinator and i.responsible_unit
        for i in initiatives
    )
    assert {i.owner for i in initiatives} == {"Dagtilbudschef", "Digitaliseringschef"}
    assert {i.number for i in initiatives if i.status == InitiativeStatus.IN_PROGRESS} == {
        "3.1",
        "3.2",
        "5.3",
    }
    assert all(i.in_budget_request for i in initiatives if i.phase == PlanPhase.PHASE_1)


def test_every_initiative_has_a_period_within_the_strategy_on_quarter_boundaries(process):
    for initiative in _initiatives(process):
        start, end = initiative.start_date, initiative.end_date
        assert datetime.date(2027, 1, 1) <= start <= end <= datetime.date(2030, 12, 31)
        assert (start.month, start.day) in {(1, 1), (4, 1), (7, 1), (10, 1)}
        assert (end.month, end.day) in {(3, 31), (6, 30), (9, 30), (12, 31)}


def test_every_initiative_has_one_or_two_success_criteria(process):
    counts = {
        initiative.number: initiative.criteria.count() for initiative in _initiatives(process)
    }

    assert len(counts) == 20
    assert set(counts.values()) == {1, 2}
    assert SuccessCriterion.objects.filter(target="").count() == 0


def test_seed_demo_creates_the_dependencies_without_a_cycle(process):
    pairs = {
        (dependency.initiative.number, dependency.depends_on.number)
        for dependency in Dependency.objects.select_related(
            "initiative__theme", "depends_on__theme"
        )
    }

    assert pairs == {
        ("2.1", "3.1"),
        ("2.1", "3.2"),
        ("3.3", "3.1"),
        ("3.4", "3.1"),
        ("3.6", "3.1"),
        ("3.5", "2.1"),
        ("3.5", "3.3"),
        ("3.5", "3.4"),
        ("2.3", "2.1"),
        ("1.1", "3.2"),
    }
    graph: dict[str, set[str]] = {}
    for number, depends_on in pairs:
        graph.setdefault(number, set()).add(depends_on)
    done: set[str] = set()

    def visit(node: str, path: tuple[str, ...]) -> None:
        assert node not in path, f"cycle through {(*path, node)}"
        if node in done:
            return
        for following in graph.get(node, ()):
            visit(following, (*path, node))
        done.add(node)

    for node in graph:
        visit(node, ())


def test_seed_demo_has_an_unmet_prerequisite_on_a_phase_1_initiative(process):
    unmet = Prerequisite.objects.filter(
        process=process,
        status=PrerequisiteStatus.NOT_MET,
        initiative__phase=PlanPhase.PHASE_1,
    ).select_related("initiative__theme")
    statuses = set(Prerequisite.objects.filter(process=process).values_list("status", flat=True))

    assert ("2.1", "Stabilt trådløst net på alle stuer og på legepladsen") in {
        (p.initiative.number, p.description) for p in unmet
    }
    assert statuses == {
        PrerequisiteStatus.MET,
        PrerequisiteStatus.UNDERWAY,
        PrerequisiteStatus.NOT_MET,
    }
    assert Prerequisite.objects.filter(process=process, initiative=None).count() == 3


def test_seed_demo_creates_risks_for_initiatives_and_two_for_the_strategy(process):
    risks = Risk.objects.filter(process=process)

    assert risks.filter(initiative=None).count() == 2
    assert risks.filter(initiative__isnull=False).count() == 6
    assert all(1 <= risk.likelihood <= 5 and 1 <= risk.impact <= 5 for risk in risks)
    assert all(risk.mitigation and risk.owner for risk in risks)


def test_seed_demo_milestones_include_done_and_overdue(process):
    milestones = Milestone.objects.filter(initiative__process=process)
    overdue = milestones.filter(done=False, due_date__lt=TODAY).select_related("initiative__theme")

    assert milestones.filter(done=True).count() == 3
    assert [(m.initiative.number, m.title) for m in overdue] == [
        ("3.2", "Udbud af trådløst net offentliggjort")
    ]
    assert all(initiative.milestones.exists() for initiative in _initiatives(process))


def test_seed_demo_status_updates_are_dated_autumn_2026_and_match_the_status(process):
    updates = StatusUpdate.objects.filter(initiative__process=process).select_related(
        "initiative", "author"
    )

    assert updates.count() == 4
    assert all(
        datetime.date(2026, 9, 1) <= update.date <= datetime.date(2026, 11, 30)
        for update in updates
    )
    assert {update.author.email for update in updates} == {"projektleder@demo.rodovre.dk"}
    for initiative in Initiative.objects.filter(status_updates__isnull=False).distinct():
        latest = initiative.status_updates.order_by("-date").first()
        assert (latest.status, latest.traffic_light) == (
            initiative.status,
            initiative.traffic_light,
        )


def test_every_initiative_answers_one_to_three_insights_of_its_theme(process):
    for initiative in Initiative.objects.filter(process=process).prefetch_related(
        "insights__themes"
    ):
        insights = list(initiative.insights.all())
        assert 1 <= len(insights) <= 3, initiative.title
        assert all(initiative.theme in insight.themes.all() for insight in insights)


def _counts():
    return (
        Initiative.objects.count(),
        Initiative.insights.through.objects.count(),
        SuccessCriterion.objects.count(),
        Prerequisite.objects.count(),
        Risk.objects.count(),
        Dependency.objects.count(),
        Milestone.objects.count(),
        StatusUpdate.objects.count(),
    )


def _history():
    return (
        Initiative.history.count(),
        SuccessCriterion.history.count(),
        Prerequisite.history.count(),
        Risk.history.count(),
        Milestone.history.count(),
    )


def test_seed_demo_action_plan_is_idempotent(process):
    counts = _counts()
    history = _history()

    call_command("seed_demo", verbosity=0)

    assert _counts() == counts
    assert _history() == history
    assert counts[0] == 20
    assert counts[5] == 10
