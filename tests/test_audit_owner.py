"""On PostgreSQL the audit table belongs to its own role (hoinghi/core/sql/audit_owner.sql): the application's role,
whose credentials the server holds, may read and add events and nothing else."""

import io

import pytest
from django.core.management import call_command
from django.db import ProgrammingError, connection, transaction

from hoinghi.core import audit
from hoinghi.core.audit import Subject

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite has no roles: whoever opens the file may change it; there the chain and the heads written "
        "outside the database are the defence (tests/test_audit_log.py)",
    ),
]

REFUSED = {
    "update": "UPDATE core_auditevent SET actor_username = 'someone'",
    "delete": "DELETE FROM core_auditevent",
    "truncate": "TRUNCATE core_auditevent",
    "old purge flag": "SET LOCAL hoinghi.audit_purge = 'on'; TRUNCATE core_auditevent",
    "alter": "ALTER TABLE core_auditevent ADD COLUMN note text",
    "disable triggers": "ALTER TABLE core_auditevent DISABLE TRIGGER ALL",
    "drop trigger": "DROP TRIGGER core_auditevent_no_change ON core_auditevent",
    "replace the trigger's function": "CREATE OR REPLACE FUNCTION core_auditevent_refuse() RETURNS trigger AS "
    "$$ BEGIN RETURN NEW; END $$ LANGUAGE plpgsql",
    "add a trigger": "CREATE TRIGGER rewrite BEFORE INSERT ON core_auditevent FOR EACH ROW EXECUTE FUNCTION "
    "suppress_redundant_updates_trigger()",
    "drop the table": "DROP TABLE core_auditevent",
    "rename the table": "ALTER TABLE core_auditevent RENAME TO old_audit",
    "lock rows to change them": "SELECT id FROM core_auditevent FOR UPDATE",
    "grant itself": "GRANT UPDATE ON core_auditevent TO CURRENT_USER; UPDATE core_auditevent SET verb = 'x'",
    "move the sequence": "SELECT setval(pg_get_serial_sequence('core_auditevent', 'id'), 1)",
}


@pytest.mark.parametrize("statement", REFUSED.values(), ids=REFUSED.keys())
def test_the_application_role_may_not(world, statement):
    audit.record(world.users["office"], "document.open", Subject("meetings.document", "1", "Tờ trình"))
    with pytest.raises(ProgrammingError) as refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert refused.value.__cause__.sqlstate == "42501", refused.value  # insufficient_privilege


def test_the_application_role_reads_and_adds(world):
    event = audit.record(world.users["office"], "document.open", Subject("meetings.document", "1", "Tờ trình"))
    assert audit.head().pk == event.pk


def test_migrate_still_runs_when_the_role_may_not_alter_the_table():
    """Every deployment runs `hoinghi migrate` again: it must not try to alter the table it no longer owns."""
    call_command("migrate", verbosity=0, stdout=io.StringIO())
    with connection.cursor() as cursor:
        cursor.execute("SELECT tableowner FROM pg_tables WHERE tablename = 'core_auditevent'")
        assert cursor.fetchone() == ("hoinghi_audit",)
