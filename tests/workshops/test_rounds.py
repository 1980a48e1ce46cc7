"""Voting rounds for project members: set-up with the rules of each method, the lock when a
round opens, open and close, progress, paper ballots, the projector and adoption."""

import datetime
import re

import pytest
from django.urls import reverse

from strategy.enums import ThemeStatus
from strategy.models import Decision
from tests.factories import (
    MeetingFactory,
    ParticipantFactory,
    ThemeFactory,
    VotingRoundFactory,
    WorkshopFactory,
)
from workshops.enums import BallotSource, ResultsVisibility, RoundStatus, VotingMethod
from workshops.models import Ballot, Participation, RoundOption, SecretBallot, VotingRound
from workshops.services.voting import ballot_submit, round_close, round_create, round_open


def url(world, name, **kwargs):
    return reverse(f"workshops:{name}", kwargs={"slug": world.process.slug, **kwargs})


def themes(world, n=3):
    return [ThemeFactory(process=world.process) for _ in range(n)]


def round_data(options, **overrides):
    data = {
        "title": "Prioritering af temaer",
        "question": "Hvilke temaer er vigtigst?",
        "method": "points",
        "budget": "5",
        "budget_exact": "exact",
        "options": [str(theme.pk) for theme in options],
        "mode": "registered",
        "results_visibility": "after_close",
        "randomise_order": "on",
    }
    data.update(overrides)
    return data


def make_round(world, options, **data):
    values = {
        "title": "Runde",
        "method": VotingMethod.POINTS,
        "rules": {"budget": 5, "budget_exact": True},
    }
    values.update(data)
    return round_create(process=world.process, data=values, themes=options)


def option_keys(voting_round):
    return [str(pk) for pk in voting_round.options.values_list("theme_id", flat=True)]


# --- List ----------------------------------------------------------------------------------------


def test_round_list_shows_method_mode_status_ballots_and_workshop(world, lead_client):
    options = themes(world, 2)
    workshop = WorkshopFactory(process=world.process, title="Prioriteringsworkshop")
    voting_round = make_round(world, options, title="Runde 1", workshop=workshop)
    round_open(voting_round=voting_round)
    a, b = option_keys(voting_round)
    for _ in range(2):
        ballot_submit(
            voting_round=voting_round,
            participant=ParticipantFactory(process=world.process),
            raw={a: 3, b: 2},
        )

    response = lead_client.get(url(world, "round.list"))

    html = response.content.decode()
    row = re.search(rf'<tr id="round-{voting_round.pk}">.*?</tr>', html, re.S).group(0)
    assert response.status_code == 200
    assert 'data-ballots="2"' in row
    assert 'data-status="open"' in row
    assert "Prioriteringsworkshop" in row
    assert url(world, "round.detail", pk=voting_round.pk) in row


# --- Create and edit -----------------------------------------------------------------------------


def test_round_create_points_stores_the_rules_and_options_in_order(world, lead_client):
    options = themes(world, 3)

    response = lead_client.post(
        url(world, "round.create"), round_data(options, budget_exact="at_most", budget="100")
    )

    voting_round = VotingRound.objects.get(title="Prioritering af temaer")
    assert response.status_code == 302
    assert response["Location"] == url(world, "round.detail", pk=voting_round.pk)
    assert (voting_round.process, voting_round.status, voting_round.method) == (
        world.process,
        RoundStatus.DRAFT,
        VotingMethod.POINTS,
    )
    assert voting_round.rules == {"budget": 100, "budget_exact": False}
    assert option_keys(voting_round) == [str(t.pk) for t in options]
    assert (voting_round.mode, voting_round.secret, voting_round.randomise_order) == (
        "registered",
        False,
        True,
    )


def test_round_create_dots_with_cap_and_eligible_groups(world, lead_client):
    options = themes(world, 2)
    data = round_data(
        options,
        method="dots",
        dots_per_voter="5",
        cap_per_option="3",
        eligible_groups=["leder", "medarbejder"],
        mode="open",
        secret="on",
        results_visibility="live",
    )

    response = lead_client.post(url(world, "round.create"), data)

    voting_round = VotingRound.objects.get(title="Prioritering af temaer")
    assert response.status_code == 302
    assert voting_round.rules == {"dots_per_voter": 5, "cap_per_option": 3}
    assert voting_round.eligible_groups == ["leder", "medarbejder"]
    assert (voting_round.mode, voting_round.secret, voting_round.results_visibility) == (
        "open",
        True,
        ResultsVisibility.LIVE,
    )


