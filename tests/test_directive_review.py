"""The review in the room: the body's next meeting shows the directives its earlier meetings issued that are
still open or were closed since its previous meeting, to those who may see them; the notice lists them."""

import datetime
import io
from dataclasses import replace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from docx import Document

from hoinghi.directives import rules, services
from hoinghi.directives.models import Directive
from hoinghi.directives.review import review
from hoinghi.directory.models import Body, Organization, Reorganization, Term
from hoinghi.directory.reorganization import do_record_reorganization
from hoinghi.meetings import services as meeting_services
from hoinghi.records import issue, wording
from hoinghi.records.notice import default_options
from tests.directive_helpers import directive
from tests.factories import make_user


def ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def on(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def held(world, days_ago: int, title: str, **meeting_fields):
    """A meeting held `days_ago` days ago (of the world's body unless told), running, with one item."""
    meeting = world.meeting(starts_at=ago(days_ago), title=title, **meeting_fields)
    item = world.item(meeting)
    meeting_services.check_take_step(world.users["office"], meeting, "schedule")
    meeting_services.check_take_step(world.users["chair"], meeting, "start")
    return meeting, item


def close(world, meeting):
    meeting_services.check_take_step(world.users["chair"], meeting, "close")


def closed_on(task, days_ago: int) -> None:
    """Dated as if it had been closed `days_ago` days ago (done then, if it is done: reported and confirmed)."""
    Directive.objects.filter(pk=task.pk).update(closed_at=ago(days_ago))
    Directive.objects.filter(pk=task.pk, status="done").update(done_on=timezone.localdate(ago(days_ago)))


class Earlier:
    """Three meetings of the Standing Committee (90 and 30 days ago, one next week) and one of another body.

    The first gave the Department (world's "unit") and the Government directives in every state; the
    Government coordinates only the cancelled one.
    """

    def __init__(self, world):
        office, alone = world.users["office"], {"coordinating_organizations": []}
        self.government_staff = make_user("ubnd", "unit_staff", organization=world.government)
        self.first, item = held(world, 90, "Hội nghị Ban Thường vụ lần thứ 10")
        secret = world.item(self.first, title="Một số nội dung về công tác cán bộ", confidentiality="secret")
        self.overdue = directive(world, item, content="Rà soát quy hoạch", deadline=on(-30), **alone)
        services.check_report_progress(world.users["unit"], self.overdue, text="Đang lấy ý kiến các sở.", percent=40)
        self.done_early = directive(world, item, content="Báo cáo số liệu", deadline=on(-70), **alone)
        self._done(world, world.users["unit"], self.done_early, days_ago=75)
        self.done_late = directive(
            world, item, content="Hoàn thiện đề án", deadline=on(-40), lead_organization=world.government, **alone
        )
        self._done(world, self.government_staff, self.done_late, days_ago=20)
        self.cancelled = directive(world, item, content="Khảo sát mô hình", deadline=None)
        services.check_cancel_directive(office, self.cancelled, reason="Đã lồng ghép vào đề án chung")
        closed_on(self.cancelled, 10)
        self.personnel = directive(world, secret, content="Quy trình nhân sự", deadline=on(20), **alone)
        close(world, self.first)
        self.second, item = held(world, 30, "Hội nghị Ban Thường vụ lần thứ 11")
        self.in_time = directive(
            world, item, content="Xây dựng kế hoạch", deadline=on(10), lead_organization=world.government, **alone
        )
        close(world, self.second)
        self.next = world.meeting(starts_at=timezone.now() + datetime.timedelta(days=7), title="Hội nghị lần thứ 12")
        world.item(self.next, title="Báo cáo tình hình thực hiện các kết luận")
        meeting_services.check_take_step(office, self.next, "schedule")
        body = Body.objects.create(organization=world.committee, name="Ban Chấp hành", kind="executive_committee")
        term = Term.objects.create(body=body, ordinal="XVII", start=datetime.date(2020, 10, 1))
        _other, item = held(world, 60, "Hội nghị Ban Chấp hành", body=body, term=term)
        directive(world, item, content="Việc của Ban Chấp hành", deadline=on(-5))

    @staticmethod
    def _done(world, reporter, task, days_ago):
        services.check_report_progress(reporter, task, text="Đã hoàn thành, gửi kèm báo cáo.", done=True)
        services.check_confirm_done(world.users["office"], task)
        closed_on(task, days_ago)


@pytest.fixture
def earlier(world):
    return Earlier(world)


def contents(result) -> list[str]:
    return [line.directive.content for line in result.lines]


def test_open_or_closed_since_the_previous_meeting(earlier):
    result = review(earlier.next)
    assert result.since == earlier.second
    # In the order they were given: meeting, item, directive. Closed before the last meeting: not again.
    assert contents(result) == [
        "Rà soát quy hoạch",
        "Hoàn thiện đề án",
        "Khảo sát mô hình",
        "Quy trình nhân sự",
        "Xây dựng kế hoạch",
    ]
    lines = {line.directive.content: line for line in result.lines}
    assert (lines["Rà soát quy hoạch"].split, lines["Rà soát quy hoạch"].days_late) == (rules.OPEN_OVERDUE, 30)
    assert lines["Rà soát quy hoạch"].directive.latest_percent == 40
    assert (lines["Hoàn thiện đề án"].split, lines["Hoàn thiện đề án"].days_late) == (rules.DONE_LATE, 20)
    assert (lines["Khảo sát mô hình"].split, lines["Khảo sát mô hình"].days_late) == (None, 0)
    assert (lines["Xây dựng kế hoạch"].split, lines["Xây dựng kế hoạch"].days_late) == (rules.OPEN_IN_TIME, 0)


def test_the_previous_meeting_sees_everything_closed_since_the_one_before(earlier):
    result = review(earlier.second)
    assert result.since == earlier.first
    assert "Báo cáo số liệu" in contents(result)
    lines = {line.directive.content: line for line in result.lines}
    assert lines["Báo cáo số liệu"].split == rules.DONE_ON_TIME
    assert "Xây dựng kế hoạch" not in contents(result)  # its own, not an earlier meeting's


def test_nothing_to_review_at_a_bodys_first_meeting(earlier):
    assert review(earlier.first).since is None and review(earlier.first).lines == []


def test_a_meeting_that_never_took_place_is_not_the_previous_one(world, earlier):
    skipped = world.meeting(starts_at=ago(5), title="Hội nghị hoãn")
    world.item(skipped)
    meeting_services.check_take_step(world.users["office"], skipped, "schedule")
    assert review(earlier.next).since == earlier.second


def test_the_notice_lists_them_without_the_confidential_ones(world, earlier):
    chair = world.users["chair"]
    meeting_services.check_take_step(chair, earlier.next, "start")
    item = earlier.next.items.get()
    meeting_services.check_record_conclusion(chair, item, "noted", "Ban Thường vụ ghi nhận báo cáo.")
    close(world, earlier.next)
    # The review is a section the office chooses to include.
    options = replace(default_options(earlier.next, timezone.localdate()), include_review=True)
    doc = Document(io.BytesIO(issue.preview_conclusion_notice(earlier.next, options)))
    paragraphs = [p.text for p in doc.paragraphs]
    # As of the notice's date: the meeting's day, a few days ahead.
    late = 30 + (options.dated - timezone.localdate()).days
    heading = "2. Về tình hình thực hiện các nhiệm vụ Ban Thường vụ Tỉnh ủy giao tại các hội nghị trước"
    assert heading in paragraphs
    listed = paragraphs[paragraphs.index(heading) + 1 :]
    assert listed[0] == (
        "- Giao Sở Khoa học và Công nghệ rà soát quy hoạch; thời hạn: "
        f"{on(-30):%d/%m/%Y} (giao tại hội nghị Ban Thường vụ lần thứ 10 ngày "
        f"{wording.full_date(timezone.localdate(earlier.first.starts_at))}): đang thực hiện, quá hạn {late} ngày."
    )
    assert listed[1].endswith(f"đã hoàn thành ngày {wording.full_date(on(-20))}, chậm 20 ngày.")
    assert listed[2].endswith("dừng thực hiện (Đã lồng ghép vào đề án chung).")
    assert listed[3].endswith("chưa báo cáo kết quả, trong hạn.")
    assert not any("Quy trình nhân sự" in text for text in paragraphs)
    # Proposed to: the units of this meeting's directives (none here), the members, the office's file; the office
    # adds the units of the review on the form when it sends them the notice.
    recipients = [p.text for p in doc.tables[-1].rows[0].cells[0].paragraphs]
    assert recipients[1:] == ["- Các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy,", "- Lưu VPTU."]


def test_a_notice_with_nothing_to_review_has_no_such_section(world):
    meeting, item = held(world, 3, "Hội nghị đầu tiên")
    meeting_services.check_record_conclusion(world.users["chair"], item, "approved", "Đồng ý.")
    close(world, meeting)
    doc = Document(io.BytesIO(issue.preview_conclusion_notice(meeting)))
    assert not any("giao tại các hội nghị trước" in p.text for p in doc.paragraphs)


# The meeting page.


def page(client, user, meeting):
    client.force_login(user)
    return client.get(reverse("meetings:detail", args=[meeting.pk]))


def listed(response) -> list[str]:
    review_ = response.context.get("review")
    return contents(review_) if review_ else []


@pytest.mark.parametrize("who", ["office", "leader", "chair", "member"])
def test_the_office_leaders_and_the_body_see_it_all(world, earlier, client, who):
    response = page(client, world.users[who], earlier.next)
    assert response.status_code == 200
    # A leader sees what is not confidential: not the directive of the personnel item.
    assert len(listed(response)) == (4 if who == "leader" else 5)
    assert ("Quy trình nhân sự" in listed(response)) == (who != "leader")
    html = response.content.decode()
    assert "Rà soát quy hoạch" in html and "Việc của Ban Chấp hành" not in html
    detail = reverse("directives:detail", args=[earlier.overdue.pk])
    # The follow-up pages are the office's and the leaders'; the members review the list in the room.
    assert (f'href="{detail}"' in html) == (who in {"office", "leader"})


def test_a_unit_sees_only_its_own_as_lead_or_coordinating(earlier, client):
    # The Government was given a directive at the second meeting, so its staff may open that meeting.
    response = page(client, earlier.government_staff, earlier.second)
    assert response.status_code == 200
    assert listed(response) == ["Hoàn thiện đề án", "Khảo sát mô hình"]
    html = response.content.decode()
    assert "Rà soát quy hoạch" not in html
    assert f'href="{reverse("directives:detail", args=[earlier.done_late.pk])}"' in html


def test_an_invitee_sees_the_meeting_but_not_the_review(world, earlier, client):
    meeting_services.check_add_participant(world.users["office"], earlier.next, world.people["invitee"], "invitee")
    response = page(client, world.users["invitee"], earlier.next)
    assert response.status_code == 200 and listed(response) == []
    assert "Rà soát quy hoạch" not in response.content.decode()


def test_the_chairs_view_shows_it_too(world, earlier, client):
    client.force_login(world.users["chair"])
    response = client.get(reverse("meetings:chair", args=[earlier.next.pk]))
    assert response.status_code == 200 and len(listed(response)) == 5


def test_the_page_costs_the_same_queries_however_many_directives(world, earlier, client):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert page(client, world.users["office"], earlier.next).status_code == 200
        return len(queries)

    count()  # the first request fills caches that later ones use
    before = count()
    item = earlier.second.items.get()
    for n in range(6):
        extra = directive(world, item, content=f"Nhiệm vụ bổ sung {n}", deadline=on(n - 3))
        services.check_report_progress(world.users["unit"], extra, text="Đã triển khai.", percent=10 * n)
    assert len(listed(page(client, world.users["office"], earlier.next))) == 11
    assert count() == before


def test_after_a_merger_the_successors_body_reviews_the_work_it_inherited(world, earlier, client):
    """The committee ended 20 days ago, its duties passed to a new one: the new Standing Committee's first meeting goes through the
    directives its predecessor's Standing Committee left open or closed since it last met, except those of the
    confidential item (they stay in the room they were heard in) and the other kind of body's."""
    effective = on(-20)
    successor = Organization.objects.create(name="Thành ủy mới", kind="party", document_code="TU", start=effective)
    do_record_reorganization(
        world.users["office"],
        kind=Reorganization.Kind.DISSOLUTION,
        predecessors=[world.committee],
        successors=[successor],
        effective=effective,
        basis_number="202/2025/QH15",
        basis_date=on(-40),
    )
    body = Body.objects.create(organization=successor, name="Ban Thường vụ Thành ủy", kind="standing_committee")
    term = Term.objects.create(body=body, ordinal="I", start=effective)
    first = world.meeting(starts_at=timezone.now() + datetime.timedelta(days=3), body=body, term=term)
    inherited = review(first, today=timezone.localdate())
    assert inherited.since == earlier.second
    assert contents(inherited) == ["Rà soát quy hoạch", "Hoàn thiện đề án", "Khảo sát mô hình", "Xây dựng kế hoạch"]
    assert inherited.inherited and not review(earlier.next).inherited
    # The meeting's page says whose meetings those were.
    shown = page(client, world.users["office"], first).content.decode()
    assert "Cùng các chỉ đạo của các cơ quan tiền nhiệm đã giao" in shown
    assert f'{earlier.second.title} <span class="text-muted fw-normal">· {world.body.name} ·' in shown
    # The predecessor's own review is as it was.
    assert len(contents(review(earlier.next))) == 5
