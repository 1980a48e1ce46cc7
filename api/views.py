"""The read-only API /api/v1/. Every view reads through api.selectors inside the token's
organisation; a process of another organisation is 404. GET, HEAD and OPTIONS only."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from actionplan.budget_enums import Scenario
from actionplan.models import Initiative
from api import selectors, serializers
from api.schema import ERRORS
from strategy.models import StrategicTheme, StrategyProcess
from workshops.models import VotingRound

SLUG = OpenApiParameter("slug", str, OpenApiParameter.PATH, description="The process's slug.")


class ProcessList(generics.ListAPIView):
    """The processes of the token's organisation, oldest first."""

    serializer_class = serializers.ProcessSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return StrategyProcess.objects.none()
        return selectors.processes_for_token(self.request.auth).select_related("organisation")


class ProcessDetail(generics.RetrieveAPIView):
    serializer_class = serializers.ProcessSerializer

    @extend_schema(parameters=[SLUG])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_object(self):
        process = selectors.process_for_token(self.request.auth, self.kwargs["slug"])
        process.organisation = self.request.auth.organisation
        return process


class _InProcess(generics.ListAPIView):
    """A list inside one process of the token's organisation."""

    model = None

    @extend_schema(parameters=[SLUG])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.model.objects.none()
        return self.rows(selectors.process_for_token(self.request.auth, self.kwargs["slug"]))

    def rows(self, process):
        raise NotImplementedError


class ThemeList(_InProcess):
    """The themes in priority order, with the decision that set each priority."""

    model = StrategicTheme
    serializer_class = serializers.ThemeSerializer

    def rows(self, process):
        return selectors.themes(process)


class RoundList(_InProcess):
    """Closed voting rounds with their frozen results, in the order they closed. No ballots,
    no participants."""

    model = VotingRound
    serializer_class = serializers.RoundSerializer

    def rows(self, process):
        return selectors.closed_rounds(process)


class InitiativeList(_InProcess):
    """The initiatives in plan order (theme priority, number)."""

    model = Initiative
    serializer_class = serializers.InitiativeSerializer

    def rows(self, process):
        return selectors.initiatives(process)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return None if page is None else selectors.with_period(page)


class BudgetBasis(APIView):
    """The budget basis of a scenario: the budget page's figures per line, initiative and
    theme, and the totals (by kind, recurrence and financing)."""

    @extend_schema(
        parameters=[
            SLUG,
            OpenApiParameter(
                "scenario",
                str,
                enum=Scenario.values,
                default=Scenario.ALL.value,
                description="all, phase1 (phase 1 only) or request (the budget request only).",
            ),
        ],
        responses={
            200: serializers.BudgetBasisSerializer,
            400: OpenApiResponse(OpenApiTypes.OBJECT, description="An unknown scenario."),
            **ERRORS,
        },
    )
    def get(self, request, slug: str):
        query = serializers.ScenarioQuerySerializer(data=request.query_params)
        if not query.is_valid():
            raise ValidationError(query.errors)
        process = selectors.process_for_token(request.auth, slug)
        basis = selectors.budget_basis(process, query.validated_data["scenario"])
        return Response(serializers.BudgetBasisSerializer(basis).data)
