"""Deleting a draft meeting or poll made by mistake: audited, only while nothing depends on it, refused in
Vietnamese otherwise, and never by anyone but the office (or, for a poll, the chair)."""

import pytest
from django.urls import reverse

from hoinghi.core.models import AuditEvent
from hoinghi.meetings import services as meetings
from hoinghi.meetings.models import AgendaItem, Meeting, Opinion, Participant
from hoinghi.voting import services
from hoinghi.voting.models import BoardSeat, Poll, PollSubject
from tests.clients import client_for
from tests.voting_helpers import new_poll, open_poll, running_meeting


@pytest.fixture
def draft(world):
    meeting = world.meeting(title="Hội nghị thử nghiệm (nhập nhầm)")
    world.item(meeting, title="Nội dung thử")
    return meeting


def test_the_office_deletes_a_draft_meeting_with_its_agenda_and_the_log_keeps_it(world, draft):
    office = client_for(world.users["office"], "vi")
    page = office.get(reverse("meetings:delete", args=[draft.pk])).content.decode()
    assert "Nội dung thử" in page and 'id="meeting-delete-confirm"' in page
    response = office.post(reverse("meetings:delete", args=[draft.pk]))
    assert response.status_code == 302 and response.url == reverse("meetings:list")
    assert not Meeting.objects.filter(pk=draft.pk).exists()
    assert not AgendaItem.objects.filter(meeting_id=draft.pk).exists()
    assert not Participant.objects.filter(meeting_id=draft.pk).exists()
    event = AuditEvent.objects.get(verb="meeting.delete")
    assert (event.actor_username, event.object_id) == ("office", str(draft.pk))
    assert event.detail["title"] == "Hội nghị thử nghiệm (nhập nhầm)" and event.detail["items"] == ["Nội dung thử"]


@pytest.mark.parametrize("username", ["chair", "member", "leader", "unit", "outsider"])
def test_nobody_but_the_office_deletes_a_meeting(world, draft, username):
    client = client_for(world.users[username], "vi")
    assert client.get(reverse("meetings:delete", args=[draft.pk])).status_code in (403, 404)
    assert client.post(reverse("meetings:delete", args=[draft.pk])).status_code in (403, 404)
    assert Meeting.objects.filter(pk=draft.pk).exists()
    assert not AuditEvent.objects.filter(verb="meeting.delete").exists()


def refused(world, meeting) -> str:
    """The office's attempt: the page says why, and the meeting, its agenda and the log are as they were."""
    office = client_for(world.users["office"], "vi")
    items = list(meeting.items.values_list("pk", flat=True))
    page = office.get(reverse("meetings:delete", args=[meeting.pk])).content.decode()
    assert 'id="meeting-delete-confirm"' not in page
    response = office.post(reverse("meetings:delete", args=[meeting.pk]))
    assert response.status_code == 400
    assert Meeting.objects.filter(pk=meeting.pk).exists()
    assert list(meeting.items.values_list("pk", flat=True)) == items
    assert not AuditEvent.objects.filter(verb="meeting.delete").exists()
    return response.content.decode()


def test_a_meeting_with_a_poll_or_an_opinion_is_kept_and_the_page_says_what_depends(world, draft):
    item = draft.items.get()
    new_poll(world, draft, item=item)
    Opinion.objects.create(item=item, author=world.people["member"], text="Đề nghị bổ sung số liệu.")
    page = refused(world, draft)
    assert "Không thể xóa cuộc họp này vì đã có: ý kiến (1)." in page
    Opinion.objects.all().delete()
    # The poll belongs to a higher app: it protects the meeting, and the refusal names it too.
    assert "Không thể xóa cuộc họp này vì đã có: biểu quyết (1)." in refused(world, draft)


def test_a_scheduled_meeting_stays_on_record(world, draft):
    meetings.check_take_step(world.users["office"], draft, "schedule")
    assert "Chỉ xóa được cuộc họp còn là bản nháp" in refused(world, draft)


def test_the_office_deletes_a_draft_poll_with_its_names_and_board(world):
    meeting = running_meeting(world)
    poll = new_poll(world, meeting, kind="candidates", subjects=[("Lê Thị Ủy", world.people["member"])])
    assert BoardSeat.objects.filter(poll=poll).exists()
    office = client_for(world.users["office"], "vi")
    assert 'id="poll-delete"' in office.get(reverse("voting:detail", args=[poll.pk])).content.decode()
    response = office.post(reverse("voting:delete", args=[poll.pk]))
    assert response.status_code == 302 and response.url == reverse("meetings:detail", args=[meeting.pk])
    assert not Poll.objects.filter(pk=poll.pk).exists()
    assert not PollSubject.objects.filter(poll_id=poll.pk).exists() and not BoardSeat.objects.filter(poll_id=poll.pk)
    event = AuditEvent.objects.get(verb="poll.delete")
    assert event.actor_username == "office" and event.detail["subjects"] == ["Lê Thị Ủy"]
    # With its only poll gone, nothing keeps the meeting but its state (it is running).
    meeting.refresh_from_db()
    assert meeting.status == "in_progress"


def test_an_opened_poll_stays_on_record_and_members_cannot_delete(world):
    meeting = running_meeting(world, present=[world.users[n] for n in ("chair", "member", "member2")])
    draft_poll = new_poll(world, meeting)
    for username in ("member", "member2", "leader"):
        client = client_for(world.users[username], "vi")
        assert client.post(reverse("voting:delete", args=[draft_poll.pk])).status_code in (403, 404)
    assert Poll.objects.filter(pk=draft_poll.pk).exists()
    poll = open_poll(world, meeting, method="open")
    chair = client_for(world.users["chair"], "vi")
    response = chair.post(reverse("voting:delete", args=[poll.pk]))
    assert response.status_code == 400
    assert "Chỉ xóa được biểu quyết còn là bản nháp" in response.content.decode()
    assert Poll.objects.get(pk=poll.pk).status == "open"
    assert not AuditEvent.objects.filter(verb="poll.delete").exists()
    services.check_close_poll(world.users["chair"], poll)
