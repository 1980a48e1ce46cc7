"""Forms of the voting rounds' project-member screens: the set-up of a round (with the rules
that belong to its method), a paper ballot, and the adoption of a closed round's result.

They validate the shape of the input and hand off to workshops.services.voting, which checks
the rules once more (tally.rules_errors / tally.clean_ballot) and raises ValidationError or
BallotRejected with messages for the page.
"""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from strategy.enums import PlanPhase
from strategy.forms import DateInput
from strategy.models import SteeringMeeting, StrategicTheme, StrategyProcess
from workshops.enums import ResultsVisibility, StakeholderGroup, VotingMethod, VotingMode
from workshops.forms.evidence import ThemeChoiceField
from workshops.models import VotingRound, Workshop
from workshops.selectors.evidence import open_themes

MAX_CRITERIA = 4
SCALE_MAX = 5
CRITERION_ROWS = range(1, MAX_CRITERIA + 1)

# The fields of each method's rules (the template shows them in one fieldset per method).
METHOD_RULE_FIELDS = {
    VotingMethod.DOTS: ["dots_per_voter", "cap_per_option"],
    VotingMethod.POINTS: ["budget", "budget_exact"],
    VotingMethod.RANKING: [],
    VotingMethod.APPROVAL: [],
    VotingMethod.MATRIX: [
        *(f"criterion_{n}_{part}" for n in CRITERION_ROWS for part in ("label", "weight")),
        "allow_unknown",
    ],
}

BUDGET_CHOICES = [
    ("exact", _("Exactly the whole budget")),
    ("at_most", _("At most the budget")),
]


