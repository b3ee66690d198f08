"""Reads of the read-mostly pages (settings.REPLICA_VIEWS) from a PostgreSQL streaming replica, when there is one.

Only those pages read from it, and only the records they count and list: accounts, memberships, sessions and the
audit log are always read from the primary, so a seat taken away or a session ended is seen at once. Everything
else, every write, and every read after a write in the same request, goes to the primary.

A person who wrote is sent a cookie with the primary's write position (its WAL LSN) after his request; his next
read-mostly page reads the replica only once the replica has replayed that far, and the primary until then: he
sees his own write, and the others see it once the replica has it (usually within milliseconds).
"""

import contextvars
import re
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import DatabaseError, connections

REPLICA = "replica"
COOKIE = "hoinghi_wrote_at"
COOKIE_SECONDS = 600  # a replica that is minutes behind is broken; the pages then read the primary
LSN = re.compile(r"^[0-9A-F]{1,8}/[0-9A-F]{1,8}$")
# Who may see what is read where it is decided: on the primary.
PRIMARY_ONLY = {"directory", "auth", "sessions", "contenttypes", "core", "otp_totp", "otp_static", "axes"}
# Writes that change nothing a read-mostly page shows (a session refreshed, a sign-in counted).
UNSEEN_WRITES = {"sessions", "axes"}


@dataclass
class Route:
    replica: bool = False
    wrote: bool = False


_route: contextvars.ContextVar[Route | None] = contextvars.ContextVar("hoinghi_replica_route", default=None)


@contextmanager
def request_route():
    """The routing of one request: reads go to the primary unless the route is set to the replica."""
    route = Route()
    token = _route.set(route)
    try:
        yield route
    finally:
        _route.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        route = _route.get()
        if route and route.replica and not route.wrote and model._meta.app_label not in PRIMARY_ONLY:
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        route = _route.get()
        if route and model._meta.app_label not in UNSEEN_WRITES:
            route.wrote = True
        return None

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, two copies of it

    def allow_migrate(self, db, app_label, **hints):
        return db != REPLICA


def caught_up(position: str) -> bool:
    """Has the replica replayed the primary's WAL up to `position`? False when it cannot say (it is down)."""
    try:
        with connections[REPLICA].cursor() as cursor:
            cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [position])
            return bool(cursor.fetchone()[0])
    except DatabaseError:
        return False


def write_position() -> str:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        return cursor.fetchone()[0]


class ReplicaMiddleware:
    """Decides, per request, whether its read-mostly page reads the replica; after a write, sets the cookie."""

    def __init__(self, get_response):
        if REPLICA not in settings.DATABASES:
            raise MiddlewareNotUsed
        self.get_response = get_response
        self.views = set(settings.REPLICA_VIEWS)

    def __call__(self, request):
        with request_route() as route:
            response = self.get_response(request)
            if route.wrote:
                response.set_cookie(
                    COOKIE,
                    write_position(),
                    max_age=COOKIE_SECONDS,
                    secure=settings.SESSION_COOKIE_SECURE,
                    httponly=True,
                    samesite="Lax",
                )
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method not in ("GET", "HEAD") or request.resolver_match.view_name not in self.views:
            return None
        position = request.COOKIES.get(COOKIE, "")
        _route.get().replica = not LSN.match(position) or caught_up(position)
        return None
