"""The budget basis: grouping by theme and initiative, subtotals and totals from unrounded
kroner, the rounding to 1.000 kr. (half up), the scenarios, and the number format."""

from decimal import Decimal

import pytest
from django.utils import translation

from actionplan import budget, budget_selectors
from actionplan.budget_enums import CostKind, Financing, Recurrence, Scenario
from tests.actionplan.budget_factories import CostLineFactory
from tests.factories import InitiativeFactory, ThemeFactory


@pytest.mark.parametrize(
    ("kroner", "thousands"),
    [
        ("1499.99", 1),
        ("1500", 2),
        ("2500", 3),  # half up, not to even
        ("-1500", -2),  # half away from zero
        ("-1499.99", -1),
        ("499.99", 0),
        ("3293935", 3294),
        ("0", 0),
    ],
)
def test_to_thousands_rounds_half_up(kroner, thousands):
    assert budget.to_thousands(Decimal(kroner)) == thousands


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (3294, 0, "3.294"),
        (-60, 0, "−60"),
        (0, 0, "0"),
        (1234567, 0, "1.234.567"),
        (Decimal("59737.5"), 2, "59.737,50"),
        (Decimal("-0.4"), 0, "0"),
    ],
)
def test_format_number_is_danish_in_any_language(value, decimals, text):
    with translation.override("en"):
        assert budget.format_number(value, decimals) == text


def test_format_thousands_and_kroner():
    assert budget.format_thousands(Decimal("-60000")) == "−60"
    assert budget.format_kroner(Decimal("3100.00")) == "3.100"
    assert budget.format_kroner(Decimal("59737.50")) == "59.737,50"


def test_budget_years_and_heading(world):
    with translation.override("en"):
        heading = budget.amounts_heading(world.process)

    assert budget.budget_years(world.process) == [2027, 2028, 2029, 2030]
    assert heading == "Amounts in 1,000 kr., 2027 prices"


@pytest.fixture
def lines(world):
    """Theme 1 (rank 1): initiative 1.2 (phase 1, in the request) and 1.1 (phase 2);
    theme 2 (rank 2): initiative 2.1 (phase 1, not in the request) with an anlæg line."""
    first = world.theme
    first.priority_rank = 1
    first.save()
    second = ThemeFactory(process=world.process, priority_rank=2)
    i11 = InitiativeFactory(theme=first, position=1, phase="2")
    i12 = InitiativeFactory(theme=first, position=2, phase="1", in_budget_request=True)
    i21 = InitiativeFactory(theme=second, position=1, phase="1")
    made = {
        "a": CostLineFactory(initiative=i12, amount_1=Decimal("1400"), position=2),
        "b": CostLineFactory(
            initiative=i12,
            amount_1=Decimal("1400"),
            amount_2=Decimal("1400"),
            recurrence=Recurrence.RECURRING,
            position=1,
        ),
        "c": CostLineFactory(
            initiative=i11,
            amount_1=Decimal("1400"),
            amount_2=Decimal("-60000"),
            financing=Financing.OFFSET,
        ),
        "d": CostLineFactory(
            initiative=i21,
            amount_1=Decimal("900000"),
            kind=CostKind.ANLAEG,
            financing=Financing.CAPITAL_REQUEST,
        ),
        "generated": CostLineFactory(
            initiative=i21, amount_3=Decimal("500"), generated=True, element="setup", position=9
        ),
    }
    return {"themes": (first, second), "initiatives": (i11, i12, i21), **made}


def test_groups_by_theme_priority_and_initiative_number(world, lines):
    basis = budget_selectors.budget_basis(world.process)
    first, second = lines["themes"]
    i11, i12, i21 = lines["initiatives"]

    assert [
        (group.theme, [(ig.initiative, [bl.line for bl in ig.lines]) for ig in group.initiatives])
        for group in basis.themes
    ] == [
        (first, [(i11, [lines["c"]]), (i12, [lines["b"], lines["a"]])]),
        (second, [(i21, [lines["generated"], lines["d"]])]),  # generated lines first
    ]
    assert (basis.line_count, basis.generated_count) == (5, 1)
    assert basis.years == [2027, 2028, 2029, 2030]


