"""The ballot of a voting round: one input (or, for the scoring matrix, one row of inputs) per
option, built from the round's method and rules.

Used by the participant's phone (workshops.views.voting_phone) and by the facilitator's paper
ballots. The form checks the types (whole numbers, known choices) and then every ballot rule
with workshops.tally.clean_ballot, so each message stands next to the option it is about;
`raw` is what services.voting.ballot_submit / paper_ballot_add take (they check again, under
the round's lock, and are the authority).

POST field names (the benchmark and the paper-ballot screen rely on them), with <id> the
option's theme id:
- dots, points: `option-<id>` = a whole number >= 0 (blank = 0);
- ranking: `option-<id>` = the rank 1..m, or blank for "not ranked";
- approval: `option-<id>` = "on" when approved (absent = not approved);
- matrix: `option-<id>-<criterion key>` = 1..scale_max, or "unknown" ("ved ikke"), or absent.
"""

import dataclasses
import functools
from collections.abc import Iterable, Mapping, Sequence

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from workshops import tally
from workshops.enums import VotingMethod
from workshops.forms.widgets import BallotCheckboxInput, BallotNumberInput, BallotSelect
from workshops.models import RoundOption, VotingRound
from workshops.services.voting import round_rules

UNKNOWN = "unknown"


def option_field_name(option_key: str, criterion_key: str | None = None) -> str:
    """The POST name of an option's input (a matrix cell when `criterion_key` is given)."""
    if criterion_key is None:
        return f"option-{option_key}"
    return f"option-{option_key}-{criterion_key}"


@dataclasses.dataclass
class BallotCell:
    """Matrix: one criterion of one option."""

    criterion: tally.Criterion
    field: BoundField


@dataclasses.dataclass
class BallotRow:
    """One option on the ballot, in the voter's order."""

    key: str
    option: RoundOption
    field: BoundField | None = None  # every method but the matrix
    cells: list[BallotCell] = dataclasses.field(default_factory=list)  # matrix
    errors: list[str] = dataclasses.field(default_factory=list)

    @property
    def dom_id(self) -> str:
        return f"ballot-option-{self.key}"


