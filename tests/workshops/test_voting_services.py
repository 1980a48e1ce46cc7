"""Voting services: every broken rule is refused with nothing stored, one counted ballot per
voter, secret ballots apart from who voted, paper ballots, and a frozen result at close."""

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext

from tests.factories import (
    ParticipantFactory,
    ProcessFactory,
    ThemeFactory,
    UserFactory,
    VotingRoundFactory,
    WorkshopFactory,
)
from workshops import tally
from workshops.enums import BallotSource, RoundStatus, StakeholderGroup, VotingMode
from workshops.models import Ballot, Participation, SecretBallot
from workshops.services.voting import (
    BallotRejected,
    RoundNotOpen,
    ballot_submit,
    has_voted,
    own_ballot,
    paper_ballot_add,
    round_close,
    round_open,
    round_tally_ballots,
    round_update,
)

MATRIX_RULES = {
    "criteria": [
        {"key": "value", "label": "Faglig værdi", "weight": "2"},
        {"key": "feasible", "label": "Gennemførlighed", "weight": "1"},
    ],
    "scale_max": 5,
    "allow_unknown": True,
}


def make_round(process=None, n=3, **kwargs):
    process = process or ProcessFactory()
    themes = [ThemeFactory(process=process) for _ in range(n)]
    voting_round = VotingRoundFactory(process=process, themes=themes, **kwargs)
    return voting_round, [str(t.pk) for t in themes]


def voter(voting_round, **kwargs):
    return ParticipantFactory(process=voting_round.process, **kwargs)


def stored() -> tuple[int, int, int]:
    return Ballot.objects.count(), Participation.objects.count(), SecretBallot.objects.count()


# --- Refusals: nothing stored --------------------------------------------------------------------


RULE_BREAKS = [
    ("dots", {"dots_per_voter": 3}, lambda a, b, c: {a: 2, b: 2}, "too_many_dots"),
    ("dots", {"dots_per_voter": 5, "cap_per_option": 2}, lambda a, b, c: {a: 3}, "over_cap"),
    ("dots", {"dots_per_voter": 3}, lambda a, b, c: {a: -1, b: 2}, "negative"),
    ("points", {"budget": 5, "budget_exact": True}, lambda a, b, c: {a: 2, b: 2}, "not_exact"),
    ("points", {"budget": 5, "budget_exact": True}, lambda a, b, c: {a: 4, b: 2}, "not_exact"),
    ("points", {"budget": 5, "budget_exact": False}, lambda a, b, c: {a: 4, b: 2}, "over"),
    ("points", {"budget": 5, "budget_exact": True}, lambda a, b, c: {a: "fem"}, "not_integer"),
    ("ranking", {}, lambda a, b, c: {a: 1, b: 1}, "duplicate_rank"),
    ("ranking", {}, lambda a, b, c: {a: 1, b: 4}, "rank_out_of_range"),
    ("ranking", {}, lambda a, b, c: {a: 1, b: 3}, "rank_gap"),
    ("approval", {}, lambda a, b, c: {a: "maybe"}, "invalid_value"),
    ("approval", {}, lambda a, b, c: {}, "empty"),
    ("matrix", MATRIX_RULES, lambda a, b, c: {a: {"value": 6}}, "score_out_of_range"),
    ("matrix", MATRIX_RULES, lambda a, b, c: {a: {"colour": 3}}, "unknown_criterion"),
    (
        "matrix",
        {**MATRIX_RULES, "allow_unknown": False},
        lambda a, b, c: {a: {"value": 3, "feasible": 3}},
        "unknown_not_allowed",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "rules", "raw", "case"), RULE_BREAKS, ids=[case[3] for case in RULE_BREAKS]
)
@pytest.mark.parametrize("secret", [False, True], ids=["open-ballot", "secret"])
def test_a_ballot_that_breaks_a_rule_is_refused_and_nothing_is_stored(
    method, rules, raw, case, secret
):
    voting_round, keys = make_round(method=method, rules=rules, secret=secret)

    with pytest.raises(BallotRejected) as refused:
        ballot_submit(voting_round=voting_round, participant=voter(voting_round), raw=raw(*keys))

    assert refused.value.messages
    assert len(refused.value.options) == len(refused.value.messages)
    assert stored() == (0, 0, 0)


