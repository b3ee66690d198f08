"""The portal as people use it: the office starts an article from a meeting, edits it in the editor and publishes
it; a visitor opens the portal and the article, and the counter moves. Every public page passes axe-core at
390 and 1440 px, fits a 320 px phone, works with JavaScript off, and a news page weighs under 100 KB."""

import datetime
import io
import os
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from hoinghi.portal import services_library
from tests.browser.axe import AXE, audit, settled
from tests.browser.test_accessibility import DESKTOP, PHONE, SIDEWAYS
from tests.portal_helpers import BROWSER, document, fresh_portal, published  # noqa: F401 (a fixture)

pytestmark = pytest.mark.usefixtures("fresh_portal")
SHOTS = os.environ.get("HOINGHI_SHOTS", "")  # a folder: screenshots of every public page at both widths
PUBLIC = [
    "/cong-thong-tin/",
    "/cong-thong-tin/tin-tuc/",
    "/cong-thong-tin/thong-bao/",
    "/cong-thong-tin/lich-cong-tac/",
    "/cong-thong-tin/van-ban/",
    "/cong-thong-tin/van-ban/?q=chuyen+doi&loai=issued",
    "/cong-thong-tin/thu-vien-anh/",
]


def jpeg() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (1600, 1000), (30, 90, 160)).save(output, "JPEG")
    return output.getvalue()


@pytest.fixture
def portal_content(world, settings, tmp_path):
    """A meeting held, articles, a notice, this week's schedule, documents and a photo."""
    settings.MEDIA_ROOT = tmp_path
    office = world.users["office"]
    meeting = world.meeting(title="Hội nghị Ban Thường vụ Tỉnh ủy lần thứ 12", number=12)
    world.item(meeting, title="Báo cáo tình hình kinh tế - xã hội năm 2026")
    for n in range(1, 13):
        published(office, f"Tin hoạt động số {n} của Tỉnh ủy Bắc Nam")
    services_library.check_add_notice(office, title="Thông báo lịch tiếp công dân tháng 12")
    today = timezone.localdate()
    entry = services_library.check_add_schedule_entry(
        office, day=today, time=datetime.time(8, 0), leader="Đồng chí Trần Văn Chủ, Bí thư Tỉnh ủy",
        content="Dự hội nghị tổng kết công tác năm 2026 của ngành Nội chính", place="Hội trường Tỉnh ủy",
        chair="Đồng chí Bí thư Tỉnh ủy",
    )  # fmt: skip
    services_library.check_publish_week(office, entry.schedule)
    document(office, "12/QĐ-UBND", public=True)
    upload = SimpleUploadedFile("anh.jpg", jpeg(), content_type="image/jpeg")
    services_library.check_add_photo(office, upload, caption="Quang cảnh hội nghị")
    return meeting


def test_the_office_publishes_from_a_meeting_and_a_visitor_reads_it(portal_content, browser, live_server, open_as):
    office = open_as("office")
    office.goto(f"/meetings/{portal_content.pk}/news-draft/")
    office.get_by_role("button", name="Bắt đầu bài viết cho cổng thông tin từ dự thảo này").click()
    editor = office.locator("trix-editor")
    expect(editor).to_be_visible()
    expect(editor).to_contain_text("báo cáo tình hình kinh tế")
    editor.click()
    office.keyboard.press("Control+End")
    office.keyboard.type(" Hội nghị đã thống nhất cao.")
    office.get_by_role("button", name="Lưu", exact=True).click()
    expect(office.locator(".alert-success")).to_contain_text("Đã lưu bài viết")
    office.get_by_role("button", name="Chuyển sang “Chờ duyệt”").click()
    office.get_by_role("button", name="Chuyển sang “Đã công bố”").click()
    expect(office.locator("#article-status")).to_have_text("Đã công bố")
    title = office.locator("h1").inner_text()

    visitor = browser.new_context(base_url=live_server.url, viewport=PHONE, user_agent=BROWSER).new_page()
    visitor.goto("/cong-thong-tin/")
    before = int(visitor.locator(".visits div").nth(1).locator("dd").inner_text().replace(".", ""))
    visitor.get_by_role("link", name=title).first.click()
    expect(visitor.locator("article h1")).to_have_text(title)
    expect(visitor.locator(".article .body")).to_contain_text("Hội nghị đã thống nhất cao.")
    # Another person: from the same address a browser of another kind (before a cookie, a visitor is known by his
    # address and browser).
    firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
    stranger = browser.new_context(base_url=live_server.url, viewport=DESKTOP, user_agent=firefox).new_page()
    stranger.goto("/cong-thong-tin/")
    after = int(stranger.locator(".visits div").nth(1).locator("dd").inner_text().replace(".", ""))
    assert after == before + 1  # the visitor's second page was no new visit; the stranger's first one is


