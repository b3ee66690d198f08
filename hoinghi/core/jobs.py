"""Background jobs the worker was stopped in the middle of.

django-tasks marks a job RUNNING when a worker takes it, and the worker marks it done or failed: a worker killed
in between (stopped by the system, out of memory, the machine restarted) leaves it RUNNING for ever. When a worker
starts (`hoinghi db_worker`, hoinghi.core.management.commands.db_worker) such jobs are put back in the queue if
their task is safe to run twice (`@retry_safe`), and marked failed otherwise, with the reason.

A RUNNING job is stale when the worker that took it is gone: a process of this machine that no longer exists
(worker ids are "host:pid"), or a job started longer ago than any job runs.
"""

import datetime
import os
import socket

from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

RETRY_SAFE: set[str] = set()
# Longer than any job runs (a paper's work is bounded by its limits, a few minutes at most).
STALE_AFTER = datetime.timedelta(hours=1)
MAX_ATTEMPTS = 3  # a job that stopped its worker this often is not tried again


class StaleJob(Exception):
    """The worker running the job stopped before it ended."""


def retry_safe(task):
    """Mark a task as safe to run again after its worker stopped in the middle of it."""
    RETRY_SAFE.add(task.module_path)
    return task


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[-64:]


def _gone(worker: str, started_at, now) -> bool:
    host, _, pid = worker.rpartition(":")
    if host == socket.gethostname() and pid.isdigit():
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            pass  # alive, another user's
    return started_at is None or now - started_at > STALE_AFTER


@transaction.atomic
def recover_stale() -> tuple[int, int]:
    """Put back in the queue the stale jobs of retry-safe tasks, mark the others failed; (retried, failed)."""
    now = timezone.now()
    retried = failed = 0
    for job in DBTaskResult.objects.running().select_for_update():
        if not _gone(job.worker_ids[-1] if job.worker_ids else "", job.started_at, now):
            continue
        if job.task_path in RETRY_SAFE and len(job.worker_ids) < MAX_ATTEMPTS:
            job.status, job.started_at = TaskResultStatus.READY, None
            job.save(update_fields=["status", "started_at"])
            retried += 1
        else:
            job.set_failed(StaleJob(f"the worker {job.worker_ids[-1:]} stopped while running it"))
            failed += 1
    return retried, failed
