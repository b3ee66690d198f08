"""Per-connection set-up for SQLite: WAL mode, the diacritic fold and the audit purge flag."""

import threading

from django.db.backends.signals import connection_created
from django.dispatch import receiver

from .text import fold

_state = threading.local()


def audit_purge_allowed() -> bool:
    return getattr(_state, "purge", False)


def allow_audit_purge(value: bool) -> None:
    """Only the test suite calls this, to empty its database between tests."""
    _state.purge = value


@receiver(connection_created)
def register_functions(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        # WAL is a property of the file: switching to it takes a lock, so only when it is not yet on.
        cursor = connection.connection.execute("PRAGMA journal_mode")
        if cursor.fetchone()[0] != "wal":
            connection.connection.execute("PRAGMA journal_mode=WAL")
        connection.connection.create_function("hoinghi_fold", 1, fold, deterministic=True)
        connection.connection.create_function("hoinghi_audit_purge", 0, lambda: int(audit_purge_allowed()))


_sqlite_writer = threading.Lock()


def serialized_writes(using: str = "default"):
    """On SQLite, one writer at a time in this process, queued here in order.

    SQLite already lets one writer in; but a writer that finds the file locked sleeps in growing steps
    and retries, so under a burst (a whole room casting at once) waits grow long and some time out.
    Queueing on a Python lock first keeps each write short and fair. Other databases need nothing here.
    """
    from contextlib import nullcontext

    from django.db import connections

    return _sqlite_writer if connections[using].vendor == "sqlite" else nullcontext()
