"""Writes of the investment basis and the budget: the happy paths, and bad input (negative
prices, lifetime 0, a year outside the frame, text in an amount, objects of another
organisation or process) refused with a translatable message while nothing changes.

Django's own messages are asserted in Danish (its catalogue has them); our own in English
under translation.override("en"), the msgid, so the tests hold once the Danish catalogue is
filled in."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from actionplan import budget_services
from actionplan.budget_enums import CostKind, Financing, GuidelineRuleKind, Recurrence
from actionplan.budget_models import (
    ComplianceException,
    CostLine,
    DeviceModel,
    DevicePlanItem,
    DevicePlanSettings,
    InventoryItem,
    ITGuideline,
    NeedRule,
)
from tests.actionplan.budget_factories import (
    ComplianceExceptionFactory,
    CostLineFactory,
    DeviceCategoryFactory,
    DeviceModelFactory,
    DevicePlanItemFactory,
    ITGuidelineFactory,
    NeedRuleFactory,
)
from tests.factories import InitiativeFactory, OrgUnitFactory, ThemeFactory


def errors(excinfo, language: str = "da") -> dict:
    """The refusal's messages per field, rendered in `language` (they may be lazy)."""
    with translation.override(language):
        return {
            name: [str(m) for m in messages]
            for name, messages in excinfo.value.message_dict.items()
        }


def messages(excinfo, language: str = "da") -> list[str]:
    with translation.override(language):
        return [str(m) for m in excinfo.value.messages]


@pytest.fixture
def initiative(world):
    return InitiativeFactory(theme=world.theme)


@pytest.fixture
def category(world):
    return DeviceCategoryFactory(organisation=world.process.organisation, name="Pædagog-tablet")


# --- Cost lines ---------------------------------------------------------------------------------


def test_cost_line_create_appends_after_the_initiatives_last_line(world, initiative, lead_user):
    CostLineFactory(initiative=initiative, position=4)

    line = budget_services.cost_line_create(
        process=world.process,
        initiative=initiative,
        data={
            "label": "Gevinst: mindre print",
            "kind": CostKind.DRIFT,
            "recurrence": Recurrence.RECURRING,
            "amount_2": Decimal("-60000"),
            "amount_3": Decimal("-60000"),
            "amount_4": Decimal("-60000"),
            "financing": Financing.OFFSET,
        },
        user=lead_user,
    )

    line.refresh_from_db()
    assert (line.position, line.generated, line.amounts) == (
        5,
        False,
        [Decimal("0"), Decimal("-60000"), Decimal("-60000"), Decimal("-60000")],
    )
    assert line.history.get().history_user == lead_user


@pytest.fixture
def lead_user(world):
    return world.users["lead"]


def test_text_in_an_amount_is_refused_in_danish_and_nothing_is_saved(world, initiative):
    with pytest.raises(ValidationError) as refused:
        budget_services.cost_line_create(
            process=world.process,
            initiative=initiative,
            data={"label": "Licens", "amount_1": "tusind"},
        )

    assert errors(refused) == {"amount_1": ["“tusind”-værdien skal være et decimaltal."]}
    assert CostLine.objects.count() == 0


def test_update_with_text_or_a_huge_amount_changes_nothing(initiative):
    line = CostLineFactory(initiative=initiative, amount_1=Decimal("1000"))

    with pytest.raises(ValidationError) as refused:
        budget_services.cost_line_update(
            line=line, data={"amount_1": "12 kr.", "amount_2": Decimal("200000000000")}
        )

    assert errors(refused) == {
        "amount_1": ["“12 kr.”-værdien skal være et decimaltal."],
        "amount_2": ["Denne værdi skal være mindre end eller lig 100000000000."],
    }
    line.refresh_from_db()
    assert (line.amount_1, line.amount_2) == (Decimal("1000.00"), Decimal("0.00"))
    assert line.history.count() == 1


