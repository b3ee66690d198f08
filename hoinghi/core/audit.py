"""Writing audit events and the field-by-field history of edited records."""

from django.db import models

from .models import AuditEvent


def object_label(obj: models.Model) -> str:
    return obj._meta.label_lower


def record(actor, verb: str, obj: models.Model, **detail) -> AuditEvent:
    """Append one event. Callers run it inside the transaction of the change it records."""
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        verb=verb,
        object_type=object_label(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        detail=detail,
    )


def _plain(value):
    if isinstance(value, models.Model):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def snapshot(obj: models.Model, fields: list[str]) -> dict:
    """The values of `fields` (many-to-many fields as sorted lists of names), for diffing."""
    values = {}
    for name in fields:
        field = obj._meta.get_field(name)
        if field.many_to_many:
            values[name] = sorted(str(v) for v in getattr(obj, name).all()) if obj.pk else []
        else:
            values[name] = _plain(getattr(obj, name))
    return values


def diff(before: dict, after: dict) -> dict:
    """{field: [old, new]} for the fields whose value changed."""
    return {k: [before.get(k), after[k]] for k in after if before.get(k) != after[k]}


def history(obj: models.Model):
    return AuditEvent.objects.filter(object_type=object_label(obj), object_id=str(obj.pk)).select_related("actor")
