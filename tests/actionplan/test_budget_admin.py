"""The admin lists and change forms of the budget models open; generated lines are
read-only there."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.actionplan.budget_factories import (
    ComplianceExceptionFactory,
    CostLineFactory,
    DevicePlanItemFactory,
    DevicePlanSettingsFactory,
    InventoryItemFactory,
    ITGuidelineFactory,
    NeedRuleFactory,
)

MODELS = [
    "costline",
    "devicecategory",
    "devicemodel",
    "itguideline",
    "inventoryitem",
    "complianceexception",
    "deviceplansettings",
    "deviceplanitem",
]


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser(
        email="admin@example.dk", password="x-Y-z-2026"
    )
    client.force_login(user)
    return client


def test_budget_admin_pages_open(admin_client):
    item = DevicePlanItemFactory()
    NeedRuleFactory(category=item.category)
    ITGuidelineFactory(organisation=item.process.organisation)
    InventoryItemFactory()
    ComplianceExceptionFactory()
    DevicePlanSettingsFactory(process=item.process)
    CostLineFactory(initiative=item.initiative)

    for name in MODELS:
        listing = admin_client.get(reverse(f"admin:actionplan_{name}_changelist"))
        assert listing.status_code == 200, name
    assert admin_client.get(reverse("admin:actionplan_devicemodel_add")).status_code == 200


def test_generated_line_is_read_only_in_the_admin(admin_client):
    item = DevicePlanItemFactory()
    line = CostLineFactory(
        initiative=item.initiative, generated=True, plan_item=item, element="purchase"
    )

    response = admin_client.get(reverse("admin:actionplan_costline_change", args=[line.pk]))

    assert response.status_code == 200
    assert "amount_1" not in response.context["adminform"].form.fields