def test_round_create_matrix_with_criteria_and_weights(world, lead_client):
    options = themes(world, 2)
    data = round_data(
        options,
        method="matrix",
        criterion_1_label="Faglig værdi",
        criterion_1_weight="2",
        criterion_2_label="Gennemførlighed",
        criterion_2_weight="0.5",
        criterion_3_label="",
        criterion_3_weight="1",
        allow_unknown="on",
    )

    response = lead_client.post(url(world, "round.create"), data)

    voting_round = VotingRound.objects.get(title="Prioritering af temaer")
    assert response.status_code == 302
    assert voting_round.rules == {
        "criteria": [
            {"key": "c1", "label": "Faglig værdi", "weight": "2"},
            {"key": "c2", "label": "Gennemførlighed", "weight": "0.5"},
        ],
        "scale_max": 5,
        "allow_unknown": True,
    }


@pytest.mark.parametrize("method", ["ranking", "approval"])
def test_round_create_ranking_and_approval_have_no_rules_of_their_own(world, lead_client, method):
    options = themes(world, 3)

    response = lead_client.post(url(world, "round.create"), round_data(options, method=method))

    assert response.status_code == 302
    assert VotingRound.objects.get(title="Prioritering af temaer").rules == {}


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": ""}, "title"),
        ({"method": "dots", "dots_per_voter": ""}, "dots_per_voter"),
        ({"method": "dots", "dots_per_voter": "3", "cap_per_option": "4"}, "cap_per_option"),
        ({"method": "dots", "dots_per_voter": "0"}, "dots_per_voter"),
        ({"budget": ""}, "budget"),
        ({"budget": "-5"}, "budget"),
        ({"budget_exact": ""}, "budget_exact"),
        ({"method": "matrix", "criterion_1_label": "Værdi"}, "criterion_2_label"),
        ({"method": "matrix"}, "criterion_1_label"),
        (
            {
                "method": "matrix",
                "criterion_1_label": "Værdi",
                "criterion_2_label": "værdi",
            },
            "criterion_2_label",
        ),
        (
            {
                "method": "matrix",
                "criterion_1_label": "Værdi",
                "criterion_2_label": "Gennemførlighed",
                "criterion_2_weight": "0",
            },
            "criterion_2_weight",
        ),
        ({"method": "vote"}, "method"),
        ({"mode": "anything"}, "mode"),
        ({"eligible_groups": ["borgmester"]}, "eligible_groups"),
    ],
)
def test_round_create_refuses_invalid_rules_next_to_the_field(world, lead_client, overrides, field):
    options = themes(world, 2)

    response = lead_client.post(url(world, "round.create"), round_data(options, **overrides))

    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert VotingRound.objects.filter(process=world.process).count() == 0


def test_round_create_needs_two_themes_of_this_process_that_are_not_merged(world, lead_client):
    (theme,) = themes(world, 1)
    merged = ThemeFactory(process=world.process, status=ThemeStatus.MERGED)
    foreign = ThemeFactory(process=world.other_process)

    one = lead_client.post(url(world, "round.create"), round_data([theme]))
    with_merged = lead_client.post(url(world, "round.create"), round_data([theme, merged]))
    with_foreign = lead_client.post(url(world, "round.create"), round_data([theme, foreign]))

    assert [one.status_code, with_merged.status_code, with_foreign.status_code] == [400, 400, 400]
    assert "options" in one.context["form"].errors
    assert "options" in with_merged.context["form"].errors
    assert "options" in with_foreign.context["form"].errors
    assert VotingRound.objects.count() == 0


def test_round_create_empty_post_is_refused(world, lead_client):
    response = lead_client.post(url(world, "round.create"), {})

    assert response.status_code == 400
    assert set(response.context["form"].errors) >= {"title", "method", "options", "mode"}


def test_round_create_form_lists_only_open_themes_and_workshops_of_the_process(world, lead_client):
    ThemeFactory(process=world.process, title="Slået sammen", status=ThemeStatus.MERGED)
    WorkshopFactory(process=world.other_process, title="Fremmed workshop")

    response = lead_client.get(url(world, "round.create"))

    form = response.context["form"]
    assert response.status_code == 200
    assert list(form.fields["options"].queryset) == [world.theme]
    assert list(form.fields["workshop"].queryset) == [world.workshop]


