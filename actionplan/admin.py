from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from actionplan.models import (
    Dependency,
    Initiative,
    Milestone,
    Prerequisite,
    Risk,
    StatusUpdate,
    SuccessCriterion,
)


class SuccessCriterionInline(admin.TabularInline):
    model = SuccessCriterion
    extra = 0


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


class DependencyInline(admin.TabularInline):
    model = Dependency
    fk_name = "initiative"
    extra = 0
    raw_id_fields = ["depends_on"]


@admin.register(Initiative)
class InitiativeAdmin(SimpleHistoryAdmin):
    """Status and traffic light are read-only: they change through the services only."""

    list_display = ["title", "theme", "position", "process", "phase", "status", "traffic_light"]
    list_filter = ["phase", "status", "traffic_light", "in_budget_request"]
    list_select_related = ["theme", "process"]
    search_fields = ["title", "owner"]
    readonly_fields = ["status", "traffic_light"]
    raw_id_fields = ["process", "theme", "insights"]
    inlines = [SuccessCriterionInline, MilestoneInline, DependencyInline]


@admin.register(Prerequisite)
class PrerequisiteAdmin(SimpleHistoryAdmin):
    list_display = ["description", "category", "status", "process", "initiative"]
    list_filter = ["category", "status"]
    list_select_related = ["process", "initiative__theme"]
    raw_id_fields = ["process", "initiative"]


@admin.register(Risk)
class RiskAdmin(SimpleHistoryAdmin):
    list_display = ["description", "likelihood", "impact", "process", "initiative"]
    list_select_related = ["process", "initiative__theme"]
    raw_id_fields = ["process", "initiative"]


@admin.register(StatusUpdate)
class StatusUpdateAdmin(admin.ModelAdmin):
    list_display = ["initiative", "date", "status", "traffic_light"]
    list_select_related = ["initiative__theme"]
    raw_id_fields = ["initiative", "author"]
