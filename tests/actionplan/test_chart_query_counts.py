"""The roadmap, the risk matrix and the programme cost the same number of queries with 1× and
5× the data."""

from datetime import date

import pytest
from django.urls import reverse

from actionplan.models import Dependency, Milestone, Prerequisite, Risk, StatusUpdate
from tests.factories import InitiativeFactory, ThemeFactory


def grow(world, factor: int) -> None:
    process = world.process
    previous = None
    for n in range(factor):
        theme = ThemeFactory(process=process, priority_rank=10 + n)
        for position in (1, 2):
            initiative = InitiativeFactory(
                theme=theme,
                position=position,
                start_date=date(2027, 1 + n, 1),
                end_date=date(2028, 6, 30),
                phase="1" if position == 1 else "2",
            )
            Milestone.objects.create(initiative=initiative, title="M", due_date=date(2027, 9, 1))
            Milestone.objects.create(
                initiative=initiative, title="Late", due_date=date(2020, 1, 1), done=False
            )
            StatusUpdate.objects.create(
                initiative=initiative,
                date=date(2027, 2, 1),
                status="in_progress",
                traffic_light="yellow",
            )
            StatusUpdate.objects.create(
                initiative=initiative,
                date=date(2027, 3, 1),
                status="delayed",
                traffic_light="red",
            )
            Risk.objects.create(
                process=process, initiative=initiative, description="R", likelihood=3, impact=4
            )
            Prerequisite.objects.create(
                process=process, initiative=initiative, category="skills", description="P"
            )
            if previous is not None:
                Dependency.objects.create(initiative=initiative, depends_on=previous)
            previous = initiative
        Risk.objects.create(process=process, description="Strategy", likelihood=5, impact=5)


PAGES = [
    ("actionplan:roadmap", 6),
    ("actionplan:risk.matrix", 4),
    ("actionplan:programme", 9),
]


@pytest.mark.parametrize("factor", [1, 5])
@pytest.mark.parametrize(("name", "queries"), PAGES, ids=[p[0] for p in PAGES])
def test_chart_page_query_count_does_not_grow_with_data(
    world, lead_client, django_assert_num_queries, factor, name, queries
):
    grow(world, factor)
    page = reverse(name, kwargs={"slug": world.process.slug})
    lead_client.get(page)

    with django_assert_num_queries(queries):
        response = lead_client.get(page)

    assert response.status_code == 200
