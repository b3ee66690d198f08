from django.db.backends.postgresql import base
from django.db.backends.postgresql.operations import DatabaseOperations as PostgreSQLOperations

from tests.db.flush import FlushPastAuditTriggers


class DatabaseOperations(FlushPastAuditTriggers, PostgreSQLOperations):
    pass


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
