from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.forms import RowsChoiceField
from strategy.enums import Role, ThemeStatus
from strategy.models import (
    Decision,
    OrgUnit,
    PhaseDeliverable,
    ProcessPhase,
    SteeringMeeting,
    StrategicTheme,
    StrategyProcess,
    VisionRevision,
)


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
            "dagpleje_pedagogues",
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
            "dagplejepædagoger; souschef (ja/nej). Separated by semicolons or commas, UTF-8."
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


class VisionForm(forms.ModelForm):
    """A new revision of the vision (revisions are never edited)."""

    class Meta:
        model = VisionRevision
        fields = ["text", "principles", "note"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 4}),
            "principles": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "text": _("One to three sentences."),
            "note": _("A short note on what changed and why, shown in the list of revisions."),
        }


class VisionCompareForm(forms.Form):
    """The two revisions to compare (GET). Unknown numbers get a message next to the field."""

    a = forms.IntegerField(label=_("Compare revision"), min_value=1, widget=forms.Select)
    b = forms.IntegerField(label=_("with revision"), min_value=1, widget=forms.Select)

    def __init__(self, *args, numbers: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.numbers = set(numbers)
        choices = [(n, _("Revision %(number)d") % {"number": n}) for n in numbers]
        self.fields["a"].widget.choices = choices
        self.fields["b"].widget.choices = choices

    def _known(self, name: str) -> int:
        number = self.cleaned_data[name]
        if number not in self.numbers:
            raise forms.ValidationError(
                _("There is no revision %(number)d."), params={"number": number}, code="unknown"
            )
        return number

    def clean_a(self) -> int:
        return self._known("a")

    def clean_b(self) -> int:
        return self._known("b")


class MeetingForm(forms.ModelForm):
    class Meta:
        model = SteeringMeeting
        fields = ["number", "date", "title", "agenda", "minutes"]
        widgets = {
            "date": DateInput(),
            "agenda": forms.Textarea(attrs={"rows": 6}),
            "minutes": forms.Textarea(attrs={"rows": 10}),
        }
        help_texts = {"number": _("Shown as SG1, SG2, ...")}

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.process = process
        self.fields["number"].min_value = 1
        self.fields["number"].widget.attrs["min"] = 1

    def clean_number(self) -> int:
        number = self.cleaned_data["number"]
        if number is not None and number < 1:
            raise forms.ValidationError(_("The number must be 1 or more."))
        taken = SteeringMeeting.objects.filter(process=self.process, number=number).exclude(
            pk=self.instance.pk
        )
        if taken.exists():
            raise forms.ValidationError(_("Another meeting already has this number."))
        return number


class DecisionForm(forms.ModelForm):
    """A decision of the log; the meeting and the themes are limited to the same process."""

    class Meta:
        model = Decision
        fields = ["meeting", "date", "text", "themes"]
        widgets = {
            "date": DateInput(),
            "text": forms.Textarea(attrs={"rows": 4}),
            "themes": forms.CheckboxSelectMultiple,
        }
        field_classes = {"themes": RowsChoiceField}

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = SteeringMeeting.objects.filter(process=process).order_by(
            "-date", "-number"
        )
        self.fields["meeting"].empty_label = _("(no meeting)")
        themes = StrategicTheme.objects.filter(process=process)
        if self.instance.pk:
            # A merged theme is offered only when the decision already points at it.
            themes = themes.filter(
                ~Q(status=ThemeStatus.MERGED) | Q(pk__in=self.instance.themes.all())
            )
        else:
            themes = themes.exclude(status=ThemeStatus.MERGED)
        self.fields["themes"].queryset = themes.order_by("title")
        self.fields["themes"].required = False
        self.fields["themes"].label = process.theme_label_plural