@pytest.mark.django_db
def test_an_option_not_in_the_round_is_refused():
    voting_round, (a, _b, _c) = make_round()
    stranger = ThemeFactory(process=voting_round.process)

    with pytest.raises(BallotRejected) as refused:
        ballot_submit(
            voting_round=voting_round,
            participant=voter(voting_round),
            raw={a: 5, str(stranger.pk): 2},
        )

    assert refused.value.messages == [
        gettext("Your ballot names an option that is not part of this round.")
    ]
    assert stored() == (0, 0, 0)


@pytest.mark.django_db
def test_the_messages_name_the_option_they_are_about():
    voting_round, (a, _b, _c) = make_round(method="dots", rules={"dots_per_voter": 5})

    with pytest.raises(BallotRejected) as refused:
        ballot_submit(voting_round=voting_round, participant=voter(voting_round), raw={a: -2})

    assert refused.value.options == [a]


@pytest.mark.django_db
@pytest.mark.parametrize("status", [RoundStatus.DRAFT, RoundStatus.CLOSED])
@pytest.mark.parametrize("secret", [False, True], ids=["open-ballot", "secret"])
def test_a_round_that_is_not_open_refuses_the_vote(status, secret):
    voting_round, (a, b, _c) = make_round(status=status, secret=secret)

    with pytest.raises(RoundNotOpen):
        ballot_submit(voting_round=voting_round, participant=voter(voting_round), raw={a: 3, b: 2})

    assert stored() == (0, 0, 0)


@pytest.mark.django_db
def test_a_round_closed_after_it_was_read_refuses_the_vote():
    """The status is read under the lock, not from the caller's (stale) object."""
    voting_round, (a, b, _c) = make_round()
    stale = type(voting_round).objects.get(pk=voting_round.pk)
    round_close(voting_round=voting_round)

    with pytest.raises(RoundNotOpen):
        ballot_submit(voting_round=stale, participant=voter(voting_round), raw={a: 3, b: 2})

    assert stored() == (0, 0, 0)


@pytest.mark.django_db
def test_a_participant_of_another_process_is_refused():
    voting_round, (a, b, _c) = make_round()
    stranger = ParticipantFactory(process=ProcessFactory())

    with pytest.raises(BallotRejected):
        ballot_submit(voting_round=voting_round, participant=stranger, raw={a: 3, b: 2})

    assert stored() == (0, 0, 0)


@pytest.mark.django_db
def test_an_inactive_participant_is_refused():
    voting_round, (a, b, _c) = make_round()

    with pytest.raises(BallotRejected):
        ballot_submit(
            voting_round=voting_round,
            participant=voter(voting_round, active=False),
            raw={a: 3, b: 2},
        )

    assert stored() == (0, 0, 0)


@pytest.mark.django_db
@pytest.mark.parametrize("secret", [False, True], ids=["open-ballot", "secret"])
def test_a_group_that_is_not_eligible_is_refused(secret):
    voting_round, (a, b, _c) = make_round(
        eligible_groups=[StakeholderGroup.LEDER, StakeholderGroup.DAGPLEJE], secret=secret
    )

    with pytest.raises(BallotRejected):
        ballot_submit(
            voting_round=voting_round,
            participant=voter(voting_round, group=StakeholderGroup.MEDARBEJDER),
            raw={a: 3, b: 2},
        )
    ballot_submit(
        voting_round=voting_round,
        participant=voter(voting_round, group=StakeholderGroup.DAGPLEJE),
        raw={a: 3, b: 2},
    )

    assert stored() == ((0, 1, 1) if secret else (1, 0, 0))


