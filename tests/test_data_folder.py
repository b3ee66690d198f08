"""The data folder is the server's user's alone: a fresh install's database, its write-ahead log, the secret key,
uploads and the writers' lock are created closed to every other user of the machine."""

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SERVER = """
import django
django.setup()
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from hoinghi.core.db import serialized_writes
from hoinghi.directory.models import Organization

call_command("migrate", verbosity=0)
with serialized_writes(), transaction.atomic():
    Organization.objects.create(name="Tỉnh ủy", kind="party")
default_storage.save("papers/to-trinh.pdf", ContentFile(b"%PDF-1.4 a paper"))
# While the database is open, its write-ahead log and shared memory are there too (SQLite removes them at the end).
import json, os, stat
from django.conf import settings
print(json.dumps({
    path.relative_to(settings.DATA_DIR).as_posix(): stat.S_IMODE(path.stat().st_mode)
    for path in settings.DATA_DIR.rglob("*")
}))
"""


def test_a_fresh_data_folder_is_readable_by_the_servers_user_only(tmp_path):
    data = tmp_path / "data"
    environment = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY")}
    environment |= {"HOINGHI_DATA_DIR": str(data), "DJANGO_SETTINGS_MODULE": "hoinghi.settings"}
    # Started with a lax umask, as a shell may leave it: the server must not rely on it.
    server = subprocess.run(
        [sys.executable, "-c", f"import os; os.umask(0o022); exec({SERVER!r})"],
        cwd=ROOT,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    )
    made = json.loads(server.stdout.splitlines()[-1])
    made |= {path.relative_to(data).as_posix(): stat.S_IMODE(path.stat().st_mode) for path in data.rglob("*")}
    names = ("secret_key", "hoinghi.sqlite3", "hoinghi.sqlite3-wal", "hoinghi.sqlite3-shm", "hoinghi.sqlite3.writer")
    for name in (*names, "files/papers"):
        assert name in made, sorted(made)
    assert any(name.startswith("files/papers/to-trinh") for name in made)
    opened_to_others = {name: oct(mode) for name, mode in made.items() if mode & 0o077}
    assert opened_to_others == {}
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
