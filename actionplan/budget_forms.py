"""Forms of the investment basis and the budget: cost lines (also inline in the grid), the device
catalogue, IT-guideline rules, need rules, the inventory, the device plan and its exceptions.

The forms only validate; writes go through actionplan.budget_services. Amount and price fields
are localised (Danish "1.234,50"); a non-number, a negative price, a lifetime of 0 or a
purchase year outside the budget frame is refused with a message next to the field.
"""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from actionplan.budget_enums import Compliance, Scenario
from actionplan.models import (
    ComplianceException,
    CostLine,
    DeviceCategory,
    DeviceModel,
    DevicePlanItem,
    DevicePlanSettings,
    Initiative,
    InventoryItem,
    ITGuideline,
    NeedRule,
)
from strategy.models import OrgUnit

AMOUNT_FIELDS = ["amount_1", "amount_2", "amount_3", "amount_4"]
COST_LINE_FIELDS = ["label", "kind", "recurrence", *AMOUNT_FIELDS, "financing", "note"]


def _small(form: forms.BaseForm) -> None:
    """Bootstrap classes for forms rendered field by field (the grid's inline row)."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select form-select-sm"
        else:
            css = "form-control form-control-sm"
        widget.attrs["class"] = css


def _initiative_label(initiative: Initiative) -> str:
    return f"{initiative.number} {initiative.title}"


def process_initiatives(process):
    return Initiative.objects.filter(process=process).select_related("theme")


class ScenarioForm(forms.Form):
    """The scenario switch of the budget basis (GET); an unknown value means all initiatives."""

    scenario = forms.ChoiceField(label=_("Scenario"), choices=Scenario.choices, required=False)

    def scenario_value(self) -> str:
        if self.is_valid() and self.cleaned_data["scenario"]:
            return self.cleaned_data["scenario"]
        return "all"


# --- Cost lines ---------------------------------------------------------------------------------


class CostLineForm(forms.ModelForm):
    """A hand-written cost line: its initiative (when created), text, drift/anlæg,
    engangs/varig, the four yearly amounts in kroner, financing and a note.

    The amount fields are labelled with the process's budget years."""

    class Meta:
        model = CostLine
        fields = ["initiative", *COST_LINE_FIELDS]
        localized_fields = AMOUNT_FIELDS
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, process, with_initiative: bool = True, inline=False, **kwargs):
        if inline and "auto_id" not in kwargs:
            pk = kwargs["instance"].pk
            kwargs["auto_id"] = f"costline{pk}_%s"
        self.inline = inline
        super().__init__(*args, **kwargs)
        self.instance.process = process
        for name, year in zip(AMOUNT_FIELDS, process.budget_years, strict=True):
            self.fields[name].label = str(year)
            self.fields[name].widget.attrs["inputmode"] = "decimal"
        if with_initiative:
            self.fields["initiative"].queryset = process_initiatives(process)
            self.fields["initiative"].label_from_instance = _initiative_label
        else:
            del self.fields["initiative"]
        if inline:
            self.fields["note"].widget = forms.TextInput()
            _small(self)

    def full_clean(self) -> None:
        super().full_clean()
        if self.inline:
            # The inline row prints each field's messages in "<id>-error" (crispy does this
            # itself on the full-page form).
            for name in self.errors:
                if name in self.fields:
                    attrs = self.fields[name].widget.attrs
                    attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()
                    attrs["aria-invalid"] = "true"
                    attrs["aria-describedby"] = f"{self[name].auto_id}-error"

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in COST_LINE_FIELDS}


# --- Catalogue, guidelines, need rules ----------------------------------------------------------

MONEY_FIELDS = [
    "unit_price",
    "accessories_price",
    "setup_cost",
    "levy",
    "mdm_licence_per_year",
    "support_per_year",
    "subscription_per_year",
]

UNKNOWN_YES_NO = [
    ("", pgettext_lazy("yes/no/unknown", "Unknown")),
    ("true", _("Yes")),
    ("false", _("No")),
]


class YesNoUnknownSelect(forms.Select):
    """A nullable boolean as a select with the word "unknown" first (not a checkbox)."""

    def __init__(self, attrs=None):
        super().__init__(attrs, choices=UNKNOWN_YES_NO)

    def format_value(self, value):
        return {True: ["true"], False: ["false"], "true": ["true"], "false": ["false"]}.get(
            value, [""]
        )

    def value_from_datadict(self, data, files, name):
        return {"true": True, "false": False, "True": True, "False": False}.get(data.get(name))


class DeviceCategoryForm(forms.ModelForm):
    class Meta:
        model = DeviceCategory
        fields = ["name", "position"]

    def __init__(self, *args, organisation, **kwargs):
        kwargs.setdefault("auto_id", "category_%s")
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation


