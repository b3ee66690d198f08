"""The conclusion notice (DOCX per HD36), its numbering, and the news draft, read back from the files."""

import datetime
import io
from dataclasses import replace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from hoinghi.core import audit
from hoinghi.core.models import AuditEvent
from hoinghi.directives.services import check_add_directive
from hoinghi.directory.models import Position
from hoinghi.meetings import services
from hoinghi.meetings.models import Meeting, VoteRecord
from hoinghi.records import issue, wording
from hoinghi.records import permissions as record_perm
from hoinghi.records.models import IssuedDocument
from hoinghi.records.news import news_draft
from hoinghi.records.notice import default_options
from tests.clients import client_for

CONCLUDED = "Dự thảo Nghị quyết chuyên đề về chuyển đổi số"
CONCLUSION = "Ban Thường vụ Tỉnh ủy cơ bản đồng ý với Dự thảo; yêu cầu bổ sung các chỉ tiêu về năng suất lao động."
DIRECTIVE = "tiếp thu ý kiến, hoàn thiện Dự thảo trình Ban Chấp hành"
HEARD_ONLY = "Báo cáo tình hình kinh tế - xã hội tháng 8"
MARGINS = ["top_margin", "bottom_margin", "left_margin", "right_margin"]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Issued files go to a folder of this test, so a leftover can be told from another test's file."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def positions(world):
    chair = world.people["chair"]
    Position.objects.create(person=chair, title="Ủy viên Trung ương Đảng", rank=0)
    Position.objects.create(person=chair, title="Bí thư Tỉnh ủy", organization=world.committee, rank=1)


def closed_meeting(world, number=36, confidential=False, lead=None, extra_items=0, days_ago=None):
    office, chair = world.users["office"], world.users["chair"]
    when = {"starts_at": timezone.now() - datetime.timedelta(days=days_ago)} if days_ago else {}
    meeting = world.meeting(number=number, **when)
    item = world.item(
        meeting,
        title=CONCLUDED,
        presenter_organization=world.government,
        confidentiality="secret" if confidential else "normal",
    )
    heard = world.item(meeting, title=HEARD_ONLY)
    others = [world.item(meeting, title=f"Đề án số {n}") for n in range(extra_items)]
    services.check_take_step(office, meeting, "schedule")
    services.check_take_step(chair, meeting, "start")
    services.check_add_opinion(world.users["member"], item, "Đề nghị bổ sung chỉ tiêu doanh nghiệp số.")
    services.check_add_opinion(world.users["member2"], heard, "Cần phân tích rõ nguyên nhân.")
    VoteRecord.objects.create(
        item=item, subject="thông qua Dự thảo Nghị quyết", method="open", result_text="100% đồng ý"
    )
    conclusion = services.check_record_conclusion(chair, item, "basically_approved", CONCLUSION)
    check_add_directive(
        chair,
        conclusion,
        lead_organization=lead or world.government,
        content=DIRECTIVE,
        deadline=services.meeting_day(meeting) + datetime.timedelta(days=30),
        coordinating_organizations=[] if lead else [world.department],
    )
    for other in others:
        done = services.check_record_conclusion(chair, other, "approved", f"Đồng ý với {other.title}.")
        check_add_directive(
            chair,
            done,
            lead_organization=world.department,
            content="triển khai",
            coordinating_organizations=[world.government],
        )
    services.check_take_step(chair, meeting, "close")
    meeting.refresh_from_db()
    return meeting


def notice_data(meeting, **changes) -> dict:
    """The notice form as the office submits it, with the proposed values unless `changes` says otherwise."""
    data = {
        "dated": max(timezone.localdate(), services.meeting_day(meeting)).isoformat(),
        "heading": "T/M BAN THƯỜNG VỤ",
        "signer_title": "Phó Bí thư Thường trực",
        "signer_name": "Nguyễn Văn Ký",
        "recipients": "- UBND tỉnh Bắc Nam,\nSở Khoa học và Công nghệ\n\nLưu VPTU",
    }
    return data | changes


