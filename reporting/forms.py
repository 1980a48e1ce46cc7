from django import forms

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
