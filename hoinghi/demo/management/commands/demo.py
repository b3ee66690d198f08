"""`hoinghi demo`: migrate, load the demo data, print the logins, then serve with the task worker."""

import logging
import os
import signal
import subprocess
import sys
import threading

import uvicorn
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connections
from django.utils.translation import gettext as _

from hoinghi.demo.loader import Summary, load_demo
from hoinghi.directives.tasks import send_reminders
from hoinghi.directory.models import User

logger = logging.getLogger(__name__)
HOST = "127.0.0.1"
WORKER_STOP_SECONDS = 10
DAY_SECONDS = 24 * 60 * 60


def remind_daily(stop: threading.Event) -> None:
    """Queue the deadline reminders now and every day until `stop` is set (run in a thread of its own).

    django-tasks has no periodic tasks; production runs `hoinghi send_reminders` from cron instead.
    """
    while True:
        try:
            send_reminders.enqueue()
        except DatabaseError:
            logger.warning("could not queue the reminders; trying again tomorrow", exc_info=True)
        finally:
            # A day is long: hold no database connection while waiting.
            connections.close_all()
        if stop.wait(DAY_SECONDS):
            return


def _exit_on_signal(number, frame) -> None:
    raise SystemExit(128 + number)


class Command(BaseCommand):
    help = "Load the demo meetings and accounts, print the logins and serve the product on 127.0.0.1."

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="Load the data and print the logins, then stop.")
        parser.add_argument("--port", type=int, default=8000, help="Port to serve on (default 8000).")

    def handle(self, *args, no_serve: bool, port: int, **options):
        # Demo accounts log in only in demo mode; loading them elsewhere would only add dead accounts.
        if not settings.DEMO_MODE:
            raise CommandError(_("Demo mode is off: start the demo with `hoinghi demo`."))
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        # Loading writes a thousand audit events (a head every hundred goes to the log besides its file) and reads
        # its papers' text through the task queue: their log lines would push the logins off the first screen.
        quiet = [logging.getLogger(name) for name in ("hoinghi.audit", "django_tasks")]
        levels = [logger.level for logger in quiet]
        for logger in quiet:
            logger.setLevel(logging.WARNING)
        try:
            summary = load_demo()
        finally:
            for logger, level in zip(quiet, levels, strict=True):
                logger.setLevel(level)
        url = f"http://{HOST}:{port}"
        self._print(summary, url)
        if not no_serve:
            self._serve(port)

    def _print(self, summary: Summary, url: str) -> None:
        if summary.loaded:
            self.stdout.write(_("Demo data loaded: %(count)s meetings.") % {"count": summary.meetings})
        else:
            self.stdout.write(_("Demo data already present: %(count)s meetings.") % {"count": summary.meetings})
        rows = [(_("Role"), _("Username"), _("Password"))]
        rows += [(self._role(login), login.username, login.password) for login in summary.logins]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        for row in rows:
            self.stdout.write("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
        self.stdout.write(_("Open %(url)s and log in with one of these accounts.") % {"url": url})
        self.stdout.write(
            _(
                "To try the secret vote of the upcoming meeting: the chair starts the meeting, two of the counting "
                "board get their phones ready, the chair opens the vote, the members vote in their own browsers."
            )
        )
        self.stdout.write(_("The passwords change every time the demo starts."))
        self.stdout.flush()  # before the worker and the server write to the same terminal

    @staticmethod
    def _role(login) -> str:
        role = str(User.Role(login.role).label)
        if login.board == "head":
            return _("%(role)s, head of the counting board") % {"role": role}
        if login.board:
            return _("%(role)s, counting board") % {"role": role}
        return role

    def _serve(self, port: int) -> None:
        # Text extraction of uploaded papers and the reminders run in the database task queue: its worker
        # lives as long as the server, and the reminders it sends link to this server.
        env = {"HOINGHI_SITE_URL": f"http://{HOST}:{port}"} | os.environ
        worker = subprocess.Popen([sys.executable, "-m", "django", "db_worker"], env=env)
        stop = threading.Event()
        threading.Thread(target=remind_daily, args=(stop,), name="reminders", daemon=True).start()
        # uvicorn stops on SIGTERM, then raises the signal again with the handler it found: with Python's default
        # one the process would end on the spot and leave the worker running; this one unwinds to `finally`.
        signal.signal(signal.SIGTERM, _exit_on_signal)
        try:
            uvicorn.run("hoinghi.asgi:application", host=HOST, port=port)
        finally:
            stop.set()
            worker.terminate()
            try:
                worker.wait(timeout=WORKER_STOP_SECONDS)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
