"""A meeting with a normal and a confidential item and everything a confidential item gathers (papers, opinions,
a conclusion, directives to a unit, a published named poll and a published secret poll, a recorded vote, an issued
notice, an earlier confidential item of the same matter), and an account for every role that may or may not see it.

Every text of the confidential item carries a marker (`Zq…`) that no page may show to a role outside its room.
"""

import datetime
import io
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.utils import timezone

from hoinghi.directives import services as follow_up
from hoinghi.directives.models import Directive
from hoinghi.directory.models import Membership, Person
from hoinghi.meetings import documents, services
from hoinghi.meetings.models import AgendaItem, Document, Meeting, VoteRecord
from hoinghi.records import issue
from hoinghi.voting import services as voting
from tests.factories import World, make_user
from tests.voting_helpers import close_poll, ready_board

# Markers of the confidential item: what no page may show outside its room.
SECRET = {
    "title": "Zq1title Phương án nhân sự Giám đốc Sở",
    "conclusion": "Zq2concl Thống nhất giới thiệu đồng chí Nguyễn Văn Bí để bổ nhiệm.",
    "opinion": "Zq3opin Đề nghị cân nhắc thêm về quá trình công tác.",
    "paper": "Zq4paper Hồ sơ nhân sự",
    "file": "zq5file-ho-so.pdf",
    "named poll": "Zq6named Biểu quyết giới thiệu nhân sự",
    "named subject": "Zq7cand Nguyễn Văn Bí",
    "secret poll": "Zq8secret Bỏ phiếu kín giới thiệu nhân sự",
    "secret subject": "Zq9cand Trần Thị Kín",
    "recorded vote": "Zqvote Biểu quyết nhân sự tại hội nghị",
    "earlier title": "Zqearly Quy hoạch cán bộ diện Ban Thường vụ quản lý",
}
# The directive of the confidential item: its unit sees it, nobody else outside the room.
DIRECTIVE = "Zq0dir Hoàn thiện hồ sơ nhân sự theo quy trình"
NORMAL_TITLE = "Báo cáo tình hình kinh tế - xã hội quý III"

IN_THE_ROOM = {"office", "admin", "chair", "member", "invitee_secret"}
OUTSIDE = {"invitee_normal", "unit_secret", "unit_normal", "leader", "seat_ended", "outsider", "anonymous"}
ROLES = sorted(IN_THE_ROOM | OUTSIDE)
# Who opens the confidential paper in the viewer: the members and its invitees, not the office by its role.
READS_SECRET_PAPERS = {"chair", "member", "invitee_secret"}


def pdf(*lines: str) -> bytes:
    """A one-page PDF showing `lines` (ASCII)."""
    from tests.test_documents import text_pdf

    return text_pdf(*lines)


@dataclass
class Room:
    world: World
    meeting: Meeting
    normal: AgendaItem
    secret: AgendaItem
    earlier: AgendaItem  # a confidential item of an earlier meeting, of the same matter as `normal`
    users: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)  # what the URLs name: {"kind": {"secret": obj, "normal": obj}}

    def secret_links(self) -> list[str]:
        """Links into the confidential items: a page outside the room shows none of them."""
        secret = self.objects
        links = [f"/meetings/items/{self.secret.pk}/", f"/meetings/items/{self.earlier.pk}/"]
        links += [f"/meetings/documents/{secret['document']['secret'].pk}/"]
        links += [f"/polls/{poll.pk}/" for poll in (secret["poll"]["secret"], secret["poll"]["secret ballot"])]
        return [f'href="{link}' for link in links]


def _person(name: str) -> Person:
    return Person.objects.create(full_name=name)


def _accounts(world: World, meeting: Meeting, normal, secret, ended: Person) -> dict:
    office = world.users["office"]
    invitee_normal = _person("Hoàng Văn Mời")
    services.check_add_participant(office, meeting, invitee_normal, "invitee", [normal])
    services.check_add_participant(office, meeting, world.people["invitee"], "invitee", [secret])
    users = {
        "office": office,
        "admin": world.users["admin"],
        "chair": world.users["chair"],
        "member": world.users["member"],
        "invitee_secret": world.users["invitee"],
        "invitee_normal": make_user("invitee_normal", "invitee", invitee_normal),
        "unit_secret": world.users["unit"],
        "unit_normal": make_user("unit_normal", "unit_staff", _person("Phan Thị Đơn"), world.government),
        "leader": world.users["leader"],
        "seat_ended": make_user("seat_ended", "member", ended),
        "outsider": world.users["outsider"],
    }
    return users


