"""Jobs queued once a day by `hoinghi worker` (settings.DAILY_TASKS), exactly once however many workers run.

django-tasks has no periodic tasks. Each worker looks every minute; the look and the queueing are one transaction
under a lock (PostgreSQL's advisory lock; on SQLite the write lock every transaction takes at BEGIN), and the job's
own row in the queue says whether today's run was queued already.
"""

import logging
import threading
import zlib

from django.conf import settings
from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult

from . import daily

logger = logging.getLogger(__name__)
LOOK_EVERY = 60  # seconds


def queue_if_due(task_path: str, at: str) -> bool:
    """Queue the task if its run of today is due and not queued yet; True when this call queued it."""
    now = timezone.localtime()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [zlib.crc32(task_path.encode())])
        last = DBTaskResult.objects.filter(task_path=task_path).order_by("-enqueued_at").first()
        last_queued = timezone.localtime(last.enqueued_at) if last else None
        if not daily.due(now, daily.parse_time(at), last_queued):
            return False
        import_string(task_path).enqueue()
    logger.info("queued today's %s", task_path)
    return True


def queue_due_jobs() -> None:
    for task_path, at in settings.DAILY_TASKS.items():
        try:
            queue_if_due(task_path, at)
        except DatabaseError:
            logger.warning("could not queue %s; looking again in a minute", task_path, exc_info=True)
        finally:
            connections.close_all()  # a minute is long: hold no connection while waiting


def run_daily(stop: threading.Event) -> None:
    """Look for due jobs now and every minute until `stop` is set (in a thread of its own)."""
    while True:
        queue_due_jobs()
        if stop.wait(LOOK_EVERY):
            return
