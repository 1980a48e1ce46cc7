"""Reads of the investment basis and the budget for the pages and the exports. Each selector
owns its query shape; the query counts are constant in the size of the data (the numbers in
the docstrings are the queries each call costs).

Objects in the returned structures carry everything the templates read: no template or
export needs another query.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from actionplan import budget
from actionplan.budget import BudgetBasis, NeedTable, RuleResult
from actionplan.budget_enums import Compliance, CostKind, Financing, Recurrence, Scenario
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
from strategy.models import OrgUnit, StrategyProcess

# --- Plain querysets (for forms' choices and the permission helper's get_object_in_process) ---


def categories_for_process(process: StrategyProcess) -> QuerySet[DeviceCategory]:
    """The organisation's device categories in their order. 1 query."""
    return DeviceCategory.objects.filter(organisation_id=process.organisation_id).order_by(
        "position", "name", "id"
    )


def device_models_for_process(process: StrategyProcess) -> QuerySet[DeviceModel]:
    """The organisation's catalogue items with their category. 1 query."""
    return (
        DeviceModel.objects.filter(organisation_id=process.organisation_id)
        .select_related("category")
        .order_by("category__position", "category__name", "name", "id")
    )


def guidelines_for_process(process: StrategyProcess) -> QuerySet[ITGuideline]:
    """The organisation's IT-guideline rules (active and inactive) in their order. 1 query."""
    return ITGuideline.objects.filter(organisation_id=process.organisation_id).order_by(
        "position", "id"
    )


def need_rules_for_process(process: StrategyProcess) -> QuerySet[NeedRule]:
    """Every need rule of the organisation's categories, with the category. 1 query."""
    return (
        NeedRule.objects.filter(category__organisation_id=process.organisation_id)
        .select_related("category")
        .order_by("category__position", "category__name", "category_id", "id")
    )


def inventory_for_process(process: StrategyProcess) -> QuerySet[InventoryItem]:
    """The organisation's existing devices with institution and category. 1 query."""
    return (
        InventoryItem.objects.filter(organisation_id=process.organisation_id)
        .select_related("org_unit", "category")
        .order_by("org_unit__name", "category__position", "category__name", "model_name", "id")
    )


def cost_lines_for_process(process: StrategyProcess) -> QuerySet[CostLine]:
    """The process's cost lines with initiative and theme (for get_object_in_process and the
    exports). 1 query."""
    return CostLine.objects.filter(process=process).select_related("initiative__theme")


def plan_items_for_process(process: StrategyProcess) -> QuerySet[DevicePlanItem]:
    """The device plan's items with category, model and initiative (and its theme). 1 query."""
    return (
        DevicePlanItem.objects.filter(process=process)
        .select_related("category", "device_model__category", "initiative__theme")
        .order_by("category__position", "category__name", "id")
    )


def exceptions_for_process(process: StrategyProcess) -> QuerySet[ComplianceException]:
    """The guideline exceptions of the process, with model, category and who granted them.
    1 query."""
    return (
        ComplianceException.objects.filter(process=process)
        .select_related("device_model__category", "granted_by")
        .order_by("granted_at", "id")
    )


def plan_settings(process: StrategyProcess) -> DevicePlanSettings:
    """The process's device plan settings, or an unsaved default (pk None). 1 query."""
    found = (
        DevicePlanSettings.objects.filter(process=process)
        .select_related(
            "setup_initiative__theme",
            "operations_initiative__theme",
            "replacement_initiative__theme",
        )
        .first()
    )
    return found or DevicePlanSettings(process=process)


# --- The catalogue with compliance --------------------------------------------------------


@dataclass
class CatalogueRow:
    """A catalogue item with its result per active rule (in `Catalogue.rules` order), the
    overall status and the process's exception for it (or None)."""

    model: DeviceModel
    results: list[RuleResult]
    overall: Compliance
    exception: ComplianceException | None = None

    @property
    def needs_exception(self) -> bool:
        """Not compliant and without an exception: it cannot enter the device plan."""
        return self.overall == Compliance.NOT_MET and self.exception is None


