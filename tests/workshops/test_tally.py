"""Hand-computed tallies for every method (workshops/tally.py, docs/voting.md).

The arithmetic behind every expected number is written next to it. Messages are not asserted
(they get Danish translations); errors are asserted by their codes.
"""

import json
from decimal import Decimal
from fractions import Fraction

import pytest

from workshops.tally import (
    METHOD_VERSION,
    METHODS,
    BallotError,
    Criterion,
    Rules,
    TallyBallot,
    agreement_level,
    canonical_json,
    clean_ballot,
    result_to_json,
    rules_errors,
    rules_issues,
    spearman,
    tally,
)

D = Decimal


def ballots(*values, group="", source="phone"):
    return [TallyBallot(values=v, group=group, source=source) for v in values]


def rows(result):
    """(option, rank, tied, decided_by, score, supporters, share) per option, in ranked order."""
    return [
        (r.option, r.rank, r.tied, r.decided_by, r.score, r.supporters, r.share)
        for r in result.options
    ]


DOTS = Rules(method="dots", options=("a", "b", "c", "d"), dots_per_voter=5, cap_per_option=3)
POINTS = Rules(method="points", options=("a", "b", "c"), budget=10)
RANKING = Rules(method="ranking", options=("a", "b", "c", "d"))
APPROVAL = Rules(method="approval", options=("a", "b", "c"))
MATRIX = Rules(
    method="matrix",
    options=("a", "b", "c", "d"),
    criteria=(
        Criterion(key="v", label="Faglig værdi", weight=D("2")),
        Criterion(key="g", label="Gennemførlighed", weight=D("1")),
    ),
)


# ---------------------------------------------------------------------------------------------
# Dots


def test_dots_scores_supporters_and_tie_broken_by_supporters():
    result = tally(
        DOTS,
        ballots({"a": 3, "b": 1}, {"a": 2, "c": 2}, {"b": 2, "c": 1, "d": 1}, {"b": 2, "d": 1}),
    )

    # a = 3 + 2 = 5 (2 supporters); b = 1 + 2 + 2 = 5 (3 supporters): b wins the tie-break.
    # c = 2 + 1 = 3; d = 1 + 1 = 2; total 15; shares 5/15, 5/15, 3/15, 2/15.
    assert rows(result) == [
        ("b", 1, False, "supporters", 5, 3, D("0.3333")),
        ("a", 2, False, "supporters", 5, 2, D("0.3333")),
        ("c", 3, False, None, 3, 2, D("0.2000")),
        ("d", 4, False, None, 2, 2, D("0.1333")),
    ]
    assert result.total_score == 15
    assert result.ballot_count == 4
    assert result.ties == ()
    # Medians over all four ballots (0 where not given): a [0,0,2,3] -> (0+2)/2 = 1;
    # b [0,1,2,2] -> 1.5; c [0,0,1,2] -> 0.5; d [0,0,1,1] -> 0.5.
    assert [(r.option, r.median) for r in result.options] == [
        ("b", D("1.5000")),
        ("a", D("1.0000")),
        ("c", D("0.5000")),
        ("d", D("0.5000")),
    ]
    assert result.option("a").distribution == ((0, 2), (2, 1), (3, 1))
    assert result.option("b").distribution == ((0, 1), (1, 1), (2, 2))
    assert result.option("d").distribution == ((0, 2), (1, 2))
    assert result.option("a").first_places is None


def test_dots_tie_that_supporters_do_not_break_is_shown():
    result = tally(DOTS, ballots({"a": 2, "b": 2}, {"a": 1, "b": 1, "c": 3}))

    # a = 2 + 1 = 3 (2 supporters), b = 2 + 1 = 3 (2), c = 3 (1), d = 0.
    # c is placed below a and b by supporters; a and b stay tied at rank 1 ("1, 1, 3, 4").
    assert rows(result) == [
        ("a", 1, True, None, 3, 2, D("0.3333")),
        ("b", 1, True, None, 3, 2, D("0.3333")),
        ("c", 3, False, "supporters", 3, 1, D("0.3333")),
        ("d", 4, False, None, 0, 0, D("0.0000")),
    ]
    assert result.order == (("a", "b"), ("c",), ("d",))
    assert result.ties == (("a", "b"),)


