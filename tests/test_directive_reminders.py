"""Deadline reminders: to the lead unit's staff, N days before and once overdue, each sent exactly once, even
when the job runs twice or two workers run it at once; and the office's settings page that sets N."""

import datetime
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone, translation
from hypothesis import given
from hypothesis import strategies as st

from hoinghi.core import audit
from hoinghi.core.models import AuditEvent
from hoinghi.demo.management.commands.demo import remind_daily
from hoinghi.directives import rules, services
from hoinghi.directives.models import FollowUpSettings, Reminder
from hoinghi.directives.services_settings import check_update_settings
from hoinghi.directives.tasks import send_reminders
from tests.directive_helpers import directive, running_item
from tests.factories import make_user

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
THIS = "tests.test_directive_reminders"


class BrokenBackend(EmailBackend):
    """A mail server that refuses everything."""

    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server is down")


class SlowBackend(EmailBackend):
    """A mail server slow enough for two runs to overlap."""

    def send_messages(self, messages):
        time.sleep(1)
        return super().send_messages(messages)


class WritingBackend(EmailBackend):
    """A mail server during whose answer someone else writes to the database (another request, another process)."""

    written = []

    def send_messages(self, messages):
        assert not connection.in_atomic_block  # no transaction (on SQLite: no write lock) held while sending
        other = threading.Thread(target=self._write_elsewhere)
        other.start()
        other.join()
        return super().send_messages(messages)

    def _write_elsewhere(self):
        try:
            with connection.cursor() as cursor:  # this thread's own connection
                cursor.execute(
                    "PRAGMA busy_timeout = 100" if connection.vendor == "sqlite" else "SET lock_timeout = 100"
                )
            with transaction.atomic():  # on SQLite: BEGIN IMMEDIATE, the write lock
                FollowUpSettings.objects.create(days_before=5)
            self.written.append(True)
        finally:
            connection.close()


def today() -> datetime.date:
    return timezone.localdate()


def in_days(days: int) -> datetime.date:
    return today() + datetime.timedelta(days=days)


@pytest.fixture
def staff(world):
    """The lead unit's (the Department's) staff with an address, and accounts that must not be written to."""
    world.users["unit"].email = "don.vi@so-khcn.example"
    world.users["unit"].save(update_fields=["email"])
    colleague = make_user("colleague", "unit_staff", organization=world.department)
    colleague.email = "dong.nghiep@so-khcn.example"
    colleague.save(update_fields=["email"])
    gone = make_user("gone", "unit_staff", organization=world.department)
    gone.email, gone.is_active = "da.nghi@so-khcn.example", False
    gone.save(update_fields=["email", "is_active"])
    make_user("no_address", "unit_staff", organization=world.department)
    helper = make_user("helper", "unit_staff", organization=world.government)
    helper.email = "ubnd@ubnd.example"
    helper.save(update_fields=["email"])
    return ["don.vi@so-khcn.example", "dong.nghiep@so-khcn.example"]


@pytest.fixture
def past_item(world):
    """An item of a meeting held two months ago, so that deadlines may be past."""
    return running_item(world, days_from_now=-60)


def run() -> dict:
    return send_reminders.call()


def sent() -> list[tuple[int, str, datetime.date]]:
    return sorted(Reminder.objects.values_list("directive_id", "kind", "deadline"))


# When: the rule.


@given(
    today=st.dates(datetime.date(2020, 1, 1), datetime.date(2040, 1, 1)),
    offset=st.integers(-400, 400),
    days_before=st.integers(0, 90),
)
def test_each_deadline_calls_for_one_reminder_at_most(today, offset, days_before):
    deadline = today + datetime.timedelta(days=offset)
    windows = rules.reminder_windows(today, days_before)

    def inside(kind):
        first, last = windows[kind]
        return (first is None or first <= deadline) and deadline <= last

    assert inside(rules.REMIND_BEFORE) == (0 <= offset <= days_before)
    assert inside(rules.REMIND_OVERDUE) == (offset < 0)


