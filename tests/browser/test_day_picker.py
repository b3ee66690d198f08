"""Days are written day first in an English browser too, with the one date picker, and the forms answer with the
server's Vietnamese messages rather than the browser's English ones."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from hoinghi.meetings.models import Meeting

ENGLISH_BROWSER = {"locale": "en-US"}


def test_an_empty_form_gets_the_servers_vietnamese_messages(open_as, world):
    office = open_as("office", **ENGLISH_BROWSER)
    office.goto("/meetings/new/")
    office.click("form.card button.btn-party")
    # The form went to the server (no "Please fill out this field" bubble held it back) and came back with its
    # messages in the page's language.
    expect(office.locator(".invalid-feedback").first).to_have_text("Trường này là bắt buộc.")
    assert office.evaluate("document.querySelectorAll('form:not([novalidate])').length") == 0


def test_the_meeting_day_is_picked_day_first_and_saved_as_picked(open_as, world):
    office = open_as("office", **ENGLISH_BROWSER)
    office.goto("/meetings/new/")
    expect(office.locator("#id_starts_at_0")).to_have_attribute("placeholder", "dd/mm/yyyy")
    office.select_option("#id_body", str(world.body.pk))
    office.select_option("#id_term", str(world.term.pk))
    office.fill("#id_number", "37")
    office.fill("#id_title", "Hội nghị Ban Thường vụ Tỉnh ủy lần thứ 37")
    office.click("#id_starts_at_0")
    picker = office.locator(".datepicker.active")
    expect(picker).to_be_visible()
    # The picker's week starts on Monday and speaks the page's language.
    expect(picker.locator(".days-of-week .dow").first).to_have_text("T2")
    picker.locator(".datepicker-cell.day:not(.prev):not(.next)", has_text="15").first.click()
    today = timezone.localdate()
    expect(office.locator("#id_starts_at_0")).to_have_value(today.replace(day=15).strftime("%d/%m/%Y"))
    office.fill("#id_starts_at_1", "14:30")
    office.click("form.card button.btn-party")
    expect(office.locator("h1")).to_have_text("Hội nghị Ban Thường vụ Tỉnh ủy lần thứ 37")
    starts_at = timezone.localtime(Meeting.objects.get(number=37).starts_at)
    assert starts_at.date() == today.replace(day=15) and starts_at.time() == datetime.time(14, 30)


def test_a_typed_day_month_mixup_is_named_in_vietnamese(open_as, world):
    office = open_as("office", **ENGLISH_BROWSER)
    office.goto("/directives/dashboard/?period_from=2025-02-03")
    # The address's ISO day is shown day first.
    expect(office.locator("#filter-from")).to_have_value("03/02/2025")
    office.fill("#filter-to", "12/31/2025")  # month first, as an English browser would write it
    office.press("#filter-to", "Tab")
    with office.expect_navigation():
        office.locator("#filters").evaluate("form => form.submit()")
    assert "period_to=12%2F31%2F2025" in office.url  # sent as typed, not rolled over to another day
    expect(office.locator("body")).to_contain_text("Nhập ngày theo dạng dd/mm/yyyy.")


def test_a_day_that_does_not_exist_is_sent_as_typed_and_named(open_as, world):
    office = open_as("office", **ENGLISH_BROWSER)
    office.goto("/meetings/new/")
    # Typed at once, before the picker has loaded, then the time: the picker neither empties nor rolls it over.
    office.fill("#id_starts_at_0", "31/02/2026")
    office.fill("#id_starts_at_1", "08:00")
    office.wait_for_function("() => window.Datepicker !== undefined")
    expect(office.locator("#id_starts_at_0")).to_have_value("31/02/2026")
    office.click("form.card button.btn-party")
    expect(office.locator("#id_starts_at_0")).to_have_value("31/02/2026")
    expect(office.locator(".invalid-feedback").filter(has_text="Nhập ngày theo dạng dd/mm/yyyy.")).to_be_visible()
    # Both halves fit side by side on a phone.
    office.set_viewport_size({"width": 390, "height": 844})
    day, time = office.locator("#id_starts_at_0").bounding_box(), office.locator("#id_starts_at_1").bounding_box()
    assert day["y"] == time["y"] and time["x"] + time["width"] <= 390
