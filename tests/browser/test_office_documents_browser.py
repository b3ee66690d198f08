"""The office's documents and reference pages in Chromium, at phone width: the notice form (date, signer,
recipients, review), the bodies, terms and resolutions pages, a held meeting without attendance, the history."""

import datetime

import pytest
from django.utils import timezone

from hoinghi.meetings import services
from hoinghi.records.models import IssuedDocument
from hoinghi.targets.models import Resolution
from tests.test_outputs import closed_meeting

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}


def fits(page) -> bool:
    """Nothing on the page scrolls sideways."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_office_prepares_and_issues_the_notice(world, open_as, viewport):
    meeting = closed_meeting(world)
    day = services.meeting_day(meeting)
    page = open_as("office", viewport=viewport)
    page.goto(f"/meetings/{meeting.pk}/")
    page.click("text=Soạn và ban hành thông báo")
    page.wait_for_url(f"**/meetings/{meeting.pk}/notice/")
    assert fits(page)
    # Proposed: the directive's lead and coordinating units, the members, the office's file; the review left out.
    assert page.input_value("#id_recipients").splitlines() == [
        "UBND tỉnh Bắc Nam",
        "Sở Khoa học và Công nghệ",
        "Các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy",
        "Lưu VPTU",
    ]
    assert not page.is_checked("#id_include_review")
    assert page.input_value("#id_dated") == max(timezone.localdate(), day).strftime("%d/%m/%Y")

    page.fill("#id_dated", (day - datetime.timedelta(days=1)).strftime("%d/%m/%Y"))
    page.select_option("#id_heading", "T/M TỈNH ỦY")
    page.fill("#id_signer_title", "Phó Bí thư Thường trực")
    page.fill("#id_signer_name", "Nguyễn Văn Ký")
    page.click("button:has-text('Ban hành thông báo')")
    error = page.locator("#id_dated ~ .invalid-feedback")
    assert error.inner_text() == f"Thông báo không thể đề ngày trước ngày họp ({day:%d/%m/%Y})."
    assert page.input_value("#id_signer_name") == "Nguyễn Văn Ký"  # the choices are kept
    assert not IssuedDocument.objects.exists()

    page.fill("#id_dated", day.strftime("%d/%m/%Y"))
    page.click("button:has-text('Ban hành thông báo')")
    page.wait_for_url(f"**/meetings/{meeting.pk}/")
    assert page.locator(".alert-success").inner_text().startswith("Đã ban hành Thông báo số 1-TB/TU.")
    assert page.locator("text=Thông báo số 1-TB/TU (DOCX)").is_visible()
    assert fits(page)


def test_a_held_meeting_without_attendance_and_its_history(world, open_as):
    meeting = closed_meeting(world)
    page = open_as("office", viewport=PHONE)
    page.goto(f"/meetings/{meeting.pk}/")
    assert page.locator(".attendance-unknown").inner_text() == "Cuộc họp này không được ghi nhận điểm danh."
    assert page.locator("text=Chưa đủ số thành viên").count() == 0
    history = page.locator("ul.list-unstyled.small").last.inner_text()
    assert "meeting." not in history and "T0" not in history
    assert fits(page)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_office_keeps_bodies_terms_and_resolutions(world, open_as, viewport):
    page = open_as("office", viewport=viewport)
    page.goto("/meetings/")
    if viewport is PHONE:
        page.click(".navbar-toggler")
    page.click("#office-menu")
    page.click("text=Cơ quan và nhiệm kỳ")
    page.wait_for_url("**/directory/bodies/")
    page.click("text=Thêm cơ quan")
    page.select_option("#id_organization", label=world.committee.name)
    page.fill("#id_name", "Hội đồng nhân dân huyện Nam Sách")
    page.select_option("#id_kind", "council")
    page.click("button:has-text('Lưu')")
    page.wait_for_url("**/directory/bodies/")
    card = page.locator("section", has_text="Hội đồng nhân dân huyện Nam Sách")
    card.locator("text=Thêm khóa").click()
    page.fill("#id_ordinal", "20")
    page.fill("#id_start", "01/07/2021")
    page.click("h1")  # a tap outside closes the day picker, as a user does before Save
    page.click("button:has-text('Lưu')")
    assert page.locator("#id_ordinal ~ .invalid-feedback").inner_text() == "Khóa phải ghi bằng số La Mã, ví dụ XVII."
    assert fits(page)
    page.fill("#id_ordinal", "XX")
    page.click("button:has-text('Lưu')")
    page.wait_for_url("**/directory/bodies/")
    assert "Khóa XX · 01/07/2021" in page.locator("section", has_text="Hội đồng nhân dân huyện Nam Sách").inner_text()
    assert fits(page)

    page.goto("/targets/manage/new/")
    page.select_option("#id_body", label=world.body.name)
    page.fill("#id_number", "06-NQ/TU")
    page.fill("#id_title", "Nghị quyết chuyên đề về chuyển đổi số")
    page.fill("#id_issued_on", "22/03/2021")
    page.click("h1")
    page.fill("#id_period_start", "2021")
    page.fill("#id_period_end", "2020")
    page.click("button:has-text('Lưu')")
    error = page.locator("#id_period_end ~ .invalid-feedback").inner_text()
    assert error == "Năm kết thúc không được trước năm bắt đầu."
    page.fill("#id_period_end", "2030")
    page.click("button:has-text('Lưu')")
    page.wait_for_url("**/targets/manage/")
    assert Resolution.objects.get().number == "06-NQ/TU"
    assert "06-NQ/TU" in page.locator("main").inner_text()
    assert fits(page)
