from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from actionplan import selectors
from actionplan.enums import InitiativeStatus, TrafficLight
from actionplan.models import (
    Initiative,
    Milestone,
    Prerequisite,
    Risk,
    SuccessCriterion,
)
from strategy.enums import PlanPhase
from strategy.forms import DateInput

INITIATIVE_FIELDS = [
    "title",
    "purpose",
    "expected_effect",
    "owner",
    "coordinator",
    "responsible_unit",
    "involved_parties",
    "start_date",
    "end_date",
    "phase",
    "in_budget_request",
]


class InitiativeForm(forms.ModelForm):
    """Create (with a theme) or edit an initiative; never its status or traffic light."""

    theme = forms.ModelChoiceField(queryset=None, label=_("Theme"))

    class Meta:
        model = Initiative
        fields = INITIATIVE_FIELDS
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "expected_effect": forms.Textarea(attrs={"rows": 3}),
            "start_date": DateInput(),
            "end_date": DateInput(),
        }

    def __init__(self, *args, process, with_theme: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if with_theme:
            self.fields["theme"].queryset = selectors.plan_themes(process)
            self.order_fields(["theme", *INITIATIVE_FIELDS])
        else:
            del self.fields["theme"]

    def clean(self):
        # The service checks the period; here only the form's own fields (no model validation
        # before the service assigns the theme).
        return self.cleaned_data

    def _post_clean(self):
        pass

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in INITIATIVE_FIELDS}


def _bootstrap(form: forms.Form) -> None:
    """Bootstrap classes for forms rendered field by field (the plan's filters and inline row)."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select form-select-sm"
        else:
            css = "form-control form-control-sm"
        widget.attrs["class"] = css


class InlineInitiativeForm(forms.Form):
    """The common fields edited in a row of the plan."""

    status = forms.ChoiceField(label=_("Status"), choices=InitiativeStatus.choices)
    traffic_light = forms.ChoiceField(label=_("Traffic light"), choices=TrafficLight.choices)
    owner = forms.CharField(label=_("Owner"), max_length=150, required=False)
    phase = forms.ChoiceField(
        label=_("Phase"), choices=[("", "–"), *PlanPhase.choices], required=False
    )
    in_budget_request = forms.BooleanField(label=_("In the budget request"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _bootstrap(self)


class PlanFilterForm(forms.Form):
    theme = forms.ModelChoiceField(queryset=None, required=False, label=_("Theme"))
    phase = forms.ChoiceField(
        label=_("Phase"), choices=[("", _("All")), *PlanPhase.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), *InitiativeStatus.choices], required=False
    )
    owner = forms.CharField(label=_("Owner"), max_length=150, required=False)
    budget = forms.ChoiceField(
        label=_("In the budget request"),
        choices=[("", _("All")), ("yes", _("Yes")), ("no", _("No"))],
        required=False,
    )

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = selectors.plan_themes(process)
        self.fields["theme"].empty_label = pgettext_lazy("filter", "All")
        _bootstrap(self)

    def filters(self) -> selectors.PlanFilters:
        if not self.is_valid():
            return selectors.PlanFilters()
        data = self.cleaned_data
        budget = {"yes": True, "no": False}.get(data["budget"])
        return selectors.PlanFilters(
            theme=data["theme"].pk if data["theme"] else None,
            phase=data["phase"],
            status=data["status"],
            owner=data["owner"].strip(),
            in_budget_request=budget,
        )


class UniqueIdsMixin:
    """The detail page shows several small forms: each gets its own element ids."""

    id_prefix = ""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class CriterionForm(UniqueIdsMixin, forms.ModelForm):
    id_prefix = "criterion"

    class Meta:
        model = SuccessCriterion
        fields = ["indicator", "baseline", "target", "measured_when"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The service gives the message (also for a target without an indicator).
        self.fields["indicator"].required = False

    def _post_clean(self):
        pass


class PrerequisiteForm(UniqueIdsMixin, forms.ModelForm):
    id_prefix = "prerequisite"

    class Meta:
        model = Prerequisite
        fields = ["category", "description", "owner", "status"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class RiskForm(UniqueIdsMixin, forms.ModelForm):
    id_prefix = "risk"

    class Meta:
        model = Risk
        fields = ["description", "likelihood", "impact", "mitigation", "owner"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "mitigation": forms.Textarea(attrs={"rows": 2}),
            "likelihood": forms.NumberInput(attrs={"min": 1, "max": 5}),
            "impact": forms.NumberInput(attrs={"min": 1, "max": 5}),
        }


class DependencyForm(UniqueIdsMixin, forms.Form):
    id_prefix = "dependency"

    depends_on = forms.ModelChoiceField(queryset=None, label=_("Depends on"))

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["depends_on"].queryset = selectors.dependency_choices(initiative)
        self.fields["depends_on"].label_from_instance = str


class MilestoneForm(UniqueIdsMixin, forms.ModelForm):
    id_prefix = "milestone"

    class Meta:
        model = Milestone
        fields = ["title", "due_date"]
        widgets = {"due_date": DateInput()}