def test_totals_come_from_unrounded_kroner(world, lines):
    basis = budget_selectors.budget_basis(world.process)
    theme_1 = basis.themes[0]
    i12 = theme_1.initiatives[1]

    # Each 1.400-kr. line shows 1; the initiative's 2.800 kr. show 3, the theme's 4.200 kr. 4.
    assert [bl.figures.thousands[0] for bl in i12.lines] == [1, 1]
    assert i12.subtotal.thousands == [3, 1, 0, 0]
    assert theme_1.subtotal.kroner == [
        Decimal("4200"),
        Decimal("-58600"),
        Decimal("0"),
        Decimal("0"),
    ]
    assert theme_1.subtotal.thousands == [4, -59, 0, 0]
    assert basis.total.thousands == [904, -59, 1, 0]
    assert basis.drift.thousands == [4, -59, 1, 0]
    assert basis.anlaeg.thousands == [900, 0, 0, 0]
    assert basis.one_off.thousands == [903, -60, 1, 0]
    assert basis.recurring.thousands == [1, 1, 0, 0]
    assert basis.total.display == ["904", "−59", "1", "0"]
    assert basis.total.total_thousands == 846
    # Shown total 904 vs the shown lines 1+1+1+900+0 = 903: within half a thousand per line.
    assert abs(904 - 903) <= basis.max_rounding_difference


def test_financing_totals_in_the_order_of_the_choices(world, lines):
    basis = budget_selectors.budget_basis(world.process)

    assert [(f.financing, f.figures.thousands) for f in basis.by_financing] == [
        (Financing.BUDGET_REQUEST, [3, 1, 1, 0]),
        (Financing.CAPITAL_REQUEST, [900, 0, 0, 0]),
        (Financing.OFFSET, [1, -60, 0, 0]),
    ]


@pytest.mark.parametrize(
    ("scenario", "initiatives", "total_2027"),
    [
        (Scenario.ALL, ["1.1", "1.2", "2.1"], 904),
        (Scenario.PHASE1, ["1.2", "2.1"], 903),
        (Scenario.REQUEST, ["1.2"], 3),
        ("nonsense", ["1.1", "1.2", "2.1"], 904),
    ],
)
def test_scenarios(world, lines, scenario, initiatives, total_2027):
    basis = budget_selectors.budget_basis(world.process, scenario)

    assert [ig.initiative.number for g in basis.themes for ig in g.initiatives] == initiatives
    assert basis.total.thousands[0] == total_2027
    assert basis.scenario == (scenario if scenario in Scenario.values else Scenario.ALL)


def test_another_process_lines_stay_out(world, lines):
    CostLineFactory(initiative=InitiativeFactory(theme=world.other["theme"]), amount_1=5000)

    assert budget_selectors.budget_basis(world.process).total.thousands[0] == 904


@pytest.mark.parametrize("factor", [1, 5])
def test_budget_basis_and_grid_query_counts_are_constant(world, django_assert_num_queries, factor):
    for n in range(factor):
        theme = ThemeFactory(process=world.process, priority_rank=n + 1)
        for position in (1, 2):
            initiative = InitiativeFactory(theme=theme, position=position)
            CostLineFactory(initiative=initiative, amount_1=Decimal("1000"))
            CostLineFactory(initiative=initiative, amount_2=Decimal("2000"))

    with django_assert_num_queries(1):
        basis = budget_selectors.budget_basis(world.process)
        for group in basis.themes:
            for initiative_group in group.initiatives:
                assert initiative_group.initiative.number
    with django_assert_num_queries(2):
        groups = budget_selectors.cost_line_groups(world.process)
        for group in groups:
            for line in group.lines:
                assert line.initiative.number

    assert basis.line_count == 4 * factor
    assert len(groups) == 2 * factor
