"""Writing audit events into the hash chain, its head, and the field-by-field history of edited records.

Appends are serialised so that concurrent writers (several server processes) make one chain: on PostgreSQL a
transaction-level advisory lock, on SQLite the write lock its IMMEDIATE transactions take at BEGIN. The lock is
held until the writer's transaction ends, since the next event must follow this one as committed.
"""

import json
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone

from . import audit_heads, chain
from .models import AuditEvent

CHAIN_LOCK = 0x686F696E  # "hoin": the advisory lock key of the audit chain on PostgreSQL


@dataclass(frozen=True)
class Subject:
    """What an event is about when it is not a saved record: an account tried by name, a refused address."""

    type: str
    id: str
    repr: str


def object_label(obj: models.Model) -> str:
    return obj._meta.label_lower


def subject_of(obj) -> Subject:
    if isinstance(obj, Subject):
        return obj
    return Subject(object_label(obj), str(obj.pk), str(obj))


def actor_fields(actor) -> dict:
    if not getattr(actor, "pk", None):
        return {"actor_id": None, "actor_username": "", "actor_name": ""}
    person = getattr(actor, "person", None)
    name = str(person) if person else (actor.get_full_name() or actor.get_username())
    return {"actor_id": actor.pk, "actor_username": actor.get_username(), "actor_name": name[:255]}


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])


def record(actor, verb: str, obj, **detail) -> AuditEvent:
    """Append one event. Callers run it inside the transaction of the change it records."""
    subject, who = subject_of(obj), actor_fields(actor)
    with transaction.atomic():
        _lock_chain()
        last = AuditEvent.objects.order_by("-seq").values_list("seq", "hash", "at").first()
        seq, prev_hash, prev_at = (last[0] + 1, last[1], last[2]) if last else (1, chain.GENESIS, None)
        now = timezone.now()
        event = AuditEvent(
            seq=seq,
            prev_hash=prev_hash,
            # Never before the event it follows, even if the clock was set back.
            at=max(now, prev_at) if prev_at else now,
            verb=verb,
            object_type=subject.type,
            object_id=subject.id[:64],
            object_repr=subject.repr[:255],
            # As the database will give it back (JSON's types only), since that is what will be verified.
            detail=json.loads(json.dumps(detail)),
            **who,
        )
        event.hash = chain.event_hash({name: getattr(event, name) for name in chain.FIELDS})
        event.save(force_insert=True)
    if seq % settings.AUDIT_HEAD_EVERY == 0:
        transaction.on_commit(lambda: audit_heads.publish(seq, event.hash, event.at, "every"))
    return event


def head() -> AuditEvent | None:
    """The last event of the chain."""
    return AuditEvent.objects.order_by("-seq").first()


def issue_head(reason: str) -> str:
    """The chain head printed on a document issued now, as its verification code; the head is also written
    outside the database once the issuing transaction commits. Before any event: an empty code."""
    last = head()
    if last is None:
        return ""
    transaction.on_commit(lambda: audit_heads.publish(last.seq, last.hash, last.at, reason))
    return chain.verification_code(last.seq, last.hash)


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


def plain(value):
    """A form or model value as the log keeps it: records and querysets by name, dates as ISO text."""
    if isinstance(value, models.QuerySet | list | tuple | set):
        return sorted(str(_plain(item)) for item in value)
    return _plain(value)


def diff(before: dict, after: dict) -> dict:
    """{field: [old, new]} for the fields whose value changed."""
    return {k: [before.get(k), after[k]] for k in after if before.get(k) != after[k]}


def history(obj: models.Model):
    return AuditEvent.objects.filter(object_type=object_label(obj), object_id=str(obj.pk))
