from django.contrib import admin

from reporting.models import ApprovalRequest, BudgetRequestText, StrategyVersion


@admin.register(BudgetRequestText)
class BudgetRequestTextAdmin(admin.ModelAdmin):
    list_display = ["process", "committee", "updated_at"]


@admin.register(ApprovalRequest)
class ApprovalRequestAdmin(admin.ModelAdmin):
    list_display = ["process", "submitted_at", "status", "decided_at"]
    readonly_fields = ["snapshot", "content_sha256"]


@admin.register(StrategyVersion)
class StrategyVersionAdmin(admin.ModelAdmin):
    """Read only: approved versions never change."""

    list_display = ["process", "number", "approved_at", "approved_by_name", "content_sha256"]
    exclude = ["pdf"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
