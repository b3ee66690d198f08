"""The database's administrator, for the tests that play him: on PostgreSQL a superuser connection to the test
database (HOINGHI_TEST_DBA_URL, by default the role hoinghi_dba/hoinghi_dba that .ci/run creates, on the host of
DATABASE_URL); on SQLite a plain connection to the file, with none of the product's set-up."""

import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection

import hoinghi.core

AUDIT_OWNER_SQL = Path(hoinghi.core.__file__).parent / "sql" / "audit_owner.sql"
SETUP = "CREATE ROLE hoinghi_dba LOGIN SUPERUSER PASSWORD 'hoinghi_dba'"


def dba_url() -> str:
    if url := os.environ.get("HOINGHI_TEST_DBA_URL"):
        return url
    host, port = connection.settings_dict["HOST"] or "127.0.0.1", connection.settings_dict["PORT"] or 5432
    return f"postgresql://hoinghi_dba:hoinghi_dba@{host}:{port}/"


@contextmanager
def as_dba():
    """A cursor of the administrator on the test database, each statement committed at once."""
    if connection.vendor == "sqlite":
        db = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None, timeout=20)
        try:
            yield db.cursor()
        finally:
            db.close()
        return
    import psycopg

    try:
        db = psycopg.connect(dba_url(), dbname=connection.settings_dict["NAME"], autocommit=True)
    except psycopg.OperationalError as error:
        pytest.fail(
            f"The tests play the database's administrator on PostgreSQL: set HOINGHI_TEST_DBA_URL to a superuser, or "
            f'create the default one: su postgres -c "psql -c \\"{SETUP}\\"" ({error})'
        )
    with db, db.cursor() as cursor:
        yield cursor


def hand_audit_log_to_its_owner() -> None:
    """What the deployment does after migrate (docs/deployment.md): the audit table to its own role."""
    with as_dba() as cursor:
        cursor.execute(AUDIT_OWNER_SQL.read_text())
