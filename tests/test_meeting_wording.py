"""How meetings are named and their attendance said: a council's session, attendance never recorded."""

import datetime

from django.urls import reverse
from django.utils import translation

from hoinghi.directory.models import Body, Term
from hoinghi.ingest import accepting
from hoinghi.meetings import services
from hoinghi.records import wording
from hoinghi.records.news import news_draft

UNKNOWN = "Cuộc họp này không được ghi nhận điểm danh."


def test_a_councils_session_is_a_ky_hop_not_a_hoi_nghi(world):
    council = Body(organization=world.committee, name="HĐND tỉnh", kind=Body.Kind.COUNCIL)
    committee = Body(organization=world.committee, name="Ban Thường vụ Tỉnh ủy", kind=Body.Kind.STANDING_COMMITTEE)
    day = datetime.date(2024, 5, 14)
    with translation.override("vi"):
        assert accepting.title_of(council, 15, day, "Khai mạc kỳ họp") == "Kỳ họp thứ 15, HĐND tỉnh"
        assert accepting.title_of(committee, 36, day, "") == "Hội nghị Ban Thường vụ Tỉnh ủy lần thứ 36"
    assert wording.sitting_name(15, "", "HĐND tỉnh", "regular", "council") == "Kỳ họp thứ 15"
    assert wording.sitting_name(None, "Kỳ họp HĐND tỉnh", "HĐND tỉnh", "thematic", "council") == "kỳ họp chuyên đề"
    assert wording.sitting_name(36, "", "Ban Thường vụ Tỉnh ủy", "regular", "standing_committee") == (
        "Hội nghị lần thứ 36"
    )


def test_a_held_meeting_without_attendance_says_so_instead_of_no_quorum(world, client):
    office, chair = world.users["office"], world.users["chair"]
    held = world.meeting(number=40)
    world.item(held)
    services.check_take_step(office, held, "schedule")
    services.check_take_step(chair, held, "start")
    services.check_take_step(chair, held, "close")
    client.force_login(office)
    page = client.get(reverse("meetings:detail", args=[held.pk])).content.decode()
    assert UNKNOWN in page and "Chưa đủ" not in page and "thành viên có mặt" not in page

    # Before a meeting, or once attendance is marked, the count and the quorum are shown.
    coming = world.meeting(number=41)
    world.item(coming)
    page = client.get(reverse("meetings:detail", args=[coming.pk])).content.decode()
    assert UNKNOWN not in page and "thành viên có mặt" in page
    services.check_take_step(office, coming, "schedule")
    services.check_take_step(chair, coming, "start")
    for participant in coming.participants.filter(is_member=True):
        services.check_record_attendance(office, participant, "present")
    services.check_take_step(chair, coming, "close")
    page = client.get(reverse("meetings:detail", args=[coming.pk])).content.decode()
    assert UNKNOWN not in page and "Đủ điều kiện tiến hành" in page


def test_the_news_of_a_council_tells_of_its_session(world):
    council = Body.objects.create(organization=world.committee, name="HĐND tỉnh", kind=Body.Kind.COUNCIL)
    term = Term.objects.create(body=council, ordinal="XVII", start=datetime.date(2021, 6, 1))
    session = world.meeting(body=council, term=term, number=15, title="Kỳ họp thứ 15, HĐND tỉnh")
    world.item(session, title="Nghị quyết về giá đất", presenter_organization=world.government)
    draft = news_draft(session)
    assert draft["title"] == "Kỳ họp thứ 15, HĐND tỉnh khóa XVII"
    lead, heard = draft["body"].split("\n\n")[:2]
    assert "đã tổ chức Kỳ họp thứ 15 để nghe" in lead and lead.endswith("chủ trì Kỳ họp.")
    assert heard.startswith("Kỳ họp đã nghe và cho ý kiến về: nghị quyết về giá đất (do UBND tỉnh Bắc Nam trình bày)")
    assert "Hội nghị" not in draft["body"] and "lần thứ" not in draft["title"]
