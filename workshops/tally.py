"""The pure tally of a voting round: ballot rules, scores, ranks with ties, groups, agreement.

Nothing here touches the database or our models: the services hand in `Rules` and cleaned
ballots and store what `result_to_json` returns. Every formula is written out in
docs/voting.md; when one changes, bump its entry in `METHOD_VERSION` (it is stored in every
frozen result).

Arithmetic is exact (int and Fraction); ties are decided on the exact values. Decimals appear
only at the edge: `OptionResult.share`, `.median`, matrix scores and means, and Spearman's rho
are rounded half-up to `DECIMALS` places.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from itertools import combinations
from typing import Any

from django.utils.translation import gettext, gettext_lazy, ngettext

METHODS = ("dots", "points", "ranking", "approval", "matrix")
METHOD_VERSION: dict[str, int] = dict.fromkeys(METHODS, 1)
SOURCES = ("phone", "paper", "open")
DECIMALS = 4
MIN_GROUP_SIZE = 5
TOP_N = 3

# Methods whose score is a whole number (the others: matrix, a weighted mean).
INTEGER_METHODS = ("dots", "points", "ranking", "approval")

# Values that mean "ved ikke" (don't know) in a matrix ballot.
UNKNOWN_VALUES = (None, "", "unknown")
_TRUE_STRINGS = ("1", "on", "true", "yes")
_FALSE_STRINGS = ("", "0", "off", "false", "no")
_INTEGER_RE = re.compile(r"[+-]?\d{1,18}")
_NOT_AN_INT = object()


# ---------------------------------------------------------------------------------------------
# Rules


@dataclass(frozen=True)
class Criterion:
    """A criterion of the scoring matrix, e.g. "faglig værdi" with weight 1."""

    key: str
    label: str
    weight: Decimal


@dataclass(frozen=True)
class Rules:
    method: str
    options: tuple[str, ...]  # option keys (theme ids as strings) in canonical order
    dots_per_voter: int = 5  # dots: up to N dots per voter
    cap_per_option: int | None = None  # dots: at most c dots on one option
    budget: int = 100  # points: B
    budget_exact: bool = True  # points: exactly B (True) or at most B (False)
    criteria: tuple[Criterion, ...] = ()  # matrix: two or more
    scale_max: int = 5  # matrix: scale 1..scale_max
    allow_unknown: bool = True  # matrix: "ved ikke" (None) allowed


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def rules_issues(rules: Rules) -> list[tuple[str, str]]:
    """Everything wrong with a rule set, as (code, message) pairs; empty when it is usable."""
    issues: list[tuple[str, str]] = []
    if rules.method not in METHODS:
        issues.append(("method", gettext("Choose a voting method.")))
    options = list(rules.options)
    if len(options) < 2:
        issues.append(("too_few_options", gettext("A round needs at least two options.")))
    if len(set(options)) != len(options):
        issues.append(("duplicate_option", gettext("An option appears more than once.")))
    if any(not isinstance(key, str) or not key for key in options):
        issues.append(("option_key", gettext("Every option needs a key.")))
    if rules.method == "dots":
        if not _is_int(rules.dots_per_voter) or rules.dots_per_voter < 1:
            issues.append(("dots_per_voter", gettext("Each voter needs at least one dot.")))
        elif rules.cap_per_option is not None and (
            not _is_int(rules.cap_per_option)
            or not 1 <= rules.cap_per_option <= rules.dots_per_voter
        ):
            issues.append(
                (
                    "cap_per_option",
                    gettext(
                        "The cap per option must be between 1 and the number of dots per "
                        "voter (%(dots)d)."
                    )
                    % {"dots": rules.dots_per_voter},
                )
            )
    elif rules.method == "points":
        if not _is_int(rules.budget) or rules.budget < 1:
            issues.append(("budget", gettext("The points budget must be at least 1.")))
    elif rules.method == "matrix":
        criteria = list(rules.criteria)
        if len(criteria) < 2:
            issues.append(
                ("too_few_criteria", gettext("A scoring matrix needs at least two criteria."))
            )
        keys = [c.key for c in criteria]
        if len(set(keys)) != len(keys) or any(not isinstance(k, str) or not k for k in keys):
            issues.append(("criterion_key", gettext("Every criterion needs its own key.")))
        for criterion in criteria:
            try:
                weight = Decimal(str(criterion.weight))
                positive = weight.is_finite() and weight > 0
            except ArithmeticError:
                positive = False
            if not positive:
                issues.append(
                    (
                        "weight",
                        gettext("The weight of “%(criterion)s” must be greater than 0.")
                        % {"criterion": criterion.label},
                    )
                )
        if not _is_int(rules.scale_max) or rules.scale_max < 2:
            issues.append(("scale_max", gettext("The scale must go from 1 to at least 2.")))
    return issues


def rules_errors(rules: Rules) -> list[str]:
    """The messages of `rules_issues`: an empty list means the rules are usable."""
    return [message for _code, message in rules_issues(rules)]


def _check_rules(rules: Rules) -> None:
    issues = rules_issues(rules)
    if issues:
        raise ValueError("Invalid rules: " + ", ".join(code for code, _m in issues))


# ---------------------------------------------------------------------------------------------
# Ballots


class BallotError(Exception):
    """A ballot breaks a rule. `errors` are (code, message) pairs; nothing may be stored.

    `options` runs parallel to `errors`: the option key a message is about, or None.
    """

    def __init__(self, errors: Sequence[tuple[str, str]], options: Sequence[str | None] = ()):
        self.errors: list[tuple[str, str]] = [(code, str(msg)) for code, msg in errors]
        self.options: list[str | None] = list(options) or [None] * len(self.errors)
        super().__init__("; ".join(self.messages))

    @property
    def messages(self) -> list[str]:
        return [message for _code, message in self.errors]

    @property
    def codes(self) -> list[str]:
        return [code for code, _message in self.errors]


class _Problems:
    def __init__(self, labels: Mapping[str, str] | None):
        self.errors: list[tuple[str, str]] = []
        self.options: list[str | None] = []
        self.labels = labels or {}

    def name(self, key: str) -> str:
        return str(self.labels.get(key, key))

    def add(self, code: str, message: str, option: str | None = None) -> None:
        self.errors.append((code, message))
        self.options.append(option)

    def raise_if_any(self) -> None:
        if self.errors:
            raise BallotError(self.errors, self.options)


def _parse_int(value: Any) -> int | object | None:
    """An int, None for "nothing given" (None or blank), or _NOT_AN_INT."""
    if value is None:
        return None
    if isinstance(value, bool):
        return _NOT_AN_INT
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        return int(text) if _INTEGER_RE.fullmatch(text) else _NOT_AN_INT
    if isinstance(value, float | Decimal):
        try:
            if value == int(value):
                return int(value)
        except (ArithmeticError, ValueError, OverflowError):
            return _NOT_AN_INT
    return _NOT_AN_INT


def _known_items(rules: Rules, raw: Mapping, problems: _Problems) -> list[tuple[str, Any]]:
    """The (option key, raw value) pairs of known options, in canonical order."""
    known = set(rules.options)
    by_key: dict[str, Any] = {}
    unknown = False
    for key, value in raw.items():
        skey = str(key)
        if skey not in known or skey in by_key:
            unknown = True
            continue
        by_key[skey] = value
    if unknown:
        problems.add(
            "unknown_option",
            gettext("Your ballot names an option that is not part of this round."),
        )
    return [(key, by_key[key]) for key in rules.options if key in by_key]


def _clean_counts(rules: Rules, raw: Mapping, problems: _Problems) -> dict[str, int]:
    """Dots and points: whole numbers >= 0 per option; zeros and blanks are dropped."""
    values: dict[str, int] = {}
    for key, raw_value in _known_items(rules, raw, problems):
        value = _parse_int(raw_value)
        if value is _NOT_AN_INT:
            problems.add(
                "not_integer",
                gettext("“%(option)s”: please enter a whole number.")
                % {"option": problems.name(key)},
                key,
            )
        elif value is None or value == 0:
            continue
        elif value < 0:
            problems.add(
                "negative",
                gettext("“%(option)s”: the number cannot be negative.")
                % {"option": problems.name(key)},
                key,
            )
        else:
            values[key] = value
    return values


def _clean_dots(rules: Rules, raw: Mapping, problems: _Problems) -> dict[str, int]:
    values = _clean_counts(rules, raw, problems)
    cap = rules.cap_per_option
    if cap is not None:
        for key, given in values.items():
            if given > cap:
                problems.add(
                    "over_cap",
                    ngettext(
                        "You have put %(given)d dots on “%(option)s”; at most %(cap)d is "
                        "allowed on one option.",
                        "You have put %(given)d dots on “%(option)s”; at most %(cap)d are "
                        "allowed on one option.",
                        cap,
                    )
                    % {"given": given, "option": problems.name(key), "cap": cap},
                    key,
                )
    used = sum(values.values())
    if used > rules.dots_per_voter:
        problems.add(
            "too_many_dots",
            ngettext(
                "You have used %(used)d dots; at most %(max)d is allowed.",
                "You have used %(used)d dots; at most %(max)d are allowed.",
                rules.dots_per_voter,
            )
            % {"used": used, "max": rules.dots_per_voter},
        )
    if not values and not problems.errors:
        problems.add("empty", gettext("Place at least one dot."))
    return values


def _clean_points(rules: Rules, raw: Mapping, problems: _Problems) -> dict[str, int]:
    values = _clean_counts(rules, raw, problems)
    given = sum(values.values())
    if not values and not problems.errors:
        problems.add("empty", gettext("Give your points to at least one option."))
    elif rules.budget_exact and given != rules.budget:
        problems.add(
            "points_not_exact",
            gettext("Your points add up to %(given)d; they must add up to exactly %(budget)d.")
            % {"given": given, "budget": rules.budget},
        )
    elif not rules.budget_exact and given > rules.budget:
        problems.add(
            "points_over_budget",
            gettext("Your points add up to %(given)d; at most %(budget)d may be given.")
            % {"given": given, "budget": rules.budget},
        )
    return values


def _clean_ranking(rules: Rules, raw: Mapping, problems: _Problems) -> dict[str, int]:
    m = len(rules.options)
    ranks: dict[str, int] = {}
    for key, raw_value in _known_items(rules, raw, problems):
        value = _parse_int(raw_value)
        if value is _NOT_AN_INT:
            problems.add(
                "not_integer",
                gettext("“%(option)s”: please enter a whole number.")
                % {"option": problems.name(key)},
                key,
            )
        elif value is None or value == 0:
            continue
        elif not 1 <= value <= m:
            problems.add(
                "rank_out_of_range",
                gettext("“%(option)s”: the rank must be between 1 and %(max)d.")
                % {"option": problems.name(key), "max": m},
                key,
            )
        else:
            ranks[key] = value
    counts = Counter(ranks.values())
    for rank in sorted(r for r, n in counts.items() if n > 1):
        problems.add(
            "duplicate_rank", gettext("Rank %(rank)d is used more than once.") % {"rank": rank}
        )
    if not problems.errors:
        missing = [r for r in range(1, len(ranks) + 1) if r not in counts]
        if missing:
            problems.add(
                "rank_gap",
                gettext("Rank %(rank)d is missing: use the ranks from 1 upwards without gaps.")
                % {"rank": missing[0]},
            )
    if not ranks and not problems.errors:
        problems.add("empty", gettext("Rank at least one option."))
    return dict(sorted(ranks.items(), key=lambda item: item[1]))


def _parse_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    if _is_int(value) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        text = value.strip().lower()
        if text in _TRUE_STRINGS:
            return True
        if text in _FALSE_STRINGS:
            return False
    return None


def _clean_approval(rules: Rules, raw: Mapping, problems: _Problems) -> dict[str, bool]:
    values: dict[str, bool] = {}
    for key, raw_value in _known_items(rules, raw, problems):
        value = _parse_bool(raw_value)
        if value is None:
            problems.add(
                "invalid_value",
                gettext("“%(option)s”: the answer must be yes or no.")
                % {"option": problems.name(key)},
                key,
            )
        elif value:
            values[key] = True
    if not values and not problems.errors:
        problems.add("empty", gettext("Choose at least one option."))
    return values


def _clean_matrix(
    rules: Rules, raw: Mapping, problems: _Problems
) -> dict[str, dict[str, int | None]]:
    criteria = {c.key: c for c in rules.criteria}
    given = dict(_known_items(rules, raw, problems))
    values: dict[str, dict[str, int | None]] = {}
    unknown_criterion = False
    for key in rules.options:
        cells = given.get(key)
        if cells is None:
            cells = {}
        if not isinstance(cells, Mapping):
            problems.add("not_a_mapping", gettext("The ballot could not be read."), key)
            continue
        row: dict[str, int | None] = dict.fromkeys(criteria)
        for criterion_key, raw_value in cells.items():
            criterion = criteria.get(str(criterion_key))
            if criterion is None:
                unknown_criterion = True
                continue
            if raw_value in UNKNOWN_VALUES or (
                isinstance(raw_value, str) and raw_value.strip() == ""
            ):
                continue
            value = _parse_int(raw_value)
            names = {"option": problems.name(key), "criterion": criterion.label}
            if value is _NOT_AN_INT:
                problems.add(
                    "not_integer",
                    gettext("“%(option)s”, %(criterion)s: please choose a whole number.") % names,
                    key,
                )
            elif not 1 <= value <= rules.scale_max:
                problems.add(
                    "score_out_of_range",
                    gettext("“%(option)s”, %(criterion)s: the score must be between 1 and %(max)d.")
                    % {**names, "max": rules.scale_max},
                    key,
                )
            else:
                row[criterion.key] = value
        if any(v is not None for v in row.values()):
            values[key] = row
    if unknown_criterion:
        problems.add(
            "unknown_criterion",
            gettext("Your ballot names a criterion that is not part of this round."),
        )
    if not values and not problems.errors:
        problems.add("empty", gettext("Score at least one option."))
    elif not rules.allow_unknown and not problems.errors:
        for key in rules.options:
            row = values.get(key)
            if row is None or any(v is None for v in row.values()):
                problems.add(
                    "unknown_not_allowed",
                    gettext(
                        "“%(option)s”: please give a score on every criterion; “don't know” "
                        "is not allowed in this round."
                    )
                    % {"option": problems.name(key)},
                    key,
                )
    return values


_CLEANERS: dict[str, Callable[[Rules, Mapping, _Problems], dict]] = {
    "dots": _clean_dots,
    "points": _clean_points,
    "ranking": _clean_ranking,
    "approval": _clean_approval,
    "matrix": _clean_matrix,
}


def clean_ballot(rules: Rules, raw: Mapping, *, labels: Mapping[str, str] | None = None) -> dict:
    """The normalised ballot, or BallotError listing every rule it breaks.

    Normalised: keys are option keys in canonical order (ranking: in rank order), values
    plain ints/bools/None (JSON safe); zeros, blanks and unranked/unapproved options are
    dropped; a matrix ballot keeps the options with at least one known score, each with every
    criterion (None = "ved ikke").
    `labels` (option key -> title) only make the messages nicer.
    """
    _check_rules(rules)
    problems = _Problems(labels)
    if not isinstance(raw, Mapping):
        problems.add("not_a_mapping", gettext("The ballot could not be read."))
        problems.raise_if_any()
    values = _CLEANERS[rules.method](rules, raw, problems)
    problems.raise_if_any()
    return values


# ---------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class TallyBallot:
    values: Mapping  # a cleaned ballot
    group: str  # stakeholder group key, may be ""
    source: str  # "phone", "paper" or "open" (open = join code, lower assurance)


@dataclass(frozen=True)
class CriterionResult:
    """Matrix: one criterion for one option; the mean ignores "ved ikke"."""

    key: str
    mean: Decimal | None  # None when nobody gave a known score
    known: int  # ballots with a score 1..scale_max
    unknown: int  # ballots without one ("ved ikke" or not scored)
    distribution: tuple[tuple[int, int], ...]  # (score, ballots) for every score 1..scale_max
    mean_exact: Fraction | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class OptionResult:
    option: str
    rank: int  # 1-based, equal for ties ("1, 2, 2, 4")
    tied: bool  # shares its rank with another option
    decided_by: str | None  # tie-break that placed it among equal scores, else None
    score: int | Decimal | None  # matrix: Decimal (None without any known score)
    supporters: int
    share: Decimal | None  # None for matrix, or when the total is 0
    median: Decimal | None  # dots and points only
    distribution: tuple[tuple[int, int], ...]  # (value, ballots) incl. 0; empty for matrix
    first_places: int | None = None  # ranking only
    criteria: tuple[CriterionResult, ...] = ()  # matrix only
    quadrant: str | None = None  # matrix only: "high-high", "high-low", "low-high", "low-low"
    score_exact: Fraction | None = field(default=None, repr=False, compare=False)
    share_exact: Fraction | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class GroupResult:
    group: str
    ballot_count: int
    shown: bool
    hidden_reason: str = ""  # "small" (< min_group_size) or "complement" (see docs/voting.md)
    options: tuple[OptionResult, ...] = ()  # empty when hidden


AGREEMENT_LABELS = {
    "strong": gettext_lazy("strong agreement"),
    "some": gettext_lazy("some agreement"),
    "little": gettext_lazy("little agreement"),
    "disagreement": gettext_lazy("disagreement"),
    "undefined": gettext_lazy("cannot be measured"),
}


def agreement_level(rho: Decimal | None) -> str:
    """ "strong" (>= 0.7), "some" (>= 0.4), "little" (>= 0), "disagreement" (< 0), "undefined"."""
    if rho is None:
        return "undefined"
    if rho >= Decimal("0.7"):
        return "strong"
    if rho >= Decimal("0.4"):
        return "some"
    if rho >= 0:
        return "little"
    return "disagreement"


def agreement_label(rho: Decimal | None) -> str:
    """The plain-language label of a rank correlation, translated."""
    return str(AGREEMENT_LABELS[agreement_level(rho)])


@dataclass(frozen=True)
class Agreement:
    group_a: str
    group_b: str
    rho: Decimal | None  # Spearman's rank correlation; None when a group gave all options equal

    @property
    def level(self) -> str:
        return agreement_level(self.rho)

    @property
    def label(self) -> str:
        return agreement_label(self.rho)


@dataclass(frozen=True)
class Sensitivity:
    """Would the top three change if every ballot counted only as support (approval-style)?

    `by_score` and `by_support` are (option, rank) pairs for the options ranked 1-3 (more than
    three when a tie straddles third place). Not applicable to approval (the same thing) and
    matrix (a score is not support); then `by_support` is empty and nothing differs.
    """

    applicable: bool
    by_score: tuple[tuple[str, int], ...]
    by_support: tuple[tuple[str, int], ...]
    differs_as_set: bool
    differs_in_order: bool


@dataclass(frozen=True)
class Result:
    method: str
    method_version: int
    rules: Rules
    ballot_count: int
    source_counts: Mapping[str, int]  # every source in SOURCES, 0 when none
    total_score: int | None  # Σ scores; None for matrix
    options: tuple[OptionResult, ...]  # in ranked order; tied options in canonical order
    groups: tuple[GroupResult, ...]
    agreement: tuple[Agreement, ...]
    sensitivity: Sensitivity
    min_group_size: int = MIN_GROUP_SIZE
    labels: Mapping[str, str] = field(default_factory=dict)

    def option(self, key: str) -> OptionResult:
        for row in self.options:
            if row.option == key:
                return row
        raise KeyError(key)

    @property
    def order(self) -> tuple[tuple[str, ...], ...]:
        """Option keys by rank; a tuple with more than one key is a tie."""
        return _order_of(self.options)

    @property
    def ties(self) -> tuple[tuple[str, ...], ...]:
        return tuple(keys for keys in self.order if len(keys) > 1)

    @property
    def shown_groups(self) -> tuple[GroupResult, ...]:
        return tuple(g for g in self.groups if g.shown)


def _order_of(rows: Sequence[OptionResult]) -> tuple[tuple[str, ...], ...]:
    order: list[list[str]] = []
    last_rank = None
    for row in rows:
        if row.rank == last_rank:
            order[-1].append(row.option)
        else:
            order.append([row.option])
            last_rank = row.rank
    return tuple(tuple(keys) for keys in order)


def to_decimal(value: Fraction | int | None, places: int = DECIMALS) -> Decimal | None:
    """An exact value rounded half-up to `places` decimals."""
    if value is None:
        return None
    value = Fraction(value)
    with localcontext() as ctx:
        ctx.prec = 60
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _median(values: list[int]) -> Fraction | None:
    if not values:
        return None
    ordered = sorted(values)
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return Fraction(ordered[mid])
    return Fraction(ordered[mid - 1] + ordered[mid], 2)


def _histogram(values: list[int], keys: Sequence[int] = (0,)) -> tuple[tuple[int, int], ...]:
    counts = Counter(values)
    for key in keys:
        counts.setdefault(key, 0)
    return tuple(sorted(counts.items()))


@dataclass
class _Row:
    """Working numbers of one option before ranking."""

    option: str
    score: Fraction | None
    supporters: int
    first_places: int | None = None
    median: Fraction | None = None
    distribution: tuple[tuple[int, int], ...] = ()
    criteria: tuple[CriterionResult, ...] = ()
    quadrant: str | None = None


def _rows_counts(rules: Rules, ballots: Sequence[Mapping]) -> list[_Row]:
    rows = []
    for key in rules.options:
        given = [int(b.get(key, 0)) for b in ballots]
        rows.append(
            _Row(
                option=key,
                score=Fraction(sum(given)),
                supporters=sum(1 for v in given if v > 0),
                median=_median(given),
                distribution=_histogram(given),
            )
        )
    return rows


def _rows_ranking(rules: Rules, ballots: Sequence[Mapping]) -> list[_Row]:
    m = len(rules.options)
    rows = []
    for key in rules.options:
        ranks = [int(b[key]) if key in b else 0 for b in ballots]  # 0 = unranked
        rows.append(
            _Row(
                option=key,
                score=Fraction(sum(m - r for r in ranks if r)),  # Borda: m - r, unranked 0
                supporters=sum(1 for r in ranks if r),
                first_places=sum(1 for r in ranks if r == 1),
                distribution=_histogram(ranks, range(m + 1)),
            )
        )
    return rows


def _rows_approval(rules: Rules, ballots: Sequence[Mapping]) -> list[_Row]:
    rows = []
    for key in rules.options:
        given = [1 if b.get(key) else 0 for b in ballots]
        rows.append(
            _Row(
                option=key,
                score=Fraction(sum(given)),
                supporters=sum(given),
                distribution=_histogram(given, (0, 1)),
            )
        )
    return rows


def _level(mean: Fraction, midpoint: Fraction) -> str:
    return "high" if mean >= midpoint else "low"


def _rows_matrix(rules: Rules, ballots: Sequence[Mapping]) -> list[_Row]:
    midpoint = Fraction(1 + rules.scale_max, 2)
    weights = {c.key: Fraction(Decimal(str(c.weight))) for c in rules.criteria}
    rows = []
    for key in rules.options:
        cells = [b.get(key) or {} for b in ballots]
        criteria = []
        for criterion in rules.criteria:
            known = [int(c[criterion.key]) for c in cells if c.get(criterion.key) is not None]
            mean = Fraction(sum(known), len(known)) if known else None
            criteria.append(
                CriterionResult(
                    key=criterion.key,
                    mean=to_decimal(mean),
                    known=len(known),
                    unknown=len(ballots) - len(known),
                    distribution=_histogram(known, range(1, rules.scale_max + 1)),
                    mean_exact=mean,
                )
            )
        # Combined: Σ w_c × mean_c ÷ Σ w_c over the criteria that have a mean.
        with_mean = [c for c in criteria if c.mean_exact is not None]
        score = None
        if with_mean:
            weight_sum = sum(weights[c.key] for c in with_mean)
            score = sum(weights[c.key] * c.mean_exact for c in with_mean) / weight_sum
        first, second = criteria[0].mean_exact, criteria[1].mean_exact
        quadrant = None
        if first is not None and second is not None:
            quadrant = f"{_level(first, midpoint)}-{_level(second, midpoint)}"
        rows.append(
            _Row(
                option=key,
                score=score,
                supporters=sum(1 for c in cells if any(v is not None for v in c.values())),
                criteria=tuple(criteria),
                quadrant=quadrant,
            )
        )
    return rows


_ROW_BUILDERS: dict[str, Callable[[Rules, Sequence[Mapping]], list[_Row]]] = {
    "dots": _rows_counts,
    "points": _rows_counts,
    "ranking": _rows_ranking,
    "approval": _rows_approval,
    "matrix": _rows_matrix,
}


def _partition(keys: list[str], value: Callable[[str], Any]) -> list[list[str]]:
    """Keys split into runs of equal `value`, highest first; stable within a run."""
    ordered = sorted(keys, key=value, reverse=True)
    parts: list[list[str]] = []
    for key in ordered:
        if parts and value(parts[-1][0]) == value(key):
            parts[-1].append(key)
        else:
            parts.append([key])
    return parts


def _head_to_head(ballots: Sequence[Mapping], options: Sequence[str]) -> dict:
    """above[(a, b)]: ballots that rank a above b (unranked counts as below every rank)."""
    above: Counter = Counter()
    for ballot in ballots:
        ranked = sorted(ballot.items(), key=lambda item: item[1])
        ranked_keys = [key for key, _rank in ranked]
        for i, a in enumerate(ranked_keys):
            for b in ranked_keys[i + 1 :]:
                above[(a, b)] += 1
            for b in options:
                if b not in ballot:
                    above[(a, b)] += 1
    return above


class _TieBreak:
    def __init__(self, name: str, split: Callable[[list[str]], list[list[str]]]):
        self.name = name
        self.split = split


def _tie_breaks(rules: Rules, rows: dict[str, _Row], ballots: Sequence[Mapping]):
    if rules.method == "dots":
        return [_TieBreak("supporters", lambda ks: _partition(ks, lambda k: rows[k].supporters))]
    if rules.method == "ranking":
        above = _head_to_head(ballots, rules.options)

        def by_head_to_head(keys: list[str]) -> list[list[str]]:
            wins = Counter()
            for a, b in combinations(keys, 2):
                if above[(a, b)] > above[(b, a)]:
                    wins[a] += 1
                elif above[(b, a)] > above[(a, b)]:
                    wins[b] += 1
            return _partition(keys, lambda k: wins[k])

        return [
            _TieBreak("first_places", lambda ks: _partition(ks, lambda k: rows[k].first_places)),
            _TieBreak("head_to_head", by_head_to_head),
        ]
    return []


def _split(keys: list[str], levels: list[_TieBreak]) -> list[tuple[list[str], str | None]]:
    """Order options of equal score by the tie-breaks; (keys, decided_by) runs, best first.

    A level that separates the options is applied again inside every run that stays level
    (this matters for head-to-head among three or more); a run no level separates is a tie.
    """
    if len(keys) == 1 or not levels:
        return [(keys, None)]
    parts = levels[0].split(keys)
    if len(parts) == 1:
        return _split(keys, levels[1:])
    out: list[tuple[list[str], str | None]] = []
    for part in parts:
        if len(part) == 1:
            out.append((part, levels[0].name))
        else:
            out.extend(_split(part, levels))
    return out


def _score_key(score: Fraction | None) -> Fraction:
    return Fraction(-1) if score is None else score


def _rank(rules: Rules, ballots: Sequence[Mapping]) -> tuple[OptionResult, ...]:
    rows = {row.option: row for row in _ROW_BUILDERS[rules.method](rules, ballots)}
    index = {key: i for i, key in enumerate(rules.options)}
    levels = _tie_breaks(rules, rows, ballots)
    canonical = sorted(rules.options, key=index.__getitem__)
    runs: list[tuple[list[str], str | None]] = []
    for same_score in _partition(canonical, lambda k: _score_key(rows[k].score)):
        runs.extend(_split(same_score, levels))

    integer = rules.method in INTEGER_METHODS
    if rules.method == "approval":
        denominator = len(ballots)
    elif integer:
        denominator = sum(row.score for row in rows.values())
    else:
        denominator = 0  # matrix: no share
    results = []
    position = 1
    for keys, decided_by in runs:
        for key in sorted(keys, key=index.__getitem__):
            row = rows[key]
            share = row.score / denominator if denominator else None
            if integer:
                score: int | Decimal | None = int(row.score)
            else:
                score = to_decimal(row.score)
            results.append(
                OptionResult(
                    option=key,
                    rank=position,
                    tied=len(keys) > 1,
                    decided_by=decided_by,
                    score=score,
                    supporters=row.supporters,
                    share=to_decimal(share),
                    median=to_decimal(row.median),
                    distribution=row.distribution,
                    first_places=row.first_places,
                    criteria=row.criteria,
                    quadrant=row.quadrant,
                    score_exact=row.score,
                    share_exact=share,
                )
            )
        position += len(keys)
    return tuple(results)


def _competition_ranks(keys: Sequence[str], value: Callable[[str], Any]) -> dict[str, int]:
    ranks = {}
    position = 1
    for part in _partition(list(keys), value):
        for key in part:
            ranks[key] = position
        position += len(part)
    return ranks


def _top(ranks: Mapping[str, int], options: Sequence[str]) -> tuple[tuple[str, int], ...]:
    index = {key: i for i, key in enumerate(options)}
    top = [(key, rank) for key, rank in ranks.items() if rank <= TOP_N]
    return tuple(sorted(top, key=lambda item: (item[1], index[item[0]])))


def _sensitivity(rules: Rules, rows: Sequence[OptionResult]) -> Sensitivity:
    by_score = _top({row.option: row.rank for row in rows}, rules.options)
    if rules.method in ("approval", "matrix"):
        return Sensitivity(False, by_score, (), False, False)
    supporters = {row.option: row.supporters for row in rows}
    by_support = _top(_competition_ranks(rules.options, supporters.__getitem__), rules.options)
    return Sensitivity(
        applicable=True,
        by_score=by_score,
        by_support=by_support,
        differs_as_set={k for k, _r in by_score} != {k for k, _r in by_support},
        differs_in_order=dict(by_score) != dict(by_support),
    )


def _average_ranks(values: Sequence[Fraction]) -> list[Fraction]:
    """1 for the highest value; tied values share the average of their positions."""
    order = sorted(range(len(values)), key=lambda i: values[i], reverse=True)
    ranks = [Fraction(0)] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        average = Fraction(i + 1 + j + 1, 2)
        for k in range(i, j + 1):
            ranks[order[k]] = average
        i = j + 1
    return ranks


def spearman(xs: Sequence[Fraction | int], ys: Sequence[Fraction | int]) -> Decimal | None:
    """Spearman's rho: Pearson's correlation of the average ranks; None if a side is constant."""
    rx = _average_ranks([Fraction(x) for x in xs])
    ry = _average_ranks([Fraction(y) for y in ys])
    n = len(rx)
    if n < 2:
        return None
    mean_x, mean_y = sum(rx) / n, sum(ry) / n
    sxy = sum((a - mean_x) * (b - mean_y) for a, b in zip(rx, ry, strict=True))
    sxx = sum((a - mean_x) ** 2 for a in rx)
    syy = sum((b - mean_y) ** 2 for b in ry)
    if sxx == 0 or syy == 0:
        return None
    squared = sxy * sxy / (sxx * syy)
    with localcontext() as ctx:
        ctx.prec = 60
        root = (Decimal(squared.numerator) / Decimal(squared.denominator)).sqrt()
        rho = root if sxy >= 0 else -root
        return rho.quantize(Decimal(1).scaleb(-DECIMALS), rounding=ROUND_HALF_UP)


def _groups(
    rules: Rules,
    ballots: Sequence[TallyBallot],
    min_group_size: int,
    group_keys: Sequence[str],
) -> tuple[GroupResult, ...]:
    counts = Counter(b.group for b in ballots if b.group)
    keys = list(dict.fromkeys([*group_keys, *sorted(counts)]))
    shown = {key for key in keys if counts[key] >= min_group_size}
    reasons = {key: "small" for key in keys if key not in shown}
    # Secondary suppression: the total minus the shown groups must not expose fewer than
    # min_group_size ballots (a hidden group, or the ballots without a group).
    while shown:
        residual = len(ballots) - sum(counts[key] for key in shown)
        if residual == 0 or residual >= min_group_size:
            break
        smallest = min(shown, key=lambda key: (counts[key], keys.index(key)))
        shown.discard(smallest)
        reasons[smallest] = "complement"
    results = []
    for key in keys:
        if key in shown:
            members = [b.values for b in ballots if b.group == key]
            results.append(GroupResult(key, counts[key], True, "", _rank(rules, members)))
        else:
            results.append(GroupResult(key, counts[key], False, reasons[key]))
    return tuple(results)


def _agreement(rules: Rules, groups: Sequence[GroupResult]) -> tuple[Agreement, ...]:
    pairs = []
    shown = [g for g in groups if g.shown]
    for a, b in combinations(shown, 2):
        score_a = {row.option: _score_key(row.score_exact) for row in a.options}
        score_b = {row.option: _score_key(row.score_exact) for row in b.options}
        rho = spearman(
            [score_a[key] for key in rules.options], [score_b[key] for key in rules.options]
        )
        pairs.append(Agreement(a.group, b.group, rho))
    return tuple(pairs)


def tally(
    rules: Rules,
    ballots: Sequence[TallyBallot],
    *,
    min_group_size: int = MIN_GROUP_SIZE,
    group_keys: Sequence[str] = (),
    labels: Mapping[str, str] | None = None,
) -> Result:
    """Count the ballots of a round. Ballots are cleaned again; an invalid one is a ValueError.

    `group_keys` lists groups to report even without ballots (e.g. the eligible groups), in
    that order; groups found in the ballots follow in sorted order. `labels` (option key ->
    title) are stored in the result so that a frozen result keeps the titles of its day.
    """
    _check_rules(rules)
    cleaned = []
    for ballot in ballots:
        if ballot.source not in SOURCES:
            raise ValueError(f"Unknown ballot source: {ballot.source!r}")
        try:
            values = clean_ballot(rules, ballot.values)
        except BallotError as exc:
            raise ValueError(f"Invalid ballot in the tally: {exc.codes}") from exc
        cleaned.append(TallyBallot(values=values, group=ballot.group or "", source=ballot.source))
    rows = _rank(rules, [b.values for b in cleaned])
    groups = _groups(rules, cleaned, min_group_size, group_keys)
    source_counts = Counter(b.source for b in cleaned)
    return Result(
        method=rules.method,
        method_version=METHOD_VERSION[rules.method],
        rules=rules,
        ballot_count=len(cleaned),
        source_counts={source: source_counts[source] for source in SOURCES},
        total_score=sum(row.score for row in rows) if rules.method in INTEGER_METHODS else None,
        options=rows,
        groups=groups,
        agreement=_agreement(rules, groups),
        sensitivity=_sensitivity(rules, rows),
        min_group_size=min_group_size,
        labels=dict(labels or {}),
    )


# ---------------------------------------------------------------------------------------------
# Canonical JSON


def _decimal_json(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.{DECIMALS}f}"


def _score_json(value: int | Decimal | None) -> int | str | None:
    if isinstance(value, Decimal):
        return _decimal_json(value)
    return value


def _option_json(row: OptionResult) -> dict:
    return {
        "option": row.option,
        "rank": row.rank,
        "tied": row.tied,
        "decided_by": row.decided_by,
        "score": _score_json(row.score),
        "supporters": row.supporters,
        "share": _decimal_json(row.share),
        "median": _decimal_json(row.median),
        "distribution": [[value, count] for value, count in row.distribution],
        "first_places": row.first_places,
        "criteria": [
            {
                "key": c.key,
                "mean": _decimal_json(c.mean),
                "known": c.known,
                "unknown": c.unknown,
                "distribution": [[value, count] for value, count in c.distribution],
            }
            for c in row.criteria
        ],
        "quadrant": row.quadrant,
    }


def _rules_json(rules: Rules) -> dict:
    return {
        "method": rules.method,
        "options": list(rules.options),
        "dots_per_voter": rules.dots_per_voter,
        "cap_per_option": rules.cap_per_option,
        "budget": rules.budget,
        "budget_exact": rules.budget_exact,
        "criteria": [
            {
                "key": c.key,
                "label": c.label,
                "weight": _decimal_json(to_decimal(Fraction(Decimal(str(c.weight))))),
            }
            for c in rules.criteria
        ],
        "scale_max": rules.scale_max,
        "allow_unknown": rules.allow_unknown,
    }


def result_to_json(result: Result) -> dict:
    """The result as plain JSON types (see docs/voting.md, "Frozen result").

    Counts and whole-number scores are JSON integers; every other number (shares, medians,
    matrix scores and means, weights, rho) is a string with exactly DECIMALS decimals.
    Lists are in a defined order (options by rank, then canonical order); dump it with
    `canonical_json` to get identical bytes for identical input.
    """
    return {
        "method": result.method,
        "method_version": result.method_version,
        "rules": _rules_json(result.rules),
        "labels": {str(k): str(v) for k, v in result.labels.items()},
        "ballot_count": result.ballot_count,
        "source_counts": dict(result.source_counts),
        "total_score": result.total_score,
        "options": [_option_json(row) for row in result.options],
        "order": [list(keys) for keys in result.order],
        "min_group_size": result.min_group_size,
        "groups": [
            {
                "group": g.group,
                "ballot_count": g.ballot_count,
                "shown": g.shown,
                "hidden_reason": g.hidden_reason,
                "options": [_option_json(row) for row in g.options],
                "order": [list(keys) for keys in _order_of(g.options)],
            }
            for g in result.groups
        ],
        "agreement": [
            {
                "groups": [a.group_a, a.group_b],
                "rho": _decimal_json(a.rho),
                "level": a.level,
            }
            for a in result.agreement
        ],
        "sensitivity": {
            "applicable": result.sensitivity.applicable,
            "top_n": TOP_N,
            "by_score": [[k, r] for k, r in result.sensitivity.by_score],
            "by_support": [[k, r] for k, r in result.sensitivity.by_support],
            "differs_as_set": result.sensitivity.differs_as_set,
            "differs_in_order": result.sensitivity.differs_in_order,
        },
    }


def canonical_json(data: Mapping) -> str:
    """Sorted keys, no spaces, UTF-8 text: the same result always gives the same string."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
