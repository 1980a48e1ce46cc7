"""Cross-check of dots, points, approval and Borda against votelib 0.4 (an independent library).

Convention mapping (read from votelib/convert.py and votelib/component/rankscore.py):

- Dots and points are cumulative voting: votelib.convert.ScoreToSimpleVotes(function="sum",
  unscored_value=0) on score votes {frozenset({(option, value), ...}): count}. Our cleaned
  ballots leave out zeros; unscored_value=0 counts them as 0, so sums and medians are over all
  ballots, as ours. Options nobody scored are missing from votelib's output (score 0).
- Approval: votelib.convert.ApprovalToSimpleVotes() on {frozenset(approved): count}.
- Borda: votelib.convert.RankedToPositionalVotes(Borda(base=0)) on {(first, second, ...): count}.
  votelib's default Borda(base=1) gives the last rank 1 point; base=0 gives n - r as ours does.
  BUT votelib takes n = the number of options that appear on ANY ballot, not the m options of
  the round (RankedToPositionalVotes.convert calls set_n_candidates(len(all_ranked_candidates))).
  Each ranked position then scores n - r where we score m - r, so for every option
      ours = votelib + (m - n) x (ballots that rank the option),
  and options ranked by nobody are missing from votelib's output (ours: 0). When every option is
  ranked somewhere, n = m and the scores are equal without correction.
- Ties: votelib.evaluate.core.get_n_best(scores, k) returns a Tie at the end when the k-th and
  (k+1)-th best are level. Points and approval have no tie-break, so our ranks must show a tie
  between positions k and k+1 exactly then.
"""

from collections import Counter
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from votelib.component.rankscore import Borda
from votelib.convert import ApprovalToSimpleVotes, RankedToPositionalVotes, ScoreToSimpleVotes
from votelib.evaluate.core import Tie, get_n_best
from votelib.vote import (
    ApprovalVoteValidator,
    RangeVoteValidator,
    RankedVoteValidator,
    VoteError,
)

from tests.workshops.test_tally_properties import cases, dots_rules, option_keys, points_rules
from workshops.tally import BallotError, Rules, TallyBallot, clean_ballot, tally

CHECK = settings(max_examples=150, deadline=None, database=None)
RANKING_RULES = st.builds(Rules, st.just("ranking"), option_keys())
APPROVAL_RULES = st.builds(Rules, st.just("approval"), option_keys())


def score_votes(ballots):
    return Counter(frozenset(b.values.items()) for b in ballots)


def ranked_votes(ballots):
    return Counter(tuple(sorted(b.values, key=b.values.__getitem__)) for b in ballots)


def approval_votes(ballots):
    return Counter(frozenset(b.values) for b in ballots)


def assert_ties_match_votelib(result, scores):
    """Positions k and k+1 share our rank exactly when votelib reports a tie for k seats."""
    rows = result.options
    full = {key: scores.get(key, 0) for key in result.rules.options}
    for k in range(1, len(rows)):
        votelib_tie = any(isinstance(item, Tie) for item in get_n_best(full, k))
        assert votelib_tie == (rows[k - 1].rank == rows[k].rank), k


def range_validator(rules):
    if rules.method == "dots":
        cap = rules.cap_per_option or rules.dots_per_voter
        return RangeVoteValidator(range=(1, cap), sum_bounds=(1, rules.dots_per_voter))
    low = rules.budget if rules.budget_exact else 1
    return RangeVoteValidator(range=(1, rules.budget), sum_bounds=(low, rules.budget))


@CHECK
@given(cases(st.one_of(dots_rules(), points_rules())))
def test_dots_and_points_scores_and_medians_match_votelib(case):
    rules, ballots = case
    votes = score_votes(ballots)

    result = tally(rules, ballots)

    sums = ScoreToSimpleVotes(function="sum", unscored_value=0).convert(votes)
    medians = ScoreToSimpleVotes(function="median", unscored_value=0).convert(votes)
    for row in result.options:
        assert row.score == sums.get(row.option, 0)
        if ballots:
            assert Fraction(row.median) == Fraction(medians.get(row.option, 0))
    if rules.method == "points":
        assert_ties_match_votelib(result, sums)
    validator = range_validator(rules)
    for vote in votes:
        validator.validate(vote)  # every ballot we accept is valid for votelib too