@pytest.mark.django_db
def test_a_join_code_participant_is_refused_in_a_registered_round_and_counted_in_an_open_one():
    process = ProcessFactory()
    workshop = WorkshopFactory(process=process)
    registered, (a, b, _c) = make_round(process, mode=VotingMode.REGISTERED)
    open_round, (d, e, _f) = make_round(process, mode=VotingMode.OPEN)
    participant = ParticipantFactory(process=process, joined_via_code=workshop)

    with pytest.raises(BallotRejected):
        ballot_submit(voting_round=registered, participant=participant, raw={a: 3, b: 2})
    ballot_submit(voting_round=open_round, participant=participant, raw={d: 3, e: 2})

    assert list(Ballot.objects.values_list("round_id", "source")) == [
        (open_round.pk, BallotSource.OPEN)
    ]


# --- One ballot per voter ------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_ballot_is_stored_cleaned_with_the_voters_group():
    voting_round, (a, b, c) = make_round()
    participant = voter(voting_round, group=StakeholderGroup.LEDER)

    before = timezone.now()
    outcome = ballot_submit(
        voting_round=voting_round, participant=participant, raw={c: "2", a: "3", b: ""}
    )

    assert outcome.created is True
    ballot = Ballot.objects.get()
    assert before <= ballot.created_at == ballot.updated_at <= timezone.now()
    assert (ballot.participant, ballot.source, ballot.group, ballot.values) == (
        participant,
        BallotSource.PHONE,
        StakeholderGroup.LEDER,
        {a: 3, c: 2},
    )
    assert own_ballot(voting_round, participant) == {a: 3, c: 2}
    assert has_voted(voting_round, participant) is True


@pytest.mark.django_db
def test_a_changed_ballot_replaces_the_old_one():
    voting_round, (a, b, _c) = make_round()
    participant = voter(voting_round)
    ballot_submit(voting_round=voting_round, participant=participant, raw={a: 5})
    first = Ballot.objects.get()

    outcome = ballot_submit(voting_round=voting_round, participant=participant, raw={b: 5})

    assert outcome.created is False
    ballot = Ballot.objects.get()
    assert ballot.pk == first.pk
    assert ballot.values == {b: 5}
    assert ballot.updated_at >= first.updated_at
    assert ballot.created_at == first.created_at


@pytest.mark.django_db
def test_a_refused_change_keeps_the_earlier_ballot():
    voting_round, (a, b, _c) = make_round()
    participant = voter(voting_round)
    ballot_submit(voting_round=voting_round, participant=participant, raw={a: 5})

    with pytest.raises(BallotRejected):
        ballot_submit(voting_round=voting_round, participant=participant, raw={b: 6})

    assert list(Ballot.objects.values_list("values", flat=True)) == [{a: 5}]


@pytest.mark.django_db
def test_a_change_after_the_close_is_refused_and_the_counted_ballot_stays():
    voting_round, (a, b, _c) = make_round()
    participant = voter(voting_round)
    ballot_submit(voting_round=voting_round, participant=participant, raw={a: 5})
    closed = round_close(voting_round=voting_round)

    with pytest.raises(RoundNotOpen):
        ballot_submit(voting_round=voting_round, participant=participant, raw={b: 5})

    assert list(Ballot.objects.values_list("values", flat=True)) == [{a: 5}]
    assert closed.frozen_result["options"][0]["option"] == a


@pytest.mark.django_db
def test_nothing_voted_means_no_own_ballot():
    voting_round, _keys = make_round()
    participant = voter(voting_round)

    assert own_ballot(voting_round, participant) is None
    assert has_voted(voting_round, participant) is False


# --- Secret ballots ------------------------------------------------------------------------------


def test_a_secret_ballot_has_no_participant_no_timestamps_and_no_history():
    names = {f.name for f in SecretBallot._meta.get_fields()}

    assert names == {"id", "round", "source", "group", "values"}
    assert not any(
        isinstance(f, models.DateField | models.DateTimeField | models.TimeField)
        for f in SecretBallot._meta.get_fields()
    )
    assert isinstance(SecretBallot._meta.pk, models.UUIDField)
    assert not hasattr(SecretBallot, "history")