def open_docx(issued: IssuedDocument) -> Document:
    with issued.file.open("rb") as handle:
        return Document(io.BytesIO(handle.read()))


def cell_lines(cell) -> list[str]:
    return [p.text for p in cell.paragraphs]


def texts(doc) -> list[str]:
    return [p.text for p in doc.paragraphs]


# The date line and wording rules


def test_hd36_date_pads_days_below_10_and_months_below_3():
    assert wording.hd36_date(datetime.date(2021, 1, 5)) == "ngày 05 tháng 01 năm 2021"
    assert wording.hd36_date(datetime.date(2021, 2, 28)) == "ngày 28 tháng 02 năm 2021"
    assert wording.hd36_date(datetime.date(2021, 9, 10)) == "ngày 10 tháng 9 năm 2021"
    assert wording.hd36_date(datetime.date(2021, 12, 1)) == "ngày 01 tháng 12 năm 2021"


def test_signature_heading_and_signer_title():
    assert wording.signature_heading("T/M BAN THƯỜNG VỤ", "executive_committee", "Tỉnh ủy") == "T/M BAN THƯỜNG VỤ"
    assert wording.signature_heading("", "standing_committee", "Tỉnh ủy") == "T/M BAN THƯỜNG VỤ"
    assert wording.signature_heading("", "executive_committee", "Tỉnh ủy") == "T/M TỈNH ỦY"
    assert wording.signer_title("Bí thư Tỉnh uỷ", "Tỉnh ủy") == "BÍ THƯ"
    assert wording.signer_title("Phó Bí thư Thường trực Tỉnh ủy", "Tỉnh ủy") == "PHÓ BÍ THƯ THƯỜNG TRỰC"
    assert wording.signer_title("Chủ tịch UBND tỉnh", "Tỉnh ủy") == "CHỦ TỊCH UBND TỈNH"


def test_sitting_name_uses_number_then_title():
    assert wording.sitting_name(36, "Hội nghị", "Ban Thường vụ Tỉnh ủy", "regular") == "Hội nghị lần thứ 36"
    assert wording.sitting_name(None, "Phiên họp đầu tháng 3/2021", "Ban Thường vụ Tỉnh ủy", "regular") == (
        "phiên họp đầu tháng 3/2021"
    )
    assert wording.sitting_name(None, "Hội nghị Ban Thường vụ Tỉnh uỷ", "Ban Thường vụ Tỉnh ủy", "thematic") == (
        "hội nghị chuyên đề"
    )


# The notice


