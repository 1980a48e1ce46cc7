"""Pure computations of the investment basis and the budget: the four budget years, the device
need per institution, compliance with the IT guidelines, the cost lines the device plan should
generate, and the budget basis matrix with its rounding to 1.000 kr.

Nothing here writes to the database. The functions take rows that the selectors fetched
(`budget_basis` may fetch its own lines when none are given). The formulas and the rounding
rule are described in docs/budget.md.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _

from actionplan.budget_enums import (
    Compliance,
    CostKind,
    Financing,
    GeneratedElement,
    GuidelineRuleKind,
    Recurrence,
    Scenario,
)
from actionplan.budget_models import (
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
from strategy.enums import OrgUnitKind, PlanPhase
from strategy.models import OrgUnit, StrategicTheme, StrategyProcess

YEARS = 4  # the budget year and three outlying years
ZERO = Decimal("0")
CENT = Decimal("0.01")
THOUSAND = Decimal("1000")
MINUS = "\u2212"  # the typographic minus sign of "−60"


# --- The budget frame and number formatting ------------------------------------------------


def budget_years(process: StrategyProcess) -> list[int]:
    """The four budget columns: the budget year and its three outlying years."""
    return [process.budget_year + offset for offset in range(YEARS)]


def amounts_heading(process: StrategyProcess) -> str:
    """ "Beløb i 1.000 kr., 2027-priser" (in the active language)."""
    return _("Amounts in 1,000 kr., %(year)s prices") % {"year": process.price_level_year}


def to_thousands(kroner: Decimal) -> int:
    """Kroner shown in 1.000 kr.: kroner ÷ 1000 rounded half up (away from zero) to a whole
    number. 1.500 kr. → 2, 1.499,99 kr. → 1, −1.500 kr. → −2."""
    return int((Decimal(kroner) / THOUSAND).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def format_number(value: int | Decimal, decimals: int = 0) -> str:
    """Danish number format, independent of the active language: "." between thousands, ","
    before decimals and the minus sign "−". 3294 → "3.294", −60 → "−60", 3100.5 (2) →
    "3.100,50"."""
    if isinstance(value, int) and not decimals:  # the common case: a rounded 1.000-kr. figure
        return f"{MINUS if value < 0 else ''}{abs(value):,}".replace(",", ".")
    value = Decimal(value)
    quantum = Decimal(1).scaleb(-decimals)
    value = value.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = MINUS if value < 0 else ""
    text = f"{abs(value):,.{decimals}f}"
    text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return f"{sign}{text}"


def format_thousands(kroner: Decimal) -> str:
    """An amount in kroner shown in 1.000 kr.: 3293935 → "3.294", −60000 → "−60"."""
    return format_number(to_thousands(kroner))


def format_kroner(kroner: Decimal) -> str:
    """A price in whole kroner ("3.100"), or with øre when it has them ("59.737,50")."""
    kroner = Decimal(kroner)
    if kroner == kroner.to_integral_value():
        return format_number(kroner)
    return format_number(kroner, 2)


# --- Need per institution --------------------------------------------------------------------

# Which NeedRule flag applies to which kind of institution (administration: none).
KIND_FLAGS = {
    OrgUnitKind.INTEGRERET: "for_integrated",
    OrgUnitKind.VUGGESTUE: "for_nursery",
    OrgUnitKind.BORNEHAVE: "for_kindergarten",
    OrgUnitKind.DAGPLEJE: "for_dagpleje",
}


def rule_applies(rule: NeedRule, unit: OrgUnit) -> bool:
    flag = KIND_FLAGS.get(unit.kind)
    return bool(flag and getattr(rule, flag))


def rule_need(rule: NeedRule, unit: OrgUnit) -> int:
    """The devices one rule asks for at one unit (whether it applies is not checked here):
    the per-unit, per-room, per-childminder, per-play-centre, per-deputy and
    per-dagplejepædagog terms, plus ceil(FTE ÷ fte_divisor) when the divisor is set, plus the
    extra devices when the unit has more children than the threshold."""
    need = (
        rule.per_unit
        + rule.per_room * unit.rooms
        + rule.per_childminder * unit.childminders
        + rule.per_play_centre * unit.play_centres
        + rule.per_deputy * (1 if unit.has_deputy else 0)
        + rule.per_dagpleje_pedagogue * unit.dagpleje_pedagogues
    )
    if rule.fte_divisor:
        need += math.ceil(Decimal(unit.fte) / rule.fte_divisor)
    if rule.children_threshold and unit.children_total > rule.children_threshold:
        need += rule.extra_over_threshold
    return need


def gross_need(rules: Iterable[NeedRule], unit: OrgUnit) -> int:
    """A category's need at a unit before inventory: the sum of its rules that apply."""
    if not unit.active:
        return 0
    return sum(rule_need(rule, unit) for rule in rules if rule_applies(rule, unit))


