"""Invariants of the tally on random ballots (hypothesis).

Ballot generators build only valid ballots (as clean_ballot accepts them); the last tests feed
random raw input to clean_ballot and compare it with a small reference validator written
independently here.
"""

from decimal import Decimal
from fractions import Fraction
from itertools import pairwise

from hypothesis import event, given, settings
from hypothesis import strategies as st

from workshops.tally import (
    BallotError,
    Criterion,
    Rules,
    TallyBallot,
    clean_ballot,
    result_to_json,
    spearman,
    tally,
)

# No example database: nothing is written into the working tree.
FAST = settings(max_examples=150, deadline=None, database=None)
GROUPS = ("", "leder", "medarbejder", "dagpleje", "digitalisering")
SOURCES = ("phone", "paper", "open")


@st.composite
def option_keys(draw):
    m = draw(st.integers(2, 6))
    return tuple(str(i) for i in range(1, m + 1))


@st.composite
def dots_ballot(draw, rules):
    limit = rules.cap_per_option or rules.dots_per_voter
    order = draw(st.permutations(rules.options))
    remaining = rules.dots_per_voter
    values = {}
    for key in order:
        given_dots = draw(st.integers(0, min(limit, remaining)))
        if given_dots:
            values[key] = given_dots
            remaining -= given_dots
    if not values:
        values[order[0]] = 1
    return values


@st.composite
def points_ballot(draw, rules):
    total = rules.budget if rules.budget_exact else draw(st.integers(1, rules.budget))
    m = len(rules.options)
    cuts = sorted(draw(st.lists(st.integers(0, total), min_size=m - 1, max_size=m - 1)))
    parts = [b - a for a, b in pairwise([0, *cuts, total])]
    order = draw(st.permutations(rules.options))
    return {key: v for key, v in zip(order, parts, strict=True) if v}


@st.composite
def ranking_ballot(draw, rules, full=False):
    order = draw(st.permutations(rules.options))
    k = len(order) if full else draw(st.integers(1, len(order)))
    return {key: i + 1 for i, key in enumerate(order[:k])}


@st.composite
def approval_ballot(draw, rules):
    chosen = draw(st.sets(st.sampled_from(rules.options), min_size=1))
    return dict.fromkeys(sorted(chosen), True)


@st.composite
def matrix_ballot(draw, rules):
    cell = st.one_of(st.none(), st.integers(1, rules.scale_max))
    values = {}
    for key in rules.options:
        if draw(st.booleans()):
            values[key] = {c.key: draw(cell) for c in rules.criteria}
    if not any(v is not None for row in values.values() for v in row.values()):
        values[rules.options[0]] = {c.key: 1 for c in rules.criteria}
    return values


@st.composite
def dots_rules(draw):
    n = draw(st.integers(1, 8))
    cap = draw(st.one_of(st.none(), st.integers(1, n)))
    return Rules("dots", draw(option_keys()), dots_per_voter=n, cap_per_option=cap)


@st.composite
def points_rules(draw, exact=None):
    exact = draw(st.booleans()) if exact is None else exact
    return Rules("points", draw(option_keys()), budget=draw(st.integers(1, 20)), budget_exact=exact)


@st.composite
def matrix_rules(draw):
    n = draw(st.integers(2, 3))
    weights = st.sampled_from([Decimal("1"), Decimal("2"), Decimal("0.5"), Decimal("3")])
    criteria = tuple(Criterion(f"c{i}", f"C{i}", draw(weights)) for i in range(n))
    return Rules(
        "matrix", draw(option_keys()), criteria=criteria, scale_max=draw(st.integers(2, 7))
    )


BALLOT_FOR = {
    "dots": dots_ballot,
    "points": points_ballot,
    "ranking": ranking_ballot,
    "approval": approval_ballot,
    "matrix": matrix_ballot,
}


@st.composite
def cases(draw, rules_strategy, max_ballots=25):
    rules = draw(rules_strategy)
    values = draw(st.lists(BALLOT_FOR[rules.method](rules), max_size=max_ballots))
    return rules, [
        TallyBallot(values, draw(st.sampled_from(GROUPS)), draw(st.sampled_from(SOURCES)))
        for values in values
    ]


ANY_RULES = st.one_of(
    dots_rules(),
    points_rules(),
    st.builds(Rules, st.just("ranking"), option_keys()),
    st.builds(Rules, st.just("approval"), option_keys()),
    matrix_rules(),
)


# ---------------------------------------------------------------------------------------------
# Sums


@FAST
@given(cases(points_rules(exact=True)))
def test_points_exact_scores_sum_to_ballots_times_budget(case):
    rules, ballots = case

    result = tally(rules, ballots)

    assert sum(r.score for r in result.options) == len(ballots) * rules.budget
    assert result.total_score == len(ballots) * rules.budget


