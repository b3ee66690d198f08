"""The office's path in a real browser: meeting → paper → member's opinion → conclusion → notice."""

import io
import re

import docx
from playwright.sync_api import expect

from hoinghi.meetings.models import Meeting

CONCLUSION = "Ban Thường vụ cơ bản đồng ý với dự thảo, giao UBND tỉnh rà soát các mục tiêu."
DIRECTIVE = "Rà soát mục tiêu kinh tế số, báo cáo Ban Thường vụ."


def paper_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Dự thảo Nghị quyết chuyên đề về chuyển đổi số: 80% dịch vụ công trực tuyến toàn trình.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_office_member_chair_path(open_as, world, tmp_path):
    office = open_as("office")

    # The office creates a meeting with two items.
    office.goto("/meetings/new/")
    office.select_option("#id_body", str(world.body.pk))
    office.select_option("#id_term", str(world.term.pk))
    office.fill("#id_number", "36")
    office.fill("#id_starts_at_0", "10/09/2030")
    office.fill("#id_starts_at_1", "08:00")
    office.fill("#id_place", "Hội trường Tỉnh ủy")
    office.fill("#id_title", "Hội nghị Ban Thường vụ Tỉnh ủy lần thứ 36")
    office.click("form.card button.btn-party")
    expect(office.locator("h1")).to_have_text("Hội nghị Ban Thường vụ Tỉnh ủy lần thứ 36")
    meeting = Meeting.objects.get(number=36)
    for title in ["Dự thảo Nghị quyết chuyên đề về chuyển đổi số", "Phương án chỉ tiêu sử dụng đất"]:
        office.click("text=Thêm nội dung vào chương trình")
        office.fill("#id_title", title)
        office.click("text=Thêm nội dung >> nth=-1")
        expect(office.locator("#agenda")).to_contain_text(title)
    assert meeting.items.count() == 2

    # A paper on the first item, then the meeting is scheduled.
    office.click("#agenda a >> nth=0")
    office.click("text=Thêm tài liệu")
    paper = tmp_path / "du-thao.docx"
    paper.write_bytes(paper_docx())
    office.set_input_files("input[name=file] >> nth=-1", str(paper))
    office.fill("input[name=title]", "Dự thảo Nghị quyết")
    office.click("button:has-text('Thêm tài liệu')")
    expect(office.locator("body")).to_contain_text("Dự thảo Nghị quyết")
    office.goto(f"/meetings/{meeting.pk}/")
    office.click("button:has-text('Lên lịch')")
    expect(office.locator(".badge-status-scheduled").first).to_be_visible()

    # A member reads the paper and gives an opinion.
    member = open_as("member", viewport={"width": 390, "height": 844})
    member.goto(f"/meetings/{meeting.pk}/")
    member.click("#agenda a >> nth=0")
    member.click("a:has-text('Dự thảo Nghị quyết') >> nth=0")
    expect(member.locator("body")).to_contain_text("80% dịch vụ công trực tuyến")
    member.go_back()
    member.fill("#id_text", "Đề nghị bổ sung chỉ tiêu về doanh nghiệp công nghệ số.")
    member.click("button:has-text('Gửi ý kiến')")
    expect(member.locator("body")).to_contain_text("Đề nghị bổ sung chỉ tiêu về doanh nghiệp công nghệ số.")

    # The chair opens the meeting, records a conclusion with a directive, and closes it.
    chair = open_as("chair")
    chair.goto(f"/meetings/{meeting.pk}/")
    chair.click("button:has-text('Khai mạc hội nghị')")
    chair.click("#agenda a >> nth=0")
    chair.select_option("#id_outcome", "basically_approved")
    chair.fill("#id_text", CONCLUSION)
    chair.click("button:has-text('Lưu kết luận')")
    expect(chair.locator("body")).to_contain_text(CONCLUSION)
    chair.click("text=Thêm chỉ đạo")
    chair.select_option("#id_lead_organization", str(world.government.pk))
    chair.fill("#id_content", DIRECTIVE)
    chair.fill("#id_deadline", "31/12/2030")
    chair.click("button:has-text('Thêm chỉ đạo') >> nth=-1")
    expect(chair.locator("body")).to_contain_text(DIRECTIVE)
    chair.goto(f"/meetings/{meeting.pk}/")
    chair.click("button:has-text('Bế mạc hội nghị')")
    expect(chair.locator(".badge-status-closed").first).to_be_visible()

    # The office issues the notice and downloads it: its text holds the conclusion.
    office.goto(f"/meetings/{meeting.pk}/")
    office.click("a:has-text('Soạn và ban hành thông báo')")
    office.fill("#id_signer_title", "Bí thư")  # the chair of this world holds no post to propose it from
    office.click("button:has-text('Ban hành thông báo')")
    expect(office.locator("body")).to_contain_text("1-TB/TU")
    with office.expect_download() as download:
        office.click("a:has-text('1-TB/TU')")
    text = "\n".join(p.text for p in docx.Document(download.value.path()).paragraphs)
    tables = "\n".join(
        cell.text for table in docx.Document(download.value.path()).tables for row in table.rows for cell in row.cells
    )
    assert CONCLUSION in text
    assert "Giao UBND tỉnh Bắc Nam rà soát mục tiêu kinh tế số, báo cáo Ban Thường vụ; thời hạn: 31/12/2030" in text
    assert re.search(r"Số 1-TB/TU", text + tables)
