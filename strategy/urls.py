from django.urls import include, path

from strategy import views

app_name = "strategy"

phase_urls = [
    path("", views.phase_detail, name="phase.detail"),
    path("rediger/", views.phase_edit, name="phase.edit"),
    path("leverancer/", views.deliverable_add, name="phase.deliverable.add"),
    path(
        "leverancer/<int:item>/udfoert/", views.deliverable_toggle, name="phase.deliverable.toggle"
    ),
    path("leverancer/<int:item>/slet/", views.deliverable_delete, name="phase.deliverable.delete"),
]

orgunit_urls = [
    path("", views.orgunit_list, name="orgunit.list"),
    path("ny/", views.orgunit_create, name="orgunit.create"),
    path("import/", views.orgunit_import, name="orgunit.import"),
    path("skabelon.csv", views.orgunit_csv_template, name="orgunit.csv_template"),
    path("<int:pk>/", views.orgunit_detail, name="orgunit.detail"),
    path("<int:pk>/rediger/", views.orgunit_edit, name="orgunit.edit"),
]

member_urls = [
    path("", views.member_list, name="member.list"),
    path("<int:pk>/", views.member_edit, name="member.edit"),
    path("<int:pk>/fjern/", views.member_remove, name="member.remove"),
]

process_urls = [
    path("", views.process_overview, name="process.overview"),
    path("indstillinger/", views.process_edit, name="process.edit"),
    path("faser/<int:pk>/", include(phase_urls)),
    path("institutioner/", include(orgunit_urls)),
    path("medlemmer/", include(member_urls)),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("p/<slug:slug>/", include(process_urls)),
]