def test_the_kinds_are_the_models():
    assert {rules.REMIND_BEFORE, rules.REMIND_OVERDUE} == set(Reminder.Kind.values)


# Sending.


def test_sent_once_to_the_lead_units_staff_however_often_the_job_runs(world, staff, past_item):
    task = directive(world, past_item, deadline=in_days(5))
    assert run() == {"sent": 1, "skipped": 0, "failed": 0}
    assert run() == {"sent": 0, "skipped": 0, "failed": 0}
    (message,) = mail.outbox
    # Not the coordinating unit, not a former colleague, not an account without an address.
    assert sorted(message.to) == staff
    assert sent() == [(task.pk, "before", in_days(5))]
    reminder = Reminder.objects.get()
    assert reminder.recipients == ", ".join(staff)
    (event,) = AuditEvent.objects.filter(verb="directive.remind")
    assert event.object_id == str(task.pk) and event.detail["kind"] == "before" and event.detail["to"] == staff


def test_the_mail_is_in_vietnamese_whatever_language_the_job_runs_in(world, staff, past_item):
    task = directive(world, past_item, deadline=in_days(3))
    with translation.override("en"):
        run()
    (message,) = mail.outbox
    with translation.override("vi"):
        subject = translation.gettext("Reminder: a directive is due on %(date)s") % {"date": f"{in_days(3):%d/%m/%Y}"}
        due_line = translation.ngettext(
            "The directive below is due in %(days)s day.", "The directive below is due in %(days)s days.", 3
        ) % {"days": 3}
    assert message.subject == subject
    meeting = task.conclusion.item.meeting
    assert due_line in message.body
    assert task.content in message.body and meeting.title in message.body
    assert f"{in_days(3):%d/%m/%Y}" in message.body and "Sở Khoa học và Công nghệ" in message.body
    assert "http://127.0.0.1:8000" + reverse("directives:detail", args=[task.pk]) in message.body
    # Plain text: nothing escaped for HTML.
    assert "&" not in message.body.replace(task.content, "")


def test_nothing_before_the_window_and_the_office_sets_its_width(world, staff, past_item):
    task = directive(world, past_item, deadline=in_days(8))
    assert run()["sent"] == 0
    FollowUpSettings.objects.create(days_before=10)
    assert run()["sent"] == 1
    assert sent() == [(task.pk, "before", in_days(8))]


def test_due_today_is_still_before(world, staff, past_item):
    task = directive(world, past_item, deadline=today())
    run()
    assert sent() == [(task.pk, "before", today())]
    with translation.override("vi"):
        assert translation.gettext("The directive below is due today.") in mail.outbox[0].body


def test_overdue_the_day_after_the_deadline(world, staff, past_item):
    task = directive(world, past_item, deadline=in_days(-1))
    run()
    assert sent() == [(task.pk, "overdue", in_days(-1))]
    with translation.override("vi"):
        assert mail.outbox[-1].subject == translation.gettext("Reminder: a directive is overdue since %(date)s") % {
            "date": f"{in_days(-1):%d/%m/%Y}"
        }


def test_missed_days_send_the_overdue_reminder_once_and_no_late_before_one(world, staff, past_item):
    task = directive(world, past_item, deadline=in_days(-10))
    run()
    run()
    assert sent() == [(task.pk, "overdue", in_days(-10))]
    assert len(mail.outbox) == 1
    with translation.override("vi"):
        late = translation.ngettext(
            "The directive below is %(days)s day overdue.", "The directive below is %(days)s days overdue.", 10
        ) % {"days": 10}
    assert late in mail.outbox[0].body


def test_an_extension_gives_a_new_reminder(world, staff, past_item):
    task = directive(world, past_item, deadline=in_days(2))
    run()
    request = services.check_request_extension(world.users["unit"], task, deadline=in_days(6), reason="Chờ ý kiến Bộ.")
    services.check_decide_extension(world.users["office"], request, grant=True)
    run()
    run()
    assert sent() == [(task.pk, "before", in_days(2)), (task.pk, "before", in_days(6))]
    assert len(mail.outbox) == 2


