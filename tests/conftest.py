import datetime

import pytest
from django.db.backends.base.operations import BaseDatabaseOperations

from hoinghi.core.db import allow_audit_purge

_execute_sql_flush = BaseDatabaseOperations.execute_sql_flush


def _flush_past_audit_triggers(self, sql_list):
    """Transactional tests empty the database between tests: let that pass the audit triggers.

    Only the flush is let through; any other DELETE of an audit event still fails.
    """
    allow_audit_purge(True)
    try:
        if self.connection.vendor == "postgresql":
            sql_list = ["SET LOCAL hoinghi.audit_purge = 'on'", *sql_list]
        return _execute_sql_flush(self, sql_list)
    finally:
        allow_audit_purge(False)


BaseDatabaseOperations.execute_sql_flush = _flush_past_audit_triggers


@pytest.fixture
def world(db):
    from tests.factories import build_world

    return build_world()


@pytest.fixture
def today():
    return datetime.date.today()


@pytest.fixture
def english_messages(settings, tmp_path):
    """Uploads go to the test's own folder; the services' messages are read as written in the code (English)."""
    from django.utils import translation

    settings.MEDIA_ROOT = tmp_path
    with translation.override("en"):
        yield


@pytest.fixture
def english(settings, tmp_path):
    """Uploads go to the test's own folder; the pages are served in English."""
    settings.MEDIA_ROOT = tmp_path
    settings.LANGUAGE_CODE = "en"
