"""`hoinghi worker` in production: two workers started together queue the day's reminders once, and one of them
sends the reminder of a directive due soon, by the mail backend of the environment (here, its console)."""

import datetime
import time

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from hoinghi.directives.models import Reminder
from hoinghi.directives.tasks import send_reminders
from tests.directive_helpers import directive, running_item

pytestmark = pytest.mark.django_db(transaction=True)  # the workers read what the test writes: it must commit
WAIT_SECONDS = 90


def test_two_workers_queue_the_days_reminders_once_and_one_sends_it(stack, world):
    world.users["unit"].email = "don.vi@so-khcn.example"
    world.users["unit"].save(update_fields=["email"])
    due = directive(
        world, running_item(world, days_from_now=-60), deadline=timezone.localdate() + datetime.timedelta(days=3)
    )
    workers = [stack.worker("worker-1"), stack.worker("worker-2")]
    try:
        deadline = time.monotonic() + WAIT_SECONDS
        while not Reminder.objects.filter(directive=due, sent_at__isnull=False).exists():
            assert time.monotonic() < deadline, stack.log("worker-1")[-3000:] + stack.log("worker-2")[-3000:]
            time.sleep(0.5)
        time.sleep(2)  # both workers have looked at the queue by now (each looks as it starts)
        (run,) = DBTaskResult.objects.filter(task_path=send_reminders.module_path)
        assert run.status == "SUCCESSFUL" and run.return_value == {"sent": 1, "skipped": 0, "failed": 0}
        reminder = Reminder.objects.get(directive=due)
        assert reminder.kind == "before" and reminder.recipients == "don.vi@so-khcn.example"
        # Printed once, by the worker that ran it, with the link to the site behind nginx.
        logs = stack.log("worker-1") + stack.log("worker-2")
        assert logs.count("To: don.vi@so-khcn.example") == 1
        assert f"{stack.url}/directives/{due.pk}/" in logs
    finally:
        for worker in workers:
            stack.stop_process(worker)
