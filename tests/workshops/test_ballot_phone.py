"""The participant's ballot on the phone (workshops:phone.round) and the open votes on the home
page: who sees which round, the inputs per method, counted/changed/refused ballots, status
codes, secret ballots, and the query count."""

import re

import pytest
from django.contrib.messages import constants, get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext

from tests.factories import (
    ParticipantFactory,
    ThemeFactory,
    VotingRoundFactory,
    WorkshopFactory,
)
from workshops.enums import (
    BallotSource,
    ResultsVisibility,
    RoundStatus,
    StakeholderGroup,
    VotingMode,
)
from workshops.models import Ballot, Participation, SecretBallot
from workshops.permissions import SESSION_KEY
from workshops.services.voting import ballot_submit, round_close

HOME = reverse("workshops:phone.home")

MATRIX_RULES = {
    "criteria": [
        {"key": "value", "label": "Faglig værdi", "weight": "1"},
        {"key": "feasible", "label": "Gennemførlighed", "weight": "1"},
    ],
    "scale_max": 5,
    "allow_unknown": True,
}


def phone_for(participant) -> Client:
    """A phone with the participant's session (as after redeeming a link or joining)."""
    client = Client()
    session = client.session
    session[SESSION_KEY] = participant.pk
    session.save()
    return client


def url(voting_round) -> str:
    return reverse("workshops:phone.round", kwargs={"pk": voting_round.pk})


def make_round(world, n=2, **kwargs):
    themes = [ThemeFactory(process=world.process) for _ in range(n)]
    kwargs.setdefault("workshop", world.workshop)
    kwargs.setdefault("randomise_order", False)
    voting_round = VotingRoundFactory(process=world.process, themes=themes, **kwargs)
    return voting_round, [str(t.pk) for t in themes]


def messages_of(response) -> list:
    return list(get_messages(response.wsgi_request))


# --- Who reaches which round ---------------------------------------------------------------------


def test_without_a_participant_session_the_phone_goes_to_join(world):
    voting_round, _keys = make_round(world)

    response = Client().get(url(voting_round))

    assert response.status_code == 302
    assert response["Location"] == reverse("workshops:join")


def test_a_round_of_another_process_is_404(world):
    other_theme = ThemeFactory(process=world.other_process)
    foreign = VotingRoundFactory(
        process=world.other_process, themes=[other_theme, ThemeFactory(process=world.other_process)]
    )
    phone = phone_for(world.participant)

    assert phone.get(url(foreign)).status_code == 404
    assert phone.post(url(foreign), {f"option-{other_theme.pk}": "5"}).status_code == 404
    assert Ballot.objects.count() == 0


def test_a_draft_round_is_404(world):
    voting_round, (a, _b) = make_round(world, status=RoundStatus.DRAFT)
    phone = phone_for(world.participant)

    assert phone.get(url(voting_round)).status_code == 404
    assert phone.post(url(voting_round), {f"option-{a}": "5"}).status_code == 404


def test_a_join_code_participant_reaches_only_rounds_of_their_workshop(world):
    other_workshop = WorkshopFactory(process=world.process)
    elsewhere, _keys = make_round(world, workshop=other_workshop, mode=VotingMode.OPEN)
    no_workshop, _keys = make_round(world, workshop=None, mode=VotingMode.OPEN)
    here, _keys = make_round(world, mode=VotingMode.OPEN)
    phone = phone_for(ParticipantFactory(process=world.process, joined_via_code=world.workshop))

    assert phone.get(url(elsewhere)).status_code == 404
    assert phone.get(url(no_workshop)).status_code == 404
    assert phone.get(url(here)).status_code == 200


def test_a_personal_link_participant_reaches_every_round_of_the_process(world):
    other_workshop = WorkshopFactory(process=world.process)
    elsewhere, _keys = make_round(world, workshop=other_workshop)
    no_workshop, _keys = make_round(world, workshop=None)
    phone = phone_for(world.participant)

    assert phone.get(url(elsewhere)).status_code == 200
    assert phone.get(url(no_workshop)).status_code == 200


def test_other_methods_than_get_and_post_are_refused(world):
    voting_round, _keys = make_round(world)

    assert phone_for(world.participant).put(url(voting_round)).status_code == 405


