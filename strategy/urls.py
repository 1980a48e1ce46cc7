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

vision_urls = [
    path("", views.vision_detail, name="vision.detail"),
    path("rediger/", views.vision_edit, name="vision.edit"),
    path("sammenlign/", views.vision_compare, name="vision.compare"),
]

steering_urls = [
    path("", views.steering_list, name="steering.list"),
    path("moeder/ny/", views.meeting_create, name="meeting.create"),
    path("moeder/<int:pk>/", views.meeting_detail, name="meeting.detail"),
    path("moeder/<int:pk>/rediger/", views.meeting_edit, name="meeting.edit"),
    path("beslutninger/ny/", views.decision_create, name="decision.create"),
    path("beslutninger/<int:pk>/rediger/", views.decision_edit, name="decision.edit"),
]

process_urls = [
    path("", views.process_overview, name="process.overview"),
    path("indstillinger/", views.process_edit, name="process.edit"),
    path("faser/<int:pk>/", include(phase_urls)),
    path("institutioner/", include(orgunit_urls)),
    path("medlemmer/", include(member_urls)),
    path("vision/", include(vision_urls)),
    path("styregruppe/", include(steering_urls)),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("p/<slug:slug>/", include(process_urls)),
]
