"""The steering group: meetings with agenda and minutes, and the decision log."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from strategy import selectors, services
from strategy.enums import ThemeStatus
from strategy.models import Decision, SteeringMeeting
from tests.factories import DecisionFactory, MeetingFactory, ThemeFactory


def url(name, world, **kwargs):
    return reverse(name, kwargs={"slug": world.process.slug, **kwargs})


def label_of(model, field: str) -> str:
    return str(model._meta.get_field(field).verbose_name)


def decision_data(world, **overrides) -> dict:
    data = {
        "meeting": world.meeting.pk,
        "date": "2026-04-02",
        "text": "Styregruppen prioriterer tema 1.",
        "themes": [world.theme.pk],
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# --- Decisions: who may record them -------------------------------------------------------------


@pytest.mark.parametrize("persona", ["steering", "lead"])
def test_steering_member_and_lead_can_record_a_decision(world, persona):
    before = set(Decision.objects.values_list("pk", flat=True))

    response = world.client_for(persona).post(
        url("strategy:decision.create", world), decision_data(world)
    )

    assert response.status_code == 302
    assert response["Location"] == url("strategy:meeting.detail", world, pk=world.meeting.pk)
    decision = Decision.objects.exclude(pk__in=before).get()
    assert (decision.process, decision.meeting, decision.date, decision.text) == (
        world.process,
        world.meeting,
        datetime.date(2026, 4, 2),
        "Styregruppen prioriterer tema 1.",
    )
    assert list(decision.themes.all()) == [world.theme]
    assert decision.recorded_by == world.users[persona]


def test_decision_without_meeting_goes_back_to_the_decision_log(world):
    response = world.client_for("steering").post(
        url("strategy:decision.create", world), decision_data(world, meeting="", themes=None)
    )

    assert response.status_code == 302
    assert response["Location"] == url("strategy:steering.list", world) + "#decisions"
    decision = Decision.objects.get(process=world.process, date=datetime.date(2026, 4, 2))
    assert decision.meeting is None
    assert list(decision.themes.all()) == []


@pytest.mark.parametrize("persona", ["viewer", "contributor"])
def test_viewer_and_contributor_cannot_record_or_edit_a_decision(world, persona):
    client = world.client_for(persona)
    count = Decision.objects.count()

    create = client.post(url("strategy:decision.create", world), decision_data(world))
    edit = client.post(
        url("strategy:decision.edit", world, pk=world.decision.pk),
        decision_data(world, text="Ændret"),
    )

    assert (create.status_code, edit.status_code) == (403, 403)
    assert Decision.objects.count() == count
    world.decision.refresh_from_db()
    assert world.decision.text != "Ændret"


@pytest.mark.parametrize("persona", ["viewer", "contributor"])
def test_viewer_and_contributor_cannot_write_minutes(world, persona):
    client = world.client_for(persona)

    create = client.post(
        url("strategy:meeting.create", world),
        {"number": 5, "date": "2026-04-02", "title": "Møde"},
    )
    edit = client.post(
        url("strategy:meeting.edit", world, pk=world.meeting.pk),
        {"number": 1, "date": "2026-04-02", "title": "Ændret"},
    )

    assert (create.status_code, edit.status_code) == (403, 403)
    assert list(SteeringMeeting.objects.filter(process=world.process)) == [world.meeting]


# --- Decisions: validation ----------------------------------------------------------------------


def test_decision_with_a_theme_of_another_process_is_refused(world):
    count = Decision.objects.count()

    response = world.client_for("lead").post(
        url("strategy:decision.create", world),
        decision_data(world, themes=[world.theme.pk, world.other["theme"].pk]),
    )

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["themes"]
    assert Decision.objects.count() == count


def test_decision_with_a_meeting_of_another_process_is_refused(world):
    count = Decision.objects.count()

    response = world.client_for("lead").post(
        url("strategy:decision.create", world),
        decision_data(world, meeting=world.other["meeting"].pk),
    )

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["meeting"]
    assert Decision.objects.count() == count


def test_decision_service_refuses_foreign_themes_and_meetings(world):
    with pytest.raises(ValidationError) as exc:
        services.decision_create(
            process=world.process,
            date=datetime.date(2026, 4, 2),
            text="Beslutning",
            meeting=world.other["meeting"],
            themes=[world.other["theme"]],
        )

    assert set(exc.value.error_dict) == {"meeting", "themes"}
    assert Decision.objects.filter(process=world.process).count() == 1


def test_decision_update_refuses_a_theme_of_another_process(world):
    with pytest.raises(ValidationError):
        services.decision_update(
            decision=world.decision,
            date=world.decision.date,
            text="Ændret",
            meeting=None,
            themes=[world.other["theme"]],
        )

    world.decision.refresh_from_db()
    assert world.decision.text != "Ændret"
    assert list(world.decision.themes.all()) == []


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"text": ""}, "text"),
        ({"text": "x" * 2001}, "text"),
        ({"date": "32-13-2026"}, "date"),
        ({"date": ""}, "date"),
        ({"meeting": "999999"}, "meeting"),
        ({"themes": ["abc"]}, "themes"),
        # Keys beyond 64 bits: refused with the message, not a 500 from the database.
        ({"themes": [str(2**63)]}, "themes"),
        ({"themes": ["99999999999999999999999999999999"]}, "themes"),
    ],
)
def test_decision_with_invalid_input_shows_the_error_and_stores_nothing(world, overrides, field):
    count = Decision.objects.count()

    response = world.client_for("steering").post(
        url("strategy:decision.create", world), decision_data(world, **overrides)
    )

    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    assert Decision.objects.count() == count


def test_decision_service_enforces_the_text_limit(world):
    with pytest.raises(ValidationError) as exc:
        services.decision_create(
            process=world.process, date=datetime.date(2026, 4, 2), text="x" * 2001
        )

    assert set(exc.value.error_dict) == {"text"}


def test_decision_form_offers_only_this_processs_meetings_and_unmerged_themes(world):
    merged = ThemeFactory(process=world.process, status=ThemeStatus.MERGED)

    response = world.client_for("steering").get(url("strategy:decision.create", world))

    form = response.context["form"]
    assert list(form.fields["meeting"].queryset) == [world.meeting]
    assert list(form.fields["themes"].queryset) == [world.theme]
    assert merged not in form.fields["themes"].queryset


def test_decision_create_preselects_the_meeting_of_the_process_only(world):
    client = world.client_for("steering")

    own = client.get(url("strategy:decision.create", world) + f"?meeting={world.meeting.pk}")
    foreign = client.get(
        url("strategy:decision.create", world) + f"?meeting={world.other['meeting'].pk}"
    )

    assert own.context["form"].initial["meeting"] == world.meeting.pk
    assert own.context["form"].initial["date"] == world.meeting.date
    assert "meeting" not in foreign.context["form"].initial


# --- Decisions: editing and audit history -------------------------------------------------------


def test_decision_edit_saves_and_keeps_one_history_record_per_save(world):
    theme = ThemeFactory(process=world.process, title="Kompetencer")
    client = world.client_for("steering")
    records_before = world.decision.history.count()

    response = client.post(
        url("strategy:decision.edit", world, pk=world.decision.pk),
        decision_data(
            world,
            date=world.decision.date.isoformat(),
            text="Ny ordlyd",
            meeting="",
            themes=[theme.pk, world.theme.pk],
        ),
    )

    assert response.status_code == 302
    world.decision.refresh_from_db()
    assert (world.decision.text, world.decision.meeting) == ("Ny ordlyd", None)
    assert set(world.decision.themes.all()) == {theme, world.theme}
    assert world.decision.history.count() == records_before + 1
    latest = selectors.decision_history(world.decision)[0]
    assert [(str(label), old, new) for label, old, new in latest.changes] == [
        (label_of(Decision, "text"), world.decision.history.last().text, "Ny ordlyd"),
        (label_of(Decision, "meeting"), "SG1", None),
        (label_of(Decision, "themes"), None, f"Kompetencer, {world.theme.title}"),
    ]


def test_decision_edit_page_shows_the_history(world):
    services.decision_update(
        decision=world.decision,
        date=world.decision.date,
        text="Ændret ordlyd",
        meeting=world.meeting,
        themes=[world.theme],
    )

    response = world.client_for("lead").get(
        url("strategy:decision.edit", world, pk=world.decision.pk)
    )

    assert response.status_code == 200
    assert [record.history_type for record in response.context["history"]] == ["~", "+"]
    assert "<ins>Ændret ordlyd</ins>" in response.content.decode()


def test_decision_of_another_process_answers_404(world):
    response = world.client_for("lead").post(
        url("strategy:decision.edit", world, pk=world.other["decision"].pk), decision_data(world)
    )

    assert response.status_code == 404


# --- Meetings -----------------------------------------------------------------------------------


def test_meeting_create_proposes_the_next_number_and_saves(world):
    MeetingFactory(process=world.process, number=3)
    client = world.client_for("steering")

    form = client.get(url("strategy:meeting.create", world))
    response = client.post(
        url("strategy:meeting.create", world),
        {
            "number": 4,
            "date": "2026-04-20",
            "title": "Handleplan",
            "agenda": "1. Handleplan\n2. Budget",
            "minutes": "",
        },
    )

    assert form.context["form"].initial["number"] == 4
    assert response.status_code == 302
    meeting = SteeringMeeting.objects.get(process=world.process, number=4)
    assert response["Location"] == url("strategy:meeting.detail", world, pk=meeting.pk)
    assert (meeting.code, meeting.date, meeting.title, meeting.agenda) == (
        "SG4",
        datetime.date(2026, 4, 20),
        "Handleplan",
        "1. Handleplan\n2. Budget",
    )


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"number": 1}, "number"),  # taken by world.meeting
        ({"number": 0}, "number"),
        ({"number": ""}, "number"),
        ({"date": ""}, "date"),
        ({"title": ""}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"agenda": "x" * 5001}, "agenda"),
        ({"minutes": "x" * 10001}, "minutes"),
    ],
)
def test_meeting_with_invalid_input_shows_the_error_and_stores_nothing(world, overrides, field):
    data = {"number": 2, "date": "2026-04-20", "title": "Møde", "agenda": "", "minutes": ""}
    data.update(overrides)

    response = world.client_for("lead").post(url("strategy:meeting.create", world), data)

    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    assert list(SteeringMeeting.objects.filter(process=world.process)) == [world.meeting]


def test_meeting_edit_keeps_its_own_number_and_records_history(world):
    response = world.client_for("steering").post(
        url("strategy:meeting.edit", world, pk=world.meeting.pk),
        {"number": 1, "date": "2026-03-12", "title": "Opstart", "agenda": "", "minutes": "Ok"},
    )

    assert response.status_code == 302
    world.meeting.refresh_from_db()
    assert (world.meeting.title, world.meeting.minutes) == ("Opstart", "Ok")
    detail = world.client_for("viewer").get(
        url("strategy:meeting.detail", world, pk=world.meeting.pk)
    )
    assert [record.history_type for record in detail.context["history"]] == ["~", "+"]
    changed = {str(label) for label, _old, _new in detail.context["history"][0].changes}
    assert changed == {label_of(SteeringMeeting, "title"), label_of(SteeringMeeting, "minutes")}


def test_meeting_number_is_unique_per_process_only(world):
    meeting = services.meeting_create(
        process=world.other_process, number=2, date=datetime.date(2026, 4, 1), title="SG"
    )

    with pytest.raises(ValidationError):
        services.meeting_update(meeting=meeting, data={"number": 1})  # the other's SG1
    assert services.meeting_create(
        process=world.process, number=2, date=datetime.date(2026, 4, 1), title="SG"
    ).code == ("SG2")


def test_meeting_detail_shows_agenda_minutes_and_decisions_escaped(world):
    world.meeting.agenda = "1. <b>Vision</b>\n2. Temaer"
    world.meeting.minutes = "Første afsnit.\n\n<script>alert(1)</script>"
    world.meeting.save()
    world.decision.text = "Vi <i>vedtager</i> visionen."
    world.decision.save()
    world.decision.themes.set([world.theme])
    DecisionFactory(process=world.process, meeting=None)  # not at this meeting

    response = world.client_for("viewer").get(
        url("strategy:meeting.detail", world, pk=world.meeting.pk)
    )

    assert response.status_code == 200
    assert response.context["decisions"] == [world.decision]
    html = response.content.decode()
    assert '<div id="meeting-agenda"><p>1. &lt;b&gt;Vision&lt;/b&gt;<br>2. Temaer</p></div>' in html
    assert (
        '<div id="meeting-minutes"><p>Første afsnit.</p>\n\n'
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p></div>"
    ) in html
    assert "Vi &lt;i&gt;vedtager&lt;/i&gt; visionen." in html
    assert "<script>alert(1)" not in html
    assert 'id="meeting-edit"' not in html  # a viewer cannot write minutes


def test_meeting_of_another_process_answers_404(world):
    response = world.client_for("lead").get(
        url("strategy:meeting.detail", world, pk=world.other["meeting"].pk)
    )

    assert response.status_code == 404


# --- Decision log and overview ------------------------------------------------------------------


def test_steering_list_shows_meetings_and_the_decision_log_newest_first(world):
    later = MeetingFactory(process=world.process, number=2, date=datetime.date(2026, 4, 9))
    old = DecisionFactory(process=world.process, date=datetime.date(2026, 2, 1))
    new = DecisionFactory(process=world.process, meeting=later, date=datetime.date(2026, 4, 9))
    new.themes.set([world.theme])

    response = world.client_for("viewer").get(url("strategy:steering.list", world))

    assert response.status_code == 200
    assert [(m.code, m.decision_count) for m in response.context["meetings"]] == [
        ("SG2", 1),
        ("SG1", 1),
    ]
    assert response.context["decisions"] == [new, world.decision, old]
    html = response.content.decode()
    assert f'<tr id="decision-{new.pk}">' in html
    assert f">{world.theme.title}</span>" in html
    assert 'id="decision-create"' not in html  # a viewer cannot record decisions


def test_overview_shows_the_three_latest_decisions(world):
    for day in (1, 2, 3):
        decision = DecisionFactory(
            process=world.process,
            meeting=world.meeting,
            date=datetime.date(2026, 5, day),
            text=f"Beslutning maj {day}",
        )
    decision.themes.set([world.theme])
    DecisionFactory(process=world.other_process, date=datetime.date(2026, 6, 1))

    response = world.client_for("viewer").get(
        reverse("strategy:process.overview", kwargs={"slug": world.process.slug})
    )

    assert [d.text for d in response.context["latest_decisions"]] == [
        "Beslutning maj 3",
        "Beslutning maj 2",
        "Beslutning maj 1",
    ]
    html = response.content.decode()
    assert f'id="latest-decision-{decision.pk}"' in html
    assert f"{world.theme.title}</div>" in html
    assert f'href="{url("strategy:steering.list", world)}#decisions"' in html
