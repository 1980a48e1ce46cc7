"""The budget basis, the cost-line grid, the need table, the catalogue and the device plan cost
the same number of queries with 1× and 5× the data."""

from decimal import Decimal

import pytest
from django.urls import reverse

from actionplan.budget_enums import GuidelineRuleKind
from tests.actionplan.budget_factories import (
    ComplianceExceptionFactory,
    CostLineFactory,
    DeviceCategoryFactory,
    DeviceModelFactory,
    DevicePlanItemFactory,
    InventoryItemFactory,
    ITGuidelineFactory,
    NeedRuleFactory,
)
from tests.factories import InitiativeFactory, OrgUnitFactory, ThemeFactory

KINDS = list(GuidelineRuleKind)


def grow(world, factor: int) -> None:
    """Per unit of `factor`: a theme with two initiatives and three lines each (one generated),
    an institution, a device category with a need rule, two catalogue items, inventory, a plan
    item and an exception; guideline rules up to all seven kinds."""
    organisation = world.process.organisation
    for kind in KINDS[: min(len(KINDS), factor + 2)]:
        ITGuidelineFactory(organisation=organisation, kind=kind)
    for n in range(factor):
        theme = ThemeFactory(process=world.process, priority_rank=n + 2)
        category = DeviceCategoryFactory(organisation=organisation)
        NeedRuleFactory(category=category, per_room=1, fte_divisor=8)
        unit = OrgUnitFactory(organisation=organisation)
        InventoryItemFactory(org_unit=unit, category=category, quantity=2, os_support_until=2030)
        models = [DeviceModelFactory(category=category) for _ in range(2)]
        ComplianceExceptionFactory(process=world.process, device_model=models[1])
        for _initiative in range(2):
            initiative = InitiativeFactory(theme=theme, phase="1", in_budget_request=True)
            for _ in range(2):
                CostLineFactory(initiative=initiative, amount_1=Decimal("1000"))
        DevicePlanItemFactory(initiative=initiative, device_model=models[0])
        CostLineFactory(
            initiative=initiative,
            generated=True,
            element="purchase",
            plan_item=initiative.device_plan_items.get(),
        )


def page(world, name: str) -> str:
    return reverse(f"actionplan:{name}", kwargs={"slug": world.process.slug})


CASES = [
    # session, user, membership with process; the lines; the exceptions
    ("budget", 5),
    # session, user, membership; initiatives; their lines
    ("costline.list", 5),
    # session, user, membership; units, categories, rules, inventory
    ("investment", 7),
    # session, user, membership; rules, exceptions, models
    ("device.list", 6),
    # session, user, membership; the plan (9 with one purchase year); the catalogue for the
    # exception form (3); the initiatives of the settings form's three choices (3)
    ("deviceplan", 18),
]


@pytest.mark.parametrize("factor", [1, 5])
@pytest.mark.parametrize(("name", "queries"), CASES, ids=[name for name, _ in CASES])
def test_budget_page_query_count(
    world, lead_client, django_assert_num_queries, factor, name, queries
):
    grow(world, factor)
    lead_client.get(page(world, name))

    with django_assert_num_queries(queries):
        response = lead_client.get(page(world, name))

    assert response.status_code == 200


@pytest.mark.parametrize("factor", [1, 5])
def test_budget_exports_query_count(world, lead_client, django_assert_num_queries, factor):
    grow(world, factor)
    xlsx = reverse("actionplan:budget.xlsx", kwargs={"slug": world.process.slug})
    lead_client.get(xlsx)

    # session, user, membership; lines; need (4); catalogue (3)
    with django_assert_num_queries(11):
        response = lead_client.get(xlsx)
    assert response.status_code == 200
    with django_assert_num_queries(4):
        response = lead_client.get(page(world, "budget.csv"))
    assert response.status_code == 200
