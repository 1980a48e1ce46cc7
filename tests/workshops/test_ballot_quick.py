"""The quick path of the phone's htmx ballot (workshops.views.voting_phone): a ballot that
carries its page's ballot key is decided without reading the session, the participant or the
round, by one statement that writes only if everything holds. These tests show that it counts
exactly what the full path counts and that anything it cannot decide goes to the full path,
which answers as before (with nothing written by the quick path)."""

import json
import re

import pytest
from django.conf import settings
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext

from tests.factories import ParticipantFactory, WorkshopFactory
from tests.workshops.test_ballot_phone import make_round, phone_for, url
from workshops.enums import BallotSource, StakeholderGroup, VotingMode
from workshops.models import Ballot, Participant
from workshops.selectors.voting import opened_stamp
from workshops.services.voting import round_close

HX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "ballot-panel"}
KEY = re.compile(r'name="ballot_key" value="([^"]+)"')


def page_key(phone, voting_round) -> str:
    """The ballot key of the phone's ballot page."""
    response = phone.get(url(voting_round))
    assert response.status_code == 200
    match = KEY.search(response.content.decode())
    assert match, "the ballot page has no ballot key"
    return match.group(1)


def quick_post(phone, voting_round, key, points: dict):
    data = {f"option-{k}": str(v) for k, v in points.items()}
    data["ballot_key"] = key
    with CaptureQueriesContext(connection) as queries:
        response = phone.post(url(voting_round), data, **HX)
    return response, [q["sql"].split()[0] for q in queries.captured_queries]


def rows(voting_round) -> list:
    return list(
        Ballot.objects.filter(round=voting_round).values_list(
            "participant", "values", "source", "group"
        )
    )


@pytest.mark.parametrize("factor", [1, 5])
def test_a_quick_ballot_and_a_change_are_one_statement_each(world, factor):
    voting_round, keys = make_round(world, n=2 * factor)
    phone = phone_for(world.participant)
    key = page_key(phone, voting_round)
    quick_post(phone, voting_round, key, {keys[0]: 5})  # the round's rules are now kept
    Ballot.objects.all().delete()

    first, first_sql = quick_post(phone, voting_round, key, {keys[0]: 3, keys[-1]: 2})
    changed, changed_sql = quick_post(phone, voting_round, key, {keys[-1]: 5})

    assert (first.status_code, changed.status_code) == (200, 200)
    assert (first_sql, changed_sql) == (["INSERT"], ["INSERT"])
    assert rows(voting_round) == [
        (world.participant.pk, {keys[-1]: 5}, BallotSource.PHONE, world.participant.group)
    ]


def test_the_quick_answer_is_the_confirmation_swapped_in_above_the_ballot(world):
    voting_round, (a, b) = make_round(world)
    phone = phone_for(world.participant)
    key = page_key(phone, voting_round)

    counted, _sql = quick_post(phone, voting_round, key, {a: 3, b: 2})
    changed, _sql = quick_post(phone, voting_round, key, {b: 5})

    html = counted.content.decode()
    assert counted["HX-Retarget"] == "#ballot-status"
    assert counted["HX-Reswap"] == "outerHTML"
    assert html.lstrip().startswith('<div id="ballot-status">')
    assert 'id="vote-counted"' in html and 'id="ballot-form"' not in html
    assert gettext("Thank you: your vote is counted.") in html
    # The button now says that the vote can be changed (an out-of-band swap).
    assert '<span id="ballot-submit-label" hx-swap-oob="true">' in html
    assert gettext("Change your vote") in html
    assert 'id="vote-changed"' in changed.content.decode()
    assert rows(voting_round) == [
        (world.participant.pk, {b: 5}, BallotSource.PHONE, world.participant.group)
    ]
    # The page read afterwards shows the ballot as counted.
    page = phone.get(url(voting_round))
    assert page.context["form"].initial == {f"option-{b}": 5}


def test_a_join_code_participant_votes_quickly_in_an_open_round_as_open_source(world):
    voting_round, (a, _b) = make_round(world, mode=VotingMode.OPEN)
    joined = ParticipantFactory(process=world.process, joined_via_code=world.workshop)
    phone = phone_for(joined)

    response, sql = quick_post(phone, voting_round, page_key(phone, voting_round), {a: 5})

    # The process reads the round and its options for the round's first quick ballot.
    assert (response.status_code, sql) == (200, ["SELECT", "SELECT", "INSERT"])
    assert rows(voting_round) == [(joined.pk, {a: 5}, BallotSource.OPEN, joined.group)]


