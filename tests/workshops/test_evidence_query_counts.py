"""Interview, workshop, board and theme pages cost the same number of queries with 1× and 5× the
data. board.notes is polled every 2 s by every facilitator screen: both its answers are cheap."""

import pytest
from django.urls import reverse

from strategy.enums import ThemeStatus
from strategy.models import ThemeMerge
from tests.factories import (
    DecisionFactory,
    InsightFactory,
    InterviewFactory,
    ThemeFactory,
    WorkshopFactory,
)
from workshops.enums import InsightKind, StakeholderGroup
from workshops.models import InsightTheme
from workshops.selectors.evidence import board_version, board_workshop_queryset
from workshops.services.board import board_assign, board_mark_duplicates

KINDS = list(InsightKind)
GROUPS = list(StakeholderGroup)


def grow(world, factor: int) -> None:
    """Add `factor` times a slice of everything these pages show."""
    process = world.process
    for n in range(factor):
        theme = ThemeFactory(process=process)
        interview = InterviewFactory(process=process, consent_to_quote=bool(n % 2))
        WorkshopFactory(process=process)
        notes = [
            InsightFactory(workshop=world.workshop, kind=KINDS[(n + i) % 5], group=GROUPS[i % 6])
            for i in range(3)
        ]
        quote = InsightFactory(
            process=process, workshop=None, interview=interview, kind=InsightKind.QUOTE
        )
        board_assign(workshop=world.workshop, insights=notes, theme=world.theme, user=None)
        board_assign(workshop=world.workshop, insights=notes[:1], theme=theme, user=None)
        board_mark_duplicates(workshop=world.workshop, insights=notes[:2], user=None)
        InsightTheme.objects.create(insight=quote, theme=world.theme)
        DecisionFactory(process=process).themes.add(world.theme)
        merged = ThemeFactory(process=process, status=ThemeStatus.MERGED)
        ThemeMerge.objects.create(source=merged, target=world.theme)


def kwargs_slug(world):
    return {"slug": world.process.slug}


def kwargs_workshop(world):
    return {"slug": world.process.slug, "pk": world.workshop.pk}


def kwargs_theme(world):
    return {"slug": world.process.slug, "pk": world.theme.pk}


PAGES = [
    ("workshops:interview.list", kwargs_slug, 4),
    ("workshops:workshop.list", kwargs_slug, 4),
    ("workshops:theme.list", kwargs_slug, 4),
    ("workshops:theme.detail", kwargs_theme, 7),
    ("workshops:board.detail", kwargs_workshop, 8),
    ("workshops:board.notes", kwargs_workshop, 6),
]


@pytest.mark.parametrize("factor", [1, 5])
@pytest.mark.parametrize(("name", "kwargs", "queries"), PAGES, ids=[p[0] for p in PAGES])
def test_page_query_count_does_not_grow_with_data(
    world, lead_client, django_assert_num_queries, factor, name, kwargs, queries
):
    grow(world, factor)
    page = reverse(name, kwargs=kwargs(world))
    lead_client.get(page)  # warm the session

    with django_assert_num_queries(queries):
        response = lead_client.get(page)

    assert response.status_code == 200


@pytest.mark.parametrize("persona", ["viewer", "steering"])
@pytest.mark.parametrize("factor", [1, 5])
def test_theme_pages_cost_the_same_for_members_outside_the_team(
    world, django_assert_num_queries, factor, persona
):
    grow(world, factor)
    client = world.client_for(persona)
    pages = [reverse("workshops:theme.list", kwargs=kwargs_slug(world))]
    pages.append(reverse("workshops:theme.detail", kwargs=kwargs_theme(world)))
    for page in pages:
        client.get(page)

    with django_assert_num_queries(4 + 7):
        responses = [client.get(page) for page in pages]

    assert [r.status_code for r in responses] == [200, 200]


@pytest.mark.parametrize("factor", [1, 5])
def test_board_notes_with_the_current_version_costs_4_queries(
    world, lead_client, django_assert_num_queries, factor
):
    grow(world, factor)
    workshop = board_workshop_queryset(world.process).get(pk=world.workshop.pk)
    page = reverse("workshops:board.notes", kwargs=kwargs_workshop(world))
    query = f"?v={board_version(workshop)}&kind=idea"
    lead_client.get(page + query)

    # the session, the user, the membership, the workshop with its version
    with django_assert_num_queries(4):
        response = lead_client.get(page + query)

    assert response.status_code == 204


@pytest.mark.parametrize("factor", [1, 5])
def test_board_notes_with_a_stale_version_costs_6_queries(
    world, lead_client, django_assert_num_queries, factor
):
    grow(world, factor)
    page = reverse("workshops:board.notes", kwargs=kwargs_workshop(world))
    lead_client.get(page)

    # ... plus the notes and their theme tags
    with django_assert_num_queries(6):
        response = lead_client.get(page + "?v=stale&group=leder")

    assert response.status_code == 200
