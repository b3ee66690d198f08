"""The office defines resolutions here: their solution groups and targets, who reports each target, and the
milestones. Figures are not edited here: they are reported, corrected and approved through the services.

A target's definition, once figures measure it, changes only through "Change the target's definition", which
keeps the date and the reason; every save here also goes to the audit log.
"""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from hoinghi.core import audit

from . import rules
from .models import Milestone, Resolution, SolutionGroup, Target


class TargetForm(forms.ModelForm):
    """The indicator is fixed once figures measure it: a new wording is a definition change, with date and reason."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        target = self.instance
        if target.resolution_id and "group" in self.fields:
            self.fields["group"].queryset = SolutionGroup.objects.filter(resolution_id=target.resolution_id)
        if target.pk and "indicator" in self.fields and target.figures.exists():
            self.fields["indicator"].disabled = True
            self.fields["indicator"].help_text = format_html(
                '{} <a href="{}">{}</a>',
                _("Figures measure this definition already:"),
                reverse("targets:revise", args=[target.pk]),
                _("change the target's definition"),
            )

    def clean(self):
        cleaned = super().clean()
        resolution, group = cleaned.get("resolution"), cleaned.get("group")
        if group and resolution and group.resolution_id != resolution.pk:
            self.add_error("group", _("This solution group belongs to another resolution."))
        if cleaned.get("kind") == rules.RANK and cleaned.get("direction") != rules.AT_MOST:
            self.add_error("direction", _("A rank is better when lower: its direction is “at most”."))
        return cleaned


def _record(request, obj, created: bool, fields: list[str]) -> None:
    verb = f"{obj._meta.model_name}.{'create' if created else 'update'}"
    audit.record(request.user, verb, obj, fields=fields)


class AuditedAdmin(admin.ModelAdmin):
    """Each save goes to the audit log: the fields changed, and the kinds of lines added, changed or removed."""

    audits_saves = True  # hoinghi.core.admin_audit records the deletions

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        fields = list(form.changed_data)
        for formset in formsets:
            if formset.new_objects or formset.changed_objects or formset.deleted_objects:
                fields.append(formset.model._meta.model_name)
            # Targets added or edited in a resolution's page are recorded as targets, like on their own page.
            if formset.model is Target:
                for target in formset.new_objects:
                    _record(request, target, True, [])
                for target, changed in formset.changed_objects:
                    _record(request, target, False, changed)
        if fields or not change:
            _record(request, form.instance, not change, fields)


class SolutionGroupInline(admin.TabularInline):
    model = SolutionGroup
    extra = 0


class TargetInline(admin.StackedInline):
    model = Target
    form = TargetForm
    extra = 0
    fields = [
        ("order", "group"),
        "indicator",
        ("unit", "kind", "direction"),
        ("scope_level", "frequency"),
        ("rollup", "weight_name"),
    ]
    show_change_link = True  # the reporting organizations, baseline and milestones are set on the target's page


@admin.register(Resolution)
class ResolutionAdmin(AuditedAdmin):
    list_display = ["number", "title", "body", "issued_on", "period_start", "period_end"]
    list_filter = ["body"]
    search_fields = ["number", "title"]
    date_hierarchy = "issued_on"
    autocomplete_fields = ["body"]
    raw_id_fields = ["meeting", "conclusion"]
    exclude = ["created_by"]
    inlines = [SolutionGroupInline, TargetInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 1


@admin.register(Target)
class TargetAdmin(AuditedAdmin):
    form = TargetForm
    list_display = ["indicator", "resolution", "unit", "kind", "scope_level", "frequency", "rollup"]
    list_filter = ["resolution", "kind", "scope_level", "frequency"]
    search_fields = ["indicator", "resolution__number"]
    list_select_related = ["resolution"]
    filter_horizontal = ["reporters"]
    inlines = [MilestoneInline]