def test_notice_reads_back_per_hd36(world, positions):
    meeting = closed_meeting(world)
    issued = issue.check_issue_conclusion_notice(world.users["office"], meeting)
    doc = open_docx(issued)

    section = doc.sections[0]
    mm = {name: round(getattr(section, name).mm) for name in MARGINS + ["page_width", "page_height"]}
    assert (mm["page_width"], mm["page_height"]) == (210, 297)
    assert 20 <= mm["top_margin"] <= 25 and 20 <= mm["bottom_margin"] <= 25
    assert 30 <= mm["left_margin"] <= 35 and 15 <= mm["right_margin"] <= 20
    normal = doc.styles["Normal"].font
    assert normal.name == "Times New Roman" and normal.size == Pt(14)

    header, footer = doc.tables
    left, right = header.rows[0].cells
    assert cell_lines(left) == ["TỈNH ỦY BẮC NAM", "*", "Số 1-TB/TU"]
    assert left.paragraphs[0].runs[0].bold
    party = right.paragraphs[0].runs[0]
    assert party.text == "ĐẢNG CỘNG SẢN VIỆT NAM" and party.bold and party.underline
    date_run = right.paragraphs[1].runs[0]
    # Dated today, never before the meeting (the world's meeting is some days ahead).
    dated = max(timezone.localdate(), services.meeting_day(meeting))
    assert date_run.text == f"Bắc Nam, {wording.hd36_date(dated)}" and date_run.italic

    lines = texts(doc)
    title = lines.index("THÔNG BÁO")
    assert doc.paragraphs[title].runs[0].bold
    assert lines[title + 1] == "kết luận của Ban Thường vụ Tỉnh ủy tại Hội nghị lần thứ 36"
    assert lines[title + 2] == "-----"
    opening = lines[title + 3]
    assert opening.startswith(f"Ngày {wording.full_date(services.meeting_day(meeting))}, tại Hội trường Tỉnh ủy")
    assert "đồng chí Trần Văn Chủ, Bí thư Tỉnh ủy" in opening and HEARD_ONLY in opening

    section_title = lines.index(f"1. {CONCLUDED}")
    assert doc.paragraphs[section_title].runs[0].bold
    assert lines[section_title + 1] == CONCLUSION
    deadline = (services.meeting_day(meeting) + datetime.timedelta(days=30)).strftime("%d/%m/%Y")
    assert lines[section_title + 2] == (
        f"- Giao UBND tỉnh Bắc Nam (phối hợp: Sở Khoa học và Công nghệ) {DIRECTIVE}; thời hạn: {deadline}."
    )
    # The item without a conclusion has no section.
    assert not any(line.startswith("2.") or line.endswith(HEARD_ONLY) for line in lines)

    recipients, signature = footer.rows[0].cells
    # The recipients and the signature move to the next page whole, never the signer's name alone.
    assert footer.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
    heading = recipients.paragraphs[0].runs[0]
    assert heading.text == "Nơi nhận:" and heading.bold and heading.italic and heading.font.size == Pt(12)
    # The lead and the coordinating units of the meeting's directives are proposed by default.
    assert cell_lines(recipients)[1:] == [
        "- UBND tỉnh Bắc Nam,",
        "- Sở Khoa học và Công nghệ,",
        "- Các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy,",
        "- Lưu VPTU.",
    ]
    assert all(p.runs[0].font.size == Pt(11) for p in recipients.paragraphs[1:])
    signed = [line for line in cell_lines(signature) if line]
    assert signed == ["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Trần Văn Chủ"]
    assert all(p.runs[0].bold for p in signature.paragraphs if p.text)


def test_the_office_chooses_the_signer_the_recipients_and_the_review(world, positions):
    closed_meeting(world, number=35, days_ago=20)  # its directive is still open
    meeting = closed_meeting(world, number=36)
    proposed = default_options(meeting, timezone.localdate())
    assert not proposed.include_review
    review_heading = "2. Về tình hình thực hiện các nhiệm vụ Ban Thường vụ Tỉnh ủy giao tại các hội nghị trước"
    # Left out unless the office includes it, though an earlier directive is open.
    preview = Document(io.BytesIO(issue.preview_conclusion_notice(meeting, proposed)))
    assert review_heading not in texts(preview)

    chosen = replace(
        proposed,
        heading="T/M TỈNH ỦY",
        signer_title="Phó Bí thư Thường trực",
        signer_name="Nguyễn Văn Ký",
        recipients=("Như trên", "Ban Tuyên giáo Tỉnh ủy", "Lưu VPTU"),
        include_review=True,
    )
    issued = issue.check_issue_conclusion_notice(world.users["office"], meeting, chosen)
    doc = open_docx(issued)
    lines = texts(doc)
    assert lines[lines.index(review_heading) + 1].startswith("- Giao UBND tỉnh Bắc Nam (phối hợp: Sở Khoa học")
    recipients, signature = doc.tables[1].rows[0].cells
    assert cell_lines(recipients)[1:] == ["- Như trên,", "- Ban Tuyên giáo Tỉnh ủy,", "- Lưu VPTU."]
    signed = [line for line in cell_lines(signature) if line]
    assert signed == ["T/M TỈNH ỦY", "PHÓ BÍ THƯ THƯỜNG TRỰC", "Nguyễn Văn Ký"]
    event = AuditEvent.objects.get(verb="notice.issue")
    assert event.detail["signer"] == "T/M TỈNH ỦY Phó Bí thư Thường trực Nguyễn Văn Ký"
    assert event.detail["review"] is True and event.detail["recipients"] == list(chosen.recipients)