def shoot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_every_public_page_passes_axe_fits_a_phone_and_works_without_scripts(portal_content, browser, live_server):
    from hoinghi.portal.models import Notice
    from hoinghi.portal.selectors import live_articles, published_weeks

    article = live_articles().first()
    week = published_weeks().first()
    pages = PUBLIC + [
        article.get_absolute_url(),
        article.get_absolute_url() + "?co-chu=rat-lon",
        article.get_absolute_url() + "?ban-in=1",
        f"/cong-thong-tin/lich-cong-tac/{week.year}/tuan-{week.week}/?ban-in=1",
        f"/cong-thong-tin/thong-bao/{Notice.objects.get().pk}/",
        "/cong-thong-tin/tin-tuc/?trang=2",
    ]
    found = {}
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP, user_agent=BROWSER)
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    for path in pages:
        assert page.goto(path).ok, path
        for viewport in (DESKTOP, PHONE, {"width": 320, "height": 640}):
            page.set_viewport_size(viewport)
            shoot(page, f"{path.strip('/').replace('/', '_').replace('?', '_')}-{viewport['width']}")
            if viewport["width"] != 320:
                for violation in audit(page):
                    found[f"{path} @{viewport['width']}: {violation['id']}"] = violation["nodes"][:3]
            if wide := page.evaluate(SIDEWAYS):
                found[f"{path} @{viewport['width']}: scrolls sideways"] = wide
    assert found == {}
    context.close()

    # Without scripts: the same pages, the text size and the document filters.
    plain = browser.new_context(base_url=live_server.url, viewport=PHONE, java_script_enabled=False)
    page = plain.new_page()
    page.goto(article.get_absolute_url())
    page.get_by_role("link", name="A (x-large)").click()
    expect(page.locator("body")).to_have_class("portal font-x-large")
    page.goto("/cong-thong-tin/van-ban/")
    page.fill("#id_q", "chuyển đổi")
    page.get_by_role("button", name="Lọc").click()
    expect(page.locator("table.documents tbody tr")).to_have_count(1)
    plain.close()


def test_a_news_page_weighs_under_100_kb(portal_content, browser, live_server):
    from hoinghi.portal.selectors import live_articles

    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    sizes = []
    page.on("requestfinished", lambda request: sizes.append(request.sizes()["responseBodySize"]))
    page.goto(live_articles().first().get_absolute_url())
    page.wait_for_load_state("networkidle")
    print(f"news page: {len(sizes)} requests, {sum(sizes)} bytes (uncompressed: the test server does not compress)")
    assert sum(sizes) < 100 * 1024
    context.close()


def test_the_offices_portal_pages_pass_axe_and_fit_a_phone(portal_content, open_as):
    from hoinghi.portal.models import Notice, PublicDocument, ScheduleEntry, ScheduleWeek
    from hoinghi.portal.selectors import live_articles

    office = open_as("office")
    office.context.add_init_script(path=str(AXE))
    pages = [
        "/cong-thong-tin/quan-ly/",
        f"/cong-thong-tin/quan-ly/bai-viet/{live_articles().first().pk}/",
        "/cong-thong-tin/quan-ly/bai-viet/moi/",
        f"/cong-thong-tin/quan-ly/lich/{ScheduleWeek.objects.get().pk}/",
        "/cong-thong-tin/quan-ly/thong-bao/moi/",
        "/cong-thong-tin/quan-ly/van-ban/moi/",
        "/cong-thong-tin/quan-ly/anh/moi/",
        f"/cong-thong-tin/quan-ly/thong-bao/{Notice.objects.get().pk}/",
        f"/cong-thong-tin/quan-ly/lich/muc/{ScheduleEntry.objects.get().pk}/",
        f"/cong-thong-tin/quan-ly/van-ban/{PublicDocument.objects.get().pk}/",
    ]
    found = {}
    for path in pages:
        office.goto(path)
        for viewport in (DESKTOP, PHONE):
            office.set_viewport_size(viewport)
            settled(office)
            shoot(office, f"office{path.replace('/', '_')}-{viewport['width']}")
            for violation in audit(office):
                found[f"{path} @{viewport['width']}: {violation['id']}"] = violation["nodes"][:3]
            if wide := office.evaluate(SIDEWAYS):
                found[f"{path} @{viewport['width']}: scrolls sideways"] = wide
    assert found == {}


def test_the_office_corrects_an_engagement_on_a_phone_and_the_portal_shows_it(
    portal_content, open_as, browser, live_server
):
    office = open_as("office", viewport=PHONE)
    office.goto("/cong-thong-tin/quan-ly/")
    office.get_by_role("link", name=f"Tuần {timezone.localdate().isocalendar()[1]}/", exact=False).first.click()
    office.get_by_role("link", name="Sửa").first.click()
    expect(office.locator("#id_leader")).to_have_value("Đồng chí Trần Văn Chủ, Bí thư Tỉnh ủy")
    office.fill("#id_leader", "Đồng chí Lê Thị Phó, Phó Bí thư Thường trực")
    office.fill("#id_time", "14:00")
    office.get_by_role("button", name="Lưu", exact=True).click()
    expect(office.locator(".alert-success")).to_contain_text("Đã lưu lịch công tác")
    expect(office.locator(".list-group")).to_contain_text("14:00 · Đồng chí Lê Thị Phó")
    shoot(office, "office-week-after-edit-390")

    visitor = browser.new_context(base_url=live_server.url, viewport=PHONE, user_agent=BROWSER).new_page()
    visitor.goto("/cong-thong-tin/lich-cong-tac/")
    expect(visitor.locator("main")).to_contain_text("Đồng chí Lê Thị Phó, Phó Bí thư Thường trực")
    expect(visitor.locator("main")).not_to_contain_text("Trần Văn Chủ, Bí thư")