def test_dots_sensitivity_differs_when_support_reorders_the_top_three():
    result = tally(
        DOTS,
        ballots({"a": 3, "b": 1}, {"a": 2, "c": 2}, {"b": 2, "c": 1, "d": 1}, {"b": 2, "d": 1}),
    )

    # By score: b 1, a 2, c 3. By supporters: b 3 -> 1; a, c, d 2 -> all rank 2.
    s = result.sensitivity
    assert s.applicable is True
    assert s.by_score == (("b", 1), ("a", 2), ("c", 3))
    assert s.by_support == (("b", 1), ("a", 2), ("c", 2), ("d", 2))
    assert (s.differs_as_set, s.differs_in_order) == (True, True)


def test_dots_sensitivity_same_when_support_gives_the_same_top_three():
    result = tally(DOTS, ballots({"a": 2, "b": 2}, {"a": 1, "b": 1, "c": 3}))

    # By score a 1, b 1, c 3; by supporters a 2, b 2, c 1 -> a 1, b 1, c 3: the same.
    s = result.sensitivity
    assert s.by_score == s.by_support == (("a", 1), ("b", 1), ("c", 3))
    assert (s.differs_as_set, s.differs_in_order) == (False, False)


# ---------------------------------------------------------------------------------------------
# Points


def test_points_scores_shares_medians_expose_polarisation():
    result = tally(
        POINTS,
        ballots({"a": 10}, {"b": 6, "c": 4}, {"b": 5, "c": 5}, {"a": 4, "b": 3, "c": 3}, {"b": 10}),
    )

    # a = 10 + 4 = 14; b = 6 + 5 + 3 + 10 = 24; c = 4 + 5 + 3 = 12; total 50 = 5 ballots x 10.
    # shares 24/50 = 0.48, 14/50 = 0.28, 12/50 = 0.24.
    assert rows(result) == [
        ("b", 1, False, None, 24, 4, D("0.4800")),
        ("a", 2, False, None, 14, 2, D("0.2800")),
        ("c", 3, False, None, 12, 3, D("0.2400")),
    ]
    assert result.total_score == 50
    # a is polarised: 14 points but a median of 0 ([0,0,0,4,10]); b [0,3,5,6,10] -> 5;
    # c [0,0,3,4,5] -> 3.
    assert [(r.option, r.median) for r in result.options] == [
        ("b", D("5.0000")),
        ("a", D("0.0000")),
        ("c", D("3.0000")),
    ]
    assert result.option("a").distribution == ((0, 3), (4, 1), (10, 1))
    assert result.option("c").distribution == ((0, 2), (3, 1), (4, 1), (5, 1))


def test_points_sensitivity_same_set_other_order():
    result = tally(
        POINTS,
        ballots({"a": 10}, {"b": 6, "c": 4}, {"b": 5, "c": 5}, {"a": 4, "b": 3, "c": 3}, {"b": 10}),
    )

    # By score b, a, c; by supporters b (4), c (3), a (2).
    s = result.sensitivity
    assert s.by_score == (("b", 1), ("a", 2), ("c", 3))
    assert s.by_support == (("b", 1), ("c", 2), ("a", 3))
    assert (s.differs_as_set, s.differs_in_order) == (False, True)


def test_points_equal_scores_are_a_tie_without_tie_break():
    result = tally(POINTS, ballots({"a": 5, "b": 5}, {"a": 2, "b": 8}, {"a": 8, "b": 2}))

    # a = 5 + 2 + 8 = 15 (3 supporters), b = 5 + 8 + 2 = 15 (3), c = 0. Points have no tie-break.
    assert rows(result) == [
        ("a", 1, True, None, 15, 3, D("0.5000")),
        ("b", 1, True, None, 15, 3, D("0.5000")),
        ("c", 3, False, None, 0, 0, D("0.0000")),
    ]


def test_points_at_most_budget_counts_what_was_given():
    rules = Rules(method="points", options=("a", "b"), budget=10, budget_exact=False)

    result = tally(rules, ballots({"a": 3}, {"a": 2, "b": 8}))

    # a = 3 + 2 = 5, b = 8; total 13 (< 2 x 10 because the first voter gave only 3).
    assert rows(result) == [
        ("b", 1, False, None, 8, 1, D("0.6154")),
        ("a", 2, False, None, 5, 2, D("0.3846")),
    ]
    assert result.total_score == 13


# ---------------------------------------------------------------------------------------------
# Ranking (Borda: m - r, unranked 0)


