"""The device plan generates its cost lines: hand-computed amounts per element, idempotent
regeneration (no writes, no history rows), hand-written lines never touched, regeneration
after a price, need or plan change, and the compliance gate."""

import threading
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import translation

from actionplan import budget_selectors, budget_services
from actionplan.budget_enums import CostKind, Financing, GeneratedElement, GuidelineRuleKind
from actionplan.budget_enums import Recurrence as R
from actionplan.budget_models import CostLine, DevicePlanItem, DevicePlanSettings
from tests.actionplan.budget_factories import (
    ComplianceExceptionFactory,
    CostLineFactory,
    DeviceCategoryFactory,
    DeviceModelFactory,
    DevicePlanItemFactory,
    ITGuidelineFactory,
    NeedRuleFactory,
)
from tests.factories import InitiativeFactory, OrgUnitFactory

E = GeneratedElement


def k(*amounts) -> list[Decimal]:
    return [Decimal(str(amount)) for amount in amounts]


@dataclass
class Plan:
    process: object
    tablet: object  # plan item
    phone: object  # plan item
    tablet_initiative: object
    phone_initiative: object
    setup_initiative: object
    replacement_initiative: object


@pytest.fixture
def plan(world) -> Plan:
    """Two integrated institutions (world.org_unit and one more): tablets 3 per institution
    (6 in all), phones 2 per institution (4). Tablets bought 2027 (hardware 3.100, 4 years),
    phones 2028 (hardware 2.550, 3 years, subscription 720)."""
    process = world.process
    organisation = process.organisation
    OrgUnitFactory(organisation=organisation)
    tablets = DeviceCategoryFactory(organisation=organisation, name="Tablet", position=1)
    phones = DeviceCategoryFactory(organisation=organisation, name="Telefon", position=2)
    NeedRuleFactory(category=tablets, per_unit=3)
    NeedRuleFactory(category=phones, per_unit=2)
    initiatives = [InitiativeFactory(theme=world.theme, position=n) for n in range(1, 5)]
    tablet = DevicePlanItemFactory(
        initiative=initiatives[0],
        device_model=DeviceModelFactory(category=tablets, name="iPad"),
        financing=Financing.BUDGET_REQUEST,
    )
    phone = DevicePlanItemFactory(
        initiative=initiatives[1],
        device_model=DeviceModelFactory(
            category=phones,
            name="Android",
            unit_price=Decimal("2300"),
            accessories="cover",
            accessories_price=Decimal("250"),
            lifetime_years=3,
            subscription_per_year=Decimal("720"),
        ),
        purchase_year=2028,
        financing=Financing.REPRIORITISATION,
        subscription_financing=Financing.LEASING,
    )
    DevicePlanSettings.objects.create(
        process=process,
        setup_initiative=initiatives[2],
        operations_initiative=initiatives[2],
        replacement_initiative=initiatives[3],
        operations_financing=Financing.CENTRAL_POOL,
    )
    return Plan(process, tablet, phone, *initiatives)


def generated(process) -> set[tuple]:
    return {
        (
            line.initiative_id,
            line.plan_item_id,
            line.element,
            line.kind,
            line.recurrence,
            tuple(line.amounts),
            line.financing,
        )
        for line in CostLine.objects.filter(process=process, generated=True)
    }


