"""Initiative screens: create, edit, detail (evidence trail, consent rule) and its small forms."""

import re
from collections import Counter
from datetime import date

import pytest
from django.urls import reverse

from actionplan.models import (
    Dependency,
    Initiative,
    Milestone,
    Prerequisite,
    Risk,
    SuccessCriterion,
)
from strategy.enums import ThemeStatus
from tests.factories import InitiativeFactory, InsightFactory, InterviewFactory, ThemeFactory
from workshops.enums import InsightKind
from workshops.models import InsightTheme


def url(world, name, **kwargs):
    return reverse(f"actionplan:{name}", kwargs={"slug": world.process.slug, **kwargs})


def test_create_numbers_the_initiative_and_redirects(world):
    world.theme.priority_rank = 2
    world.theme.save()
    InitiativeFactory(theme=world.theme, position=1)
    response = world.client_for("contributor").post(
        url(world, "initiative.create"),
        {"theme": world.theme.pk, "title": "Fælles platform", "phase": "1"},
    )
    initiative = Initiative.objects.get(title="Fælles platform")
    assert response.status_code == 302
    assert response["Location"] == url(world, "initiative.detail", pk=initiative.pk)
    assert (initiative.number, initiative.process_id) == ("2.2", world.process.pk)


def test_create_preselects_the_theme_and_offers_only_open_themes(world):
    merged = ThemeFactory(process=world.process, status=ThemeStatus.MERGED)
    response = world.client_for("lead").get(
        url(world, "initiative.create") + f"?theme={world.theme.pk}"
    )
    form = response.context["form"]
    assert form.initial["theme"] == world.theme.pk
    assert merged not in form.fields["theme"].queryset
    assert world.other["theme"] not in form.fields["theme"].queryset


@pytest.mark.parametrize(
    "data, field",
    [
        ({"title": ""}, "title"),
        ({"title": "A", "start_date": "2027-05-01", "end_date": "2027-01-01"}, "end_date"),
        ({"title": "x" * 201}, "title"),
    ],
)
def test_create_invalid_is_400_and_saves_nothing(world, data, field):
    response = world.client_for("lead").post(
        url(world, "initiative.create"), {"theme": world.theme.pk, **data}
    )
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert Initiative.objects.count() == 0


def test_create_refuses_a_theme_of_another_process(world):
    response = world.client_for("lead").post(
        url(world, "initiative.create"), {"theme": world.other["theme"].pk, "title": "A"}
    )
    assert response.status_code == 400
    assert "theme" in response.context["form"].errors
    assert Initiative.objects.count() == 0


def test_edit_saves_fields_but_not_status(world):
    initiative = InitiativeFactory(theme=world.theme)
    response = world.client_for("lead").post(
        url(world, "initiative.edit", pk=initiative.pk),
        {"title": "Ny", "owner": "Anna", "status": "done", "in_budget_request": "on"},
    )
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert (
        initiative.title,
        initiative.owner,
        initiative.status,
        initiative.in_budget_request,
    ) == (
        "Ny",
        "Anna",
        "not_started",
        True,
    )


def test_edit_end_before_start_is_400(world):
    initiative = InitiativeFactory(theme=world.theme, title="Gammel")
    response = world.client_for("lead").post(
        url(world, "initiative.edit", pk=initiative.pk),
        {"title": "Ny", "start_date": "2027-05-01", "end_date": "2027-01-01"},
    )
    assert response.status_code == 400
    assert "end_date" in response.context["form"].errors
    initiative.refresh_from_db()
    assert initiative.title == "Gammel"


def test_detail_shows_everything_and_the_evidence_trail(world):
    initiative = InitiativeFactory(
        theme=world.theme, start_date=date(2027, 1, 1), end_date=date(2027, 6, 30)
    )
    other = InitiativeFactory(theme=world.theme, title="Forudgående")
    Dependency.objects.create(initiative=initiative, depends_on=other)
    Dependency.objects.create(
        initiative=InitiativeFactory(theme=world.theme, title="Efter"), depends_on=initiative
    )
    Milestone.objects.create(initiative=initiative, title="Sent", due_date=date(2027, 9, 1))
    SuccessCriterion.objects.create(initiative=initiative, indicator="Andel brugere")
    interview = InterviewFactory(process=world.process, consent_to_quote=False)
    secret = InsightFactory(
        process=world.process,
        workshop=None,
        interview=interview,
        kind=InsightKind.QUOTE,
        text="Hemmeligt citat",
    )
    open_quote = InsightFactory(workshop=world.workshop, kind=InsightKind.QUOTE, text="Åbent citat")
    for insight in (secret, open_quote):
        InsightTheme.objects.create(insight=insight, theme=world.theme)
    initiative.insights.add(secret, world.insight)

    lead = world.client_for("lead").get(url(world, "initiative.detail", pk=initiative.pk))
    viewer = world.client_for("viewer").get(url(world, "initiative.detail", pk=initiative.pk))
    assert lead.status_code == viewer.status_code == 200
    lead_html, viewer_html = lead.content.decode(), viewer.content.decode()
    assert "Forudgående" in lead_html and "Efter" in lead_html and "Andel brugere" in lead_html
    assert 'data-warning="outside-period"' in lead_html
    assert "Hemmeligt citat" in lead_html
    assert "Hemmeligt citat" not in viewer_html
    assert "Åbent citat" in viewer_html
    assert [i.pk for i in viewer.context["own_insights"]] == [world.insight.pk]
    assert 'id="criterion-form"' in lead_html and 'id="criterion-form"' not in viewer_html
    assert len(lead.context["history"]) == 1


