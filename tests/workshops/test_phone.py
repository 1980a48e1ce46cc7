"""Participants' phones: join by code, the workshop list, adding and editing own notes."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.factories import InsightFactory, ParticipantFactory, WorkshopFactory
from workshops.enums import StakeholderGroup, WorkshopStatus
from workshops.models import Insight, Participant
from workshops.permissions import SESSION_KEY
from workshops.services.notes import NotesClosed, note_create, note_update
from workshops.services.participants import participant_issue_link

JOIN = reverse("workshops:join")
HOME = reverse("workshops:phone.home")


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _workshop_url(workshop) -> str:
    return reverse("workshops:phone.workshop", kwargs={"pk": workshop.pk})


def _edit_url(note) -> str:
    return reverse("workshops:phone.note_edit", kwargs={"pk": note.pk})


def _phone_for(participant) -> Client:
    """A phone signed in with the participant's personal link."""
    client = Client()
    token = participant_issue_link(participant=participant)
    assert client.get(f"/v/{token}/").status_code == 302
    return client


# --- Join by code --------------------------------------------------------------------------------


def test_join_page_works_without_login_and_prefills_the_code(db):
    response = Client().get(JOIN, {"code": "ABC234"})

    assert response.status_code == 200
    assert response.context["form"]["code"].value() == "ABC234"
    assert 'name="group"' in response.content.decode()
    assert "css/phone.css" in response.content.decode()


def test_join_creates_an_anonymous_participant_and_signs_the_phone_in(world):
    client = Client()

    code = world.workshop.join_code.lower()
    response = client.post(JOIN, {"code": f" {code[:3]} {code[3:]} ", "group": "leder"})

    participant = Participant.objects.get(joined_via_code=world.workshop)
    assert response.status_code == 302
    assert response["Location"] == _workshop_url(world.workshop)
    assert participant.process == world.process
    assert participant.group == StakeholderGroup.LEDER
    assert participant.email == ""
    assert participant.token_hash is None
    assert client.session[SESSION_KEY] == participant.pk


def test_joining_again_from_the_same_phone_reuses_the_participant(world):
    client = Client()
    data = {"code": world.workshop.join_code, "group": "medarbejder"}

    first = client.post(JOIN, data)
    second = client.post(JOIN, data)

    assert (first.status_code, second.status_code) == (302, 302)
    assert Participant.objects.filter(joined_via_code=world.workshop).count() == 1


def test_two_phones_get_two_participants(world):
    data = {"code": world.workshop.join_code, "group": "medarbejder"}

    Client().post(JOIN, data)
    Client().post(JOIN, data)

    assert Participant.objects.filter(joined_via_code=world.workshop).count() == 2


def test_a_phone_with_a_personal_link_joins_without_a_new_participant(world):
    phone = _phone_for(world.participant)

    response = phone.post(JOIN, {"code": world.workshop.join_code, "group": "leder"})

    assert response.status_code == 302
    assert phone.session[SESSION_KEY] == world.participant.pk
    assert not Participant.objects.filter(joined_via_code__isnull=False).exists()


def test_a_code_participant_joining_another_workshop_gets_a_new_participant(world):
    second = WorkshopFactory(process=world.process)
    client = Client()
    client.post(JOIN, {"code": world.workshop.join_code, "group": "leder"})

    response = client.post(JOIN, {"code": second.join_code, "group": "leder"})

    participant = Participant.objects.get(joined_via_code=second)
    assert response["Location"] == _workshop_url(second)
    assert client.session[SESSION_KEY] == participant.pk


@pytest.mark.parametrize(
    "change",
    [
        {"status": WorkshopStatus.CLOSED},
        {"status": WorkshopStatus.PLANNED},
        {"open_join": False},
    ],
    ids=["closed", "planned", "join-off"],
)
def test_join_refuses_a_workshop_that_is_not_open_for_joining(world, change):
    for name, value in change.items():
        setattr(world.workshop, name, value)
    world.workshop.save()
    client = Client()

    response = client.post(JOIN, {"code": world.workshop.join_code, "group": "leder"})

    assert response.status_code == 400
    assert "code" in response.context["form"].errors
    assert not Participant.objects.filter(joined_via_code__isnull=False).exists()
    assert SESSION_KEY not in client.session


@pytest.mark.parametrize(
    "data",
    [
        {"code": "ZZZZZZ", "group": "leder"},
        {"code": "", "group": "leder"},
        {"code": "x" * 33, "group": "leder"},
        {"code": "K00000", "group": "chef"},
        {"code": "K00000"},
    ],
    ids=["unknown-code", "empty-code", "long-code", "bad-group", "no-group"],
)
def test_join_with_invalid_input_answers_400_and_creates_nothing(world, data):
    data = {**data, "code": data["code"].replace("K00000", world.workshop.join_code)}

    response = Client().post(JOIN, data)

    assert response.status_code == 400
    assert not Participant.objects.filter(joined_via_code__isnull=False).exists()