def expected_lines(plan: Plan, tablets=6, tablet_price=3100) -> set[tuple]:
    tablet_value = tablets * tablet_price
    return {
        (
            plan.tablet_initiative.pk,
            plan.tablet.pk,
            E.PURCHASE,
            CostKind.DRIFT,
            R.ONE_OFF,
            tuple(k(tablet_value, 0, 0, 0)),
            Financing.BUDGET_REQUEST,
        ),
        (
            plan.phone_initiative.pk,
            plan.phone.pk,
            E.PURCHASE,
            CostKind.DRIFT,
            R.ONE_OFF,
            tuple(k(0, 4 * 2550, 0, 0)),
            Financing.REPRIORITISATION,
        ),
        (
            plan.phone_initiative.pk,
            plan.phone.pk,
            E.SUBSCRIPTION,
            CostKind.DRIFT,
            R.RECURRING,
            tuple(k(0, 2880, 2880, 2880)),
            Financing.LEASING,
        ),
        (
            plan.setup_initiative.pk,
            None,
            E.SETUP,
            CostKind.DRIFT,
            R.ONE_OFF,
            tuple(k(tablets * 195, 4 * 195, 0, 0)),
            Financing.BUDGET_REQUEST,
        ),
        (
            plan.setup_initiative.pk,
            None,
            E.OPERATIONS,
            CostKind.DRIFT,
            R.RECURRING,
            tuple(k(tablets * 540, (tablets + 4) * 540, (tablets + 4) * 540, (tablets + 4) * 540)),
            Financing.CENTRAL_POOL,
        ),
        (
            plan.replacement_initiative.pk,
            None,
            E.REPLACEMENT,
            CostKind.DRIFT,
            R.RECURRING,
            # hardware ÷ lifetime from the year after the purchase: tablets from 2028,
            # phones (4 × 2.550 ÷ 3 = 3.400) from 2029.
            tuple(k(0, tablet_value / 4, tablet_value / 4 + 3400, tablet_value / 4 + 3400)),
            Financing.BUDGET_REQUEST,
        ),
    }


def history_rows() -> int:
    return CostLine.history.count()


def test_regeneration_creates_the_lines_with_hand_computed_amounts(plan):
    result = budget_services.device_plan_regenerate(process=plan.process)

    assert (result.created, result.updated, result.deleted) == (6, 0, 0)
    assert generated(plan.process) == expected_lines(plan)


def test_generated_labels_are_in_the_site_language(plan, settings):
    settings.LANGUAGE_CODE = "en"

    budget_services.device_plan_regenerate(process=plan.process)

    labels = {
        (line.plan_item_id, line.element): line.label
        for line in CostLine.objects.filter(process=plan.process)
    }
    assert labels == {
        (plan.tablet.pk, E.PURCHASE): "Tablet: iPad incl. robust cover (6 × 3.100)",
        (plan.phone.pk, E.PURCHASE): "Telefon: Android incl. cover (4 × 2.550)",
        (plan.phone.pk, E.SUBSCRIPTION): "Mobile subscriptions Telefon (4 × 720/year)",
        (None, E.SETUP): "Setup and blank media levy (10 devices)",
        (None, E.OPERATIONS): "MDM licences and central support (10 devices)",
        (None, E.REPLACEMENT): "Replacement pool (hardware ÷ lifetime)",
    }


def test_second_regeneration_writes_nothing(plan, django_assert_max_num_queries):
    budget_services.device_plan_regenerate(process=plan.process)
    rows = list(CostLine.objects.order_by("pk").values())
    history = history_rows()

    result = budget_services.device_plan_regenerate(process=plan.process)

    assert (result.created, result.updated, result.deleted, result.unchanged) == (0, 0, 0, 6)
    assert list(CostLine.objects.order_by("pk").values()) == rows
    assert history_rows() == history
    assert budget_selectors.device_plan(plan.process).up_to_date


def test_regeneration_never_touches_hand_written_lines(plan):
    hand = [
        CostLineFactory(initiative=plan.tablet_initiative, amount_1=Decimal("1000")),
        CostLineFactory(initiative=plan.setup_initiative, amount_2=Decimal("-500")),
    ]
    before = list(CostLine.objects.filter(generated=False).order_by("pk").values())
    hand_history = CostLine.history.filter(id__in=[line.pk for line in hand]).count()

    budget_services.device_plan_regenerate(process=plan.process)
    plan.tablet.quantity_override = 1
    budget_services.plan_item_save(item=plan.tablet)
    budget_services.device_plan_regenerate(process=plan.process)
    plan.phone.delete()
    budget_services.device_plan_regenerate(process=plan.process)

    assert list(CostLine.objects.filter(generated=False).order_by("pk").values()) == before
    assert CostLine.history.filter(id__in=[line.pk for line in hand]).count() == hand_history


