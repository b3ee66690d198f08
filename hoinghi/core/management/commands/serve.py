"""`hoinghi serve`: the application in production mode, several uvicorn worker processes behind nginx.

ASGI, for the live streams (server-sent events); the worker processes share those through Redis. The command
refuses to start on a configuration production cannot run on (hoinghi.core.production, checked by `hoinghi` before
Django is set up), on an error of `check --deploy`, and on migrations not yet applied after an update.
"""

import os

import uvicorn
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils.translation import gettext as _

# Each worker process is single-threaded Python with its request threads (hoinghi.asgi): one per core.
DEFAULT_WORKERS = os.cpu_count() or 2
# Long enough for a request under way to finish, short enough that a restart does not wait for the live streams
# (the room screens reconnect by themselves).
GRACEFUL_SECONDS = 10


def host_and_port(bind: str) -> tuple[str, int]:
    host, _sep, port = bind.rpartition(":")
    if not host or not port.isdigit():
        raise CommandError(_("Expected HOST:PORT to listen on, got %(bind)s.") % {"bind": bind})
    return host.strip("[]"), int(port)


class Command(BaseCommand):
    help = "Serve the product in production mode: several uvicorn worker processes, behind nginx."
    requires_system_checks = []  # `check --deploy` is run below, with the deployment checks

    def add_arguments(self, parser):
        parser.add_argument(
            "--bind",
            default=os.environ.get("HOINGHI_BIND", "127.0.0.1:8000"),
            help="HOST:PORT to listen on, for nginx (default HOINGHI_BIND or 127.0.0.1:8000).",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("HOINGHI_WORKERS", DEFAULT_WORKERS)),
            help="Worker processes (default HOINGHI_WORKERS or one per core).",
        )

    def handle(self, *args, bind: str, workers: int, **options):
        host, port = host_and_port(bind)
        call_command("check", deploy=True, fail_level="ERROR")
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise CommandError(_("The database is not up to date: run `hoinghi migrate` first."))
        connection.close()  # the worker processes open their own
        uvicorn.run(
            "hoinghi.asgi:application",
            host=host,
            port=port,
            workers=workers,
            # The client's address (sign-in lock-out counts per address) from nginx's X-Forwarded-For, trusted only
            # from the proxy's own addresses.
            proxy_headers=True,
            forwarded_allow_ips=os.environ.get("HOINGHI_PROXY_ADDRESSES", "127.0.0.1,::1"),
            server_header=False,
            timeout_graceful_shutdown=GRACEFUL_SECONDS,
        )