def test_a_notice_cannot_be_dated_before_its_meeting(world, client):
    meeting = closed_meeting(world)
    day = services.meeting_day(meeting)
    before = replace(default_options(meeting, timezone.localdate()), dated=day - datetime.timedelta(days=1))
    says = f"Thông báo không thể đề ngày trước ngày họp ({day:%d/%m/%Y})."
    with pytest.raises(ValidationError) as refused:
        issue.check_issue_conclusion_notice(world.users["office"], meeting, before)
    assert refused.value.message_dict == {"dated": [says]}
    with pytest.raises(ValidationError):
        issue.preview_conclusion_notice(meeting, before)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CLOSED and not IssuedDocument.objects.exists()

    client.force_login(world.users["office"])
    data = notice_data(meeting, dated=before.dated.isoformat())
    for name in ("records:notice_issue", "records:notice_preview"):
        response = client.post(reverse(name, args=[meeting.pk]), data)
        assert response.status_code == 400 and says in response.content.decode()
    assert not IssuedDocument.objects.exists()
    empty = client.post(reverse("records:notice_issue", args=[meeting.pk]), notice_data(meeting, recipients=" -\n"))
    assert empty.status_code == 400 and "Hãy ghi ít nhất một nơi nhận." in empty.content.decode()
    # A control character pasted into a field is refused on the form, not a server error writing the DOCX.
    pasted = client.post(
        reverse("records:notice_preview", args=[meeting.pk]), notice_data(meeting, signer_name="A\x01")
    )
    assert pasted.status_code == 400 and "ký tự điều khiển" in pasted.content.decode()


def test_issue_numbers_audits_and_moves_the_meeting(world):
    office = world.users["office"]
    first = issue.check_issue_conclusion_notice(office, closed_meeting(world, number=36))
    second = issue.check_issue_conclusion_notice(office, closed_meeting(world, number=37))
    assert (first.number, second.number) == (1, 2)
    assert second.reference == "2-TB/TU"
    assert second.file.name.endswith(f"TB-2-{second.meeting.pk}.docx")
    second.meeting.refresh_from_db()
    assert second.meeting.status == Meeting.Status.NOTICE_ISSUED
    assert AuditEvent.objects.filter(verb="notice.issue", object_id=str(second.pk)).exists()


def test_a_failed_build_uses_no_number(world, monkeypatch):
    office = world.users["office"]
    meeting = closed_meeting(world)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(issue, "build_notice_docx", broken)
    with pytest.raises(RuntimeError):
        issue.check_issue_conclusion_notice(office, meeting)
    assert not IssuedDocument.objects.exists()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CLOSED

    monkeypatch.undo()
    assert issue.check_issue_conclusion_notice(office, meeting).number == 1


def test_a_failure_after_saving_leaves_no_row_and_no_file(world, monkeypatch, media):
    office = world.users["office"]
    meeting = closed_meeting(world)
    record = audit.record

    def failing(actor, verb, obj, **detail):
        if verb == "notice.issue":
            raise RuntimeError("audit store down")
        return record(actor, verb, obj, **detail)

    monkeypatch.setattr(audit, "record", failing)
    with pytest.raises(RuntimeError):
        issue.check_issue_conclusion_notice(office, meeting)
    assert not IssuedDocument.objects.exists()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CLOSED
    assert not list(media.rglob("*.docx"))

    monkeypatch.undo()
    assert issue.check_issue_conclusion_notice(office, meeting).number == 1


def test_issuing_twice_or_before_closing_is_refused(world):
    office = world.users["office"]
    meeting = closed_meeting(world)
    issue.check_issue_conclusion_notice(office, meeting)
    with pytest.raises(ValidationError):
        issue.check_issue_conclusion_notice(office, meeting)
    running = world.meeting(number=40)
    world.item(running)
    services.check_take_step(office, running, "schedule")
    with pytest.raises(ValidationError):
        issue.check_issue_conclusion_notice(office, running)
    assert IssuedDocument.objects.count() == 1


