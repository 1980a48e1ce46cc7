"""Interviews, the insights recorded from them, and the consent rule for quotes."""

import datetime

import pytest
from django.urls import reverse

from strategy.enums import ThemeStatus
from strategy.permissions import ROLE_PERMISSIONS
from tests.factories import InsightFactory, InterviewFactory, ThemeFactory, WorkshopFactory
from workshops.enums import InsightKind, InterviewKind, StakeholderGroup
from workshops.models import Insight, InsightTheme, Interview
from workshops.selectors.evidence import visible_insights
from workshops.services import evidence as services

MEMBERS = ("viewer", "contributor", "steering", "lead")
TEAM = {"contributor", "lead"}


def url(world, name, **kwargs):
    return reverse(f"workshops:{name}", kwargs={"slug": world.process.slug, **kwargs})


def interview_data(**overrides):
    data = {
        "kind": InterviewKind.EXPERT,
        "interviewee_name": "Mette Holm",
        "interviewee_title": "Lektor",
        "interviewee_organisation": "Aarhus Universitet",
        "group": StakeholderGroup.EKSTERN,
        "date": "2026-03-10",
        "interviewer": "Projektleder",
        "consent_to_quote": "on",
        "summary": "Digitale medier i dagtilbud.",
    }
    data.update(overrides)
    return data


# --- Interviews -----------------------------------------------------------------------------------


def test_interview_create_stores_every_field(world, lead_client):
    response = lead_client.post(url(world, "interview.create"), interview_data())

    interview = Interview.objects.get(interviewee_name="Mette Holm")
    assert response.status_code == 302
    assert response["Location"] == url(world, "interview.detail", pk=interview.pk)
    assert (
        interview.process,
        interview.kind,
        interview.interviewee_title,
        interview.interviewee_organisation,
        interview.group,
        interview.date,
        interview.interviewer,
        interview.consent_to_quote,
        interview.summary,
    ) == (
        world.process,
        "expert",
        "Lektor",
        "Aarhus Universitet",
        "ekstern",
        datetime.date(2026, 3, 10),
        "Projektleder",
        True,
        "Digitale medier i dagtilbud.",
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("interviewee_name", ""),
        ("interviewee_name", "x" * 151),
        ("kind", "podcast"),
        ("date", "10-03-2026x"),
        ("summary", "x" * 5001),
    ],
)
def test_interview_create_with_bad_input_answers_400_and_stores_nothing(
    world, lead_client, field, value
):
    before = Interview.objects.count()

    response = lead_client.post(url(world, "interview.create"), interview_data(**{field: value}))

    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    assert Interview.objects.count() == before


def test_interview_edit_changes_the_interview(world, lead_client):
    data = interview_data(interviewee_name="Ny Navn", consent_to_quote="")

    response = lead_client.post(url(world, "interview.edit", pk=world.interview.pk), data)

    world.interview.refresh_from_db()
    assert response.status_code == 302
    assert (world.interview.interviewee_name, world.interview.consent_to_quote) == (
        "Ny Navn",
        False,
    )


def test_interview_create_is_forbidden_to_the_steering_group(world):
    response = world.client_for("steering").post(url(world, "interview.create"), interview_data())

    assert response.status_code == 403
    assert not Interview.objects.filter(interviewee_name="Mette Holm").exists()


def test_interview_list_counts_the_insights(world, lead_client):
    InsightFactory(process=world.process, workshop=None, interview=world.interview)
    empty = InterviewFactory(process=world.process)

    response = lead_client.get(url(world, "interview.list"))

    counts = {i.pk: i.insight_count for i in response.context["interviews"]}
    assert counts == {world.interview.pk: 2, empty.pk: 0}


def test_interview_detail_lists_its_insights_and_offers_the_form_to_the_team(world):
    lead = world.client_for("lead").get(url(world, "interview.detail", pk=world.interview.pk))
    viewer = world.client_for("viewer").get(url(world, "interview.detail", pk=world.interview.pk))

    assert [i.pk for i in lead.context["insights"]] == [world.interview_insight.pk]
    assert 'id="insight-form"' in lead.content.decode()
    assert [i.pk for i in viewer.context["insights"]] == [world.interview_insight.pk]
    assert 'id="insight-form"' not in viewer.content.decode()


# --- Insights from an interview -------------------------------------------------------------------


