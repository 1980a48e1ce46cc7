from django.contrib import admin

from reporting.models import BudgetRequestText


@admin.register(BudgetRequestText)
class BudgetRequestTextAdmin(admin.ModelAdmin):
    list_display = ["process", "committee", "updated_at"]
