"""List, board and overview pages cost the same number of queries with 1× and 5× the data."""

import pytest
from django.urls import reverse

from strategy.enums import Role
from tests.factories import (
    DecisionFactory,
    DeliverableFactory,
    MeetingFactory,
    MembershipFactory,
    OrgUnitFactory,
    PhaseFactory,
    ProcessFactory,
    ThemeFactory,
    UserFactory,
    VisionRevisionFactory,
)


def grow(world, factor: int) -> None:
    """Add `factor` times a slice of everything the pages show."""
    process = world.process
    for n in range(factor):
        unit = OrgUnitFactory(organisation=process.organisation)
        unit.rooms += 1
        unit.save()  # a second history record
        MembershipFactory(process=process, role=Role.CONTRIBUTOR)
        phase = PhaseFactory(process=process, number=10 + n)
        DeliverableFactory(phase=phase)
        DeliverableFactory(phase=world.phase)
        other = ProcessFactory()
        MembershipFactory(process=other, user=world.users["lead"], role=Role.VIEWER)
        process.title = f"Titel {n}"
        process.save()
        # Vision and steering group: revisions by their authors, meetings with decisions that
        # point at themes, and a history of changes to the meeting on its page.
        VisionRevisionFactory(process=process, number=10 + n, author=UserFactory())
        meeting = MeetingFactory(process=process, number=10 + n)
        themes = [ThemeFactory(process=process), ThemeFactory(process=process)]
        for owner in (meeting, world.meeting, None):
            decision = DecisionFactory(process=process, meeting=owner)
            decision.themes.set(themes)
        world.meeting.title = f"Møde {n}"
        world.meeting.save()


PAGES = [
    ("strategy:home", lambda w: {}, 3),
    ("strategy:process.overview", lambda w: {"slug": w.process.slug}, 16),
    ("strategy:orgunit.list", lambda w: {"slug": w.process.slug}, 4),
    ("strategy:orgunit.detail", lambda w: {"slug": w.process.slug, "pk": w.org_unit.pk}, 5),
    ("strategy:member.list", lambda w: {"slug": w.process.slug}, 4),
    ("strategy:phase.detail", lambda w: {"slug": w.process.slug, "pk": w.phase.pk}, 6),
    ("strategy:vision.detail", lambda w: {"slug": w.process.slug}, 4),
    ("strategy:vision.compare", lambda w: {"slug": w.process.slug}, 4),
    ("strategy:steering.list", lambda w: {"slug": w.process.slug}, 6),
    ("strategy:meeting.detail", lambda w: {"slug": w.process.slug, "pk": w.meeting.pk}, 7),
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