def test_insight_create_tags_themes_and_takes_the_interviewees_group(world, lead_client):
    world.interview.group = StakeholderGroup.EKSTERN
    world.interview.save()
    second = ThemeFactory(process=world.process)

    response = lead_client.post(
        url(world, "interview.insight.create", pk=world.interview.pk),
        {"kind": "challenge", "text": "Ustabilt net", "themes": [world.theme.pk, second.pk]},
    )

    insight = Insight.objects.get(text="Ustabilt net")
    assert response.status_code == 302
    assert (insight.interview, insight.workshop, insight.kind, insight.group) == (
        world.interview,
        None,
        "challenge",
        "ekstern",
    )
    assert insight.created_by == world.users["lead"]
    assert set(insight.themes.values_list("pk", flat=True)) == {world.theme.pk, second.pk}


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": "quote", "text": ""}, "text"),
        ({"kind": "quote", "text": "x" * 501}, "text"),
        ({"kind": "gossip", "text": "Hej"}, "kind"),
        ({"kind": "idea", "text": "Hej", "themes": ["merged"]}, "themes"),
        ({"kind": "idea", "text": "Hej", "themes": ["foreign"]}, "themes"),
    ],
    ids=["empty", "too long", "bad kind", "merged theme", "foreign theme"],
)
def test_insight_create_with_bad_input_answers_400_and_stores_nothing(
    world, lead_client, data, field
):
    merged = ThemeFactory(process=world.process, status=ThemeStatus.MERGED)
    ids = {"merged": merged.pk, "foreign": world.other["theme"].pk}
    if "themes" in data:
        data = {**data, "themes": [ids[name] for name in data["themes"]]}
    before = Insight.objects.count()

    response = lead_client.post(url(world, "interview.insight.create", pk=world.interview.pk), data)

    assert response.status_code == 400
    assert list(response.context["insight_form"].errors) == [field]
    assert Insight.objects.count() == before


def test_insight_form_offers_only_themes_that_are_not_merged(world, lead_client):
    ThemeFactory(process=world.process, status=ThemeStatus.MERGED)

    response = lead_client.get(url(world, "interview.detail", pk=world.interview.pk))

    offered = [t.pk for t in response.context["insight_form"].fields["themes"].queryset]
    assert offered == [world.theme.pk]


def test_insight_edit_changes_text_and_tags_but_keeps_tags_of_merged_themes(world, lead_client):
    insight = world.interview_insight
    merged = ThemeFactory(process=world.process, status=ThemeStatus.MERGED)
    dropped = ThemeFactory(process=world.process)
    InsightTheme.objects.create(insight=insight, theme=merged)
    InsightTheme.objects.create(insight=insight, theme=dropped)

    response = lead_client.post(
        url(world, "insight.edit", pk=insight.pk),
        {"kind": "need", "text": "Ny tekst", "group": "leder", "themes": [world.theme.pk]},
    )

    insight.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == url(world, "interview.detail", pk=world.interview.pk)
    assert (insight.kind, insight.text, insight.group) == ("need", "Ny tekst", "leder")
    assert set(insight.themes.values_list("pk", flat=True)) == {world.theme.pk, merged.pk}


def test_insight_edit_of_a_workshop_note_goes_back_to_the_board(world, lead_client):
    response = lead_client.post(
        url(world, "insight.edit", pk=world.insight.pk),
        {"kind": "idea", "text": "Rettet note", "group": ""},
    )

    assert response.status_code == 302
    assert response["Location"] == url(world, "board.detail", pk=world.workshop.pk)
    world.insight.refresh_from_db()
    assert (world.insight.text, world.insight.group) == ("Rettet note", "")


def test_insight_edit_with_bad_input_answers_400_and_changes_nothing(world, lead_client):
    response = lead_client.post(
        url(world, "insight.edit", pk=world.insight.pk), {"kind": "idea", "text": "x" * 501}
    )

    assert response.status_code == 400
    world.insight.refresh_from_db()
    assert world.insight.text != "x" * 501


def test_insight_delete_removes_it_and_goes_back_to_its_source(world, lead_client):
    InsightTheme.objects.create(insight=world.interview_insight, theme=world.theme)

    response = lead_client.post(url(world, "insight.delete", pk=world.interview_insight.pk))

    assert response.status_code == 302
    assert response["Location"] == url(world, "interview.detail", pk=world.interview.pk)
    assert not Insight.objects.filter(pk=world.interview_insight.pk).exists()
    assert InsightTheme.objects.count() == 0


def test_insight_delete_is_forbidden_to_viewers(world):
    response = world.client_for("viewer").post(url(world, "insight.delete", pk=world.insight.pk))

    assert response.status_code == 403
    assert Insight.objects.filter(pk=world.insight.pk).exists()


def test_html_in_an_insight_is_shown_as_text(world, lead_client):
    services.insight_create(
        process=world.process,
        interview=world.interview,
        kind=InsightKind.IDEA,
        text="<script>alert(1)</script>",
    )

    response = lead_client.get(url(world, "interview.detail", pk=world.interview.pk))

    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# --- The consent rule -----------------------------------------------------------------------------