def test_ranking_borda_with_partial_rankings():
    result = tally(
        RANKING,
        ballots(
            {"a": 1, "b": 2, "c": 3, "d": 4},  # a 3, b 2, c 1, d 0 (full: 4*3/2 = 6)
            {"b": 1, "a": 2},  # b 3, a 2
            {"c": 1},  # c 3
            {"d": 1, "b": 2, "a": 3},  # d 3, b 2, a 1
        ),
    )

    # a = 3 + 2 + 0 + 1 = 6; b = 2 + 3 + 0 + 2 = 7; c = 1 + 0 + 3 + 0 = 4; d = 0 + 0 + 0 + 3 = 3.
    # total 20 = 6 + 5 + 3 + 6; shares 7/20, 6/20, 4/20, 3/20.
    assert rows(result) == [
        ("b", 1, False, None, 7, 3, D("0.3500")),
        ("a", 2, False, None, 6, 3, D("0.3000")),
        ("c", 3, False, None, 4, 2, D("0.2000")),
        ("d", 4, False, None, 3, 2, D("0.1500")),
    ]
    assert [(r.option, r.first_places) for r in result.options] == [
        ("b", 1),
        ("a", 1),
        ("c", 1),
        ("d", 1),
    ]
    # Distribution by rank, 0 = unranked: a is 1st, 2nd and 3rd once, unranked once.
    assert result.option("a").distribution == ((0, 1), (1, 1), (2, 1), (3, 1), (4, 0))
    assert result.option("a").median is None


def test_ranking_tie_broken_by_first_places():
    rules = Rules(method="ranking", options=("a", "b", "c"))

    result = tally(rules, ballots({"a": 1}, {"c": 1, "b": 2}, {"c": 1, "b": 2}))

    # m = 3: a = 2 (one first place); b = 1 + 1 = 2 (none); c = 2 + 2 = 4.
    assert [(r.option, r.rank, r.decided_by, r.score, r.first_places) for r in result.options] == [
        ("c", 1, None, 4, 2),
        ("a", 2, "first_places", 2, 1),
        ("b", 3, "first_places", 2, 0),
    ]


def test_ranking_tie_broken_head_to_head():
    result = tally(RANKING, ballots({"a": 1, "b": 2}, {"b": 1}, {"c": 1, "a": 2}))

    # m = 4: a = 3 + 0 + 2 = 5, b = 2 + 3 + 0 = 5, one first place each.
    # a above b: ballot 1 (1 < 2) and ballot 3 (b unranked) = 2; b above a: ballot 2 = 1.
    # c = 3, d = 0.
    assert [(r.option, r.rank, r.decided_by, r.score) for r in result.options] == [
        ("a", 1, "head_to_head", 5),
        ("b", 2, "head_to_head", 5),
        ("c", 3, None, 3),
        ("d", 4, None, 0),
    ]


def test_ranking_head_to_head_cycle_is_a_tie():
    rules = Rules(method="ranking", options=("a", "b", "c"))

    result = tally(rules, ballots({"a": 1, "b": 2, "c": 3}, {"b": 1, "c": 2}, {"c": 1, "a": 2}))

    # m = 3: a = 2 + 0 + 1 = 3, b = 1 + 2 + 0 = 3, c = 0 + 1 + 2 = 3; one first place each.
    # Head-to-head a > b (2:1), b > c (2:1), c > a (2:1): a cycle, so all three stay tied.
    assert [(r.option, r.rank, r.tied, r.decided_by) for r in result.options] == [
        ("a", 1, True, None),
        ("b", 1, True, None),
        ("c", 1, True, None),
    ]


def test_ranking_head_to_head_among_three_separates_one_and_ties_two():
    result = tally(
        RANKING,
        ballots(
            {"a": 1, "b": 2, "d": 3, "c": 4},  # a 3, b 2, d 1
            {"a": 1, "c": 2, "d": 3, "b": 4},  # a 3, c 2, d 1
            {"b": 1},  # b 3
            {"b": 1},  # b 3
            {"c": 1},  # c 3
            {"c": 1},  # c 3
            {"d": 1, "a": 2},  # d 3, a 2
        ),
    )

    # a = 3 + 3 + 2 = 8, b = 2 + 3 + 3 = 8, c = 2 + 3 + 3 = 8; two first places each; d = 5.
    # a beats b 3:2 (ballots 1, 2, 7 vs 3, 4) and c 3:2; b vs c 3:3 -> a first, b and c tied.
    assert [(r.option, r.rank, r.tied, r.decided_by, r.score) for r in result.options] == [
        ("a", 1, False, "head_to_head", 8),
        ("b", 2, True, None, 8),
        ("c", 2, True, None, 8),
        ("d", 4, False, None, 5),
    ]
    assert result.total_score == 29  # 6 + 6 + 3 + 3 + 3 + 3 + 5