def _earlier(world: World) -> AgendaItem:
    """An earlier meeting's confidential item, held and concluded, of the matter `normal` follows."""
    office, chair = world.users["office"], world.users["chair"]
    start = timezone.now() - datetime.timedelta(days=90)
    meeting = world.meeting(title="Hội nghị Ban Thường vụ tháng trước", starts_at=start)
    item = world.item(meeting, title=SECRET["earlier title"], kind="personnel", confidentiality="secret")
    services.check_add_participant(office, meeting, world.people["invitee"], "invitee", [item])
    for step, who in (("schedule", office), ("start", chair)):
        services.check_take_step(who, meeting, step)
    services.check_record_conclusion(chair, item, "approved", "Zqearly2 Đồng ý quy hoạch.")
    services.check_take_step(chair, meeting, "close")
    return AgendaItem.objects.get(pk=item.pk)


def _polls(world: World, meeting: Meeting, secret, voters: list) -> dict:
    """A named poll and a secret ballot on the confidential item, cast, closed and published."""
    chair, made = world.users["chair"], {}
    for which, method in (("secret", "open"), ("secret ballot", "secret")):
        poll = voting.check_create_poll(
            world.users["office"],
            meeting,
            title=SECRET["named poll" if method == "open" else "secret poll"],
            kind="candidates",
            method=method,
            subjects=[(SECRET["named subject" if method == "open" else "secret subject"], None)],
            item=secret,
        )
        if method == "secret":
            ready_board(poll)
        poll = voting.check_open_poll(chair, poll)
        subjects = [str(pk) for pk in poll.subjects.values_list("pk", flat=True)]
        for n, user in enumerate(voters):
            voting.cast(user, poll, dict.fromkeys(subjects, "yes" if n else "no"), voting.new_token())
        close_poll(world, poll)
        made[which] = voting.check_publish_poll(chair, poll)
    return made


def _directive(world: World, conclusion, content: str, unit) -> Directive:
    directive = follow_up.check_add_directive(
        world.users["chair"],
        conclusion,
        lead_organization=unit,
        content=content,
        deadline=timezone.localdate() + datetime.timedelta(days=30),
    )
    # Overdue, so that the overdue list and its export carry it too.
    Directive.objects.filter(pk=directive.pk).update(deadline=timezone.localdate() - datetime.timedelta(days=5))
    return Directive.objects.get(pk=directive.pk)


def _follow_up(world: World, users: dict, directive: Directive) -> dict:
    """A report with a file and an extension request on the directive, by its unit."""
    unit = next(user for user in users.values() if user.organization_id == directive.lead_organization_id)
    report = follow_up.check_report_progress(
        unit, directive, text="Đã rà soát hồ sơ.", files=[SimpleUploadedFile("bao-cao.pdf", pdf("Progress"))]
    )
    asked = follow_up.check_request_extension(
        unit, directive, deadline=timezone.localdate() + datetime.timedelta(days=60), reason="Cần thêm thời gian."
    )
    return {"report": report, "attachment": report.attachments.get(), "extension": asked}


def _elsewhere(world: World) -> dict:
    """The objects of the parts that know nothing of meetings' items (targets, the archive), so that their URLs
    are walked too."""
    from hoinghi.api import services as api_keys
    from hoinghi.ingest import queue
    from tests.target_helpers import build_plan, figure
    from tests.test_ingest_views import draft

    plan = build_plan(world)
    return {
        "resolution": {"other": plan.resolution},
        "target": {"other": plan.services},
        "figure": {"other": figure(world, plan.services)},
        "article": {"other": draft(world)},
        "organization": {"other": world.committee},
        "body": {"other": world.body},
        "term": {"other": world.term},
        "import_job": {"other": queue.do_queue_imports(world.users["office"], [("bai.txt", b"x")])},
        "api_key": {"other": api_keys.check_create_key(world.users["office"], "Khóa của Văn phòng")[0]},
    }