@dataclass
class NeedCell:
    """One institution × category: the gross need, the existing devices that are usable in
    the year and those that are not (out of OS support or unknown), and what must be bought:
    max(0, gross − usable)."""

    gross: int = 0
    usable: int = 0
    not_usable: int = 0

    @property
    def need(self) -> int:
        return max(0, self.gross - self.usable)

    def add(self, other: NeedCell) -> None:
        self.gross += other.gross
        self.usable += other.usable
        self.not_usable += other.not_usable


@dataclass
class NeedRow:
    unit: OrgUnit
    cells: list[NeedCell]  # one per category, in the table's category order

    @property
    def need(self) -> int:
        return sum(cell.need for cell in self.cells)


@dataclass
class NeedTable:
    """The need per institution (rows) and category (columns) in `year`, with totals.
    `totals[i].need` is the sum of the rows' needs (not total gross − total usable)."""

    year: int
    categories: list[DeviceCategory]
    rows: list[NeedRow]
    totals: list[NeedCell]
    need_totals: list[int]

    @property
    def need(self) -> int:
        return sum(self.need_totals)

    @property
    def usable(self) -> int:
        return sum(cell.usable for cell in self.totals)

    @property
    def not_usable(self) -> int:
        return sum(cell.not_usable for cell in self.totals)

    def need_for(self, category_id: int) -> int:
        for category, need in zip(self.categories, self.need_totals, strict=True):
            if category.pk == category_id:
                return need
        return 0


def need_table(
    *,
    units: Sequence[OrgUnit],
    categories: Sequence[DeviceCategory],
    rules: Iterable[NeedRule],
    inventory: Iterable[InventoryItem],
    year: int,
) -> NeedTable:
    """The need table. Inactive units and administration units have no need (they are left
    out of the rows unless they hold inventory). Inventory is usable in `year` only when its
    OS support lasts at least until that year."""
    rules_by_category: dict[int, list[NeedRule]] = defaultdict(list)
    for rule in rules:
        rules_by_category[rule.category_id].append(rule)
    stock: dict[tuple[int, int], NeedCell] = defaultdict(NeedCell)
    for item in inventory:
        cell = stock[(item.org_unit_id, item.category_id)]
        if item.usable_in(year):
            cell.usable += item.quantity
        else:
            cell.not_usable += item.quantity
    stocked_units = {unit_id for unit_id, _category in stock}

    categories = list(categories)
    rows = []
    totals = [NeedCell() for _category in categories]
    need_totals = [0] * len(categories)
    for unit in units:
        counts_need = unit.active and unit.kind in KIND_FLAGS
        if not counts_need and unit.pk not in stocked_units:
            continue
        cells = []
        for index, category in enumerate(categories):
            held = stock.get((unit.pk, category.pk), NeedCell())
            cell = NeedCell(
                gross=gross_need(rules_by_category[category.pk], unit) if counts_need else 0,
                usable=held.usable,
                not_usable=held.not_usable,
            )
            cells.append(cell)
            totals[index].add(cell)
            need_totals[index] += cell.need
        rows.append(NeedRow(unit=unit, cells=cells))
    return NeedTable(
        year=year, categories=categories, rows=rows, totals=totals, need_totals=need_totals
    )


# --- Compliance with the IT guidelines ---------------------------------------------------------


class RuleResult(NamedTuple):
    rule: ITGuideline
    status: Compliance
    reason: str