# ---------------------------------------------------------------------------------------------
# Approval


def test_approval_share_is_approvals_over_ballots_and_ties_are_shown():
    result = tally(
        APPROVAL,
        ballots(
            {"a": True, "b": True}, {"a": True}, {"b": True, "c": True}, {"a": True, "c": True}
        ),
    )

    # a 3 of 4 ballots = 0.75; b 2/4 and c 2/4 tie at rank 2.
    assert rows(result) == [
        ("a", 1, False, None, 3, 3, D("0.7500")),
        ("b", 2, True, None, 2, 2, D("0.5000")),
        ("c", 2, True, None, 2, 2, D("0.5000")),
    ]
    assert result.option("b").distribution == ((0, 2), (1, 2))
    assert result.sensitivity.applicable is False
    assert result.sensitivity.by_support == ()
    assert result.sensitivity.differs_as_set is False


# ---------------------------------------------------------------------------------------------
# Scoring matrix


def matrix_result():
    return tally(
        MATRIX,
        ballots(
            {"a": {"v": 5, "g": 4}, "b": {"v": 2, "g": None}, "c": {"v": 3, "g": 3}},
            {"a": {"v": 4, "g": None}, "b": {"v": 1, "g": 5}, "d": {"v": None, "g": 4}},
            {"a": {"v": None, "g": 2}, "b": {"v": 3, "g": 4}, "c": {"v": None, "g": 5}},
        ),
    )


def test_matrix_weighted_means_ignore_ved_ikke():
    result = matrix_result()

    # Weights v 2, g 1. "ved ikke" (None) is left out of the mean, not counted as 0.
    # a: v (5+4)/2 = 4.5, g (4+2)/2 = 3   -> (2*4.5 + 1*3)/3 = 12/3 = 4
    # d: v -, g 4                          -> only g has a mean: 4/1 = 4 (tie with a)
    # c: v 3/1 = 3, g (3+5)/2 = 4          -> (2*3 + 4)/3 = 10/3 = 3.3333
    # b: v (2+1+3)/3 = 2, g (5+4)/2 = 4.5  -> (2*2 + 4.5)/3 = 8.5/3 = 2.8333
    assert rows(result) == [
        ("a", 1, True, None, D("4.0000"), 3, None),
        ("d", 1, True, None, D("4.0000"), 1, None),
        ("c", 3, False, None, D("3.3333"), 2, None),
        ("b", 4, False, None, D("2.8333"), 3, None),
    ]
    assert result.option("c").score_exact == Fraction(10, 3)
    assert result.total_score is None
    c_v, c_g = result.option("c").criteria
    assert (c_v.key, c_v.mean, c_v.known, c_v.unknown) == ("v", D("3.0000"), 1, 2)
    assert (c_g.key, c_g.mean, c_g.known, c_g.unknown) == ("g", D("4.0000"), 2, 1)
    assert c_g.distribution == ((1, 0), (2, 0), (3, 1), (4, 0), (5, 1))
    assert result.option("d").criteria[0].mean is None


def test_matrix_quadrant_against_the_scale_midpoint():
    result = matrix_result()

    # Midpoint (1 + 5)/2 = 3; a mean equal to the midpoint counts as high.
    # a: v 4.5, g 3 -> high-high; b: v 2, g 4.5 -> low-high; c: v 3, g 4 -> high-high;
    # d: no mean on v -> no quadrant.
    assert {r.option: r.quadrant for r in result.options} == {
        "a": "high-high",
        "b": "low-high",
        "c": "high-high",
        "d": None,
    }


def test_matrix_option_without_any_score_comes_last_without_score():
    rules = Rules(method="matrix", options=("a", "b", "c"), criteria=MATRIX.criteria)

    result = tally(rules, ballots({"a": {"v": 1, "g": 1}}))

    # a: (2*1 + 1)/3 = 1; b and c have no known score: no score, tied last.
    assert [(r.option, r.rank, r.tied, r.score) for r in result.options] == [
        ("a", 1, False, D("1.0000")),
        ("b", 2, True, None),
        ("c", 2, True, None),
    ]


# ---------------------------------------------------------------------------------------------
# Groups, agreement, sources


