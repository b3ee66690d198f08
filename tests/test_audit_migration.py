"""A database made before the chain keeps its audit events: the migration chains them in the order they were written,
with each actor's user name and name, and the log verifies."""

import json
import os
import subprocess
import sys

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)

SCRIPT = """
import json, os
os.environ["DJANGO_SETTINGS_MODULE"] = "hoinghi.settings"
import django
django.setup()
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

call_command("migrate", "core", "0003", verbosity=0)
old = MigrationExecutor(connection).loader.project_state(("core", "0003_audit_append_only")).apps
Person, User, Event = (old.get_model(*name) for name in (("directory", "Person"), ("directory", "User"), ("core", "AuditEvent")))
member = User.objects.create(username="member", password="!", person=Person.objects.create(full_name="Lê Thị Ủy"))
office = User.objects.create(username="vanphong", password="!", first_name="Văn", last_name="Phòng")
for n, actor in enumerate([member, office, None, member]):
    Event.objects.create(actor=actor, verb="document.open", object_type="meetings.document", object_id=str(n),
                         object_repr="Tờ trình", detail={"version": n, "share": 0.5, "big": 1e20})
call_command("migrate", verbosity=0)

from hoinghi.core import audit, audit_verify
from hoinghi.core.models import AuditEvent
audit.record(None, "after.migration", audit.Subject("test", "1", "after"))
report = audit_verify.verify()
rows = AuditEvent.objects.order_by("seq").values_list("seq", "actor_username", "actor_name", "object_id")
print(json.dumps({"intact": report.intact, "events": report.events, "rows": list(rows)}))
"""


@pytest.fixture
def fresh_database(tmp_path):
    """The environment of a server on a database of its own, empty."""
    env = {**os.environ, "HOINGHI_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    if connection.vendor == "sqlite":
        yield env
        return
    name = f"{connection.settings_dict['NAME']}_chain"
    s = connection.settings_dict
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield {**env, "DATABASE_URL": f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT']}/{name}"}
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def test_events_written_before_the_chain_are_chained_by_the_migration(fresh_database):
    done = subprocess.run([sys.executable, "-c", SCRIPT], env=fresh_database, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.splitlines()[-1])
    assert result["intact"] and result["events"] == 5
    assert result["rows"] == [
        [1, "member", "Lê Thị Ủy", "0"],
        [2, "vanphong", "Văn Phòng", "1"],
        [3, "", "", "2"],
        [4, "member", "Lê Thị Ủy", "3"],
        [5, "", "", "1"],
    ]
