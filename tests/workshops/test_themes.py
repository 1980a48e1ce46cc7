"""Theme screens: list with counts, create and edit, status, and the evidence page."""

import pytest
from django.urls import reverse

from strategy.enums import ThemeStatus
from strategy.models import StrategicTheme, ThemeMerge
from tests.factories import (
    DecisionFactory,
    InsightFactory,
    InterviewFactory,
    MeetingFactory,
    ParticipantFactory,
    ThemeFactory,
    VotingRoundFactory,
    WorkshopFactory,
)
from workshops.enums import InsightKind, StakeholderGroup
from workshops.models import InsightTheme


def url(world, name, **kwargs):
    return reverse(f"workshops:{name}", kwargs={"slug": world.process.slug, **kwargs})


def tag(theme, *insights):
    for insight in insights:
        InsightTheme.objects.create(insight=insight, theme=theme)


# --- List -----------------------------------------------------------------------------------------


def test_theme_list_counts_insights_and_supporting_groups(world, lead_client):
    leader = InsightFactory(workshop=world.workshop, group=StakeholderGroup.LEDER)
    staff = InsightFactory(workshop=world.workshop, group=StakeholderGroup.MEDARBEJDER)
    unknown = InsightFactory(workshop=world.workshop, group="")
    tag(world.theme, world.insight, leader, staff, unknown)  # world.insight: medarbejder
    empty = ThemeFactory(process=world.process)

    response = lead_client.get(url(world, "theme.list"))

    rows = {t.pk: (t.insight_count, t.group_count) for t in response.context["themes"]}
    assert rows == {world.theme.pk: (4, 2), empty.pk: (0, 0)}


def test_theme_list_filters_by_status(world, lead_client):
    parked = ThemeFactory(process=world.process, status=ThemeStatus.PARKED)

    response = lead_client.get(url(world, "theme.list") + "?status=parked")

    assert [t.pk for t in response.context["themes"]] == [parked.pk]


def test_theme_list_heading_uses_the_processs_label(world, lead_client):
    world.process.theme_label = "spor"
    world.process.save()

    response = lead_client.get(url(world, "theme.list"))

    assert f"<h1>{world.process.theme_label_plural}</h1>" in response.content.decode()


# --- Create and edit ------------------------------------------------------------------------------


def test_theme_create_stores_the_theme_with_its_priority(world, lead_client):
    response = lead_client.post(
        url(world, "theme.create"),
        {
            "title": "Stærkt samarbejde med forældre",
            "description": "Aula",
            "objective": "Alle forældre",
            "priority_rank": "4",
        },
    )

    theme = StrategicTheme.objects.get(title="Stærkt samarbejde med forældre")
    assert response.status_code == 302
    assert response["Location"] == url(world, "theme.detail", pk=theme.pk)
    assert (theme.process, theme.description, theme.objective, theme.priority_rank) == (
        world.process,
        "Aula",
        "Alle forældre",
        4,
    )
    assert theme.status == ThemeStatus.CANDIDATE


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "x" * 121}, "title"),
        ({"title": "TEMA-DUBLET"}, "title"),
        ({"title": "Ok", "priority_rank": "-1"}, "priority_rank"),
        ({"title": "Ok", "description": "x" * 2001}, "description"),
    ],
    ids=["empty", "too long", "taken", "negative rank", "long description"],
)
def test_theme_create_with_bad_input_answers_400_and_stores_nothing(
    world, lead_client, data, field
):
    ThemeFactory(process=world.process, title="Tema-dublet")
    before = StrategicTheme.objects.count()

    response = lead_client.post(url(world, "theme.create"), data)

    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    assert StrategicTheme.objects.count() == before


def test_the_same_title_in_another_process_is_fine(world, lead_client):
    response = lead_client.post(url(world, "theme.create"), {"title": world.other["theme"].title})

    assert response.status_code == 302
    assert StrategicTheme.objects.filter(title=world.other["theme"].title).count() == 2


