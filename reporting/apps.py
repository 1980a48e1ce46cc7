from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Reporting")

    def ready(self):
        from strategy.overview import NavItem, register_nav

        register_nav(NavItem("report", _("Report"), "reporting:report.preview", "view", 90))
        register_nav(NavItem("versions", _("Versions"), "reporting:version.list", "view", 91))
