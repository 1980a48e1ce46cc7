from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkshopsConfig(AppConfig):
    name = "workshops"
    verbose_name = _("Workshops")

    def ready(self) -> None:
        from strategy.models import StrategicTheme
        from strategy.overview import Counter, NavItem, register_counter, register_nav
        from workshops.models import Insight, Interview, Participant, Workshop

        register_nav(
            NavItem(
                "themes",
                lambda process: process.theme_label_plural,
                "workshops:theme.list",
                order=10,
            )
        )
        register_nav(NavItem("interviews", _("Interviews"), "workshops:interview.list", order=20))
        register_nav(NavItem("rounds", _("Votes"), "workshops:round.list", order=35))
        register_nav(NavItem("workshops", _("Workshops"), "workshops:workshop.list", order=30))
        register_nav(
            NavItem("participants", _("Participants"), "workshops:participant.list", "edit", 40)
        )
        register_counter(
            Counter(
                "participants",
                _("Participants"),
                lambda process: Participant.objects.filter(
                    process=process, active=True, joined_via_code__isnull=True
                ).count(),
                None,
                order=10,
            )
        )
        register_counter(
            Counter(
                "themes",
                _("Strategic themes"),
                lambda process: (
                    StrategicTheme.objects.filter(process=process).exclude(status="merged").count()
                ),
                "workshops:theme.list",
                order=20,
            )
        )
        register_counter(
            Counter(
                "interviews",
                _("Interviews"),
                lambda process: Interview.objects.filter(process=process).count(),
                "workshops:interview.list",
                order=30,
            )
        )
        register_counter(
            Counter(
                "workshops",
                _("Workshops"),
                lambda process: Workshop.objects.filter(process=process).count(),
                "workshops:workshop.list",
                order=40,
            )
        )
        register_counter(
            Counter(
                "insights",
                _("Insights"),
                lambda process: Insight.objects.filter(process=process).count(),
                None,
                order=50,
            )
        )
