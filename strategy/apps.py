from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategyConfig(AppConfig):
    name = "strategy"
    verbose_name = _("Strategy")

    def ready(self) -> None:
        from strategy.overview import NavItem, register_nav

        register_nav(NavItem("overview", _("Overview"), "strategy:process.overview", order=0))
        register_nav(NavItem("vision", _("Vision"), "strategy:vision.detail", order=50))
        register_nav(NavItem("steering", _("Steering group"), "strategy:steering.list", order=60))
        register_nav(NavItem("orgunits", _("Institutions"), "strategy:orgunit.list", order=80))
        register_nav(
            NavItem("members", _("Members and roles"), "strategy:member.list", "manage", 90)
        )
        register_nav(NavItem("settings", _("Settings"), "strategy:process.edit", "manage", 95))
