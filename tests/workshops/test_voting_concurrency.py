"""Ballots under a burst, with real threads on PostgreSQL (SQLite serialises writers itself).

Each thread has its own database connection (closed at its end) and waits at a barrier, so the
submissions start together: the same phone three times at once, thirty phones at once, and a
close in the middle of forty votes. The counts are exact: the database holds one counted
ballot per voter, and the frozen result holds exactly the ballots in the database.
"""

import threading
import time

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection, transaction
from django.utils import timezone

from tests.factories import ParticipantFactory, ProcessFactory, ThemeFactory, VotingRoundFactory
from workshops.enums import RoundStatus
from workshops.models import Ballot, Participation, SecretBallot, VotingRound
from workshops.services.voting import (
    BallotRejected,
    RoundNotOpen,
    ballot_submit,
    ballot_submit_quick,
    round_close,
)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL (SQLite serialises writers itself); set DATABASE_URL",
    ),
    pytest.mark.django_db(transaction=True),
]


def make_round(**kwargs):
    process = ProcessFactory()
    themes = [ThemeFactory(process=process) for _ in range(3)]
    voting_round = VotingRoundFactory(process=process, themes=themes, **kwargs)
    return voting_round, [str(t.pk) for t in themes]


def run_together(jobs):
    """Run the callables in threads released together; their outcomes in the jobs' order:
    ("ok", return value) or ("error", the exception)."""
    start = threading.Barrier(len(jobs))
    outcomes = [None] * len(jobs)

    def run(index, job):
        try:
            start.wait()
            outcomes[index] = ("ok", job())
        except Exception as exc:  # collected and asserted by the test
            outcomes[index] = ("error", exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return outcomes


def submit(voting_round_id: int, participant, raw: dict):
    def job():
        # A fresh round object per thread, as each request would load it.
        voting_round = VotingRound.objects.get(pk=voting_round_id)
        return ballot_submit(voting_round=voting_round, participant=participant, raw=raw)

    return job


def test_the_same_phone_three_times_at_once_keeps_one_ballot():
    voting_round, (a, b, c) = make_round()
    participant = ParticipantFactory(process=voting_round.process)
    raws = [{a: 5}, {b: 5}, {c: 5}]

    outcomes = run_together([submit(voting_round.pk, participant, raw) for raw in raws])

    assert [kind for kind, _value in outcomes] == ["ok", "ok", "ok"]
    assert sorted(value.created for _kind, value in outcomes) == [False, False, True]
    assert Ballot.objects.filter(round=voting_round).count() == 1
    assert Ballot.objects.get(round=voting_round).values in raws


def test_the_same_phone_three_times_at_once_in_a_secret_round_counts_once():
    voting_round, (a, b, c) = make_round(secret=True)
    participant = ParticipantFactory(process=voting_round.process)
    raws = [{a: 5}, {b: 5}, {c: 5}]

    outcomes = run_together([submit(voting_round.pk, participant, raw) for raw in raws])

    kinds = sorted("ok" if kind == "ok" else type(value).__name__ for kind, value in outcomes)
    assert kinds == ["BallotRejected", "BallotRejected", "ok"]
    assert Participation.objects.filter(round=voting_round, participant=participant).count() == 1
    assert SecretBallot.objects.filter(round=voting_round).count() == 1
    assert Ballot.objects.count() == 0


@pytest.mark.parametrize("secret", [False, True], ids=["open-ballot", "secret"])
def test_thirty_phones_at_once_give_thirty_ballots(secret):
    voting_round, (a, b, _c) = make_round(secret=secret)
    voters = [ParticipantFactory(process=voting_round.process) for _ in range(30)]

    outcomes = run_together([submit(voting_round.pk, p, {a: 3, b: 2}) for p in voters])

    assert [kind for kind, _value in outcomes] == ["ok"] * 30
    if secret:
        assert Participation.objects.filter(round=voting_round).count() == 30
        assert SecretBallot.objects.filter(round=voting_round).count() == 30
    else:
        assert Ballot.objects.filter(round=voting_round).count() == 30
        assert (
            Ballot.objects.filter(round=voting_round).values("participant").distinct().count() == 30
        )


@pytest.mark.parametrize("secret", [False, True], ids=["open-ballot", "secret"])
@pytest.mark.parametrize("run", range(3))
def test_a_close_in_the_middle_of_a_burst_counts_exactly_the_stored_ballots(secret, run):
    voting_round, (a, b, _c) = make_round(secret=secret)
    voters = [ParticipantFactory(process=voting_round.process) for _ in range(40)]

    def staggered(index, participant):
        job = submit(voting_round.pk, participant, {a: 3, b: 2})

        def later():
            time.sleep(index * 0.005)  # spread the burst over ~200 ms
            return job()

        return later

    def closer():
        time.sleep(0.06 + run * 0.04)
        return round_close(voting_round=VotingRound.objects.get(pk=voting_round.pk))

    outcomes = run_together([staggered(i, p) for i, p in enumerate(voters)] + [closer])

    *votes, (close_kind, closed) = outcomes
    assert close_kind == "ok", closed
    accepted = [value for kind, value in votes if kind == "ok"]
    refused = [value for kind, value in votes if kind == "error"]
    assert all(isinstance(exc, RoundNotOpen) for exc in refused), refused
    assert not any(isinstance(exc, BallotRejected) for exc in refused)
    rows = (SecretBallot if secret else Ballot).objects.filter(round=voting_round).count()
    voting_round.refresh_from_db()
    assert voting_round.status == RoundStatus.CLOSED
    assert len(accepted) == rows
    assert voting_round.frozen_result["ballot_count"] == rows
    assert closed.frozen_result == voting_round.frozen_result
    assert len(accepted) + len(refused) == 40
    if secret:
        assert Participation.objects.filter(round=voting_round).count() == rows


@pytest.mark.parametrize("path", ["full", "quick"])
@pytest.mark.parametrize("changing", [False, True], ids=["first-ballot", "changed-ballot"])
def test_a_vote_that_meets_a_close_in_progress_waits_and_is_refused(changing, path):
    """A phone read the round while it was open; its ballot reaches the database while a close
    holds the round's lock (FOR UPDATE), before the close commits. The ballot's statement waits
    for the lock and then sees the closed round: RoundNotOpen (the quick path: nothing written,
    None), and nothing written (with no lock in the statement, it would have written into the
    round being closed)."""
    voting_round, (a, b, _c) = make_round()
    participant = ParticipantFactory(process=voting_round.process)
    if changing:
        ballot_submit(voting_round=voting_round, participant=participant, raw={a: 5})
    seen_open = VotingRound.objects.get(pk=voting_round.pk)
    session = SessionStore()  # the phone's session, which the quick path's write checks
    session.create()
    locked, release = threading.Event(), threading.Event()

    def close_in_progress():
        try:
            with transaction.atomic():
                VotingRound.objects.select_for_update().get(pk=voting_round.pk)
                locked.set()
                release.wait(10)
                VotingRound.objects.filter(pk=voting_round.pk).update(
                    status=RoundStatus.CLOSED, closed_at=timezone.now()
                )
        finally:
            connection.close()

    closer = threading.Thread(target=close_in_progress)
    closer.start()
    assert locked.wait(10)
    # The close commits 0.3 s after the vote has been sent.
    threading.Timer(0.3, release.set).start()
    if path == "full":
        [outcome] = run_together(
            [lambda: ballot_submit(voting_round=seen_open, participant=participant, raw={b: 5})]
        )
    else:
        [outcome] = run_together(
            [
                lambda: ballot_submit_quick(
                    round_id=seen_open.pk,
                    mode=seen_open.mode,
                    eligible_groups=(),
                    participant_id=participant.pk,
                    session_key=session.session_key,
                    values={b: 5},
                )
            ]
        )
    closer.join(timeout=30)

    assert not closer.is_alive()
    if path == "full":
        assert outcome[0] == "error" and isinstance(outcome[1], RoundNotOpen), outcome
    else:
        assert outcome == ("ok", None)
    rows = list(Ballot.objects.filter(round=voting_round).values_list("values", flat=True))
    assert rows == ([{a: 5}] if changing else [])
