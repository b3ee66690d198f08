from django.db.backends.sqlite3 import base
from django.db.backends.sqlite3.operations import DatabaseOperations as SQLiteOperations

from tests.db.flush import FlushPastAuditTriggers


class DatabaseOperations(FlushPastAuditTriggers, SQLiteOperations):
    pass


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
