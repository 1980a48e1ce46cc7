"""Every write of the investment basis and the budget: catalogue, IT guidelines, need rules,
inventory, the device plan and its exceptions, cost lines, and `device_plan_regenerate`.

Keyword-only functions; each validates with full_clean() before saving and raises
django.core.exceptions.ValidationError with translatable messages (Danish on screen) when it
refuses, in which case nothing is written.

Generated cost lines (CostLine.generated) change only through `device_plan_regenerate`; the
cost-line functions refuse them. Hand-written lines are never touched by the regeneration.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, ProtectedError
from django.utils.translation import gettext as _

from actionplan import budget, budget_selectors
from actionplan.budget_enums import Compliance
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
from actionplan.models import Initiative
from strategy.models import StrategyProcess


def _with_user(obj, user) -> None:
    """Record `user` as the author of the history row (the request middleware does it for
    views; this covers the demo, commands and tests)."""
    if user is not None and getattr(user, "is_authenticated", False):
        obj._history_user = user


def _save(obj, user=None):
    obj.full_clean()
    _with_user(obj, user)
    obj.save()
    return obj


def _delete_protected(obj, message: str) -> None:
    try:
        with transaction.atomic():
            obj.delete()
    except ProtectedError as exc:
        raise ValidationError(message, code="protected") from exc


# --- Catalogue, guidelines, need rules, inventory ----------------------------------------------


def category_save(*, category: DeviceCategory) -> DeviceCategory:
    return _save(category)


def category_delete(*, category: DeviceCategory) -> None:
    _delete_protected(
        category,
        _("The category is used by catalogue items, inventory or the device plan."),
    )


def device_model_save(*, model: DeviceModel, user=None) -> DeviceModel:
    """Create or change a catalogue item. Its category cannot change while a device plan
    uses it (the plan item is per category)."""
    if model.pk is not None:
        stored_category = (
            DeviceModel.objects.filter(pk=model.pk).values_list("category_id", flat=True).first()
        )
        if (
            stored_category is not None
            and stored_category != model.category_id
            and DevicePlanItem.objects.filter(device_model_id=model.pk).exists()
        ):
            raise ValidationError(
                {
                    "category": ValidationError(
                        _("The model is in a device plan; its category cannot change."),
                        code="in_plan",
                    )
                }
            )
    return _save(model, user)


def device_model_delete(*, model: DeviceModel) -> None:
    _delete_protected(model, _("The model is in a device plan and cannot be deleted."))


def guideline_save(*, guideline: ITGuideline, user=None) -> ITGuideline:
    return _save(guideline, user)


def guideline_delete(*, guideline: ITGuideline) -> None:
    guideline.delete()


def need_rule_save(*, rule: NeedRule, user=None) -> NeedRule:
    return _save(rule, user)


def need_rule_delete(*, rule: NeedRule) -> None:
    rule.delete()


def inventory_item_save(*, item: InventoryItem) -> InventoryItem:
    return _save(item)


def inventory_item_delete(*, item: InventoryItem) -> None:
    item.delete()


# --- Exceptions and the device plan -----------------------------------------------------------


def _model_status(process: StrategyProcess, model: DeviceModel, purchase_year: int) -> Compliance:
    rules = [rule for rule in budget_selectors.guidelines_for_process(process) if rule.active]
    return budget.overall(budget.compliance(model, rules, purchase_year))


def exception_grant(
    *, process: StrategyProcess, device_model: DeviceModel, reason: str, user
) -> ComplianceException:
    """Record who lets a catalogue item that does not meet the IT guidelines into this
    process's device plan, and why. Refused for an item that meets them."""
    if device_model.organisation_id != process.organisation_id:
        raise ValidationError(
            {"device_model": ValidationError(_("Choose a model of the catalogue."), code="org")}
        )
    if _model_status(process, device_model, process.budget_year) == Compliance.MET:
        raise ValidationError(
            {
                "device_model": ValidationError(
                    _("The model meets the IT guidelines and needs no exception."), code="met"
                )
            }
        )
    exception = ComplianceException(
        process=process, device_model=device_model, reason=(reason or "").strip(), granted_by=user
    )
    exception.full_clean()
    exception.save()
    return exception


def exception_revoke(*, exception: ComplianceException) -> None:
    exception.delete()


def plan_settings_save(*, settings: DevicePlanSettings) -> DevicePlanSettings:
    return _save(settings)


