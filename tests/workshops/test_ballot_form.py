"""The ballot form: inputs per method, the raw ballot it hands to the services, rule errors next
to the option they are about, prefill and order."""

import pytest
from django.http import QueryDict
from django.utils.translation import gettext
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.factories import ProcessFactory, ThemeFactory, VotingRoundFactory
from workshops.forms.ballot import BallotForm, clean_posted_ballot, option_field_name
from workshops.models import RoundOption

MATRIX_RULES = {
    "criteria": [
        {"key": "value", "label": "Faglig værdi", "weight": "1"},
        {"key": "feasible", "label": "Gennemførlighed", "weight": "1"},
    ],
    "scale_max": 5,
    "allow_unknown": True,
}


def make_round(method="points", rules=None, n=3, **kwargs):
    process = ProcessFactory()
    themes = [ThemeFactory(process=process, title=f"Tema {i}") for i in range(1, n + 1)]
    voting_round = VotingRoundFactory(
        process=process,
        method=method,
        rules=rules if rules is not None else {"budget": 5, "budget_exact": True},
        themes=themes,
        **kwargs,
    )
    options = list(
        RoundOption.objects.filter(round=voting_round)
        .select_related("theme")
        .order_by("position", "id")
    )
    return voting_round, options, [str(t.pk) for t in themes]


def form_for(method="points", rules=None, data=None, n=3, **kwargs):
    voting_round, options, keys = make_round(method, rules, n)
    return BallotForm(voting_round, options, data=data, **kwargs), keys


# --- Inputs per method ---------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "rules", "maximum"),
    [
        ("points", {"budget": 5, "budget_exact": True}, "5"),
        ("dots", {"dots_per_voter": 4}, "4"),
        ("dots", {"dots_per_voter": 4, "cap_per_option": 2}, "2"),
    ],
)
def test_dots_and_points_are_number_inputs_from_zero(method, rules, maximum):
    form, keys = form_for(method, rules)

    assert list(form.fields) == [f"option-{key}" for key in keys]
    html = str(form[f"option-{keys[0]}"])
    assert 'type="number"' in html
    assert 'min="0"' in html
    assert f'max="{maximum}"' in html
    assert 'inputmode="numeric"' in html
    assert "data-ballot-count" in html
    assert form.uses_counts is True
    assert form.total == int(rules.get("budget", rules.get("dots_per_voter")))


@pytest.mark.django_db
def test_ranking_is_a_select_of_not_ranked_and_ranks_one_to_m():
    form, keys = form_for("ranking", {}, n=4)

    field = form.fields[f"option-{keys[0]}"]
    assert [value for value, _label in field.choices] == ["", "1", "2", "3", "4"]
    assert "<select" in str(form[f"option-{keys[0]}"])


@pytest.mark.django_db
def test_approval_is_a_checkbox_per_option():
    form, keys = form_for("approval", {})

    assert list(form.fields) == [f"option-{key}" for key in keys]
    assert 'type="checkbox"' in str(form[f"option-{keys[1]}"])


@pytest.mark.django_db
def test_matrix_has_radios_per_criterion_with_dont_know():
    form, keys = form_for("matrix", MATRIX_RULES, n=2)

    assert list(form.fields) == [
        f"option-{keys[0]}-value",
        f"option-{keys[0]}-feasible",
        f"option-{keys[1]}-value",
        f"option-{keys[1]}-feasible",
    ]
    field = form.fields[f"option-{keys[0]}-value"]
    assert [value for value, _label in field.choices] == ["1", "2", "3", "4", "5", "unknown"]
    assert str(form[f"option-{keys[0]}-value"]).count('type="radio"') == 6


@pytest.mark.django_db
def test_matrix_without_dont_know_offers_only_the_scale():
    form, keys = form_for("matrix", {**MATRIX_RULES, "allow_unknown": False, "scale_max": 4}, n=2)

    field = form.fields[f"option-{keys[0]}-feasible"]
    assert [value for value, _label in field.choices] == ["1", "2", "3", "4"]


