"""A small province for tests: a Standing Committee with members, units, and one account per role."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from hoinghi.directory.models import Body, Membership, Organization, Person, Term, User
from hoinghi.meetings import services
from hoinghi.meetings.models import AgendaItem, Meeting


@dataclass
class World:
    committee: Organization
    government: Organization
    department: Organization
    body: Body
    term: Term
    users: dict = field(default_factory=dict)
    people: dict = field(default_factory=dict)

    def meeting(self, **overrides) -> Meeting:
        fields = {
            "body": self.body,
            "term": self.term,
            "number": None,
            "kind": Meeting.Kind.REGULAR,
            "starts_at": timezone.now() + datetime.timedelta(days=3),
            "place": "Hội trường Tỉnh ủy",
            "title": "Hội nghị Ban Thường vụ Tỉnh ủy",
        }
        fields.update(overrides)
        meeting = services.check_create_meeting(self.users["office"], **fields)
        services.check_add_participant(self.users["office"], meeting, self.people["chair"], "chair")
        return meeting

    def item(self, meeting, **overrides) -> AgendaItem:
        fields = {"title": "Dự thảo Nghị quyết chuyên đề về chuyển đổi số", "kind": AgendaItem.Kind.DRAFT_RESOLUTION}
        fields.update(overrides)
        return services.check_add_item(self.users["office"], meeting, **fields)


def make_user(username, role, person=None, organization=None) -> User:
    user = User.objects.create_user(username=username, password="Mật-khẩu-thử-9", role=role, person=person)
    if organization:
        user.organization = organization
        user.save(update_fields=["organization"])
    return user


def build_world() -> World:
    committee = Organization.objects.create(
        name="Tỉnh ủy Bắc Nam",
        short_name="Tỉnh ủy",
        kind="party",
        level="province",
        document_code="TU",
        place_name="Bắc Nam",
    )
    government = Organization.objects.create(name="UBND tỉnh Bắc Nam", short_name="UBND tỉnh", kind="government")
    department = Organization.objects.create(name="Sở Khoa học và Công nghệ", kind="government", parent=government)
    body = Body.objects.create(
        organization=committee,
        name="Ban Thường vụ Tỉnh ủy",
        kind="standing_committee",
        signature_heading="T/M BAN THƯỜNG VỤ",
    )
    term = Term.objects.create(body=body, ordinal="XVII", start=datetime.date(2020, 10, 1))
    people = {
        "chair": Person.objects.create(full_name="Trần Văn Chủ"),
        "member": Person.objects.create(full_name="Lê Thị Ủy"),
        "member2": Person.objects.create(full_name="Phạm Văn Viên"),
        "invitee": Person.objects.create(full_name="Đỗ Minh Khách"),
        "unit": Person.objects.create(full_name="Vũ Thị Đơn"),
    }
    Membership.objects.create(person=people["chair"], term=term, role="chair")
    Membership.objects.create(person=people["member"], term=term)
    Membership.objects.create(person=people["member2"], term=term)
    users = {
        "office": make_user("office", "office"),
        "chair": make_user("chair", "chair", people["chair"]),
        "member": make_user("member", "member", people["member"]),
        "member2": make_user("member2", "member", people["member2"]),
        "invitee": make_user("invitee", "invitee", people["invitee"]),
        "unit": make_user("unit", "unit_staff", people["unit"], department),
        "leader": make_user("leader", "leader"),
        "admin": make_user("admin", "admin"),
        "outsider": make_user("outsider", "member"),
    }
    return World(committee, government, department, body, term, users, people)
