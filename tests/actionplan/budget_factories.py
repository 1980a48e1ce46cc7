"""factory_boy factories of the investment basis and the budget (issue 6). Plain: no hidden
side effects beyond the row they build."""

from decimal import Decimal

import factory

from actionplan.budget_enums import CostKind, Financing, GuidelineRuleKind, Recurrence
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
from tests.factories import (
    InitiativeFactory,
    OrganisationFactory,
    OrgUnitFactory,
    ProcessFactory,
    UserFactory,
)


class DeviceCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeviceCategory

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Kategori {n}")
    position = factory.Sequence(lambda n: n + 1)


class NeedRuleFactory(factory.django.DjangoModelFactory):
    """A rule for integrated institutions; set the terms in the call."""

    class Meta:
        model = NeedRule

    category = factory.SubFactory(DeviceCategoryFactory)
    for_integrated = True


class DeviceModelFactory(factory.django.DjangoModelFactory):
    """An iPad with a cover that meets every rule of the default guidelines."""

    class Meta:
        model = DeviceModel

    organisation = factory.LazyAttribute(lambda o: o.category.organisation)
    category = factory.SubFactory(DeviceCategoryFactory)
    name = factory.Sequence(lambda n: f'iPad 11" model {n}')
    unit_price = Decimal("2750")
    accessories = "robust cover"
    accessories_price = Decimal("350")
    lifetime_years = 4
    mdm_licence_per_year = Decimal("90")
    support_per_year = Decimal("450")
    framework_agreement = "SKI 50.43 Tablets"
    os_updates_until = 2032
    mdm_enrolment = True
    screen_lock = True
    dpia_done = True
    dpa_done = True


class ITGuidelineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ITGuideline

    organisation = factory.SubFactory(OrganisationFactory)
    kind = GuidelineRuleKind.FRAMEWORK_AGREEMENT
    title = factory.LazyAttribute(lambda o: f"Regel {o.kind}")
    price_ceiling = factory.LazyAttribute(
        lambda o: Decimal("15000") if o.kind == GuidelineRuleKind.PRICE_CEILING else None
    )


class InventoryItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InventoryItem

    organisation = factory.LazyAttribute(lambda o: o.org_unit.organisation)
    org_unit = factory.SubFactory(OrgUnitFactory)
    category = factory.SubFactory(
        DeviceCategoryFactory, organisation=factory.SelfAttribute("..org_unit.organisation")
    )
    model_name = "iPad 6. generation"
    quantity = 1
    purchase_year = 2018
    os_support_until = 2025


class ComplianceExceptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ComplianceException

    process = factory.SubFactory(ProcessFactory)
    device_model = factory.SubFactory(
        DeviceModelFactory,
        category__organisation=factory.SelfAttribute("...process.organisation"),
    )
    reason = "Godkendt af digitaliseringschefen."
    granted_by = factory.SubFactory(UserFactory)


class DevicePlanSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DevicePlanSettings

    process = factory.SubFactory(ProcessFactory)


class DevicePlanItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DevicePlanItem

    process = factory.LazyAttribute(lambda o: o.initiative.process)
    initiative = factory.SubFactory(InitiativeFactory)
    category = factory.LazyAttribute(lambda o: o.device_model.category)
    device_model = factory.SubFactory(
        DeviceModelFactory,
        category__organisation=factory.SelfAttribute("...initiative.process.organisation"),
    )
    purchase_year = factory.LazyAttribute(lambda o: o.process.budget_year)


class CostLineFactory(factory.django.DjangoModelFactory):
    """A hand-written line."""

    class Meta:
        model = CostLine

    process = factory.LazyAttribute(lambda o: o.initiative.process)
    initiative = factory.SubFactory(InitiativeFactory)
    label = factory.Sequence(lambda n: f"Udgift {n}")
    kind = CostKind.DRIFT
    recurrence = Recurrence.ONE_OFF
    financing = Financing.BUDGET_REQUEST
    position = factory.Sequence(lambda n: n + 1)