class BallotForm(forms.Form):
    """The inputs of a round's ballot.

    `options`: the round's RoundOption rows with their themes (select_related("theme")), in
    the round's order. `initial`: a ballot's values (as stored, e.g. services.voting.own_ballot)
    to prefill. `order`: option keys (theme ids as strings) in the order to show them; options
    not named keep their place after the named ones.
    """

    def __init__(
        self,
        voting_round: VotingRound,
        options: Sequence[RoundOption],
        data: Mapping | None = None,
        initial: Mapping | None = None,
        order: Iterable[str] | None = None,
    ):
        super().__init__(data=data)
        self.rules = round_rules(voting_round, [str(option.theme_id) for option in options])
        self.method = self.rules.method
        self.keys = list(self.rules.options)
        self.labels = {str(o.theme_id): o.theme.title for o in options}
        self.options = self._in_order(options, order)
        self.ballot: dict | None = None  # the cleaned ballot, once valid
        for option in self.options:
            self.fields.update(option_fields(self.rules, str(option.theme_id)))
        if initial:
            self.initial.update(self._initial_from(initial))

    # --- Building ----------------------------------------------------------------------------

    @staticmethod
    def _in_order(options: Sequence[RoundOption], order: Iterable[str] | None) -> list:
        options = list(options)
        if order is None:
            return options
        position = {str(key): index for index, key in enumerate(order)}
        return sorted(options, key=lambda o: position.get(str(o.theme_id), len(position)))

    def _initial_from(self, values: Mapping) -> dict:
        """Field initials from a ballot's values (cleaned or raw)."""
        initial = {}
        for key in self.keys:
            value = values.get(key)
            if value is None:
                continue
            if self.method == VotingMethod.MATRIX:
                if not isinstance(value, Mapping):
                    continue
                for criterion in self.rules.criteria:
                    score = value.get(criterion.key)
                    name = option_field_name(key, criterion.key)
                    if score in (None, "", UNKNOWN):
                        initial[name] = UNKNOWN if self.rules.allow_unknown else ""
                    else:
                        initial[name] = str(score)
            elif self.method == VotingMethod.APPROVAL:
                initial[option_field_name(key)] = bool(value)
            elif self.method == VotingMethod.RANKING:
                initial[option_field_name(key)] = str(value)
            else:
                initial[option_field_name(key)] = value
        return initial

    # --- Validation --------------------------------------------------------------------------

    @property
    def raw(self) -> dict:
        """The ballot as services.voting.ballot_submit takes it (after is_valid())."""
        return raw_ballot(self.rules, self.cleaned_data)

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned  # the types first; the rules only for a ballot that can be read
        try:
            self.ballot = tally.clean_ballot(self.rules, self.raw, labels=self.labels)
        except tally.BallotError as exc:
            self.add_ballot_errors(exc.messages, exc.options)
        return cleaned

    def full_clean(self):
        super().full_clean()
        self._mark_invalid()

    def _mark_invalid(self) -> None:
        """aria-invalid, the error's id and Bootstrap's is-invalid on inputs with an error."""
        for name in self.errors:
            if name not in self.fields:
                continue
            attrs = self.fields[name].widget.attrs
            attrs["aria-invalid"] = "true"
            attrs["aria-describedby"] = f"{self._row_key(name)}-errors"
            if "is-invalid" not in attrs.get("class", ""):
                attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()

    @staticmethod
    def _row_key(name: str) -> str:
        """The option's error list id for a field name ("option-12" or "option-12-value")."""
        return "ballot-option-" + name.split("-")[1]

    def add_ballot_errors(
        self, messages: Sequence[str], options: Sequence[str | None] | None = None
    ) -> None:
        """Show messages from the rules or the service: next to the option they name, else
        above the ballot."""
        options = list(options or []) + [None] * (len(messages) - len(options or []))
        for message, key in zip(messages, options, strict=True):
            key = str(key) if key is not None else None
            if key in self.labels:
                self.add_error(self._first_field(key), str(message))
            else:
                self.add_error(None, str(message))
        self._mark_invalid()

    def _first_field(self, key: str) -> str:
        if self.method == VotingMethod.MATRIX and self.rules.criteria:
            return option_field_name(key, self.rules.criteria[0].key)
        return option_field_name(key)

    # --- Rendering ---------------------------------------------------------------------------

    @property
    def rows(self) -> list[BallotRow]:
        """The options in the voter's order with their inputs and errors."""
        rows = []
        for option in self.options:
            key = str(option.theme_id)
            row = BallotRow(key=key, option=option)
            if self.method == VotingMethod.MATRIX:
                row.cells = [
                    BallotCell(criterion=c, field=self[option_field_name(key, c.key)])
                    for c in self.rules.criteria
                ]
                for cell in row.cells:
                    row.errors.extend(cell.field.errors)
            else:
                row.field = self[option_field_name(key)]
                row.errors = list(row.field.errors)
            rows.append(row)
        return rows

    @property
    def is_matrix(self) -> bool:
        return self.method == VotingMethod.MATRIX

    @property
    def uses_counts(self) -> bool:
        return self.method in (VotingMethod.DOTS, VotingMethod.POINTS)

    @property
    def total(self) -> int | None:
        """Dots or points: the total the voter may give (for the hint and the counter)."""
        if self.method == VotingMethod.DOTS:
            return self.rules.dots_per_voter
        if self.method == VotingMethod.POINTS:
            return self.rules.budget
        return None

    @property
    def hint(self) -> str:
        """What the ballot asks for, with its numbers (rendered on the server)."""
        rules = self.rules
        if self.method == VotingMethod.DOTS:
            text = ngettext(
                "You have %(dots)d dot to place on the themes.",
                "You have %(dots)d dots to place on the themes.",
                rules.dots_per_voter,
            ) % {"dots": rules.dots_per_voter}
            if rules.cap_per_option is not None:
                text += " " + ngettext(
                    "At most %(cap)d dot on one theme.",
                    "At most %(cap)d dots on one theme.",
                    rules.cap_per_option,
                ) % {"cap": rules.cap_per_option}
            return text
        if self.method == VotingMethod.POINTS:
            if rules.budget_exact:
                return ngettext(
                    "Share exactly %(budget)d point between the themes.",
                    "Share exactly %(budget)d points between the themes.",
                    rules.budget,
                ) % {"budget": rules.budget}
            return ngettext(
                "Share at most %(budget)d point between the themes.",
                "Share at most %(budget)d points between the themes.",
                rules.budget,
            ) % {"budget": rules.budget}
        if self.method == VotingMethod.RANKING:
            return str(
                _(
                    "Rank the themes that matter to you: 1 is the most important. Themes you "
                    "leave “not ranked” get no points."
                )
            )
        if self.method == VotingMethod.APPROVAL:
            return str(_("Tick every theme you support."))
        text = str(
            _("Score each theme from 1 (low) to %(max)d (high) on every criterion.")
            % {"max": rules.scale_max}
        )
        if rules.allow_unknown:
            text += " " + str(_("Choose “don't know” when you cannot judge."))
        return text

    @property
    def error_summary(self) -> list[tuple[str, str]]:
        """(message, link target) for every error: the field or the option, else the ballot."""
        summary = [(str(message), "ballot-hint") for message in self.non_field_errors()]
        for row in self.rows:
            target = row.field.id_for_label if row.field is not None else row.dom_id
            summary.extend((str(message), target) for message in row.errors)
        return summary


