"""The action plan's services: numbering, moves, dependencies, validation, milestones."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from actionplan import services
from actionplan.enums import InitiativeStatus, TrafficLight
from actionplan.models import Dependency, Initiative, Milestone, SuccessCriterion
from tests.factories import InitiativeFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def _codes(exc: ValidationError, field: str) -> list[str]:
    return [error.code for error in exc.error_dict[field]]


def test_create_numbers_within_the_theme():
    theme = ThemeFactory(priority_rank=2)
    first = services.initiative_create(theme=theme, data={"title": "A"})
    second = services.initiative_create(theme=theme, data={"title": "B"})
    other = services.initiative_create(
        theme=ThemeFactory(process=theme.process), data={"title": "C"}
    )
    assert (first.position, second.position, other.position) == (1, 2, 1)
    assert second.number == "2.2"
    assert first.process_id == theme.process_id


def test_create_refuses_end_before_start():
    theme = ThemeFactory()
    with pytest.raises(ValidationError) as exc:
        services.initiative_create(
            theme=theme,
            data={"title": "A", "start_date": date(2027, 3, 1), "end_date": date(2027, 1, 1)},
        )
    assert _codes(exc.value, "end_date") == ["end_before_start"]
    assert Initiative.objects.count() == 0


def test_update_does_not_set_status():
    initiative = InitiativeFactory()
    with pytest.raises(ValueError):
        services.initiative_update(initiative=initiative, data={"status": "done"})
    services.initiative_update(initiative=initiative, data={"title": "Ny titel", "owner": "Anna"})
    initiative.refresh_from_db()
    assert (initiative.title, initiative.owner) == ("Ny titel", "Anna")


def test_set_status_and_light():
    initiative = InitiativeFactory()
    services.initiative_set_status(
        initiative=initiative, status=InitiativeStatus.DELAYED, traffic_light=TrafficLight.RED
    )
    initiative.refresh_from_db()
    assert (initiative.status, initiative.traffic_light) == ("delayed", "red")
    with pytest.raises(ValidationError) as exc:
        services.initiative_set_status(initiative=initiative, status="bogus", traffic_light="red")
    assert "status" in exc.value.error_dict


def _positions(theme):
    return list(
        Initiative.objects.filter(theme=theme).order_by("position").values_list("title", "position")
    )


def test_move_swaps_and_renumbers_without_gaps():
    theme = ThemeFactory()
    a = InitiativeFactory(theme=theme, position=1, title="a")
    InitiativeFactory(theme=theme, position=3, title="b")
    c = InitiativeFactory(theme=theme, position=7, title="c")
    services.initiative_move(initiative=c, direction="up")
    assert _positions(theme) == [("a", 1), ("c", 2), ("b", 3)]
    services.initiative_move(initiative=a, direction="down")
    assert _positions(theme) == [("c", 1), ("a", 2), ("b", 3)]
    # At the edges nothing moves.
    services.initiative_move(initiative=Initiative.objects.get(title="c"), direction="up")
    services.initiative_move(initiative=Initiative.objects.get(title="b"), direction="down")
    assert _positions(theme) == [("c", 1), ("a", 2), ("b", 3)]


def test_criterion_needs_an_indicator():
    initiative = InitiativeFactory()
    with pytest.raises(ValidationError) as exc:
        services.criterion_add(initiative=initiative, data={"indicator": " ", "target": "90 %"})
    assert _codes(exc.value, "indicator") == ["target_without_indicator"]
    with pytest.raises(ValidationError) as exc:
        services.criterion_add(initiative=initiative, data={"indicator": ""})
    assert _codes(exc.value, "indicator") == ["required"]
    assert SuccessCriterion.objects.count() == 0
    services.criterion_add(initiative=initiative, data={"indicator": "Andel", "target": "90 %"})
    assert SuccessCriterion.objects.get().indicator == "Andel"


def test_dependency_refusals_and_cycles():
    theme = ThemeFactory()
    a, b, c = (InitiativeFactory(theme=theme) for _ in range(3))
    foreign = InitiativeFactory()
    cases = [
        (a, foreign, "process"),
        (a, a, "itself"),
    ]
    for initiative, depends_on, code in cases:
        with pytest.raises(ValidationError) as exc:
            services.dependency_add(initiative=initiative, depends_on=depends_on)
        assert _codes(exc.value, "depends_on") == [code]
    services.dependency_add(initiative=a, depends_on=b)
    with pytest.raises(ValidationError) as exc:
        services.dependency_add(initiative=a, depends_on=b)
    assert _codes(exc.value, "depends_on") == ["exists"]
    # Direct cycle: b → a while a → b.
    with pytest.raises(ValidationError) as exc:
        services.dependency_add(initiative=b, depends_on=a)
    assert _codes(exc.value, "depends_on") == ["cycle"]
    # Three long: a → b → c, then c → a.
    services.dependency_add(initiative=b, depends_on=c)
    with pytest.raises(ValidationError) as exc:
        services.dependency_add(initiative=c, depends_on=a)
    assert _codes(exc.value, "depends_on") == ["cycle"]
    # Not a cycle: a → c (a diamond).
    services.dependency_add(initiative=a, depends_on=c)
    assert sorted(Dependency.objects.values_list("initiative_id", "depends_on_id")) == sorted(
        [(a.pk, b.pk), (b.pk, c.pk), (a.pk, c.pk)]
    )
    services.dependency_remove(dependency=Dependency.objects.get(initiative=a, depends_on=b))
    assert Dependency.objects.count() == 2


def test_milestone_outside_period_is_saved_with_a_warning():
    initiative = InitiativeFactory(start_date=date(2027, 1, 1), end_date=date(2027, 6, 30))
    inside = services.milestone_add(
        initiative=initiative, data={"title": "Inde", "due_date": date(2027, 3, 1)}
    )
    outside = services.milestone_add(
        initiative=initiative, data={"title": "Ude", "due_date": date(2027, 9, 1)}
    )
    assert inside.warning == ""
    assert outside.warning != ""
    assert Milestone.objects.count() == 2
    services.milestone_set_done(milestone=outside.milestone, done=True)
    assert Milestone.objects.get(title="Ude").done is True
