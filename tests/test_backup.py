"""`hoinghi backup` and `hoinghi restore` as an operator runs them, between two machines of their own (a data folder
and a database each): the round trip gives back every row and every file byte for byte, the audit chain verifies
against the heads written before the backup, and on PostgreSQL the audit table belongs to its own role again. A
restore refuses a database that is not empty, and an archive that was altered, before changing anything."""

import hashlib
import io
import json
import os
import stat
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from django.core.management import load_command_class
from django.db import connection
from django.utils import translation

from tests.dba import AUDIT_OWNER_SQL, dba_url

pytestmark = pytest.mark.django_db(transaction=True)
REPO = Path(__file__).resolve().parent.parent
HOINGHI = Path(sys.executable).parent / "hoinghi"

FILL = """
import os
os.environ["DJANGO_SETTINGS_MODULE"] = "hoinghi.settings"
import django
django.setup()
from hoinghi.core import audit
from tests import confidential_world
from tests.factories import build_world

room = confidential_world.build(build_world())
audit.record(room.world.users["office"], "document.open", audit.Subject("meetings.document", "1", "Tờ trình (Mật)"))
"""


class Machine:
    """A server's environment: its own data folder and its own, empty, database."""

    def __init__(self, folder: Path, name: str):
        self.data = folder / name
        self.env = {
            **os.environ,
            "HOINGHI_DATA_DIR": str(self.data),
            "HOINGHI_TASK_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "HOINGHI_AUDIT_HEAD_EVERY": "1000000",  # heads only when asked: none past the backup
        }
        self.env.pop("DATABASE_URL", None)
        self.database = None
        if connection.vendor == "postgresql":
            s = connection.settings_dict
            self.database = f"{s['NAME']}_{name}"
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{self.database}"')
                cursor.execute(f'CREATE DATABASE "{self.database}"')
            self.env["DATABASE_URL"] = f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT']}/{self.database}"

    def run(self, *args, check=True) -> subprocess.CompletedProcess:
        done = subprocess.run([str(HOINGHI), *args], env=self.env, cwd=REPO, capture_output=True, text=True)
        assert not check or done.returncode == 0, done.stderr
        return done

    def python(self, script: str) -> str:
        done = subprocess.run([sys.executable, "-c", script], env=self.env, cwd=REPO, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def as_dba(self):
        return psycopg.connect(dba_url(), dbname=self.database, autocommit=True)

    def as_app(self):
        return psycopg.connect(self.env["DATABASE_URL"], autocommit=True)

    def migrate(self) -> None:
        """As docs/deployment.md says: migrate, then on PostgreSQL the audit table to its own role."""
        self.run("migrate", "-v0")
        if self.database:
            with self.as_dba() as db:
                db.execute(AUDIT_OWNER_SQL.read_text())

    def rows(self) -> list[dict]:
        """Every row of every model, the backups' own audit events aside."""
        dumped = json.loads(self.run("dumpdata", "--indent=0").stdout)
        return [row for row in dumped if not str(row["fields"].get("verb", "")).startswith("backup.")]

    def files(self) -> dict[str, str]:
        return {
            str(path.relative_to(self.data)): hashlib.sha256(path.read_bytes()).hexdigest()
            for tree in ("files", "pages")
            for path in sorted((self.data / tree).rglob("*"))
            if path.is_file()
        }

    def tables(self) -> int:
        if self.database is None:
            import sqlite3

            with sqlite3.connect(self.data / "hoinghi.sqlite3") as db:
                return db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
        with self.as_app() as db:
            return db.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()[0]

    def drop(self) -> None:
        if self.database:
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')


@pytest.fixture
def machines(tmp_path):
    made = []

    def machine(name: str) -> Machine:
        made.append(Machine(tmp_path, name))
        return made[-1]

    yield machine
    for each in made:
        each.drop()


@dataclass
class Backup:
    source: Machine
    archive: Path
    said: str
    rows: list[dict]
    files: dict[str, str]
    heads: int


@pytest.fixture(scope="module")
def made(tmp_path_factory, django_db_setup, django_db_blocker):
    """A running site's data (the confidential world's meeting, papers, drawn pages, polls and audit events, a file
    under a Vietnamese name, a head of the chain written outside the database) and its backup, made once."""
    folder = tmp_path_factory.mktemp("backup")
    with django_db_blocker.unblock():
        source = Machine(folder, "source")
        try:
            source.migrate()
            source.python(FILL)
            (source.data / "files" / "tài liệu").mkdir(parents=True, exist_ok=True)
            (source.data / "files" / "tài liệu" / "Tờ trình số 1.docx").write_bytes(os.urandom(70_000))
            source.run("audit", "head")
            archive = folder / "backup.tar.gz"
            said = source.run("backup", str(archive)).stdout
            heads = len((source.data / "audit-heads.log").read_text().splitlines())
            yield Backup(source, archive, said, source.rows(), source.files(), heads)
        finally:
            source.drop()


def restore_args(machine: Machine, *extra: str) -> list[str]:
    return [*extra, f"--dba-url={dba_url()}"] if machine.database else list(extra)


def test_a_backup_restores_into_an_empty_machine_as_it_was(made, machines):
    assert "mã hóa" in made.said and str(made.archive) in made.said
    assert stat.S_IMODE(made.archive.stat().st_mode) == 0o600
    assert not list(made.archive.parent.glob("*.partial")) and not list(made.archive.parent.glob(".hoinghi-backup-*"))
    assert any(name.startswith("pages/") for name in made.files) and len(made.files) > 3

    target = machines("target")
    said = target.run("restore", str(made.archive), *restore_args(target)).stdout
    assert "Đã khôi phục bản sao lưu" in said and "đối chiếu mã băm" in said

    assert target.rows() == made.rows
    assert target.files() == made.files
    for path in (target.data / "files", target.data / "pages"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o700
    # The chain verifies, and reaches every head written outside the database before the backup.
    target.env["HOINGHI_AUDIT_HEADS"] = str(made.source.data / "audit-heads.log")
    assert f"khớp {made.heads} mốc" in target.run("audit", "verify").stdout
    if target.database:
        with target.as_dba() as db:
            owner = db.execute("SELECT tableowner FROM pg_tables WHERE tablename = 'core_auditevent'").fetchone()
        assert owner == ("hoinghi_audit",)
        with target.as_app() as db, pytest.raises(psycopg.errors.InsufficientPrivilege):
            db.execute("DELETE FROM core_auditevent")


def test_a_restore_refuses_a_machine_in_use_unless_told_to_replace_it(made, machines):
    target = machines("target")
    target.migrate()
    (target.data / "files").mkdir(exist_ok=True)
    (target.data / "files" / "other.pdf").write_bytes(b"%PDF-1.4 other")
    tables = target.tables()

    refused = target.run("restore", str(made.archive), check=False)
    assert refused.returncode == 1 and "--replace" in refused.stderr
    assert target.tables() == tables and (target.data / "files" / "other.pdf").exists()

    target.run("restore", str(made.archive), *restore_args(target, "--replace"))
    assert target.rows() == made.rows
    assert target.files() == made.files


def altered(archive: Path, into: Path, member_prefix: str) -> Path:
    """The archive again with one byte of the first member under `member_prefix` changed, its manifest unchanged."""
    with tarfile.open(archive, "r:gz") as old, tarfile.open(into, "w:gz") as new:
        changed = False
        for member in old:
            data = old.extractfile(member).read()
            if not changed and member.name.startswith(member_prefix):
                data, changed = data[:-1] + bytes([data[-1] ^ 1]), True
            new.addfile(member, io.BytesIO(data))
    assert changed
    return into


@pytest.mark.parametrize("member", ["database.", "files/", "pages/"])
def test_an_altered_archive_is_refused_before_anything_changes(made, machines, tmp_path, member):
    target = machines("target")
    refused = target.run("restore", str(altered(made.archive, tmp_path / "altered.tar.gz", member)), check=False)
    assert refused.returncode == 1 and "bị hỏng hoặc bị sửa đổi" in refused.stderr and member in refused.stderr
    assert target.tables() == 0 and not target.files()
    assert not list(target.data.glob(".restore-*"))


def test_a_file_that_is_not_a_backup_is_named_as_such(machines, tmp_path):
    target = machines("target")
    for name, content in [("empty.tar.gz", b""), ("notes.txt", "Biên bản".encode()), ("half.tar.gz", None)]:
        path = tmp_path / name
        if content is None:
            buffer = io.BytesIO()
            with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
                tar.addfile(tarfile.TarInfo("database.sqlite3"), io.BytesIO(b""))
            content = buffer.getvalue()
        path.write_bytes(content)
        refused = target.run("restore", str(path), check=False)
        assert refused.returncode == 1 and "không phải bản sao lưu của Hội nghị số" in refused.stderr, name


@pytest.mark.parametrize("name", ["backup", "restore"])
def test_the_commands_explain_themselves_in_vietnamese(name):
    command = load_command_class("hoinghi.core", name)
    with translation.override("vi"):
        assert "sao lưu" in command.create_parser("hoinghi", name).format_help()
    with translation.override("en"):
        assert "archive" in command.create_parser("hoinghi", name).format_help()
