import datetime
import os
import tempfile

import pytest

# Each test run gets its own data folder (uploads, secret key), never the developer's.
os.environ.setdefault("HOINGHI_DATA_DIR", tempfile.mkdtemp(prefix="hoinghi-test-"))
os.environ.setdefault("HOINGHI_TASK_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")


@pytest.fixture(autouse=True)
def _audit_purge_for_flush(monkeypatch):
    """Transactional tests empty the database between tests: let that pass the audit triggers.

    Only the flush is wrapped; any other DELETE of an audit event still fails.
    """
    from django.db import connections

    from hoinghi.core.db import allow_audit_purge

    for connection in connections.all(initialized_only=False):
        original = connection.ops.execute_sql_flush

        def flush(sql_list, _original=original, _connection=connection):
            allow_audit_purge(True)
            try:
                if _connection.vendor == "postgresql":
                    sql_list = ["SET LOCAL hoinghi.audit_purge = 'on'", *sql_list]
                return _original(sql_list)
            finally:
                allow_audit_purge(False)

        monkeypatch.setattr(connection.ops, "execute_sql_flush", flush)


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # The product hashes with PBKDF2; tests create many accounts and need not pay for it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    from tests.factories import build_world

    return build_world()


@pytest.fixture
def today():
    return datetime.date.today()
