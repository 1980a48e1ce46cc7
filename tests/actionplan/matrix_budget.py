"""Role-matrix cases of the budget basis, the cost-line grid and the investment basis (catalogue,
guidelines, need rules, inventory, device plan). Reading: VIEW; every change: EDIT (also the
regeneration and exceptions, see actionplan/views/devices.py)."""

from django.core.files.uploadedfile import SimpleUploadedFile

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
from tests.factories import InitiativeFactory
from tests.matrix import EDIT, VIEW, Case, slug


def _initiative(w):
    if getattr(w, "_budget_initiative", None) is None:
        w._budget_initiative = InitiativeFactory(theme=w.theme)
    return w._budget_initiative


def _category(w):
    if getattr(w, "_budget_category", None) is None:
        w._budget_category = DeviceCategoryFactory(organisation=w.process.organisation)
    return w._budget_category


def _foreign_category(w):
    return DeviceCategoryFactory(organisation=w.other_process.organisation)


def _pk(make):
    """URL kwargs with the process's slug and the pk of an object made for the world."""
    return lambda w: {**slug(w), "pk": make(w).pk}


def _line(w):
    return CostLineFactory(initiative=_initiative(w))


def _foreign_line(w):
    return CostLineFactory(initiative=InitiativeFactory(theme=w.other["theme"]))


def _model(w):
    return DeviceModelFactory(category=_category(w))


def _foreign_model(w):
    return DeviceModelFactory(category=_foreign_category(w))


def _guideline(w):
    return ITGuidelineFactory(organisation=w.process.organisation)


def _foreign_guideline(w):
    return ITGuidelineFactory(organisation=w.other_process.organisation)


def _rule(w):
    return NeedRuleFactory(category=_category(w), per_unit=1)


def _foreign_rule(w):
    return NeedRuleFactory(category=_foreign_category(w), per_unit=1)


def _inventory(w):
    return InventoryItemFactory(org_unit=w.org_unit, category=_category(w))


def _foreign_inventory(w):
    return InventoryItemFactory(org_unit=w.other_org_unit, category=_foreign_category(w))


def _plan_item(w):
    return DevicePlanItemFactory(initiative=_initiative(w), device_model=_model(w))


def _foreign_plan_item(w):
    return DevicePlanItemFactory(initiative=InitiativeFactory(theme=w.other["theme"]))


def _exception(w):
    return ComplianceExceptionFactory(process=w.process, device_model=_model(w))


def _foreign_exception(w):
    return ComplianceExceptionFactory(process=w.other_process)


def _non_compliant_model(w):
    """A guideline the model breaks (not on a framework agreement)."""
    ITGuidelineFactory(
        organisation=w.process.organisation, kind=GuidelineRuleKind.FRAMEWORK_AGREEMENT
    )
    return DeviceModelFactory(category=_category(w), framework_agreement="")


def cost_line_data(w) -> dict:
    return {
        "initiative": _initiative(w).pk,
        "label": "Kurser",
        "kind": "drift",
        "recurrence": "one_off",
        "amount_1": "10.000",
        "amount_2": "0",
        "amount_3": "0",
        "amount_4": "0",
        "financing": "budget_request",
        "note": "",
    }


def device_data(w) -> dict:
    return {
        "category": _category(w).pk,
        "name": 'iPad 11"',
        "unit_price": "2.750",
        "accessories": "robust cover",
        "accessories_price": "350",
        "setup_cost": "150",
        "levy": "45",
        "lifetime_years": "4",
        "mdm_licence_per_year": "90",
        "support_per_year": "450",
        "subscription_per_year": "0",
        "framework_agreement": "SKI 50.43",
        "os_updates_until": "2032",
        "mdm_enrolment": "true",
        "screen_lock": "true",
        "dpia_done": "",
        "dpa_done": "false",
        "section_8a_justification": "",
        "active": "on",
    }


def need_rule_data(w) -> dict:
    terms = (
        "per_unit",
        "per_room",
        "per_childminder",
        "per_play_centre",
        "per_deputy",
        "per_dagpleje_pedagogue",
        "fte_divisor",
        "children_threshold",
        "extra_over_threshold",
    )
    data = dict.fromkeys(terms, "0")
    return {**data, "category": _category(w).pk, "for_integrated": "on", "per_room": "1"}


def plan_item_data(w) -> dict:
    return {
        "category": _category(w).pk,
        "device_model": _model(w).pk,
        "initiative": _initiative(w).pk,
        "purchase_year": "2027",
        "quantity_override": "",
        "kind": "drift",
        "financing": "budget_request",
        "subscription_financing": "reprioritisation",
        "note": "",
    }


def inventory_csv(w) -> dict:
    text = (
        "institution;kategori;model;antal;indkøbsår;os-opdateringer til\r\n"
        f"{w.org_unit.name};{_category(w).name};iPad 9;4;2021;2027\r\n"
    )
    upload = SimpleUploadedFile("beholdning.csv", ("\ufeff" + text).encode(), "text/csv")
    return {"file": upload}