def test_a_participation_says_who_voted_and_nothing_else():
    names = {f.name for f in Participation._meta.get_fields()}

    assert names == {"id", "round", "participant"}
    assert not hasattr(Participation, "history")


@pytest.mark.django_db
def test_a_secret_ballot_stores_one_participation_and_one_unlinked_ballot():
    voting_round, (a, b, _c) = make_round(secret=True)
    participant = voter(voting_round, group=StakeholderGroup.DAGPLEJE)

    outcome = ballot_submit(voting_round=voting_round, participant=participant, raw={a: 3, b: 2})

    assert outcome.created is True
    assert list(Participation.objects.values_list("round_id", "participant_id")) == [
        (voting_round.pk, participant.pk)
    ]
    secret = SecretBallot.objects.get()
    assert (secret.round, secret.source, secret.group, secret.values) == (
        voting_round,
        BallotSource.PHONE,
        StakeholderGroup.DAGPLEJE,
        {a: 3, b: 2},
    )
    assert Ballot.objects.count() == 0
    assert has_voted(voting_round, participant) is True
    assert own_ballot(voting_round, participant) is None  # nobody can read it back


@pytest.mark.django_db
def test_a_second_secret_ballot_is_refused_and_nothing_more_is_stored():
    voting_round, (a, b, _c) = make_round(secret=True)
    participant = voter(voting_round)
    ballot_submit(voting_round=voting_round, participant=participant, raw={a: 3, b: 2})

    with pytest.raises(BallotRejected):
        ballot_submit(voting_round=voting_round, participant=participant, raw={b: 5})

    assert stored() == (0, 1, 1)
    assert list(SecretBallot.objects.values_list("values", flat=True)) == [{a: 3, b: 2}]


@pytest.mark.django_db
def test_secret_ballots_are_tallied_without_voters():
    voting_round, (a, b, c) = make_round(secret=True)
    for raw in ({a: 5}, {a: 3, b: 2}, {b: 5}):
        ballot_submit(voting_round=voting_round, participant=voter(voting_round), raw=raw)

    closed = round_close(voting_round=voting_round)

    scores = {row["option"]: row["score"] for row in closed.frozen_result["options"]}
    assert scores == {a: 8, b: 7, c: 0}
    assert closed.frozen_result["ballot_count"] == 3


# --- Paper ballots -------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("secret", [False, True], ids=["open-ballot", "secret"])
def test_a_paper_ballot_counts_as_paper(secret):
    voting_round, (a, b, _c) = make_round(secret=secret)
    facilitator = UserFactory()

    paper_ballot_add(
        voting_round=voting_round, group="leder", raw={a: "4", b: "1"}, entered_by=facilitator
    )
    ballot_submit(voting_round=voting_round, participant=voter(voting_round), raw={b: 5})

    model = SecretBallot if secret else Ballot
    assert sorted(model.objects.values_list("source", "group")) == [
        (BallotSource.PAPER, "leder"),
        (BallotSource.PHONE, "medarbejder"),
    ]
    if not secret:
        paper = Ballot.objects.get(source=BallotSource.PAPER)
        assert (paper.participant, paper.entered_by, paper.values) == (
            None,
            facilitator,
            {a: 4, b: 1},
        )
    tallied = round_tally_ballots(voting_round)
    assert sorted(b.source for b in tallied) == ["paper", "phone"]
    result = round_close(voting_round=voting_round).frozen_result
    assert result["source_counts"] == {"open": 0, "paper": 1, "phone": 1}


@pytest.mark.django_db
def test_several_paper_ballots_are_all_counted():
    voting_round, (a, _b, _c) = make_round()
    for _ in range(3):
        paper_ballot_add(voting_round=voting_round, group="leder", raw={a: 5}, entered_by=None)

    assert Ballot.objects.filter(source=BallotSource.PAPER).count() == 3


