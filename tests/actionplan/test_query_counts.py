"""The plan and an initiative's page cost the same number of queries with 1× and 5× the data."""

from datetime import date

import pytest
from django.urls import reverse

from actionplan.models import (
    Dependency,
    Milestone,
    Prerequisite,
    Risk,
    StatusUpdate,
    SuccessCriterion,
)
from tests.factories import InitiativeFactory, InsightFactory, ThemeFactory
from workshops.models import InsightTheme

QUERIES_PREREQUISITE_LIST = 4


def grow(world, factor: int):
    """`factor` themes with initiatives, each with criteria, prerequisites, risks, dependencies,
    milestones, status updates and insights; returns the initiative whose page is measured."""
    main = InitiativeFactory(theme=world.theme, phase="1", start_date=date(2027, 1, 1))
    for n in range(factor):
        theme = ThemeFactory(process=world.process, priority_rank=n + 2)
        for _ in range(2):
            initiative = InitiativeFactory(theme=theme, phase="1", end_date=date(2028, 1, 1))
            Prerequisite.objects.create(
                process=world.process, initiative=initiative, category="skills", description="p"
            )
            Dependency.objects.create(initiative=main, depends_on=initiative)
            Dependency.objects.create(initiative=InitiativeFactory(theme=theme), depends_on=main)
        SuccessCriterion.objects.create(initiative=main, indicator=f"k{n}")
        Prerequisite.objects.create(
            process=world.process, initiative=main, category="economy", description="q"
        )
        Risk.objects.create(
            process=world.process, initiative=main, description="r", likelihood=2, impact=2
        )
        Milestone.objects.create(initiative=main, title=f"m{n}", due_date=date(2029, 1, n + 1))
        StatusUpdate.objects.create(
            initiative=main, date=date(2027, 2, n + 1), status="in_progress", traffic_light="green"
        )
        insight = InsightFactory(workshop=world.workshop)
        InsightTheme.objects.create(insight=insight, theme=world.theme)
        main.insights.add(insight)
        main.title = f"Titel {n}"
        main.save()
    return main


@pytest.mark.parametrize("factor", [1, 5])
def test_plan_query_count(world, lead_client, django_assert_num_queries, factor):
    grow(world, factor)
    page = reverse("actionplan:plan", kwargs={"slug": world.process.slug})
    lead_client.get(page)
    with django_assert_num_queries(6):
        response = lead_client.get(page)
    assert response.status_code == 200


@pytest.mark.parametrize("factor", [1, 5])
def test_initiative_detail_query_count(world, lead_client, django_assert_num_queries, factor):
    main = grow(world, factor)
    page = reverse(
        "actionplan:initiative.detail", kwargs={"slug": world.process.slug, "pk": main.pk}
    )
    lead_client.get(page)
    with django_assert_num_queries(15):
        response = lead_client.get(page)
    assert response.status_code == 200


@pytest.mark.parametrize("factor", [1, 5])
def test_prerequisite_list_query_count(world, lead_client, django_assert_num_queries, factor):
    grow(world, factor)
    for n in range(factor):
        Prerequisite.objects.create(process=world.process, category="legal", description=f"s{n}")
    page = reverse("actionplan:prerequisite.list", kwargs={"slug": world.process.slug})
    lead_client.get(page)

    with django_assert_num_queries(QUERIES_PREREQUISITE_LIST):
        response = lead_client.get(page)

    assert response.status_code == 200
    shown = [p for group in response.context["groups"] for p in group.prerequisites]
    assert len(shown) == 3 * factor + factor  # 2 + 1 per grown theme, plus the strategy-level
