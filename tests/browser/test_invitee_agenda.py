"""An invitee sees the items he is not invited to as not his (no link, a note why): every item link on the
meeting's page opens."""

import pytest
from playwright.sync_api import expect

from hoinghi.meetings import services

WIDTHS = [{"width": 390, "height": 844}, {"width": 1440, "height": 900}]


@pytest.mark.parametrize("viewport", WIDTHS, ids=["phone", "desktop"])
def test_the_invitee_links_only_the_items_he_may_open(open_as, world, viewport):
    office = world.users["office"]
    meeting = world.meeting(number=12)
    his = world.item(meeting, title="Báo cáo tình hình kinh tế - xã hội")
    world.item(meeting, title="Phương án chỉ tiêu sử dụng đất")
    world.item(meeting, title="Công tác cán bộ", kind="personnel", confidentiality="secret")
    services.check_add_participant(office, meeting, world.people["invitee"], "invitee", [his])
    services.check_take_step(office, meeting, "schedule")

    invitee = open_as("invitee", viewport=viewport)
    invitee.goto(f"/meetings/{meeting.pk}/")
    agenda = invitee.locator("#agenda")
    expect(agenda.get_by_role("link", name=his.title)).to_be_visible()
    expect(agenda).to_contain_text("Nội dung không thuộc phần bạn được mời")
    expect(agenda).to_contain_text("Nội dung mật")
    for title in ["Phương án chỉ tiêu sử dụng đất", "Công tác cán bộ"]:
        expect(agenda).not_to_contain_text(title)
    assert agenda.locator("li.agenda-item a").count() == 1
    invitee.screenshot(path=f"render/invitee-agenda-{viewport['width']}.png", full_page=True)
    for href in invitee.locator("a[href*='/items/']").evaluate_all("links => links.map(a => a.href)"):
        assert invitee.request.get(href).status == 200, href
