"""The API's representations. Money is given twice: in kroner (decimal strings, unrounded, as
stored) and in 1.000 kr. (whole numbers rounded half up from the unrounded sums), as on the
budget page."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from actionplan.budget_enums import CostKind, Financing, Recurrence, Scenario
from actionplan.models import Initiative
from api import selectors
from strategy.models import Decision, StrategicTheme, StrategyProcess
from workshops.models import VotingRound


def _kroner(**kwargs) -> serializers.DecimalField:
    # max_digits=None: sums of many lines may have more digits than one stored amount.
    return serializers.DecimalField(max_digits=None, decimal_places=2, **kwargs)


class ProcessSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = StrategyProcess
        fields = [
            "id",
            "slug",
            "title",
            "organisation",
            "area",
            "status",
            "period_start",
            "period_end",
            "budget_year",
            "price_level_year",
            "theme_label",
            "plan_label",
        ]


class DecisionRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Decision
        fields = ["id", "date", "text"]


class ThemeSerializer(serializers.ModelSerializer):
    priority_decision = DecisionRefSerializer(read_only=True, allow_null=True)
    merged_into = serializers.SerializerMethodField(help_text="Ids of the themes it went into.")

    class Meta:
        model = StrategicTheme
        fields = [
            "id",
            "title",
            "status",
            "priority_rank",
            "phase",
            "priority_decision",
            "merged_into",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_merged_into(self, theme: StrategicTheme) -> list[int]:
        return [merge.target_id for merge in theme.merges]


class WorkshopRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()


class RoundSerializer(serializers.ModelSerializer):
    workshop = WorkshopRefSerializer(read_only=True, allow_null=True)
    ballot_count = serializers.IntegerField(read_only=True)
    option_count = serializers.IntegerField(read_only=True)
    adopted_decision_id = serializers.IntegerField(read_only=True, allow_null=True)
    result = serializers.SerializerMethodField(
        help_text=(
            "The frozen result (see docs/voting.md): per theme (option key = theme id) rank, "
            "score, supporters, share; per stakeholder group when it has enough ballots."
        )
    )

    class Meta:
        model = VotingRound
        fields = [
            "id",
            "title",
            "question",
            "method",
            "mode",
            "secret",
            "workshop",
            "opened_at",
            "closed_at",
            "ballot_count",
            "option_count",
            "adopted_decision_id",
            "result",
        ]

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_result(self, voting_round: VotingRound) -> dict | None:
        return selectors.round_result(voting_round)


class ThemeRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()


class InitiativeSerializer(serializers.ModelSerializer):
    number = serializers.CharField(read_only=True, help_text='"2.1": theme priority.position')
    theme = ThemeRefSerializer(read_only=True)
    period = serializers.CharField(read_only=True, help_text='Quarters, e.g. "K1 2027 – K4 2028"')

    class Meta:
        model = Initiative
        fields = [
            "id",
            "number",
            "title",
            "theme",
            "status",
            "traffic_light",
            "phase",
            "owner",
            "start_date",
            "end_date",
            "period",
            "in_budget_request",
        ]


# --- The budget basis ----------------------------------------------------------------------


class FiguresSerializer(serializers.Serializer):
    kroner = serializers.ListField(child=_kroner(), help_text="Per budget year, in kroner.")
    thousands = serializers.ListField(
        child=serializers.IntegerField(), help_text="Per budget year, in 1.000 kr."
    )
    total_kroner = _kroner(source="total")
    total_thousands = serializers.IntegerField()


class BasisLineSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="line.pk")
    label = serializers.CharField(source="line.label")
    kind = serializers.ChoiceField(source="line.kind", choices=CostKind.choices)
    recurrence = serializers.ChoiceField(source="line.recurrence", choices=Recurrence.choices)
    financing = serializers.ChoiceField(source="line.financing", choices=Financing.choices)
    generated = serializers.BooleanField(source="line.generated")
    figures = FiguresSerializer()


class InitiativeGroupSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="initiative.pk")
    number = serializers.CharField(source="initiative.number")
    title = serializers.CharField(source="initiative.title")
    lines = BasisLineSerializer(many=True)
    subtotal = FiguresSerializer()


class ThemeGroupSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="theme.pk")
    title = serializers.CharField(source="theme.title")
    priority_rank = serializers.IntegerField(source="theme.priority_rank", allow_null=True)
    initiatives = InitiativeGroupSerializer(many=True)
    subtotal = FiguresSerializer()


class FinancingTotalSerializer(serializers.Serializer):
    financing = serializers.ChoiceField(choices=Financing.choices)
    label = serializers.CharField()
    figures = FiguresSerializer()


class BudgetBasisSerializer(serializers.Serializer):
    process = serializers.CharField(source="process.slug")
    scenario = serializers.ChoiceField(choices=Scenario.choices)
    years = serializers.ListField(child=serializers.IntegerField())
    price_level_year = serializers.IntegerField(source="process.price_level_year")
    heading = serializers.CharField()
    themes = ThemeGroupSerializer(many=True)
    total = FiguresSerializer()
    drift = FiguresSerializer(help_text="Operating (drift).")
    anlaeg = FiguresSerializer(help_text="Capital (anlæg).")
    one_off = FiguresSerializer()
    recurring = FiguresSerializer()
    by_financing = FinancingTotalSerializer(many=True)
    line_count = serializers.IntegerField()
    generated_count = serializers.IntegerField()
    max_rounding_difference = serializers.DecimalField(
        max_digits=None,
        decimal_places=1,
        help_text="How far (in 1.000 kr.) a total can be from the sum of the shown lines.",
    )


class ScenarioQuerySerializer(serializers.Serializer):
    scenario = serializers.ChoiceField(choices=Scenario.choices, required=False, default="all")
