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
]