@pytest.mark.django_db
def test_a_paper_ballot_obeys_the_same_rules():
    voting_round, (a, _b, _c) = make_round()

    with pytest.raises(BallotRejected) as refused:
        paper_ballot_add(
            voting_round=voting_round,
            group="leder",
            raw={a: 4},
            entered_by=None,
            labels={a: "Tema A"},
        )

    assert refused.value.messages == [
        gettext("Your points add up to %(given)d; they must add up to exactly %(budget)d.")
        % {"given": 4, "budget": 5}
    ]
    assert stored() == (0, 0, 0)


@pytest.mark.django_db
def test_a_paper_ballot_of_a_group_that_is_not_eligible_is_refused():
    voting_round, (a, _b, _c) = make_round(eligible_groups=[StakeholderGroup.LEDER])

    with pytest.raises(BallotRejected):
        paper_ballot_add(voting_round=voting_round, group="dagpleje", raw={a: 5}, entered_by=None)

    assert stored() == (0, 0, 0)


@pytest.mark.django_db
@pytest.mark.parametrize("status", [RoundStatus.DRAFT, RoundStatus.CLOSED])
def test_a_paper_ballot_for_a_round_that_is_not_open_is_refused(status):
    voting_round, (a, _b, _c) = make_round(status=status)

    with pytest.raises(RoundNotOpen):
        paper_ballot_add(voting_round=voting_round, group="leder", raw={a: 5}, entered_by=None)

    assert stored() == (0, 0, 0)


# --- Opening, closing, the frozen result ---------------------------------------------------------


@pytest.mark.django_db
def test_round_close_freezes_the_result_with_method_version_and_counts():
    voting_round, (a, b, c) = make_round()
    for raw in ({a: 5}, {a: 2, b: 3}, {c: 5}, {a: 4, c: 1}):
        ballot_submit(voting_round=voting_round, participant=voter(voting_round), raw=raw)

    closed = round_close(voting_round=voting_round)

    closed.refresh_from_db()
    result = closed.frozen_result
    assert closed.status == RoundStatus.CLOSED
    assert closed.closed_at is not None
    assert (result["method"], result["method_version"]) == (
        "points",
        tally.METHOD_VERSION["points"],
    )
    assert result["ballot_count"] == 4
    assert result["total_score"] == 20
    assert [(r["option"], r["rank"], r["score"]) for r in result["options"]] == [
        (a, 1, 11),
        (c, 2, 6),
        (b, 3, 3),
    ]


@pytest.mark.django_db
def test_later_theme_edits_do_not_change_the_frozen_result():
    voting_round, (a, b, _c) = make_round()
    ballot_submit(voting_round=voting_round, participant=voter(voting_round), raw={a: 3, b: 2})
    frozen = round_close(voting_round=voting_round).frozen_result
    theme = voting_round.options.get(theme_id=int(a)).theme
    old_title = theme.title

    theme.title = "Et helt nyt navn"
    theme.save()
    ThemeFactory(process=voting_round.process)
    voting_round.refresh_from_db()

    assert voting_round.frozen_result == frozen
    assert voting_round.frozen_result["labels"][a] == old_title


@pytest.mark.django_db
def test_a_round_closes_only_once_and_the_result_does_not_move():
    voting_round, (a, _b, _c) = make_round()
    ballot_submit(voting_round=voting_round, participant=voter(voting_round), raw={a: 5})
    frozen = round_close(voting_round=voting_round).frozen_result

    with pytest.raises(ValidationError):
        round_close(voting_round=voting_round)

    voting_round.refresh_from_db()
    assert voting_round.frozen_result == frozen


@pytest.mark.django_db
def test_the_rules_are_locked_once_the_round_opens():
    voting_round, _keys = make_round(status=RoundStatus.DRAFT)
    themes = [o.theme for o in voting_round.options.select_related("theme")]
    round_open(voting_round=voting_round)

    with pytest.raises(ValidationError):
        round_update(voting_round=voting_round, data={"rules": {"budget": 100}}, themes=themes)

    voting_round.refresh_from_db()
    assert voting_round.rules == {"budget": 5, "budget_exact": True}
    assert voting_round.status == RoundStatus.OPEN
