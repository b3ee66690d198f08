"""In the browser, on a phone: the office approves one figure and returns another from its queue of every unit's
figures; on the reminders page it sends an overdue directive's reminder now and finds it among those sent. Each
page fits the screen and its controls are 44 px touch targets."""

import datetime

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from hoinghi.directives.models import Reminder
from hoinghi.targets.models import Figure
from tests.browser.test_phone_dashboards import PHONE, check_phone_page
from tests.directive_helpers import directive, running_item
from tests.target_helpers import Q1, build_plan, figure


def test_the_office_works_through_its_queue_on_a_phone(open_as, world):
    plan = build_plan(world)
    kept = figure(world, plan.services, Q1, 61)
    sent_back = figure(world, plan.services, Q1, 55, who=plan.district_staff, organization=plan.district)
    office = open_as("office", viewport=PHONE)
    office.goto("/targets/report/")
    office.click("main a[href='/targets/queue/']")
    expect(office.locator("ol.queue > li")).to_have_count(2)
    expect(office.locator(f"#figure-{sent_back.pk}")).to_contain_text("UBND huyện Đông Sơn")
    expect(office.locator(f"#figure-{sent_back.pk}")).to_contain_text("Quý I/2024")
    office.click(f"#figure-{sent_back.pk} summary")
    check_phone_page(office)
    office.fill(f"#reason-{sent_back.pk}", "Số liệu chưa khớp báo cáo quý")
    office.click(f"#figure-{sent_back.pk} details button")
    expect(office.locator(".alert-success, .alert-info").first).to_contain_text("UBND huyện Đông Sơn")
    expect(office.locator("ol.queue > li")).to_have_count(1)
    office.click(f"#figure-{kept.pk} form[action$='/approve/'] button")
    expect(office.locator("ol.queue > li")).to_have_text("Không có số liệu nào chờ duyệt.")
    check_phone_page(office)
    assert Figure.objects.get(pk=kept.pk).status == "approved"
    assert Figure.objects.get(pk=sent_back.pk).status == "returned"

    # The district's staff see why, on their reporting page.
    district = open_as("district", viewport=PHONE)
    district.goto(f"/targets/report/t/{plan.services.pk}/")
    expect(district.locator(".returned")).to_contain_text("Số liệu chưa khớp báo cáo quý")


def test_the_office_sends_a_reminder_now_on_a_phone(open_as, world):
    world.users["unit"].email = "don.vi@so-khcn.example"
    world.users["unit"].save(update_fields=["email"])
    late = directive(
        world, running_item(world, days_from_now=-60), deadline=timezone.localdate() - datetime.timedelta(days=5)
    )
    office = open_as("office", viewport=PHONE)
    office.goto("/directives/dashboard/")
    office.click("main a[href='/directives/reminders/']")
    due = office.locator(".reminders-due li")
    expect(due).to_have_count(1)
    expect(due).to_contain_text("Sở Khoa học và Công nghệ")
    check_phone_page(office)
    due.locator("button").click()
    expect(office.locator(".reminders-sent li")).to_have_count(1)
    expect(office.locator(".reminders-sent li")).to_contain_text("don.vi@so-khcn.example")
    check_phone_page(office)
    assert [message.to for message in mail.outbox] == [["don.vi@so-khcn.example"]]
    assert Reminder.objects.get().directive == late
