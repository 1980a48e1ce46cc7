from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from actionplan.models import (
    ComplianceException,
    CostLine,
    Dependency,
    DeviceCategory,
    DeviceModel,
    DevicePlanItem,
    DevicePlanSettings,
    Initiative,
    InventoryItem,
    ITGuideline,
    Milestone,
    NeedRule,
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


# --- Investment basis and budget (issue 6) ------------------------------------------------------
# Generated cost lines are read-only here: they change through the device plan's regeneration.


class NeedRuleInline(admin.TabularInline):
    model = NeedRule
    extra = 0


@admin.register(DeviceCategory)
class DeviceCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "position"]
    list_filter = ["organisation"]
    inlines = [NeedRuleInline]


@admin.register(DeviceModel)
class DeviceModelAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "category",
        "unit_price",
        "accessories_price",
        "lifetime_years",
        "active",
    ]
    list_filter = ["organisation", "category", "active", "child_facing"]
    list_select_related = ["category"]
    search_fields = ["name", "framework_agreement"]


@admin.register(ITGuideline)
class ITGuidelineAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "organisation", "active", "position"]
    list_filter = ["organisation", "kind", "active"]


@admin.register(InventoryItem)
class InventoryItemAdmin(admin.ModelAdmin):
    list_display = ["model_name", "org_unit", "category", "quantity", "os_support_until"]
    list_filter = ["organisation", "category"]
    list_select_related = ["org_unit", "category"]
    raw_id_fields = ["org_unit"]


@admin.register(ComplianceException)
class ComplianceExceptionAdmin(admin.ModelAdmin):
    list_display = ["device_model", "process", "granted_by", "granted_at"]
    list_select_related = ["device_model", "process", "granted_by"]
    raw_id_fields = ["process", "device_model", "granted_by"]


@admin.register(DevicePlanSettings)
class DevicePlanSettingsAdmin(admin.ModelAdmin):
    list_display = [
        "process",
        "setup_initiative",
        "operations_initiative",
        "replacement_initiative",
    ]
    raw_id_fields = [
        "process",
        "setup_initiative",
        "operations_initiative",
        "replacement_initiative",
    ]


@admin.register(DevicePlanItem)
class DevicePlanItemAdmin(SimpleHistoryAdmin):
    list_display = ["category", "device_model", "initiative", "purchase_year", "process"]
    list_select_related = ["category", "device_model", "initiative__theme", "process"]
    raw_id_fields = ["process", "category", "device_model", "initiative"]


@admin.register(CostLine)
class CostLineAdmin(SimpleHistoryAdmin):
    list_display = ["label", "initiative", "kind", "recurrence", "financing", "generated"]
    list_filter = ["kind", "recurrence", "financing", "generated"]
    list_select_related = ["initiative__theme"]
    search_fields = ["label"]
    raw_id_fields = ["process", "initiative", "plan_item"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.generated:
            return [field.name for field in CostLine._meta.fields]
        return ["generated", "plan_item", "element"]
