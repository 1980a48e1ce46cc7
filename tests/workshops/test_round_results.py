"""Results of a voting round on the page and in results.json: exact, hand-computed numbers from
the frozen result of a closed round (never tallied again), the live tally of an open round with
live results, and the rule that hidden results stay hidden until the close."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import ParticipantFactory, ThemeFactory, WorkshopFactory
from workshops.enums import BallotSource, ResultsVisibility, RoundStatus, VotingMethod
from workshops.models import Ballot
from workshops.services.voting import (
    ballot_submit,
    paper_ballot_add,
    round_close,
    round_create,
    round_open,
)


def url(world, name, **kwargs):
    return reverse(f"workshops:{name}", kwargs={"slug": world.process.slug, **kwargs})


def open_round(world, titles, **data):
    options = [ThemeFactory(process=world.process, title=title) for title in titles]
    values = {
        "title": "Prioritering",
        "method": VotingMethod.POINTS,
        "rules": {"budget": 5, "budget_exact": True},
    }
    values.update(data)
    voting_round = round_create(process=world.process, data=values, themes=options)
    round_open(voting_round=voting_round)
    return voting_round, [str(theme.pk) for theme in options], options


def vote(world, voting_round, raw, *, group="medarbejder", workshop=None):
    participant = ParticipantFactory(process=world.process, group=group, joined_via_code=workshop)
    ballot_submit(voting_round=voting_round, participant=participant, raw=raw)


def row_of(html: str, key: str, table_id: str = "scores") -> str:
    table = re.search(rf'<table[^>]*id="{table_id}".*?</table>', html, re.S).group(0)
    return re.search(rf'<tr data-option="{key}".*?</tr>', table, re.S).group(0)


# The points round worked out by hand (budget 5, exactly; 15 ballots, three themes):
#   leder (5, phone):          A5 · A4 B1 · A3 B2 · A3 C2 · B5       A 15, B 8, C 2
#   medarbejder (3 phone,      B5 · B4 C1 · A1 B4 | C5 · B3 C2       A 1, B 16, C 8
#     2 with the join code)
#   dagpleje (2, paper):       C5 · A2 C3                             A 2, C 8
#   digitalisering (3, phone): A5 · A5 · B5                           A 10, B 5
# Totals B 29, A 28, C 18 (= 75 = 15 × 5); shares 38.67 %, 37.33 %, 24 %; supporters A 8,
# B 8, C 6; medians (15 values each, zeros included) A 1, B 1, C 0.


@pytest.fixture
def points_round(world):
    workshop = WorkshopFactory(process=world.process, open_join=True)
    voting_round, (a, b, c), themes = open_round(
        world, ["Mere tid til børnene", "Pædagogisk dokumentation", "Stabil drift"], mode="open"
    )
    for raw in ({a: 5}, {a: 4, b: 1}, {a: 3, b: 2}, {a: 3, c: 2}, {b: 5}):
        vote(world, voting_round, raw, group="leder")
    for raw in ({b: 5}, {b: 4, c: 1}, {a: 1, b: 4}):
        vote(world, voting_round, raw, group="medarbejder")
    for raw in ({c: 5}, {b: 3, c: 2}):
        vote(world, voting_round, raw, group="medarbejder", workshop=workshop)
    for raw in ({c: 5}, {a: 2, c: 3}):
        paper_ballot_add(voting_round=voting_round, group="dagpleje", raw=raw, entered_by=None)
    for raw in ({a: 5}, {a: 5}, {b: 5}):
        vote(world, voting_round, raw, group="digitalisering")
    return voting_round, (a, b, c), themes


def test_closed_points_round_json_has_the_hand_computed_numbers(world, points_round):
    voting_round, (a, b, c), _themes = points_round
    round_close(voting_round=voting_round)

    response = world.client_for("viewer").get(url(world, "round.results_json", pk=voting_round.pk))

    body = response.json()
    result = body["result"]
    assert response.status_code == 200
    assert (body["live"], body["round"]["status"], body["round"]["id"]) == (
        False,
        "closed",
        voting_round.pk,
    )
    assert (result["method"], result["ballot_count"], result["total_score"]) == ("points", 15, 75)
    assert result["source_counts"] == {"phone": 11, "open": 2, "paper": 2}
    assert [
        (r["option"], r["rank"], r["tied"], r["score"], r["supporters"], r["share"], r["median"])
        for r in result["options"]
    ] == [
        (b, 1, False, 29, 8, "0.3867", "1.0000"),
        (a, 2, False, 28, 8, "0.3733", "1.0000"),
        (c, 3, False, 18, 6, "0.2400", "0.0000"),
    ]
    assert result["options"][1]["distribution"] == [[0, 7], [1, 1], [2, 1], [3, 2], [4, 1], [5, 3]]
    assert result["labels"] == {
        a: "Mere tid til børnene",
        b: "Pædagogisk dokumentation",
        c: "Stabil drift",
    }
    groups = {g["group"]: g for g in result["groups"]}
    assert {key: (g["ballot_count"], g["shown"]) for key, g in groups.items()} == {
        "dagpleje": (2, False),
        "digitalisering": (3, False),
        "leder": (5, True),
        "medarbejder": (5, True),
    }
    assert [(r["option"], r["score"]) for r in groups["leder"]["options"]] == [
        (a, 15),
        (b, 8),
        (c, 2),
    ]
    assert [(r["option"], r["score"]) for r in groups["medarbejder"]["options"]] == [
        (b, 16),
        (c, 8),
        (a, 1),
    ]
    assert groups["dagpleje"]["options"] == []
    assert result["agreement"] == [
        {"groups": ["leder", "medarbejder"], "rho": "-0.5000", "level": "disagreement"}
    ]
    assert result["sensitivity"]["by_score"] == [[b, 1], [a, 2], [c, 3]]
    assert result["sensitivity"]["by_support"] == [[a, 1], [b, 1], [c, 3]]
    assert (
        result["sensitivity"]["differs_as_set"],
        result["sensitivity"]["differs_in_order"],
    ) == (False, True)
    assert result == voting_round.__class__.objects.get(pk=voting_round.pk).frozen_result


def test_closed_points_round_page_shows_the_same_numbers(world, points_round):
    voting_round, (a, b, c), _themes = points_round
    round_close(voting_round=voting_round)

    response = world.client_for("steering").get(url(world, "round.results", pk=voting_round.pk))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="results-frozen"' in html
    assert 'id="ballot-count" data-count="15"' in html
    assert 'id="total-score" data-total="75"' in html
    assert [re.search(r'data-rank="(\d+)"', row_of(html, k)).group(1) for k in (b, a, c)] == [
        "1",
        "2",
        "3",
    ]
    row_b = row_of(html, b)
    assert 'data-score="29"' in row_b
    assert 'data-supporters="8"' in row_b
    assert 'data-share="38.7"' in row_b
    assert "38,7 %" in row_b
    assert 'data-median="1"' in row_b
    assert "Pædagogisk dokumentation" in row_b
    assert 'data-share="24.0"' in row_of(html, c)
    assert 'data-source="phone">11<' in html
    assert 'data-source="open">2<' in html
    assert 'data-source="paper">2<' in html
    distribution = row_of(html, a, "distribution")
    assert re.findall(r'data-value="(\d+)" data-count="(\d+)"', distribution) == [
        ("0", "7"),
        ("1", "1"),
        ("2", "1"),
        ("3", "2"),
        ("4", "1"),
        ("5", "3"),
    ]
    assert 'data-group="leder" data-shown="true"' in html
    assert 'data-group="dagpleje" data-shown="false"' in html
    dagpleje = re.search(r'id="group-dagpleje".*?</div>', html, re.S).group(0)
    assert 'data-reason="small"' in dagpleje
    assert "data-option" not in dagpleje
    assert 'data-level="disagreement" data-rho="-0.5000"' in html
    assert 'id="sensitivity" data-applicable="true" data-changes="true"' in html
    # The chart: one bar per option in rank order, with its score; a data table beside it.
    svg = re.search(r"<svg class=\"score-bars\".*?</svg>", html, re.S).group(0)
    assert re.findall(r'data-option="(\d+)" data-score="(\d+)"', svg) == [
        (b, "29"),
        (a, "28"),
        (c, "18"),
    ]
    assert '<title id="results-chart-title">' in svg
    assert '<desc id="results-chart-desc">' in svg


def test_a_closed_round_is_never_tallied_again(world, points_round):
    voting_round, (_a, b, c), themes = points_round
    round_close(voting_round=voting_round)
    # Later edits: a theme is renamed, and a ballot row appears behind the services' back.
    themes[1].title = "Nyt navn"
    themes[1].save()
    Ballot.objects.create(round=voting_round, source=BallotSource.PAPER, values={c: 5})

    page = world.client_for("viewer").get(url(world, "round.results", pk=voting_round.pk))
    data = world.client_for("viewer").get(url(world, "round.results_json", pk=voting_round.pk))

    html = page.content.decode()
    assert "Pædagogisk dokumentation" in row_of(html, b)
    assert "Nyt navn" not in html
    assert 'id="ballot-count" data-count="15"' in html
    assert data.json()["result"]["ballot_count"] == 15
    assert data.json()["result"]["labels"][b] == "Pædagogisk dokumentation"


def test_live_results_follow_the_ballots_while_the_round_is_open(world):
    voting_round, (a, b), _themes = open_round(
        world, ["Tema A", "Tema B"], results_visibility=ResultsVisibility.LIVE
    )
    vote(world, voting_round, {a: 4, b: 1})
    first = world.client_for("viewer").get(url(world, "round.results_json", pk=voting_round.pk))
    vote(world, voting_round, {b: 5})

    page = world.client_for("viewer").get(url(world, "round.results", pk=voting_round.pk))
    second = world.client_for("viewer").get(url(world, "round.results_json", pk=voting_round.pk))

    assert first.json()["live"] is True
    assert [(r["option"], r["score"]) for r in first.json()["result"]["options"]] == [
        (a, 4),
        (b, 1),
    ]
    assert [(r["option"], r["score"]) for r in second.json()["result"]["options"]] == [
        (b, 6),
        (a, 4),
    ]
    html = page.content.decode()
    assert 'id="results-live"' in html
    assert 'data-score="6"' in row_of(html, b)


@pytest.mark.parametrize("persona", ["viewer", "contributor", "steering", "lead"])
def test_hidden_results_stay_hidden_until_the_close(world, persona):
    voting_round, (a, b), _themes = open_round(world, ["Tema A", "Tema B"])
    vote(world, voting_round, {a: 5})
    client = world.client_for(persona)

    page = client.get(url(world, "round.results", pk=voting_round.pk))
    data = client.get(url(world, "round.results_json", pk=voting_round.pk))
    panel = client.get(url(world, "round.projector_panel", pk=voting_round.pk))

    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="results-hidden"' in html
    assert 'id="scores"' not in html
    assert f'data-option="{a}"' not in html
    assert data.status_code == 403
    assert set(data.json()) == {"round", "error"}
    assert data.json()["round"]["status"] == "open"
    assert "<svg" not in panel.content.decode()

    round_close(voting_round=voting_round)
    after = client.get(url(world, "round.results_json", pk=voting_round.pk))
    assert after.status_code == 200
    assert [(r["option"], r["score"]) for r in after.json()["result"]["options"]] == [
        (a, 5),
        (b, 0),
    ]


def test_a_draft_round_has_no_results(world, lead_client):
    theme = ThemeFactory(process=world.process)
    voting_round = round_create(
        process=world.process,
        data={"title": "Kladde", "method": "approval", "rules": {}},
        themes=[world.theme, theme],
    )

    page = lead_client.get(url(world, "round.results", pk=voting_round.pk))
    data = lead_client.get(url(world, "round.results_json", pk=voting_round.pk))

    assert 'id="results-hidden"' in page.content.decode()
    assert data.status_code == 403
    assert data.json()["round"]["status"] == RoundStatus.DRAFT


def test_ranking_ties_are_marked_on_the_page_and_in_the_json(world):
    voting_round, (a, b, c), _themes = open_round(
        world, ["Tema A", "Tema B", "Tema C"], method=VotingMethod.RANKING, rules={}
    )
    vote(world, voting_round, {a: 1, b: 2})
    vote(world, voting_round, {b: 1, a: 2})
    round_close(voting_round=voting_round)

    page = world.client_for("viewer").get(url(world, "round.results", pk=voting_round.pk))
    data = world.client_for("viewer").get(url(world, "round.results_json", pk=voting_round.pk))

    assert [
        (r["option"], r["rank"], r["tied"], r["score"], r["first_places"])
        for r in data.json()["result"]["options"]
    ] == [(a, 1, True, 3, 1), (b, 1, True, 3, 1), (c, 3, False, 0, 0)]
    assert data.json()["result"]["order"] == [[a, b], [c]]
    html = page.content.decode()
    assert 'data-rank="1" data-tied="true"' in row_of(html, a)
    assert 'data-rank="1" data-tied="true"' in row_of(html, b)
    assert 'data-rank="3" data-tied="false"' in row_of(html, c)


def test_matrix_results_with_weights_and_dont_know(world):
    rules = {
        "criteria": [
            {"key": "c1", "label": "Faglig værdi", "weight": "2"},
            {"key": "c2", "label": "Gennemførlighed", "weight": "1"},
        ],
        "scale_max": 5,
        "allow_unknown": True,
    }
    voting_round, (x, y), _themes = open_round(
        world, ["Tema X", "Tema Y"], method=VotingMethod.MATRIX, rules=rules
    )
    vote(world, voting_round, {x: {"c1": 4, "c2": 2}, y: {"c1": 2, "c2": "unknown"}})
    vote(world, voting_round, {x: {"c1": 5, "c2": "unknown"}, y: {"c1": 3, "c2": 5}})
    round_close(voting_round=voting_round)

    page = world.client_for("viewer").get(url(world, "round.results", pk=voting_round.pk))
    data = world.client_for("viewer").get(url(world, "round.results_json", pk=voting_round.pk))

    # X: means 4.5 and 2 → (2 × 4.5 + 1 × 2) ÷ 3 = 3.6667; Y: 2.5 and 5 → 10 ÷ 3 = 3.3333.
    result = data.json()["result"]
    assert [
        (r["option"], r["rank"], r["score"], r["quadrant"], r["share"]) for r in result["options"]
    ] == [(x, 1, "3.6667", "high-low", None), (y, 2, "3.3333", "low-high", None)]
    assert [
        (c["key"], c["mean"], c["known"], c["unknown"]) for c in result["options"][0]["criteria"]
    ] == [
        ("c1", "4.5000", 2, 0),
        ("c2", "2.0000", 1, 1),
    ]
    assert result["total_score"] is None
    html = page.content.decode()
    row = row_of(html, x)
    assert 'data-score="3.6667"' in row
    assert "3,67" in row
    assert 'data-criterion="c1">4,50<' in row
    svg = re.search(r"<svg class=\"score-bars\".*?</svg>", html, re.S).group(0)
    assert 'data-score="3.6667"' in svg
    assert 'id="sensitivity" data-applicable="false"' in html


def test_results_of_another_process_round_answer_404(world, lead_client):
    theme_a = ThemeFactory(process=world.other_process)
    theme_b = ThemeFactory(process=world.other_process)
    foreign = round_create(
        process=world.other_process,
        data={"title": "Fremmed", "method": "approval", "rules": {}},
        themes=[theme_a, theme_b],
    )

    response = lead_client.get(url(world, "round.results_json", pk=foreign.pk))

    assert response.status_code == 404


def test_shares_on_the_page_are_percentages_of_the_frozen_share():
    from workshops.selectors.voting import result_view

    view = result_view(
        {
            "method": "points",
            "labels": {"1": "A", "2": "B"},
            "options": [
                {"option": "1", "rank": 1, "tied": False, "score": 2, "share": "0.6667"},
                {"option": "2", "rank": 2, "tied": False, "score": 1, "share": "0.3333"},
            ],
        }
    )

    assert [(row.title, row.share_percent) for row in view.options] == [
        ("A", Decimal("66.6700")),
        ("B", Decimal("33.3300")),
    ]