# --- The ballot per method -----------------------------------------------------------------------


def test_points_ballot_shows_the_question_and_a_number_input_per_option(world):
    voting_round, (a, b) = make_round(
        world, question="Hvad er vigtigst?", rules={"budget": 5, "budget_exact": True}
    )

    response = phone_for(world.participant).get(url(voting_round))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="round-question"' in html
    assert "Hvad er vigtigst?" in html
    for key in (a, b):
        assert re.search(rf'<input type="number" name="option-{key}"[^>]* min="0"', html)
        assert f'<fieldset class="ballot-option" id="ballot-option-{key}"' in html
        assert f'<label class="form-label" for="id_option-{key}">' in html
    assert re.search(r'id="ballot-counter" data-total="5" data-exact="true"', html)
    assert 'id="ballot-hint"' in html
    assert "js/ballot.js" in html
    assert "css/phone.css" in html
    assert 'id="ballot-submit"' in html
    assert 'style="' not in html
    assert "<script>" not in html


def test_dots_ballot_shows_the_number_of_dots_and_the_cap(world):
    voting_round, (a, _b) = make_round(
        world, method="dots", rules={"dots_per_voter": 3, "cap_per_option": 2}
    )

    response = phone_for(world.participant).get(url(voting_round))

    html = response.content.decode()
    assert re.search(rf'name="option-{a}"[^>]* min="0" max="2"', html)
    assert 'data-total="3" data-exact="false"' in html
    assert response.context["form"].hint.count("3") == 1


def test_ranking_ballot_has_a_select_per_option(world):
    voting_round, (a, b, c) = make_round(world, n=3, method="ranking", rules={})

    html = phone_for(world.participant).get(url(voting_round)).content.decode()

    for key in (a, b, c):
        assert f'<select name="option-{key}"' in html
    assert html.count('<option value="3">3</option>') == 3
    assert "ballot-counter" not in html


def test_approval_ballot_has_a_checkbox_per_option(world):
    voting_round, (a, b) = make_round(world, method="approval", rules={})

    html = phone_for(world.participant).get(url(voting_round)).content.decode()

    for key in (a, b):
        assert re.search(rf'<input type="checkbox" name="option-{key}"', html)
        assert f'<label class="form-check-label" for="id_option-{key}">' in html


def test_matrix_ballot_has_radios_per_criterion_in_a_fieldset(world):
    voting_round, (a, b) = make_round(world, method="matrix", rules=MATRIX_RULES)

    html = phone_for(world.participant).get(url(voting_round)).content.decode()

    for key in (a, b):
        for criterion in ("value", "feasible"):
            assert html.count(f'name="option-{key}-{criterion}"') == 6
            assert (
                f'value="unknown" class="form-check-input" id="id_option-{key}-{criterion}_5"'
                in html
            )
    assert html.count('<fieldset class="ballot-criterion">') == 4
    assert '<legend class="ballot-criterion-label">Faglig værdi</legend>' in html


# --- Option order --------------------------------------------------------------------------------


def _order(response) -> list[str]:
    return [row.key for row in response.context["form"].rows]


def test_random_order_is_stable_for_a_voter_and_differs_between_voters(world):
    voting_round, keys = make_round(world, n=6, randomise_order=True)
    phone = phone_for(world.participant)

    first = _order(phone.get(url(voting_round)))
    again = _order(phone.get(url(voting_round)))
    others = {
        tuple(_order(phone_for(ParticipantFactory(process=world.process)).get(url(voting_round))))
        for _ in range(6)
    }

    assert first == again
    assert sorted(first) == sorted(keys)
    assert len(others | {tuple(first)}) > 1


def test_without_random_order_the_round_order_is_kept(world):
    voting_round, keys = make_round(world, n=6, randomise_order=False)

    response = phone_for(world.participant).get(url(voting_round))

    assert _order(response) == keys


def test_a_refused_ballot_keeps_the_voters_order(world):
    voting_round, keys = make_round(world, n=6, randomise_order=True)
    phone = phone_for(world.participant)
    shown = _order(phone.get(url(voting_round)))

    response = phone.post(url(voting_round), {f"option-{keys[0]}": "1"})

    assert response.status_code == 400
    assert _order(response) == shown


