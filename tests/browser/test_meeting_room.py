"""In the browser: a confidential paper read with a watermark and taken away live; agenda order; the chair's quorum."""

import datetime
import io

import docx
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from hoinghi.meetings import documents, services
from hoinghi.voting import services as voting_services


def docx_bytes(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def scheduled_meeting(world, titles):
    meeting = world.meeting()
    items = [world.item(meeting, title=title) for title in titles]
    services.check_take_step(world.users["office"], meeting, "schedule")
    return meeting, items


def test_confidential_paper_watermarked_then_withdrawn_live(open_as, world, today):
    meeting, (item,) = scheduled_meeting(world, ["Công tác cán bộ"])
    paper = SimpleUploadedFile("nhan-su.docx", docx_bytes("Phương án nhân sự: nội dung mật."))
    document = documents.check_upload_document(
        world.users["office"],
        item,
        title="Tờ trình nhân sự",
        kind="submission",
        confidentiality="secret",
        uploaded_file=paper,
    )
    member = open_as("member")
    member.goto(f"/meetings/documents/{document.pk}/")
    # The paper is a page image with the reader's name burnt in (tests/test_confidential_papers.py reads it back),
    # never its text.
    expect(member.locator(".viewer-page img")).to_have_attribute("alt", "Trang 1/1")
    expect(member.locator(".viewer-page img")).to_have_js_property("naturalWidth", 1240)
    expect(member.locator("body")).not_to_contain_text("nội dung mật")
    assert member.locator("a:has-text('Tải về')").count() == 0

    # The member leaves the body: the open page loses the paper without a reload.
    world.people["member"].memberships.update(end=today - datetime.timedelta(days=1))
    expect(member.locator("#document-viewer")).to_have_text("Không còn quyền truy cập tài liệu này.", timeout=8000)
    expect(member.locator("body")).not_to_contain_text("nội dung mật")

    # The office reads who opened it, but cannot open it.
    office = open_as("office")
    office.goto(f"/meetings/documents/{document.pk}/opens/")
    expect(office.locator("body")).to_contain_text("Lê Thị Ủy")
    response = office.goto(f"/meetings/documents/{document.pk}/")
    assert response.status == 403


def test_agenda_buttons_reorder_without_reload(open_as, world):
    meeting, _ = scheduled_meeting(world, ["Một", "Hai", "Ba"])
    office = open_as("office", viewport={"width": 820, "height": 1180})
    office.goto(f"/meetings/{meeting.pk}/")
    office.locator("#agenda li").nth(0).locator("button[aria-label='Chuyển xuống']").click()
    expect(office.locator("#agenda li a").first).to_have_text("Hai")
    assert [i.title for i in meeting.items.order_by("order")] == ["Hai", "Một", "Ba"]
    # Dragging by the handle does the same.
    handles = office.locator("#agenda li .handle")
    with office.expect_response(lambda response: "/agenda/order/" in response.url):
        handles.nth(2).drag_to(handles.nth(0))
    expect(office.locator("#agenda li a").first).to_have_text("Ba")
    assert [i.title for i in meeting.items.order_by("order")] == ["Ba", "Hai", "Một"]


def test_chair_sees_the_quorum_as_attendance_is_recorded(open_as, world):
    meeting, _ = scheduled_meeting(world, ["Một"])
    chair = open_as("chair", viewport={"width": 390, "height": 844})
    chair.goto(f"/meetings/{meeting.pk}/chair/")
    expect(chair.locator(".quorum-big")).to_have_text("0 / 3")
    for n in range(2):
        chair.locator("#chair-panel li.list-group-item:has(form)").nth(n).locator("button:has-text('Có mặt')").click()
        expect(chair.locator(".quorum-big")).to_have_text(f"{n + 1} / 3")
    expect(chair.locator("#chair-panel")).to_contain_text("Đủ điều kiện tiến hành")


def test_taking_up_an_item_moves_the_mark_and_shows_its_polls(open_as, world):
    meeting, (first, second) = scheduled_meeting(world, ["Một", "Hai"])
    services.check_take_step(world.users["chair"], meeting, "start")
    poll = voting_services.check_create_poll(
        world.users["office"],
        meeting,
        title="Thông qua nội dung Hai",
        kind="question",
        method="open",
        subjects=[],
        item=second,
    )
    chair = open_as("chair", viewport={"width": 1440, "height": 900})
    chair.goto(f"/meetings/{meeting.pk}/chair/")
    rows = chair.locator("#chair-panel ol li")
    # Starting the meeting took up its first item.
    expect(rows.nth(0)).to_contain_text("đang thảo luận")
    expect(chair.locator("#current-polls")).to_contain_text("Chưa có biểu quyết.")
    rows.nth(1).locator("button:has-text('Thảo luận')").click()
    # The panel is drawn from the new state: the mark moves at once, without a reload.
    expect(rows.nth(1)).to_contain_text("đang thảo luận")
    expect(rows.nth(0)).not_to_contain_text("đang thảo luận")
    expect(rows.nth(0).locator("button:has-text('Thảo luận')")).to_be_visible()
    # The way to the item's poll, for the chair who runs it.
    chair.locator("#current-polls a:has-text('Bảng điều khiển chủ trì')").click()
    chair.wait_for_url(f"**/polls/{poll.pk}/console/")
