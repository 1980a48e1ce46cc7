"""The participant register: list and filters, create, edit, deactivate and reactivate."""

import pytest
from django.test import Client
from django.urls import reverse

from strategy.enums import Role
from tests.factories import (
    InsightFactory,
    MembershipFactory,
    OrgUnitFactory,
    ParticipantFactory,
    UserFactory,
)
from workshops.enums import StakeholderGroup
from workshops.models import Participant
from workshops.services.participants import participant_issue_link


def _url(name: str, world, **kwargs) -> str:
    return reverse(name, kwargs={"slug": world.process.slug, **kwargs})


def _row_ids(response) -> list[int]:
    return [participant.pk for participant in response.context["participants"]]


# --- List ----------------------------------------------------------------------------------------


def test_list_shows_registered_participants_with_link_status_and_note_counts(world, lead_client):
    pia = ParticipantFactory(process=world.process, name="Pia")
    participant_issue_link(participant=pia)
    InsightFactory(workshop=world.workshop, participant=pia)
    InsightFactory(workshop=world.workshop, participant=pia)
    ParticipantFactory(process=world.process, joined_via_code=world.workshop)
    ParticipantFactory(process=world.process, joined_via_code=world.workshop)

    response = lead_client.get(_url("workshops:participant.list", world))

    html = response.content.decode()
    rows = {p.pk: (p.note_count, p.has_link) for p in response.context["participants"]}
    assert response.status_code == 200
    assert rows == {world.participant.pk: (0, False), pia.pk: (2, True)}
    assert response.context["code_participant_count"] == 2
    assert 'id="code-participant-count"' in html
    assert f'id="participant-{pia.pk}"' in html
    assert world.other["participant"].name not in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"group": "leder"}, ["leader"]),
        ({"active": "inactive"}, ["inactive"]),
        ({"active": "active", "group": "medarbejder"}, ["world"]),
        ({}, ["inactive", "leader", "world"]),
        ({"group": "unknown"}, ["inactive", "leader", "world"]),
    ],
    ids=["group", "inactive", "active-staff", "none", "invalid-filter"],
)
def test_list_filters_by_group_and_status(world, lead_client, query, expected):
    people = {
        "world": world.participant,
        "leader": ParticipantFactory(process=world.process, group=StakeholderGroup.LEDER),
        "inactive": ParticipantFactory(process=world.process, active=False),
    }

    response = lead_client.get(_url("workshops:participant.list", world), query)

    assert response.status_code == 200
    assert sorted(_row_ids(response)) == sorted(people[name].pk for name in expected)


# --- Create and edit -----------------------------------------------------------------------------


def test_create_participant(world, lead_client):
    unit = OrgUnitFactory(organisation=world.process.organisation)
    member = world.users["viewer"]
    data = {
        "name": "Pia Hansen",
        "email": "pia@example.dk",
        "group": "leder",
        "org_unit": unit.pk,
        "user": member.pk,
    }

    response = lead_client.post(_url("workshops:participant.create", world), data)

    participant = Participant.objects.get(name="Pia Hansen")
    assert response.status_code == 302
    assert response["Location"] == _url("workshops:participant.edit", world, pk=participant.pk)
    assert (participant.process, participant.email, participant.group) == (
        world.process,
        "pia@example.dk",
        "leder",
    )
    assert (participant.org_unit, participant.user, participant.active) == (unit, member, True)
    assert participant.token_hash is None


def test_create_participant_with_only_name_and_group(world, lead_client):
    response = lead_client.post(
        _url("workshops:participant.create", world), {"name": "Ole", "group": "dagpleje"}
    )

    participant = Participant.objects.get(name="Ole")
    assert response.status_code == 302
    assert (participant.email, participant.org_unit, participant.user) == ("", None, None)


@pytest.mark.parametrize(
    "change",
    [
        {"name": ""},
        {"name": "x" * 151},
        {"email": "ikke-en-adresse"},
        {"email": "DUBLET@example.dk"},
        {"group": "chef"},
        {"org_unit": "other-organisation"},
        {"org_unit": "999999"},
        {"user": "outsider"},
    ],
    ids=[
        "no-name",
        "long-name",
        "bad-email",
        "duplicate-email",
        "bad-group",
        "foreign-unit",
        "missing-unit",
        "non-member-user",
    ],
)
def test_create_with_invalid_input_answers_400_and_stores_nothing(world, lead_client, change):
    ParticipantFactory(process=world.process, email="dublet@example.dk")
    data = {"name": "Pia", "email": "", "group": "leder", **change}
    if data.get("org_unit") == "other-organisation":
        data["org_unit"] = world.other_org_unit.pk
    if data.get("user") == "outsider":
        data["user"] = world.users["outsider"].pk
    before = Participant.objects.count()

    response = lead_client.post(_url("workshops:participant.create", world), data)

    assert response.status_code == 400
    assert set(response.context["form"].errors) == {next(iter(change))}
    assert Participant.objects.count() == before


