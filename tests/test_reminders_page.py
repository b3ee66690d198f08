"""The office's reminders page: the reminders due and not sent (and why: no address), those sent, and sending one
now or again. A reminder the office sends goes through the task worker and the mail like the daily job's, to the
lead unit's active staff only; the request and the sending are in the audit log with who asked; the daily job then
does not send it a second time. Nobody but the office sees the page or sends one, and a directive no longer
waiting on its unit is not reminded."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from hoinghi.core.models import AuditEvent
from hoinghi.directives import services
from hoinghi.directives.models import Reminder
from hoinghi.directives.tasks import send_reminders
from tests.clients import client_for, page
from tests.directive_helpers import directive, running_item
from tests.factories import make_user

PAGE = reverse("directives:reminders")
ADDRESS = "don.vi@so-khcn.example"


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def overdue(world):
    """A directive of the Department overdue by five days; its staff: one with an address, one who left."""
    world.users["unit"].email = ADDRESS
    world.users["unit"].save(update_fields=["email"])
    gone = make_user("gone", "unit_staff", organization=world.department)
    gone.email, gone.is_active = "da.nghi@so-khcn.example", False
    gone.save(update_fields=["email", "is_active"])
    return directive(world, running_item(world, days_from_now=-60), deadline=in_days(-5))


def remind(client, task, capture):
    with capture(execute=True):
        return client.post(reverse("directives:remind", args=[task.pk]), {"from": "reminders"})


def requests_and_sends(task) -> list[tuple[str, int | None, dict]]:
    events = AuditEvent.objects.filter(object_type="directives.directive", object_id=str(task.pk))
    return [(e.verb, e.actor_id, e.detail) for e in events.filter(verb__startswith="directive.remind").order_by("seq")]


def test_the_office_sees_what_is_due_and_sends_it_now_once(world, overdue, django_capture_on_commit_callbacks):
    office = client_for(world.users["office"])
    html = page(office, PAGE)
    assert "Đến hạn nhắc nhưng chưa gửi" in html and overdue.content[:40] in html
    assert ADDRESS in html and "da.nghi" not in html

    response = remind(office, overdue, django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response.url == PAGE
    [message] = mail.outbox
    assert message.to == [ADDRESS] and "quá hạn" in message.subject
    reminder = Reminder.objects.get()
    assert (reminder.kind, reminder.deadline, reminder.sent_at is not None) == ("overdue", in_days(-5), True)
    office_pk = world.users["office"].pk
    assert [(verb, actor, detail.get("again")) for verb, actor, detail in requests_and_sends(overdue)] == [
        ("directive.remind_request", office_pk, None),
        ("directive.remind", office_pk, False),
    ]
    # The daily job does not send it a second time; the page lists it as sent, nothing due.
    assert send_reminders.call() == {"sent": 0, "skipped": 0, "failed": 0}
    assert len(mail.outbox) == 1
    html = page(office, PAGE)
    assert "Mọi lời nhắc đến hạn hôm nay đã được gửi." in html and f'id="reminder-{reminder.pk}"' in html


def test_a_reminder_sent_by_the_job_is_sent_again_and_marked(world, overdue, django_capture_on_commit_callbacks):
    send_reminders.call()
    assert len(mail.outbox) == 1
    office = client_for(world.users["office"])
    assert "Gửi lại" in page(office, PAGE)
    remind(office, overdue, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2 and mail.outbox[1].to == [ADDRESS]
    reminder = Reminder.objects.get()
    assert reminder.resent_by == world.users["office"] and reminder.resent_at >= reminder.sent_at
    assert "gửi lại ngày" in page(office, PAGE)
    sends = [detail for verb, _, detail in requests_and_sends(overdue) if verb == "directive.remind"]
    assert [detail.get("again", False) for detail in sends] == [False, True]


@pytest.mark.parametrize("who", ["unit", "leader", "chair", "member", "invitee"])
def test_only_the_office_sees_the_page_and_sends(world, overdue, who, django_capture_on_commit_callbacks):
    client = client_for(world.users[who])
    assert client.get(PAGE).status_code == 403
    assert remind(client, overdue, django_capture_on_commit_callbacks).status_code == 403
    assert not mail.outbox and not Reminder.objects.exists() and requests_and_sends(overdue) == []


def test_a_directive_done_or_a_unit_without_address_is_refused(world, overdue, django_capture_on_commit_callbacks):
    office = client_for(world.users["office"])
    world.users["unit"].email = ""
    world.users["unit"].save(update_fields=["email"])
    assert "lời nhắc chờ đến khi có địa chỉ" in page(office, PAGE)
    response = office.post(reverse("directives:remind", args=[overdue.pk]), {"from": "reminders"}, follow=True)
    assert "Không cán bộ nào của đơn vị chủ trì có địa chỉ thư điện tử" in response.content.decode()

    world.users["unit"].email = ADDRESS
    world.users["unit"].save(update_fields=["email"])
    services.check_report_progress(world.users["unit"], overdue, text="Đã hoàn thành.", done=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = office.post(reverse("directives:remind", args=[overdue.pk]), follow=True)
    assert "không có gì để nhắc" in response.content.decode()
    assert not mail.outbox and requests_and_sends(overdue) == []


def test_the_directive_page_offers_the_office_a_reminder(world, overdue):
    office_html = page(client_for(world.users["office"]), reverse("directives:detail", args=[overdue.pk]))
    assert reverse("directives:remind", args=[overdue.pk]) in office_html
    unit_html = page(client_for(world.users["unit"]), reverse("directives:detail", args=[overdue.pk]))
    assert reverse("directives:remind", args=[overdue.pk]) not in unit_html