# --- Voting --------------------------------------------------------------------------------------


def test_a_ballot_is_counted_and_the_phone_is_redirected_back(world):
    voting_round, (a, b) = make_round(world)
    phone = phone_for(world.participant)

    response = phone.post(url(voting_round), {f"option-{a}": "3", f"option-{b}": "2"})

    assert response.status_code == 302
    assert response["Location"] == url(voting_round)
    ballot = Ballot.objects.get()
    assert (ballot.round, ballot.participant, ballot.source) == (
        voting_round,
        world.participant,
        BallotSource.PHONE,
    )
    assert ballot.group == world.participant.group
    assert ballot.values == {a: 3, b: 2}
    shown = messages_of(phone.get(url(voting_round)))
    assert [(m.level, m.message) for m in shown] == [
        (constants.SUCCESS, gettext("Thank you: your vote is counted."))
    ]


def test_after_voting_the_page_shows_the_ballot_to_change(world):
    voting_round, (a, b) = make_round(world)
    ballot_submit(voting_round=voting_round, participant=world.participant, raw={a: 4, b: 1})

    response = phone_for(world.participant).get(url(voting_round))

    html = response.content.decode()
    assert response.context["voted"] is True
    assert response.context["form"].initial == {f"option-{a}": 4, f"option-{b}": 1}
    assert re.search(rf'name="option-{a}" value="4"', html)
    assert 'id="vote-current"' in html


def test_a_changed_ballot_replaces_the_old_one(world):
    voting_round, (a, b) = make_round(world)
    phone = phone_for(world.participant)
    phone.post(url(voting_round), {f"option-{a}": "3", f"option-{b}": "2"})
    phone.get(url(voting_round))  # read the first confirmation

    response = phone.post(url(voting_round), {f"option-{a}": "0", f"option-{b}": "5"})

    assert response.status_code == 302
    assert list(Ballot.objects.values_list("values", flat=True)) == [{b: 5}]
    shown = messages_of(phone.get(url(voting_round)))
    assert [m.message for m in shown] == [gettext("Your vote is changed.")]


def test_a_join_code_participant_votes_in_an_open_round_as_lower_assurance(world):
    voting_round, (a, _b) = make_round(world, mode=VotingMode.OPEN)
    participant = ParticipantFactory(
        process=world.process, joined_via_code=world.workshop, group=StakeholderGroup.LEDER
    )

    response = phone_for(participant).post(url(voting_round), {f"option-{a}": "5"})

    assert response.status_code == 302
    ballot = Ballot.objects.get()
    assert (ballot.source, ballot.group, ballot.values) == (BallotSource.OPEN, "leder", {a: 5})


@pytest.mark.parametrize(
    "data",
    [
        {"A": "3", "B": "1"},  # 4 ≠ 5
        {"A": "3", "B": "3"},  # 6 ≠ 5
        {"A": "-1", "B": "6"},
        {"A": "tre", "B": "2"},
        {},
    ],
    ids=["under", "over", "negative", "not-a-number", "empty"],
)
def test_an_invalid_ballot_is_400_with_the_errors_and_the_input_kept(world, data):
    voting_round, (a, b) = make_round(world)
    name = {"A": a, "B": b}
    post = {f"option-{name[k]}": v for k, v in data.items()}

    response = phone_for(world.participant).post(url(voting_round), post)

    html = response.content.decode()
    assert response.status_code == 400
    assert Ballot.objects.count() == 0
    assert 'id="ballot-errors"' in html
    assert 'role="alert"' in html
    assert response.context["form"].errors
    for field, value in post.items():
        assert f'name="{field}" value="{value}"' in html


def test_an_option_not_in_the_round_is_refused_with_nothing_stored(world):
    voting_round, (a, _b) = make_round(world)
    stranger = ThemeFactory(process=world.process)

    response = phone_for(world.participant).post(
        url(voting_round), {f"option-{a}": "5", f"option-{stranger.pk}": "5"}
    )

    # Fields that are not on the ballot are ignored: the ballot counts what it shows.
    assert response.status_code == 302
    assert list(Ballot.objects.values_list("values", flat=True)) == [{a: 5}]


