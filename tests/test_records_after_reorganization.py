"""Records keep their names: a 2021 meeting of a provincial Standing Committee reads the same after the committee
merged into a city committee (its page, its notice, its news draft, its vote-count record); the city committee
has its own terms and numbers its notices from 1."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document

from hoinghi.directives import transfer
from hoinghi.directives.models import Directive
from hoinghi.directives.services import check_add_directive
from hoinghi.directory import reorganization
from hoinghi.directory.models import Body, Membership, Organization, Position, Reorganization, Term
from hoinghi.meetings import services as meetings
from hoinghi.meetings.models import Participant, VoteRecord
from hoinghi.records import issue
from hoinghi.records.news import news_draft
from hoinghi.records.notice import default_options
from hoinghi.records.vote_count import build_count_record
from hoinghi.voting import services as voting
from tests.clients import client_for
from tests.voting_helpers import close_poll, new_poll

pytestmark = pytest.mark.django_db

EFFECTIVE = datetime.date(2025, 7, 1)
HELD = datetime.date(2021, 3, 2)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(8)))


def concluded_meeting(world, day: datetime.date, number: int, *, body=None, term=None, chair=None):
    """A meeting held on `day`: an item presented by the provincial People's Committee, a typed vote, an open poll
    cast by the members present, a conclusion with a directive; closed."""
    office, chair = world.users["office"], chair or world.users["chair"]
    meeting = world.meeting(starts_at=at(day), number=number, **({"body": body, "term": term} if body else {}))
    item = world.item(meeting, presenter_organization=world.government, presenter_person=world.people["member"])
    meetings.check_take_step(office, meeting, "schedule")
    meetings.check_take_step(chair, meeting, "start")
    for seat in meeting.participants.filter(is_member=True):
        meetings.check_record_attendance(office, seat, Participant.Attendance.PRESENT)
    VoteRecord.objects.create(item=item, subject="thông qua Dự thảo Nghị quyết", method="open", result_text="100%")
    poll = new_poll(world, meeting, method="open", item=item, title="Thông qua Nghị quyết chuyên đề")
    poll = cast_and_publish(world, poll)
    conclusion = meetings.check_record_conclusion(chair, item, "approved", "Ban Thường vụ Tỉnh ủy thống nhất.")
    check_add_directive(
        chair,
        conclusion,
        lead_organization=world.government,
        content="hoàn thiện Dự thảo trình Ban Chấp hành",
        deadline=day + datetime.timedelta(days=30),
        coordinating_organizations=[world.department],
    )
    meetings.check_take_step(chair, meeting, "close")
    meeting.refresh_from_db()
    return meeting, poll


def cast_and_publish(world, poll):
    """The members present vote yes; the poll is closed and published."""
    poll = voting.check_open_poll(world.users["chair"], poll)
    subject = str(poll.subjects.values_list("pk", flat=True).first())
    for name in ("chair", "member", "member2"):
        voting.cast(world.users[name], poll, {subject: "yes"}, voting.new_token())
    return voting.check_publish_poll(world.users["chair"], close_poll(world, poll))


# The audit log's head as the file is made: each new file proves the log up to its own moment, so it changes with
# every event recorded since, the reorganization's included; it is not the record's text.
LOG_CODE = "Mã xác minh nhật ký: "


def docx_text(content: bytes) -> list[str]:
    doc = Document(io.BytesIO(content))
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return [p.text for p in doc.paragraphs if not p.text.startswith(LOG_CODE)] + cells


# Said on the meeting's page once its body has ended, outside the record's own text.
ENDED_NOTE = re.compile(r'<p[^>]* id="body-ended">(.*?)</p>')


def page_text(client, url: str) -> str:
    """The page's main content as read, without the form tokens that change with every request."""
    html = client.get(url).content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", main)


def read_records(world, meeting, poll, options) -> dict:
    office = client_for(world.users["office"])
    return {
        "meeting page": page_text(office, reverse("meetings:detail", args=[meeting.pk])),
        "news page": page_text(office, reverse("records:news_draft", args=[meeting.pk])),
        "news draft": news_draft(meeting),
        "notice": docx_text(issue.preview_conclusion_notice(meeting, options)),
        "vote-count record": docx_text(build_count_record(poll)),
    }


@pytest.fixture
def record_of_2021(world):
    Position.objects.create(person=world.people["chair"], title="Bí thư Tỉnh ủy", organization=world.committee)
    Position.objects.create(person=world.people["member"], title="Chủ tịch UBND tỉnh", organization=world.government)
    meeting, poll = concluded_meeting(world, HELD, 12)
    options = default_options(meeting, datetime.date(2021, 3, 5))
    return meeting, poll, options


def merge(world, into: Organization):
    other = Organization.objects.create(name="Tỉnh ủy Đông Tây", kind="party", document_code="TU")
    return reorganization.check_record_reorganization(
        world.users["office"],
        kind=Reorganization.Kind.MERGE,
        predecessors=[world.committee, other],
        successors=[into],
        effective=EFFECTIVE,
        basis_number="202/2025/QH15",
        basis_date=datetime.date(2025, 6, 12),
    )