def test_wrong_codes_are_limited_per_browser_session(world):
    client = Client()
    statuses = [
        client.post(JOIN, {"code": "ZZZZZZ", "group": "leder"}).status_code for _ in range(10)
    ]

    limited = client.post(JOIN, {"code": world.workshop.join_code, "group": "leder"})
    other_phone = Client().post(JOIN, {"code": world.workshop.join_code, "group": "leder"})

    assert statuses == [400] * 10
    assert limited.status_code == 429
    assert other_phone.status_code == 302
    assert Participant.objects.filter(joined_via_code__isnull=False).count() == 1


def test_wrong_codes_are_limited_per_address(world, settings):
    settings.PARTICIPANT_FAILURES_PER_IP = 2
    for _ in range(2):
        Client().post(JOIN, {"code": "ZZZZZZ", "group": "leder"})

    same_address = Client().post(JOIN, {"code": world.workshop.join_code, "group": "leder"})
    other_address = Client(REMOTE_ADDR="10.1.2.3").post(
        JOIN, {"code": world.workshop.join_code, "group": "leder"}
    )

    assert same_address.status_code == 429
    assert other_address.status_code == 302


def test_successful_joins_and_form_errors_are_not_counted(world):
    client = Client()
    for _ in range(12):
        client.post(JOIN, {"code": world.workshop.join_code})  # no group: a form error

    response = client.post(JOIN, {"code": world.workshop.join_code, "group": "leder"})

    assert response.status_code == 302


# --- Phone pages without a participant session ---------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        lambda w: HOME,
        lambda w: _workshop_url(w.workshop),
        lambda w: _edit_url(w.insight),
    ],
    ids=["home", "workshop", "note_edit"],
)
def test_phone_pages_send_a_phone_without_session_to_join(world, url):
    response = Client().get(url(world))

    assert response.status_code == 302
    assert response["Location"] == JOIN


def test_a_project_member_is_not_a_participant(world, lead_client):
    response = lead_client.get(HOME)

    assert response.status_code == 302
    assert response["Location"] == JOIN


def test_deactivating_a_participant_ends_their_phone_session(world):
    phone = _phone_for(world.participant)
    Participant.objects.filter(pk=world.participant.pk).update(active=False)

    response = phone.get(HOME)

    assert response.status_code == 302
    assert response["Location"] == JOIN


# --- Home ----------------------------------------------------------------------------------------


def test_home_lists_open_and_closed_workshops_of_the_process_with_own_note_counts(world):
    closed = WorkshopFactory(process=world.process, status=WorkshopStatus.CLOSED)
    planned = WorkshopFactory(process=world.process, status=WorkshopStatus.PLANNED)
    InsightFactory(workshop=world.workshop, participant=world.participant)
    InsightFactory(workshop=world.workshop, participant=world.participant)
    InsightFactory(workshop=world.workshop)  # somebody else's
    phone = _phone_for(world.participant)

    response = phone.get(HOME)

    counts = {w.pk: w.my_note_count for w in response.context["workshops"]}
    html = response.content.decode()
    assert response.status_code == 200
    assert counts == {world.workshop.pk: 2, closed.pk: 0}
    assert f'id="workshop-{planned.pk}"' not in html
    assert f'id="workshop-{world.other["workshop"].pk}"' not in html


def test_home_of_a_code_participant_lists_only_their_workshop(world):
    WorkshopFactory(process=world.process)
    phone = Client()
    phone.post(JOIN, {"code": world.workshop.join_code, "group": "dagpleje"})

    response = phone.get(HOME)

    assert [w.pk for w in response.context["workshops"]] == [world.workshop.pk]


# --- Adding notes --------------------------------------------------------------------------------


def test_workshop_page_shows_the_note_form_and_own_notes_newest_first(world):
    first = InsightFactory(workshop=world.workshop, participant=world.participant)
    second = InsightFactory(workshop=world.workshop, participant=world.participant)
    InsightFactory(workshop=world.workshop)
    phone = _phone_for(world.participant)

    response = phone.get(_workshop_url(world.workshop))

    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["notes"] == [second, first]
    assert 'id="note-form"' in html
    assert 'maxlength="500"' in html
    assert html.count('type="radio"') == 5
    assert _edit_url(first) in html


