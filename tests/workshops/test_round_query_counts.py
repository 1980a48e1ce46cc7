"""The voting-round pages cost the same number of queries with 1× and 5× the data: more rounds,
options, participants and ballots. The projector's panel is polled every 3 s by every projector
and must stay small and constant."""

import pytest
from django.urls import reverse

from tests.factories import ParticipantFactory, ThemeFactory, WorkshopFactory
from workshops.enums import ResultsVisibility, StakeholderGroup, VotingMethod
from workshops.services.voting import (
    ballot_submit,
    paper_ballot_add,
    round_adopt,
    round_close,
    round_create,
    round_open,
)

GROUPS = [StakeholderGroup.LEDER, StakeholderGroup.MEDARBEJDER, StakeholderGroup.DAGPLEJE]


def make_round(world, factor: int, *, close: bool = False, **data):
    """An open (or closed) points round with 2 + factor options and 6 × factor ballots from
    three groups, including paper ballots."""
    options = [ThemeFactory(process=world.process) for _ in range(2 + factor)]
    values = {
        "title": "Prioritering",
        "method": VotingMethod.POINTS,
        "rules": {"budget": 5, "budget_exact": True},
        "workshop": world.workshop,
    }
    values.update(data)
    voting_round = round_create(process=world.process, data=values, themes=options)
    round_open(voting_round=voting_round)
    keys = [str(theme.pk) for theme in options]
    for n in range(6 * factor):
        raw = {keys[n % len(keys)]: 3, keys[(n + 1) % len(keys)]: 2}
        group = GROUPS[n % 3]
        if n % 4 == 3:
            paper_ballot_add(voting_round=voting_round, group=group, raw=raw, entered_by=None)
        else:
            participant = ParticipantFactory(process=world.process, group=group)
            ballot_submit(voting_round=voting_round, participant=participant, raw=raw)
    if close:
        voting_round = round_close(voting_round=voting_round)
    return voting_round


def grow(world, factor: int) -> None:
    """More rounds in the list (one adopted), more participants in the register."""
    for n in range(factor):
        WorkshopFactory(process=world.process)
        ParticipantFactory(process=world.process, group=GROUPS[n % 3])
        ParticipantFactory(process=world.process, active=False)
        closed = make_round(world, 1, close=True, title=f"Runde {n}")
        if n == 0:
            round_adopt(voting_round=closed, phases={}, user=None)
        make_round(world, 1, title=f"Åben {n}", secret=bool(n % 2))


def page(world, name: str, voting_round=None) -> str:
    kwargs = {"slug": world.process.slug}
    if voting_round is not None:
        kwargs["pk"] = voting_round.pk
    return reverse(f"workshops:{name}", kwargs=kwargs)


def measure(client, django_assert_num_queries, url: str, queries: int, **headers):
    client.get(url, headers=headers)  # warm the session
    with django_assert_num_queries(queries):
        response = client.get(url, headers=headers)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("factor", [1, 5])
def test_round_list(world, lead_client, django_assert_num_queries, factor):
    grow(world, factor)

    # the session, the user, the membership; the rounds with counts, workshop and decision
    response = measure(lead_client, django_assert_num_queries, page(world, "round.list"), 4)

    assert len(response.context["rounds"]) == 2 * factor


@pytest.mark.parametrize("factor", [1, 5])
def test_round_detail(world, lead_client, django_assert_num_queries, factor):
    grow(world, factor)
    voting_round = make_round(world, factor)

    # ... the round, its options, the ballots by source, the eligible participants
    measure(lead_client, django_assert_num_queries, page(world, "round.detail", voting_round), 7)


@pytest.mark.parametrize("factor", [1, 5])
def test_round_detail_of_an_adopted_round(world, lead_client, django_assert_num_queries, factor):
    grow(world, factor)
    voting_round = make_round(world, factor, close=True)
    round_adopt(voting_round=voting_round, phases={}, user=None)

    measure(lead_client, django_assert_num_queries, page(world, "round.detail", voting_round), 7)


@pytest.mark.parametrize("factor", [1, 5])
def test_round_results_closed(world, lead_client, django_assert_num_queries, factor):
    grow(world, factor)
    voting_round = make_round(world, factor, close=True)

    # ... the round with its frozen result: nothing is tallied again
    response = measure(
        lead_client, django_assert_num_queries, page(world, "round.results", voting_round), 4
    )

    assert response.context["result"].ballot_count == 6 * factor


@pytest.mark.parametrize("factor", [1, 5])
def test_round_results_live(world, lead_client, django_assert_num_queries, factor):
    grow(world, factor)
    voting_round = make_round(world, factor, results_visibility=ResultsVisibility.LIVE)

    # ... the round, its options with their titles, the ballots
    response = measure(
        lead_client, django_assert_num_queries, page(world, "round.results", voting_round), 6
    )

    assert response.context["result"].ballot_count == 6 * factor


@pytest.mark.parametrize("factor", [1, 5])
def test_round_results_json_closed(world, lead_client, django_assert_num_queries, factor):
    grow(world, factor)
    voting_round = make_round(world, factor, close=True)

    measure(
        lead_client, django_assert_num_queries, page(world, "round.results_json", voting_round), 4
    )


@pytest.mark.parametrize(
    ("data", "close", "queries"),
    [
        # the session, the user, the membership, the round, the ballots by source, the eligible
        ({}, False, 6),
        # ... and, for live results, the options and the ballots
        ({"results_visibility": ResultsVisibility.LIVE}, False, 8),
        # an open-mode round has no eligible count
        ({"mode": "open", "results_visibility": ResultsVisibility.LIVE}, False, 7),
        # a closed round draws its frozen result
        ({}, True, 6),
    ],
    ids=["hidden", "live", "open-mode-live", "closed"],
)
@pytest.mark.parametrize("factor", [1, 5])
def test_projector_panel_is_cheap(
    world, lead_client, django_assert_num_queries, factor, data, close, queries
):
    grow(world, factor)
    voting_round = make_round(world, factor, close=close, **data)

    measure(
        lead_client,
        django_assert_num_queries,
        page(world, "round.projector_panel", voting_round),
        queries,
        HX_Request="true",
    )


@pytest.mark.parametrize("factor", [1, 5])
def test_projector_page(world, lead_client, django_assert_num_queries, factor):
    grow(world, factor)
    voting_round = make_round(world, factor, mode="open")

    measure(lead_client, django_assert_num_queries, page(world, "round.projector", voting_round), 5)
