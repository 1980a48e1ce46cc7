"""The action plan page: grouping, filters, inline editing, moves; prerequisites and risks."""

from datetime import date

from django.urls import reverse

from actionplan.models import Initiative, Prerequisite, Risk
from tests.factories import InitiativeFactory, ThemeFactory


def url(world, name, **kwargs):
    return reverse(f"actionplan:{name}", kwargs={"slug": world.process.slug, **kwargs})


def _rows(response):
    return [
        (group.theme.pk, [(i.number, i.title) for i in group.initiatives])
        for group in response.context["groups"]
    ]


def test_plan_groups_by_theme_in_priority_order(world):
    second = world.theme
    second.priority_rank = 2
    second.save()
    first = ThemeFactory(process=world.process, priority_rank=1)
    InitiativeFactory(
        theme=second,
        position=1,
        title="b1",
        start_date=date(2027, 2, 1),
        end_date=date(2028, 11, 1),
    )
    InitiativeFactory(theme=first, position=2, title="a2")
    InitiativeFactory(theme=first, position=1, title="a1")
    InitiativeFactory(theme=world.other["theme"], title="fremmed")
    response = world.client_for("viewer").get(url(world, "plan"))
    assert response.status_code == 200
    assert _rows(response) == [
        (first.pk, [("1.1", "a1"), ("1.2", "a2")]),
        (second.pk, [("2.1", "b1")]),
    ]
    html = response.content.decode()
    assert "K1 2027 – K4 2028" in html
    assert 'data-light="green"' in html
    # A viewer gets no edit controls.
    assert url(world, "initiative.inline", pk=Initiative.objects.get(title="a1").pk) not in html