def group_ballots():
    leder = ballots(
        {"a": True, "b": True, "c": True},
        {"a": True, "b": True, "c": True},
        {"a": True, "b": True},
        {"a": True, "b": True},
        {"a": True},
        group="leder",
    )  # a 5, b 4, c 2, d 0
    medarbejder = ballots(
        {"a": True, "b": True, "c": True},
        {"a": True, "b": True, "d": True},
        {"a": True, "b": True, "d": True},
        {"a": True, "b": True},
        {"b": True},
        {"b": True},
        group="medarbejder",
        source="open",
    )  # a 4, b 6, c 1, d 2
    dagpleje = ballots({"c": True}, {"d": True}, group="dagpleje", source="paper")
    digitalisering = ballots({"d": True}, {"d": True}, {"c": True, "d": True}, group="digital")
    return leder + medarbejder + dagpleje + digitalisering


APPROVAL4 = Rules(method="approval", options=("a", "b", "c", "d"))


def test_groups_below_five_ballots_are_hidden_with_their_count_only():
    result = tally(APPROVAL4, group_ballots(), group_keys=["leder", "medarbejder", "styregruppe"])

    # Given keys first, then the others sorted; dagpleje (2), digital (3), styregruppe (0) < 5.
    assert [(g.group, g.ballot_count, g.shown, g.hidden_reason) for g in result.groups] == [
        ("leder", 5, True, ""),
        ("medarbejder", 6, True, ""),
        ("styregruppe", 0, False, "small"),
        ("dagpleje", 2, False, "small"),
        ("digital", 3, False, "small"),
    ]
    assert [g.options for g in result.groups if not g.shown] == [(), (), ()]
    leder = result.groups[0]
    # leder: a 5/5, b 4/5, c 2/5, d 0/5.
    assert [(r.option, r.rank, r.score, r.share) for r in leder.options] == [
        ("a", 1, 5, D("1.0000")),
        ("b", 2, 4, D("0.8000")),
        ("c", 3, 2, D("0.4000")),
        ("d", 4, 0, D("0.0000")),
    ]
    # Overall: a 5 + 4 = 9; b 4 + 6 = 10; c 2 + 1 + 1 + 1 = 5; d 0 + 2 + 1 + 3 = 6; 16 ballots.
    assert [(r.option, r.score, r.share) for r in result.options] == [
        ("b", 10, D("0.6250")),
        ("a", 9, D("0.5625")),
        ("d", 6, D("0.3750")),
        ("c", 5, D("0.3125")),
    ]
    assert result.ballot_count == 16
    assert result.source_counts == {"phone": 8, "paper": 2, "open": 6}


def test_agreement_is_spearman_between_shown_groups():
    result = tally(APPROVAL4, group_ballots())

    # leder ranks a 1, b 2, c 3, d 4; medarbejder b 1, a 2, d 3, c 4.
    # d = (-1, 1, -1, 1), sum d^2 = 4: rho = 1 - 6*4 / (4*(16-1)) = 1 - 24/60 = 0.6.
    assert [(a.group_a, a.group_b, a.rho, a.level) for a in result.agreement] == [
        ("leder", "medarbejder", D("0.6000"), "some"),
    ]


def test_spearman_uses_average_ranks_for_ties():
    # x = (1, 2, 2, 3) -> ranks (4, 2.5, 2.5, 1); y = (1, 2, 3, 4) -> ranks (4, 3, 2, 1).
    # Deviations from 2.5: x (1.5, 0, 0, -1.5), y (1.5, 0.5, -0.5, -1.5).
    # Sxy = 2.25 + 2.25 = 4.5; Sxx = 4.5; Syy = 5 -> rho = 4.5 / sqrt(22.5) = 0.948683...
    assert spearman([1, 2, 2, 3], [1, 2, 3, 4]) == D("0.9487")
    assert spearman([1, 2, 3, 4], [4, 3, 2, 1]) == D("-1.0000")
    assert spearman([1, 2, 3], [1, 2, 3]) == D("1.0000")
    assert spearman([2, 2, 2], [1, 2, 3]) is None  # no variation: not measurable


@pytest.mark.parametrize(
    ("rho", "level"),
    [
        (D("1.0000"), "strong"),
        (D("0.7000"), "strong"),
        (D("0.6999"), "some"),
        (D("0.4000"), "some"),
        (D("0.3999"), "little"),
        (D("0.0000"), "little"),
        (D("-0.0001"), "disagreement"),
        (None, "undefined"),
    ],
)
def test_agreement_level_thresholds(rho, level):
    assert agreement_level(rho) == level