def _bool_rule(value: bool | None, met: str, not_met: str, unknown: str):
    if value is None:
        return Compliance.UNKNOWN, unknown
    return (Compliance.MET, met) if value else (Compliance.NOT_MET, not_met)


def check_rule(model: DeviceModel, rule: ITGuideline, purchase_year: int) -> RuleResult:
    """One rule against one catalogue item, with the reason as a sentence."""
    kind = rule.kind
    if kind == GuidelineRuleKind.FRAMEWORK_AGREEMENT:
        if model.framework_agreement.strip():
            status = Compliance.MET
            reason = _("Bought on the framework agreement %(agreement)s.") % {
                "agreement": model.framework_agreement.strip()
            }
        else:
            status, reason = Compliance.NOT_MET, _("Not on a framework agreement.")
    elif kind == GuidelineRuleKind.MDM_ENROLMENT:
        status, reason = _bool_rule(
            model.mdm_enrolment,
            _("Can be enrolled in MDM."),
            _("Cannot be enrolled in MDM."),
            _("Not known whether it can be enrolled in MDM."),
        )
    elif kind == GuidelineRuleKind.SCREEN_LOCK:
        status, reason = _bool_rule(
            model.screen_lock,
            _("Has a code or biometric lock."),
            _("Has no code or biometric lock."),
            _("Not known whether it has a code or biometric lock."),
        )
    elif kind == GuidelineRuleKind.OS_UPDATES_LIFETIME:
        last_year = purchase_year + model.lifetime_years - 1
        years = {"until": model.os_updates_until, "first": purchase_year, "last": last_year}
        if model.os_updates_until is None:
            status = Compliance.UNKNOWN
            reason = _("The last year of OS security updates is not known.")
        elif model.os_updates_until >= last_year:
            status = Compliance.MET
            reason = (
                _("OS security updates until %(until)s cover the lifetime %(first)s–%(last)s.")
                % years
            )
        else:
            status = Compliance.NOT_MET
            reason = (
                _("OS security updates end in %(until)s, but the lifetime runs %(first)s–%(last)s.")
                % years
            )
    elif kind == GuidelineRuleKind.DPIA_AND_DPA:
        if model.dpia_done and model.dpa_done:
            status = Compliance.MET
            reason = _("DPIA and data processing agreement are done.")
        elif model.dpia_done is False and model.dpa_done is False:
            status = Compliance.NOT_MET
            reason = _("Neither the DPIA nor the data processing agreement is done.")
        elif model.dpia_done is False:
            status, reason = Compliance.NOT_MET, _("The DPIA is not done.")
        elif model.dpa_done is False:
            status, reason = Compliance.NOT_MET, _("The data processing agreement is not done.")
        else:
            status = Compliance.UNKNOWN
            reason = _("Not known whether the DPIA and the data processing agreement are done.")
    elif kind == GuidelineRuleKind.CHILD_FACING_8A:
        if not model.child_facing:
            status, reason = Compliance.MET, _("A staff device.")
        elif model.section_8a_justification.strip():
            status, reason = Compliance.MET, _("Used by the children, justified under § 8 a.")
        else:
            status = Compliance.NOT_MET
            reason = _("Used by the children without a § 8 a justification.")
    elif kind == GuidelineRuleKind.PRICE_CEILING:
        if rule.price_ceiling is None:
            status, reason = Compliance.UNKNOWN, _("No price ceiling is set.")
        else:
            prices = {
                "price": format_kroner(model.hardware_price),
                "ceiling": format_kroner(rule.price_ceiling),
            }
            if model.hardware_price <= rule.price_ceiling:
                status = Compliance.MET
                reason = _("Price %(price)s kr. is within the ceiling of %(ceiling)s kr.") % prices
            else:
                status = Compliance.NOT_MET
                reason = _("Price %(price)s kr. is above the ceiling of %(ceiling)s kr.") % prices
    else:  # a kind this code does not know: never silently "met"
        status, reason = Compliance.UNKNOWN, _("Unknown rule.")
    return RuleResult(rule=rule, status=status, reason=reason)


