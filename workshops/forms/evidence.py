"""Forms for interviews, insights, workshops, the facilitator board and the theme screens. They
validate and hand off to workshops.services.evidence / workshops.services.board."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.forms import RowsChoiceField
from strategy.enums import ThemeStatus
from strategy.forms import DateInput
from strategy.models import StrategicTheme, StrategyProcess
from workshops.enums import InsightKind, StakeholderGroup, WorkshopStatus
from workshops.models import Insight, Interview, Workshop
from workshops.selectors.evidence import open_themes
from workshops.services.evidence import INTERVIEW_FIELDS, WORKSHOP_FIELDS


class InterviewForm(forms.ModelForm):
    class Meta:
        model = Interview
        fields = list(INTERVIEW_FIELDS)
        widgets = {"date": DateInput(), "summary": forms.Textarea(attrs={"rows": 6})}


class ThemeChoiceField(RowsChoiceField):
    def label_from_instance(self, obj):
        return obj.title


def _themes_field(process: StrategyProcess, label) -> ThemeChoiceField:
    return ThemeChoiceField(
        queryset=open_themes(process),
        required=False,
        label=label,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Choose themes of this process that are not merged."),
        },
    )


class InsightForm(forms.Form):
    """A new insight from an interview: its group is the interviewee's."""

    kind = forms.ChoiceField(label=_("Kind"), choices=InsightKind.choices)
    text = forms.CharField(
        label=_("Text"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
    )

    def __init__(self, *args, process: StrategyProcess, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"] = _themes_field(process, process.theme_label_plural)


class InsightEditForm(InsightForm):
    group = forms.ChoiceField(
        label=_("Stakeholder group"),
        choices=[("", "—"), *StakeholderGroup.choices],
        required=False,
    )

    field_order = ["kind", "text", "group", "themes"]


class WorkshopForm(forms.ModelForm):
    class Meta:
        model = Workshop
        fields = list(WORKSHOP_FIELDS)
        widgets = {
            "date": DateInput(),
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "agenda": forms.Textarea(attrs={"rows": 6}),
        }


class WorkshopStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=WorkshopStatus.choices)


# --- The facilitator board ------------------------------------------------------------------------


class BoardFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", pgettext_lazy("kind filter", "All")), *InsightKind.choices],
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    group = forms.ChoiceField(
        label=_("Stakeholder group"),
        choices=[("", pgettext_lazy("group filter", "All")), *StakeholderGroup.choices],
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def filters(self) -> dict:
        """The valid filters (invalid values are ignored, as if not given)."""
        if not self.is_bound:
            return {"kind": "", "group": ""}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {"kind": data.get("kind", ""), "group": data.get("group", "")}


class BoardSelectionForm(forms.Form):
    """The checked notes of a board; only notes of this workshop are valid."""

    notes = RowsChoiceField(
        queryset=Insight.objects.none(),
        widget=forms.MultipleHiddenInput,
        error_messages={
            "required": _("Select at least one note."),
            "invalid_choice": _("Some of the selected notes are not notes of this workshop."),
            "invalid_pk_value": _("Some of the selected notes are not notes of this workshop."),
            "invalid_list": _("Some of the selected notes are not notes of this workshop."),
        },
    )

    def __init__(self, *args, workshop: Workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.workshop = workshop
        self.fields["notes"].queryset = Insight.objects.filter(workshop=workshop)


class BoardAssignForm(BoardSelectionForm):
    theme = forms.ModelChoiceField(
        queryset=StrategicTheme.objects.none(),
        label=_("Assign to"),
        error_messages={
            "required": _("Choose a theme."),
            "invalid_choice": _("Choose a theme of this process that is not merged."),
        },
    )

    def __init__(self, *args, workshop: Workshop, **kwargs):
        super().__init__(*args, workshop=workshop, **kwargs)
        self.fields["theme"].queryset = open_themes(workshop.process)
        self.fields["theme"].label_from_instance = lambda theme: theme.title


def title_taken(process: StrategyProcess, title: str, exclude_pk: int | None = None) -> bool:
    return (
        StrategicTheme.objects.filter(process=process, title__iexact=title.strip())
        .exclude(pk=exclude_pk)
        .exists()
    )


TITLE_TAKEN = _("A theme with this title already exists in this process.")


class BoardCreateThemeForm(BoardSelectionForm):
    title = forms.CharField(
        label=_("Title"),
        max_length=120,
        error_messages={"required": _("Enter a title for the new theme.")},
    )

    def clean_title(self) -> str:
        title = self.cleaned_data["title"].strip()
        if title_taken(self.workshop.process, title):
            raise forms.ValidationError(TITLE_TAKEN)
        return title


class BoardDuplicatesForm(BoardSelectionForm):
    def clean_notes(self):
        notes = self.cleaned_data["notes"]
        if len(notes) < 2:
            raise forms.ValidationError(_("Select at least two notes to mark duplicates."))
        return notes


# --- Themes ---------------------------------------------------------------------------------------


class ThemeForm(forms.ModelForm):
    class Meta:
        model = StrategicTheme
        fields = ["title", "description", "objective", "priority_rank"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "objective": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, process: StrategyProcess, **kwargs):
        super().__init__(*args, **kwargs)
        self.process = process

    def clean_title(self) -> str:
        title = self.cleaned_data["title"].strip()
        if title_taken(self.process, title, exclude_pk=self.instance.pk):
            raise forms.ValidationError(TITLE_TAKEN)
        return title


class ThemeStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(value, label) for value, label in ThemeStatus.choices if value != "merged"],
    )


class ThemeFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", pgettext_lazy("status filter", "All")), *ThemeStatus.choices],
        required=False,
    )

    def status_filter(self) -> str:
        return self.cleaned_data.get("status", "") if self.is_bound and self.is_valid() else ""


class ThemeMergeForm(forms.Form):
    """Merge a theme into one or more others; a select per insight chooses where it goes."""

    targets = ThemeChoiceField(
        queryset=StrategicTheme.objects.none(),
        label=_("Merge into"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one theme to merge into."),
            "invalid_choice": _(
                "Choose themes of this process that are not merged and not this theme."
            ),
            "invalid_pk_value": _(
                "Choose themes of this process that are not merged and not this theme."
            ),
        },
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, source: StrategicTheme, insights: list[Insight], **kwargs):
        super().__init__(*args, **kwargs)
        self.source = source
        self.insights = insights
        candidates = open_themes(source.process).exclude(pk=source.pk)
        self.fields["targets"].queryset = candidates
        choices = [("", _("The first theme chosen above"))] + [
            (str(theme.pk), theme.title) for theme in candidates
        ]
        for insight in insights:
            self.fields[self.field_name(insight)] = forms.ChoiceField(
                label=insight.text, choices=choices, required=False
            )

    @staticmethod
    def field_name(insight: Insight) -> str:
        return f"insight_{insight.pk}"

    def insight_fields(self):
        return [(insight, self[self.field_name(insight)]) for insight in self.insights]

    def clean(self):
        cleaned = super().clean()
        targets = list(cleaned.get("targets") or [])
        by_id = {str(target.pk): target for target in targets}
        assignments = {}
        for insight in self.insights:
            name = self.field_name(insight)
            value = cleaned.get(name)
            if not value or not targets:
                continue
            if value not in by_id:
                self.add_error(name, _("Choose one of the themes to merge into."))
                continue
            assignments[insight.pk] = by_id[value]
        cleaned["assignments"] = assignments
        return cleaned