def test_field_names():
    assert option_field_name("12") == "option-12"
    assert option_field_name("12", "value") == "option-12-value"


# --- The raw ballot ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_points_raw_and_cleaned_ballot():
    voting_round, options, (a, b, c) = make_round()
    form = BallotForm(
        voting_round, options, data={f"option-{a}": "3", f"option-{b}": "2", f"option-{c}": ""}
    )

    assert form.is_valid(), form.errors
    assert form.raw == {a: 3, b: 2, c: 0}
    assert form.ballot == {a: 3, b: 2}


@pytest.mark.django_db
def test_absent_inputs_count_as_zero():
    voting_round, options, (a, b, c) = make_round()
    form = BallotForm(voting_round, options, data={f"option-{b}": "5"})

    assert form.is_valid(), form.errors
    assert form.raw == {a: 0, b: 5, c: 0}


@pytest.mark.django_db
def test_ranking_raw_leaves_unranked_options_out():
    voting_round, options, (a, b, c, d) = make_round("ranking", {}, n=4)
    data = {f"option-{a}": "2", f"option-{b}": "", f"option-{c}": "1", f"option-{d}": ""}

    form = BallotForm(voting_round, options, data=data)

    assert form.is_valid(), form.errors
    assert form.raw == {a: 2, b: None, c: 1, d: None}
    assert form.ballot == {c: 1, a: 2}


@pytest.mark.django_db
def test_approval_raw_is_true_for_ticked_options():
    voting_round, options, (a, b, c) = make_round("approval", {})

    form = BallotForm(voting_round, options, data={f"option-{a}": "on", f"option-{c}": "on"})

    assert form.is_valid(), form.errors
    assert form.raw == {a: True, b: False, c: True}
    assert form.ballot == {a: True, c: True}


@pytest.mark.django_db
def test_matrix_raw_keeps_dont_know_as_none():
    voting_round, options, (a, b) = make_round("matrix", MATRIX_RULES, n=2)
    data = {f"option-{a}-value": "4", f"option-{a}-feasible": "unknown", f"option-{b}-value": "2"}

    form = BallotForm(voting_round, options, data=data)

    assert form.is_valid(), form.errors
    assert form.raw == {
        a: {"value": 4, "feasible": None},
        b: {"value": 2, "feasible": None},
    }
    assert form.ballot == {a: {"value": 4, "feasible": None}, b: {"value": 2, "feasible": None}}


# --- Errors --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_points_not_adding_up_is_an_error_above_the_ballot():
    voting_round, options, (a, b, _c) = make_round()
    form = BallotForm(voting_round, options, data={f"option-{a}": "3", f"option-{b}": "1"})

    assert form.is_valid() is False
    assert form.non_field_errors() == [
        gettext("Your points add up to %(given)d; they must add up to exactly %(budget)d.")
        % {"given": 4, "budget": 5}
    ]
    assert form.error_summary == [(form.non_field_errors()[0], "ballot-hint")]


@pytest.mark.django_db
def test_a_rule_about_one_option_stands_next_to_that_option():
    voting_round, options, (a, b, _c) = make_round(
        "dots", {"dots_per_voter": 5, "cap_per_option": 2}
    )

    form = BallotForm(voting_round, options, data={f"option-{a}": "3", f"option-{b}": "1"})

    assert form.is_valid() is False
    assert list(form.errors) == [f"option-{a}"]
    row = next(row for row in form.rows if row.key == a)
    assert len(row.errors) == 1
    assert "Tema 1" in row.errors[0]
    assert form.error_summary == [(row.errors[0], f"id_option-{a}")]
    html = str(form[f"option-{a}"])
    assert 'aria-invalid="true"' in html
    assert f'aria-describedby="ballot-option-{a}-errors"' in html
    assert "is-invalid" in html


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["abc", "-1", "2.5"])
def test_a_value_that_is_not_a_whole_number_from_zero_is_a_field_error(value):
    voting_round, options, (a, b, _c) = make_round()
    form = BallotForm(voting_round, options, data={f"option-{a}": value, f"option-{b}": "5"})

    assert form.is_valid() is False
    assert list(form.errors) == [f"option-{a}"]
    assert form.ballot is None