@FAST
@given(cases(points_rules(exact=False)))
def test_points_at_most_scores_stay_within_ballots_times_budget(case):
    rules, ballots = case

    result = tally(rules, ballots)

    assert sum(r.score for r in result.options) <= len(ballots) * rules.budget


@FAST
@given(cases(dots_rules()))
def test_dots_scores_stay_within_dots_and_cap(case):
    rules, ballots = case

    result = tally(rules, ballots)

    assert sum(r.score for r in result.options) <= len(ballots) * rules.dots_per_voter
    cap = rules.cap_per_option or rules.dots_per_voter
    assert all(r.score <= len(ballots) * cap for r in result.options)
    assert all(r.supporters <= len(ballots) for r in result.options)


@FAST
@given(cases(st.builds(Rules, st.just("ranking"), option_keys())))
def test_borda_total_is_the_sum_of_m_minus_r_over_all_ballots(case):
    rules, ballots = case
    m = len(rules.options)

    result = tally(rules, ballots)

    expected = sum(m - r for b in ballots for r in b.values.values())
    assert sum(r.score for r in result.options) == expected == result.total_score
    assert sum(r.first_places for r in result.options) == len(ballots)


@FAST
@given(st.data())
def test_borda_full_ranking_gives_m_times_m_minus_1_over_2_per_ballot(data):
    rules = Rules("ranking", data.draw(option_keys()))
    m = len(rules.options)
    values = data.draw(st.lists(ranking_ballot(rules, full=True), max_size=25))

    result = tally(rules, [TallyBallot(v, "", "phone") for v in values])

    assert result.total_score == len(values) * m * (m - 1) // 2


@FAST
@given(
    cases(
        st.one_of(dots_rules(), points_rules(), st.builds(Rules, st.just("ranking"), option_keys()))
    )
)
def test_shares_sum_to_one(case):
    rules, ballots = case

    result = tally(rules, ballots)

    if result.total_score:
        assert sum(r.share_exact for r in result.options) == 1
        rounded = sum(r.share for r in result.options)
        assert abs(rounded - 1) <= Decimal("0.00005") * len(rules.options)
    else:
        assert all(r.share is None for r in result.options)


@FAST
@given(cases(st.builds(Rules, st.just("approval"), option_keys())))
def test_approval_share_is_approvals_over_ballots(case):
    rules, ballots = case

    result = tally(rules, ballots)

    for r in result.options:
        assert r.score == r.supporters
        assert r.share_exact == (Fraction(r.score, len(ballots)) if ballots else None)


# ---------------------------------------------------------------------------------------------
# Ranks and ties


def tie_key(method, row):
    """What must be equal for two options to share a rank (head-to-head comes on top)."""
    score = Fraction(-1) if row.score_exact is None else row.score_exact
    if method == "dots":
        return (score, row.supporters)
    if method == "ranking":
        return (score, row.first_places)
    return (score,)


@FAST
@given(cases(ANY_RULES))
def test_ranks_are_competition_ranks_and_ties_are_flagged_not_hidden(case):
    rules, ballots = case

    result = tally(rules, ballots)
    rows = result.options

    assert sorted(r.option for r in rows) == sorted(rules.options)
    for i, row in enumerate(rows):
        first_of_rank = next(j for j, other in enumerate(rows) if other.rank == row.rank)
        assert row.rank == first_of_rank + 1
        sharing = [other for other in rows if other.rank == row.rank]
        assert row.tied == (len(sharing) > 1)
        assert all(tie_key(rules.method, o) == tie_key(rules.method, row) for o in sharing)
        if i:
            assert tie_key(rules.method, rows[i - 1]) >= tie_key(rules.method, row)
    for a in rows:
        for b in rows:
            if rules.method in ("points", "approval", "matrix", "dots"):
                # No tie-break beyond the key: equal key means equal rank (a tie is shown).
                assert (tie_key(rules.method, a) == tie_key(rules.method, b)) == (a.rank == b.rank)


def ranked_above(ballot, a, b):
    """Ballot ranks a above b; unranked is below every rank."""
    return a in ballot and (b not in ballot or ballot[a] < ballot[b])


@FAST
@given(cases(st.builds(Rules, st.just("ranking"), option_keys())))
def test_ranking_pair_level_after_first_places_is_ordered_head_to_head(case):
    rules, ballots = case

    result = tally(rules, ballots)

    rows = result.options
    for a in rows:
        level = [r for r in rows if tie_key("ranking", r) == tie_key("ranking", a)]
        if len(level) != 2 or level[0] is not a:
            continue
        b = level[1]
        event("a pair level on score and first places")
        a_over_b = sum(ranked_above(x.values, a.option, b.option) for x in ballots)
        b_over_a = sum(ranked_above(x.values, b.option, a.option) for x in ballots)
        assert a_over_b >= b_over_a  # the winner is listed first
        assert (a.rank == b.rank) == (a_over_b == b_over_a)
        assert a.decided_by == ("head_to_head" if a_over_b > b_over_a else None)