def test_a_closed_meeting_without_conclusions_is_refused(world):
    office, chair = world.users["office"], world.users["chair"]
    meeting = world.meeting(number=41)
    world.item(meeting)
    for actor, step in [(office, "schedule"), (chair, "start"), (chair, "close")]:
        services.check_take_step(actor, meeting, step)
    with pytest.raises(ValidationError):
        issue.check_issue_conclusion_notice(office, meeting)


@pytest.mark.parametrize("role", ["chair", "member", "leader", "unit"])
def test_only_the_office_issues_and_previews(world, role):
    meeting = closed_meeting(world)
    with pytest.raises(PermissionDenied):
        issue.check_issue_conclusion_notice(world.users[role], meeting)
    preview = client_for(world.users[role], "en").get(reverse("records:notice_preview", args=[meeting.pk]))
    assert preview.status_code == 403
    assert not IssuedDocument.objects.exists()


def test_preview_leaves_the_number_blank_and_uses_none(world):
    meeting = closed_meeting(world)
    doc = Document(io.BytesIO(issue.preview_conclusion_notice(meeting)))
    assert cell_lines(doc.tables[0].rows[0].cells[0])[2] == "Số   -TB/TU"
    assert not IssuedDocument.objects.exists()
    assert issue.check_issue_conclusion_notice(world.users["office"], meeting).number == 1


def test_a_notice_on_a_secret_item_is_marked_and_restricted(world):
    meeting = closed_meeting(world, confidential=True, lead=world.department)
    issued = issue.check_issue_conclusion_notice(world.users["office"], meeting)
    assert cell_lines(open_docx(issued).tables[0].rows[0].cells[0])[-1] == "MẬT"
    assert record_perm.can_download(world.users["member"], issued)
    # Unit staff see the meeting for their directive, but not a notice carrying secret conclusions.
    assert not record_perm.can_download(world.users["unit"], issued)


# The news draft


def test_news_draft_tells_the_meeting_in_the_seeds_style(world, positions):
    meeting = closed_meeting(world)
    draft = news_draft(meeting)
    day = services.meeting_day(meeting)
    assert draft["title"] == "Hội nghị Ban Thường vụ Tỉnh ủy lần thứ 36"
    body = draft["body"]
    paragraphs = body.split("\n\n")
    assert paragraphs[0] == (
        f"Ngày {day.day}/{day.month}, Ban Thường vụ Tỉnh ủy (khóa XVII) đã tổ chức Hội nghị lần thứ 36 để nghe báo cáo "
        "và cho ý kiến đối với một số nội dung quan trọng. Đồng chí Trần Văn Chủ - Ủy viên Trung ương Đảng, "
        "Bí thư Tỉnh ủy, chủ trì Hội nghị."
    )
    assert paragraphs[1] == (
        f"Hội nghị đã nghe và cho ý kiến về: {wording.lower_first(CONCLUDED)} (do UBND tỉnh Bắc Nam trình bày); "
        f"{wording.lower_first(HEARD_ONLY)}."
    )
    deadline = (day + datetime.timedelta(days=30)).strftime("%d/%m/%Y")
    assert paragraphs[2] == (
        f"Đối với {wording.lower_first(CONCLUDED)} (có 1 lượt ý kiến tham gia), {CONCLUSION} "
        f"Ban Thường vụ Tỉnh ủy giao UBND tỉnh Bắc Nam chủ trì, phối hợp với Sở Khoa học và Công nghệ {DIRECTIVE} "
        f"(thời hạn {deadline})."
    )
    assert "Hội nghị đã biểu quyết thông qua Dự thảo Nghị quyết, kết quả: 100% đồng ý." in paragraphs
    others = (
        f"Tại Hội nghị, Ban Thường vụ Tỉnh ủy cũng cho ý kiến vào {wording.lower_first(HEARD_ONLY)} "
        "(có 1 lượt ý kiến tham gia)."
    )
    assert others in paragraphs
    assert paragraphs[-1] == "(Văn phòng Tỉnh ủy)"


