"""`hoinghi db_worker`: django-tasks' database worker, which first puts back in the queue the jobs a stopped
worker left RUNNING (hoinghi.core.jobs), and names itself "host:pid" so that the next one can tell."""

import logging

from django_tasks_db.management.commands import db_worker

from hoinghi.core import jobs

logger = logging.getLogger(__name__)


class Command(db_worker.Command):
    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(worker_id=jobs.worker_id())

    def handle(self, *args, **options):
        retried, failed = jobs.recover_stale()
        if retried or failed:
            logger.warning("jobs left running by a stopped worker: %s queued again, %s marked failed", retried, failed)
        return super().handle(*args, **options)