def plan_item_save(*, item: DevicePlanItem, user=None) -> DevicePlanItem:
    """Create or change a device plan item. A model that does not meet the IT guidelines
    (overall "not met" for the item's purchase year) needs a recorded exception for this
    process; a model with unknown results may enter (the plan flags it)."""
    item.full_clean()
    if (
        _model_status(item.process, item.device_model, item.purchase_year) == Compliance.NOT_MET
        and not ComplianceException.objects.filter(
            process_id=item.process_id, device_model_id=item.device_model_id
        ).exists()
    ):
        raise ValidationError(
            {
                "device_model": ValidationError(
                    _(
                        "%(model)s does not meet the IT guidelines. Record an exception for "
                        "it first, or choose another model."
                    )
                    % {"model": item.device_model.name},
                    code="not_compliant",
                )
            }
        )
    _with_user(item, user)
    item.save()
    return item


def plan_item_delete(*, item: DevicePlanItem) -> None:
    """Delete the item and its generated lines; the process-level lines (setup, operations,
    replacement) follow at the next regeneration."""
    item.delete()


@dataclass
class RegenerationResult:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)


@transaction.atomic
def device_plan_regenerate(*, process: StrategyProcess, user=None) -> RegenerationResult:
    """Bring the generated cost lines in line with the device plan: create the missing ones,
    update the changed ones, delete those no longer wanted. Hand-written lines are never
    touched. Idempotent: with nothing changed it writes nothing (no history rows either).

    Two regenerations of one process run one after the other: the process's plan settings
    row is locked first. Refused (nothing written) while a plan item's model does not meet
    the IT guidelines without an exception.
    """
    DevicePlanSettings.objects.get_or_create(process=process)
    DevicePlanSettings.objects.select_for_update().get(process=process)
    plan = budget_selectors.device_plan(process)
    if plan.blocked_rows:
        raise ValidationError(
            _(
                "Not generated: %(models)s do(es) not meet the IT guidelines and have no "
                "exception. Record an exception or choose another model."
            )
            % {"models": ", ".join(row.item.device_model.name for row in plan.blocked_rows)},
            code="not_compliant",
        )
    desired = budget.desired_lines(
        process=process,
        plan_settings=plan.settings,
        items=[row.item for row in plan.rows],
        quantities=plan.quantities,
    )
    existing = CostLine.objects.select_for_update().filter(process=process, generated=True)
    diff = budget.diff_lines(desired, existing)
    for line in diff.delete:
        _with_user(line, user)
        line.delete()
    for line, changed in diff.update:
        for name, value in changed.items():
            setattr(line, name, value)
        _save(line, user)
    for wanted in diff.create:
        line = CostLine(
            process=process,
            generated=True,
            plan_item_id=wanted.plan_item_id,
            element=wanted.element,
            **budget.desired_values(wanted),
        )
        _save(line, user)
    return RegenerationResult(
        created=len(diff.create),
        updated=len(diff.update),
        deleted=len(diff.delete),
        unchanged=diff.unchanged,
    )


# --- Cost lines ---------------------------------------------------------------------------------

# Fields that cost_line_create/cost_line_update may set.
COST_LINE_FIELDS = (
    "label",
    "kind",
    "recurrence",
    "amount_1",
    "amount_2",
    "amount_3",
    "amount_4",
    "financing",
    "note",
)


def _assign_line(line: CostLine, data: dict) -> None:
    for name, value in data.items():
        if name not in COST_LINE_FIELDS:
            raise ValueError(f"{name} cannot be set here")
        setattr(line, name, value)


def _refuse_generated(line: CostLine) -> None:
    if line.generated:
        raise ValidationError(
            _(
                "This line comes from the device plan. Change the plan and generate the lines "
                "again."
            ),
            code="generated",
        )


@transaction.atomic
def cost_line_create(
    *, process: StrategyProcess, initiative: Initiative, data: dict, user=None
) -> CostLine:
    """A hand-written line under the initiative, after its last line."""
    if initiative.process_id != process.pk:
        raise ValidationError(
            {
                "initiative": ValidationError(
                    _("The initiative belongs to another process."), code="process"
                )
            }
        )
    last = CostLine.objects.filter(initiative=initiative).aggregate(last=Max("position"))["last"]
    line = CostLine(process=process, initiative=initiative, position=(last or 0) + 1)
    _assign_line(line, data)
    return _save(line, user)


def cost_line_update(*, line: CostLine, data: dict, user=None) -> CostLine:
    """Change a hand-written line (generated lines are refused)."""
    _refuse_generated(line)
    _assign_line(line, data)
    return _save(line, user)


def cost_line_delete(*, line: CostLine, user=None) -> None:
    _refuse_generated(line)
    _with_user(line, user)
    line.delete()
