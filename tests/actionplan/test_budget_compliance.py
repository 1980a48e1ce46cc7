"""Compliance of a catalogue item with each IT-guideline rule (met, not met, unknown, with the
reason), the overall status, and the catalogue selector. Reasons are checked in English (the
msgids), so the tests hold when the Danish catalogue is filled in."""

from decimal import Decimal

import pytest
from django.utils import translation

from actionplan import budget, budget_selectors
from actionplan.budget_enums import Compliance
from actionplan.budget_enums import GuidelineRuleKind as K
from actionplan.budget_models import DeviceModel, ITGuideline
from tests.actionplan.budget_factories import (
    ComplianceExceptionFactory,
    DeviceCategoryFactory,
    DeviceModelFactory,
    ITGuidelineFactory,
)

MET, NOT_MET, UNKNOWN = Compliance.MET, Compliance.NOT_MET, Compliance.UNKNOWN


def model(**values) -> DeviceModel:
    defaults = {
        "name": "iPad",
        "unit_price": Decimal("2750"),
        "accessories_price": Decimal("350"),
        "lifetime_years": 4,
        "framework_agreement": "SKI 50.43 Tablets",
        "os_updates_until": 2032,
        "mdm_enrolment": True,
        "screen_lock": True,
        "dpia_done": True,
        "dpa_done": True,
        "child_facing": False,
    }
    return DeviceModel(**{**defaults, **values})


def check(kind, purchase_year=2027, ceiling=None, **values):
    rule = ITGuideline(kind=kind, title=str(kind), price_ceiling=ceiling)
    with translation.override("en"):
        result = budget.check_rule(model(**values), rule, purchase_year)
    return result.status, result.reason


@pytest.mark.parametrize(
    ("kind", "values", "expected"),
    [
        (
            K.FRAMEWORK_AGREEMENT,
            {},
            (MET, "Bought on the framework agreement SKI 50.43 Tablets."),
        ),
        (
            K.FRAMEWORK_AGREEMENT,
            {"framework_agreement": " "},
            (NOT_MET, "Not on a framework agreement."),
        ),
        (K.MDM_ENROLMENT, {}, (MET, "Can be enrolled in MDM.")),
        (K.MDM_ENROLMENT, {"mdm_enrolment": False}, (NOT_MET, "Cannot be enrolled in MDM.")),
        (
            K.MDM_ENROLMENT,
            {"mdm_enrolment": None},
            (UNKNOWN, "Not known whether it can be enrolled in MDM."),
        ),
        (K.SCREEN_LOCK, {}, (MET, "Has a code or biometric lock.")),
        (K.SCREEN_LOCK, {"screen_lock": False}, (NOT_MET, "Has no code or biometric lock.")),
        (
            K.SCREEN_LOCK,
            {"screen_lock": None},
            (UNKNOWN, "Not known whether it has a code or biometric lock."),
        ),
        (K.DPIA_AND_DPA, {}, (MET, "DPIA and data processing agreement are done.")),
        (K.DPIA_AND_DPA, {"dpia_done": False}, (NOT_MET, "The DPIA is not done.")),
        (
            K.DPIA_AND_DPA,
            {"dpa_done": False},
            (NOT_MET, "The data processing agreement is not done."),
        ),
        (
            K.DPIA_AND_DPA,
            {"dpia_done": False, "dpa_done": False},
            (NOT_MET, "Neither the DPIA nor the data processing agreement is done."),
        ),
        # One missing answer and one False: not met wins.
        (
            K.DPIA_AND_DPA,
            {"dpia_done": None, "dpa_done": False},
            (NOT_MET, "The data processing agreement is not done."),
        ),
        (
            K.DPIA_AND_DPA,
            {"dpia_done": True, "dpa_done": None},
            (UNKNOWN, "Not known whether the DPIA and the data processing agreement are done."),
        ),
        (K.CHILD_FACING_8A, {}, (MET, "A staff device.")),
        (
            K.CHILD_FACING_8A,
            {"child_facing": True, "section_8a_justification": "Sprogforløb med en voksen."},
            (MET, "Used by the children, justified under § 8 a."),
        ),
        (
            K.CHILD_FACING_8A,
            {"child_facing": True, "section_8a_justification": "  "},
            (NOT_MET, "Used by the children without a § 8 a justification."),
        ),
    ],
)
def test_rule(kind, values, expected):
    assert check(kind, **values) == expected


def test_os_updates_must_cover_the_lifetime_from_the_purchase_year():
    # Bought 2027 with 4 years of life: used 2027-2030, so updates are needed until 2030.
    assert check(K.OS_UPDATES_LIFETIME, os_updates_until=2030) == (
        MET,
        "OS security updates until 2030 cover the lifetime 2027–2030.",
    )
    assert check(K.OS_UPDATES_LIFETIME, os_updates_until=2029) == (
        NOT_MET,
        "OS security updates end in 2029, but the lifetime runs 2027–2030.",
    )
    assert check(K.OS_UPDATES_LIFETIME, os_updates_until=None) == (
        UNKNOWN,
        "The last year of OS security updates is not known.",
    )


