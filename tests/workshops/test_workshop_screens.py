"""Workshop screens for project members: create and edit, status changes, the projector."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import InsightFactory, WorkshopFactory
from workshops.enums import WorkshopStatus
from workshops.models import Workshop
from workshops.services.evidence import workshop_create, workshop_set_status
from workshops.tokens import JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH


def url(world, name, **kwargs):
    return reverse(f"workshops:{name}", kwargs={"slug": world.process.slug, **kwargs})


def workshop_data(**overrides):
    data = {
        "title": "Workshop for ledere",
        "date": "2026-03-24",
        "place": "Rødovre Rådhus, mødelokale 1",
        "purpose": "Behov og idéer",
        "agenda": "1. Velkomst\n2. Noter",
        "facilitator": "Konsulent",
        "open_join": "on",
    }
    data.update(overrides)
    return data


def test_workshop_create_generates_a_join_code_and_starts_planned(world, lead_client):
    response = lead_client.post(url(world, "workshop.create"), workshop_data())

    workshop = Workshop.objects.get(title="Workshop for ledere")
    assert response.status_code == 302
    assert response["Location"] == url(world, "workshop.detail", pk=workshop.pk)
    assert workshop.status == WorkshopStatus.PLANNED
    assert re.fullmatch(f"[{JOIN_CODE_ALPHABET}]{{{JOIN_CODE_LENGTH}}}", workshop.join_code)
    assert (workshop.date, workshop.place, workshop.open_join) == (
        datetime.date(2026, 3, 24),
        "Rødovre Rådhus, mødelokale 1",
        True,
    )


def test_join_codes_are_unique(world):
    codes = {
        workshop_create(
            process=world.process, data={"title": f"W{n}", "date": datetime.date(2026, 3, 1)}
        ).join_code
        for n in range(30)
    }

    assert len(codes) == 30
    assert Workshop.objects.filter(join_code__in=codes).count() == 30


@pytest.mark.parametrize(
    ("field", "value"),
    [("title", ""), ("title", "x" * 201), ("date", ""), ("agenda", "x" * 5001)],
)
def test_workshop_create_with_bad_input_answers_400_and_stores_nothing(
    world, lead_client, field, value
):
    before = Workshop.objects.count()

    response = lead_client.post(url(world, "workshop.create"), workshop_data(**{field: value}))

    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    assert Workshop.objects.count() == before


def test_workshop_edit_keeps_code_and_status(world, lead_client):
    code, status = world.workshop.join_code, world.workshop.status

    response = lead_client.post(
        url(world, "workshop.edit", pk=world.workshop.pk),
        workshop_data(title="Nyt navn", open_join="", status="closed", join_code="AAAAAA"),
    )

    world.workshop.refresh_from_db()
    assert response.status_code == 302
    assert (world.workshop.title, world.workshop.open_join) == ("Nyt navn", False)
    assert (world.workshop.join_code, world.workshop.status) == (code, status)


def test_workshop_create_is_forbidden_to_viewers(world):
    response = world.client_for("viewer").post(url(world, "workshop.create"), workshop_data())

    assert response.status_code == 403
    assert not Workshop.objects.filter(title="Workshop for ledere").exists()


def test_workshop_list_counts_notes(world, lead_client):
    InsightFactory(workshop=world.workshop)
    empty = WorkshopFactory(process=world.process)

    response = lead_client.get(url(world, "workshop.list"))

    counts = {w.pk: w.note_count for w in response.context["workshops"]}
    assert counts == {world.workshop.pk: 2, empty.pk: 0}


def test_workshop_detail_shows_the_join_code_and_counts_by_kind(world, lead_client):
    InsightFactory(workshop=world.workshop, kind="idea")

    response = lead_client.get(url(world, "workshop.detail", pk=world.workshop.pk))

    html = response.content.decode()
    assert f'<p class="join-code-large mb-2" id="join-code">{world.workshop.join_code}</p>' in html
    counts = {kind: n for kind, _label, n in response.context["counts"]}
    assert counts == {"challenge": 1, "opportunity": 0, "idea": 1, "need": 0, "quote": 0}
    assert response.context["note_total"] == 2


# --- Status ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "target"),
    [("planned", "open"), ("open", "closed"), ("closed", "open")],
)
def test_status_moves_along_the_allowed_transitions(world, lead_client, start, target):
    Workshop.objects.filter(pk=world.workshop.pk).update(status=start)

    response = lead_client.post(
        url(world, "workshop.status", pk=world.workshop.pk), {"status": target}
    )

    world.workshop.refresh_from_db()
    assert response.status_code == 302
    assert world.workshop.status == target


@pytest.mark.parametrize(
    ("start", "target"),
    [("planned", "closed"), ("open", "planned"), ("closed", "planned"), ("open", "archived")],
)
def test_status_refuses_other_transitions_with_400(world, lead_client, start, target):
    Workshop.objects.filter(pk=world.workshop.pk).update(status=start)

    response = lead_client.post(
        url(world, "workshop.status", pk=world.workshop.pk), {"status": target}
    )

    world.workshop.refresh_from_db()
    assert response.status_code == 400
    assert 'id="status-error"' in response.content.decode()
    assert world.workshop.status == start


def test_status_is_forbidden_to_the_steering_group(world):
    response = world.client_for("steering").post(
        url(world, "workshop.status", pk=world.workshop.pk), {"status": "closed"}
    )

    world.workshop.refresh_from_db()
    assert response.status_code == 403
    assert world.workshop.status == WorkshopStatus.OPEN


def test_workshop_set_status_is_the_one_entry_point(world):
    workshop = world.workshop

    workshop_set_status(workshop=workshop, status=WorkshopStatus.CLOSED)
    with pytest.raises(ValidationError):
        workshop_set_status(workshop=workshop, status=WorkshopStatus.PLANNED)

    workshop.refresh_from_db()
    assert workshop.status == WorkshopStatus.CLOSED


# --- Projector ------------------------------------------------------------------------------------


def test_projector_shows_the_code_a_qr_code_of_the_join_url_and_polls_the_count(world, lead_client):
    response = lead_client.get(url(world, "workshop.projector", pk=world.workshop.pk))

    html = response.content.decode()
    code = world.workshop.join_code
    assert response.status_code == 200
    assert response.context["join_url"] == f"http://testserver/join/?code={code}"
    assert f'<p class="projector-code" id="join-code">{code}</p>' in html
    assert '<svg role="img"' in html
    assert 'hx-trigger="every 5s"' in html
    assert 'id="note-count"' in html


def test_projector_htmx_poll_answers_only_the_count(world, lead_client):
    InsightFactory(workshop=world.workshop)

    response = lead_client.get(
        url(world, "workshop.projector", pk=world.workshop.pk), HTTP_HX_REQUEST="true"
    )

    html = response.content.decode().strip()
    assert response.status_code == 200
    assert html.startswith('<p class="projector-count" id="note-count"')
    assert 'data-count="2"' in html
    assert "<svg" not in html