class DeviceModelForm(forms.ModelForm):
    """A catalogue item. Prices in kroner (no negatives), the lifetime 1-10 years; the guideline
    facts are yes / no / unknown."""

    class Meta:
        model = DeviceModel
        fields = [
            "category",
            "name",
            "unit_price",
            "accessories",
            "accessories_price",
            "setup_cost",
            "levy",
            "lifetime_years",
            "mdm_licence_per_year",
            "support_per_year",
            "subscription_per_year",
            "framework_agreement",
            "os_updates_until",
            "mdm_enrolment",
            "screen_lock",
            "dpia_done",
            "dpa_done",
            "child_facing",
            "section_8a_justification",
            "active",
        ]
        localized_fields = MONEY_FIELDS
        widgets = {
            "mdm_enrolment": YesNoUnknownSelect(),
            "screen_lock": YesNoUnknownSelect(),
            "dpia_done": YesNoUnknownSelect(),
            "dpa_done": YesNoUnknownSelect(),
            "section_8a_justification": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.fields["category"].queryset = DeviceCategory.objects.filter(organisation=organisation)
        for name in MONEY_FIELDS:
            self.fields[name].widget.attrs["inputmode"] = "decimal"


class ITGuidelineForm(forms.ModelForm):
    class Meta:
        model = ITGuideline
        fields = ["kind", "title", "description", "price_ceiling", "active", "position"]
        localized_fields = ["price_ceiling"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation


NEED_RULE_FIELDS = [
    "category",
    "for_integrated",
    "for_nursery",
    "for_kindergarten",
    "for_dagpleje",
    "per_unit",
    "per_room",
    "per_childminder",
    "per_play_centre",
    "per_deputy",
    "per_dagpleje_pedagogue",
    "fte_divisor",
    "children_threshold",
    "extra_over_threshold",
    "note",
]


class NeedRuleForm(forms.ModelForm):
    class Meta:
        model = NeedRule
        fields = NEED_RULE_FIELDS

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = DeviceCategory.objects.filter(organisation=organisation)


class InventoryItemForm(forms.ModelForm):
    class Meta:
        model = InventoryItem
        fields = [
            "org_unit",
            "category",
            "model_name",
            "quantity",
            "purchase_year",
            "os_support_until",
        ]

    def __init__(self, *args, organisation, **kwargs):
        kwargs.setdefault("auto_id", "inventory_%s")
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.fields["org_unit"].queryset = OrgUnit.objects.filter(organisation=organisation)
        self.fields["category"].queryset = DeviceCategory.objects.filter(organisation=organisation)


class InventoryImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: institution; kategori; model; antal; indkøbsår; os-opdateringer til "
            "(empty = unknown). Institutions and categories by name. Separated by semicolons or "
            "commas, UTF-8."
        ),
    )


# --- The device plan ----------------------------------------------------------------------------


class DevicePlanItemForm(forms.ModelForm):
    """A category of the device plan. The purchase year must lie in the budget frame."""

    class Meta:
        model = DevicePlanItem
        fields = [
            "category",
            "device_model",
            "initiative",
            "purchase_year",
            "quantity_override",
            "kind",
            "financing",
            "subscription_financing",
            "note",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, process, **kwargs):
        kwargs.setdefault("auto_id", "planitem_%s")
        super().__init__(*args, **kwargs)
        self.instance.process = process
        organisation = process.organisation
        self.fields["category"].queryset = DeviceCategory.objects.filter(organisation=organisation)
        # Active catalogue items, and the item's own model even when it has been retired.
        self.fields["device_model"].queryset = (
            DeviceModel.objects.filter(organisation=organisation)
            .filter(Q(active=True) | Q(pk=self.instance.device_model_id))
            .select_related("category")
        )
        self.fields["device_model"].label_from_instance = lambda model: (
            f"{model.category.name}: {model.name}"
        )
        self.fields["initiative"].queryset = process_initiatives(process)
        self.fields["initiative"].label_from_instance = _initiative_label
        self.fields["purchase_year"].widget = forms.Select(
            choices=[(year, str(year)) for year in process.budget_years]
        )
        if not self.is_bound and self.instance.pk is None:
            self.initial.setdefault("purchase_year", process.budget_year)


class DevicePlanSettingsForm(forms.ModelForm):
    class Meta:
        model = DevicePlanSettings
        fields = [
            "setup_initiative",
            "setup_financing",
            "operations_initiative",
            "operations_financing",
            "replacement_initiative",
            "replacement_financing",
        ]

    def __init__(self, *args, process, **kwargs):
        kwargs.setdefault("auto_id", "settings_%s")
        super().__init__(*args, **kwargs)
        self.instance.process = process
        for name in ("setup_initiative", "operations_initiative", "replacement_initiative"):
            self.fields[name].queryset = process_initiatives(process)
            self.fields[name].label_from_instance = _initiative_label
            self.fields[name].empty_label = _("None (no line)")


class ComplianceExceptionForm(forms.ModelForm):
    """An exception for a catalogue item that does not meet the guidelines: the items offered
    are those with an overall "not met" and no exception yet."""

    class Meta:
        model = ComplianceException
        fields = ["device_model", "reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, process, candidates, **kwargs):
        kwargs.setdefault("auto_id", "exception_%s")
        super().__init__(*args, **kwargs)
        self.instance.process = process
        ids = [model.pk for model in candidates]
        self.fields["device_model"].queryset = DeviceModel.objects.filter(
            pk__in=ids
        ).select_related("category")
        self.fields["device_model"].label_from_instance = lambda model: (
            f"{model.category.name}: {model.name}"
        )
        self.fields["device_model"].help_text = _(
            "Only catalogue items that do not meet the guidelines (%(status)s) are listed."
        ) % {"status": Compliance.NOT_MET.label}
