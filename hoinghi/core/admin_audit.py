"""Every change made in the Django admin goes to the audit log: who, which record, and each field's old and new
value (Django's LogEntry names the fields only, and lives in a table anyone with the database may rewrite).

`audit_every_admin` gives the audited behaviour to every model admin of the site, Django's and the libraries' too,
so that a model registered later is not forgotten.
"""

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction

from . import audit

# Never written to the log, even as a change: a password hash, a device's secret, a token.
SECRET_FIELDS = {"password", "key", "token", "bin_key", "session_key", "session_data"}


def _value(form_field, value):
    choices = getattr(form_field, "queryset", None)
    if choices is not None and value is not None and not isinstance(value, models.Model | list | models.QuerySet):
        # The form's initial value of a foreign key is its id: say which record it was.
        value = choices.filter(pk=value).first() or value
    return audit.plain(value)


def form_changes(form) -> dict:
    """{field: [old, new]} of a model form's changed fields; a password set is said, never written."""
    changes, opts = {}, form.instance._meta
    for name in form.changed_data:
        if name in {"password1", "password2", "usable_password"}:
            changes["password"] = ["", "*"]
            continue
        if name in SECRET_FIELDS:
            continue
        try:
            opts.get_field(name)
        except FieldDoesNotExist:  # a form-only field: not the record's
            continue
        field = form.fields[name]
        changes[name] = [_value(field, form.initial.get(name)), _value(field, form.cleaned_data.get(name))]
    return changes


class AuditedAdmin:
    """Mixed in before a ModelAdmin class: its saves and deletions (inlines included) are audited. A model admin
    that records its saves in its own words (`audits_saves = True`, the targets') keeps them; its deletions are
    recorded here."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not getattr(self, "audits_saves", False):
            audit.record(request.user, "admin.change" if change else "admin.add", obj, changes=form_changes(form))

    def save_formset(self, request, form, formset, change):
        if getattr(self, "audits_saves", False):
            return super().save_formset(request, form, formset, change)
        deleted = set(formset.deleted_forms)
        entries = []
        for inline in formset.forms:
            if inline in deleted and inline.instance.pk:
                entries.append((inline, "admin.delete", audit.subject_of(inline.instance), {}))
            elif inline not in deleted and inline.has_changed():
                verb = "admin.change" if inline.instance.pk else "admin.add"
                entries.append((inline, verb, None, form_changes(inline)))
        super().save_formset(request, form, formset, change)
        for inline, verb, subject, changes in entries:
            audit.record(request.user, verb, subject or inline.instance, changes=changes, within=str(form.instance))

    def delete_model(self, request, obj):
        audit.record(request.user, "admin.delete", obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                audit.record(request.user, "admin.delete", obj)
            super().delete_queryset(request, queryset)


def audit_every_admin(site) -> None:
    for model in apps.get_models():
        if not site.is_registered(model):
            continue
        model_admin = site.get_model_admin(model)
        if isinstance(model_admin, AuditedAdmin):
            continue
        audited = type(f"Audited{type(model_admin).__name__}", (AuditedAdmin, type(model_admin)), {})
        site.unregister(model)
        site.register(model, audited)
