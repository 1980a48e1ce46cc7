"""Root URLs. Each app owns its own URL module and namespace."""

from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("sprog/", set_language, name="set_language"),
    path("accounts/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("api.urls")),
    path("", include("strategy.urls")),
    path("", include("workshops.urls")),
    path("", include("actionplan.urls")),
    path("", include("reporting.urls")),
]

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
