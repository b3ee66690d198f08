import datetime

import pytest


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


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database as production has it: on PostgreSQL the audit table belongs to its own role and the
    application's role may only read and add to it (hoinghi/core/sql/audit_owner.sql, run as a superuser)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        from tests.dba import hand_audit_log_to_its_owner

        with django_db_blocker.unblock():
            hand_audit_log_to_its_owner()


@pytest.fixture(autouse=True)
def audit_heads_file(settings, tmp_path):
    """Each test writes the chain heads to a file of its own: a head written for events its rollback undoes must
    not meet another test's verification."""
    settings.AUDIT_HEADS_FILE = tmp_path / "audit-heads.log"
    return settings.AUDIT_HEADS_FILE
