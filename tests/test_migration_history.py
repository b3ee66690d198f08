"""Every migration from the first release's schema runs without losing data: a fresh database is migrated to each
app's initial migrations (the schema as the first release made it, whatever the migrations became since), every model
of that schema is filled with rows made from its fields, then the database is migrated forward to today; every row
is still there, and every column that still exists holds what it held.

The first schema is the migrations' own, not a checkout of an old commit: it needs no history in the clone, and a
new migration is covered the day it is written."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_audit_migration import fresh_database  # noqa: F401 (a fixture: a server's own empty database)

pytestmark = pytest.mark.django_db(transaction=True)
REPO = Path(__file__).resolve().parent.parent

SCRIPT = """
import json, os
os.environ["DJANGO_SETTINGS_MODULE"] = "hoinghi.settings"
import django
django.setup()
from django.apps import apps as today
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from tests import migration_filler

ours = {config.label for config in today.get_app_configs() if config.name.startswith("hoinghi.")}
loader = MigrationLoader(connection)
# Each app's initial migrations (makemigrations splits an app's first schema in two when apps name each other),
# and what they need (another app's second one, at times), in the order they depend on one another.
first = sorted(key for key, migration in loader.graph.nodes.items() if key[0] in ours and migration.initial)
plan = []
for key in first:
    plan += [node for node in loader.graph.forwards_plan(key) if node not in plan]
executor = MigrationExecutor(connection)
executor.migrate(first, plan=[(executor.loader.graph.nodes[key], False) for key in plan])
loader = MigrationLoader(connection)
old = loader.project_state(nodes=sorted(loader.applied_migrations), at_end=True).apps
refused = migration_filler.fill(old, ours)
before = migration_filler.tables(old, ours)
call_command("migrate", verbosity=0)
after = {table: migration_filler.rows(table) for table in before if table in connection.introspection.table_names()}
print(json.dumps({"first": first, "refused": refused, "before": before, "after": after}))
"""


def test_data_of_the_first_release_survives_every_migration(fresh_database):  # noqa: F811
    done = subprocess.run([sys.executable, "-c", SCRIPT], env=fresh_database, cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-5000:]
    result = json.loads(done.stdout.splitlines()[-1])
    assert len(result["first"]) >= 8 and {app for app, _name in result["first"]} >= {"core", "meetings"}
    assert not result["refused"], result["refused"]
    lost, changed = [], []
    for table, rows in result["before"].items():
        assert rows, f"{table} was not filled"
        if table not in result["after"]:
            lost.append(f"{table}: the table is gone with its {len(rows)} rows")
            continue
        now = result["after"][table]
        lost += [f"{table} row {key}" for key in rows if key not in now]
        for key, row in rows.items():
            for column, cell in row.items():
                kept = now.get(key, {}).get(column, cell)
                if kept != cell:
                    changed.append(f"{table} row {key} {column}: {cell!r} became {kept!r}")
    assert not lost, lost
    assert not changed, changed[:20]
    print(f"migrations from the first release: {len(result['before'])} tables filled, all rows kept")
