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


@pytest.fixture(autouse=True)
def signed_in_with_both_factors(monkeypatch):
    """The test client's force_login stands for a whole sign-in: the password and, for the accounts that need it,
    the second factor (as hoinghi.directory.views.finish leaves the session). The sign-in itself is tested through
    its pages (tests/test_sign_in.py, and the browser tests, which compute real codes)."""
    from django.test import AsyncClient, Client

    from hoinghi.directory import two_factor

    force_login, aforce_login = Client.force_login, AsyncClient.aforce_login

    def verified(client):
        session = client.session
        session[two_factor.VERIFIED] = "test"
        session.save()

    def force(client, user, backend=None):
        force_login(client, user, backend)
        verified(client)

    async def aforce(client, user, backend=None):
        await aforce_login(client, user, backend)
        from asgiref.sync import sync_to_async

        await sync_to_async(verified)(client)

    monkeypatch.setattr(Client, "force_login", force)
    monkeypatch.setattr(AsyncClient, "aforce_login", aforce)