def test_none_for_closed_reported_done_or_undated_directives(world, staff, past_item):
    office, unit = world.users["office"], world.users["unit"]
    done = directive(world, past_item, deadline=in_days(-2))
    services.check_report_progress(unit, done, text="Đã hoàn thành.", done=True)
    services.check_confirm_done(office, done)
    cancelled = directive(world, past_item, deadline=in_days(1))
    services.check_cancel_directive(office, cancelled, reason="Không còn phù hợp.")
    reported = directive(world, past_item, deadline=in_days(-1))
    services.check_report_progress(unit, reported, text="Đã gửi báo cáo.", done=True)
    directive(world, past_item, deadline=None)
    assert run() == {"sent": 0, "skipped": 0, "failed": 0}
    assert not mail.outbox and not Reminder.objects.exists()
    # Returned to the unit, the work waits on it again.
    services.check_return_to_unit(office, reported, reason="Thiếu số liệu.")
    run()
    assert sent() == [(reported.pk, "overdue", in_days(-1))]


def test_a_failed_send_sends_nothing_and_the_next_run_retries(world, staff, settings, past_item):
    task = directive(world, past_item, deadline=in_days(4))
    settings.EMAIL_BACKEND = f"{THIS}.BrokenBackend"
    assert run() == {"sent": 0, "skipped": 0, "failed": 1}
    assert not mail.outbox and not Reminder.objects.exists()
    assert not AuditEvent.objects.filter(verb="directive.remind").exists()
    settings.EMAIL_BACKEND = LOCMEM
    assert run() == {"sent": 1, "skipped": 0, "failed": 0}
    assert sent() == [(task.pk, "before", in_days(4))] and len(mail.outbox) == 1


def test_one_failure_does_not_stop_the_others(world, staff, settings, monkeypatch, past_item):
    first = directive(world, past_item, deadline=in_days(1), content="Nhiệm vụ thứ nhất")
    second = directive(world, past_item, deadline=in_days(2), content="Nhiệm vụ thứ hai")
    original = EmailBackend.send_messages

    def refuse_the_first(self, messages):
        if first.content in messages[0].body:
            raise TimeoutError("the mail server timed out")
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", refuse_the_first)
    assert run() == {"sent": 1, "skipped": 0, "failed": 1}
    assert sent() == [(second.pk, "before", in_days(2))]


def test_a_unit_without_an_address_is_reminded_once_it_has_one(world, past_item):
    task = directive(world, past_item, deadline=in_days(1))
    assert run() == {"sent": 0, "skipped": 1, "failed": 0}
    assert not Reminder.objects.exists()
    world.users["unit"].email = "don.vi@so-khcn.example"
    world.users["unit"].save(update_fields=["email"])
    assert run()["sent"] == 1
    assert sent() == [(task.pk, "before", in_days(1))]


def test_the_command_queues_the_job(world, staff, past_item):
    directive(world, past_item, deadline=in_days(1))
    call_command("send_reminders", stdout=None)
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_the_demo_queues_the_job_when_it_starts(world, staff, past_item):
    directive(world, past_item, deadline=in_days(1))
    stop = threading.Event()
    stop.set()  # the demo stops at once: one run
    starter = threading.Thread(target=remind_daily, args=(stop,))
    starter.start()
    starter.join(timeout=30)
    assert not starter.is_alive() and len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_once(world, staff, settings, past_item):
    assert not (connection.vendor == "sqlite" and connection.is_in_memory_db())
    settings.EMAIL_BACKEND = f"{THIS}.SlowBackend"
    task = directive(world, past_item, deadline=in_days(2))
    barrier = threading.Barrier(2)

    def worker():
        try:
            barrier.wait()
            return run()
        finally:
            connection.close()

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda _n: worker(), range(2)))
    # The second met the first one's claim and skipped it, or (claimed already) did not find it due.
    first, second = sorted(results, key=lambda r: r["sent"], reverse=True)
    assert first == {"sent": 1, "skipped": 0, "failed": 0}
    assert second in ({"sent": 0, "skipped": 1, "failed": 0}, {"sent": 0, "skipped": 0, "failed": 0})
    assert len(mail.outbox) == 1 and sent() == [(task.pk, "before", in_days(2))]