def test_an_error_about_one_option_stands_next_to_it(world):
    voting_round, (a, b) = make_round(
        world, method="dots", rules={"dots_per_voter": 5, "cap_per_option": 2}
    )

    response = phone_for(world.participant).post(url(voting_round), {f"option-{a}": "3"})

    html = response.content.decode()
    assert response.status_code == 400
    assert f'id="ballot-option-{a}-errors"' in html
    assert f'id="ballot-option-{b}-errors"' not in html
    assert f'href="#id_option-{a}"' in html
    assert re.search(rf'name="option-{a}" value="3"[^>]*aria-invalid="true"', html)


def test_a_vote_on_a_closed_round_is_409_and_not_counted(world):
    voting_round, (a, b) = make_round(world)
    phone = phone_for(world.participant)
    phone.get(url(voting_round))
    round_close(voting_round=voting_round)

    response = phone.post(url(voting_round), {f"option-{a}": "3", f"option-{b}": "2"})

    assert response.status_code == 409
    assert 'id="round-closed"' in response.content.decode()
    assert response.context["form"] is None
    assert Ballot.objects.count() == 0


def test_a_closed_round_shows_no_ballot(world):
    voting_round, _keys = make_round(world)
    round_close(voting_round=voting_round)

    response = phone_for(world.participant).get(url(voting_round))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="round-closed"' in html
    assert 'id="ballot-form"' not in html


def test_results_are_not_shown_to_participants(world):
    voting_round, (a, _b) = make_round(world, results_visibility=ResultsVisibility.LIVE)
    ballot_submit(
        voting_round=voting_round,
        participant=ParticipantFactory(process=world.process),
        raw={a: 5},
    )

    response = phone_for(world.participant).get(url(voting_round))

    assert response.status_code == 200
    assert "frozen_result" not in response.context
    assert "result" not in response.context


# --- Who may vote --------------------------------------------------------------------------------


def test_a_group_that_is_not_eligible_sees_no_ballot_and_a_post_is_403(world):
    voting_round, (a, b) = make_round(world, eligible_groups=[StakeholderGroup.LEDER])
    phone = phone_for(world.participant)  # medarbejder

    page = phone.get(url(voting_round))
    response = phone.post(url(voting_round), {f"option-{a}": "3", f"option-{b}": "2"})

    assert page.status_code == 200
    assert 'id="not-eligible"' in page.content.decode()
    assert 'id="ballot-form"' not in page.content.decode()
    assert response.status_code == 403
    assert Ballot.objects.count() == 0


def test_a_join_code_participant_cannot_vote_in_a_registered_round(world):
    voting_round, (a, b) = make_round(world, mode=VotingMode.REGISTERED)
    phone = phone_for(ParticipantFactory(process=world.process, joined_via_code=world.workshop))

    page = phone.get(url(voting_round))
    response = phone.post(url(voting_round), {f"option-{a}": "3", f"option-{b}": "2"})

    assert 'id="not-eligible"' in page.content.decode()
    assert page.context["form"] is None
    assert response.status_code == 403
    assert Ballot.objects.count() == 0


# --- Secret ballots ------------------------------------------------------------------------------


def test_a_secret_ballot_is_counted_once_and_then_final(world):
    voting_round, (a, b) = make_round(world, secret=True)
    phone = phone_for(world.participant)

    first = phone.post(url(voting_round), {f"option-{a}": "3", f"option-{b}": "2"})
    page = phone.get(url(voting_round))
    second = phone.post(url(voting_round), {f"option-{a}": "5"})

    assert first.status_code == 302
    assert page.status_code == 200
    assert 'id="voted-final"' in page.content.decode()
    assert 'id="ballot-form"' not in page.content.decode()
    assert second.status_code == 400
    assert 'id="voted-final"' in second.content.decode()
    assert second.context["form"] is None
    assert Participation.objects.filter(round=voting_round).count() == 1
    assert list(SecretBallot.objects.values_list("values", flat=True)) == [{a: 3, b: 2}]
    assert Ballot.objects.count() == 0


def test_a_secret_ballot_page_says_so_before_voting(world):
    voting_round, _keys = make_round(world, secret=True)

    html = phone_for(world.participant).get(url(voting_round)).content.decode()

    assert 'id="ballot-secret"' in html
    assert 'id="ballot-form"' in html


