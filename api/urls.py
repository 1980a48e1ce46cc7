from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView

from api import views

app_name = "api"

urlpatterns = [
    path(
        "openapi.json",
        SpectacularJSONAPIView.as_view(authentication_classes=[], permission_classes=[]),
        name="schema",
    ),
    path("processes/", views.ProcessList.as_view(), name="process.list"),
    path(
        "processes/<slug:slug>/",
        include(
            [
                path("", views.ProcessDetail.as_view(), name="process.detail"),
                path("themes/", views.ThemeList.as_view(), name="theme.list"),
                path("rounds/", views.RoundList.as_view(), name="round.list"),
                path("initiatives/", views.InitiativeList.as_view(), name="initiative.list"),
                path("budget/", views.BudgetBasis.as_view(), name="budget"),
            ]
        ),
    ),
]
