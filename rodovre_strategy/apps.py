"""The admin app with our admin site as django.contrib.admin.site (Django's documented way of
overriding the default admin site: `default_site` on a subclass of AdminConfig, listed in
INSTALLED_APPS instead of "django.contrib.admin")."""

from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    default_site = "accounts.admin_site.TwoFactorAdminSite"
