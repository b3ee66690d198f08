"""The task worker killed with SIGKILL in the middle of a job: the next worker to start runs the job again.

A paper is uploaded; its text-reading job is queued in the database. The test holds a lock on the paper's version
row, so the job, once taken, waits at its last write: the worker is then certainly in the middle of it, and is
killed. The job is left RUNNING by a process that no longer exists; a worker started afterwards (as systemd's
Restart= starts it) puts it back in the queue and runs it to the end (hoinghi.core.jobs).
"""

import time

import psycopg
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from hoinghi.meetings import documents
from hoinghi.meetings.models import DocumentVersion
from hoinghi.meetings.tasks import extract_text

from .conftest import database_url

pytestmark = pytest.mark.django_db(transaction=True)  # the workers read what the test writes: it must commit
WAIT_SECONDS = 60
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def wait_for(condition, what: str, logs) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        assert time.monotonic() < deadline, f"{what} did not happen in {WAIT_SECONDS} s:\n{logs()[-3000:]}"
        time.sleep(0.2)


def test_a_job_whose_worker_was_killed_is_run_again_by_the_next(stack, world):
    meeting = world.meeting()
    item = world.item(meeting)
    database_backend = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with override_settings(TASKS=database_backend, MEDIA_ROOT=stack.folder / "data" / "files"):
        paper = documents.check_upload_document(
            world.users["office"],
            item,
            title="Báo cáo tình hình",
            kind="report",
            confidentiality="normal",
            uploaded_file=SimpleUploadedFile("bao-cao.pdf", PDF),
        )
    version = DocumentVersion.objects.get(document=paper)
    (job,) = [
        job
        for job in DBTaskResult.objects.filter(task_path=extract_text.module_path)
        if job.args_kwargs["args"] == [version.pk]
    ]
    with psycopg.connect(database_url()) as blocker:
        blocker.execute("SELECT id FROM meetings_documentversion WHERE id = %s FOR UPDATE", [version.pk])
        first = stack.worker("worker-killed")
        # The worker's update of the row, waiting for the test's lock.
        waiting = (
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
            " AND query LIKE 'UPDATE \"meetings_documentversion\"%%'"
        )

        def job_waits():
            with psycopg.connect(database_url(), autocommit=True) as probe:
                return probe.execute(waiting).fetchone()[0] > 0

        wait_for(job_waits, "the job's last write", lambda: stack.log("worker-killed"))
        job.refresh_from_db()
        assert job.status == "RUNNING" and len(job.worker_ids) == 1
        stack.kill(first)
        blocker.rollback()
    job.refresh_from_db()
    assert job.status == "RUNNING"  # as the killed worker left it

    second = stack.worker("worker-after")
    try:
        wait_for(lambda: DBTaskResult.objects.get(pk=job.pk).status == "SUCCESSFUL", "the job's second run",
                 lambda: stack.log("worker-after"))  # fmt: skip
    finally:
        stack.stop_process(second)
    job.refresh_from_db()
    assert len(job.worker_ids) == 2 and job.worker_ids[0] != job.worker_ids[1]
    assert "1 queued again" in stack.log("worker-after")
    version.refresh_from_db()
    assert version.extraction != DocumentVersion.Extraction.PENDING  # the job's work is done