@FAST
@given(cases(ANY_RULES), st.randoms(use_true_random=False))
def test_permuting_ballots_does_not_change_the_result(case, rnd):
    rules, ballots = case
    shuffled = list(ballots)
    rnd.shuffle(shuffled)

    assert result_to_json(tally(rules, shuffled, min_group_size=3)) == result_to_json(
        tally(rules, ballots, min_group_size=3)
    )


@FAST
@given(cases(ANY_RULES, max_ballots=40), st.integers(1, 6))
def test_hidden_groups_cannot_be_derived_from_the_total(case, min_size):
    rules, ballots = case

    result = tally(rules, ballots, min_group_size=min_size)

    shown = [g for g in result.groups if g.shown]
    assert all(g.ballot_count >= min_size for g in shown)
    assert all(g.options == () for g in result.groups if not g.shown)
    if shown:
        remainder = len(ballots) - sum(g.ballot_count for g in shown)
        assert remainder == 0 or remainder >= min_size
    assert len(result.agreement) == len(shown) * (len(shown) - 1) // 2


@FAST
@given(st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9)), min_size=2, max_size=8))
def test_spearman_is_symmetric_and_between_minus_one_and_one(pairs):
    xs, ys = [p[0] for p in pairs], [p[1] for p in pairs]

    rho = spearman(xs, ys)

    assert rho == spearman(ys, xs)
    if rho is not None:
        assert Decimal(-1) <= rho <= Decimal(1)
        assert spearman(xs, xs) == Decimal("1.0000")


# ---------------------------------------------------------------------------------------------
# clean_ballot against a reference validator

INVALID = object()
RAW_VALUES = st.one_of(
    st.integers(-3, 12),
    st.sampled_from([None, "", " 2 ", "3", "+1", "-1", "x", "1.5", True, False, 1.5, 2.0, [1]]),
)


def ref_int(value):
    if value is None:
        return 0
    if isinstance(value, bool):
        return INVALID
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else INVALID
    if isinstance(value, str):
        if not value.strip():
            return 0
        try:
            return int(value)
        except ValueError:
            return INVALID
    return INVALID


def raw_ballots(options, values=RAW_VALUES):
    keys = st.sampled_from([*options, "0", "zz"])
    return st.dictionaries(keys, values, max_size=8)


def disguised(value):
    """The same answer as a form might send it."""
    if value is True:
        return st.sampled_from([True, "on", 1, "yes"])
    return st.sampled_from([value, str(value), f" {value} ", float(value)])


@st.composite
def near_valid(draw, rules, values, cells=None):
    """A valid ballot in form clothing, often with one change that may break a rule."""
    ballot = dict(draw(BALLOT_FOR[rules.method](rules)))
    if rules.method == "matrix":
        ballot = {
            key: {c: (draw(disguised(v)) if v is not None else v) for c, v in row.items()}
            for key, row in ballot.items()
        }
    else:
        ballot = {key: draw(disguised(value)) for key, value in ballot.items()}
    change = draw(st.sampled_from(["none", "set", "drop", "cell"]))
    if change == "set":
        ballot[draw(st.sampled_from([*rules.options, "zz"]))] = draw(values)
    elif change == "drop" and ballot:
        del ballot[draw(st.sampled_from(sorted(ballot)))]
    elif change == "cell" and cells is not None:
        key = draw(st.sampled_from(rules.options))
        row = dict(ballot.get(key) or {})
        row[draw(st.sampled_from([*(c.key for c in rules.criteria), "zz"]))] = draw(cells)
        ballot[key] = row
    return ballot


def outcome(rules, raw):
    try:
        cleaned = clean_ballot(rules, raw)
    except BallotError as error:
        assert error.codes
        assert len(error.options) == len(error.errors)
        event("rejected")
        return None
    event("accepted")
    return cleaned


def expect_counts(rules, raw):
    """dots / points: the normalised ballot, or None when it breaks a rule."""
    if any(key not in rules.options for key in raw):
        return None
    numbers = {key: ref_int(value) for key, value in raw.items()}
    if any(v is INVALID or v < 0 for v in numbers.values()):
        return None
    total = sum(numbers.values())
    if total == 0:
        return None
    if rules.method == "dots":
        cap = rules.cap_per_option or rules.dots_per_voter
        if total > rules.dots_per_voter or max(numbers.values()) > cap:
            return None
    elif (rules.budget_exact and total != rules.budget) or total > rules.budget:
        return None
    return {key: numbers[key] for key in rules.options if numbers.get(key)}


