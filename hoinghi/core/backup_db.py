"""The database's part of a backup: a consistent copy taken while the server runs, and its restore.

PostgreSQL is copied by its own tools (pg_dump in custom format, one snapshot, with the database URL's credentials)
and restored through psql in one transaction, so a failed restore leaves the database as it was. SQLite is copied
by its online backup API, which reads one consistent state of the file while writers go on, and restored by the
same API, which replaces the whole file under its write lock.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.db import connection
from django.utils.translation import gettext as _

AUDIT_TABLE = "core_auditevent"
AUDIT_OWNER = "hoinghi_audit"
AUDIT_OWNER_SQL = Path(__file__).parent / "sql" / "audit_owner.sql"
MEMBERS = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """A backup or a restore refused, with what to do, for the person at the console."""


def vendor() -> str:
    if connection.vendor not in MEMBERS:
        raise BackupError(_("Backups support PostgreSQL and SQLite, not %(vendor)s.") % {"vendor": connection.vendor})
    return connection.vendor


def member() -> str:
    return MEMBERS[vendor()]


def tables() -> list[str]:
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


def dump(folder: Path) -> Path:
    """The database copied into a file of `folder`, named as its archive member."""
    target = folder / member()
    if vendor() == "sqlite":
        source = sqlite3.connect(connection.settings_dict["NAME"], timeout=20)
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
        return target
    # Uncompressed: the archive around it is compressed once, as a whole.
    run(["pg_dump", "--format=custom", "--compress=0", f"--file={target}"], app_environment())
    return target


def check(file: Path) -> None:
    """Refuse a database copy its own tool cannot read, before anything is replaced."""
    if vendor() == "sqlite":
        try:
            db = sqlite3.connect(f"file:{file}?mode=ro", uri=True)
            try:
                result = db.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                db.close()
        except sqlite3.DatabaseError as error:
            result = str(error)
        if result != "ok":
            raise BackupError(_("The backup's database is damaged: %(error)s") % {"error": result})
        return
    run(["pg_restore", "--list", str(file)], app_environment())


def restore(file: Path, *, replace: bool, dba_url: str | None) -> None:
    connection.close()
    try:
        if vendor() == "sqlite":
            restore_sqlite(file)
        else:
            restore_postgresql(file, replace=replace, dba_url=dba_url)
    finally:
        connection.close()  # Django reads the restored database afresh


def restore_sqlite(file: Path) -> None:
    source = sqlite3.connect(f"file:{file}?mode=ro", uri=True)
    target = sqlite3.connect(connection.settings_dict["NAME"], timeout=20)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def audit_owner() -> str | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename = %s", [AUDIT_TABLE])
        row = cursor.fetchone()
    return row[0] if row else None


def audit_protected() -> bool:
    """On PostgreSQL, whether the audit table belongs to its own role (hoinghi/core/sql/audit_owner.sql)."""
    return vendor() != "postgresql" or audit_owner() == AUDIT_OWNER


def restore_postgresql(file: Path, *, replace: bool, dba_url: str | None) -> None:
    """One psql transaction: drop the old schema (with --replace), restore the dump as the application's role, and,
    with the administrator's URL, hand the audit table to its own role again, as after every migrate."""
    app = connection.settings_dict["USER"]
    if replace and dba_url is None and audit_owner() not in (None, app):
        raise BackupError(
            _(
                "The audit log's table belongs to %(owner)s, which the application's role cannot drop: replace the "
                "database with the administrator's URL (--dba-url)."
            )
            % {"owner": audit_owner()}
        )
    before, after = ["SET client_min_messages = warning;"], []
    if replace:
        owner = f" AUTHORIZATION {quoted(app)}" if dba_url else ""
        before += ["DROP SCHEMA public CASCADE;", f"CREATE SCHEMA public{owner};"]
    if dba_url:
        before.append(f"SET ROLE {quoted(app)};")
        after += ["RESET ROLE;", f"SET hoinghi.app_role = '{app.replace(chr(39), chr(39) * 2)}';"]
        after.append(AUDIT_OWNER_SQL.read_text())
    environment = dba_environment(dba_url) if dba_url else app_environment()
    psql = subprocess.Popen(
        ["psql", "--no-psqlrc", "--quiet", "--single-transaction", "-v", "ON_ERROR_STOP=1", "--file=-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=environment,
    )
    # No owners or rights from the dump: the objects are the application's, as `migrate` makes them.
    script = subprocess.Popen(
        ["pg_restore", "--no-owner", "--no-acl", f"--use-list={contents(file)}", "--file=-", str(file)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=app_environment(),
    )
    try:
        psql.stdin.write("\n".join(before).encode() + b"\n")
        shutil.copyfileobj(script.stdout, psql.stdin)
        psql.stdin.write(b"\n" + "\n".join(after).encode() + b"\n")
        psql.stdin.close()
    except BrokenPipeError:
        pass  # psql stopped at an error: it says which below
    script_error = script.stderr.read().decode(errors="replace")
    errors = psql.stderr.read().decode(errors="replace")
    if script.wait() or psql.wait():
        message = _("PostgreSQL refused the restore, nothing was changed: %(error)s")
        raise BackupError(message % {"error": (script_error or errors).strip()})


def contents(file: Path) -> Path:
    """The dump's table of contents without the comments on extensions (pg_trgm, unaccent): an extension the new
    database already has (from template1) belongs to the superuser who made it, and only he may comment on it."""
    listed = run(["pg_restore", "--list", str(file)], app_environment())
    kept = [line for line in listed.splitlines() if " COMMENT - EXTENSION " not in line]
    path = file.with_suffix(".list")
    path.write_text("\n".join(kept) + "\n")
    return path


def app_environment() -> dict:
    s = connection.settings_dict
    return environment(s["HOST"], s["PORT"], s["USER"], s["PASSWORD"], s["NAME"])


def dba_environment(url: str) -> dict:
    """The administrator's URL names its role and server; the database is always the application's."""
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql") or not parts.username:
        raise BackupError(
            _("The administrator's URL is not a PostgreSQL URL with a user name (postgres://USER:PASSWORD@HOST:PORT/).")
        )
    name = connection.settings_dict["NAME"]
    return environment(parts.hostname, parts.port, unquote(parts.username), unquote(parts.password or ""), name)


def environment(host, port, user, password, name) -> dict:
    # The password goes in the environment of the child, never on a command line others can read.
    values = {"PGHOST": host, "PGPORT": port, "PGUSER": user, "PGPASSWORD": password, "PGDATABASE": name}
    return {**os.environ, **{key: str(value) for key, value in values.items() if value not in (None, "")}}


def run(command: list[str], env: dict) -> str:
    if shutil.which(command[0]) is None:
        raise BackupError(_("%(tool)s is not installed (Debian: postgresql-client).") % {"tool": command[0]})
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode:
        raise BackupError(_("%(tool)s failed: %(error)s") % {"tool": command[0], "error": done.stderr.strip()})
    return done.stdout