# --- What the quick path leaves to the full path ---------------------------------------------


def test_a_ballot_that_breaks_a_rule_gets_the_full_panel_with_its_messages(world):
    voting_round, (a, b) = make_round(world)
    phone = phone_for(world.participant)

    response, _sql = quick_post(phone, voting_round, page_key(phone, voting_round), {a: 4, b: 4})

    assert response.status_code == 400
    assert "HX-Retarget" not in response
    assert 'id="ballot-errors"' in response.content.decode()
    assert rows(voting_round) == []


def test_a_ballot_after_the_close_is_refused_with_409(world):
    voting_round, (a, _b) = make_round(world)
    phone = phone_for(world.participant)
    key = page_key(phone, voting_round)
    quick_post(phone, voting_round, key, {a: 5})  # the round's rules are kept while open
    Ballot.objects.all().delete()
    round_close(voting_round=voting_round)

    response, _sql = quick_post(phone, voting_round, key, {a: 5})

    assert response.status_code == 409
    assert 'id="round-closed"' in response.content.decode()
    assert rows(voting_round) == []


def test_after_leaving_the_phone_its_ballot_key_is_worth_nothing(world):
    voting_round, (a, _b) = make_round(world)
    phone = phone_for(world.participant)
    key = page_key(phone, voting_round)
    session_cookie = phone.cookies[settings.SESSION_COOKIE_NAME].value
    phone.post(reverse("workshops:phone.logout"))
    # Even with the old session cookie put back, the session it names has ended.
    phone.cookies[settings.SESSION_COOKIE_NAME] = session_cookie

    response, _sql = quick_post(phone, voting_round, key, {a: 5})

    assert response.status_code == 302
    assert response["Location"] == reverse("workshops:join")
    assert rows(voting_round) == []


def test_a_ballot_key_from_another_phone_is_not_accepted(world):
    voting_round, (a, _b) = make_round(world)
    victim = phone_for(world.participant)
    key = page_key(victim, voting_round)
    other = ParticipantFactory(process=world.process)
    attacker = phone_for(other)

    response, _sql = quick_post(attacker, voting_round, key, {a: 5})

    # The full path: the attacker's own session votes as themselves.
    assert response.status_code == 200
    assert rows(voting_round) == [(other.pk, {a: 5}, BallotSource.PHONE, other.group)]


@pytest.mark.parametrize("tamper", ["forged", "other-round", "no-key"])
def test_a_forged_or_foreign_key_takes_the_full_path(world, tamper):
    voting_round, (a, _b) = make_round(world)
    other_round, _keys = make_round(world)
    phone = phone_for(world.participant)
    key = page_key(phone, voting_round)
    if tamper == "forged":
        key = key[:-4] + ("AAAA" if not key.endswith("AAAA") else "BBBB")
    elif tamper == "other-round":
        key = page_key(phone, other_round)
    else:
        key = ""

    response, sql = quick_post(phone, voting_round, key, {a: 5})

    # The full path answers (it reads the session first) and counts the ballot as before.
    assert response.status_code == 200
    assert sql[0] == "SELECT"
    assert "HX-Retarget" not in response
    assert rows(voting_round) == [
        (world.participant.pk, {a: 5}, BallotSource.PHONE, world.participant.group)
    ]


@pytest.mark.parametrize(
    "change",
    ["inactive", "other-group", "joined-by-code", "other-workshop", "moved-process"],
)
def test_the_write_checks_the_voter_as_may_vote_does(world, change):
    """The voter changes after the page was loaded; the quick write refuses and the full path
    answers as it would have."""
    workshop = world.workshop
    mode = VotingMode.OPEN if change == "other-workshop" else VotingMode.REGISTERED
    voting_round, (a, _b) = make_round(
        world, eligible_groups=[StakeholderGroup.MEDARBEJDER], mode=mode
    )
    voter = ParticipantFactory(process=world.process, group=StakeholderGroup.MEDARBEJDER)
    if change == "other-workshop":
        voter.joined_via_code = workshop
        voter.save()
    phone = phone_for(voter)
    key = page_key(phone, voting_round)
    quick_post(phone, voting_round, key, {a: 5})  # the round's rules are now kept
    Ballot.objects.all().delete()
    if change == "inactive":
        voter.active = False
    elif change == "other-group":
        voter.group = StakeholderGroup.LEDER
    elif change == "joined-by-code":
        voter.joined_via_code = workshop
    elif change == "other-workshop":
        voter.joined_via_code = WorkshopFactory(process=world.process)
    else:
        voter.process = world.other_process
    voter.save()

    response, _sql = quick_post(phone, voting_round, key, {a: 5})

    assert rows(voting_round) == []
    expected = {
        "inactive": 302,  # no participant session any more: to the join page
        "other-group": 403,
        "joined-by-code": 403,
        "other-workshop": 404,  # the round is not in the workshop they joined
        "moved-process": 404,
    }[change]
    assert response.status_code == expected