@dataclass
class Catalogue:
    purchase_year: int
    rules: list[ITGuideline]  # the active rules (the columns)
    rows: list[CatalogueRow]

    def row_for(self, model_id: int) -> CatalogueRow | None:
        return next((row for row in self.rows if row.model.pk == model_id), None)


def catalogue(process: StrategyProcess, *, purchase_year: int | None = None) -> Catalogue:
    """Every catalogue item of the organisation checked against the active IT-guideline rules,
    for a purchase in `purchase_year` (default: the budget year). 3 queries."""
    year = purchase_year or process.budget_year
    rules = [rule for rule in guidelines_for_process(process) if rule.active]
    exceptions = {e.device_model_id: e for e in exceptions_for_process(process)}
    rows = []
    for model in device_models_for_process(process):
        results = budget.compliance(model, rules, year)
        rows.append(
            CatalogueRow(
                model=model,
                results=results,
                overall=budget.overall(results),
                exception=exceptions.get(model.pk),
            )
        )
    return Catalogue(purchase_year=year, rules=rules, rows=rows)


# --- Need rules per category ---------------------------------------------------------------


@dataclass
class CategoryRules:
    category: DeviceCategory
    rules: list[NeedRule] = field(default_factory=list)


def need_rules_by_category(process: StrategyProcess) -> list[CategoryRules]:
    """Every category of the organisation (also those without rules) with its need rules.
    2 queries."""
    return [
        CategoryRules(category=category, rules=list(category.need_rules.all()))
        for category in categories_for_process(process).prefetch_related(
            Prefetch("need_rules", queryset=NeedRule.objects.order_by("id"))
        )
    ]


# --- The need per institution ---------------------------------------------------------------


def need_table(process: StrategyProcess, *, year: int | None = None) -> NeedTable:
    """The need per institution and category in `year` (default: the budget year), minus the
    usable inventory. Rows: the organisation's institutions by name (inactive and
    administration units only when they hold inventory). 4 queries."""
    units = list(OrgUnit.objects.filter(organisation_id=process.organisation_id).order_by("name"))
    categories = list(categories_for_process(process))
    rules = NeedRule.objects.filter(category__organisation_id=process.organisation_id)
    inventory = InventoryItem.objects.filter(organisation_id=process.organisation_id)
    return budget.need_table(
        units=units,
        categories=categories,
        rules=rules,
        inventory=inventory,
        year=year or process.budget_year,
    )


# --- The device plan -------------------------------------------------------------------------


@dataclass
class PlanRow:
    """A plan item with the number of devices it stands for (`quantity`: the override or the
    computed need in its purchase year), the computed need, and its model's compliance."""

    item: DevicePlanItem
    computed_need: int
    quantity: int
    overall: Compliance
    results: list[RuleResult]
    exception: ComplianceException | None

    @property
    def blocked(self) -> bool:
        """Not compliant and no exception: regeneration refuses until an exception is
        recorded or another model is chosen."""
        return self.overall == Compliance.NOT_MET and self.exception is None

    @property
    def sim_cards(self) -> int:
        return self.quantity if self.item.device_model.subscription_per_year > 0 else 0


@dataclass
class DevicePlan:
    settings: DevicePlanSettings
    rows: list[PlanRow]
    exceptions: list[ComplianceException]
    generated_line_count: int
    pending_changes: int  # generated lines to create, update or delete: 0 = up to date

    @property
    def up_to_date(self) -> bool:
        return self.pending_changes == 0

    @property
    def blocked_rows(self) -> list[PlanRow]:
        """Items whose model is not compliant and has no exception: regeneration refuses."""
        return [row for row in self.rows if row.blocked]

    @property
    def devices(self) -> int:
        return sum(row.quantity for row in self.rows)

    @property
    def sim_cards(self) -> int:
        return sum(row.sim_cards for row in self.rows)

    @property
    def quantities(self) -> dict[int, int]:
        return {row.item.pk: row.quantity for row in self.rows}


