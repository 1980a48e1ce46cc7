"""seed_demo, budget part: the catalogue, guidelines, need rules, inventory, device plan and
cost lines of DOMAIN.md §4 and §6 give 339 devices, 93 SIM cards, and the budget totals
drift 3.294 / 2.072 / 1.253 / 1.103 and anlæg 900 / 0 / 0 / 0 (1.000 kr.); idempotency."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from actionplan import budget_selectors
from actionplan.budget_enums import Compliance, GeneratedElement
from actionplan.budget_models import (
    ComplianceException,
    CostLine,
    DeviceCategory,
    DeviceModel,
    DevicePlanItem,
    DevicePlanSettings,
    InventoryItem,
    ITGuideline,
    NeedRule,
)
from strategy.models import StrategyProcess

BUDGET_MODELS = (
    DeviceCategory,
    NeedRule,
    DeviceModel,
    ITGuideline,
    InventoryItem,
    ComplianceException,
    DevicePlanItem,
    DevicePlanSettings,
    CostLine,
)


@pytest.fixture
def process(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    return StrategyProcess.objects.get(slug="digitalisering-0-6")


def test_demo_need_is_339_devices_and_93_sim_cards(process):
    table = budget_selectors.need_table(process)
    plan = budget_selectors.device_plan(process)

    assert [(c.name, n) for c, n in zip(table.categories, table.need_totals, strict=True)] == [
        ("Pædagog-tablet", 165),
        ("Dagpleje-tablet", 59),
        ("Komme/gå-skærm", 27),
        ("Bærbar pc (ledelse)", 34),
        ("Tur-/vagttelefon", 34),
        ("Fælles arbejdsstation", 20),
        ("Pædagogiske redskaber", 0),
    ]
    assert len(table.rows) == 21
    # The old iPads are out of OS support (or unknown) in 2027: none of them is usable.
    assert (table.usable, table.not_usable) == (0, 25)
    assert (plan.devices, plan.sim_cards) == (339, 93)
    assert plan.up_to_date


def test_demo_budget_totals(process):
    basis = budget_selectors.budget_basis(process)

    assert basis.drift.thousands == [3294, 2072, 1253, 1103]
    assert basis.anlaeg.thousands == [900, 0, 0, 0]
    assert basis.drift.display == ["3.294", "2.072", "1.253", "1.103"]
    assert basis.drift.kroner == [
        Decimal("3293935"),
        Decimal("2071930"),
        Decimal("1253130"),
        Decimal("1103130"),
    ]


def test_demo_generated_lines(process):
    by_element: dict[str, list[Decimal]] = {}
    for line in CostLine.objects.filter(process=process, generated=True):
        amounts = by_element.setdefault(line.element, [Decimal(0)] * 4)
        by_element[line.element] = [a + b for a, b in zip(amounts, line.amounts, strict=True)]

    assert CostLine.objects.filter(process=process, generated=True).count() == 11
    assert by_element == {
        GeneratedElement.PURCHASE: [Decimal("1491900"), 0, 0, 0],
        GeneratedElement.SETUP: [Decimal("66105"), 0, 0, 0],
        GeneratedElement.OPERATIONS: [Decimal("183060")] * 4,
        GeneratedElement.SUBSCRIPTION: [Decimal("66960")] * 4,
        GeneratedElement.REPLACEMENT: [0, Decimal("380200"), Decimal("380200"), Decimal("380200")],
    }
    assert CostLine.objects.filter(process=process, generated=False).count() == 14


def test_demo_catalogue_has_an_exception_and_unknown_results(process):
    catalogue = budget_selectors.catalogue(process)
    rows = {(row.model.category.name, row.model.name): row for row in catalogue.rows}

    assert len(catalogue.rules) == 7
    phone = rows[("Tur-/vagttelefon", "Android-telefon (Android Enterprise)")]
    assert (phone.overall, phone.exception.granted_by.email) == (
        Compliance.NOT_MET,
        "digitaliseringschef@demo.rodovre.dk",
    )
    robots = rows[("Pædagogiske redskaber", "Gulvrobotter, 6-pak")]
    assert robots.overall == Compliance.NOT_MET  # no framework agreement; not in the plan
    assert sum(1 for r in robots.results if r.status == Compliance.UNKNOWN) == 4
    others = [
        row.overall
        for key, row in rows.items()
        if key
        not in (
            ("Tur-/vagttelefon", "Android-telefon (Android Enterprise)"),
            ("Pædagogiske redskaber", "Gulvrobotter, 6-pak"),
        )
    ]
    assert others == [Compliance.MET] * 5
    assert budget_selectors.device_plan(process).blocked_rows == []


def test_second_seed_writes_nothing(process):
    counts = [model.objects.count() for model in BUDGET_MODELS]
    history = [
        model.history.count()
        for model in (NeedRule, DeviceModel, ITGuideline, DevicePlanItem, CostLine)
    ]

    call_command("seed_demo", verbosity=0)

    assert [model.objects.count() for model in BUDGET_MODELS] == counts
    assert [
        model.history.count()
        for model in (NeedRule, DeviceModel, ITGuideline, DevicePlanItem, CostLine)
    ] == history
    assert counts == [7, 8, 7, 7, 5, 1, 6, 1, 25]