# --- Scripted clients ----------------------------------------------------------------------------


def test_scripted_clients_get_json_with_the_same_status_codes(world):
    voting_round, (a, b) = make_round(world)
    phone = phone_for(world.participant)
    headers = {"Accept": "application/json"}

    counted = phone.post(url(voting_round), {f"option-{a}": "5"}, headers=headers)
    changed = phone.post(url(voting_round), {f"option-{b}": "5"}, headers=headers)
    refused = phone.post(url(voting_round), {f"option-{b}": "4"}, headers=headers)
    round_close(voting_round=voting_round)
    closed = phone.post(
        url(voting_round), {f"option-{a}": "5"}, headers={"X-Requested-With": "XMLHttpRequest"}
    )

    assert (counted.status_code, counted.json()) == (200, {"status": "counted"})
    assert (changed.status_code, changed.json()) == (200, {"status": "changed"})
    assert refused.status_code == 400
    assert refused.json()["status"] == "rejected"
    assert len(refused.json()["errors"]) == 1
    assert closed.status_code == 409
    assert closed.json()["status"] == "closed"
    assert list(Ballot.objects.values_list("values", flat=True)) == [{b: 5}]


def test_scripted_clients_get_json_for_ineligible_and_final(world):
    ineligible, (a, _b) = make_round(world, eligible_groups=[StakeholderGroup.LEDER])
    secret, (c, _d) = make_round(world, secret=True)
    phone = phone_for(world.participant)
    headers = {"Accept": "application/json"}
    phone.post(url(secret), {f"option-{c}": "5"}, headers=headers)

    refused = phone.post(url(ineligible), {f"option-{a}": "5"}, headers=headers)
    again = phone.post(url(secret), {f"option-{c}": "5"}, headers=headers)

    assert (refused.status_code, refused.json()["status"]) == (403, "not_eligible")
    assert (again.status_code, again.json()["status"]) == (400, "rejected")
    assert SecretBallot.objects.count() == 1


# --- Home page -----------------------------------------------------------------------------------


def _states(response) -> dict[int, str]:
    html = response.content.decode()
    found = re.findall(
        r'<li id="round-(\d+)">\s*<a class="phone-workshop-link" href="[^"]+" data-state="(\w+)"',
        html,
    )
    return {int(pk): state for pk, state in found}


def test_home_lists_the_open_rounds_with_the_voters_state(world):
    to_vote, _keys = make_round(world)
    voted, (a, _b) = make_round(world)
    secret, (c, _d) = make_round(world, secret=True)
    make_round(world, status=RoundStatus.DRAFT)
    closed, _keys = make_round(world)
    round_close(voting_round=closed)
    make_round(world, eligible_groups=[StakeholderGroup.LEDER])
    ballot_submit(voting_round=voted, participant=world.participant, raw={a: 5})
    ballot_submit(voting_round=secret, participant=world.participant, raw={c: 5})

    response = phone_for(world.participant).get(HOME)

    assert response.status_code == 200
    assert _states(response) == {to_vote.pk: "vote", voted.pk: "change", secret.pk: "voted"}
    assert f'href="{url(to_vote)}"' in response.content.decode()


def test_home_of_a_join_code_participant_lists_only_their_workshops_open_rounds(world):
    here, _keys = make_round(world, mode=VotingMode.OPEN)
    make_round(world, mode=VotingMode.OPEN, workshop=WorkshopFactory(process=world.process))
    make_round(world, mode=VotingMode.REGISTERED)
    participant = ParticipantFactory(process=world.process, joined_via_code=world.workshop)

    response = phone_for(participant).get(HOME)

    assert _states(response) == {here.pk: "vote"}


def test_home_without_open_rounds_has_no_votes_section(world):
    response = phone_for(world.participant).get(HOME)

    assert response.context["rounds"] == []
    assert 'id="phone-rounds"' not in response.content.decode()


# --- Query counts --------------------------------------------------------------------------------