def compliance(
    model: DeviceModel, rules: Iterable[ITGuideline], purchase_year: int
) -> list[RuleResult]:
    """The item checked against every active rule, in the rules' order. `purchase_year` is
    the plan's purchase year (the process's budget year when there is no plan item)."""
    return [check_rule(model, rule, purchase_year) for rule in rules if rule.active]


def overall(results: Iterable[RuleResult]) -> Compliance:
    """not_met if any rule is not met, else unknown if any is unknown, else met."""
    statuses = {result.status for result in results}
    if Compliance.NOT_MET in statuses:
        return Compliance.NOT_MET
    if Compliance.UNKNOWN in statuses:
        return Compliance.UNKNOWN
    return Compliance.MET


# --- The device plan: generated cost lines -----------------------------------------------------


@dataclass
class DesiredLine:
    """A cost line the device plan should have; key = (plan item id or None, element)."""

    plan_item_id: int | None
    element: GeneratedElement
    initiative_id: int
    label: str
    kind: str
    recurrence: str
    amounts: list[Decimal]
    financing: str
    position: int

    @property
    def key(self) -> tuple[int | None, str]:
        return (self.plan_item_id, str(self.element))


# Generated lines come first under their initiative, in this order.
ELEMENT_POSITIONS = {
    GeneratedElement.PURCHASE: 0,
    GeneratedElement.SUBSCRIPTION: 1,
    GeneratedElement.SETUP: 2,
    GeneratedElement.OPERATIONS: 3,
    GeneratedElement.REPLACEMENT: 4,
}


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _column(process: StrategyProcess, year: int) -> int:
    return year - process.budget_year


def _labels(element: GeneratedElement, **values) -> str:
    texts = {
        GeneratedElement.PURCHASE: _("%(category)s: %(model)s (%(n)s × %(price)s)"),
        GeneratedElement.SUBSCRIPTION: _(
            "Mobile subscriptions %(category)s (%(n)s × %(price)s/year)"
        ),
        GeneratedElement.SETUP: _("Setup and blank media levy (%(n)s devices)"),
        GeneratedElement.OPERATIONS: _("MDM licences and central support (%(n)s devices)"),
        GeneratedElement.REPLACEMENT: _("Replacement pool (hardware ÷ lifetime)"),
    }
    return _fit(texts[element] % values)


def _fit(label: str) -> str:
    """Long catalogue names must not make a generated label fail validation (200 chars)."""
    limit = CostLine._meta.get_field("label").max_length
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _purchase_label(item: DevicePlanItem, n: int) -> str:
    model = item.device_model
    values = {
        "category": item.category.name,
        "n": format_number(n),
        "price": format_kroner(model.hardware_price),
    }
    if model.accessories.strip():
        values["model"] = _("%(model)s incl. %(accessories)s") % {
            "model": model.name,
            "accessories": model.accessories.strip(),
        }
    else:
        values["model"] = model.name
    return _labels(GeneratedElement.PURCHASE, **values)


def desired_lines(
    *,
    process: StrategyProcess,
    plan_settings: DevicePlanSettings | None,
    items: Sequence[DevicePlanItem],
    quantities: dict[int, int],
) -> dict[tuple[int | None, str], DesiredLine]:
    """The cost lines the device plan should generate, keyed by (plan item id, element).

    `items` need category and device_model loaded; `quantities` maps a plan item id to its
    number of devices (the override or the computed need). Amounts are kroner rounded to øre
    (only the replacement pool's division can leave øre). Labels are written in the site's
    default language (settings.LANGUAGE_CODE), so a regeneration by a user with another
    language does not rewrite them.
    """
    with translation.override(settings.LANGUAGE_CODE):
        return _desired_lines(process, plan_settings, items, quantities)