class RoundForm(forms.Form):
    """Title, question, workshop, method and its rules, options, eligibility, mode, secrecy,
    results visibility and option order. `round_data()` and `themes()` feed round_create /
    round_update."""

    title = forms.CharField(label=_("Title"), max_length=200)
    question = forms.CharField(
        label=_("Question"),
        max_length=300,
        required=False,
        help_text=_("Shown above the ballot, e.g. “Which themes matter most in 2027?”"),
    )
    workshop = forms.ModelChoiceField(
        label=_("Workshop"),
        queryset=Workshop.objects.none(),
        required=False,
        help_text=_("Optional: the workshop whose join code and projector the round uses."),
    )
    method = forms.ChoiceField(
        label=_("Method"),
        choices=VotingMethod.choices,
        initial=VotingMethod.POINTS,
        widget=forms.RadioSelect,
    )
    # Dots
    dots_per_voter = forms.IntegerField(
        label=_("Dots per voter"), min_value=1, max_value=100, required=False, initial=5
    )
    cap_per_option = forms.IntegerField(
        label=_("At most this many dots on one option"),
        min_value=1,
        max_value=100,
        required=False,
        help_text=_("Leave empty for no cap."),
    )
    # Points
    budget = forms.IntegerField(
        label=_("Points per voter (budget)"),
        min_value=1,
        max_value=1000,
        required=False,
        initial=100,
    )
    budget_exact = forms.ChoiceField(
        label=_("The voter spends"),
        choices=BUDGET_CHOICES,
        initial="exact",
        required=False,
        widget=forms.RadioSelect,
    )
    # Matrix: the criteria rows are added in __init__.
    allow_unknown = forms.BooleanField(
        label=_("Allow “don't know” (counts as missing, not as 0)"), required=False, initial=True
    )
    options = ThemeChoiceField(
        queryset=StrategicTheme.objects.none(),
        label=_("Options"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least two themes."),
            "invalid_choice": _("Choose themes of this process that are not merged."),
        },
    )
    eligible_groups = forms.MultipleChoiceField(
        label=_("Stakeholder groups who may vote"),
        choices=StakeholderGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: every group may vote."),
    )
    mode = forms.ChoiceField(
        label=_("Mode"),
        choices=VotingMode.choices,
        initial=VotingMode.REGISTERED,
        widget=forms.RadioSelect,
    )
    secret = forms.BooleanField(
        label=_("Secret ballot"),
        required=False,
        help_text=_("Who voted is recorded apart from the ballots; a secret ballot is final."),
    )
    results_visibility = forms.ChoiceField(
        label=_("Results"),
        choices=ResultsVisibility.choices,
        initial=ResultsVisibility.AFTER_CLOSE,
        widget=forms.RadioSelect,
    )
    randomise_order = forms.BooleanField(
        label=_("Random option order per voter"), required=False, initial=True
    )

    def __init__(
        self, *args, process: StrategyProcess, voting_round: VotingRound | None = None, **kwargs
    ):
        if voting_round is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_from_round(voting_round)
        super().__init__(*args, **kwargs)
        self.process = process
        self.fields["workshop"].queryset = Workshop.objects.filter(process=process).order_by(
            "-date", "title"
        )
        self.fields["options"].queryset = open_themes(process)
        self.fields["options"].help_text = _("Two or more themes; merged themes cannot be chosen.")
        for n in CRITERION_ROWS:
            self.fields[f"criterion_{n}_label"] = forms.CharField(
                label=_("Criterion %(n)s") % {"n": n},
                max_length=60,
                required=False,
                help_text=_("e.g. “Value for the children” or “Feasibility”") if n == 1 else "",
            )
            self.fields[f"criterion_{n}_weight"] = forms.DecimalField(
                label=_("Weight of criterion %(n)s") % {"n": n},
                min_value=Decimal("0.01"),
                max_value=Decimal("100"),
                max_digits=5,
                decimal_places=2,
                required=False,
                initial=1,
            )
        # Keep the field order of METHOD_RULE_FIELDS: criteria before "don't know".
        self.order_fields(
            [
                "title",
                "question",
                "workshop",
                "method",
                *[name for names in METHOD_RULE_FIELDS.values() for name in names],
                "options",
                "eligible_groups",
                "mode",
                "secret",
                "results_visibility",
                "randomise_order",
            ]
        )

    def method_fieldsets(self) -> list[tuple[str, str, list]]:
        """(method, label, bound fields) for each method that has rules of its own."""
        return [
            (method.value, method.label, [self[name] for name in names])
            for method, names in METHOD_RULE_FIELDS.items()
            if names
        ]

    def criteria_rows(self) -> list[tuple[int, forms.BoundField, forms.BoundField]]:
        return [
            (n, self[f"criterion_{n}_label"], self[f"criterion_{n}_weight"]) for n in CRITERION_ROWS
        ]

    def clean(self):
        cleaned = super().clean()
        method = cleaned.get("method")
        if (
            method == VotingMethod.DOTS
            and cleaned.get("dots_per_voter") is None
            and "dots_per_voter" not in self.errors
        ):
            self.add_error("dots_per_voter", _("Give the number of dots per voter."))
        if method == VotingMethod.DOTS:
            dots, cap = cleaned.get("dots_per_voter"), cleaned.get("cap_per_option")
            if dots is not None and cap is not None and cap > dots:
                self.add_error(
                    "cap_per_option", _("The cap cannot be larger than the dots per voter.")
                )
        if method == VotingMethod.POINTS:
            if cleaned.get("budget") is None and "budget" not in self.errors:
                self.add_error("budget", _("Give the number of points per voter."))
            if not cleaned.get("budget_exact"):
                self.add_error("budget_exact", _("Choose how the budget is spent."))
        if method == VotingMethod.MATRIX:
            self._clean_criteria(cleaned)
        options = cleaned.get("options")
        if options is not None and len(options) < 2:
            self.add_error("options", _("Choose at least two themes."))
        return cleaned

    def _clean_criteria(self, cleaned) -> None:
        labels = []
        for n in CRITERION_ROWS:
            label = (cleaned.get(f"criterion_{n}_label") or "").strip()
            if not label:
                continue
            if label.casefold() in labels:
                self.add_error(f"criterion_{n}_label", _("Two criteria have the same name."))
            labels.append(label.casefold())
            if cleaned.get(f"criterion_{n}_weight") is None and not self.has_error(
                f"criterion_{n}_weight"
            ):
                self.add_error(f"criterion_{n}_weight", _("Give the criterion a weight."))
        if len(labels) < 2:
            self.add_error(
                "criterion_1_label" if not labels else "criterion_2_label",
                _("A scoring matrix needs two or more criteria."),
            )

    def rules(self) -> dict:
        """The rules JSON of the chosen method (only that method's keys)."""
        cleaned = self.cleaned_data
        method = cleaned["method"]
        if method == VotingMethod.DOTS:
            rules = {"dots_per_voter": cleaned["dots_per_voter"]}
            if cleaned.get("cap_per_option") is not None:
                rules["cap_per_option"] = cleaned["cap_per_option"]
            return rules
        if method == VotingMethod.POINTS:
            return {"budget": cleaned["budget"], "budget_exact": cleaned["budget_exact"] == "exact"}
        if method == VotingMethod.MATRIX:
            criteria = []
            for n in CRITERION_ROWS:
                label = (cleaned.get(f"criterion_{n}_label") or "").strip()
                if label:
                    weight = cleaned[f"criterion_{n}_weight"].normalize()
                    criteria.append({"key": f"c{n}", "label": label, "weight": str(weight)})
            return {
                "criteria": criteria,
                "scale_max": SCALE_MAX,
                "allow_unknown": bool(cleaned.get("allow_unknown")),
            }
        return {}

    def round_data(self) -> dict:
        """The VotingRound fields for round_create / round_update."""
        cleaned = self.cleaned_data
        return {
            "title": cleaned["title"],
            "question": cleaned["question"],
            "workshop": cleaned["workshop"],
            "method": cleaned["method"],
            "rules": self.rules(),
            "eligible_groups": list(cleaned["eligible_groups"]),
            "mode": cleaned["mode"],
            "secret": cleaned["secret"],
            "results_visibility": cleaned["results_visibility"],
            "randomise_order": cleaned["randomise_order"],
        }

    def themes(self) -> list:
        return list(self.cleaned_data["options"])


