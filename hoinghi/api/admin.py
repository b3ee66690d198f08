"""API keys in the admin site: an administrator sees every account's keys and revokes them (through the service,
so the revocation is in the audit log as the owner's is); a key is never made or edited there."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import services
from .models import AccessKey


@admin.register(AccessKey)
class AccessKeyAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["name", "prefix", "user__username"]
    fields = ["user", "name", "prefix", "created_at", "last_used_at", "revoked_at", "revoked_by"]
    readonly_fields = fields
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # a revoked key stays, for the log and its owner's page

    @admin.action(description=_("Revoke the selected keys"), permissions=["change"])
    def revoke(self, request, queryset):
        revoked = 0
        for key in queryset.filter(revoked_at=None):
            try:
                services.check_revoke_key(request.user, key)
                revoked += 1
            except ValidationError:
                continue  # revoked meanwhile
        self.message_user(request, _("%(count)d keys revoked.") % {"count": revoked}, messages.SUCCESS)
