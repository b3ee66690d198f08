"""The audit log becomes a hash chain (hoinghi.core.chain): each event gets its sequence number, the hash of the
event before it and its own; the actor is kept as id, user name and name, without a foreign key to the accounts;
the purge flag of the triggers is gone; and the table leaves Django's management (flush, later migrations).

Events written before are chained here in the order they were written (time, then id). On PostgreSQL, run
hoinghi/core/sql/audit_owner.sql as a superuser afterwards (docs/deployment.md).
"""

from django.conf import settings
from django.db import migrations, models

from hoinghi.core import chain

DROP = {
    "sqlite": [
        "DROP TRIGGER IF EXISTS core_auditevent_no_update",
        "DROP TRIGGER IF EXISTS core_auditevent_no_delete",
    ],
    "postgresql": [
        "DROP TRIGGER IF EXISTS core_auditevent_no_change ON core_auditevent",
        "DROP TRIGGER IF EXISTS core_auditevent_no_truncate ON core_auditevent",
    ],
}
CREATE = {
    "sqlite": [
        """CREATE TRIGGER core_auditevent_no_update BEFORE UPDATE ON core_auditevent
           BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
        """CREATE TRIGGER core_auditevent_no_delete BEFORE DELETE ON core_auditevent
           BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
    ],
    "postgresql": [
        """CREATE OR REPLACE FUNCTION core_auditevent_refuse() RETURNS trigger AS $$
           BEGIN RAISE EXCEPTION 'audit events are append-only'; END $$ LANGUAGE plpgsql""",
        """CREATE TRIGGER core_auditevent_no_change BEFORE UPDATE OR DELETE ON core_auditevent
           FOR EACH ROW EXECUTE FUNCTION core_auditevent_refuse()""",
        """CREATE TRIGGER core_auditevent_no_truncate BEFORE TRUNCATE ON core_auditevent
           FOR EACH STATEMENT EXECUTE FUNCTION core_auditevent_refuse()""",
    ],
}


def run(statements):
    def forwards(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return forwards


def chain_existing_events(apps, schema_editor):
    Event = apps.get_model("core", "AuditEvent")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    users = {}
    for user in User.objects.select_related("person"):
        name = user.person.full_name if user.person_id else f"{user.first_name} {user.last_name}".strip()
        users[user.pk] = (user.username, name or user.username)
    prev_hash, batch = chain.GENESIS, []
    for seq, event in enumerate(Event.objects.order_by("at", "id").iterator(chunk_size=1000), start=1):
        event.actor_username, event.actor_name = users.get(event.actor_id, ("", ""))
        event.seq, event.prev_hash = seq, prev_hash
        event.object_repr = event.object_repr[:255]
        fields = {name: getattr(event, name) for name in chain.FIELDS}
        event.hash = prev_hash = chain.event_hash(fields)
        batch.append(event)
        if len(batch) == 1000:
            Event.objects.bulk_update(batch, ["seq", "prev_hash", "hash", "actor_username", "actor_name"])
            batch = []
    Event.objects.bulk_update(batch, ["seq", "prev_hash", "hash", "actor_username", "actor_name"])


class Migration(migrations.Migration):
    dependencies = [("core", "0003_audit_append_only")]

    operations = [
        migrations.RunPython(run(DROP), migrations.RunPython.noop),
        migrations.AddField("auditevent", "seq", models.PositiveBigIntegerField(null=True, verbose_name="number")),
        migrations.AddField("auditevent", "prev_hash", models.CharField(default="", max_length=64)),
        migrations.AddField("auditevent", "hash", models.CharField(default="", max_length=64)),
        migrations.AddField(
            "auditevent", "actor_username", models.CharField(blank=True, max_length=150, verbose_name="user name")
        ),
        migrations.AddField(
            "auditevent", "actor_name", models.CharField(blank=True, max_length=255, verbose_name="actor")
        ),
        migrations.AlterField("auditevent", "at", models.DateTimeField(db_index=True, verbose_name="time")),
        migrations.RunPython(chain_existing_events, migrations.RunPython.noop),
        migrations.AlterField("auditevent", "seq", models.PositiveBigIntegerField(unique=True, verbose_name="number")),
        migrations.AlterField("auditevent", "prev_hash", models.CharField(max_length=64)),
        migrations.AlterField("auditevent", "hash", models.CharField(max_length=64)),
        # The actor's column stays; only its foreign key goes.
        migrations.AlterField(
            "auditevent",
            "actor",
            models.ForeignKey(
                db_constraint=False,
                null=True,
                on_delete=models.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="actor",
            ),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField("auditevent", "actor"),
                migrations.AddField(
                    "auditevent", "actor_id", models.BigIntegerField(db_index=True, null=True, verbose_name="actor")
                ),
            ]
        ),
        migrations.AlterModelOptions(
            "auditevent",
            options={
                "managed": False,
                "ordering": ["-seq"],
                "verbose_name": "audit event",
                "verbose_name_plural": "audit events",
            },
        ),
        migrations.RunPython(run(CREATE), migrations.RunPython.noop),
    ]
