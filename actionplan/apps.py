from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionplanConfig(AppConfig):
    name = "actionplan"
    verbose_name = _("Action plan")

    def ready(self) -> None:
        from actionplan.models import Initiative
        from actionplan.selectors import unmet_phase1_prerequisite_count
        from strategy.overview import Counter, NavItem, register_counter, register_nav

        register_nav(
            NavItem("plan", lambda process: process.plan_label_display, "actionplan:plan", order=45)
        )
        register_nav(NavItem("investment", _("Investment"), "actionplan:investment", order=46))
        register_nav(NavItem("budget", _("Budget"), "actionplan:budget", order=47))
        register_counter(
            Counter(
                "initiatives",
                _("Initiatives"),
                lambda process: Initiative.objects.filter(process=process).count(),
                "actionplan:plan",
                order=60,
            )
        )
        # A warning on the overview: prerequisites of Fase 1 initiatives that are not met.
        register_counter(
            Counter(
                "unmet_prerequisites",
                _("Unmet prerequisites (Phase 1)"),
                unmet_phase1_prerequisite_count,
                "actionplan:prerequisite.list",
                order=70,
            )
        )