def test_adding_a_note_stores_it_with_the_participants_group_and_redirects(world):
    world.participant.group = StakeholderGroup.DAGPLEJE
    world.participant.save()
    phone = _phone_for(world.participant)

    response = phone.post(
        _workshop_url(world.workshop), {"kind": "idea", "text": "Wi-Fi på legepladsen"}
    )

    note = Insight.objects.get(participant=world.participant)
    assert response.status_code == 302
    assert response["Location"] == _workshop_url(world.workshop)
    assert (note.process, note.workshop, note.interview) == (world.process, world.workshop, None)
    assert (note.kind, note.text, note.group) == ("idea", "Wi-Fi på legepladsen", "dagpleje")


def test_a_code_participant_adds_a_note_with_the_declared_group(world):
    phone = Client()
    phone.post(JOIN, {"code": world.workshop.join_code, "group": "digitalisering"})

    phone.post(_workshop_url(world.workshop), {"kind": "need", "text": "Superbruger"})

    note = Insight.objects.get(text="Superbruger")
    assert note.group == "digitalisering"
    assert note.participant.joined_via_code == world.workshop


def test_htmx_note_returns_the_notes_section(world):
    phone = _phone_for(world.participant)

    response = phone.post(
        _workshop_url(world.workshop),
        {"kind": "challenge", "text": "Gamle iPads"},
        HTTP_HX_REQUEST="true",
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="phone-notes">')
    assert "<html" not in html
    assert 'id="note-added"' in html
    assert Insight.objects.filter(participant=world.participant, text="Gamle iPads").count() == 1


def test_invalid_htmx_note_returns_the_section_with_errors(world):
    phone = _phone_for(world.participant)

    response = phone.post(
        _workshop_url(world.workshop), {"kind": "idea", "text": ""}, HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200  # htmx swaps only successful responses
    assert response.context["form"].errors.keys() == {"text"}
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Insight.objects.filter(participant=world.participant).exists()


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "idea", "text": ""},
        {"kind": "idea", "text": "x" * 501},
        {"kind": "opinion", "text": "Hej"},
        {"text": "Hej"},
    ],
    ids=["empty", "too-long", "bad-kind", "no-kind"],
)
def test_invalid_note_answers_400_and_stores_nothing(world, data):
    phone = _phone_for(world.participant)

    response = phone.post(_workshop_url(world.workshop), data)

    assert response.status_code == 400
    assert not Insight.objects.filter(participant=world.participant).exists()


def test_a_note_of_exactly_500_characters_is_accepted(world):
    phone = _phone_for(world.participant)

    response = phone.post(_workshop_url(world.workshop), {"kind": "idea", "text": "æ" * 500})

    assert response.status_code == 302
    assert len(Insight.objects.get(participant=world.participant).text) == 500


def test_closed_workshop_refuses_notes_with_409(world):
    world.workshop.status = WorkshopStatus.CLOSED
    world.workshop.save()
    phone = _phone_for(world.participant)

    page = phone.get(_workshop_url(world.workshop))
    response = phone.post(_workshop_url(world.workshop), {"kind": "idea", "text": "For sent"})

    assert page.status_code == 200
    assert 'id="notes-closed"' in page.content.decode()
    assert 'id="note-form"' not in page.content.decode()
    assert response.status_code == 409
    assert not Insight.objects.filter(participant=world.participant).exists()