def test_a_small_remainder_hides_the_smallest_shown_group_too():
    # leder 5 and medarbejder 6 are big enough, dagpleje has 2. Showing both big groups would
    # give away dagpleje's numbers (total minus the two), so leder (the smaller) is hidden too.
    all_ballots = group_ballots()[:13]  # leder 5, medarbejder 6, dagpleje 2

    result = tally(APPROVAL4, all_ballots)

    assert [(g.group, g.ballot_count, g.shown, g.hidden_reason) for g in result.groups] == [
        ("dagpleje", 2, False, "small"),
        ("leder", 5, False, "complement"),
        ("medarbejder", 6, True, ""),
    ]
    assert result.agreement == ()


def test_ballots_without_group_count_in_the_remainder():
    leder = ballots(*[{"a": True}] * 5, group="leder")
    ungrouped = ballots({"b": True})

    result = tally(APPROVAL4, leder + ungrouped)

    # Showing leder would expose the single ungrouped ballot (total minus leder).
    assert [(g.group, g.shown, g.hidden_reason) for g in result.groups] == [
        ("leder", False, "complement"),
    ]


def test_min_group_size_is_a_parameter():
    result = tally(APPROVAL4, group_ballots(), min_group_size=2)

    assert [(g.group, g.shown) for g in result.groups] == [
        ("dagpleje", True),
        ("digital", True),
        ("leder", True),
        ("medarbejder", True),
    ]
    assert len(result.agreement) == 6  # 4 groups: 4*3/2 pairs


def test_no_ballots_gives_all_options_tied_at_rank_one():
    result = tally(POINTS, [])

    assert rows(result) == [
        ("a", 1, True, None, 0, 0, None),
        ("b", 1, True, None, 0, 0, None),
        ("c", 1, True, None, 0, 0, None),
    ]
    assert result.option("a").median is None
    assert result.source_counts == {"phone": 0, "paper": 0, "open": 0}


# ---------------------------------------------------------------------------------------------
# Frozen result (canonical JSON)


def test_result_to_json_is_canonical_and_plain():
    all_ballots = group_ballots()

    first = result_to_json(tally(APPROVAL4, all_ballots, labels={"a": "Mere tid"}))
    again = result_to_json(tally(APPROVAL4, list(reversed(all_ballots)), labels={"a": "Mere tid"}))

    assert json.dumps(first, sort_keys=True) == json.dumps(again, sort_keys=True)
    assert canonical_json(first) == canonical_json(again)
    assert json.loads(json.dumps(first)) == first  # plain JSON types only
    assert first["method"] == "approval"
    assert first["method_version"] == METHOD_VERSION["approval"] == 1
    assert first["ballot_count"] == 16
    assert first["source_counts"] == {"open": 6, "paper": 2, "phone": 8}
    assert first["labels"] == {"a": "Mere tid"}
    assert first["order"] == [["b"], ["a"], ["d"], ["c"]]
    assert first["options"][0] == {
        "option": "b",
        "rank": 1,
        "tied": False,
        "decided_by": None,
        "score": 10,
        "supporters": 10,
        "share": "0.6250",
        "median": None,
        "distribution": [[0, 6], [1, 10]],
        "first_places": None,
        "criteria": [],
        "quadrant": None,
    }
    assert [(g["group"], g["shown"], len(g["options"])) for g in first["groups"]] == [
        ("dagpleje", False, 0),
        ("digital", False, 0),
        ("leder", True, 4),
        ("medarbejder", True, 4),
    ]
    assert first["agreement"] == [
        {"groups": ["leder", "medarbejder"], "rho": "0.6000", "level": "some"}
    ]
    assert first["sensitivity"]["applicable"] is False


def test_result_to_json_of_a_matrix_keeps_decimals_as_fixed_strings():
    data = result_to_json(matrix_result())

    assert data["rules"]["criteria"] == [
        {"key": "v", "label": "Faglig værdi", "weight": "2.0000"},
        {"key": "g", "label": "Gennemførlighed", "weight": "1.0000"},
    ]
    assert [(o["option"], o["score"], o["quadrant"]) for o in data["options"]] == [
        ("a", "4.0000", "high-high"),
        ("d", "4.0000", None),
        ("c", "3.3333", "high-high"),
        ("b", "2.8333", "low-high"),
    ]
    assert data["order"] == [["a", "d"], ["c"], ["b"]]
    assert data["total_score"] is None
    assert data["options"][2]["criteria"][1] == {
        "key": "g",
        "mean": "4.0000",
        "known": 2,
        "unknown": 1,
        "distribution": [[1, 0], [2, 0], [3, 1], [4, 0], [5, 1]],
    }


# ---------------------------------------------------------------------------------------------
# Ballot rules