SETTINGS_DATA = {
    "setup_initiative": "",
    "setup_financing": "budget_request",
    "operations_initiative": "",
    "operations_financing": "budget_request",
    "replacement_initiative": "",
    "replacement_financing": "budget_request",
}


def _post(name, kwargs, data=lambda w: {}, foreign=None):
    return Case(name, kwargs, EDIT, method="post", data=data, ok=302, foreign_kwargs=foreign)


CASES: list[Case] = [
    # The budget basis, its exports and the cost-line grid.
    Case("actionplan:budget", slug, VIEW),
    Case("actionplan:budget.csv", slug, VIEW),
    Case("actionplan:budget.xlsx", slug, VIEW),
    Case("actionplan:costline.list", slug, VIEW),
    Case("actionplan:costline.create", slug, EDIT),
    _post("actionplan:costline.create", slug, cost_line_data),
    Case("actionplan:costline.inline", _pk(_line), EDIT, foreign_kwargs=_pk(_foreign_line)),
    _post("actionplan:costline.inline", _pk(_line), cost_line_data, _pk(_foreign_line)),
    _post("actionplan:costline.delete", _pk(_line), foreign=_pk(_foreign_line)),
    # The investment basis.
    Case("actionplan:investment", slug, VIEW),
    Case("actionplan:device.list", slug, VIEW),
    Case("actionplan:device.create", slug, EDIT),
    _post("actionplan:device.create", slug, device_data),
    Case("actionplan:device.edit", _pk(_model), EDIT, foreign_kwargs=_pk(_foreign_model)),
    _post("actionplan:device.edit", _pk(_model), device_data, _pk(_foreign_model)),
    Case("actionplan:guideline.list", slug, VIEW),
    Case("actionplan:guideline.create", slug, EDIT),
    _post(
        "actionplan:guideline.create",
        slug,
        lambda w: {"kind": "screen_lock", "title": "Kodelås", "position": "1", "active": "on"},
    ),
    Case(
        "actionplan:guideline.edit",
        _pk(_guideline),
        EDIT,
        foreign_kwargs=_pk(_foreign_guideline),
    ),
    _post(
        "actionplan:guideline.edit",
        _pk(_guideline),
        lambda w: {"kind": "framework_agreement", "title": "SKI", "position": "2"},
        _pk(_foreign_guideline),
    ),
    Case("actionplan:needrule.list", slug, VIEW),
    _post("actionplan:needrule.list", slug, lambda w: {"name": "Tablet", "position": "1"}),
    Case("actionplan:needrule.create", slug, EDIT),
    _post("actionplan:needrule.create", slug, need_rule_data),
    Case("actionplan:needrule.edit", _pk(_rule), EDIT, foreign_kwargs=_pk(_foreign_rule)),
    _post("actionplan:needrule.edit", _pk(_rule), need_rule_data, _pk(_foreign_rule)),
    _post("actionplan:needrule.delete", _pk(_rule), foreign=_pk(_foreign_rule)),
    Case("actionplan:inventory.list", slug, VIEW),
    _post(
        "actionplan:inventory.list",
        slug,
        lambda w: {
            "org_unit": w.org_unit.pk,
            "category": _category(w).pk,
            "model_name": "iPad 9",
            "quantity": "3",
            "purchase_year": "2021",
            "os_support_until": "2027",
        },
    ),
    Case("actionplan:inventory.import", slug, EDIT),
    _post("actionplan:inventory.import", slug, inventory_csv),
    _post("actionplan:inventory.delete", _pk(_inventory), foreign=_pk(_foreign_inventory)),
    Case("actionplan:deviceplan", slug, VIEW),
    Case("actionplan:planitem.create", slug, EDIT),
    _post("actionplan:planitem.create", slug, plan_item_data),
    Case(
        "actionplan:planitem.edit",
        _pk(_plan_item),
        EDIT,
        foreign_kwargs=_pk(_foreign_plan_item),
    ),
    _post(
        "actionplan:planitem.edit",
        _pk(_plan_item),
        lambda w: {**plan_item_data(w), "quantity_override": "12"},
        _pk(_foreign_plan_item),
    ),
    _post("actionplan:planitem.delete", _pk(_plan_item), foreign=_pk(_foreign_plan_item)),
    _post("actionplan:deviceplan.settings", slug, lambda w: SETTINGS_DATA),
    _post("actionplan:deviceplan.regenerate", slug),
    _post(
        "actionplan:exception.create",
        slug,
        lambda w: {"device_model": _non_compliant_model(w).pk, "reason": "Ingen anden model."},
    ),
    _post("actionplan:exception.delete", _pk(_exception), foreign=_pk(_foreign_exception)),
]

NOT_IN_MATRIX: dict[str, str] = {}
