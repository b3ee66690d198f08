"""Per-connection set-up for SQLite: WAL mode and the diacritic fold; serialized writes; plain reads for the hottest
path."""

import datetime
import fcntl
import threading
from contextlib import contextmanager
from pathlib import Path

from django.db import connections, router
from django.db.backends.signals import connection_created
from django.dispatch import receiver

from .text import fold


@receiver(connection_created)
def register_functions(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        # WAL is a property of the file: switching to it takes a lock, so only when it is not yet on.
        cursor = connection.connection.execute("PRAGMA journal_mode")
        if cursor.fetchone()[0] != "wal":
            connection.connection.execute("PRAGMA journal_mode=WAL")
        connection.connection.create_function("hoinghi_fold", 1, fold, deterministic=True)


_sqlite_writer = threading.Lock()


@contextmanager
def serialized_writes(using: str = "default"):
    """On SQLite, one writer at a time, queued here: the threads of this process on a lock, then the server's
    processes on an advisory lock on a file beside the database.

    SQLite already lets one writer in; but a writer that finds the file locked sleeps in growing steps
    and retries, so under a burst (a whole room casting at once) one process could write batch after batch
    while the other slept, and some waits timed out. Queued here, a writer starts the moment the one before
    it has finished. Other databases need nothing here.
    """
    connection = connections[using]
    if connection.vendor != "sqlite":
        yield
        return
    with _sqlite_writer, _file_lock(connection.settings_dict["NAME"]):
        yield


@contextmanager
def _file_lock(database: str):
    path = Path(str(database))
    if not path.is_absolute():  # an in-memory database is this process's own
        yield
        return
    with open(path.with_name(path.name + ".writer"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # waits in the kernel, without holding the interpreter
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def plain_select(model, columns: str, where: str, params: list, *, lock: bool = False) -> list[tuple]:
    """`SELECT columns FROM <model's table> WHERE where`, as written, rows as the driver gives them; with `lock`,
    the rows locked for the transaction where the database locks rows (SQLite locks the whole file at a write).

    For the few statements made for every one of a whole room's casts: building the ORM's query takes ten times as
    long as the database takes to answer it. `columns` and `where` name columns; values go only in `params`.
    """
    connection = connections[router.db_for_write(model) if lock else router.db_for_read(model)]
    locking = " FOR UPDATE" if lock and connection.features.has_select_for_update else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns} FROM {table(connection, model)} WHERE {where}{locking}", adapted(connection, params)
        )
        return cursor.fetchall()


def plain_update(model, assignments: str, where: str, params: list) -> int:
    """`UPDATE <model's table> SET assignments WHERE where`, as written (see plain_select); the rows changed."""
    connection = connections[router.db_for_write(model)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table(connection, model)} SET {assignments} WHERE {where}", adapted(connection, params)
        )
        return cursor.rowcount


def table(connection, model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def adapted(connection, params: list) -> list:
    adapt = connection.ops.adapt_datetimefield_value
    return [adapt(value) if isinstance(value, datetime.datetime) else value for value in params]