def codes(rules, raw):
    with pytest.raises(BallotError) as info:
        clean_ballot(rules, raw)
    return info.value.codes


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"x": 1}, ["unknown_option"]),
        ({"a": 1, "x": 1, "y": 2}, ["unknown_option"]),
        ({"a": "1.5"}, ["not_integer"]),
        ({"a": 1.5}, ["not_integer"]),
        ({"a": True}, ["not_integer"]),
        ({"a": [1]}, ["not_integer"]),
        ({"a": -1}, ["negative"]),
        ({"a": 4}, ["over_cap"]),
        ({"a": 3, "b": 3}, ["too_many_dots"]),
        ({"a": 4, "b": 2}, ["over_cap", "too_many_dots"]),
        ({"a": -1, "b": "x"}, ["negative", "not_integer"]),
        ({}, ["empty"]),
        ({"a": 0, "b": "", "c": None}, ["empty"]),
    ],
)
def test_clean_dots_rejects(raw, expected):
    assert codes(DOTS, raw) == expected


def test_clean_dots_normalises():
    assert clean_ballot(DOTS, {"c": " 3 ", "a": "2", "b": 0, "d": ""}) == {"a": 2, "c": 3}
    assert list(clean_ballot(DOTS, {"c": 1, "a": 1})) == ["a", "c"]  # canonical order


def test_clean_dots_accepts_integer_keys_as_strings():
    rules = Rules(method="dots", options=("7", "9"), dots_per_voter=3)

    assert clean_ballot(rules, {7: 2, "9": 1}) == {"7": 2, "9": 1}


@pytest.mark.parametrize(
    ("rules", "raw", "expected"),
    [
        (POINTS, {"a": 9}, ["points_not_exact"]),
        (POINTS, {"a": 6, "b": 5}, ["points_not_exact"]),
        (POINTS, {}, ["empty"]),
        (POINTS, {"a": 11, "b": -1}, ["negative", "points_not_exact"]),
        (
            Rules("points", ("a", "b"), budget=10, budget_exact=False),
            {"a": 11},
            ["points_over_budget"],
        ),
        (Rules("points", ("a", "b"), budget=10, budget_exact=False), {"a": 0}, ["empty"]),
    ],
)
def test_clean_points_rejects(rules, raw, expected):
    assert codes(rules, raw) == expected


def test_clean_points_accepts_exact_and_at_most():
    assert clean_ballot(POINTS, {"a": 4, "b": "6", "c": 0}) == {"a": 4, "b": 6}
    at_most = Rules(method="points", options=("a", "b"), budget=10, budget_exact=False)
    assert clean_ballot(at_most, {"a": 3}) == {"a": 3}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"a": 1, "b": 1}, ["duplicate_rank"]),
        ({"a": 1, "b": 1, "c": 2, "d": 2}, ["duplicate_rank", "duplicate_rank"]),
        ({"a": 5}, ["rank_out_of_range"]),
        ({"a": -1}, ["rank_out_of_range"]),
        ({"a": 1, "c": 3}, ["rank_gap"]),
        ({"a": 2}, ["rank_gap"]),
        ({"a": "first"}, ["not_integer"]),
        ({}, ["empty"]),
        ({"a": 0, "b": ""}, ["empty"]),
        ({"z": 1}, ["unknown_option"]),
    ],
)
def test_clean_ranking_rejects(raw, expected):
    assert codes(RANKING, raw) == expected


def test_clean_ranking_normalises_in_rank_order():
    cleaned = clean_ballot(RANKING, {"d": "1", "a": 2, "b": 0, "c": None})

    assert cleaned == {"d": 1, "a": 2}
    assert list(cleaned) == ["d", "a"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"a": "maybe"}, ["invalid_value"]),
        ({"a": 2}, ["invalid_value"]),
        ({}, ["empty"]),
        ({"a": False, "b": "", "c": None}, ["empty"]),
        ({"q": True}, ["unknown_option"]),
    ],
)
def test_clean_approval_rejects(raw, expected):
    assert codes(APPROVAL, raw) == expected


def test_clean_approval_normalises():
    assert clean_ballot(APPROVAL, {"c": "on", "a": True, "b": False}) == {"a": True, "c": True}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"a": {"v": 6}}, ["score_out_of_range"]),
        ({"a": {"v": 0, "g": 9}}, ["score_out_of_range", "score_out_of_range"]),
        ({"a": {"v": "high"}}, ["not_integer"]),
        ({"a": {"x": 3}}, ["unknown_criterion"]),
        ({"a": 5}, ["not_a_mapping"]),
        ({"a": {"v": None, "g": ""}}, ["empty"]),
        ({}, ["empty"]),
        ({"e": {"v": 1}}, ["unknown_option"]),
    ],
)
def test_clean_matrix_rejects(raw, expected):
    assert codes(MATRIX, raw) == expected