@CHECK
@given(st.data())
def test_dots_and_points_rules_agree_with_votelib_validators(data):
    rules = data.draw(st.one_of(dots_rules(), points_rules()))
    top = rules.dots_per_voter if rules.method == "dots" else rules.budget
    raw = data.draw(st.dictionaries(st.sampled_from(rules.options), st.integers(0, top + 2)))

    try:
        clean_ballot(rules, raw)
        ours = True
    except BallotError:
        ours = False
    try:
        range_validator(rules).validate(frozenset((k, v) for k, v in raw.items() if v))
        theirs = True
    except VoteError:
        theirs = False

    assert ours == theirs


@CHECK
@given(cases(APPROVAL_RULES))
def test_approval_matches_votelib(case):
    rules, ballots = case
    votes = approval_votes(ballots)

    result = tally(rules, ballots)

    approvals = ApprovalToSimpleVotes().convert(votes)
    assert {r.option: r.score for r in result.options} == {
        key: approvals.get(key, 0) for key in rules.options
    }
    assert_ties_match_votelib(result, approvals)
    validator = ApprovalVoteValidator(vote_count_bounds=(1, len(rules.options)))
    for vote in votes:
        validator.validate(vote)


@CHECK
@given(cases(RANKING_RULES))
def test_borda_matches_votelib_with_the_convention_mapped(case):
    rules, ballots = case
    m = len(rules.options)
    votes = ranked_votes(ballots)
    n = len({key for b in ballots for key in b.values})  # options ranked on any ballot

    result = tally(rules, ballots)

    theirs = RankedToPositionalVotes(Borda(base=0)).convert(votes) if votes else {}
    for row in result.options:
        assert row.score == theirs.get(row.option, 0) + (m - n) * row.supporters
    validator = RankedVoteValidator(total_vote_count_bounds=(1, m))
    for vote in votes:
        validator.validate(vote)


def test_borda_convention_difference_on_a_fixed_profile():
    rules = Rules(method="ranking", options=("a", "b", "c", "d"))
    ballots = [
        TallyBallot({"a": 1, "b": 2}, "", "phone"),
        TallyBallot({"b": 1, "c": 2}, "", "phone"),
    ]
    votes = ranked_votes(ballots)

    result = tally(rules, ballots)
    theirs = RankedToPositionalVotes(Borda(base=0)).convert(votes)

    # Ours, m = 4: a 3; b 2 + 3 = 5; c 2; d 0 (unranked by all).
    assert {r.option: r.score for r in result.options} == {"a": 3, "b": 5, "c": 2, "d": 0}
    # votelib sees n = 3 candidates (d never appears): a 2; b 1 + 2 = 3; c 1; no d.
    assert theirs == {"a": 2, "b": 3, "c": 1}
    # Mapping: + (m - n) = 1 per ranked appearance: a 2 + 1, b 3 + 2, c 1 + 1.


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        # Every option ranked somewhere: n = m, no correction (m = 3: 2, 1, 0).
        ([{"a": 1, "b": 2, "c": 3}, {"c": 1}], {"a": 2, "b": 1, "c": 2}),
        ([{"b": 1, "a": 2}, {"c": 1, "a": 2}], {"a": 2, "b": 2, "c": 2}),
    ],
)
def test_borda_equals_votelib_when_every_option_is_ranked(values, expected):
    rules = Rules(method="ranking", options=("a", "b", "c"))
    ballots = [TallyBallot(v, "", "phone") for v in values]

    result = tally(rules, ballots)

    assert {r.option: r.score for r in result.options} == expected
    assert RankedToPositionalVotes(Borda(base=0)).convert(ranked_votes(ballots)) == expected