def test_cost_line_update_and_delete(initiative):
    line = CostLineFactory(initiative=initiative)

    budget_services.cost_line_update(line=line, data={"amount_1": Decimal("-1500.50")})
    line.refresh_from_db()
    assert line.amount_1 == Decimal("-1500.50")

    budget_services.cost_line_delete(line=line)
    assert CostLine.objects.count() == 0


def test_cost_line_for_an_initiative_of_another_process_is_refused(world):
    foreign = InitiativeFactory(theme=world.other["theme"])

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        budget_services.cost_line_create(
            process=world.process, initiative=foreign, data={"label": "x"}
        )

    assert errors(refused, "en") == {"initiative": ["The initiative belongs to another process."]}
    assert CostLine.objects.count() == 0


def test_cost_line_fields_outside_the_list_cannot_be_set(initiative):
    line = CostLineFactory(initiative=initiative)

    with pytest.raises(ValueError, match="generated cannot be set here"):
        budget_services.cost_line_update(line=line, data={"generated": True})


def test_cost_line_without_a_label_is_refused(world, initiative):
    with pytest.raises(ValidationError) as refused:
        budget_services.cost_line_create(
            process=world.process, initiative=initiative, data={"label": ""}
        )

    assert errors(refused) == {"label": ["Dette felt kan ikke være tomt."]}


# --- Catalogue ----------------------------------------------------------------------------------


def test_negative_prices_and_lifetime_0_are_refused_and_nothing_is_saved(world, category):
    model = DeviceModel(
        organisation=world.process.organisation,
        category=category,
        name="iPad",
        unit_price=Decimal("-2750"),
        accessories_price=Decimal("-1"),
        subscription_per_year=Decimal("-720"),
        lifetime_years=0,
    )

    with pytest.raises(ValidationError) as refused:
        budget_services.device_model_save(model=model)

    assert errors(refused) == {
        "unit_price": ["Denne værdi skal være større end eller lig 0."],
        "accessories_price": ["Denne værdi skal være større end eller lig 0."],
        "subscription_per_year": ["Denne værdi skal være større end eller lig 0."],
        "lifetime_years": ["Denne værdi skal være større end eller lig 1."],
    }
    assert DeviceModel.objects.count() == 0


def test_lifetime_above_10_is_refused(category):
    model = DeviceModelFactory(category=category)
    model.lifetime_years = 11

    with pytest.raises(ValidationError) as refused:
        budget_services.device_model_save(model=model)

    assert errors(refused) == {"lifetime_years": ["Denne værdi skal være mindre end eller lig 10."]}
    model.refresh_from_db()
    assert model.lifetime_years == 4


def test_device_model_of_another_organisations_category_is_refused(world):
    foreign = DeviceCategoryFactory(organisation=world.other_process.organisation)
    model = DeviceModel(
        organisation=world.process.organisation, category=foreign, name="iPad", unit_price=1
    )

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        budget_services.device_model_save(model=model)

    assert errors(refused, "en") == {"category": ["The category belongs to another organisation."]}


def test_model_in_a_plan_keeps_its_category_and_cannot_be_deleted(world, initiative):
    item = DevicePlanItemFactory(initiative=initiative)
    model = item.device_model
    model.category = DeviceCategoryFactory(organisation=world.process.organisation)

    with translation.override("en"), pytest.raises(ValidationError) as moved:
        budget_services.device_model_save(model=model)
    with translation.override("en"), pytest.raises(ValidationError) as deleted:
        budget_services.device_model_delete(model=DeviceModel.objects.get(pk=model.pk))

    assert errors(moved, "en") == {
        "category": ["The model is in a device plan; its category cannot change."]
    }
    assert messages(deleted, "en") == ["The model is in a device plan and cannot be deleted."]
    assert DeviceModel.objects.get(pk=model.pk).category_id == item.category_id


def test_category_in_use_cannot_be_deleted(category):
    DeviceModelFactory(category=category)

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        budget_services.category_delete(category=category)

    assert messages(refused, "en") == [
        "The category is used by catalogue items, inventory or the device plan."
    ]


