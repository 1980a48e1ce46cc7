from django import forms
from django.utils.translation import gettext_lazy as _

from reporting.models import BudgetRequestText


class BudgetRequestTextForm(forms.ModelForm):
    class Meta:
        model = BudgetRequestText
        fields = [
            "committee",
            "department",
            "core",
            "background",
            "prerequisites",
            "risks",
            "recommendation",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in ("core", "background", "prerequisites", "risks", "recommendation")
        }


class ApprovalSubmitForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the steering group"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ApprovalDecisionForm(forms.Form):
    APPROVE = "approve"
    REJECT = "reject"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(APPROVE, _("Approve")), (REJECT, _("Reject"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


DRAFT = "draft"


class CompareForm(forms.Form):
    """Two of: the approved versions by number, or the current draft."""

    old = forms.ChoiceField(label=_("Compare"))
    new = forms.ChoiceField(label=_("with"))

    def __init__(self, *args, numbers: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(n), _("Version %(number)s") % {"number": n}) for n in numbers]
        choices.append((DRAFT, _("The current draft")))
        self.fields["old"].choices = choices
        self.fields["new"].choices = choices