@pytest.mark.django_db
def test_duplicate_ranks_are_refused():
    voting_round, options, (a, b, _c) = make_round("ranking", {})

    form = BallotForm(voting_round, options, data={f"option-{a}": "1", f"option-{b}": "1"})

    assert form.is_valid() is False
    assert form.non_field_errors() == [
        gettext("Rank %(rank)d is used more than once.") % {"rank": 1}
    ]


@pytest.mark.django_db
def test_a_rank_that_is_not_offered_is_a_field_error():
    voting_round, options, (a, _b, _c) = make_round("ranking", {})

    form = BallotForm(voting_round, options, data={f"option-{a}": "4"})

    assert form.is_valid() is False
    assert list(form.errors) == [f"option-{a}"]


@pytest.mark.django_db
def test_an_empty_approval_ballot_is_refused():
    form, _keys = form_for("approval", {}, data={})

    assert form.is_valid() is False
    assert form.non_field_errors() == [gettext("Choose at least one option.")]


@pytest.mark.django_db
def test_matrix_errors_are_shown_on_the_option():
    voting_round, options, (a, b) = make_round(
        "matrix", {**MATRIX_RULES, "allow_unknown": False}, n=2
    )
    data = {f"option-{a}-value": "4", f"option-{a}-feasible": "3", f"option-{b}-value": "2"}

    form = BallotForm(voting_round, options, data=data)

    assert form.is_valid() is False
    rows = {row.key: row for row in form.rows}
    assert rows[a].errors == []
    assert len(rows[b].errors) == 1
    assert form.error_summary == [(rows[b].errors[0], f"ballot-option-{b}")]


@pytest.mark.django_db
def test_service_messages_go_next_to_their_option_or_above_the_ballot():
    voting_round, options, (a, b, _c) = make_round()
    form = BallotForm(voting_round, options, data={f"option-{a}": "3", f"option-{b}": "2"})
    assert form.is_valid()

    form.add_ballot_errors(["about a", "about the ballot"], [a, None])

    assert form.errors == {f"option-{a}": ["about a"], "__all__": ["about the ballot"]}


# --- Prefill, order, hint ------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "rules", "values", "expected"),
    [
        ("points", None, {"A": 3, "B": 2}, {"A": 3, "B": 2}),
        ("ranking", {}, {"B": 1, "A": 2}, {"A": "2", "B": "1"}),
        ("approval", {}, {"B": True}, {"B": True}),
        (
            "matrix",
            MATRIX_RULES,
            {"A": {"value": 5, "feasible": None}},
            {"A-value": "5", "A-feasible": "unknown"},
        ),
    ],
)
def test_initial_prefills_the_inputs_from_a_stored_ballot(method, rules, values, expected):
    voting_round, options, (a, b, _c) = make_round(method, rules)
    name = {"A": a, "B": b}

    def real(key: str) -> str:
        return "-".join([name[key.split("-")[0]], *key.split("-")[1:]])

    form = BallotForm(voting_round, options, initial={real(k): v for k, v in values.items()})

    assert form.initial == {f"option-{real(k)}": v for k, v in expected.items()}
    assert form.is_bound is False


@pytest.mark.django_db
def test_order_sets_the_order_of_the_rows_but_not_of_the_raw_ballot():
    voting_round, options, (a, b, c) = make_round()

    form = BallotForm(voting_round, options, data={f"option-{a}": "5"}, order=[c, a, b])

    assert [row.key for row in form.rows] == [c, a, b]
    assert form.is_valid()
    assert list(form.raw) == [a, b, c]


@pytest.mark.django_db
def test_without_order_the_rows_follow_the_round():
    voting_round, options, keys = make_round()

    form = BallotForm(voting_round, options)

    assert [row.key for row in form.rows] == keys
    assert [row.option.theme.title for row in form.rows] == ["Tema 1", "Tema 2", "Tema 3"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "rules", "number"),
    [
        ("points", {"budget": 100, "budget_exact": True}, "100"),
        ("points", {"budget": 7, "budget_exact": False}, "7"),
        ("dots", {"dots_per_voter": 6, "cap_per_option": 3}, "6"),
        ("matrix", {**MATRIX_RULES, "scale_max": 4}, "4"),
    ],
)
def test_the_hint_names_the_numbers_of_the_rules(method, rules, number):
    form, _keys = form_for(method, rules, n=2)

    assert number in form.hint


