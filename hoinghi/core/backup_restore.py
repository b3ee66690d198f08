"""Restoring a backup (hoinghi.core.backup): every check first, then the database in one step, then the folders.

Order matters for "nothing half-written": the manifest is read, the database's kind and schema checked against this
release, and emptiness checked; every member is unpacked into a folder beside the data folder and its checksum
compared; the database copy is checked by its own tool. Only then is the database replaced (one transaction, or
SQLite's backup API under its write lock), and last the file folders are swapped in by renaming.
"""

import hashlib
import json
import shutil
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.utils.translation import gettext as _

from . import audit, audit_verify, backup_db
from .backup import CHUNK, FORMAT, MANIFEST, VERSION, stored_files, trees
from .backup_db import BackupError


@dataclass
class Restored:
    made_at: str
    vendor: str
    files: dict[str, int]
    file_bytes: int
    audit_events: int
    audit_intact: bool
    heads_unreached: int
    audit_protected: bool
    pending_migrations: int


def read_manifest(path: Path) -> dict:
    not_a_backup = _("%(path)s is not a backup of Hội nghị số (%(error)s).")
    try:
        with tarfile.open(path, "r:gz") as tar:
            manifest = json.load(tar.extractfile(tar.getmember(MANIFEST)))
    except KeyError:
        raise BackupError(not_a_backup % {"path": path, "error": _("it has no manifest")}) from None
    except (OSError, EOFError, tarfile.TarError, ValueError) as error:
        raise BackupError(not_a_backup % {"path": path, "error": error}) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(not_a_backup % {"path": path, "error": _("its manifest is not one")})
    if manifest.get("version") != VERSION:
        raise BackupError(
            _("%(path)s is a backup of format %(version)s, which this release does not read.")
            % {"path": path, "version": manifest.get("version")}
        )
    return manifest


def check_compatible(manifest: dict) -> None:
    theirs, ours = manifest["database"]["vendor"], backup_db.vendor()
    if theirs != ours:
        raise BackupError(
            _("The backup is of a %(theirs)s database; this server uses %(ours)s: restore it on a %(theirs)s server.")
            % {"theirs": theirs, "ours": ours}
        )
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = [f"{app}.{name}" for app, names in manifest["migrations"].items() for name in names]
    unknown = [name for name in unknown if tuple(name.split(".", 1)) not in known]
    if unknown:
        raise BackupError(
            _(
                "The backup was made by a newer release (its schema has migrations this one lacks: %(names)s): "
                "install that release or a later one, then restore."
            )
            % {"names": ", ".join(unknown[:5])}
        )


def check_empty(replace: bool) -> None:
    tables = len(backup_db.tables())
    files = sum(1 for root in trees().values() for _file in stored_files(root))
    if (tables or files) and not replace:
        raise BackupError(
            _(
                "The database holds %(tables)d tables and the data folder %(files)d files: restore into an empty "
                "database and data folder, or replace what is there with --replace."
            )
            % {"tables": tables, "files": files}
        )


def allowed(name: str, manifest: dict) -> bool:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or name not in manifest["members"]:
        return False
    return name == manifest["database"]["member"] or (len(path.parts) > 1 and path.parts[0] in trees())


def unpack(path: Path, manifest: dict, staging: Path) -> None:
    """Every member into `staging`, each checked against its size and checksum in the manifest."""
    altered = _("The archive was damaged or altered (%(name)s): nothing was restored.")
    expected, seen = manifest["members"], set()
    try:
        with tarfile.open(path, "r:gz") as tar:
            for member in tar:
                if member.name == MANIFEST:
                    continue
                if not member.isfile() or member.name in seen or not allowed(member.name, manifest):
                    raise BackupError(altered % {"name": member.name})
                seen.add(member.name)
                target = staging / member.name
                target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                sha, size = hashlib.sha256(), 0
                with tar.extractfile(member) as source, target.open("xb") as out:
                    while data := source.read(CHUNK):
                        sha.update(data)
                        size += len(data)
                        out.write(data)
                if {"size": size, "sha256": sha.hexdigest()} != expected[member.name]:
                    raise BackupError(altered % {"name": member.name})
    except (OSError, EOFError, tarfile.TarError) as error:
        raise BackupError(altered % {"name": error}) from None
    if missing := sorted(set(expected) - seen):
        raise BackupError(altered % {"name": ", ".join(missing[:5])})


def swap_in(staging: Path) -> None:
    for tree, root in trees().items():
        if root.exists():
            shutil.move(root, staging / f"replaced-{tree}")
        new = staging / tree
        if new.exists():
            shutil.move(new, root)
        else:
            root.mkdir(mode=0o700, parents=True)


def pending_migrations() -> int:
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def restore(path: Path, *, replace: bool = False, dba_url: str | None = None) -> Restored:
    path = Path(path)
    manifest = read_manifest(path)
    check_compatible(manifest)
    check_empty(replace)
    staging = Path(tempfile.mkdtemp(dir=settings.DATA_DIR, prefix=".restore-"))
    try:
        unpack(path, manifest, staging)
        database = staging / manifest["database"]["member"]
        backup_db.check(database)
        backup_db.restore(database, replace=replace, dba_url=dba_url)
        swap_in(staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    files = {tree: sum(1 for name in manifest["members"] if name.startswith(f"{tree}/")) for tree in trees()}
    audit.record(
        None, "backup.restore", audit.Subject("backup", manifest["made_at"], path.name), files=sum(files.values())
    )
    report = audit_verify.verify()
    return Restored(
        made_at=manifest["made_at"],
        vendor=manifest["database"]["vendor"],
        files=files,
        file_bytes=sum(entry["size"] for name, entry in manifest["members"].items() if "/" in name),
        audit_events=report.events,
        audit_intact=report.problem is None,
        heads_unreached=len(report.unreached),
        audit_protected=backup_db.audit_protected(),
        pending_migrations=pending_migrations(),
    )