def test_clean_matrix_without_ved_ikke_needs_every_cell():
    rules = Rules(
        method="matrix", options=("a", "b"), criteria=MATRIX.criteria, allow_unknown=False
    )

    assert codes(rules, {"a": {"v": 3, "g": 3}}) == ["unknown_not_allowed"]
    assert codes(rules, {"a": {"v": 3, "g": None}, "b": {"v": 1, "g": 2}}) == [
        "unknown_not_allowed"
    ]
    assert clean_ballot(rules, {"a": {"v": 3, "g": 3}, "b": {"v": 1, "g": "2"}}) == {
        "a": {"v": 3, "g": 3},
        "b": {"v": 1, "g": 2},
    }


def test_clean_matrix_normalises_ved_ikke_to_none():
    cleaned = clean_ballot(MATRIX, {"b": {"v": "4", "g": "unknown"}, "a": {"g": 2}, "c": {}})

    assert cleaned == {"a": {"v": None, "g": 2}, "b": {"v": 4, "g": None}}


def test_ballot_error_lists_codes_messages_and_options():
    with pytest.raises(BallotError) as info:
        clean_ballot(DOTS, {"a": 4, "b": 2}, labels={"a": "Mere tid til børnene"})

    error = info.value
    assert error.codes == ["over_cap", "too_many_dots"]
    assert error.options == ["a", None]
    assert len(error.messages) == 2
    assert all(isinstance(message, str) and message for message in error.messages)
    assert [code for code, _message in error.errors] == error.codes


def test_clean_ballot_rejects_a_non_mapping():
    assert codes(DOTS, ["a", "b"]) == ["not_a_mapping"]


# ---------------------------------------------------------------------------------------------
# Rules and tally input


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        (Rules(method="dots", options=("a",)), ["too_few_options"]),
        (Rules(method="dots", options=("a", "a")), ["duplicate_option"]),
        (Rules(method="vote", options=("a", "b")), ["method"]),
        (Rules(method="dots", options=("a", "b"), dots_per_voter=0), ["dots_per_voter"]),
        (Rules(method="dots", options=("a", "b"), cap_per_option=6), ["cap_per_option"]),
        (Rules(method="dots", options=("a", "b"), cap_per_option=0), ["cap_per_option"]),
        (Rules(method="points", options=("a", "b"), budget=0), ["budget"]),
        (
            Rules(method="matrix", options=("a", "b"), criteria=MATRIX.criteria[:1]),
            ["too_few_criteria"],
        ),
        (
            Rules(
                method="matrix",
                options=("a", "b"),
                criteria=(Criterion("v", "V", D("0")), Criterion("g", "G", D("-1"))),
            ),
            ["weight", "weight"],
        ),
        (
            Rules(
                method="matrix",
                options=("a", "b"),
                criteria=(Criterion("v", "V", D("1")), Criterion("v", "V2", D("1"))),
            ),
            ["criterion_key"],
        ),
        (
            Rules(method="matrix", options=("a", "b"), criteria=MATRIX.criteria, scale_max=1),
            ["scale_max"],
        ),
    ],
)
def test_rules_issues(rules, expected):
    assert [code for code, _message in rules_issues(rules)] == expected
    assert len(rules_errors(rules)) == len(expected)


@pytest.mark.parametrize("method", METHODS)
def test_default_rules_are_valid_for_every_method(method):
    rules = Rules(method=method, options=("a", "b"), criteria=MATRIX.criteria)

    assert rules_errors(rules) == []


def test_tally_refuses_invalid_input():
    with pytest.raises(ValueError, match="Invalid ballot"):
        tally(DOTS, ballots({"a": 6}))
    with pytest.raises(ValueError, match="Unknown ballot source"):
        tally(DOTS, ballots({"a": 1}, source="fax"))
    with pytest.raises(ValueError, match="Invalid rules"):
        tally(Rules(method="dots", options=("a",)), [])


def test_tally_cleans_ballots_again_after_a_json_round_trip():
    stored = json.loads(json.dumps({"a": "2", "c": 1}))

    result = tally(DOTS, ballots(stored))

    assert result.option("a").score == 2