def test_the_same_email_may_be_used_in_another_process(world, lead_client):
    ParticipantFactory(process=world.other_process, email="pia@example.dk")

    response = lead_client.post(
        _url("workshops:participant.create", world),
        {"name": "Pia", "email": "pia@example.dk", "group": "leder"},
    )

    assert response.status_code == 302


def test_user_choices_are_the_members_of_the_process(world, lead_client):
    member = UserFactory()
    MembershipFactory(process=world.process, user=member, role=Role.CONTRIBUTOR)

    response = lead_client.get(_url("workshops:participant.create", world))

    users = set(response.context["form"].fields["user"].queryset)
    assert member in users
    assert world.users["outsider"] not in users
    assert users == {m.user for m in world.process.memberships.select_related("user")}


def test_edit_participant_keeps_own_email(world, lead_client):
    world.participant.email = "pia@example.dk"
    world.participant.save()

    response = lead_client.post(
        _url("workshops:participant.edit", world, pk=world.participant.pk),
        {"name": "Pia Ny", "email": "PIA@example.dk", "group": "styregruppe"},
    )

    world.participant.refresh_from_db()
    assert response.status_code == 302
    assert (world.participant.name, world.participant.email, world.participant.group) == (
        "Pia Ny",
        "PIA@example.dk",
        "styregruppe",
    )


def test_edit_refuses_the_email_of_another_participant(world, lead_client):
    ParticipantFactory(process=world.process, email="ole@example.dk")

    response = lead_client.post(
        _url("workshops:participant.edit", world, pk=world.participant.pk),
        {"name": "Pia", "email": "ole@example.dk", "group": "leder"},
    )

    world.participant.refresh_from_db()
    assert response.status_code == 400
    assert world.participant.email == ""


def test_participants_who_joined_with_a_code_are_not_in_the_register(world, lead_client):
    anonymous = ParticipantFactory(process=world.process, joined_via_code=world.workshop)

    response = lead_client.get(_url("workshops:participant.edit", world, pk=anonymous.pk))

    assert response.status_code == 404


def test_contributor_can_edit_and_viewer_cannot(world):
    data = {"name": "Ændret", "group": "leder"}
    url = _url("workshops:participant.edit", world, pk=world.participant.pk)

    denied = world.client_for("viewer").post(url, data)
    allowed = world.client_for("contributor").post(url, data)

    world.participant.refresh_from_db()
    assert (denied.status_code, allowed.status_code) == (403, 302)
    assert world.participant.name == "Ændret"


# --- Deactivate and reactivate -------------------------------------------------------------------


def test_deactivate_and_reactivate_toggle_active_and_the_link(world, lead_client):
    token = participant_issue_link(participant=world.participant)
    url = _url("workshops:participant.deactivate", world, pk=world.participant.pk)

    first = lead_client.post(url)
    world.participant.refresh_from_db()
    inactive, link_while_inactive = world.participant.active, Client().get(f"/v/{token}/")
    second = lead_client.post(url)
    world.participant.refresh_from_db()

    assert (first.status_code, second.status_code) == (302, 302)
    assert first["Location"] == _url("workshops:participant.edit", world, pk=world.participant.pk)
    assert inactive is False
    assert link_while_inactive.status_code == 404
    assert world.participant.active is True
    assert Client().get(f"/v/{token}/").status_code == 302


def test_deactivate_needs_post(world, lead_client):
    response = lead_client.get(
        _url("workshops:participant.deactivate", world, pk=world.participant.pk)
    )

    world.participant.refresh_from_db()
    assert response.status_code == 405
    assert world.participant.active is True


def test_steering_group_cannot_deactivate(world):
    response = world.client_for("steering").post(
        _url("workshops:participant.deactivate", world, pk=world.participant.pk)
    )

    world.participant.refresh_from_db()
    assert response.status_code == 403
    assert world.participant.active is True


def test_register_pages_have_no_inline_script_or_style(world, lead_client):
    pages = [
        _url("workshops:participant.list", world),
        _url("workshops:participant.create", world),
        _url("workshops:participant.import", world),
        _url("workshops:participant.send_links", world),
        _url("workshops:participant.edit", world, pk=world.participant.pk),
    ]
    for page in pages:
        body = lead_client.get(page).content.decode()
        assert "<style" not in body, page
        assert " style=" not in body, page
        assert [
            line for line in body.splitlines() if "<script" in line and "src=" not in line
        ] == [], page
