"""The participant register and the phone pages cost the same number of queries at 1× and 5×."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from strategy.enums import Role
from tests.factories import (
    InsightFactory,
    MembershipFactory,
    OrgUnitFactory,
    ParticipantFactory,
    WorkshopFactory,
)
from workshops.enums import WorkshopStatus
from workshops.services.participants import participant_issue_link


def grow(world, factor: int) -> None:
    """Add `factor` times a slice of everything the register and the phone pages show."""
    process = world.process
    for _ in range(factor):
        unit = OrgUnitFactory(organisation=process.organisation)
        member = MembershipFactory(process=process, role=Role.VIEWER).user
        participant = ParticipantFactory(process=process, org_unit=unit, user=member)
        participant_issue_link(participant=participant)
        ParticipantFactory(process=process, active=False, email=f"x{participant.pk}@example.dk")
        ParticipantFactory(process=process, joined_via_code=world.workshop)
        InsightFactory(workshop=world.workshop, participant=participant)
        InsightFactory(workshop=world.workshop, participant=world.participant)  # own notes
        WorkshopFactory(process=process, status=WorkshopStatus.CLOSED)
        closed = WorkshopFactory(process=process, status=WorkshopStatus.CLOSED)
        InsightFactory(workshop=closed, participant=world.participant)


@pytest.mark.parametrize("factor", [1, 5])
def test_participant_list_query_count(world, lead_client, django_assert_num_queries, factor):
    grow(world, factor)
    page = reverse("workshops:participant.list", kwargs={"slug": world.process.slug})
    lead_client.get(page)  # warm the session

    with django_assert_num_queries(5):
        response = lead_client.get(page, {"group": "medarbejder", "active": "active"})

    assert response.status_code == 200
    assert len(response.context["participants"]) == factor + 1


@pytest.mark.parametrize("factor", [1, 5])
def test_opening_a_personal_link_query_count(world, factor):
    """The participant by the token's hash, then the new session's row: no look-up of the new
    session key first (core.sessions), whatever else the process holds."""
    grow(world, factor)
    token = participant_issue_link(participant=world.participant)

    with CaptureQueriesContext(connection) as queries:
        response = Client().get(f"/v/{token}/")

    assert response.status_code == 302
    savepoints = ("SAVEPOINT", "RELEASE")  # the test's transaction; none in production
    statements = [q["sql"] for q in queries.captured_queries if not q["sql"].startswith(savepoints)]
    assert [sql.split()[0] for sql in statements] == ["SELECT", "INSERT"]
    assert '"workshops_participant"' in statements[0]
    assert statements[1].startswith('INSERT INTO "django_session"')


def _phone(world) -> Client:
    client = Client()
    token = participant_issue_link(participant=world.participant)
    client.get(f"/v/{token}/")
    return client


@pytest.mark.parametrize("factor", [1, 5])
def test_phone_workshop_query_count(world, django_assert_num_queries, factor):
    grow(world, factor)
    phone = _phone(world)
    page = reverse("workshops:phone.workshop", kwargs={"pk": world.workshop.pk})
    phone.get(page)

    with django_assert_num_queries(4):
        response = phone.get(page)

    assert response.status_code == 200
    assert len(response.context["notes"]) == factor


@pytest.mark.parametrize("factor", [1, 5])
def test_phone_home_query_count(world, django_assert_num_queries, factor):
    grow(world, factor)
    phone = _phone(world)
    page = reverse("workshops:phone.home")
    phone.get(page)

    # session, participant, the process's title, workshops, open voting rounds
    with django_assert_num_queries(5):
        response = phone.get(page)

    assert response.status_code == 200
    assert len(response.context["workshops"]) == 1 + 2 * factor


@pytest.mark.parametrize("factor", [1, 5])
def test_adding_a_note_query_count(world, django_assert_num_queries, factor):
    grow(world, factor)
    phone = _phone(world)
    page = reverse("workshops:phone.workshop", kwargs={"pk": world.workshop.pk})
    phone.get(page)

    with django_assert_num_queries(4):
        response = phone.post(page, {"kind": "idea", "text": "Mere tid til børnene"})

    assert response.status_code == 302
    assert world.participant.insights.filter(text="Mere tid til børnene").count() == 1
