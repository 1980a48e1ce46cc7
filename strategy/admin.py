from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from strategy.models import (
    Decision,
    Membership,
    Organisation,
    OrgUnit,
    PhaseDeliverable,
    ProcessPhase,
    SteeringMeeting,
    StrategicTheme,
    StrategyProcess,
    ThemeMerge,
    VisionRevision,
)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(OrgUnit)
class OrgUnitAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "organisation",
        "kind",
        "children_0_2",
        "children_3_5",
        "rooms",
        "fte",
        "active",
    ]
    list_filter = ["organisation", "kind", "active"]
    list_select_related = ["organisation"]
    search_fields = ["name"]


class PhaseInline(admin.TabularInline):
    model = ProcessPhase
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(StrategyProcess)
class StrategyProcessAdmin(SimpleHistoryAdmin):
    list_display = ["title", "organisation", "period_start", "period_end", "budget_year", "status"]
    list_filter = ["organisation", "status"]
    list_select_related = ["organisation"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [PhaseInline, MembershipInline]


class DeliverableInline(admin.TabularInline):
    model = PhaseDeliverable
    extra = 0


@admin.register(ProcessPhase)
class ProcessPhaseAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "process", "start_date", "end_date", "status"]
    list_filter = ["process", "status"]
    list_select_related = ["process"]
    inlines = [DeliverableInline]


@admin.register(PhaseDeliverable)
class PhaseDeliverableAdmin(SimpleHistoryAdmin):
    list_display = ["title", "phase", "done"]
    list_select_related = ["phase"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "process", "role", "title"]
    list_filter = ["process", "role"]
    list_select_related = ["user", "process"]
    autocomplete_fields = ["user"]


@admin.register(StrategicTheme)
class StrategicThemeAdmin(SimpleHistoryAdmin):
    list_display = ["title", "process", "status", "priority_rank"]
    list_filter = ["process", "status"]
    list_select_related = ["process"]
    search_fields = ["title"]


@admin.register(ThemeMerge)
class ThemeMergeAdmin(admin.ModelAdmin):
    list_display = ["source", "target", "merged_by", "merged_at"]
    list_select_related = ["source", "target", "merged_by"]


@admin.register(VisionRevision)
class VisionRevisionAdmin(admin.ModelAdmin):
    list_display = ["process", "number", "author", "created_at"]
    list_select_related = ["process", "author"]


@admin.register(SteeringMeeting)
class SteeringMeetingAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title", "process", "date"]
    list_select_related = ["process"]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "process", "date"]
    list_select_related = ["process", "meeting"]
    filter_horizontal = ["themes"]
