"""Tokens are created with `manage.py create_api_token` (the key is shown once); the admin
lists them and revokes them."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from api import services
from api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "created_by", "created_at", "last_used_at", "revoked"]
    list_filter = ["revoked", "organisation"]
    search_fields = ["name", "organisation__name"]
    readonly_fields = ["organisation", "name", "created_by", "created_at", "last_used_at"]
    fields = [*readonly_fields, "revoked"]
    actions = ["revoke"]

    def has_add_permission(self, request) -> bool:
        return False

    def get_readonly_fields(self, request, obj=None):
        # A revoked token stays revoked: a new one is created instead.
        if obj is not None and obj.revoked:
            return [*self.readonly_fields, "revoked"]
        return self.readonly_fields

    def save_model(self, request, obj, form, change) -> None:
        if "revoked" in form.changed_data and obj.revoked:
            services.token_revoke(token=obj)

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset) -> None:
        tokens = list(queryset.filter(revoked=False))
        for token in tokens:
            services.token_revoke(token=token)
        message = ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", len(tokens)) % {
            "count": len(tokens)
        }
        self.message_user(request, message, messages.SUCCESS)