def test_theme_edit_changes_the_theme_but_not_its_status(world, lead_client):
    response = lead_client.post(
        url(world, "theme.edit", pk=world.theme.pk),
        {"title": "Nyt navn", "priority_rank": "2", "status": "parked"},
    )

    world.theme.refresh_from_db()
    assert response.status_code == 302
    assert (world.theme.title, world.theme.priority_rank, world.theme.status) == (
        "Nyt navn",
        2,
        ThemeStatus.CANDIDATE,
    )


def test_theme_edit_may_keep_its_own_title(world, lead_client):
    response = lead_client.post(
        url(world, "theme.edit", pk=world.theme.pk), {"title": world.theme.title}
    )

    assert response.status_code == 302


def test_theme_create_is_forbidden_to_the_steering_group(world):
    response = world.client_for("steering").post(url(world, "theme.create"), {"title": "Nyt"})

    assert response.status_code == 403
    assert not StrategicTheme.objects.filter(title="Nyt").exists()


# --- Status ---------------------------------------------------------------------------------------


def test_theme_status_changes_through_theme_set_status(world, lead_client):
    response = lead_client.post(
        url(world, "theme.status", pk=world.theme.pk), {"status": "prioritised"}
    )

    world.theme.refresh_from_db()
    assert response.status_code == 302
    assert world.theme.status == ThemeStatus.PRIORITISED


@pytest.mark.parametrize("target", ["merged", "nonsense", ""])
def test_theme_status_refuses_merged_and_unknown_values(world, lead_client, target):
    response = lead_client.post(url(world, "theme.status", pk=world.theme.pk), {"status": target})

    world.theme.refresh_from_db()
    assert response.status_code == 400
    assert 'id="status-error"' in response.content.decode()
    assert world.theme.status == ThemeStatus.CANDIDATE


def test_a_merged_theme_keeps_its_status(world, lead_client):
    merged = ThemeFactory(process=world.process, status=ThemeStatus.MERGED)

    response = lead_client.post(url(world, "theme.status", pk=merged.pk), {"status": "candidate"})

    merged.refresh_from_db()
    assert response.status_code == 400
    assert 'id="status-error"' in response.content.decode()
    assert merged.status == ThemeStatus.MERGED


def test_theme_status_is_forbidden_to_viewers(world):
    response = world.client_for("viewer").post(
        url(world, "theme.status", pk=world.theme.pk), {"status": "parked"}
    )

    world.theme.refresh_from_db()
    assert response.status_code == 403
    assert world.theme.status == ThemeStatus.CANDIDATE


# --- The theme page -------------------------------------------------------------------------------


def test_theme_page_shows_evidence_by_kind_and_group_with_sources(world, lead_client):
    interview = InterviewFactory(process=world.process, interviewee_name="Karen Lund")
    workshop = WorkshopFactory(process=world.process, title="Ledelsesworkshop")
    insights = [
        InsightFactory(workshop=workshop, kind=InsightKind.IDEA, group=StakeholderGroup.LEDER),
        InsightFactory(workshop=workshop, kind=InsightKind.IDEA, group=StakeholderGroup.LEDER),
        InsightFactory(
            workshop=workshop, kind=InsightKind.CHALLENGE, group=StakeholderGroup.DAGPLEJE
        ),
        InsightFactory(
            process=world.process,
            workshop=None,
            interview=interview,
            kind=InsightKind.NEED,
            group="",
        ),
    ]
    tag(world.theme, *insights)

    response = lead_client.get(url(world, "theme.detail", pk=world.theme.pk))

    table = response.context["evidence"].table
    assert table.kinds == [
        ("challenge", InsightKind.CHALLENGE.label),
        ("idea", InsightKind.IDEA.label),
        ("need", InsightKind.NEED.label),
    ]
    assert [value for value, _label in table.groups] == ["leder", "dagpleje", ""]
    assert [(counts, total) for _label, counts, total in table.rows] == [
        ([0, 1, 0], 1),
        ([2, 0, 0], 2),
        ([0, 0, 1], 1),
    ]
    assert (table.column_totals, table.total) == ([2, 1, 1], 4)
    by_kind = {
        label: [link.insight_id for link in links]
        for label, links in response.context["evidence"].by_kind
    }
    assert by_kind == {
        InsightKind.CHALLENGE.label: [insights[2].pk],
        InsightKind.IDEA.label: [insights[0].pk, insights[1].pk],
        InsightKind.NEED.label: [insights[3].pk],
    }
    html = response.content.decode()
    assert "Karen Lund" in html
    assert "Ledelsesworkshop" in html
    assert 'id="evidence-total">4<' in html