def test_price_ceiling_rule_needs_its_ceiling(world):
    guideline = ITGuideline(
        organisation=world.process.organisation,
        kind=GuidelineRuleKind.PRICE_CEILING,
        title="Prisloft",
    )

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        budget_services.guideline_save(guideline=guideline)

    assert errors(refused, "en") == {"price_ceiling": ["Enter the price ceiling."]}
    assert ITGuideline.objects.count() == 0


def test_second_rule_of_a_kind_is_refused(world):
    ITGuidelineFactory(organisation=world.process.organisation)

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        budget_services.guideline_save(
            guideline=ITGuideline(
                organisation=world.process.organisation,
                kind=GuidelineRuleKind.FRAMEWORK_AGREEMENT,
                title="Igen",
            )
        )

    assert errors(refused, "en") == {
        "__all__": ["The organisation already has a rule of this kind."]
    }


def test_need_rule_must_apply_to_some_kind_of_institution(category):
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        budget_services.need_rule_save(rule=NeedRule(category=category, per_unit=1))

    assert errors(refused, "en") == {
        "__all__": ["Choose at least one kind of institution the rule applies to."]
    }
    assert NeedRule.objects.count() == 0


def test_inventory_quantity_0_and_foreign_institution_are_refused(world, category):
    item = InventoryItem(
        organisation=world.process.organisation,
        org_unit=world.other_org_unit,
        category=category,
        model_name="iPad 6",
        quantity=0,
        purchase_year=2018,
        os_support_until=2025,
    )

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        budget_services.inventory_item_save(item=item)

    assert errors(refused, "en") == {
        "quantity": ["Ensure this value is greater than or equal to 1."],
        "org_unit": ["The institution belongs to another organisation."],
    }
    assert InventoryItem.objects.count() == 0


# --- The device plan and exceptions ------------------------------------------------------------


def test_purchase_year_outside_the_frame_is_refused(world, initiative, category):
    item = DevicePlanItem(
        process=world.process,
        category=category,
        device_model=DeviceModelFactory(category=category),
        initiative=initiative,
        purchase_year=2031,
    )

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        budget_services.plan_item_save(item=item)

    assert errors(refused, "en") == {
        "purchase_year": ["The purchase year must be one of the budget years 2027–2030."]
    }
    assert DevicePlanItem.objects.count() == 0


def test_plan_item_checks_model_category_and_initiative(world, initiative, category):
    other_category = DeviceCategoryFactory(organisation=world.process.organisation)
    item = DevicePlanItem(
        process=world.process,
        category=category,
        device_model=DeviceModelFactory(category=other_category),
        initiative=InitiativeFactory(theme=world.other["theme"]),
        purchase_year=2027,
    )

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        budget_services.plan_item_save(item=item)

    assert errors(refused, "en") == {
        "initiative": ["The initiative belongs to another process."],
        "device_model": ["The model belongs to another device category."],
    }


def test_second_plan_item_for_a_category_is_refused(initiative):
    item = DevicePlanItemFactory(initiative=initiative)
    twin = DevicePlanItem(
        process=item.process,
        category=item.category,
        device_model=item.device_model,
        initiative=initiative,
        purchase_year=2028,
    )

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        budget_services.plan_item_save(item=twin)

    assert errors(refused, "en") == {"__all__": ["The device plan already has this category."]}


@pytest.fixture
def dpia_rule(world):
    return ITGuidelineFactory(
        organisation=world.process.organisation, kind=GuidelineRuleKind.DPIA_AND_DPA
    )


