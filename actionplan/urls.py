from django.urls import include, path

from actionplan.views import budget, devices, followup, initiatives, plan

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

# The budget basis and its cost lines (issue 6).
budget_urls = [
    path("", budget.budget_basis, name="budget"),
    path("budget.csv", budget.budget_csv, name="budget.csv"),
    path("linjer/", budget.cost_line_list, name="costline.list"),
    path("linjer/ny/", budget.cost_line_create, name="costline.create"),
    path("linjer/<int:pk>/", budget.cost_line_inline, name="costline.inline"),
    path("linjer/<int:pk>/slet/", budget.cost_line_delete, name="costline.delete"),
]

# The investment basis: need, catalogue, guidelines, need rules, inventory, device plan.
investment_urls = [
    path("", devices.investment, name="investment"),
    path("katalog/", devices.device_list, name="device.list"),
    path("katalog/ny/", devices.device_create, name="device.create"),
    path("katalog/<int:pk>/", devices.device_edit, name="device.edit"),
    path("retningslinjer/", devices.guideline_list, name="guideline.list"),
    path("retningslinjer/ny/", devices.guideline_create, name="guideline.create"),
    path("retningslinjer/<int:pk>/", devices.guideline_edit, name="guideline.edit"),
    path("behov/", devices.need_rule_list, name="needrule.list"),
    path("behov/ny/", devices.need_rule_create, name="needrule.create"),
    path("behov/<int:pk>/", devices.need_rule_edit, name="needrule.edit"),
    path("behov/<int:pk>/slet/", devices.need_rule_delete, name="needrule.delete"),
    path("beholdning/", devices.inventory_list, name="inventory.list"),
    path("beholdning/import/", devices.inventory_import, name="inventory.import"),
    path("beholdning/<int:pk>/slet/", devices.inventory_delete, name="inventory.delete"),
    path("plan/", devices.device_plan, name="deviceplan"),
    path("plan/ny/", devices.plan_item_create, name="planitem.create"),
    path("plan/<int:pk>/", devices.plan_item_edit, name="planitem.edit"),
    path("plan/<int:pk>/slet/", devices.plan_item_delete, name="planitem.delete"),
    path("plan/indstillinger/", devices.plan_settings, name="deviceplan.settings"),
    path("plan/generer/", devices.plan_regenerate, name="deviceplan.regenerate"),
    path("plan/undtagelser/", devices.exception_create, name="exception.create"),
    path("plan/undtagelser/<int:pk>/slet/", devices.exception_delete, name="exception.delete"),
]

urlpatterns = [
    path("p/<slug:slug>/handleplan/", include(process_urls)),
    path("p/<slug:slug>/budget/", include(budget_urls)),
    path("p/<slug:slug>/investering/", include(investment_urls)),
    # A stable address (DESIGN.md): the budget basis as a workbook.
    path("p/<slug:slug>/budget.xlsx", budget.budget_xlsx, name="budget.xlsx"),
    path("deltager/i-sagde-vi-gjorde/", followup.you_said_we_did, name="you_said_we_did"),
]