def test_price_change_updates_only_the_lines_that_depend_on_it(plan):
    budget_services.device_plan_regenerate(process=plan.process)
    model = plan.tablet.device_model
    model.unit_price = Decimal("3050")  # hardware 3.400
    budget_services.device_model_save(model=model)
    assert not budget_selectors.device_plan(plan.process).up_to_date

    result = budget_services.device_plan_regenerate(process=plan.process)

    # The tablets' purchase line and the replacement pool; setup and operations unchanged.
    assert (result.created, result.updated, result.deleted, result.unchanged) == (0, 2, 0, 4)
    assert generated(plan.process) == expected_lines(plan, tablet_price=3400)


def test_need_change_and_override_update_the_quantities(plan):
    budget_services.device_plan_regenerate(process=plan.process)
    OrgUnitFactory(organisation=plan.process.organisation)  # a third institution: 9 tablets

    budget_services.device_plan_regenerate(process=plan.process)
    nine = CostLine.objects.get(plan_item=plan.tablet, element=E.PURCHASE).amounts
    plan.tablet.quantity_override = 2
    budget_services.plan_item_save(item=plan.tablet)
    budget_services.device_plan_regenerate(process=plan.process)

    assert nine == k(27900, 0, 0, 0)
    assert CostLine.objects.get(plan_item=plan.tablet, element=E.PURCHASE).amounts == k(
        6200, 0, 0, 0
    )
    assert CostLine.objects.get(element=E.SETUP).amounts == k(
        2 * 195, 6 * 195, 0, 0
    )  # 3 institutions × 2 phones


def test_removed_plan_item_and_unset_initiative_remove_their_lines(plan):
    budget_services.device_plan_regenerate(process=plan.process)
    budget_services.plan_item_delete(item=plan.phone)
    settings = DevicePlanSettings.objects.get(process=plan.process)
    settings.replacement_initiative = None
    budget_services.plan_settings_save(settings=settings)

    result = budget_services.device_plan_regenerate(process=plan.process)

    assert (result.created, result.updated, result.deleted) == (0, 2, 1)
    assert {(line[1], line[2]) for line in generated(plan.process)} == {
        (plan.tablet.pk, E.PURCHASE),
        (None, E.SETUP),
        (None, E.OPERATIONS),
    }
    assert CostLine.objects.get(element=E.SETUP).amounts == k(1170, 0, 0, 0)


def test_moving_the_purchase_year_moves_the_amounts(plan):
    plan.tablet.purchase_year = 2029
    budget_services.plan_item_save(item=plan.tablet)

    budget_services.device_plan_regenerate(process=plan.process)

    assert CostLine.objects.get(plan_item=plan.tablet).amounts == k(0, 0, 18600, 0)
    assert CostLine.objects.get(element=E.REPLACEMENT).amounts == k(0, 0, 3400, 4650 + 3400)


def test_without_plan_settings_only_the_item_lines_are_generated(world):
    item = DevicePlanItemFactory(
        initiative=InitiativeFactory(theme=world.theme), quantity_override=2
    )

    budget_services.device_plan_regenerate(process=world.process)

    assert list(CostLine.objects.values_list("element", "amount_1")) == [
        (E.PURCHASE, Decimal("6200.00"))
    ]
    assert DevicePlanSettings.objects.filter(process=world.process).count() == 1
    assert item.pk


