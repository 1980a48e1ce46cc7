"""The device need per institution: each rule term on hand-computed institutions, the rules
that apply per kind of institution, and the usable inventory subtracted."""

from decimal import Decimal

import pytest

from actionplan import budget, budget_selectors
from actionplan.budget_models import NeedRule
from strategy.enums import OrgUnitKind
from strategy.models import OrgUnit
from tests.actionplan.budget_factories import (
    DeviceCategoryFactory,
    InventoryItemFactory,
    NeedRuleFactory,
)
from tests.factories import OrgUnitFactory

ALL_INSTITUTIONS = {"for_integrated": True, "for_nursery": True, "for_kindergarten": True}


def unit(**values) -> OrgUnit:
    defaults = {
        "name": "Huset",
        "kind": OrgUnitKind.INTEGRERET,
        "children_0_2": 36,
        "children_3_5": 66,
        "rooms": 6,
        "fte": Decimal("24"),
        "has_deputy": True,
    }
    return OrgUnit(**{**defaults, **values})


def rule(**terms) -> NeedRule:
    return NeedRule(**{**ALL_INSTITUTIONS, **terms})


@pytest.mark.parametrize(
    ("terms", "expected"),
    [
        ({"per_unit": 1}, 1),
        ({"per_room": 1}, 6),
        ({"per_room": 2}, 12),
        ({"fte_divisor": 8}, 3),  # 24 ÷ 8 = 3 exactly
        ({"per_room": 1, "fte_divisor": 8}, 9),  # Pædagog-tablet: 6 rooms + 3
        ({"per_deputy": 1}, 1),
        ({"per_unit": 1, "per_deputy": 1}, 2),  # Bærbar pc: leader + deputy
        ({"per_unit": 1, "children_threshold": 100, "extra_over_threshold": 1}, 2),  # 102 > 100
        ({"per_unit": 2}, 2),
        ({}, 0),
    ],
)
def test_rule_need_of_an_integrated_institution(terms, expected):
    assert budget.rule_need(rule(**terms), unit()) == expected


def test_fte_divisor_rounds_up():
    assert budget.rule_need(rule(fte_divisor=8), unit(fte=Decimal("24.5"))) == 4
    assert budget.rule_need(rule(fte_divisor=8), unit(fte=Decimal("17"))) == 3
    assert budget.rule_need(rule(fte_divisor=8), unit(fte=Decimal("16"))) == 2
    assert budget.rule_need(rule(fte_divisor=8), unit(fte=Decimal("0"))) == 0


def test_children_threshold_adds_only_above_it():
    threshold = rule(per_unit=1, children_threshold=100, extra_over_threshold=1)

    assert budget.rule_need(threshold, unit(children_0_2=40, children_3_5=60)) == 1  # 100
    assert budget.rule_need(threshold, unit(children_0_2=40, children_3_5=61)) == 2  # 101


def test_deputy_term_counts_only_with_a_deputy():
    assert budget.rule_need(rule(per_unit=1, per_deputy=1), unit(has_deputy=False)) == 1


def test_dagpleje_terms():
    dagplejen = unit(
        kind=OrgUnitKind.DAGPLEJE,
        children_0_2=224,
        children_3_5=0,
        rooms=0,
        fte=Decimal("61"),
        childminders=56,
        play_centres=3,
        dagpleje_pedagogues=4,
        has_deputy=False,
    )
    tablets = NeedRule(for_dagpleje=True, per_childminder=1, per_play_centre=1)
    laptops = NeedRule(for_dagpleje=True, per_unit=1, per_dagpleje_pedagogue=1)

    assert budget.gross_need([tablets], dagplejen) == 59
    assert budget.gross_need([laptops], dagplejen) == 5


def test_rules_apply_by_kind_of_institution():
    phones = [
        NeedRule(for_integrated=True, per_unit=2),
        NeedRule(for_nursery=True, for_kindergarten=True, per_unit=1),
    ]

    assert budget.gross_need(phones, unit(kind=OrgUnitKind.INTEGRERET)) == 2
    assert budget.gross_need(phones, unit(kind=OrgUnitKind.VUGGESTUE)) == 1
    assert budget.gross_need(phones, unit(kind=OrgUnitKind.BORNEHAVE)) == 1
    assert budget.gross_need(phones, unit(kind=OrgUnitKind.DAGPLEJE)) == 0
    assert budget.gross_need(phones, unit(kind=OrgUnitKind.ADMINISTRATION)) == 0


def test_an_inactive_institution_has_no_need():
    assert budget.gross_need([rule(per_unit=1)], unit(active=False)) == 0