@pytest.mark.django_db(transaction=True)
def test_others_write_while_the_mail_server_answers(world, staff, settings, past_item):
    assert not (connection.vendor == "sqlite" and connection.is_in_memory_db())
    settings.EMAIL_BACKEND = f"{THIS}.WritingBackend"
    WritingBackend.written.clear()
    task = directive(world, past_item, deadline=in_days(2))
    assert run() == {"sent": 1, "skipped": 0, "failed": 0}
    assert WritingBackend.written == [True] and FollowUpSettings.current().days_before == 5
    assert sent() == [(task.pk, "before", in_days(2))]
    assert Reminder.objects.get().sent_at is not None


def test_a_claim_left_by_a_worker_that_died_is_taken_again_after_an_hour(world, staff, past_item):
    task = directive(world, past_item, deadline=in_days(2))
    claim = Reminder.objects.create(directive=task, kind="before", deadline=task.deadline, recipients="")
    assert run() == {"sent": 0, "skipped": 0, "failed": 0}  # being sent by another worker: not due
    Reminder.objects.filter(pk=claim.pk).update(claimed_at=timezone.now() - datetime.timedelta(hours=2))
    assert run() == {"sent": 1, "skipped": 0, "failed": 0} and len(mail.outbox) == 1
    claim.refresh_from_db()
    assert claim.sent_at is not None and claim.recipients == ", ".join(staff)
    assert run() == {"sent": 0, "skipped": 0, "failed": 0}


# The settings page.


def settings_url():
    return reverse("directives:settings")


def test_the_office_sets_the_follow_up(world, client):
    client.force_login(world.users["office"])
    page = client.get(settings_url())
    assert page.status_code == 200 and page.context["form"].initial == {"days_before": 7, "update_period_days": 30}
    response = client.post(settings_url(), {"days_before": "10", "update_period_days": "45"})
    assert response.status_code == 302
    current = FollowUpSettings.current()
    assert (current.days_before, current.update_period_days) == (10, 45)
    assert FollowUpSettings.objects.count() == 1
    (event,) = audit.history(current)
    assert event.verb == "directive.settings" and event.actor == world.users["office"]
    assert event.detail["changes"] == {"days_before": [7, 10], "update_period_days": [30, 45]}
    # Saving the same values again changes nothing and records nothing.
    client.post(settings_url(), {"days_before": "10", "update_period_days": "45"})
    assert audit.history(current).count() == 1
    assert "directive.settings" in [e.verb for e in client.get(settings_url()).context["history"]]


@pytest.mark.parametrize(
    "values, field",
    [
        ({"days_before": "0", "update_period_days": "30"}, "days_before"),
        ({"days_before": "91", "update_period_days": "30"}, "days_before"),
        ({"days_before": "7", "update_period_days": "6"}, "update_period_days"),
        ({"days_before": "7", "update_period_days": "366"}, "update_period_days"),
        ({"days_before": "bảy", "update_period_days": "30"}, "days_before"),
    ],
)
def test_out_of_range_settings_are_refused_and_nothing_saved(world, client, values, field):
    client.force_login(world.users["office"])
    with translation.override("en"):
        page = client.post(settings_url(), values, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and field in page.context["form"].errors
    assert not FollowUpSettings.objects.exists()
    assert not AuditEvent.objects.filter(verb="directive.settings").exists()


def test_the_message_names_the_range(world):
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        check_update_settings(world.users["office"], days_before=0, update_period_days=30)
    assert refused.value.message_dict == {"days_before": ["Remind from 1 to 90 days before the deadline."]}


@pytest.mark.parametrize("who", ["leader", "unit", "chair", "member"])
def test_only_the_office_sets_the_follow_up(world, client, who):
    client.force_login(world.users[who])
    assert client.get(settings_url()).status_code == 403
    assert client.post(settings_url(), {"days_before": "3", "update_period_days": "30"}).status_code == 403
    assert not FollowUpSettings.objects.exists()
