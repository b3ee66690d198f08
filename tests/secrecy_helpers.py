"""What the secrecy tests read as an attacker would: every log record, every row, the ballots they look for."""

import json
import logging

from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError, connection

from tests.voting_helpers import subject_ids


class Records(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.texts = []

    def emit(self, record):
        self.texts.append(f"{record.getMessage()} {vars(record)!r}")


def logged(settings):
    """Every log record of the test at DEBUG, SQL statements with their parameters included (a fixture's body)."""
    settings.DEBUG = True
    records = Records()
    loggers = [logging.getLogger(name) for name in ("", "django", "django.db.backends", "django.request")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
    logging.getLogger().addHandler(records)
    yield records.texts
    logging.getLogger().removeHandler(records)
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)


def ballot_of(poll, n: int) -> dict:
    """The n-th voter's ballot: n in binary, one candidate per bit, so each ballot is recognisable."""
    return {s: "yes" if n >> bit & 1 else "no" for bit, s in enumerate(subject_ids(poll))}


def spellings(ballot: dict) -> list[str]:
    """How a ballot would read in a column, a log or a request body, its subjects in either order (ids compared as
    text put "100" before "99")."""
    orders = [ballot, dict(sorted(ballot.items())), dict(sorted(ballot.items(), key=lambda item: int(item[0])))]
    found = []
    for ordered in orders:
        form = "&".join(f"s{s}={option}" for s, option in ordered.items())
        found += [json.dumps(ordered), json.dumps(ordered, separators=(",", ":")), str(ordered), form]
    return list(dict.fromkeys(found))


def text_of(value) -> str:
    if isinstance(value, memoryview | bytes):
        return bytes(value).decode(errors="replace")
    return str(value)


def whole_database() -> dict[str, list[list[str]]]:
    """Every row of every table as text, with the storage columns an administrator can read too."""
    extra = "rowid, " if connection.vendor == "sqlite" else "xmin, ctid, "
    tables = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            try:
                cursor.execute(f'SELECT {extra}* FROM "{table}"')
            except OperationalError:  # an SQLite table WITHOUT ROWID (the full-text index's own): its rows alone
                cursor.execute(f'SELECT * FROM "{table}"')
            tables[table] = [[text_of(v) for v in row] for row in cursor.fetchall()]
    # Session data is encoded: read it decoded, as the server can.
    tables["django_session (decoded)"] = [
        [json.dumps(SessionStore().decode(row[-2]), default=str)] for row in tables["django_session"]
    ]
    return tables
