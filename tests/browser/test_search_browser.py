"""A signed-in member searches from the top bar without diacritics and opens a result; the public searches the
portal without diacritics and finds a live article. At a phone's width and a desktop's, with no sideways scroll,
and no axe-core violation on the results page."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hoinghi.meetings import services
from hoinghi.portal.models import Article
from tests.browser.axe import AXE, audit

WIDTHS = [{"width": 390, "height": 844}, {"width": 1440, "height": 900}]


def fits_its_width(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("viewport", WIDTHS, ids=["phone", "desktop"])
def test_a_member_searches_from_the_top_bar_without_diacritics_and_opens_a_result(open_as, world, viewport):
    office = world.users["office"]
    meeting = world.meeting(number=37, title="Hội nghị Ban Thường vụ Tỉnh ủy lần thứ 37")
    item = world.item(meeting, title="Tờ trình về Đề án phát triển đô thị thông minh")
    world.item(meeting, title="Báo cáo công tác phòng, chống thiên tai")
    services.check_take_step(office, meeting, "schedule")

    member = open_as("member", viewport=viewport)
    member.context.add_init_script(path=str(AXE))
    if viewport["width"] < 992:  # the top bar folds into its menu on a phone
        member.locator(".navbar-toggler").click()
    box = member.get_by_role("searchbox", name="Tìm trong toàn bộ hồ sơ")
    box.fill("do thi thong minh")
    box.press("Enter")
    member.wait_for_url("**/tim-kiem/?q=*")
    results = member.locator("ol.search-results")
    expect(results.locator("mark").first).to_be_visible()
    expect(member.get_by_role("status")).to_contain_text("kết quả")
    assert fits_its_width(member)
    assert audit(member) == []
    member.screenshot(path=f"render/search-results-{viewport['width']}.png", full_page=True)
    results.get_by_role("link", name="Tờ trình về Đề án phát triển đô thị thông minh").click()
    member.wait_for_url(f"**/meetings/items/{item.pk}/")
    expect(member.get_by_role("heading", name=item.title)).to_be_visible()


@pytest.mark.parametrize("viewport", WIDTHS, ids=["phone", "desktop"])
def test_the_public_finds_a_live_article_without_diacritics(browser, live_server, world, viewport):
    Article.objects.create(
        title="Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 5",
        slug="hoi-nghi-bch-lan-thu-5",
        summary="Bàn về chuyển đổi số trong các cơ quan Đảng.",
        body="<p>Hội nghị thống nhất <b>chuyển đổi số</b> toàn diện.</p>",
        status=Article.Status.PUBLISHED,
        publish_at=timezone.now() - datetime.timedelta(hours=1),
        author=world.users["office"],
    )
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    page.goto("/cong-thong-tin/tim-kiem/")
    box = page.locator("main").get_by_role("searchbox", name="Từ khóa")
    box.fill("chuyen doi so")
    box.press("Enter")
    link = page.locator("ol.search-results").get_by_role("link", name="Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 5")
    expect(link).to_be_visible()
    assert fits_its_width(page)
    page.screenshot(path=f"render/public-search-{viewport['width']}.png", full_page=True)
    link.click()
    page.wait_for_url("**/hoi-nghi-bch-lan-thu-5/")
    context.close()