def test_round_edit_of_a_draft_changes_rules_and_options(world, lead_client):
    options = themes(world, 3)
    voting_round = make_round(world, options[:2])

    response = lead_client.post(
        url(world, "round.edit", pk=voting_round.pk),
        round_data(options[1:], method="dots", dots_per_voter="3", title="Ny titel"),
    )

    voting_round.refresh_from_db()
    assert response.status_code == 302
    assert (voting_round.title, voting_round.method, voting_round.rules) == (
        "Ny titel",
        VotingMethod.DOTS,
        {"dots_per_voter": 3},
    )
    assert option_keys(voting_round) == [str(options[1].pk), str(options[2].pk)]


def test_round_edit_form_starts_from_the_round(world, lead_client):
    options = themes(world, 2)
    voting_round = make_round(
        world,
        options,
        method=VotingMethod.MATRIX,
        rules={
            "criteria": [
                {"key": "c1", "label": "Værdi", "weight": "1"},
                {"key": "c2", "label": "Gennemførlighed", "weight": "0.5"},
            ],
            "scale_max": 5,
            "allow_unknown": False,
        },
        eligible_groups=["leder"],
    )

    response = lead_client.get(url(world, "round.edit", pk=voting_round.pk))

    initial = response.context["form"].initial
    assert response.status_code == 200
    assert (
        initial["method"],
        initial["criterion_2_label"],
        str(initial["criterion_2_weight"]),
    ) == (
        "matrix",
        "Gennemførlighed",
        "0.5",
    )
    assert (initial["allow_unknown"], initial["eligible_groups"]) == (False, ["leder"])
    assert initial["options"] == [t.pk for t in options]


def test_rules_lock_when_the_round_opens(world, lead_client):
    options = themes(world, 2)
    voting_round = make_round(world, options)
    round_open(voting_round=voting_round)
    edit_url = url(world, "round.edit", pk=voting_round.pk)

    page = lead_client.get(edit_url)
    post = lead_client.post(edit_url, round_data(options, budget="10", title="Ændret"))

    voting_round.refresh_from_db()
    assert page.status_code == 200
    assert 'id="rules-locked"' in page.content.decode()
    assert "round-form" not in page.content.decode()
    assert post.status_code == 409
    assert (voting_round.title, voting_round.rules) == (
        "Runde",
        {"budget": 5, "budget_exact": True},
    )


def test_round_edit_is_forbidden_for_the_steering_group(world):
    voting_round = make_round(world, themes(world, 2))

    response = world.client_for("steering").post(
        url(world, "round.edit", pk=voting_round.pk), round_data(themes(world, 2))
    )

    assert response.status_code == 403
    assert VotingRound.objects.get(pk=voting_round.pk).title == "Runde"


# --- Detail, open, close -------------------------------------------------------------------------


def test_detail_shows_x_of_y_for_registered_mode_with_eligible_groups(world, lead_client):
    voting_round = make_round(world, themes(world, 2), eligible_groups=["leder", "dagpleje"])
    round_open(voting_round=voting_round)
    voters = [ParticipantFactory(process=world.process, group="leder") for _ in range(3)]
    ParticipantFactory(process=world.process, group="dagpleje")
    ParticipantFactory(process=world.process, group="leder", active=False)
    ParticipantFactory(process=world.process, group="medarbejder")  # not eligible
    ParticipantFactory(process=world.other_process, group="leder")
    ParticipantFactory(
        process=world.process, group="leder", joined_via_code=world.workshop
    )  # no personal link
    a, _b = option_keys(voting_round)
    for voter in voters[:2]:
        ballot_submit(voting_round=voting_round, participant=voter, raw={a: 5})

    response = lead_client.get(url(world, "round.detail", pk=voting_round.pk))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-voted="2" data-eligible="4"' in html
    assert 'data-source="phone">2<' in html
    assert f'action="{url(world, "round.close", pk=voting_round.pk)}"' in html
    assert "data-confirm=" in html
    assert url(world, "round.paper", pk=voting_round.pk) in html


def test_detail_of_an_open_mode_round_shows_only_the_count(world, lead_client):
    voting_round = make_round(world, themes(world, 2), mode="open")
    round_open(voting_round=voting_round)

    response = lead_client.get(url(world, "round.detail", pk=voting_round.pk))

    html = response.content.decode()
    assert 'data-voted="0"' in html
    assert "data-eligible" not in html