@pytest.fixture
def quotes(world):
    """A quote from an interview without consent, one with consent, and one from a workshop,
    all tagged with the world's theme."""
    no_consent = InterviewFactory(process=world.process, consent_to_quote=False)
    consent = InterviewFactory(process=world.process, consent_to_quote=True)
    made = {
        "hidden": InsightFactory(
            process=world.process,
            workshop=None,
            interview=no_consent,
            kind=InsightKind.QUOTE,
            text="Citat uden samtykke",
        ),
        "consented": InsightFactory(
            process=world.process,
            workshop=None,
            interview=consent,
            kind=InsightKind.QUOTE,
            text="Citat med samtykke",
        ),
        "workshop": InsightFactory(
            workshop=WorkshopFactory(process=world.process),
            kind=InsightKind.QUOTE,
            text="Citat fra workshop",
        ),
        "challenge": InsightFactory(
            process=world.process,
            workshop=None,
            interview=no_consent,
            kind=InsightKind.CHALLENGE,
            text="Udfordring uden samtykke er ikke et citat",
        ),
    }
    for insight in made.values():
        InsightTheme.objects.create(insight=insight, theme=world.theme)
    made["no_consent_interview"] = no_consent
    return made


@pytest.mark.parametrize("persona", MEMBERS)
def test_visible_insights_hide_quotes_without_consent_outside_the_team(world, quotes, persona):
    perms = ROLE_PERMISSIONS[persona]

    visible = {i.pk: i.not_for_quotation for i in visible_insights(world.process, perms)}

    assert quotes["consented"].pk in visible
    assert quotes["workshop"].pk in visible
    assert quotes["challenge"].pk in visible
    assert visible[quotes["consented"].pk] is False
    if persona in TEAM:
        assert visible[quotes["hidden"].pk] is True
    else:
        assert quotes["hidden"].pk not in visible


def test_visible_insights_for_a_printed_document_hide_quotes_without_consent(world, quotes):
    visible = set(visible_insights(world.process, frozenset()).values_list("pk", flat=True))

    assert quotes["hidden"].pk not in visible
    assert quotes["consented"].pk in visible


@pytest.mark.parametrize("persona", MEMBERS)
def test_interview_page_obeys_the_consent_rule(world, quotes, persona):
    interview = quotes["no_consent_interview"]

    response = world.client_for(persona).get(url(world, "interview.detail", pk=interview.pk))

    html = response.content.decode()
    shown = [i.pk for i in response.context["insights"]]
    if persona in TEAM:
        assert shown == [quotes["challenge"].pk, quotes["hidden"].pk]
        assert "Citat uden samtykke" in html
        assert html.count('data-not-for-quotation="true"') == 1
    else:
        assert shown == [quotes["challenge"].pk]
        assert "Citat uden samtykke" not in html
        assert 'data-not-for-quotation="true"' not in html


@pytest.mark.parametrize("persona", MEMBERS)
def test_theme_page_obeys_the_consent_rule(world, quotes, persona):
    response = world.client_for(persona).get(url(world, "theme.detail", pk=world.theme.pk))

    html = response.content.decode()
    shown = {link.insight_id for link in response.context["evidence"].links}
    expected = {quotes[name].pk for name in ("consented", "workshop", "challenge")}
    if persona in TEAM:
        assert shown == expected | {quotes["hidden"].pk}
        assert "Citat uden samtykke" in html
        assert html.count('data-not-for-quotation="true"') == 1
    else:
        assert shown == expected
        assert "Citat uden samtykke" not in html
        assert 'data-not-for-quotation="true"' not in html


@pytest.mark.parametrize("persona", MEMBERS)
def test_counts_obey_the_consent_rule(world, quotes, persona):
    client = world.client_for(persona)

    themes = client.get(url(world, "theme.list")).context["themes"]
    interviews = client.get(url(world, "interview.list")).context["interviews"]

    theme_count = {t.pk: t.insight_count for t in themes}[world.theme.pk]
    interview_count = {i.pk: i.insight_count for i in interviews}[quotes["no_consent_interview"].pk]
    assert (theme_count, interview_count) == ((4, 2) if persona in TEAM else (3, 1))


@pytest.mark.parametrize("persona", MEMBERS)
def test_the_board_never_shows_interview_quotes(world, quotes, persona):
    workshop = quotes["workshop"].workshop

    response = world.client_for(persona).get(url(world, "board.detail", pk=workshop.pk))

    html = response.content.decode()
    assert "Citat fra workshop" in html
    assert "Citat uden samtykke" not in html
    assert "Citat med samtykke" not in html