def _desired_lines(process, plan_settings, items, quantities):
    desired: dict[tuple[int | None, str], DesiredLine] = {}
    setup = [ZERO] * YEARS
    operations = [ZERO] * YEARS
    replacement = [ZERO] * YEARS
    devices = 0
    for item in items:
        model = item.device_model
        n = quantities[item.pk]
        p = _column(process, item.purchase_year)
        if not 0 <= p < YEARS:  # outside the frame (the frame moved): the item generates nothing
            continue
        devices += n
        purchase = [ZERO] * YEARS
        purchase[p] = _cents(n * model.hardware_price)
        line = DesiredLine(
            plan_item_id=item.pk,
            element=GeneratedElement.PURCHASE,
            initiative_id=item.initiative_id,
            label=_purchase_label(item, n),
            kind=item.kind,
            recurrence=Recurrence.ONE_OFF,
            amounts=purchase,
            financing=item.financing,
            position=ELEMENT_POSITIONS[GeneratedElement.PURCHASE],
        )
        desired[line.key] = line
        if model.subscription_per_year > 0:
            yearly = _cents(n * model.subscription_per_year)
            line = DesiredLine(
                plan_item_id=item.pk,
                element=GeneratedElement.SUBSCRIPTION,
                initiative_id=item.initiative_id,
                label=_labels(
                    GeneratedElement.SUBSCRIPTION,
                    category=item.category.name,
                    n=format_number(n),
                    price=format_kroner(model.subscription_per_year),
                ),
                kind=CostKind.DRIFT,
                recurrence=Recurrence.RECURRING,
                amounts=[yearly if column >= p else ZERO for column in range(YEARS)],
                financing=item.subscription_financing,
                position=ELEMENT_POSITIONS[GeneratedElement.SUBSCRIPTION],
            )
            desired[line.key] = line
        setup[p] += n * (model.setup_cost + model.levy)
        for column in range(p, YEARS):
            operations[column] += n * (model.mdm_licence_per_year + model.support_per_year)
        for column in range(p + 1, YEARS):
            replacement[column] += n * model.hardware_price / model.lifetime_years

    if plan_settings is not None and devices:
        process_lines = [
            (
                GeneratedElement.SETUP,
                plan_settings.setup_initiative_id,
                plan_settings.setup_financing,
                Recurrence.ONE_OFF,
                setup,
            ),
            (
                GeneratedElement.OPERATIONS,
                plan_settings.operations_initiative_id,
                plan_settings.operations_financing,
                Recurrence.RECURRING,
                operations,
            ),
            (
                GeneratedElement.REPLACEMENT,
                plan_settings.replacement_initiative_id,
                plan_settings.replacement_financing,
                Recurrence.RECURRING,
                replacement,
            ),
        ]
        for element, initiative_id, financing, recurrence, amounts in process_lines:
            if initiative_id is None:
                continue
            line = DesiredLine(
                plan_item_id=None,
                element=element,
                initiative_id=initiative_id,
                label=_labels(element, n=format_number(devices)),
                kind=CostKind.DRIFT,
                recurrence=recurrence,
                amounts=[_cents(amount) for amount in amounts],
                financing=financing,
                position=ELEMENT_POSITIONS[element],
            )
            desired[line.key] = line
    return desired


# The fields of a generated line that regeneration keeps equal to the desired line.
GENERATED_FIELDS = (
    "initiative_id",
    "label",
    "kind",
    "recurrence",
    "amount_1",
    "amount_2",
    "amount_3",
    "amount_4",
    "financing",
    "position",
)


def desired_values(line: DesiredLine) -> dict:
    values = {
        "initiative_id": line.initiative_id,
        "label": line.label,
        "kind": str(line.kind),
        "recurrence": str(line.recurrence),
        "financing": str(line.financing),
        "position": line.position,
    }
    for index, amount in enumerate(line.amounts, start=1):
        values[f"amount_{index}"] = amount
    return values


@dataclass
class LineDiff:
    """What regeneration must do: lines to create, (line, changed values) to update, lines
    to delete."""

    create: list[DesiredLine] = field(default_factory=list)
    update: list[tuple[CostLine, dict]] = field(default_factory=list)
    delete: list[CostLine] = field(default_factory=list)
    unchanged: int = 0

    @property
    def changes(self) -> int:
        return len(self.create) + len(self.update) + len(self.delete)


