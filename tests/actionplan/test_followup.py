"""Follow-up: status updates, the programme overview and "you said, we did" for participants."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from actionplan.models import Initiative, Milestone, Prerequisite, StatusUpdate
from tests.factories import (
    InitiativeFactory,
    InsightFactory,
    ParticipantFactory,
    ThemeFactory,
    WorkshopFactory,
)
from workshops.models import InsightTheme
from workshops.permissions import SESSION_KEY


def status_url(world, initiative) -> str:
    return reverse(
        "actionplan:status_update.add", kwargs={"slug": world.process.slug, "pk": initiative.pk}
    )


def test_status_update_is_stored_and_sets_the_initiatives_status(world):
    initiative = InitiativeFactory(theme=world.theme)
    client = world.client_for("contributor")

    response = client.post(
        status_url(world, initiative),
        {"date": "2027-03-01", "status": "delayed", "traffic_light": "red", "note": "Forsinket"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse(
        "actionplan:initiative.detail", kwargs={"slug": world.process.slug, "pk": initiative.pk}
    )
    assert list(
        StatusUpdate.objects.values_list("initiative", "date", "status", "traffic_light", "note")
    ) == [(initiative.pk, date(2027, 3, 1), "delayed", "red", "Forsinket")]
    assert StatusUpdate.objects.get().author == world.users["contributor"]
    initiative.refresh_from_db()
    assert (initiative.status, initiative.traffic_light) == ("delayed", "red")


def test_status_update_form_is_shown_with_the_current_values(world):
    initiative = InitiativeFactory(theme=world.theme, status="in_progress", traffic_light="yellow")

    response = world.client_for("lead").get(status_url(world, initiative))

    assert response.status_code == 200
    form = response.context["form"]
    assert (form["status"].value(), form["traffic_light"].value()) == ("in_progress", "yellow")
    assert form["date"].value() == timezone.localdate()


@pytest.mark.parametrize(
    "data",
    [
        {"date": "", "status": "delayed", "traffic_light": "red"},
        {"date": "2027-03-01", "status": "unknown", "traffic_light": "red"},
        {"date": "2027-03-01", "status": "delayed", "traffic_light": "blue"},
        {"date": "2027-03-01", "status": "delayed", "traffic_light": "red", "note": "x" * 2001},
    ],
    ids=["no-date", "bad-status", "bad-light", "note-too-long"],
)
def test_invalid_status_update_answers_400_and_stores_nothing(world, data):
    initiative = InitiativeFactory(theme=world.theme)

    response = world.client_for("lead").post(status_url(world, initiative), data)

    assert response.status_code == 400
    assert response.context["form"].errors
    assert StatusUpdate.objects.count() == 0
    initiative.refresh_from_db()
    assert (initiative.status, initiative.traffic_light) == ("not_started", "green")


def test_viewer_cannot_add_a_status_update(world):
    initiative = InitiativeFactory(theme=world.theme)

    response = world.client_for("viewer").post(
        status_url(world, initiative),
        {"date": "2027-03-01", "status": "delayed", "traffic_light": "red"},
    )

    assert response.status_code == 403
    assert StatusUpdate.objects.count() == 0


def test_programme_counts_overdue_unmet_and_latest_update(world, lead_client):
    today = timezone.localdate()
    first = InitiativeFactory(theme=world.theme, status="in_progress", traffic_light="yellow")
    second = InitiativeFactory(theme=world.theme, status="delayed", traffic_light="red")
    third = InitiativeFactory(theme=world.theme, status="delayed", traffic_light="green")
    late = Milestone.objects.create(
        initiative=first, title="Sent", due_date=today - timedelta(days=1)
    )
    Milestone.objects.create(
        initiative=first, title="Klaret", due_date=today - timedelta(days=2), done=True
    )
    Milestone.objects.create(initiative=second, title="Senere", due_date=today)
    unmet = Prerequisite.objects.create(
        process=world.process, category="skills", description="Kompetencer", status="underway"
    )
    Prerequisite.objects.create(
        process=world.process, initiative=first, category="economy", description="Ok", status="met"
    )
    StatusUpdate.objects.create(
        initiative=first, date=date(2027, 1, 1), status="in_progress", traffic_light="green"
    )
    newest = StatusUpdate.objects.create(
        initiative=first, date=date(2027, 2, 1), status="in_progress", traffic_light="yellow"
    )
    other = InitiativeFactory(theme=world.other["theme"])
    Milestone.objects.create(initiative=other, title="Fremmed", due_date=today - timedelta(days=9))

    response = lead_client.get(reverse("actionplan:programme", kwargs={"slug": world.process.slug}))

    assert response.status_code == 200
    ctx = response.context
    assert [(value, n) for value, _label, n in ctx["status_counts"]] == [
        ("not_started", 0),
        ("in_progress", 1),
        ("delayed", 2),
        ("done", 0),
    ]
    assert [(value, n) for value, _label, n in ctx["light_counts"]] == [
        ("green", 1),
        ("yellow", 1),
        ("red", 1),
    ]
    assert ctx["overdue"] == [late]
    assert ctx["unmet"] == [unmet]
    latest = {i.pk: i.latest_update for i in ctx["initiatives"]}
    assert latest == {first.pk: newest, second.pk: None, third.pk: None}


def phone_for(participant) -> Client:
    client = Client()
    session = client.session
    session[SESSION_KEY] = participant.pk
    session.save()
    return client


YSD = "/deltager/i-sagde-vi-gjorde/"


def test_you_said_we_did_url():
    assert reverse("actionplan:you_said_we_did") == YSD


def test_you_said_we_did_shows_only_the_participants_own_themes_and_notes(world):
    process = world.process
    me, someone = ParticipantFactory(process=process), ParticipantFactory(process=process)
    mine_theme, their_theme = ThemeFactory(process=process), ThemeFactory(process=process)
    workshop = WorkshopFactory(process=process)
    my_note = InsightFactory(workshop=workshop, participant=me, text="Min note")
    their_note = InsightFactory(workshop=workshop, participant=someone, text="Deres note")
    InsightTheme.objects.create(insight=my_note, theme=mine_theme)
    InsightTheme.objects.create(insight=their_note, theme=mine_theme)
    InsightTheme.objects.create(insight=their_note, theme=their_theme)
    mine = InitiativeFactory(theme=mine_theme, status="in_progress")
    InitiativeFactory(theme=their_theme)

    response = phone_for(me).get(YSD)

    assert response.status_code == 200
    themes = response.context["themes"]
    assert [(e["theme"], e["notes"], e["initiatives"]) for e in themes] == [
        (mine_theme, [my_note], [mine])
    ]
    html = response.content.decode()
    assert f'id="ysd-initiative-{mine.pk}"' in html
    assert "Min note" in html
    assert "Deres note" not in html
    assert html.count('id="ysd-initiative-') == 1


def test_you_said_we_did_without_notes_is_empty(world):
    lonely = ParticipantFactory(process=world.process)
    InitiativeFactory(theme=world.theme)

    response = phone_for(lonely).get(YSD)

    assert response.status_code == 200
    assert response.context["themes"] == []
    assert 'id="ysd-empty"' in response.content.decode()


def test_you_said_we_did_needs_a_participant_session(world):
    response = Client().get(YSD)

    assert response.status_code == 302
    assert response["Location"] == reverse("workshops:join")


def test_you_said_we_did_query_count_does_not_grow(world, django_assert_num_queries):
    me = ParticipantFactory(process=world.process)
    client = phone_for(me)
    workshop = WorkshopFactory(process=world.process)
    for _ in range(3):
        theme = ThemeFactory(process=world.process)
        note = InsightFactory(workshop=workshop, participant=me)
        InsightTheme.objects.create(insight=note, theme=theme)
        InitiativeFactory(theme=theme)
        InitiativeFactory(theme=theme)
    client.get(YSD)

    # session, participant, the process's title, and the page's own three
    with django_assert_num_queries(6):
        response = client.get(YSD)

    assert response.status_code == 200
    assert len(response.context["themes"]) == 3
    assert Initiative.objects.count() == 6


def test_phone_home_links_to_you_said_we_did(world):
    response = phone_for(world.participant).get(reverse("workshops:phone.home"))

    assert response.status_code == 200
    assert f'id="phone-you-said-we-did" href="{YSD}"' in response.content.decode()