def _scans(plan: dict, table: str) -> list[tuple]:
    """(node type, index, index condition, filter) of every node of an EXPLAIN (FORMAT JSON)
    plan that reads `table`."""
    keys = ("Node Type", "Index Name", "Index Cond", "Filter")
    found = [tuple(plan.get(k) for k in keys)] if plan.get("Relation Name") == table else []
    for child in plan.get("Plans", []):
        found += _scans(child, table)
    return found


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL plan; set DATABASE_URL")
def test_the_quick_write_reads_its_voter_by_key_even_without_statistics(world):
    """A room's participants imported a minute ago have no planner statistics yet; the quick
    write must still read its voter by primary key, not every participant who joined without a
    code (a plan through the join-code index does, when the voter's conditions are part of the
    scan and the planner finds both indexes equally good). So the voter's scan has the key as
    its only condition, whichever plan the statistics of the moment would favour."""
    voting_round, keys = make_round(world, n=2)
    ParticipantFactory.create_batch(300, process=world.process)
    phone = phone_for(world.participant)
    key = page_key(phone, voting_round)
    table = Participant._meta.db_table

    with CaptureQueriesContext(connection) as queries:
        response = phone.post(
            url(voting_round), {f"option-{keys[0]}": "5", "ballot_key": key}, **HX
        )
    (write,) = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("INSERT")]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {write}")
        plan = cursor.fetchone()[0][0]["Plan"]

    assert response.status_code == 200
    assert _scans(plan, table) == [
        ("Index Scan", f"{table}_pkey", f"(id = {world.participant.pk})", None)
    ]


def test_a_key_older_than_a_session_lives_is_not_accepted(world, settings):
    voting_round, (a, _b) = make_round(world)
    phone = phone_for(world.participant)
    key = page_key(phone, voting_round)
    settings.SESSION_COOKIE_AGE = -1  # every key is older than this

    response, sql = quick_post(phone, voting_round, key, {a: 5})

    # The full path (it reads the session first), where the session itself is still valid.
    assert sql[0] == "SELECT"
    assert response.status_code == 200
    assert "HX-Retarget" not in response
    assert rows(voting_round) == [
        (world.participant.pk, {a: 5}, BallotSource.PHONE, world.participant.group)
    ]


def test_the_key_names_the_session_without_showing_its_cookie(world):
    voting_round, _keys = make_round(world)
    phone = phone_for(world.participant)

    key = page_key(phone, voting_round)

    session_key = phone.cookies[settings.SESSION_COOKIE_NAME].value
    payload = json.loads(signing.b64_decode(key.split(":")[0].encode()))
    participant_id, round_id, opened, tag = payload
    assert (participant_id, round_id, opened) == (
        world.participant.pk,
        voting_round.pk,
        opened_stamp(voting_round),
    )
    assert session_key not in json.dumps(payload)
    assert len(tag) == 32 and tag != session_key[:32]


def test_a_scripted_client_asking_for_json_gets_json_from_the_full_path(world):
    voting_round, (a, _b) = make_round(world)
    phone = phone_for(world.participant)
    key = page_key(phone, voting_round)

    response = phone.post(
        url(voting_round),
        {f"option-{a}": "5", "ballot_key": key},
        HTTP_ACCEPT="application/json",
        **HX,
    )

    assert response.status_code == 200
    assert response.json() == {"status": "counted"}
    assert rows(voting_round) == [
        (world.participant.pk, {a: 5}, BallotSource.PHONE, world.participant.group)
    ]