def test_os_updates_depend_on_the_purchase_year_and_lifetime():
    assert check(K.OS_UPDATES_LIFETIME, purchase_year=2028, os_updates_until=2030)[0] == NOT_MET
    assert check(K.OS_UPDATES_LIFETIME, os_updates_until=2029, lifetime_years=3)[0] == MET


def test_price_ceiling_compares_the_hardware_price_with_accessories():
    assert check(K.PRICE_CEILING, ceiling=Decimal("3100")) == (
        MET,
        "Price 3.100 kr. is within the ceiling of 3.100 kr.",
    )
    assert check(K.PRICE_CEILING, ceiling=Decimal("3099.50")) == (
        NOT_MET,
        "Price 3.100 kr. is above the ceiling of 3.099,50 kr.",
    )
    assert check(K.PRICE_CEILING, ceiling=None) == (UNKNOWN, "No price ceiling is set.")


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ([MET, MET], MET),
        ([MET, UNKNOWN], UNKNOWN),
        ([UNKNOWN, NOT_MET, MET], NOT_MET),
        ([], MET),
    ],
)
def test_overall(statuses, expected):
    results = [budget.RuleResult(rule=None, status=s, reason="") for s in statuses]

    assert budget.overall(results) == expected


def test_compliance_skips_inactive_rules_and_keeps_the_rule_order():
    rules = [
        ITGuideline(kind=K.SCREEN_LOCK, title="Lås"),
        ITGuideline(kind=K.MDM_ENROLMENT, title="MDM", active=False),
        ITGuideline(kind=K.FRAMEWORK_AGREEMENT, title="Rammeaftale"),
    ]

    results = budget.compliance(model(framework_agreement=""), rules, 2027)

    assert [(r.rule.title, r.status) for r in results] == [
        ("Lås", MET),
        ("Rammeaftale", NOT_MET),
    ]


def test_catalogue_selector_rows_with_overall_and_exception(world):
    organisation = world.process.organisation
    category = DeviceCategoryFactory(organisation=organisation)
    for position, kind in enumerate((K.FRAMEWORK_AGREEMENT, K.DPIA_AND_DPA, K.MDM_ENROLMENT)):
        ITGuidelineFactory(organisation=organisation, kind=kind, position=position)
    ITGuidelineFactory(organisation=organisation, kind=K.SCREEN_LOCK, active=False)
    ok = DeviceModelFactory(category=category, name="A ok")
    unknown = DeviceModelFactory(category=category, name="B ukendt", mdm_enrolment=None)
    failing = DeviceModelFactory(category=category, name="C uden DPIA", dpia_done=False)
    excepted = DeviceModelFactory(category=category, name="D undtaget", dpia_done=False)
    exception = ComplianceExceptionFactory(process=world.process, device_model=excepted)
    # Another organisation's item and an exception in another process stay out.
    DeviceModelFactory(
        category=DeviceCategoryFactory(organisation=world.other_process.organisation)
    )
    ComplianceExceptionFactory(process=world.other_process, device_model=failing)

    catalogue = budget_selectors.catalogue(world.process)

    assert [rule.kind for rule in catalogue.rules] == [
        K.FRAMEWORK_AGREEMENT,
        K.DPIA_AND_DPA,
        K.MDM_ENROLMENT,
    ]
    assert [(r.model, r.overall, r.exception, r.needs_exception) for r in catalogue.rows] == [
        (ok, MET, None, False),
        (unknown, UNKNOWN, None, False),
        (failing, NOT_MET, None, True),
        (excepted, NOT_MET, exception, False),
    ]
    assert [r.status for r in catalogue.row_for(failing.pk).results] == [MET, NOT_MET, MET]


@pytest.mark.parametrize("factor", [1, 5])
def test_catalogue_query_count_is_constant(world, django_assert_num_queries, factor):
    organisation = world.process.organisation
    for kind in K.values:
        ITGuidelineFactory(organisation=organisation, kind=kind)
    for _n in range(factor):
        category = DeviceCategoryFactory(organisation=organisation)
        ComplianceExceptionFactory(
            process=world.process, device_model__category=category, device_model__dpia_done=False
        )
        DeviceModelFactory(category=category)

    with django_assert_num_queries(3):
        catalogue = budget_selectors.catalogue(world.process)
        for row in catalogue.rows:
            assert row.model.category.name
            if row.exception is not None:
                assert row.exception.granted_by.email

    assert len(catalogue.rows) == 2 * factor
