from django.urls import path

from reporting import views

app_name = "reporting"

urlpatterns = [
    path("p/<slug:slug>/rapport/", views.preview, name="report.preview"),
    path("p/<slug:slug>/report.pdf", views.report_pdf, name="report.pdf"),
    path("p/<slug:slug>/budgetoenske.pdf", views.budget_request_pdf, name="budget_request.pdf"),
    path(
        "p/<slug:slug>/budgetoenske/rediger/",
        views.budget_request_edit,
        name="budget_request.edit",
    ),
    path("p/<slug:slug>/versioner/", views.version_list, name="version.list"),
    path("p/<slug:slug>/versioner/indsend/", views.approval_submit, name="approval.submit"),
    path("p/<slug:slug>/versioner/sammenlign/", views.version_compare, name="version.compare"),
    path(
        "p/<slug:slug>/versions/<int:number>/strategy.pdf",
        views.version_pdf,
        name="version.pdf",
    ),
    path("p/<slug:slug>/godkendelse/<int:pk>/", views.approval_detail, name="approval.detail"),
    path(
        "p/<slug:slug>/godkendelse/<int:pk>/beslut/",
        views.approval_decide,
        name="approval.decide",
    ),
]