def test_a_2021_record_reads_the_same_after_its_committee_merged(world, record_of_2021):
    meeting, poll, options = record_of_2021
    issued = issue.check_issue_conclusion_notice(world.users["office"], meeting, options)
    meeting.refresh_from_db()
    before = read_records(world, meeting, poll, options)
    assert "Ban Thường vụ Tỉnh ủy" in before["meeting page"]
    assert "TỈNH ỦY BẮC NAM\n*\nSố   -TB/TU" in before["notice"]
    assert "Trần Văn Chủ, Bí thư Tỉnh ủy" in " ".join(before["notice"])
    assert "Chủ tịch UBND tỉnh" in before["news draft"]["body"]
    assert "BIÊN BẢN KIỂM PHIẾU" in before["vote-count record"]

    city = Organization.objects.create(name="Thành ủy Bắc Nam", kind="party", document_code="TU", start=EFFECTIVE)
    merge(world, city)
    world.committee.refresh_from_db()
    assert world.committee.end == EFFECTIVE - datetime.timedelta(days=1)
    assert not Position.objects.filter(title="Bí thư Tỉnh ủy", end__isnull=True).exists()

    after = read_records(world, meeting, poll, options)
    assert not ENDED_NOTE.search(before["meeting page"])
    note = ENDED_NOTE.search(after["meeting page"]).group(1)
    assert note == "Ban Thường vụ Tỉnh ủy đã kết thúc ngày 30/06/2025: hồ sơ này giữ nguyên tên gọi tại thời điểm họp."
    after["meeting page"] = ENDED_NOTE.sub("", after["meeting page"])
    for name, text in before.items():
        assert after[name] == text, name
    issued.refresh_from_db()
    assert issued.organization == world.committee and issued.reference == "1-TB/TU"


def test_the_city_committee_has_its_own_term_and_numbers_its_notices_from_1(world, record_of_2021):
    meeting, _poll, options = record_of_2021
    issue.check_issue_conclusion_notice(world.users["office"], meeting, options)
    second, _ = concluded_meeting(world, datetime.date(2021, 4, 6), 13)
    assert issue.check_issue_conclusion_notice(world.users["office"], second).number == 2

    city = Organization.objects.create(name="Thành ủy Bắc Nam", kind="party", document_code="TU", start=EFFECTIVE)
    merge(world, city)
    body = Body.objects.create(organization=city, name="Ban Thường vụ Thành ủy", kind="standing_committee")
    body.start = EFFECTIVE
    body.save()
    term = Term.objects.create(body=body, ordinal="I", start=EFFECTIVE)
    for person, role in ((world.people["chair"], "chair"), (world.people["member"], "member")):
        Membership.objects.create(person=person, term=term, role=role)
    Membership.objects.create(person=world.people["member2"], term=term)
    Position.objects.create(person=world.people["chair"], title="Bí thư Thành ủy", organization=city)
    first, _ = concluded_meeting(world, timezone.localdate() - datetime.timedelta(days=2), 1, body=body, term=term)
    notice = issue.check_issue_conclusion_notice(world.users["office"], first)
    assert (notice.organization, notice.term_ordinal, notice.number) == (city, "I", 1)
    assert notice.reference == "1-TB/TU"
    text = " ".join(docx_text(notice.file.read()))
    assert "THÀNH ỦY BẮC NAM" in text.upper() and "Bí thư Thành ủy" in text


def test_a_2021_record_keeps_the_units_and_deadline_its_meeting_gave_after_the_work_passed_on(world, record_of_2021):
    meeting, poll, options = record_of_2021
    before = read_records(world, meeting, poll, options)
    assert "UBND tỉnh Bắc Nam chủ trì, phối hợp với Sở Khoa học và Công nghệ" in before["news draft"]["body"]
    city = Organization.objects.create(name="UBND thành phố Bắc Nam", kind="government", start=EFFECTIVE)
    department = Organization.objects.create(name="Sở Khoa học, Công nghệ và Đổi mới", start=EFFECTIVE)
    office = world.users["office"]
    for ended, successor in ((world.government, city), (world.department, department)):
        change = reorganization.check_record_reorganization(
            office,
            kind=Reorganization.Kind.DISSOLUTION,
            predecessors=[ended],
            successors=[successor],
            effective=EFFECTIVE,
            basis_number="202/2025/QH15",
            basis_date=datetime.date(2025, 6, 12),
            account_moves={world.users["unit"].pk: successor},
        )
        work = transfer.plan_transfer(change)
        new_deadline = {line.directive.pk: timezone.localdate() + datetime.timedelta(days=60) for line in work}
        transfer.check_transfer(office, change, deadlines=new_deadline if ended == world.government else {})
    directive = Directive.objects.get(conclusion__item__meeting=meeting)
    assert (directive.lead_organization, list(directive.coordinating_organizations.all())) == (city, [department])

    after = read_records(world, meeting, poll, options)
    # The meeting's page shows the follow-up as it stands (who holds the work now); the records say what was given.
    for name in ("news draft", "notice", "vote-count record", "news page"):
        assert after[name] == before[name], name
    assert "UBND thành phố" not in " ".join(after["notice"])