def build(world: World, docx: bytes | None = None) -> Room:
    """The world; `docx`, a DOCX to add as a second confidential paper of the confidential item."""
    office, chair = world.users["office"], world.users["chair"]
    # A member whose seat ends after the meeting: seated when it is created, his seat ended by the time he reads.
    ended = _person("Ngô Văn Mãn")
    Membership.objects.create(person=ended, term=world.term)
    earlier = _earlier(world)
    meeting = world.meeting(title="Hội nghị Ban Thường vụ Tỉnh ủy tháng 10")
    normal = world.item(meeting, title=NORMAL_TITLE)
    secret = world.item(meeting, title=SECRET["title"], kind="personnel", confidentiality="secret")
    services.check_link_to_earlier(office, normal, earlier)
    users = _accounts(world, meeting, normal, secret, ended)
    with TestCase.captureOnCommitCallbacks(execute=True):  # the worker reads them and draws the secret one
        paper = documents.check_upload_document(
            office,
            secret,
            title=SECRET["paper"],
            kind="report",
            confidentiality="secret",
            uploaded_file=SimpleUploadedFile(SECRET["file"], pdf("Personnel file")),
        )
        papers = {"secret": paper}
        if docx is not None:
            papers["secret docx"] = documents.check_upload_document(
                office,
                secret,
                title="Tờ trình nhân sự (DOCX)",
                kind="report",
                confidentiality="secret",
                uploaded_file=SimpleUploadedFile("to-trinh.docx", docx),
            )
        normal_paper = documents.check_upload_document(
            office,
            normal,
            title="Báo cáo kinh tế",
            kind="report",
            confidentiality="normal",
            uploaded_file=SimpleUploadedFile("bao-cao-kinh-te.pdf", pdf("Economy")),
        )
    services.check_take_step(office, meeting, "schedule")
    services.check_take_step(chair, meeting, "start")
    # Read back what the steps changed, as the next request would.
    meeting = Meeting.objects.get(pk=meeting.pk)
    normal, secret = (AgendaItem.objects.select_related("meeting").get(pk=item.pk) for item in (normal, secret))
    paper, normal_paper = (Document.objects.select_related("item__meeting").get(pk=d.pk) for d in (paper, normal_paper))
    voters = [chair, world.users["member"], world.users["member2"], users["seat_ended"]]
    for user in voters:
        seat = meeting.participants.get(person=user.person)
        services.check_record_attendance(chair, seat, "present")
    services.check_add_opinion(world.users["member"], secret, SECRET["opinion"])
    services.check_add_opinion(world.users["member"], normal, "Đồng ý với báo cáo.", normal_paper)
    polls = _polls(world, meeting, secret, voters[:3])
    conclusions = {
        "secret": services.check_record_conclusion(chair, secret, "approved", SECRET["conclusion"]),
        "normal": services.check_record_conclusion(chair, normal, "approved", "Thống nhất với báo cáo."),
    }
    VoteRecord.objects.create(item=secret, subject=SECRET["recorded vote"], method="open", result_text="7/7 tán thành")
    directives = {
        "secret": _directive(world, conclusions["secret"], DIRECTIVE, world.department),
        "normal": _directive(world, conclusions["normal"], "Triển khai kế hoạch quý IV", world.government),
    }
    Membership.objects.filter(person=ended).update(end=timezone.localdate() - datetime.timedelta(days=1))
    follow = {which: _follow_up(world, users, directives[which]) for which in ("secret", "normal")}
    services.check_take_step(chair, meeting, "close")
    notice = issue.check_issue_conclusion_notice(office, meeting)
    meeting.refresh_from_db()
    participants = {
        "secret": meeting.participants.get(person=world.people["invitee"]),
        "normal": meeting.participants.get(person=users["invitee_normal"].person),
    }
    objects = {
        "meeting": {"secret": meeting},
        "item": {"secret": secret, "normal": normal, "earlier": earlier},
        "participant": participants,
        "document": papers | {"normal": normal_paper},
        "conclusion": conclusions,
        "directive": directives,
        "report": {which: follow[which]["report"] for which in follow},
        "attachment": {which: follow[which]["attachment"] for which in follow},
        "extension": {which: follow[which]["extension"] for which in follow},
        "poll": polls,
        "issued": {"secret": notice},
        **_elsewhere(world),
        **_portal(office, meeting),
    }
    return Room(world, meeting, normal, secret, earlier, users, objects)


def _portal(office, meeting) -> dict:
    """The portal's things, the article started from this meeting's news draft and published."""
    from PIL import Image

    from hoinghi.portal import services as portal
    from hoinghi.portal import services_library as library

    article = portal.check_start_from_meeting(office, meeting)
    article = portal.check_move_article(office, portal.check_move_article(office, article, "review"), "published")
    entry = library.check_add_schedule_entry(
        office, day=timezone.localdate(), leader="Bí thư Tỉnh ủy", content="Làm việc với Sở Tài chính"
    )
    library.check_publish_week(office, entry.schedule)
    notice = library.check_add_notice(office, title="Thông báo tuyển dụng công chức")
    document = library.check_add_document(
        office,
        SimpleUploadedFile("quyet-dinh.pdf", pdf("Quyết định công bố thủ tục"), content_type="application/pdf"),
        number="12/QĐ-UBND",
        issued_on=timezone.localdate(),
        issuer="UBND tỉnh",
        doc_type="issued",
        summary="Quyết định công bố thủ tục hành chính",
        is_public=True,
    )
    image = io.BytesIO()
    Image.new("RGB", (64, 48), "navy").save(image, "JPEG")
    photo = library.check_add_photo(
        office, SimpleUploadedFile("hoi-nghi.jpg", image.getvalue(), content_type="image/jpeg"), caption="Hội nghị"
    )
    return {
        "portal_article": {"normal": article},
        "schedule_week": {"normal": entry.schedule},
        "schedule_entry": {"normal": entry},
        "notice": {"normal": notice},
        "public_document": {"normal": document},
        "photo": {"normal": photo},
    }