def option_fields(rules: tally.Rules, key: str) -> dict[str, forms.Field]:
    """The inputs of option `key` on a ballot by `rules`, by POST name (a new set each call:
    a form marks its own inputs invalid)."""
    fields: dict[str, forms.Field] = {}
    if rules.method in (VotingMethod.DOTS, VotingMethod.POINTS):
        if rules.method == VotingMethod.DOTS:
            top = rules.cap_per_option or rules.dots_per_voter
            label = _("Dots")
        else:
            top = rules.budget
            label = _("Points")
        fields[option_field_name(key)] = forms.IntegerField(
            label=label,
            required=False,
            min_value=0,
            widget=BallotNumberInput(
                attrs={
                    "min": 0,
                    "max": top,
                    "step": 1,
                    "inputmode": "numeric",
                    "class": "form-control ballot-count",
                    "data-ballot-count": "",
                }
            ),
        )
    elif rules.method == VotingMethod.RANKING:
        choices = [("", _("Not ranked"))] + [
            (str(rank), str(rank)) for rank in range(1, len(rules.options) + 1)
        ]
        fields[option_field_name(key)] = forms.ChoiceField(
            label=_("Rank"),
            required=False,
            choices=choices,
            widget=BallotSelect(attrs={"class": "form-select ballot-rank"}),
        )
    elif rules.method == VotingMethod.APPROVAL:
        fields[option_field_name(key)] = forms.BooleanField(
            label=_("I support this"),
            required=False,
            widget=BallotCheckboxInput(attrs={"class": "form-check-input"}),
        )
    elif rules.method == VotingMethod.MATRIX:
        choices = [(str(score), str(score)) for score in range(1, rules.scale_max + 1)]
        if rules.allow_unknown:
            choices.append((UNKNOWN, pgettext_lazy("matrix score", "Don't know")))
        for criterion in rules.criteria:
            fields[option_field_name(key, criterion.key)] = forms.ChoiceField(
                label=criterion.label,
                required=False,
                choices=choices,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
            )
    return fields


def raw_ballot(rules: tally.Rules, data: Mapping) -> dict:
    """The ballot as services.voting.ballot_submit takes it, from the cleaned values of its
    inputs (`data`, by POST name)."""
    raw: dict = {}
    for key in rules.options:
        if rules.method == VotingMethod.MATRIX:
            raw[key] = {
                c.key: _score(data.get(option_field_name(key, c.key))) for c in rules.criteria
            }
        elif rules.method == VotingMethod.APPROVAL:
            raw[key] = bool(data.get(option_field_name(key)))
        elif rules.method == VotingMethod.RANKING:
            rank = data.get(option_field_name(key))
            raw[key] = int(rank) if rank else None
        else:
            raw[key] = data.get(option_field_name(key)) or 0
    return raw


@functools.lru_cache(maxsize=64)
def _posted_inputs(rules: tally.Rules) -> tuple[tuple[str | None, forms.Field], ...]:
    """One option's inputs by `rules` as (criterion key or None, field), shared by every
    posted ballot of these rules: a field's clean() keeps no state."""
    criteria = [c.key for c in rules.criteria] if rules.method == VotingMethod.MATRIX else [None]
    return tuple(zip(criteria, option_fields(rules, "").values(), strict=True))


def clean_posted_ballot(rules: tally.Rules, data: Mapping) -> dict | None:
    """The cleaned ballot posted in `data` by `rules`, as the BallotForm of the round whose
    rules they are would have it in `ballot`, or None when that form would not be valid: the
    same inputs and the same rules, without building a form (the phone's quick path, which
    leaves every message to the full path's form)."""
    cleaned = {}
    for key in rules.options:
        for criterion, field in _posted_inputs(rules):
            name = option_field_name(key, criterion)
            try:
                cleaned[name] = field.clean(field.widget.value_from_datadict(data, {}, name))
            except ValidationError:
                return None
    try:
        return tally.clean_ballot(rules, raw_ballot(rules, cleaned))
    except tally.BallotError:
        return None


def _score(value: str | None) -> int | None:
    if value in (None, "", UNKNOWN):
        return None
    return int(value)