def test_presenters_are_joined_as_the_articles_say_it():
    body = "Ban cán sự đảng UBND tỉnh"
    assert wording.presenter_phrase(body, "", []) == "do Ban cán sự đảng UBND tỉnh trình bày"
    assert wording.presenter_phrase("", "Nguyễn Văn A", ["Giám đốc Sở Tài chính"]) == (
        "đồng chí Nguyễn Văn A, Giám đốc Sở Tài chính trình bày"
    )
    assert wording.presenter_phrase(
        body, "Nguyễn Văn A", ["Ủy viên Ban Thường vụ Tỉnh ủy", "Phó Chủ tịch UBND tỉnh"]
    ) == (
        "đồng chí Nguyễn Văn A, Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh, thay mặt "
        "Ban cán sự đảng UBND tỉnh trình bày"
    )
    assert wording.presenter_phrase(body, "Nguyễn Văn A", []) == (
        "đồng chí Nguyễn Văn A thay mặt Ban cán sự đảng UBND tỉnh trình bày"
    )
    assert wording.presenter_phrase("", "", []) == ""


@pytest.mark.parametrize(
    "text, names, expected",
    [
        ("Báo cáo tình hình kinh tế - xã hội.", (), "báo cáo tình hình kinh tế - xã hội"),
        ("Dự thảo Nghị quyết chuyên đề", (), "dự thảo Nghị quyết chuyên đề"),
        ("Ban Thường vụ Tỉnh uỷ yêu cầu", (), "Ban Thường vụ Tỉnh uỷ yêu cầu"),
        ("Hội đồng nhân dân tỉnh thông qua", (), "Hội đồng nhân dân tỉnh thông qua"),
        ("UBND tỉnh báo cáo", (), "UBND tỉnh báo cáo"),
        ("Sở Tài chính rà soát", (), "Sở Tài chính rà soát"),
        ("Sổ tay đảng viên", (), "sổ tay đảng viên"),
        ("Công an tỉnh chủ trì", ("Công an tỉnh",), "Công an tỉnh chủ trì"),
        ("Tiếp tục rà soát", ("Công an tỉnh",), "tiếp tục rà soát"),
    ],
)
def test_a_title_inside_a_sentence_keeps_only_the_capitals_of_names(text, names, expected):
    assert wording.in_sentence(text, names) == expected


def test_news_draft_names_a_person_presenting_for_a_body(world, positions):
    meeting = closed_meeting(world)
    item = meeting.items.get(title=CONCLUDED)
    item.presenter_person = world.people["chair"]
    item.save()
    heard = news_draft(meeting)["body"].split("\n\n")[1]
    assert (
        f"{wording.lower_first(CONCLUDED)} (đồng chí Trần Văn Chủ, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy, "
        "thay mặt UBND tỉnh Bắc Nam trình bày)"
    ) in heard
    assert "báo cáo)" not in heard and "Bắc Nam, Trần" not in heard


def test_news_draft_states_the_outcome_when_the_text_does_not(world):
    paragraphs = news_draft(closed_meeting(world, extra_items=1))["body"].split("\n\n")
    assert (
        "Đối với đề án số 0, Ban Thường vụ Tỉnh ủy đồng ý. Đồng ý với Đề án số 0. Ban Thường vụ Tỉnh ủy giao "
        "Sở Khoa học và Công nghệ chủ trì, phối hợp với UBND tỉnh Bắc Nam triển khai."
    ) in paragraphs


def test_news_draft_keeps_secret_items_out(world):
    body = news_draft(closed_meeting(world, confidential=True))["body"]
    assert CONCLUDED not in body and CONCLUSION[:40] not in body and "100% đồng ý" not in body
    assert f"Hội nghị đã nghe và cho ý kiến về: {wording.lower_first(HEARD_ONLY)}; một số nội dung khác." in body


def test_reading_the_record_takes_the_same_queries_for_more_items(world):
    small, large = closed_meeting(world, number=50), closed_meeting(world, number=51, extra_items=4)
    counts = []
    for meeting in (small, large):
        with CaptureQueriesContext(connection) as queries:
            news_draft(meeting)
        counts.append(len(queries))
    assert counts[0] == counts[1]


# The pages