@pytest.mark.parametrize("secret", [False, True], ids=["open-ballot", "secret"])
@pytest.mark.parametrize("factor", [1, 5])
def test_ballot_page_query_count(world, django_assert_num_queries, factor, secret):
    voting_round, keys = make_round(world, n=2 * factor, randomise_order=True, secret=secret)
    for _ in range(factor):
        ballot_submit(
            voting_round=voting_round,
            participant=ParticipantFactory(process=world.process),
            raw={keys[0]: 5},
        )
    ballot_submit(voting_round=voting_round, participant=world.participant, raw={keys[-1]: 5})
    phone = phone_for(world.participant)
    page = url(voting_round)

    # session, participant, the options with their themes and the round, with the voter's own
    # ballot (or participation)
    with django_assert_num_queries(3):
        response = phone.get(page)

    assert response.status_code == 200
    assert response.context["voted"] is True
    if not secret:
        assert response.context["form"].initial == {f"option-{keys[-1]}": 5}
    assert len(response.context["options"]) == 2 * factor


def test_the_voters_own_ballot_is_read_without_sorting_joins(world):
    """The ballot page's round query and own_ballot (an invalid ballot's answer) read the voter's
    one ballot row without joining the round and its process to sort it (Ballot is ordered by
    its round's key, not by the round's own ordering)."""
    voting_round, keys = make_round(world, n=2)
    ballot_submit(voting_round=voting_round, participant=world.participant, raw={keys[0]: 5})
    phone = phone_for(world.participant)
    ballot_table = Ballot._meta.db_table
    process_table = world.process._meta.db_table

    with CaptureQueriesContext(connection) as page_queries:
        page = phone.get(url(voting_round))
    with CaptureQueriesContext(connection) as invalid_queries:
        invalid = phone.post(url(voting_round), {f"option-{keys[0]}": "9"})

    assert (page.status_code, invalid.status_code) == (200, 400)
    assert page.context["form"].initial == {f"option-{keys[0]}": 5}
    assert invalid.context["voted"] is True
    ballot_reads = [
        q["sql"]
        for q in page_queries.captured_queries + invalid_queries.captured_queries
        if ballot_table in q["sql"]
    ]
    assert len(ballot_reads) == 2
    assert [process_table in sql for sql in ballot_reads] == [False, False]


@pytest.mark.parametrize("factor", [1, 5])
def test_ballot_post_statements(world, factor):
    """An htmx ballot: the session, the participant, the options with their round (without the
    voter's own state, which the insert finds out), then one statement that writes the ballot while
    the round is open (no transaction, no savepoint: the round is read FOR SHARE inside it); a
    changed ballot's insert meets the one-ballot constraint and changes the row in the same
    statement. The same at 1× and 5× the ballots and options, on SQLite and PostgreSQL."""
    voting_round, keys = make_round(world, n=2 * factor)
    for _ in range(factor):
        ballot_submit(
            voting_round=voting_round,
            participant=ParticipantFactory(process=world.process),
            raw={keys[0]: 5},
        )
    phone = phone_for(world.participant)
    headers = {"HX-Request": "true", "HX-Target": "ballot-panel"}
    kinds = []
    for points in ({keys[0]: "5"}, {keys[0]: "2", keys[-1]: "3"}):
        data = {f"option-{key}": points.get(key, "") for key in keys}
        with CaptureQueriesContext(connection) as queries:
            response = phone.post(url(voting_round), data, headers=headers)
        assert response.status_code == 200
        kinds.append([q["sql"].split()[0] for q in queries.captured_queries])

    assert kinds == [
        ["SELECT"] * 3 + ["INSERT"],
        ["SELECT"] * 3 + ["INSERT"],
    ]
    assert Ballot.objects.get(round=voting_round, participant=world.participant).values == {
        keys[0]: 2,
        keys[-1]: 3,
    }


@pytest.mark.parametrize("factor", [1, 5])
def test_home_with_rounds_query_count(world, django_assert_num_queries, factor):
    for _ in range(factor):
        voting_round, (a, _b) = make_round(world)
        ballot_submit(voting_round=voting_round, participant=world.participant, raw={a: 5})
        make_round(world, secret=True)
    phone = phone_for(world.participant)

    # session, participant, the process's title, workshops, rounds with the voter's state
    with django_assert_num_queries(5):
        response = phone.get(HOME)

    assert len(response.context["rounds"]) == 2 * factor