def initial_from_round(voting_round: VotingRound) -> dict:
    """The form's initial values from an existing round (its rules spread over the fields)."""
    rules = voting_round.rules or {}
    initial = {
        "title": voting_round.title,
        "question": voting_round.question,
        "workshop": voting_round.workshop_id,
        "method": voting_round.method,
        "options": [option.theme_id for option in voting_round.options.all()],
        "eligible_groups": list(voting_round.eligible_groups or []),
        "mode": voting_round.mode,
        "secret": voting_round.secret,
        "results_visibility": voting_round.results_visibility,
        "randomise_order": voting_round.randomise_order,
    }
    for key in ("dots_per_voter", "cap_per_option", "budget", "allow_unknown"):
        if key in rules:
            initial[key] = rules[key]
    if "budget_exact" in rules:
        initial["budget_exact"] = "exact" if rules["budget_exact"] else "at_most"
    for n, criterion in enumerate(rules.get("criteria", [])[:MAX_CRITERIA], start=1):
        initial[f"criterion_{n}_label"] = criterion.get("label", "")
        initial[f"criterion_{n}_weight"] = Decimal(str(criterion.get("weight", 1)))
    return initial


class AdoptForm(forms.Form):
    """Adopt a closed round's result: a phase per theme (fields `phase_<theme id>`), optionally
    the steering meeting and the date of the decision."""

    meeting = forms.ModelChoiceField(
        label=_("Steering meeting"), queryset=SteeringMeeting.objects.none(), required=False
    )
    date = forms.DateField(
        label=pgettext_lazy("decision", "Date"),
        required=False,
        widget=DateInput(),
        help_text=_("Empty: today."),
    )

    def __init__(self, *args, process: StrategyProcess, rows: list, **kwargs):
        """`rows`: the frozen order, each with `theme_id`, `title`, `rank` and `default_phase`."""
        super().__init__(*args, **kwargs)
        self.rows = rows
        self.fields["meeting"].queryset = SteeringMeeting.objects.filter(process=process).order_by(
            "-date", "-number"
        )
        for row in rows:
            self.fields[f"phase_{row['theme_id']}"] = forms.ChoiceField(
                label=row["title"],
                choices=PlanPhase.choices,
                initial=row["default_phase"],
                widget=forms.RadioSelect,
            )

    def phase_fields(self) -> list[tuple[dict, forms.BoundField]]:
        return [(row, self[f"phase_{row['theme_id']}"]) for row in self.rows]

    def phases(self) -> dict[int, str]:
        return {row["theme_id"]: self.cleaned_data[f"phase_{row['theme_id']}"] for row in self.rows}


class PaperGroupForm(forms.Form):
    """The stakeholder group of a paper ballot's voter (the ballot itself is a
    workshops.forms.ballot.BallotForm, the same inputs as on the phone)."""

    group = forms.ChoiceField(label=_("Stakeholder group of the voter"))

    def __init__(self, *args, voting_round: VotingRound, **kwargs):
        super().__init__(*args, **kwargs)
        groups = voting_round.eligible_groups
        self.fields["group"].choices = [("", "—")] + [
            (value, label)
            for value, label in StakeholderGroup.choices
            if not groups or value in groups
        ]