def test_non_compliant_model_enters_the_plan_only_with_an_exception(
    world, initiative, category, dpia_rule, lead_user
):
    model = DeviceModelFactory(category=category, name="Android", dpia_done=False)
    item = DevicePlanItem(
        process=world.process,
        category=category,
        device_model=model,
        initiative=initiative,
        purchase_year=2027,
    )

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        budget_services.plan_item_save(item=item)
    assert errors(refused, "en") == {
        "device_model": [
            "Android does not meet the IT guidelines. Record an exception for it first, or "
            "choose another model."
        ]
    }
    assert DevicePlanItem.objects.count() == 0

    exception = budget_services.exception_grant(
        process=world.process, device_model=model, reason="DPIA i gang.", user=lead_user
    )
    budget_services.plan_item_save(item=item)

    assert (exception.granted_by, exception.reason) == (lead_user, "DPIA i gang.")
    assert DevicePlanItem.objects.get().device_model == model


def test_model_with_unknown_results_may_enter_the_plan(world, initiative, category, dpia_rule):
    model = DeviceModelFactory(category=category, dpia_done=None)

    item = budget_services.plan_item_save(
        item=DevicePlanItem(
            process=world.process,
            category=category,
            device_model=model,
            initiative=initiative,
            purchase_year=2027,
        )
    )

    assert item.pk is not None


def test_exception_is_refused_for_a_compliant_model_twice_or_another_organisation(
    world, category, dpia_rule, lead_user
):
    compliant = DeviceModelFactory(category=category)
    failing = DeviceModelFactory(category=category, dpia_done=False)
    ComplianceExceptionFactory(process=world.process, device_model=failing)

    with translation.override("en"):
        with pytest.raises(ValidationError) as met:
            budget_services.exception_grant(
                process=world.process, device_model=compliant, reason="x", user=lead_user
            )
        with pytest.raises(ValidationError) as twice:
            budget_services.exception_grant(
                process=world.process, device_model=failing, reason="igen", user=lead_user
            )
        with pytest.raises(ValidationError) as foreign:
            budget_services.exception_grant(
                process=world.other_process,
                device_model=failing,
                reason="fremmed",
                user=lead_user,
            )

    assert errors(met, "en") == {
        "device_model": ["The model meets the IT guidelines and needs no exception."]
    }
    assert errors(twice, "en") == {
        "__all__": ["The model already has an exception in this process."]
    }
    assert errors(foreign, "en") == {"device_model": ["Choose a model of the catalogue."]}
    assert ComplianceException.objects.count() == 1


def test_exception_without_a_reason_is_refused(world, category, dpia_rule, lead_user):
    failing = DeviceModelFactory(category=category, dpia_done=False)

    with pytest.raises(ValidationError) as refused:
        budget_services.exception_grant(
            process=world.process, device_model=failing, reason="  ", user=lead_user
        )

    assert errors(refused) == {"reason": ["Dette felt kan ikke være tomt."]}
    assert ComplianceException.objects.count() == 0


def test_plan_settings_refuse_an_initiative_of_another_process(world):
    settings = DevicePlanSettings(
        process=world.process,
        setup_initiative=InitiativeFactory(theme=ThemeFactory(process=world.other_process)),
    )

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        budget_services.plan_settings_save(settings=settings)

    assert errors(refused, "en") == {
        "setup_initiative": ["The initiative belongs to another process."]
    }


def test_need_rule_and_inventory_save(world, category):
    rule = budget_services.need_rule_save(
        rule=NeedRule(category=category, for_nursery=True, per_room=1)
    )
    item = budget_services.inventory_item_save(
        item=InventoryItem(
            organisation=world.process.organisation,
            org_unit=OrgUnitFactory(organisation=world.process.organisation),
            category=category,
            model_name="iPad 6",
            quantity=3,
            purchase_year=2018,
        )
    )

    assert (rule.pk is not None, item.os_support_until, item.usable_in(2027)) == (
        True,
        None,
        False,
    )
    NeedRuleFactory(category=category, per_unit=1)
    budget_services.need_rule_delete(rule=rule)
    budget_services.inventory_item_delete(item=item)
    assert (NeedRule.objects.count(), InventoryItem.objects.count()) == (1, 0)