def test_detail_actions_depend_on_the_permission(world):
    voting_round = make_round(world, themes(world, 2))

    viewer = world.client_for("viewer").get(url(world, "round.detail", pk=voting_round.pk))
    lead = world.client_for("lead").get(url(world, "round.detail", pk=voting_round.pk))

    assert 'id="round-open"' not in viewer.content.decode()
    assert 'id="round-open"' in lead.content.decode()


def test_open_a_draft(world, lead_client):
    voting_round = make_round(world, themes(world, 2))

    response = lead_client.post(url(world, "round.open", pk=voting_round.pk))

    voting_round.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == url(world, "round.detail", pk=voting_round.pk)
    assert voting_round.status == RoundStatus.OPEN
    assert voting_round.opened_at is not None


def test_open_refuses_a_round_that_is_not_a_draft(world, lead_client):
    voting_round = make_round(world, themes(world, 2))
    round_open(voting_round=voting_round)

    response = lead_client.post(url(world, "round.open", pk=voting_round.pk))

    assert response.status_code == 409
    assert 'id="status-error"' in response.content.decode()


def test_open_refuses_broken_rules_with_the_message(world, lead_client):
    voting_round = VotingRoundFactory(
        process=world.process, status=RoundStatus.DRAFT, themes=[world.theme]
    )

    response = lead_client.post(url(world, "round.open", pk=voting_round.pk))

    voting_round.refresh_from_db()
    assert response.status_code == 400
    assert voting_round.status == RoundStatus.DRAFT
    assert response.context["status_error"] != ""


def test_close_freezes_the_result(world, lead_client):
    voting_round = make_round(world, themes(world, 2))
    round_open(voting_round=voting_round)
    a, b = option_keys(voting_round)
    ballot_submit(
        voting_round=voting_round, participant=ParticipantFactory(process=world.process), raw={a: 5}
    )

    response = lead_client.post(url(world, "round.close", pk=voting_round.pk))

    voting_round.refresh_from_db()
    assert response.status_code == 302
    assert voting_round.status == RoundStatus.CLOSED
    assert voting_round.frozen_result["ballot_count"] == 1
    assert [row["option"] for row in voting_round.frozen_result["options"]] == [a, b]


@pytest.mark.parametrize("status", [RoundStatus.DRAFT, RoundStatus.CLOSED])
def test_close_refuses_a_round_that_is_not_open_with_409(world, lead_client, status):
    voting_round = make_round(world, themes(world, 2))
    if status == RoundStatus.CLOSED:
        round_open(voting_round=voting_round)
        round_close(voting_round=voting_round)
    frozen_before = VotingRound.objects.get(pk=voting_round.pk).frozen_result

    response = lead_client.post(url(world, "round.close", pk=voting_round.pk))

    voting_round.refresh_from_db()
    assert response.status_code == 409
    assert voting_round.status == status
    assert voting_round.frozen_result == frozen_before


def test_open_and_close_need_post_and_edit(world):
    voting_round = make_round(world, themes(world, 2))

    get = world.client_for("lead").get(url(world, "round.open", pk=voting_round.pk))
    steering = world.client_for("steering").post(url(world, "round.open", pk=voting_round.pk))

    assert (get.status_code, steering.status_code) == (405, 403)
    assert VotingRound.objects.get(pk=voting_round.pk).status == RoundStatus.DRAFT


# --- Paper ballots -------------------------------------------------------------------------------


def test_paper_ballot_is_counted_as_paper_and_the_page_counts_them(world, lead_client):
    voting_round = make_round(world, themes(world, 2))
    round_open(voting_round=voting_round)
    a, b = option_keys(voting_round)
    paper_url = url(world, "round.paper", pk=voting_round.pk)

    first = lead_client.post(
        paper_url, {"group": "dagpleje", f"option-{a}": "3", f"option-{b}": "2"}
    )
    second = lead_client.post(
        paper_url, {"group": "leder", f"option-{a}": "0", f"option-{b}": "5"}, follow=True
    )

    assert first.status_code == 302
    assert first["Location"] == paper_url
    assert list(
        Ballot.objects.filter(round=voting_round)
        .order_by("id")
        .values_list("source", "group", "values", "participant", "entered_by")
    ) == [
        (BallotSource.PAPER, "dagpleje", {a: 3, b: 2}, None, world.users["lead"].pk),
        (BallotSource.PAPER, "leder", {b: 5}, None, world.users["lead"].pk),
    ]
    assert second.status_code == 200
    assert 'id="paper-count" data-count="2"' in second.content.decode()
    assert [str(m) for m in second.context["messages"]][-1].count("2") == 1


