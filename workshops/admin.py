from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from workshops.models import (
    BoardAction,
    Insight,
    InsightTheme,
    Interview,
    LinkInvitation,
    Participant,
    Workshop,
)


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["name", "process", "group", "org_unit", "active", "token_issued_at"]
    list_filter = ["process", "group", "active"]
    list_select_related = ["process", "org_unit"]
    search_fields = ["name", "email"]
    exclude = ["token_hash"]
    raw_id_fields = ["user", "org_unit", "joined_via_code"]


@admin.register(Interview)
class InterviewAdmin(SimpleHistoryAdmin):
    list_display = ["interviewee_name", "process", "kind", "date", "consent_to_quote"]
    list_filter = ["process", "kind", "consent_to_quote"]
    list_select_related = ["process"]
    search_fields = ["interviewee_name", "interviewee_organisation"]


@admin.register(Workshop)
class WorkshopAdmin(SimpleHistoryAdmin):
    list_display = ["title", "process", "date", "status", "join_code"]
    list_filter = ["process", "status"]
    list_select_related = ["process"]


class InsightThemeInline(admin.TabularInline):
    model = InsightTheme
    extra = 0
    raw_id_fields = ["theme", "via_merge", "created_by"]


@admin.register(Insight)
class InsightAdmin(admin.ModelAdmin):
    list_display = ["__str__", "process", "kind", "group", "workshop", "interview"]
    list_filter = ["process", "kind", "group"]
    list_select_related = ["process", "workshop", "interview"]
    search_fields = ["text"]
    raw_id_fields = ["participant", "duplicate_of", "workshop", "interview", "created_by"]
    inlines = [InsightThemeInline]


@admin.register(BoardAction)
class BoardActionAdmin(admin.ModelAdmin):
    list_display = ["workshop", "kind", "user", "created_at", "undone"]
    list_select_related = ["workshop", "user"]


@admin.register(LinkInvitation)
class LinkInvitationAdmin(admin.ModelAdmin):
    list_display = ["subject", "process"]