def test_plan_filters_and_htmx_partial(world):
    InitiativeFactory(
        theme=world.theme, title="fase1", phase="1", owner="Anna Holm", in_budget_request=True
    )
    InitiativeFactory(theme=world.theme, title="fase2", phase="2", owner="Bo")
    client = world.client_for("viewer")
    cases = [
        ({"phase": "1"}, ["fase1"]),
        ({"owner": "holm"}, ["fase1"]),
        ({"budget": "no"}, ["fase2"]),
        ({"status": "done"}, []),
        ({"theme": world.theme.pk}, ["fase1", "fase2"]),
        ({"phase": "9"}, ["fase1", "fase2"]),  # an invalid filter is ignored
    ]
    for params, titles in cases:
        response = client.get(url(world, "plan"), params)
        assert response.status_code == 200
        assert [i.title for g in response.context["groups"] for i in g.initiatives] == titles
    response = client.get(url(world, "plan"), {"phase": "2"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="plan-results"')
    assert "fase2" in html and "fase1" not in html


def test_plan_warns_about_unmet_phase1_prerequisites(world):
    phase1 = InitiativeFactory(theme=world.theme, phase="1")
    phase2 = InitiativeFactory(theme=world.theme, phase="2")
    unmet = Prerequisite.objects.create(
        process=world.process, initiative=phase1, category="skills", description="Kurser"
    )
    Prerequisite.objects.create(
        process=world.process, initiative=phase1, category="skills", description="m", status="met"
    )
    Prerequisite.objects.create(
        process=world.process, initiative=phase2, category="skills", description="f2"
    )
    Prerequisite.objects.create(process=world.process, category="economy", description="strategi")
    response = world.client_for("viewer").get(url(world, "plan"))
    assert [p.pk for p in response.context["unmet_prerequisites"]] == [unmet.pk]
    assert 'id="unmet-prerequisites"' in response.content.decode()


def test_inline_edit_through_htmx(world):
    initiative = InitiativeFactory(theme=world.theme)
    client = world.client_for("contributor")
    edit_url = url(world, "initiative.inline", pk=initiative.pk)
    response = client.get(edit_url, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'class="plan-edit-row"' in response.content.decode()
    response = client.post(
        edit_url,
        {
            "status": "delayed",
            "traffic_light": "red",
            "owner": "Eva",
            "phase": "2",
            "in_budget_request": "on",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<tr id="initiative-{initiative.pk}">' in html and 'data-light="red"' in html
    initiative.refresh_from_db()
    assert (
        initiative.status,
        initiative.traffic_light,
        initiative.owner,
        initiative.phase,
        initiative.in_budget_request,
    ) == (
        "delayed",
        "red",
        "Eva",
        "2",
        True,
    )
    assert initiative.history.first().history_user == world.users["contributor"]


def test_inline_edit_invalid_is_400_with_the_edit_row(world):
    initiative = InitiativeFactory(theme=world.theme)
    response = world.client_for("lead").post(
        url(world, "initiative.inline", pk=initiative.pk),
        {"status": "bogus", "traffic_light": "red"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400
    # Swapped in by htmx like the row (static/js/app.js), with the message next to the field.
    assert response["X-Swap-Refusal"] == "1"
    html = response.content.decode()
    assert "plan-edit-row" in html
    assert (
        f'id="initiative{initiative.pk}_status-error">Marker en gyldig valgmulighed. bogus er '
        "ikke en af de tilgængelige valgmuligheder.</div>"
    ) in html
    initiative.refresh_from_db()
    assert (initiative.status, initiative.traffic_light) == ("not_started", "green")


def test_inline_edit_without_javascript(world):
    initiative = InitiativeFactory(theme=world.theme)
    client = world.client_for("lead")
    assert client.get(url(world, "initiative.inline", pk=initiative.pk)).status_code == 200
    response = client.post(
        url(world, "initiative.inline", pk=initiative.pk),
        {"status": "done", "traffic_light": "green"},
    )
    assert response.status_code == 302
    assert Initiative.objects.get().status == "done"


def test_move_up_and_down(world):
    a = InitiativeFactory(theme=world.theme, position=1, title="a")
    b = InitiativeFactory(theme=world.theme, position=2, title="b")
    client = world.client_for("lead")
    response = client.post(url(world, "initiative.move", pk=b.pk), {"direction": "up"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#theme-{world.theme.pk}")
    assert list(Initiative.objects.order_by("position").values_list("title", flat=True)) == [
        "b",
        "a",
    ]
    response = client.post(
        url(world, "initiative.move", pk=b.pk), {"direction": "down"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith(f'<section id="theme-{world.theme.pk}"')
    html = response.content.decode()
    assert html.index(f'id="initiative-{a.pk}"') < html.index(f'id="initiative-{b.pk}"')
    response = client.post(url(world, "initiative.move", pk=b.pk), {"direction": "sideways"})
    assert response.status_code == 400


def test_prerequisite_list_by_category_and_add(world):
    initiative = InitiativeFactory(theme=world.theme)
    Prerequisite.objects.create(
        process=world.process, initiative=initiative, category="technology", description="Wifi"
    )
    Prerequisite.objects.create(
        process=world.other_process, category="technology", description="fremmed"
    )
    response = world.client_for("viewer").get(url(world, "prerequisite.list"))
    assert response.status_code == 200
    assert [
        (g.value, [p.description for p in g.prerequisites]) for g in response.context["groups"]
    ] == [("technology", ["Wifi"])]
    assert response.context["form"] is None
    client = world.client_for("lead")
    response = client.post(
        url(world, "prerequisite.list"), {"category": "economy", "description": "", "status": "met"}
    )
    assert response.status_code == 400
    assert "description" in response.context["form"].errors
    response = client.post(
        url(world, "prerequisite.list"),
        {"category": "economy", "description": "Budget", "status": "met"},
    )
    assert response.status_code == 302
    strategy_level = Prerequisite.objects.get(description="Budget")
    assert strategy_level.initiative_id is None


def test_prerequisite_and_risk_edit(world):
    initiative = InitiativeFactory(theme=world.theme)
    prerequisite = Prerequisite.objects.create(
        process=world.process, initiative=initiative, category="skills", description="K"
    )
    risk = Risk.objects.create(process=world.process, description="R", likelihood=1, impact=1)
    client = world.client_for("contributor")
    response = client.post(
        url(world, "prerequisite.edit", pk=prerequisite.pk),
        {"category": "skills", "description": "K", "status": "met"},
    )
    assert response.status_code == 302
    assert response["Location"] == url(world, "initiative.detail", pk=initiative.pk)
    prerequisite.refresh_from_db()
    assert prerequisite.status == "met"
    response = client.post(
        url(world, "risk.edit", pk=risk.pk), {"description": "R", "likelihood": 0, "impact": 3}
    )
    assert response.status_code == 400
    response = client.post(
        url(world, "risk.edit", pk=risk.pk), {"description": "R", "likelihood": 3, "impact": 3}
    )
    assert response.status_code == 302
    risk.refresh_from_db()
    assert risk.score == 9


def test_process_overview_counts_unmet_prerequisites_of_phase_1_initiatives(world, lead_client):
    from actionplan.enums import PrerequisiteCategory, PrerequisiteStatus
    from actionplan.models import Prerequisite
    from tests.factories import InitiativeFactory

    phase_1 = InitiativeFactory(theme=world.theme, phase="1")
    phase_2 = InitiativeFactory(theme=world.theme, phase="2")
    for initiative, status in (
        (phase_1, PrerequisiteStatus.NOT_MET),
        (phase_1, PrerequisiteStatus.MET),
        (phase_2, PrerequisiteStatus.NOT_MET),
    ):
        Prerequisite.objects.create(
            process=world.process,
            initiative=initiative,
            category=PrerequisiteCategory.TECHNOLOGY,
            description="Stabilt trådløst net",
            status=status,
        )

    response = lead_client.get(world.process.get_absolute_url())

    counts = {count.url: count.value for count in response.context["counts"]}
    assert counts[f"/p/{world.process.slug}/handleplan/forudsaetninger/"] == 1