@settings(max_examples=200, deadline=None, database=None)
@given(st.data())
def test_clean_dots_and_points_accept_exactly_the_valid_ballots(data):
    rules = data.draw(st.one_of(dots_rules(), points_rules()))
    values = RAW_VALUES
    raw = data.draw(st.one_of(raw_ballots(rules.options), near_valid(rules, values)))

    assert outcome(rules, raw) == expect_counts(rules, raw)


@settings(max_examples=200, deadline=None, database=None)
@given(st.data())
def test_clean_ranking_accepts_exactly_the_valid_ballots(data):
    rules = Rules("ranking", data.draw(option_keys()))
    m = len(rules.options)
    values = st.one_of(st.integers(-1, m + 1), RAW_VALUES)
    raw = data.draw(st.one_of(raw_ballots(rules.options, values), near_valid(rules, values)))

    expected = None
    if all(key in rules.options for key in raw):
        ranks = {key: ref_int(value) for key, value in raw.items()}
        used = [r for r in ranks.values() if r is not INVALID and r != 0]
        if (
            all(r is not INVALID and 0 <= r <= m for r in ranks.values())
            and used
            and sorted(used) == list(range(1, len(used) + 1))
        ):
            expected = {key: r for key, r in sorted(ranks.items(), key=lambda kv: kv[1]) if r}

    cleaned = outcome(rules, raw)
    assert cleaned == expected
    if cleaned is not None:
        assert list(cleaned) == list(expected)


def ref_bool(value):
    if value is True or (value == 1 and type(value) is int) or value in ("1", "on", "true", "yes"):
        return True
    if value is False or value is None or (value == 0 and type(value) is int):
        return False
    if value in ("", "0", "off", "false", "no"):
        return False
    return INVALID


@settings(max_examples=200, deadline=None, database=None)
@given(st.data())
def test_clean_approval_accepts_exactly_the_valid_ballots(data):
    rules = Rules("approval", data.draw(option_keys()))
    values = st.one_of(st.sampled_from([True, False, "on", "", "yes", "no", 1, 0, 2]), RAW_VALUES)
    raw = data.draw(st.one_of(raw_ballots(rules.options, values), near_valid(rules, values)))

    expected = None
    answers = {key: ref_bool(value) for key, value in raw.items()}
    if (
        all(key in rules.options for key in raw)
        and all(a is not INVALID for a in answers.values())
        and any(answers.values())
    ):
        expected = {key: True for key in rules.options if answers.get(key)}

    assert outcome(rules, raw) == expected


@settings(max_examples=200, deadline=None, database=None)
@given(st.data())
def test_clean_matrix_accepts_exactly_the_valid_ballots(data):
    rules = data.draw(matrix_rules())
    rules = Rules(
        "matrix",
        rules.options,
        criteria=rules.criteria,
        scale_max=rules.scale_max,
        allow_unknown=data.draw(st.booleans()),
    )
    keys = [c.key for c in rules.criteria]
    cell_values = st.one_of(
        st.sampled_from([None, "", "unknown", "x", "3", 2.5]), st.integers(-1, rules.scale_max + 1)
    )
    cells = st.one_of(
        st.dictionaries(st.sampled_from([*keys, "zz"]), cell_values, max_size=4),
        st.sampled_from([None, 5, "x"]),
    )
    raw = data.draw(
        st.one_of(raw_ballots(rules.options, cells), near_valid(rules, cells, cell_values))
    )

    expected = {}
    broken = any(key not in rules.options for key in raw)
    for key in rules.options:
        cell = raw.get(key)
        if cell is None:
            continue
        if not isinstance(cell, dict):
            broken = True
            continue
        row = dict.fromkeys(keys)
        for ckey, value in cell.items():
            if ckey not in keys:
                broken = True
            elif value in (None, "", "unknown"):
                continue
            else:
                number = ref_int(value)
                if number is INVALID or not 1 <= number <= rules.scale_max:
                    broken = True
                else:
                    row[ckey] = number
        if any(v is not None for v in row.values()):
            expected[key] = row
    if not expected:
        broken = True
    if not rules.allow_unknown and (
        set(expected) != set(rules.options)
        or any(v is None for row in expected.values() for v in row.values())
    ):
        broken = True

    assert outcome(rules, raw) == (None if broken else expected)


def test_reference_helpers_behave():
    # Guard the reference validator itself on a few fixed values.
    assert [ref_int(v) for v in (None, "", " 2 ", "+1", 2.0, -3)] == [0, 0, 2, 1, 2, -3]
    assert all(ref_int(v) is INVALID for v in (True, "x", "1.5", 1.5, [1]))
    assert [ref_bool(v) for v in (True, 1, "on", False, 0, None, "")] == [True] * 3 + [False] * 4
    assert all(ref_bool(v) is INVALID for v in (2, "maybe", 1.5, [1]))
