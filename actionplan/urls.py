from django.urls import include, path

from actionplan.views import followup, initiatives, plan

app_name = "actionplan"

initiative_urls = [
    path("", initiatives.initiative_detail, name="initiative.detail"),
    path("rediger/", initiatives.initiative_edit, name="initiative.edit"),
    path("felt/", initiatives.initiative_inline, name="initiative.inline"),
    path("flyt/", initiatives.initiative_move, name="initiative.move"),
    path("kriterier/", initiatives.criterion_add, name="criterion.add"),
    path("kriterier/<int:item>/slet/", initiatives.criterion_delete, name="criterion.delete"),
    path("forudsaetninger/", initiatives.prerequisite_add, name="prerequisite.add"),
    path("risici/", initiatives.risk_add, name="risk.add"),
    path("afhaengigheder/", initiatives.dependency_add, name="dependency.add"),
    path(
        "afhaengigheder/<int:item>/slet/",
        initiatives.dependency_delete,
        name="dependency.delete",
    ),
    path("milepaele/", initiatives.milestone_add, name="milestone.add"),
    path("milepaele/<int:item>/", initiatives.milestone_toggle, name="milestone.toggle"),
    path("opfoelgning/", followup.status_update_add, name="status_update.add"),
]

process_urls = [
    path("", plan.plan, name="plan"),
    path("ny/", initiatives.initiative_create, name="initiative.create"),
    path("eksport.csv", plan.plan_csv, name="plan.csv"),
    path("eksport.xlsx", plan.plan_xlsx, name="plan.xlsx"),
    path("tidsplan/", plan.roadmap, name="roadmap"),
    path("risici/", plan.risk_matrix, name="risk.matrix"),
    path("forudsaetninger/", plan.prerequisite_list, name="prerequisite.list"),
    path("forudsaetninger/<int:pk>/", plan.prerequisite_edit, name="prerequisite.edit"),
    path("risici/<int:pk>/", plan.risk_edit, name="risk.edit"),
    path("program/", followup.programme, name="programme"),
    path("<int:pk>/", include(initiative_urls)),
]

urlpatterns = [
    path("p/<slug:slug>/handleplan/", include(process_urls)),
    path("deltager/i-sagde-vi-gjorde/", followup.you_said_we_did, name="you_said_we_did"),
]
