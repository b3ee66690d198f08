"""`hoinghi worker`: the task worker of production mode (`hoinghi db_worker`), which also queues the daily jobs
(settings.DAILY_TASKS, the deadline reminders) exactly once a day, however many workers run (hoinghi.core.schedule)."""

import threading

from hoinghi.core import schedule
from hoinghi.core.management.commands import db_worker


class Command(db_worker.Command):
    help = "Run the background jobs (papers, reminders) and queue the daily ones."

    def handle(self, *args, **options):
        stop = threading.Event()
        threading.Thread(target=schedule.run_daily, args=(stop,), name="daily-jobs", daemon=True).start()
        try:
            return super().handle(*args, **options)
        finally:
            stop.set()