def diff_lines(
    desired: dict[tuple[int | None, str], DesiredLine], existing: Iterable[CostLine]
) -> LineDiff:
    """Compare the desired generated lines with the existing generated lines (by (plan item,
    element)); hand-written lines must not be passed in."""
    diff = LineDiff()
    seen = set()
    for line in existing:
        key = (line.plan_item_id, line.element)
        wanted = desired.get(key)
        if wanted is None or key in seen:
            diff.delete.append(line)
            continue
        seen.add(key)
        values = desired_values(wanted)
        changed = {name: value for name, value in values.items() if getattr(line, name) != value}
        if changed:
            diff.update.append((line, changed))
        else:
            diff.unchanged += 1
    diff.create = [line for key, line in desired.items() if key not in seen]
    return diff


# --- The budget basis --------------------------------------------------------------------------


@dataclass
class Figures:
    """Four yearly amounts in unrounded kroner; `thousands` is what the page shows."""

    kroner: list[Decimal] = field(default_factory=lambda: [ZERO] * YEARS)

    def add(self, amounts: Sequence[Decimal]) -> None:
        self.kroner = [a + b for a, b in zip(self.kroner, amounts, strict=True)]

    @property
    def thousands(self) -> list[int]:
        return [to_thousands(amount) for amount in self.kroner]

    @property
    def display(self) -> list[str]:
        """ "3.294", "−60", "0": the 1.000-kr. figures formatted."""
        return [format_number(value) for value in self.thousands]

    @property
    def total(self) -> Decimal:
        return sum(self.kroner, ZERO)

    @property
    def total_thousands(self) -> int:
        return to_thousands(self.total)

    @property
    def is_zero(self) -> bool:
        return all(amount == 0 for amount in self.kroner)


@dataclass
class BasisLine:
    """A cost line of the basis, prepared for the page and the exports: the choice labels in
    the active language and the four 1.000-kr. figures already formatted (the page shows many
    lines; resolving a model's `get_FOO_display` or formatting a Decimal per cell in the
    template is what made it slow)."""

    line: CostLine
    figures: Figures
    kind_label: str = ""
    recurrence_label: str = ""
    financing_label: str = ""
    display: list[str] = field(default_factory=list)

    @property
    def row(self) -> dict:
        """The line as the page's table row: a dict of plain values (a template resolves a
        dict key in one step, an attribute only after a failed key lookup)."""
        line = self.line
        return {
            "id": line.pk,
            "label": line.label,
            "generated": line.generated,
            "kind": self.kind_label,
            "recurrence": self.recurrence_label,
            "financing": self.financing_label,
            "year_1": self.display[0],
            "year_2": self.display[1],
            "year_3": self.display[2],
            "year_4": self.display[3],
        }


@dataclass
class InitiativeGroup:
    initiative: Initiative
    lines: list[BasisLine] = field(default_factory=list)
    subtotal: Figures = field(default_factory=Figures)

    @property
    def rows(self) -> list[dict]:
        """The lines as the page's table rows (see BasisLine.row)."""
        return [line.row for line in self.lines]


@dataclass
class ThemeGroup:
    theme: StrategicTheme
    initiatives: list[InitiativeGroup] = field(default_factory=list)
    subtotal: Figures = field(default_factory=Figures)


@dataclass
class FinancingTotal:
    financing: Financing
    figures: Figures
    label: str = ""

    def __post_init__(self) -> None:
        if not self.label:
            self.label = str(self.financing.label)


@dataclass
class BudgetBasis:
    """The budget basis of one scenario. Every figure is kept in kroner; the 1.000-kr. values
    are rounded from the unrounded sums (never summed from rounded values)."""

    process: StrategyProcess
    scenario: Scenario
    years: list[int]
    heading: str
    themes: list[ThemeGroup]
    total: Figures
    drift: Figures
    anlaeg: Figures
    one_off: Figures
    recurring: Figures
    by_financing: list[FinancingTotal]
    line_count: int
    generated_count: int

    @property
    def max_rounding_difference(self) -> Decimal:
        """How far (in 1.000 kr.) a shown total can be from the sum of the shown lines:
        half a thousand per line."""
        return Decimal(self.line_count) / 2


