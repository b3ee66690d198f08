from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Body, Membership, Organization, Person, Position, Term, User


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