def test_closed_workshop_answers_an_htmx_note_with_409_and_a_redirect(world):
    world.workshop.status = WorkshopStatus.CLOSED
    world.workshop.save()
    phone = _phone_for(world.participant)

    response = phone.post(
        _workshop_url(world.workshop), {"kind": "idea", "text": "For sent"}, HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 409
    assert response["HX-Redirect"] == _workshop_url(world.workshop)
    assert not Insight.objects.filter(participant=world.participant).exists()


@pytest.mark.parametrize(
    "workshop",
    [
        lambda w: WorkshopFactory(process=w.process, status=WorkshopStatus.PLANNED),
        lambda w: w.other["workshop"],
    ],
    ids=["planned", "other-process"],
)
def test_workshops_outside_the_participants_reach_answer_404(world, workshop):
    target = workshop(world)
    phone = _phone_for(world.participant)

    page = phone.get(_workshop_url(target))
    post = phone.post(_workshop_url(target), {"kind": "idea", "text": "Hej"})

    assert (page.status_code, post.status_code) == (404, 404)
    assert not Insight.objects.filter(participant=world.participant).exists()


def test_a_code_participant_cannot_reach_another_workshop_of_the_process(world):
    other = WorkshopFactory(process=world.process)
    phone = Client()
    phone.post(JOIN, {"code": world.workshop.join_code, "group": "leder"})

    response = phone.post(_workshop_url(other), {"kind": "idea", "text": "Hej"})

    assert response.status_code == 404
    assert not Insight.objects.filter(workshop=other, text="Hej").exists()


def test_note_text_is_shown_as_text_not_html(world):
    InsightFactory(
        workshop=world.workshop, participant=world.participant, text="<script>alert(1)</script>"
    )
    phone = _phone_for(world.participant)

    html = phone.get(_workshop_url(world.workshop)).content.decode()

    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" not in html


# --- Editing own notes ---------------------------------------------------------------------------


def test_editing_an_own_note(world):
    note = InsightFactory(workshop=world.workshop, participant=world.participant, kind="idea")
    phone = _phone_for(world.participant)

    page = phone.get(_edit_url(note))
    response = phone.post(_edit_url(note), {"kind": "need", "text": "Rettet"})

    note.refresh_from_db()
    assert page.status_code == 200
    assert response.status_code == 302
    assert response["Location"] == _workshop_url(world.workshop)
    assert (note.kind, note.text, note.participant) == ("need", "Rettet", world.participant)


def test_editing_with_invalid_input_answers_400_and_changes_nothing(world):
    note = InsightFactory(workshop=world.workshop, participant=world.participant, text="Før")
    phone = _phone_for(world.participant)

    response = phone.post(_edit_url(note), {"kind": "need", "text": "x" * 501})

    note.refresh_from_db()
    assert response.status_code == 400
    assert note.text == "Før"


@pytest.mark.parametrize(
    "note",
    [
        lambda w: w.insight,  # a workshop note by nobody in particular
        lambda w: InsightFactory(
            workshop=w.workshop, participant=ParticipantFactory(process=w.process)
        ),
        lambda w: w.interview_insight,
        lambda w: InsightFactory(workshop=w.other["workshop"], participant=w.other["participant"]),
    ],
    ids=["no-participant", "other-participant", "interview", "other-process"],
)
def test_someone_elses_note_answers_404(world, note):
    target = note(world)
    phone = _phone_for(world.participant)

    page = phone.get(_edit_url(target))
    post = phone.post(_edit_url(target), {"kind": "need", "text": "Overtaget"})

    target.refresh_from_db()
    assert (page.status_code, post.status_code) == (404, 404)
    assert target.text != "Overtaget"


def test_a_note_cannot_be_edited_after_the_workshop_closed(world):
    note = InsightFactory(workshop=world.workshop, participant=world.participant, text="Før")
    world.workshop.status = WorkshopStatus.CLOSED
    world.workshop.save()
    phone = _phone_for(world.participant)

    page = phone.get(_edit_url(note))
    response = phone.post(_edit_url(note), {"kind": "need", "text": "Efter"})

    note.refresh_from_db()
    assert page.status_code == 200
    assert 'id="notes-closed"' in page.content.decode()
    assert response.status_code == 409
    assert note.text == "Før"


# --- Logout --------------------------------------------------------------------------------------


def test_logout_ends_the_participant_session(world):
    phone = _phone_for(world.participant)
    old_key = phone.cookies[settings.SESSION_COOKIE_NAME].value

    response = phone.post(reverse("workshops:phone.logout"))

    assert response.status_code == 302
    assert response["Location"] == JOIN
    assert SESSION_KEY not in phone.session
    assert phone.cookies[settings.SESSION_COOKIE_NAME].value != old_key
    assert phone.get(HOME)["Location"] == JOIN


def test_logout_needs_post(world):
    phone = _phone_for(world.participant)

    response = phone.get(reverse("workshops:phone.logout"))

    assert response.status_code == 405
    assert phone.session[SESSION_KEY] == world.participant.pk


def test_phone_pages_have_no_inline_script_or_style(world):
    note = InsightFactory(workshop=world.workshop, participant=world.participant)
    phone = _phone_for(world.participant)
    pages = [JOIN, HOME, _workshop_url(world.workshop), _edit_url(note)]

    for page in pages:
        body = phone.get(page).content.decode()
        assert "<style" not in body, page
        assert " style=" not in body, page
        assert [
            line for line in body.splitlines() if "<script" in line and "src=" not in line
        ] == [], page


# --- Note services ---------------------------------------------------------------------------


def test_note_create_refuses_a_closed_workshop_and_a_workshop_of_another_process(world):
    closed = WorkshopFactory(process=world.process, status=WorkshopStatus.CLOSED)

    with pytest.raises(NotesClosed):
        note_create(participant=world.participant, workshop=closed, kind="idea", text="Hej")
    with pytest.raises(ValueError):
        note_create(
            participant=world.participant, workshop=world.other["workshop"], kind="idea", text="Hej"
        )
    assert not Insight.objects.filter(participant=world.participant).exists()


def test_note_update_refuses_another_participants_note(world):
    note = InsightFactory(
        workshop=world.workshop, participant=ParticipantFactory(process=world.process)
    )

    with pytest.raises(ValueError):
        note_update(note=note, participant=world.participant, kind="idea", text="Overtaget")
