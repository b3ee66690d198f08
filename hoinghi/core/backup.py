"""Backups: the database and the data folder's files (uploaded papers in `files/`, pages drawn in `pages/`) in one
archive, and its restore into an empty machine.

The archive is a gzip'd tar: the database copy (hoinghi.core.backup_db), the files, and last `manifest.json`, which
names every member with its size and SHA-256, the database's kind and the migrations its schema had. It holds
confidential papers, so it is created readable by the server's user only, and appears under its name only once
complete. The database is copied first and the files after it, so every file the copy names is in the archive
(files are only added while the server runs; one uploaded during the backup is extra, never missing).

A restore reads the manifest, refuses a database or data folder that is not empty (unless told to replace them),
unpacks every file beside the data folder and checks its checksum before anything is replaced; then the database is
restored in one step and the folders swapped in. Not kept: the secret key and the audit log's heads file, which are
by design kept away from the database (docs/deployment.md).
"""

import hashlib
import io
import json
import os
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

from . import audit, backup_db
from .backup_db import BackupError

FORMAT = "hoinghi-backup"
VERSION = 1
MANIFEST = "manifest.json"
CHUNK = 1 << 20


def trees() -> dict[str, Path]:
    """The data folder's parts a backup holds, by their folder in the archive."""
    return {"files": Path(settings.MEDIA_ROOT), "pages": Path(settings.PAGES_DIR)}


@dataclass
class Summary:
    made_at: str
    vendor: str
    database_bytes: int
    files: dict[str, int] = field(default_factory=dict)  # per tree
    file_bytes: int = 0
    archive_bytes: int = 0
    migrations: dict[str, list[str]] = field(default_factory=dict)


class Hashing:
    """A file read through to tarfile, counted and hashed on the way."""

    def __init__(self, file):
        self.file, self.sha, self.size = file, hashlib.sha256(), 0

    def read(self, size: int = -1) -> bytes:
        data = self.file.read(size)
        self.sha.update(data)
        self.size += len(data)
        return data


def stored_files(root: Path):
    """Every regular file under `root`, by its path relative to it, in a stable order; links are not followed."""
    if not root.is_dir():
        return
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(names):
            path = Path(folder, name)
            if path.is_file() and not path.is_symlink():
                yield path, path.relative_to(root).as_posix()


def applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def add(tar: tarfile.TarFile, path: Path, name: str, members: dict) -> None:
    with path.open("rb") as file:  # opened first: a file removed after the listing fails here, before any byte
        status = os.fstat(file.fileno())
        info = tarfile.TarInfo(name)
        info.size, info.mtime, info.mode = status.st_size, int(status.st_mtime), 0o600
        reader = Hashing(file)
        tar.addfile(info, reader)
    members[name] = {"size": reader.size, "sha256": reader.sha.hexdigest()}


def write(path: Path) -> Summary:
    """Write the archive at `path` (a new file, 0600), and record who may now hold a copy in the audit log."""
    path = Path(path)
    if path.exists():
        raise BackupError(_("%(path)s already exists: name a new file.") % {"path": path})
    if not isinstance(default_storage, FileSystemStorage):
        # The uploaded files are elsewhere (S3-compatible storage): an archive without them would look whole.
        raise BackupError(
            _(
                "Uploaded files are kept on shared storage (%(where)s), which this command does not copy. Back up the"
                " bucket with its own versioning or replication, and the database with PostgreSQL's tools."
            )
            % {"where": getattr(default_storage, "bucket_name", type(default_storage).__name__)}
        )
    summary = Summary(timezone.now().isoformat(), backup_db.vendor(), 0, migrations=applied_migrations())
    partial = path.with_name(path.name + ".partial")
    members: dict[str, dict] = {}
    try:
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz", compresslevel=6) as tar:
            with tempfile.TemporaryDirectory(dir=path.parent, prefix=".hoinghi-backup-") as work:
                dump = backup_db.dump(Path(work))
                add(tar, dump, dump.name, members)
            summary.database_bytes = members[dump.name]["size"]
            for tree, root in trees().items():
                for file, relative in stored_files(root):
                    try:
                        add(tar, file, f"{tree}/{relative}", members)
                    except FileNotFoundError:
                        continue  # removed while the backup ran (a paper's pages drawn again): nothing to keep
                    summary.files[tree] = summary.files.get(tree, 0) + 1
                    summary.file_bytes += members[f"{tree}/{relative}"]["size"]
            manifest = {
                "format": FORMAT,
                "version": VERSION,
                "made_at": summary.made_at,
                "database": {"vendor": summary.vendor, "member": dump.name},
                "migrations": summary.migrations,
                "members": members,
            }
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(data), int(timezone.now().timestamp()), 0o600
            tar.addfile(info, io.BytesIO(data))
        os.rename(partial, path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise BackupError(_("Could not write %(path)s: %(error)s") % {"path": path, "error": error.strerror}) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    summary.archive_bytes = path.stat().st_size
    audit.record(
        None,
        "backup.create",
        audit.Subject("backup", summary.made_at, path.name),
        files=sum(summary.files.values()),
        bytes=summary.archive_bytes,
    )
    return summary