def test_detail_names_the_decision_that_set_the_priority(world):
    world.theme.priority_rank = 1
    world.theme.priority_decision = world.decision
    world.theme.save()
    initiative = InitiativeFactory(theme=world.theme)
    response = world.client_for("viewer").get(url(world, "initiative.detail", pk=initiative.pk))
    assert 'id="priority-decision"' in response.content.decode()


def test_criterion_add_and_target_without_indicator(world):
    initiative = InitiativeFactory(theme=world.theme)
    client = world.client_for("contributor")
    response = client.post(url(world, "criterion.add", pk=initiative.pk), {"target": "90 %"})
    assert response.status_code == 400
    assert [e.code for e in response.context["criterion_form"].errors.as_data()["indicator"]] == [
        "target_without_indicator"
    ]
    assert SuccessCriterion.objects.count() == 0
    response = client.post(
        url(world, "criterion.add", pk=initiative.pk), {"indicator": "Andel", "target": "90 %"}
    )
    assert response.status_code == 302
    criterion = SuccessCriterion.objects.get()
    assert (criterion.indicator, criterion.target) == ("Andel", "90 %")
    response = client.post(url(world, "criterion.delete", pk=initiative.pk, item=criterion.pk))
    assert response.status_code == 302
    assert SuccessCriterion.objects.count() == 0


def test_prerequisite_and_risk_add(world):
    initiative = InitiativeFactory(theme=world.theme)
    client = world.client_for("lead")
    response = client.post(
        url(world, "prerequisite.add", pk=initiative.pk),
        {"category": "technology", "description": "Wifi", "status": "underway"},
    )
    assert response.status_code == 302
    prerequisite = Prerequisite.objects.get()
    assert (prerequisite.process_id, prerequisite.initiative_id) == (
        world.process.pk,
        initiative.pk,
    )
    response = client.post(
        url(world, "risk.add", pk=initiative.pk), {"description": "R", "likelihood": 6, "impact": 1}
    )
    assert response.status_code == 400
    assert "likelihood" in response.context["risk_form"].errors
    response = client.post(
        url(world, "risk.add", pk=initiative.pk), {"description": "R", "likelihood": 4, "impact": 5}
    )
    assert response.status_code == 302
    assert Risk.objects.get().score == 20


def test_dependency_add_refuses_a_cycle_with_400(world):
    a = InitiativeFactory(theme=world.theme)
    b = InitiativeFactory(theme=world.theme)
    client = world.client_for("lead")
    assert (
        client.post(url(world, "dependency.add", pk=a.pk), {"depends_on": b.pk}).status_code == 302
    )
    response = client.post(url(world, "dependency.add", pk=b.pk), {"depends_on": a.pk})
    assert response.status_code == 400
    assert [e.code for e in response.context["dependency_form"].errors.as_data()["depends_on"]] == [
        "cycle"
    ]
    foreign = InitiativeFactory(theme=world.other["theme"])
    response = client.post(url(world, "dependency.add", pk=a.pk), {"depends_on": foreign.pk})
    assert response.status_code == 400
    assert list(Dependency.objects.values_list("initiative_id", "depends_on_id")) == [(a.pk, b.pk)]
    dependency = Dependency.objects.get()
    assert (
        client.post(url(world, "dependency.delete", pk=a.pk, item=dependency.pk)).status_code == 302
    )
    assert Dependency.objects.count() == 0


def test_milestone_add_warns_outside_the_period_and_toggles(world):
    initiative = InitiativeFactory(
        theme=world.theme, start_date=date(2027, 1, 1), end_date=date(2027, 6, 30)
    )
    client = world.client_for("lead")
    response = client.post(
        url(world, "milestone.add", pk=initiative.pk), {"title": "Sent", "due_date": "2027-12-01"}
    )
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert [m.level_tag for m in page.context["messages"]] == ["warning"]
    milestone = Milestone.objects.get()
    response = client.post(
        url(world, "milestone.toggle", pk=initiative.pk, item=milestone.pk), {"done": "on"}
    )
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.done is True
    response = client.post(url(world, "milestone.add", pk=initiative.pk), {"title": "X"})
    assert response.status_code == 400
    assert Milestone.objects.count() == 1


def test_an_item_of_another_initiative_answers_404(world):
    initiative = InitiativeFactory(theme=world.theme)
    other = InitiativeFactory(theme=world.theme)
    criterion = SuccessCriterion.objects.create(initiative=other, indicator="A")
    response = world.client_for("lead").post(
        url(world, "criterion.delete", pk=initiative.pk, item=criterion.pk)
    )
    assert response.status_code == 404
    assert SuccessCriterion.objects.count() == 1


def test_detail_page_element_ids_are_unique(world):
    initiative = InitiativeFactory(theme=world.theme)
    response = world.client_for("lead").get(url(world, "initiative.detail", pk=initiative.pk))
    ids = Counter(re.findall(r'\sid="([^"]+)"', response.content.decode()))
    assert [name for name, count in ids.items() if count > 1] == []
