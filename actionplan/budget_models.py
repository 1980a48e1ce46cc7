"""The investment basis and the budget (issue 6): cost lines per initiative, the device
catalogue with IT-guideline rules, need rules per device category, the existing inventory, and
the device plan that generates cost lines.

Names follow the shared design (briefs/budget.md). Additions to it:
- `ComplianceException` is unique per (process, device_model): one exception per plan and model.
- `DeviceModel` is unique per (category, name) (the same iPad may sit in two categories).
- `NeedRule` and `DevicePlanItem` keep audit history too (they decide the money).
- `CostLine.amounts` / `.total` and `DeviceModel.hardware_price` are cheap properties.

Writes go through actionplan.budget_services; reads for the pages through
actionplan.budget_selectors; the computations (need, compliance, budget basis) are in
actionplan.budget.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actionplan.budget_enums import (
    CostKind,
    Financing,
    GeneratedElement,
    GuidelineRuleKind,
    Recurrence,
)
from actionplan.models import Initiative
from core.fields import BoundedTextField
from strategy.models import YEAR_VALIDATORS, Organisation, OrgUnit, StrategyProcess

__all__ = [
    "AMOUNT_LIMIT",
    "ComplianceException",
    "CostLine",
    "DeviceCategory",
    "DeviceModel",
    "DevicePlanItem",
    "DevicePlanSettings",
    "ITGuideline",
    "InventoryItem",
    "NeedRule",
]

# Largest absolute amount in kroner (a cost line's column, a price): 100 billion.
AMOUNT_LIMIT = Decimal("100000000000")
AMOUNT_VALIDATORS = [MinValueValidator(-AMOUNT_LIMIT), MaxValueValidator(AMOUNT_LIMIT)]
PRICE_VALIDATORS = [MinValueValidator(Decimal("0")), MaxValueValidator(AMOUNT_LIMIT)]
LIFETIME_VALIDATORS = [MinValueValidator(1), MaxValueValidator(10)]


def _amount_field(verbose_name) -> models.DecimalField:
    return models.DecimalField(
        verbose_name,
        max_digits=14,
        decimal_places=2,
        default=Decimal("0"),
        validators=AMOUNT_VALIDATORS,
    )


def _price_field(verbose_name, default="0", **kwargs) -> models.DecimalField:
    return models.DecimalField(
        verbose_name,
        max_digits=14,
        decimal_places=2,
        default=Decimal(default),
        validators=PRICE_VALIDATORS,
        **kwargs,
    )


class DeviceCategory(models.Model):
    """A kind of device the need is counted for ("Pædagog-tablet", "Komme/gå-skærm", ...)."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="device_categories",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("device category")
        verbose_name_plural = _("device categories")
        ordering = ["organisation", "position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"],
                name="device_category_unique_name",
                violation_error_message=_("A device category with this name already exists."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class NeedRule(models.Model):
    """One term set of a category's need at an institution. A category's need at a unit is the
    sum over its rules that apply to the unit's kind (actionplan.budget.unit_need)."""

    category = models.ForeignKey(
        DeviceCategory,
        on_delete=models.CASCADE,
        related_name="need_rules",
        verbose_name=_("device category"),
    )
    for_integrated = models.BooleanField(_("integrated institutions"), default=False)
    for_nursery = models.BooleanField(_("nurseries"), default=False)
    for_kindergarten = models.BooleanField(_("kindergartens"), default=False)
    for_dagpleje = models.BooleanField(_("family day care"), default=False)
    per_unit = models.PositiveSmallIntegerField(_("per institution"), default=0)
    per_room = models.PositiveSmallIntegerField(_("per room"), default=0)
    per_childminder = models.PositiveSmallIntegerField(_("per childminder"), default=0)
    per_play_centre = models.PositiveSmallIntegerField(_("per play centre"), default=0)
    per_deputy = models.PositiveSmallIntegerField(_("per deputy leader"), default=0)
    per_dagpleje_pedagogue = models.PositiveSmallIntegerField(
        _("per family day care pedagogue"), default=0
    )
    fte_divisor = models.PositiveSmallIntegerField(
        _("one per N FTE (rounded up)"),
        default=0,
        help_text=_("0 = not used. Adds FTE ÷ N rounded up."),
    )
    children_threshold = models.PositiveSmallIntegerField(
        _("children threshold"),
        default=0,
        help_text=_("0 = not used. Adds the extra devices when the institution has more children."),
    )
    extra_over_threshold = models.PositiveSmallIntegerField(
        _("extra above the threshold"), default=0
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("need rule")
        verbose_name_plural = _("need rules")
        ordering = ["category", "id"]

    def __str__(self) -> str:
        return f"{self.category_id}: {self.note}" if self.note else f"{self.category_id}"

    def clean(self) -> None:
        if not (
            self.for_integrated or self.for_nursery or self.for_kindergarten or self.for_dagpleje
        ):
            raise ValidationError(_("Choose at least one kind of institution the rule applies to."))


class DeviceModel(models.Model):
    """A catalogue item (enhedskatalog): a device model with its accessories and running costs.
    All prices in kroner ex. VAT, at the price level of the budget."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="device_models",
        verbose_name=_("organisation"),
    )
    category = models.ForeignKey(
        DeviceCategory,
        on_delete=models.PROTECT,
        related_name="device_models",
        verbose_name=_("device category"),
    )
    name = models.CharField(_("model"), max_length=150)
    unit_price = _price_field(_("unit price"))
    accessories = models.CharField(
        _("accessories"), max_length=200, blank=True, help_text=_("E.g. robust cover.")
    )
    accessories_price = _price_field(_("price of the accessories"))
    setup_cost = _price_field(_("setup cost"), default="150")
    levy = _price_field(
        _("levy (blank media remuneration)"),
        default="45",
        help_text=_("Copydan blankmedievederlag per device."),
    )
    lifetime_years = models.PositiveSmallIntegerField(
        _("lifetime (years)"), default=4, validators=LIFETIME_VALIDATORS
    )
    mdm_licence_per_year = _price_field(_("MDM licence per year"))
    support_per_year = _price_field(_("support per year"))
    subscription_per_year = _price_field(
        _("subscription per year"), help_text=_("0 = no mobile subscription.")
    )
    framework_agreement = models.CharField(
        _("framework agreement"),
        max_length=100,
        blank=True,
        help_text=_("E.g. SKI 50.43 Tablets. Empty = not on a framework agreement."),
    )
    os_updates_until = models.PositiveSmallIntegerField(
        _("OS security updates until (year)"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("Empty = unknown."),
    )
    mdm_enrolment = models.BooleanField(
        _("MDM enrolment possible"),
        null=True,
        blank=True,
        help_text=_("Apple ADE or Android Enterprise."),
    )
    screen_lock = models.BooleanField(_("code or biometric lock"), null=True, blank=True)
    dpia_done = models.BooleanField(_("DPIA done"), null=True, blank=True)
    dpa_done = models.BooleanField(_("data processing agreement done"), null=True, blank=True)
    child_facing = models.BooleanField(
        _("used by the children"), default=False, help_text=_("Otherwise a staff device.")
    )
    section_8a_justification = BoundedTextField(
        _("§ 8 a justification"), max_length=2000, blank=True
    )
    active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("device model")
        verbose_name_plural = _("device models")
        ordering = ["organisation", "category__position", "category__name", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "name"],
                name="device_model_unique_name_per_category",
                violation_error_message=_("The category already has a model with this name."),
            ),
            models.CheckConstraint(
                condition=Q(
                    unit_price__gte=0,
                    accessories_price__gte=0,
                    setup_cost__gte=0,
                    levy__gte=0,
                    mdm_licence_per_year__gte=0,
                    support_per_year__gte=0,
                    subscription_per_year__gte=0,
                ),
                name="device_model_prices_not_negative",
                violation_error_message=_("Prices cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(lifetime_years__gte=1, lifetime_years__lte=10),
                name="device_model_lifetime_1_to_10",
                violation_error_message=_("The lifetime must be between 1 and 10 years."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if (
            self.category_id
            and self.organisation_id
            and self.category.organisation_id != self.organisation_id
        ):
            raise ValidationError({"category": _("The category belongs to another organisation.")})

    @property
    def hardware_price(self) -> Decimal:
        """Device and accessories: what one unit costs to buy."""
        return self.unit_price + self.accessories_price

    @property
    def running_cost_per_year(self) -> Decimal:
        """MDM licence and support per device and year (the subscription is apart)."""
        return self.mdm_licence_per_year + self.support_per_year


class ITGuideline(models.Model):
    """A rule of the municipality's IT purchasing and operations guidelines, checked against
    every catalogue item (actionplan.budget.compliance). One rule per kind per organisation."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="it_guidelines",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("rule"), max_length=30, choices=GuidelineRuleKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = BoundedTextField(_("description"), max_length=2000, blank=True)
    price_ceiling = models.DecimalField(
        _("price ceiling"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PRICE_VALIDATORS,
        help_text=_("Only for the price-ceiling rule: the highest hardware price per device."),
    )
    active = models.BooleanField(_("active"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("IT guideline")
        verbose_name_plural = _("IT guidelines")
        ordering = ["organisation", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind"],
                name="it_guideline_unique_kind",
                violation_error_message=_("The organisation already has a rule of this kind."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.kind == GuidelineRuleKind.PRICE_CEILING and self.price_ceiling is None:
            raise ValidationError({"price_ceiling": _("Enter the price ceiling.")})


class ComplianceException(models.Model):
    """A recorded exception that lets a non-compliant catalogue item into one process's device
    plan: who granted it, why and when."""

    process = models.ForeignKey(
        StrategyProcess,
        on_delete=models.CASCADE,
        related_name="compliance_exceptions",
        verbose_name=_("process"),
    )
    device_model = models.ForeignKey(
        DeviceModel,
        on_delete=models.CASCADE,
        related_name="compliance_exceptions",
        verbose_name=_("device model"),
    )
    reason = BoundedTextField(_("reason"), max_length=1000)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("granted by"),
    )
    granted_at = models.DateTimeField(_("granted"), auto_now_add=True)

    class Meta:
        verbose_name = _("guideline exception")
        verbose_name_plural = _("guideline exceptions")
        ordering = ["process", "granted_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "device_model"],
                name="compliance_exception_unique_per_model",
                violation_error_message=_("The model already has an exception in this process."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.device_model_id}: {self.reason[:60]}"


class InventoryItem(models.Model):
    """Existing devices at an institution. Usable in year Y only while the OS still gets
    security updates (os_support_until ≥ Y); an unknown end counts as not usable."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="inventory_items",
        verbose_name=_("organisation"),
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.CASCADE,
        related_name="inventory_items",
        verbose_name=_("institution"),
    )
    category = models.ForeignKey(
        DeviceCategory,
        on_delete=models.PROTECT,
        related_name="inventory_items",
        verbose_name=_("device category"),
    )
    model_name = models.CharField(_("model"), max_length=150)
    quantity = models.PositiveIntegerField(
        _("quantity"), default=1, validators=[MinValueValidator(1)]
    )
    purchase_year = models.PositiveSmallIntegerField(_("purchase year"), validators=YEAR_VALIDATORS)
    os_support_until = models.PositiveSmallIntegerField(
        _("OS security updates until (year)"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("Empty = unknown (counts as not usable)."),
    )

    class Meta:
        verbose_name = _("inventory item")
        verbose_name_plural = _("inventory items")
        ordering = ["organisation", "org_unit__name", "category__position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gte=1),
                name="inventory_quantity_at_least_1",
                violation_error_message=_("The quantity must be at least 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.model_name}"

    def clean(self) -> None:
        errors = {}
        if self.organisation_id:
            if self.org_unit_id and self.org_unit.organisation_id != self.organisation_id:
                errors["org_unit"] = _("The institution belongs to another organisation.")
            if self.category_id and self.category.organisation_id != self.organisation_id:
                errors["category"] = _("The category belongs to another organisation.")
        if errors:
            raise ValidationError(errors)

    def usable_in(self, year: int) -> bool:
        return self.os_support_until is not None and self.os_support_until >= year


class DevicePlanSettings(models.Model):
    """Where the device plan's process-level generated lines go (setup and levy, MDM licences
    and support, the replacement pool). A line is generated only when its initiative is set."""

    process = models.OneToOneField(
        StrategyProcess,
        on_delete=models.CASCADE,
        related_name="device_plan_settings",
        verbose_name=_("process"),
    )
    setup_initiative = models.ForeignKey(
        Initiative,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("initiative for setup and levy"),
    )
    operations_initiative = models.ForeignKey(
        Initiative,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("initiative for MDM licences and support"),
    )
    replacement_initiative = models.ForeignKey(
        Initiative,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("initiative for the replacement pool"),
    )
    setup_financing = models.CharField(
        _("financing of setup and levy"),
        max_length=20,
        choices=Financing.choices,
        default=Financing.BUDGET_REQUEST,
    )
    operations_financing = models.CharField(
        _("financing of MDM licences and support"),
        max_length=20,
        choices=Financing.choices,
        default=Financing.BUDGET_REQUEST,
    )
    replacement_financing = models.CharField(
        _("financing of the replacement pool"),
        max_length=20,
        choices=Financing.choices,
        default=Financing.BUDGET_REQUEST,
    )

    class Meta:
        verbose_name = _("device plan settings")
        verbose_name_plural = _("device plan settings")

    def __str__(self) -> str:
        return f"{self.process_id}"

    def clean(self) -> None:
        errors = {}
        for name in ("setup_initiative", "operations_initiative", "replacement_initiative"):
            initiative = getattr(self, name)
            if initiative is not None and initiative.process_id != self.process_id:
                errors[name] = _("The initiative belongs to another process.")
        if errors:
            raise ValidationError(errors)


class DevicePlanItem(models.Model):
    """One category of the device plan: which model, bought in which year, paid by which
    initiative. The quantity is the computed need unless overridden."""

    process = models.ForeignKey(
        StrategyProcess,
        on_delete=models.CASCADE,
        related_name="device_plan_items",
        verbose_name=_("process"),
    )
    category = models.ForeignKey(
        DeviceCategory,
        on_delete=models.PROTECT,
        related_name="plan_items",
        verbose_name=_("device category"),
    )
    device_model = models.ForeignKey(
        DeviceModel,
        on_delete=models.PROTECT,
        related_name="plan_items",
        verbose_name=_("device model"),
    )
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.PROTECT,
        related_name="device_plan_items",
        verbose_name=_("initiative"),
    )
    purchase_year = models.PositiveSmallIntegerField(_("purchase year"), validators=YEAR_VALIDATORS)
    quantity_override = models.PositiveIntegerField(
        _("quantity"),
        null=True,
        blank=True,
        help_text=_("Empty = the computed need of the category."),
    )
    kind = models.CharField(
        _("operating or capital"), max_length=10, choices=CostKind.choices, default=CostKind.DRIFT
    )
    financing = models.CharField(
        _("financing of the purchase"),
        max_length=20,
        choices=Financing.choices,
        default=Financing.BUDGET_REQUEST,
    )
    subscription_financing = models.CharField(
        _("financing of the subscriptions"),
        max_length=20,
        choices=Financing.choices,
        default=Financing.BUDGET_REQUEST,
    )
    note = BoundedTextField(_("note"), max_length=1000, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("device plan item")
        verbose_name_plural = _("device plan items")
        ordering = ["process", "category__position", "category__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "category"],
                name="device_plan_item_unique_category",
                violation_error_message=_("The device plan already has this category."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category_id}: {self.device_model_id}"

    def clean(self) -> None:
        errors = {}
        process = self.process if self.process_id else None
        if process is not None:
            if self.category_id and self.category.organisation_id != process.organisation_id:
                errors["category"] = _("The category belongs to another organisation.")
            if self.initiative_id and self.initiative.process_id != process.id:
                errors["initiative"] = _("The initiative belongs to another process.")
            years = process.budget_years
            if self.purchase_year is not None and self.purchase_year not in years:
                errors["purchase_year"] = _(
                    "The purchase year must be one of the budget years %(first)d–%(last)d."
                ) % {"first": years[0], "last": years[-1]}
        if (
            self.device_model_id
            and self.category_id
            and self.device_model.category_id != self.category_id
        ):
            errors["device_model"] = _("The model belongs to another device category.")
        if errors:
            raise ValidationError(errors)


class CostLine(models.Model):
    """A line of the budget basis under an initiative: four yearly amounts in kroner (column 1
    is the budget year), expenditure positive, savings negative.

    Lines with `generated=True` come from the device plan (budget_services.
    device_plan_regenerate) and are rewritten by it; hand-written lines are never touched by it.
    """

    process = models.ForeignKey(
        StrategyProcess,
        on_delete=models.CASCADE,
        related_name="cost_lines",
        verbose_name=_("process"),
    )
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.PROTECT,
        related_name="cost_lines",
        verbose_name=_("initiative"),
    )
    label = models.CharField(_("text"), max_length=200)
    kind = models.CharField(
        _("operating or capital"), max_length=10, choices=CostKind.choices, default=CostKind.DRIFT
    )
    recurrence = models.CharField(
        _("one-off or recurring"),
        max_length=10,
        choices=Recurrence.choices,
        default=Recurrence.ONE_OFF,
    )
    amount_1 = _amount_field(_("year 1"))
    amount_2 = _amount_field(_("year 2"))
    amount_3 = _amount_field(_("year 3"))
    amount_4 = _amount_field(_("year 4"))
    financing = models.CharField(
        _("financing"), max_length=20, choices=Financing.choices, default=Financing.BUDGET_REQUEST
    )
    note = BoundedTextField(_("note"), max_length=1000, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    generated = models.BooleanField(_("generated from the device plan"), default=False)
    plan_item = models.ForeignKey(
        DevicePlanItem,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="cost_lines",
        verbose_name=_("device plan item"),
    )
    element = models.CharField(
        _("part of the device plan"), max_length=20, choices=GeneratedElement.choices, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cost line")
        verbose_name_plural = _("cost lines")
        ordering = ["process", "initiative", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "plan_item", "element"],
                condition=Q(generated=True, plan_item__isnull=False),
                name="cost_line_unique_generated_per_item",
            ),
            models.UniqueConstraint(
                fields=["process", "element"],
                condition=Q(generated=True, plan_item__isnull=True),
                name="cost_line_unique_generated_per_process",
            ),
            models.CheckConstraint(
                condition=Q(generated=True) | Q(plan_item__isnull=True, element=""),
                name="cost_line_hand_written_has_no_plan_item",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        if self.initiative_id and self.process_id and self.initiative.process_id != self.process_id:
            raise ValidationError({"initiative": _("The initiative belongs to another process.")})

    @property
    def amounts(self) -> list[Decimal]:
        """The four yearly amounts in kroner, budget year first."""
        return [self.amount_1, self.amount_2, self.amount_3, self.amount_4]

    @property
    def total(self) -> Decimal:
        return self.amount_1 + self.amount_2 + self.amount_3 + self.amount_4