def test_paper_ballot_breaking_a_rule_is_refused_next_to_the_ballot(world, lead_client):
    voting_round = make_round(world, themes(world, 2))
    round_open(voting_round=voting_round)
    a, b = option_keys(voting_round)

    response = lead_client.post(
        url(world, "round.paper", pk=voting_round.pk),
        {"group": "leder", f"option-{a}": "3", f"option-{b}": "3"},
    )

    assert response.status_code == 400
    assert 'id="ballot-errors"' in response.content.decode()
    assert response.context["form"].errors
    assert Ballot.objects.filter(round=voting_round).count() == 0


def test_paper_ballot_of_a_group_that_may_not_vote_is_refused(world, lead_client):
    voting_round = make_round(world, themes(world, 2), eligible_groups=["leder"])
    round_open(voting_round=voting_round)
    a, _b = option_keys(voting_round)

    response = lead_client.post(
        url(world, "round.paper", pk=voting_round.pk),
        {"group": "medarbejder", f"option-{a}": "5"},
    )

    assert response.status_code == 400
    assert "group" in response.context["group_form"].errors
    assert [value for value, _label in response.context["group_form"].fields["group"].choices] == [
        "",
        "leder",
    ]
    assert Ballot.objects.count() == 0


def test_paper_ballot_without_a_group_or_with_an_unknown_option_is_refused(world, lead_client):
    voting_round = make_round(world, themes(world, 2))
    round_open(voting_round=voting_round)
    a, _b = option_keys(voting_round)

    no_group = lead_client.post(url(world, "round.paper", pk=voting_round.pk), {f"option-{a}": "5"})
    not_a_number = lead_client.post(
        url(world, "round.paper", pk=voting_round.pk), {"group": "leder", f"option-{a}": "fem"}
    )

    assert (no_group.status_code, not_a_number.status_code) == (400, 400)
    assert Ballot.objects.count() == 0


def test_paper_ballot_in_a_closed_round_is_refused_with_409(world, lead_client):
    voting_round = make_round(world, themes(world, 2))
    round_open(voting_round=voting_round)
    round_close(voting_round=voting_round)
    a, _b = option_keys(voting_round)

    response = lead_client.post(
        url(world, "round.paper", pk=voting_round.pk), {"group": "leder", f"option-{a}": "5"}
    )

    assert response.status_code == 409
    assert 'id="round-not-open"' in response.content.decode()
    assert Ballot.objects.count() == 0


def test_paper_ballot_in_a_secret_round_goes_to_the_secret_ballots(world, lead_client):
    voting_round = make_round(world, themes(world, 2), secret=True, method="approval", rules={})
    round_open(voting_round=voting_round)
    _a, b = option_keys(voting_round)

    response = lead_client.post(
        url(world, "round.paper", pk=voting_round.pk), {"group": "leder", f"option-{b}": "on"}
    )

    assert response.status_code == 302
    assert list(SecretBallot.objects.values_list("source", "group", "values")) == [
        (BallotSource.PAPER, "leder", {b: True})
    ]
    assert Ballot.objects.count() == Participation.objects.count() == 0