# --- The quick path's check: the form's verdict without the form ---------------------------------

# What a phone, a slip of the finger or a script may post in one input: a plain answer, or not.
PLAIN = st.sampled_from(("1", "2", "3"))
ODD = ("", "0", "4", "5", "6", "100", "-1", " 2 ", "2.0", "2.5", "1e3", "abc", "on", "true")
POSTED = st.one_of(PLAIN, st.sampled_from((*ODD, "false", "unknown", "٣")))


def _post(keys: list[str], answers: dict) -> QueryDict:
    """A POST from {(option index, criterion key or None): value}."""
    data = QueryDict(mutable=True)
    for (index, criterion), value in answers.items():
        data[option_field_name(keys[index], criterion)] = value
    return data


MATRIX_STRICT = {**MATRIX_RULES, "allow_unknown": False, "scale_max": 3}
ALL_CELLS = {(i, c): "2" for i in range(3) for c in ("value", "feasible")}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "rules", "valid", "invalid"),
    [
        (
            "points",
            {"budget": 5, "budget_exact": True},
            {(0, None): "2", (1, None): "3"},
            {(0, None): "1"},
        ),
        ("points", {"budget": 5, "budget_exact": False}, {(0, None): "1"}, {(0, None): "6"}),
        (
            "dots",
            {"dots_per_voter": 4, "cap_per_option": 2},
            {(0, None): "2", (1, None): "2"},
            {(0, None): "3"},
        ),
        ("ranking", {}, {(0, None): "1", (1, None): "2"}, {(0, None): "1", (1, None): "1"}),
        ("approval", {}, {(0, None): "on"}, {}),
        (
            "matrix",
            MATRIX_RULES,
            {(0, "value"): "3", (0, "feasible"): "unknown"},
            {(0, "value"): "9"},
        ),
        ("matrix", MATRIX_STRICT, ALL_CELLS, {**ALL_CELLS, (2, "value"): "unknown"}),
    ],
)
def test_the_quick_check_agrees_with_the_form_on_any_post(method, rules, valid, invalid):
    """clean_posted_ballot (the phone's quick path) gives the form's cleaned ballot when the
    form is valid and None when it is not, whatever is posted."""
    voting_round, options, keys = make_round(method, rules)
    round_rules = BallotForm(voting_round, options).rules
    criteria = [c["key"] for c in rules.get("criteria", [])] or [None]
    names = [option_field_name(key, criterion) for key in keys for criterion in criteria]
    names += ["option-999", f"option-{keys[0]}-other"]  # not inputs of this ballot

    def verdicts(data: QueryDict) -> tuple:
        form = BallotForm(voting_round, options, data=data)
        return clean_posted_ballot(round_rules, data), form.ballot if form.is_valid() else None

    # One ballot of each verdict, so that agreeing means something either way.
    quick, expected = verdicts(_post(keys, valid))
    assert expected is not None
    assert quick == expected
    assert verdicts(_post(keys, invalid)) == (None, None)

    @settings(max_examples=150, deadline=None, database=None)
    # Every input answered plainly, then a few left out, changed or sent twice.
    @given(
        st.fixed_dictionaries(dict.fromkeys(names[:-2], PLAIN)),
        st.lists(st.tuples(st.sampled_from(names), st.one_of(st.none(), POSTED)), max_size=4),
    )
    def agree(plain, changes):
        values = {name: [value] for name, value in plain.items()}
        for name, value in changes:
            if value is None:
                values.pop(name, None)
            else:
                values.setdefault(name, []).append(value)
        data = QueryDict(mutable=True)
        for name, posted in values.items():
            data.setlist(name, posted)

        quick, expected = verdicts(data)

        assert quick == expected

    agree()
