"""The directory in the Django admin. Every change made here is audited (hoinghi.core.admin_audit); so are a
password set by an administrator and the reset of an account's second factor."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from hoinghi.core import audit

from . import sessions, two_factor
from .models import Body, Membership, Organization, Person, Position, Term, User

# An authenticator's secret is no administrator's to read or copy: only the reset below touches devices.
for device_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(device_model):
        admin.site.unregister(device_model)


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "level", "parent"]
    list_filter = ["kind", "level"]
    search_fields = ["name", "short_name"]
    autocomplete_fields = ["parent"]


class TermInline(admin.TabularInline):
    model = Term
    extra = 0


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "organization__name"]
    inlines = [TermInline]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["__str__", "body", "ordinal", "start", "end"]
    list_filter = ["body"]
    search_fields = ["body__name", "ordinal"]
    inlines = [MembershipInline]


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    autocomplete_fields = ["organization"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name"]
    search_fields = ["full_name", "name_key"]
    inlines = [PositionInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["person", "term", "role", "start", "end"]
    list_filter = ["term__body", "role"]
    search_fields = ["person__full_name"]
    autocomplete_fields = ["person", "term"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "person", "role", "organization", "is_active", "is_demo"]
    list_filter = ["role", "is_active", "is_demo"]
    autocomplete_fields = ["person", "organization"]
    fieldsets = BaseUserAdmin.fieldsets + (
        (_("Hội nghị số"), {"fields": ("role", "person", "organization", "is_demo")}),
    )
    actions = ["reset_two_factor"]

    @admin.action(description=_("Reset two-factor sign-in"), permissions=["change"])
    def reset_two_factor(self, request, queryset):
        """A lost phone: the devices go, the account's sessions end, and its next sign-in sets up a new app."""
        for user in queryset:
            with transaction.atomic():
                removed = two_factor.remove(user)
                ended = sessions.end_sessions(user)
                audit.record(request.user, "account.two_factor_reset", user, devices=removed, sessions=ended)
        count = len(queryset)
        message = ngettext(
            "Two-factor sign-in reset for %(count)d account: it sets up a new app at its next sign-in.",
            "Two-factor sign-in reset for %(count)d accounts: each sets up a new app at its next sign-in.",
            count,
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    def user_change_password(self, request, id, form_url=""):
        with transaction.atomic():
            before = User.objects.filter(pk=unquote(id)).values_list("password", flat=True).first()
            response = super().user_change_password(request, id, form_url)
            user = User.objects.filter(pk=unquote(id)).first()
            if user is not None and user.password != before:
                # Its sessions end by themselves: they carry a hash of the old password.
                audit.record(request.user, "account.password_reset", user, usable=user.has_usable_password())
        return response