def test_paper_ballot_for_ranking_and_matrix(world, lead_client):
    ranking = make_round(world, themes(world, 3), method="ranking", rules={})
    matrix = make_round(
        world,
        [world.theme, ThemeFactory(process=world.process)],
        title="Matrix",
        method="matrix",
        rules={
            "criteria": [
                {"key": "c1", "label": "Værdi", "weight": "1"},
                {"key": "c2", "label": "Gennemførlighed", "weight": "1"},
            ],
            "scale_max": 5,
            "allow_unknown": True,
        },
    )
    for voting_round in (ranking, matrix):
        round_open(voting_round=voting_round)
    r1, r2, r3 = option_keys(ranking)
    m1, _m2 = option_keys(matrix)

    ranked = lead_client.post(
        url(world, "round.paper", pk=ranking.pk),
        {"group": "leder", f"option-{r1}": "2", f"option-{r3}": "1"},
    )
    scored = lead_client.post(
        url(world, "round.paper", pk=matrix.pk),
        {"group": "leder", f"option-{m1}-c1": "4", f"option-{m1}-c2": "unknown"},
    )
    duplicate_rank = lead_client.post(
        url(world, "round.paper", pk=ranking.pk),
        {"group": "leder", f"option-{r1}": "1", f"option-{r2}": "1"},
    )

    assert (ranked.status_code, scored.status_code, duplicate_rank.status_code) == (302, 302, 400)
    assert Ballot.objects.get(round=ranking).values == {r3: 1, r1: 2}
    assert Ballot.objects.get(round=matrix).values == {m1: {"c1": 4, "c2": None}}


def test_paper_page_of_a_draft_round_says_it_is_not_open(world, lead_client):
    voting_round = make_round(world, themes(world, 2))

    response = lead_client.get(url(world, "round.paper", pk=voting_round.pk))

    assert response.status_code == 200
    assert 'id="round-not-open"' in response.content.decode()
    assert 'id="paper-form"' not in response.content.decode()


# --- Projector -----------------------------------------------------------------------------------


def test_projector_of_an_open_mode_round_shows_the_join_qr_code_and_code(world, lead_client):
    workshop = WorkshopFactory(process=world.process, open_join=True, join_code="ABC234")
    voting_round = make_round(world, themes(world, 2), workshop=workshop, mode="open")
    round_open(voting_round=voting_round)

    response = lead_client.get(url(world, "round.projector", pk=voting_round.pk))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="join-code">ABC234<' in html
    assert "http://testserver/join/?code=ABC234" in html
    assert '<svg role="img"' in html
    assert 'hx-trigger="every 3s"' in html
    assert url(world, "round.projector_panel", pk=voting_round.pk) in html


def test_projector_of_a_registered_round_hints_at_the_personal_link(world, lead_client):
    workshop = WorkshopFactory(process=world.process, open_join=True)
    voting_round = make_round(world, themes(world, 2), workshop=workshop)
    round_open(voting_round=voting_round)
    ParticipantFactory(process=world.process)

    response = lead_client.get(url(world, "round.projector", pk=voting_round.pk))

    html = response.content.decode()
    assert 'id="join-hint"' in html
    assert "join-code" not in html
    assert 'data-voted="0" data-eligible="2"' in html  # world.participant and the new one


def test_projector_panel_shows_live_bars_only_when_results_are_live(world, lead_client):
    hidden = make_round(world, themes(world, 2))
    live = make_round(
        world,
        [world.theme, ThemeFactory(process=world.process)],
        title="Live",
        results_visibility=ResultsVisibility.LIVE,
    )
    for voting_round in (hidden, live):
        round_open(voting_round=voting_round)
        a, b = option_keys(voting_round)
        ballot_submit(
            voting_round=voting_round,
            participant=ParticipantFactory(process=world.process),
            raw={a: 4, b: 1},
        )

    hidden_panel = lead_client.get(
        url(world, "round.projector_panel", pk=hidden.pk), headers={"HX-Request": "true"}
    )
    live_panel = lead_client.get(
        url(world, "round.projector_panel", pk=live.pk), headers={"HX-Request": "true"}
    )

    hidden_html, live_html = hidden_panel.content.decode(), live_panel.content.decode()
    assert hidden_html.lstrip().startswith('<div class="rp-panel"')
    assert 'id="results-hidden"' in hidden_html
    assert "<svg" not in hidden_html
    assert 'class="score-bars"' in live_html
    a, b = option_keys(live)
    assert f'data-option="{a}" data-score="4"' in live_html
    assert 'hx-trigger="every 3s"' in live_html


def test_projector_panel_of_a_closed_round_shows_the_final_bars_and_stops_polling(
    world, lead_client
):
    voting_round = make_round(world, themes(world, 2))
    round_open(voting_round=voting_round)
    _a, b = option_keys(voting_round)
    ballot_submit(
        voting_round=voting_round, participant=ParticipantFactory(process=world.process), raw={b: 5}
    )
    round_close(voting_round=voting_round)

    response = lead_client.get(url(world, "round.projector_panel", pk=voting_round.pk))

    html = response.content.decode()
    assert 'id="round-closed"' in html
    assert f'data-option="{b}" data-score="5"' in html
    assert "hx-trigger" not in html