def choice_labels(choices: type[models.TextChoices]) -> dict[str, str]:
    """{value: label} of a choices class in the active language: one translation per choice
    and request instead of one per row and column."""
    return {choice.value: str(choice.label) for choice in choices}


def in_scenario(initiative: Initiative, scenario: str) -> bool:
    if scenario == Scenario.PHASE1:
        return initiative.phase == PlanPhase.PHASE_1
    if scenario == Scenario.REQUEST:
        return initiative.in_budget_request
    return True


def line_sort_key(line: CostLine) -> tuple:
    """Within an initiative: generated lines first (purchase, subscription, setup, operations,
    replacement), then the hand-written lines by position."""
    return (0 if line.generated else 1, line.position, line.pk or 0)


def _theme_sort_key(theme: StrategicTheme) -> tuple:
    rank = theme.priority_rank
    return (rank is None, rank or 0, theme.pk)


def build_budget_basis(
    process: StrategyProcess, lines: Iterable[CostLine], scenario: str = Scenario.ALL
) -> BudgetBasis:
    """Group the lines (with initiative and theme loaded) by theme (priority, then id) and
    initiative (number), with subtotals and the totals of the scenario."""
    scenario = Scenario(scenario) if scenario in Scenario.values else Scenario.ALL
    chosen = [line for line in lines if in_scenario(line.initiative, scenario)]
    by_initiative: dict[int, list[CostLine]] = defaultdict(list)
    initiatives: dict[int, Initiative] = {}
    for line in chosen:
        by_initiative[line.initiative_id].append(line)
        initiatives[line.initiative_id] = line.initiative

    kind_labels = choice_labels(CostKind)
    recurrence_labels = choice_labels(Recurrence)
    financing_labels = choice_labels(Financing)
    themes: dict[int, ThemeGroup] = {}
    total, drift, anlaeg, one_off, recurring = (Figures() for _n in range(5))
    financing: dict[str, Figures] = defaultdict(Figures)
    ordered = sorted(
        initiatives.values(),
        key=lambda i: (_theme_sort_key(i.theme), i.position, i.pk),
    )
    for initiative in ordered:
        theme_group = themes.get(initiative.theme_id)
        if theme_group is None:
            theme_group = themes[initiative.theme_id] = ThemeGroup(theme=initiative.theme)
        group = InitiativeGroup(initiative=initiative)
        for line in sorted(by_initiative[initiative.pk], key=line_sort_key):
            amounts = line.amounts
            group.lines.append(
                BasisLine(
                    line=line,
                    figures=Figures(kroner=list(amounts)),
                    kind_label=kind_labels.get(line.kind, line.kind),
                    recurrence_label=recurrence_labels.get(line.recurrence, line.recurrence),
                    financing_label=financing_labels.get(line.financing, line.financing),
                    display=[format_thousands(amount) for amount in amounts],
                )
            )
            group.subtotal.add(amounts)
            total.add(amounts)
            (anlaeg if line.kind == CostKind.ANLAEG else drift).add(amounts)
            (recurring if line.recurrence == Recurrence.RECURRING else one_off).add(amounts)
            financing[line.financing].add(amounts)
        theme_group.initiatives.append(group)
        theme_group.subtotal.add(group.subtotal.kroner)

    return BudgetBasis(
        process=process,
        scenario=scenario,
        years=budget_years(process),
        heading=amounts_heading(process),
        themes=list(themes.values()),
        total=total,
        drift=drift,
        anlaeg=anlaeg,
        one_off=one_off,
        recurring=recurring,
        by_financing=[
            FinancingTotal(
                financing=choice,
                figures=financing[choice.value],
                label=financing_labels[choice.value],
            )
            for choice in Financing
            if choice.value in financing
        ],
        line_count=len(chosen),
        generated_count=sum(1 for line in chosen if line.generated),
    )


def budget_basis(
    process: StrategyProcess,
    scenario: str = Scenario.ALL,
    lines: Iterable[CostLine] | None = None,
) -> BudgetBasis:
    """The budget basis of the process (one query when `lines` is not given)."""
    if lines is None:
        lines = CostLine.objects.filter(process=process).select_related("initiative__theme")
    return build_budget_basis(process, lines, scenario)