def device_plan(process: StrategyProcess) -> DevicePlan:
    """The device plan with quantities, compliance, exceptions and settings. The need is
    computed once per distinct purchase year of the items. 9 queries with the items in one
    purchase year (+4 per further year): items, settings, rules, exceptions, the generated
    lines (to tell whether they are up to date), and the need (units, categories, rules,
    inventory)."""
    items = list(plan_items_for_process(process))
    settings = plan_settings(process)
    rules = [rule for rule in guidelines_for_process(process) if rule.active]
    exceptions = list(exceptions_for_process(process))
    by_model = {e.device_model_id: e for e in exceptions}
    tables: dict[int, NeedTable] = {}
    rows = []
    for item in items:
        if item.purchase_year not in tables:
            tables[item.purchase_year] = need_table(process, year=item.purchase_year)
        computed = tables[item.purchase_year].need_for(item.category_id)
        quantity = item.quantity_override if item.quantity_override is not None else computed
        results = budget.compliance(item.device_model, rules, item.purchase_year)
        rows.append(
            PlanRow(
                item=item,
                computed_need=computed,
                quantity=quantity,
                overall=budget.overall(results),
                results=results,
                exception=by_model.get(item.device_model_id),
            )
        )
    existing = list(CostLine.objects.filter(process=process, generated=True))
    desired = budget.desired_lines(
        process=process,
        plan_settings=settings,
        items=items,
        quantities={row.item.pk: row.quantity for row in rows},
    )
    return DevicePlan(
        settings=settings,
        rows=rows,
        exceptions=exceptions,
        generated_line_count=len(existing),
        pending_changes=budget.diff_lines(desired, existing).changes,
    )


# --- The budget basis and the cost-line grid -------------------------------------------------


def budget_basis(process: StrategyProcess, scenario: str = Scenario.ALL) -> BudgetBasis:
    """The budget basis matrix of a scenario ("all", "phase1", "request"; anything else is
    "all"), grouped by theme and initiative, with subtotals and totals. 1 query.

    (Fetching the initiatives apart and sharing one instance among their lines saves about
    4 ms of CPU at 250 lines, not worth a second query that the other apps' query counts
    would feel: reporting and the API build on this selector.)"""
    return budget.build_budget_basis(process, cost_lines_for_process(process), scenario)


@dataclass
class InitiativeLines:
    initiative: Initiative
    lines: list[CostLine]


def label_cost_lines(lines: list[CostLine]) -> list[CostLine]:
    """Give each line `kind_label`, `recurrence_label` and `financing_label` in the active
    language for the grid's rows: one translation per choice instead of a `get_FOO_display`
    per row and column."""
    kinds = budget.choice_labels(CostKind)
    recurrences = budget.choice_labels(Recurrence)
    financings = budget.choice_labels(Financing)
    for line in lines:
        line.kind_label = kinds.get(line.kind, line.kind)
        line.recurrence_label = recurrences.get(line.recurrence, line.recurrence)
        line.financing_label = financings.get(line.financing, line.financing)
    return lines


def cost_line_groups(process: StrategyProcess) -> list[InitiativeLines]:
    """Every initiative of the process in plan order (also those without lines) with its cost
    lines (generated first, then hand-written by position), for the cost-line grid. 2 queries."""
    initiatives = (
        Initiative.objects.filter(process=process)
        .select_related("theme")
        .prefetch_related(Prefetch("cost_lines", queryset=CostLine.objects.order_by("id")))
        .order_by("theme__priority_rank", "theme__title", "theme_id", "position", "id")
    )
    groups = []
    for initiative in initiatives:
        lines = label_cost_lines(sorted(initiative.cost_lines.all(), key=budget.line_sort_key))
        for line in lines:
            line.initiative = initiative
        groups.append(InitiativeLines(initiative=initiative, lines=lines))
    return groups