# --- Adoption ------------------------------------------------------------------------------------


def closed_round(world, n=4, **data):
    options = themes(world, n)
    voting_round = make_round(world, options, **data)
    round_open(voting_round=voting_round)
    keys = option_keys(voting_round)
    # Scores: third 8, first 5, second and fourth 1 each (a tie for rank 3).
    ballots = (
        [
            {keys[2]: 4, keys[0]: 1},
            {keys[2]: 4, keys[0]: 1},
            {keys[0]: 3, keys[1]: 1, keys[3]: 1},
        ]
        if n == 4
        else [{keys[0]: 5}]
    )
    for raw in ballots:
        ballot_submit(
            voting_round=voting_round,
            participant=ParticipantFactory(process=world.process),
            raw=raw,
        )
    return round_close(voting_round=voting_round), options


def test_adopt_form_shows_the_frozen_order_with_top_half_in_phase_1(world):
    voting_round, (t1, t2, t3, t4) = closed_round(world)

    response = world.client_for("steering").get(url(world, "round.adopt", pk=voting_round.pk))

    form = response.context["form"]
    assert response.status_code == 200
    assert [(row["theme_id"], row["rank"], row["tied"]) for row in form.rows] == [
        (t3.pk, 1, False),
        (t1.pk, 2, False),
        (t2.pk, 3, True),
        (t4.pk, 3, True),
    ]
    assert [form[f"phase_{t.pk}"].initial for t in (t3, t1, t2, t4)] == ["1", "1", "2", "2"]


def test_adopt_sets_ranks_phases_and_logs_a_decision_naming_the_round(world):
    voting_round, (t1, t2, t3, t4) = closed_round(world, title="Prioritering SG4")
    meeting = MeetingFactory(process=world.process, number=4)

    response = world.client_for("steering").post(
        url(world, "round.adopt", pk=voting_round.pk),
        {
            f"phase_{t3.pk}": "1",
            f"phase_{t1.pk}": "1",
            f"phase_{t2.pk}": "1",
            f"phase_{t4.pk}": "2",
            "meeting": str(meeting.pk),
            "date": "2026-04-14",
        },
    )

    voting_round.refresh_from_db()
    decision = voting_round.adopted_decision
    assert response.status_code == 302
    assert response["Location"] == url(world, "round.detail", pk=voting_round.pk)
    assert (decision.process, decision.meeting, decision.date) == (
        world.process,
        meeting,
        datetime.date(2026, 4, 14),
    )
    assert "Prioritering SG4" in decision.text
    assert decision.recorded_by == world.users["steering"]
    assert set(decision.themes.all()) == {t1, t2, t3, t4}
    for theme in (t1, t2, t3, t4):
        theme.refresh_from_db()
    assert [(t.priority_rank, t.phase, t.priority_decision) for t in (t3, t1, t2, t4)] == [
        (1, "1", decision),
        (2, "1", decision),
        (3, "1", decision),
        (3, "2", decision),
    ]
    detail = world.client_for("viewer").get(url(world, "round.detail", pk=voting_round.pk))
    assert 'id="adopted-by"' in detail.content.decode()
    assert f"#decision-{decision.pk}" in detail.content.decode()


def test_adopt_without_meeting_or_date_uses_today(world, lead_client):
    voting_round, options = closed_round(world, n=2)

    response = lead_client.post(
        url(world, "round.adopt", pk=voting_round.pk),
        {f"phase_{t.pk}": "2" for t in options},
    )

    voting_round.refresh_from_db()
    assert response.status_code == 302
    assert voting_round.adopted_decision.meeting is None
    assert voting_round.adopted_decision.date == datetime.date.today()


def test_adopt_refuses_an_open_round(world, lead_client):
    voting_round = make_round(world, themes(world, 2))
    round_open(voting_round=voting_round)
    a, b = option_keys(voting_round)

    page = lead_client.get(url(world, "round.adopt", pk=voting_round.pk))
    post = lead_client.post(
        url(world, "round.adopt", pk=voting_round.pk), {f"phase_{a}": "1", f"phase_{b}": "2"}
    )

    assert 'id="adopt-refused"' in page.content.decode()
    assert post.status_code == 400
    assert 'id="adopt-refused"' in post.content.decode()
    assert Decision.objects.filter(process=world.process).count() == 1  # the world's own