def test_office_previews_issues_and_everyone_allowed_downloads(world, client):
    meeting = closed_meeting(world)
    client.force_login(world.users["office"])
    preview = client.get(reverse("records:notice_preview", args=[meeting.pk]))
    assert preview.status_code == 200 and preview["Content-Type"].startswith("application/vnd.openxmlformats")
    url = reverse("records:notice_issue", args=[meeting.pk])
    detail = reverse("meetings:detail", args=[meeting.pk])
    form_page = reverse("records:notice_form", args=[meeting.pk])
    assert form_page in client.get(detail).content.decode()
    page = client.get(form_page).content.decode()
    assert f'action="{url}"' in page and reverse("records:notice_preview", args=[meeting.pk]) in page
    assert client.get(url).status_code == 405
    response = client.post(url, notice_data(meeting), follow=True)
    assert response.redirect_chain[-1][0] == detail
    # The number once: "Thông báo số 1-TB/TU", not "số Số".
    assert [str(m) for m in response.context["messages"]] == ["Đã ban hành Thông báo số 1-TB/TU."]
    issued = IssuedDocument.objects.get()
    assert reverse("records:notice_download", args=[issued.pk]) in response.content.decode()

    again = client.post(url, notice_data(meeting))
    assert again.status_code == 400 and "sau khi hội nghị kết thúc" in again.content.decode()
    assert IssuedDocument.objects.count() == 1

    download = reverse("records:notice_download", args=[issued.pk])
    client.force_login(world.users["member"])
    panel = client.get(detail).content.decode()
    assert download in panel and "notice/preview" not in panel
    response = client.get(download)
    assert response.status_code == 200
    assert "1-TB-TU.docx" in response["Content-Disposition"]
    downloaded = Document(io.BytesIO(b"".join(response.streaming_content)))
    assert "Số 1-TB/TU" in cell_lines(downloaded.tables[0].rows[0].cells[0])
    assert client.post(url, notice_data(meeting)).status_code == 403
    assert client.get(form_page).status_code == 403
    client.force_login(world.users["outsider"])
    assert client.get(download).status_code == 403


def test_news_draft_pages_are_for_the_office(world, client):
    meeting = closed_meeting(world)
    page = reverse("records:news_draft", args=[meeting.pk])
    docx = reverse("records:news_draft_docx", args=[meeting.pk])
    client.force_login(world.users["member"])
    assert client.get(page).status_code == 403 and client.get(docx).status_code == 403
    client.force_login(world.users["office"])
    response = client.get(page)
    assert response.status_code == 200
    assert "<textarea" in response.content.decode() and DIRECTIVE in response.content.decode()
    paragraphs = texts(Document(io.BytesIO(client.get(docx).content)))
    assert paragraphs[0] == "Hội nghị Ban Thường vụ Tỉnh ủy lần thứ 36" and paragraphs[-1] == "(Văn phòng Tỉnh ủy)"


def test_no_notice_is_issued_in_the_name_of_an_ended_committee(world, client):
    """A closed meeting of a committee that has since ended (merged in 2025) keeps its records, but no new number
    of its series can be given: the page offers the preview only and says why, and the service refuses."""
    meeting = closed_meeting(world, days_ago=40)
    world.committee.end = timezone.localdate() - datetime.timedelta(days=10)
    world.committee.save()
    meeting.refresh_from_db()
    client.force_login(world.users["office"])
    panel = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Soạn thông báo" in panel and "Soạn và ban hành thông báo" not in panel
    page = client.get(reverse("records:notice_form", args=[meeting.pk])).content.decode()
    assert "không thể ban hành thông báo nhân danh" in page and "Ban hành thông báo</button>" not in page
    refused = client.post(reverse("records:notice_issue", args=[meeting.pk]), notice_data(meeting))
    assert refused.status_code == 400 and "không thể ban hành thông báo nhân danh" in refused.content.decode()
    assert not IssuedDocument.objects.exists()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CLOSED
    # The day it ends is still its own.
    world.committee.end = timezone.localdate()
    world.committee.save()
    assert issue.check_issue_conclusion_notice(world.users["office"], meeting).reference == "1-TB/TU"
