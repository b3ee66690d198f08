"""Per-connection SQL functions for SQLite: the diacritic fold and the audit purge flag."""

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
        connection.connection.create_function("hoinghi_fold", 1, fold, deterministic=True)
        connection.connection.create_function("hoinghi_audit_purge", 0, lambda: int(audit_purge_allowed()))