def test_adopt_refuses_a_second_adoption(world, lead_client):
    voting_round, options = closed_round(world, n=2)
    data = {f"phase_{t.pk}": "1" for t in options}
    lead_client.post(url(world, "round.adopt", pk=voting_round.pk), data)

    again = lead_client.post(url(world, "round.adopt", pk=voting_round.pk), data)

    assert again.status_code == 400
    assert 'id="adopt-refused"' in again.content.decode()
    assert VotingRound.objects.get(pk=voting_round.pk).adopted_decision.adopted_rounds.count() == 1
    assert Decision.objects.filter(process=world.process).count() == 2


def test_adopt_refuses_invalid_phases_and_foreign_meetings(world, lead_client):
    voting_round, (t1, t2) = closed_round(world, n=2)
    foreign_meeting = MeetingFactory(process=world.other_process)

    bad_phase = lead_client.post(
        url(world, "round.adopt", pk=voting_round.pk),
        {f"phase_{t1.pk}": "3", f"phase_{t2.pk}": "1"},
    )
    foreign = lead_client.post(
        url(world, "round.adopt", pk=voting_round.pk),
        {f"phase_{t1.pk}": "1", f"phase_{t2.pk}": "1", "meeting": str(foreign_meeting.pk)},
    )

    assert (bad_phase.status_code, foreign.status_code) == (400, 400)
    assert f"phase_{t1.pk}" in bad_phase.context["form"].errors
    assert "meeting" in foreign.context["form"].errors
    assert VotingRound.objects.get(pk=voting_round.pk).adopted_decision is None


def test_adopt_is_forbidden_for_contributors(world):
    voting_round, options = closed_round(world, n=2)

    response = world.client_for("contributor").post(
        url(world, "round.adopt", pk=voting_round.pk), {f"phase_{t.pk}": "1" for t in options}
    )

    assert response.status_code == 403
    assert VotingRound.objects.get(pk=voting_round.pk).adopted_decision is None


def test_round_options_keep_their_order(world):
    options = themes(world, 3)
    voting_round = make_round(world, list(reversed(options)))

    assert list(
        RoundOption.objects.filter(round=voting_round).values_list("theme_id", flat=True)
    ) == [t.pk for t in reversed(options)]


def test_detail_summarises_the_rules_of_each_method(world, lead_client):
    matrix = make_round(
        world,
        themes(world, 2),
        method=VotingMethod.MATRIX,
        rules={
            "criteria": [
                {"key": "c1", "label": "Faglig værdi", "weight": "2"},
                {"key": "c2", "label": "Gennemførlighed", "weight": "0.5"},
            ],
            "scale_max": 5,
            "allow_unknown": True,
        },
    )
    dots = VotingRoundFactory(
        process=world.process, method=VotingMethod.DOTS, rules={}, themes=themes(world, 2)
    )

    matrix_page = lead_client.get(url(world, "round.detail", pk=matrix.pk))
    dots_page = lead_client.get(url(world, "round.detail", pk=dots.pk))

    setup = re.search(
        r'<dl class="row" id="round-setup">.*?</dl>', matrix_page.content.decode(), re.S
    )
    assert "<li>Faglig værdi (" in setup.group(0)
    assert "0,50)</li>" in setup.group(0)
    assert dots_page.status_code == 200
    assert 'data-method="dots"' in dots_page.content.decode()


def test_round_pages_have_no_inline_script_or_style(world, lead_client):
    workshop = WorkshopFactory(process=world.process, open_join=True)
    live = make_round(
        world, themes(world, 2), workshop=workshop, mode="open", results_visibility="live"
    )
    round_open(voting_round=live)
    closed, _options = closed_round(world)
    pages = [url(world, "round.list"), url(world, "round.create")]
    for voting_round in (live, closed):
        pages += [
            url(world, name, pk=voting_round.pk)
            for name in ("round.detail", "round.results", "round.projector", "round.paper")
        ]
    pages.append(url(world, "round.adopt", pk=closed.pk))

    for page in pages:
        body = lead_client.get(page).content.decode()
        assert "<style" not in body, page
        assert " style=" not in body, page
        assert " on" + "click=" not in body, page
        assert [
            line for line in body.splitlines() if "<script" in line and "src=" not in line
        ] == []