@pytest.fixture
def org(world):
    """Three institutions and two categories with the default rules of Pædagog-tablet and
    Komme/gå-skærm; `world.org_unit` (integrated, 4 rooms, 17 FTE, 68 children) is the fourth."""
    organisation = world.process.organisation
    tablets = DeviceCategoryFactory(organisation=organisation, name="Pædagog-tablet", position=1)
    screens = DeviceCategoryFactory(organisation=organisation, name="Komme/gå-skærm", position=2)
    NeedRuleFactory(category=tablets, **ALL_INSTITUTIONS, per_room=1, fte_divisor=8)
    NeedRuleFactory(
        category=screens,
        **ALL_INSTITUTIONS,
        per_unit=1,
        children_threshold=100,
        extra_over_threshold=1,
    )
    units = {
        "big": OrgUnitFactory(
            organisation=organisation,
            name="A Stjernen",
            rooms=10,
            fte=Decimal("40"),
            children_0_2=60,
            children_3_5=110,
        ),
        "garden": OrgUnitFactory(
            organisation=organisation,
            name="B Egely",
            kind=OrgUnitKind.BORNEHAVE,
            rooms=3,
            fte=Decimal("13"),
            children_0_2=0,
            children_3_5=70,
        ),
        "closed": OrgUnitFactory(organisation=organisation, name="C Lukket", active=False),
        "admin": OrgUnitFactory(
            organisation=organisation, name="D Forvaltning", kind=OrgUnitKind.ADMINISTRATION
        ),
    }
    return organisation, tablets, screens, units


def test_need_table_per_institution_and_totals(world, org):
    _organisation, tablets, screens, units = org

    table = budget_selectors.need_table(world.process)

    assert table.categories == [tablets, screens]
    assert [(row.unit, [cell.gross for cell in row.cells]) for row in table.rows] == [
        (units["big"], [15, 2]),  # 10 rooms + 40/8; 170 children
        (units["garden"], [5, 1]),  # 3 rooms + ceil(13/8)
        (world.org_unit, [7, 1]),  # 4 rooms + ceil(17/8)
    ]
    assert table.need_totals == [27, 4]
    assert table.need == 31
    assert table.need_for(tablets.pk) == 27


def test_usable_inventory_is_subtracted_and_outdated_or_unknown_is_not(world, org):
    _organisation, tablets, _screens, units = org
    big = units["big"]
    InventoryItemFactory(org_unit=big, category=tablets, quantity=4, os_support_until=2029)
    InventoryItemFactory(org_unit=big, category=tablets, quantity=6, os_support_until=2025)
    InventoryItemFactory(org_unit=big, category=tablets, quantity=2, os_support_until=None)
    # More usable devices than the need: the need is 0, never negative.
    InventoryItemFactory(
        org_unit=units["garden"], category=tablets, quantity=9, os_support_until=2030
    )

    table = budget_selectors.need_table(world.process)

    big_cell, garden_cell, world_cell = (row.cells[0] for row in table.rows)
    assert (big_cell.gross, big_cell.usable, big_cell.not_usable, big_cell.need) == (15, 4, 8, 11)
    assert (garden_cell.gross, garden_cell.usable, garden_cell.need) == (5, 9, 0)
    assert world_cell.need == 7
    assert table.need_totals[0] == 18
    assert (table.usable, table.not_usable) == (13, 8)


def test_inventory_usability_depends_on_the_year(world, org):
    _organisation, tablets, _screens, units = org
    InventoryItemFactory(org_unit=units["big"], category=tablets, quantity=4, os_support_until=2027)

    assert budget_selectors.need_table(world.process, year=2027).rows[0].cells[0].need == 11
    assert budget_selectors.need_table(world.process, year=2028).rows[0].cells[0].need == 15


def test_inactive_institution_with_inventory_is_listed_without_need(world, org):
    _organisation, tablets, _screens, units = org
    InventoryItemFactory(org_unit=units["closed"], category=tablets, quantity=3)

    table = budget_selectors.need_table(world.process)

    closed = next(row for row in table.rows if row.unit == units["closed"])
    assert [(cell.gross, cell.not_usable, cell.need) for cell in closed.cells] == [
        (0, 3, 0),
        (0, 0, 0),
    ]


def test_need_table_ignores_another_organisation(world, org):
    other_category = DeviceCategoryFactory(organisation=world.other_process.organisation)
    NeedRuleFactory(category=other_category, per_unit=5)

    table = budget_selectors.need_table(world.process)

    assert other_category not in table.categories
    assert world.other_org_unit not in [row.unit for row in table.rows]


@pytest.mark.parametrize("factor", [1, 5])
def test_need_table_query_count_is_constant(world, org, django_assert_num_queries, factor):
    organisation, tablets, screens, _units = org
    for n in range(factor):
        extra = OrgUnitFactory(organisation=organisation, name=f"E{n}")
        InventoryItemFactory(org_unit=extra, category=tablets)
        NeedRuleFactory(category=screens, per_room=1)

    with django_assert_num_queries(4):
        table = budget_selectors.need_table(world.process)
        [cell.need for row in table.rows for cell in row.cells]
