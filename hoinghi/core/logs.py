"""Logging filters."""

import logging


class WithoutStatementsOn(logging.Filter):
    """Drops Django's SQL debug records of statements that touch the given tables.

    With DEBUG on, Django logs every statement with its parameters: a secret ballot's would be written right after
    the voter-roll entry that names its voter, in a log that outlives the poll. Production runs with DEBUG off;
    this keeps a developer's log clean too.
    """

    def __init__(self, tables=()):
        super().__init__()
        self.tables = tuple(tables)

    def filter(self, record: logging.LogRecord) -> bool:
        statement = str(getattr(record, "sql", "") or "")
        return not any(table in statement for table in self.tables)


class WithoutRefusals(logging.Filter):
    """Drops Django's own record of a 403 (with its traceback): hoinghi.core.refusals has written it as one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        return getattr(record, "status_code", None) != 403