def test_theme_page_shows_merges_and_decisions(world, lead_client):
    source = ThemeFactory(process=world.process, status=ThemeStatus.MERGED, title="Data og viden")
    target = ThemeFactory(process=world.process)
    ThemeMerge.objects.create(source=source, target=world.theme)
    ThemeMerge.objects.create(source=world.theme, target=target)
    meeting = MeetingFactory(process=world.process, number=2)
    decision = DecisionFactory(process=world.process, meeting=meeting, text="Temaet prioriteres")
    decision.themes.add(world.theme)

    response = lead_client.get(url(world, "theme.detail", pk=world.theme.pk))

    assert [m.target_id for m in response.context["merged_into"]] == [target.pk]
    assert [m.source_id for m in response.context["merged_from"]] == [source.pk]
    assert [d.pk for d in response.context["decisions"]] == [decision.pk]
    html = response.content.decode()
    assert f'data-merged-from="{source.pk}"' in html
    assert f'data-merged-into="{target.pk}"' in html
    assert "Temaet prioriteres" in html
    assert "SG2" in html


def test_theme_page_offers_status_and_merge_only_to_the_team(world):
    team = world.client_for("contributor").get(url(world, "theme.detail", pk=world.theme.pk))
    steering = world.client_for("steering").get(url(world, "theme.detail", pk=world.theme.pk))

    assert 'id="theme-status-form"' in team.content.decode()
    assert 'id="theme-merge"' in team.content.decode()
    assert 'id="theme-status-form"' not in steering.content.decode()
    assert 'id="theme-merge"' not in steering.content.decode()


def test_theme_pages_write_ids_without_a_thousands_separator(world, lead_client):
    theme = ThemeFactory(process=world.process, id=23456)
    InsightTheme.objects.create(
        insight=InsightFactory(workshop=world.workshop, id=12345), theme=theme
    )

    listing = lead_client.get(url(world, "theme.list")).content.decode()
    page = lead_client.get(url(world, "theme.detail", pk=theme.pk)).content.decode()

    assert 'id="theme-23456"' in listing
    assert 'id="insight-12345"' in page
    assert "23.456" not in listing + page
    assert "12.345" not in page


def test_theme_page_says_which_decision_and_round_set_its_priority(world, lead_client):
    from workshops.services import voting

    other = ThemeFactory(process=world.process)
    voting_round = VotingRoundFactory(process=world.process, themes=[world.theme, other])
    participant = ParticipantFactory(process=world.process)
    voting.ballot_submit(
        voting_round=voting_round, participant=participant, raw={str(world.theme.pk): 5}
    )
    voting.round_close(voting_round=voting_round)
    decision = voting.round_adopt(
        voting_round=voting_round, phases={world.theme.pk: "1"}, user=world.users["lead"]
    )

    response = lead_client.get(
        reverse("workshops:theme.detail", kwargs={"slug": world.process.slug, "pk": world.theme.pk})
    )

    assert response.context["theme"].priority_decision == decision
    assert response.context["priority_round"] == voting_round
    body = response.content.decode()
    assert 'id="priority-source"' in body
    assert (
        reverse(
            "workshops:round.results", kwargs={"slug": world.process.slug, "pk": voting_round.pk}
        )
        in body
    )