def test_generated_lines_cannot_be_changed_or_deleted_by_hand(plan):
    budget_services.device_plan_regenerate(process=plan.process)
    line = CostLine.objects.get(plan_item=plan.tablet)

    with translation.override("en"), pytest.raises(ValidationError) as update:
        budget_services.cost_line_update(line=line, data={"amount_1": Decimal("1")})
    with translation.override("en"), pytest.raises(ValidationError) as delete:
        budget_services.cost_line_delete(line=line)

    message = "This line comes from the device plan. Change the plan and generate the lines again."
    assert update.value.messages == [message]
    assert delete.value.messages == [message]
    line.refresh_from_db()
    assert line.amount_1 == Decimal("18600.00")


def test_regeneration_is_refused_while_a_model_breaks_the_guidelines(plan):
    budget_services.device_plan_regenerate(process=plan.process)
    rows = list(CostLine.objects.order_by("pk").values())
    ITGuidelineFactory(organisation=plan.process.organisation, kind=GuidelineRuleKind.DPIA_AND_DPA)
    model = plan.phone.device_model
    model.dpia_done = False
    model.unit_price = Decimal("1")
    budget_services.device_model_save(model=model)

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        budget_services.device_plan_regenerate(process=plan.process)

    assert refused.value.messages == [
        "Not generated: Android do(es) not meet the IT guidelines and have no exception. "
        "Record an exception or choose another model."
    ]
    assert list(CostLine.objects.order_by("pk").values()) == rows
    assert budget_selectors.device_plan(plan.process).blocked_rows[0].item == plan.phone

    ComplianceExceptionFactory(process=plan.process, device_model=model)
    result = budget_services.device_plan_regenerate(process=plan.process)
    assert result.updated == 2


@pytest.mark.django_db(transaction=True)
def test_concurrent_regenerations_do_not_double_the_lines():
    """Four regenerations at once: the lock on the plan settings serialises them."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (SQLite serialises writers itself); set DATABASE_URL")
    item = DevicePlanItemFactory(quantity_override=3)
    process = item.process
    DevicePlanSettings.objects.create(process=process, setup_initiative=item.initiative)
    start = threading.Barrier(4)
    errors = []

    def regenerate() -> None:
        try:
            start.wait()
            budget_services.device_plan_regenerate(process=process)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=regenerate) for _n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(CostLine.objects.filter(process=process).values_list("element", flat=True)) == [
        E.PURCHASE,
        E.SETUP,
    ]
    assert DevicePlanItem.objects.filter(process=process).count() == 1


@pytest.mark.parametrize("factor", [1, 5])
def test_device_plan_query_count_is_constant(plan, world, django_assert_num_queries, factor):
    for n in range(factor):
        category = DeviceCategoryFactory(organisation=plan.process.organisation)
        NeedRuleFactory(category=category, per_room=1)
        DevicePlanItemFactory(
            initiative=InitiativeFactory(theme=world.theme, position=10 + n),
            device_model=DeviceModelFactory(category=category),
        )
        OrgUnitFactory(organisation=plan.process.organisation)
    budget_services.device_plan_regenerate(process=plan.process)

    # items, settings, rules, exceptions, generated lines, and the need (4) per purchase year
    # (2027 and 2028).
    with django_assert_num_queries(13):
        device_plan = budget_selectors.device_plan(plan.process)
        for row in device_plan.rows:
            assert row.item.initiative.number
            assert row.item.device_model.category.name

    assert device_plan.up_to_date
    assert len(device_plan.rows) == 2 + factor


def test_long_catalogue_names_are_cut_to_fit_the_label(world):
    category = DeviceCategoryFactory(organisation=world.process.organisation, name="K" * 100)
    item = DevicePlanItemFactory(
        initiative=InitiativeFactory(theme=world.theme),
        device_model=DeviceModelFactory(category=category, name="M" * 150, accessories="A" * 200),
        quantity_override=1,
    )

    budget_services.device_plan_regenerate(process=world.process)

    label = CostLine.objects.get(plan_item=item).label
    assert (len(label), label[:3], label[-1]) == (200, "KKK", "…")
