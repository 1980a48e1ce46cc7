from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from strategy.enums import Role
from strategy.models import OrgUnit, PhaseDeliverable, ProcessPhase, StrategyProcess


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class ProcessForm(forms.ModelForm):
    class Meta:
        model = StrategyProcess
        fields = [
            "title",
            "area",
            "description",
            "period_start",
            "period_end",
            "budget_year",
            "price_level_year",
            "theme_label",
            "plan_label",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class PhaseForm(forms.ModelForm):
    class Meta:
        model = ProcessPhase
        fields = ["name", "description", "start_date", "end_date", "status"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "start_date": DateInput(),
            "end_date": DateInput(),
        }


class DeliverableForm(forms.ModelForm):
    class Meta:
        model = PhaseDeliverable
        fields = ["title"]
        labels = {"title": _("New deliverable")}


class OrgUnitForm(forms.ModelForm):
    class Meta:
        model = OrgUnit
        fields = [
            "name",
            "kind",
            "children_0_2",
            "children_3_5",
            "rooms",
            "fte",
            "childminders",
            "play_centres",
            "has_deputy",
            "active",
        ]
        # A text input with Danish decimals ("24,5"): a number input would drop the comma value.
        localized_fields = ["fte"]


class OrgUnitImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: navn; type; børn 0-2; børn 3-5; stuer; årsværk; dagplejere; legestuer; "
            "souschef (ja/nej). Separated by semicolons or commas, UTF-8."
        ),
    )


class MemberAddForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    full_name = forms.CharField(
        label=_("Name"),
        max_length=150,
        required=False,
        help_text=_("Only needed for a person without an account yet."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    title = forms.CharField(label=_("Title in the process"), max_length=200, required=False)

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.process = process

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user and self.process.memberships.filter(user=user).exists():
            raise forms.ValidationError(_("This person is already a member of the process."))
        return email


class MembershipForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    title = forms.CharField(label=_("Title in the process"), max_length=200, required=False)
