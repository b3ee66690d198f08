"""The pages through HTTP: who gets what, bad input answered in Vietnamese, CSRF enforced."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hoinghi.meetings import services
from hoinghi.meetings.models import Meeting
from tests.clients import client_for


@pytest.fixture
def scheduled(world):
    meeting = world.meeting(number=7)
    item = world.item(meeting)
    services.check_take_step(world.users["office"], meeting, "schedule")
    return meeting, item


def test_the_participants_are_listed_with_their_role_and_an_invitees_items(world, scheduled):
    meeting, item = scheduled
    second = world.item(meeting, title="Báo cáo kết quả giám sát")
    office = world.users["office"]
    services.check_add_participant(office, meeting, world.people["invitee"], "invitee", items=[item, second])
    page = client_for(world.users["leader"]).get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert 'Đỗ Minh Khách <span class="text-muted">(1, 2)</span>' in page
    assert '<span class="badge text-bg-light">Đại biểu mời</span>' in page
    assert '<span class="badge text-bg-light">Chủ trì</span>' in page
    chair = client_for(world.users["chair"]).get(reverse("meetings:chair", args=[meeting.pk])).content.decode()
    assert "Đại biểu mời · không biểu quyết" in chair


@pytest.mark.parametrize(
    "role,status", [("office", 200), ("chair", 200), ("member", 200), ("leader", 200), ("outsider", 403), ("unit", 403)]
)
def test_meeting_and_item_pages_by_role(world, scheduled, role, status):
    meeting, item = scheduled
    client = client_for(world.users[role])
    assert client.get(reverse("meetings:detail", args=[meeting.pk])).status_code == status
    assert client.get(reverse("meetings:item", args=[item.pk])).status_code == status


def test_anonymous_is_sent_to_login(world, scheduled):
    response = Client().get(reverse("meetings:detail", args=[scheduled[0].pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_pages_speak_vietnamese_by_default_and_english_on_request(world, scheduled):
    meeting, _ = scheduled
    client = client_for(world.users["office"])
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Chương trình" in page and "Thành phần" in page
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Agenda" in page and "Participants" in page


def test_a_date_in_the_wrong_format_gets_a_clear_message_and_nothing_saved(world):
    client = client_for(world.users["office"])
    before = Meeting.objects.count()
    response = client.post(
        reverse("meetings:create"),
        {
            "body": world.body.pk,
            "term": world.term.pk,
            "kind": "regular",
            "title": "Hội nghị thử",
            "starts_at": "32/13/2021 25:00",
        },
    )
    assert response.status_code == 200
    assert "dd/mm/yyyy" in response.content.decode()
    assert Meeting.objects.count() == before


def test_duplicate_number_message_on_the_form(world, scheduled):
    client = client_for(world.users["office"])
    response = client.post(
        reverse("meetings:create"),
        {
            "body": world.body.pk,
            "term": world.term.pk,
            "number": 7,
            "kind": "regular",
            "title": "Trùng số",
            "starts_at": "10/09/2021 08:00",
        },
    )
    page = response.content.decode()
    assert "đã có hội nghị số 7" in page
    assert not Meeting.objects.filter(title="Trùng số").exists()


def test_create_meeting_through_the_form(world):
    client = client_for(world.users["office"])
    response = client.post(
        reverse("meetings:create"),
        {
            "body": world.body.pk,
            "term": world.term.pk,
            "number": 36,
            "kind": "regular",
            "title": "Hội nghị Ban Thường vụ Tỉnh ủy lần thứ 36",
            "starts_at_0": "10/09/2021",
            "starts_at_1": "08:00",
            "place": "Hội trường",
        },
    )
    meeting = Meeting.objects.get(number=36)
    assert response.status_code == 302 and response["Location"] == reverse("meetings:detail", args=[meeting.pk])
    assert meeting.participants.count() == 3
    assert timezone.localtime(meeting.starts_at).strftime("%d/%m/%Y %H:%M") == "10/09/2021 08:00"


def test_moving_an_item_in_a_closed_meeting_is_refused_with_a_message(world, scheduled):
    meeting, item = scheduled
    services.check_take_step(world.users["chair"], meeting, "start")
    services.check_take_step(world.users["chair"], meeting, "close")
    client = client_for(world.users["office"])
    response = client.post(
        reverse("meetings:reorder", args=[meeting.pk]), {"move": item.pk, "direction": "down"}, follow=True
    )
    assert "Không thể thay đổi chương trình của hội nghị đã kết thúc." in response.content.decode()


def test_post_without_csrf_token_is_refused(world, scheduled):
    meeting, item = scheduled
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["member"])
    response = client.post(reverse("meetings:opinion_add", args=[item.pk]), {"text": "Ý kiến"})
    assert response.status_code == 403
    assert item.opinions.count() == 0


def test_member_writes_an_opinion_and_the_count_shows(world, scheduled):
    meeting, item = scheduled
    client = client_for(world.users["member"])
    response = client.post(
        reverse("meetings:opinion_add", args=[item.pk]), {"text": "Đề nghị bổ sung giải pháp."}, follow=True
    )
    assert "Đề nghị bổ sung giải pháp." in response.content.decode()
    office_page = client_for(world.users["office"]).get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "1 ý kiến" in office_page


def test_chair_view_records_attendance_with_htmx(world, scheduled):
    meeting, _ = scheduled
    participant = meeting.participants.filter(is_member=True).first()
    client = client_for(world.users["chair"])
    assert client.get(reverse("meetings:chair", args=[meeting.pk])).status_code == 200
    response = client.post(
        reverse("meetings:attendance", args=[participant.pk]), {"attendance": "absent"}, HTTP_HX_REQUEST="true"
    )
    assert "lý do" in response.content.decode().lower()
    participant.refresh_from_db()
    assert participant.attendance == "unknown"
    client.post(
        reverse("meetings:attendance", args=[participant.pk]), {"attendance": "present"}, HTTP_HX_REQUEST="true"
    )
    participant.refresh_from_db()
    assert participant.attendance == "present"
    assert client_for(world.users["member"]).get(reverse("meetings:chair", args=[meeting.pk])).status_code == 403


def test_list_filters_and_search(world, scheduled):
    meeting, _ = scheduled
    client = client_for(world.users["office"])
    page = client.get(reverse("meetings:list"), {"q": "ban thuong vu", "status": "scheduled"}).content.decode()
    assert meeting.title in page
    page = client.get(reverse("meetings:list"), {"status": "closed"}).content.decode()
    assert meeting.title not in page


def test_an_opinion_on_one_paper_of_the_item(world, scheduled):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from hoinghi.meetings import documents

    meeting, item = scheduled
    draft = documents.check_upload_document(
        world.users["office"],
        item,
        title="Dự thảo Nghị quyết",
        kind="draft_resolution",
        confidentiality="normal",
        uploaded_file=SimpleUploadedFile("du-thao.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    client = client_for(world.users["member"])
    page = client.get(reverse("meetings:item", args=[item.pk])).content.decode()
    assert "Dự thảo Nghị quyết" in page and 'name="document"' in page
    client.post(reverse("meetings:opinion_add", args=[item.pk]), {"text": "Sửa điều 3.", "document": draft.pk})
    assert item.opinions.get().document == draft
