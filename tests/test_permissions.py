"""Who can see and do what, for every role."""

import pytest

from hoinghi.meetings import permissions as perm
from hoinghi.meetings import selectors, services
from hoinghi.records import permissions as record_perm

ROLES = ["office", "chair", "member", "member2", "invitee", "unit", "leader", "admin", "outsider"]


@pytest.fixture
def scheduled(world):
    meeting = world.meeting()
    item = world.item(meeting)
    hidden = world.item(meeting, title="Công tác cán bộ", kind="personnel", confidentiality="secret")
    services.check_add_participant(world.users["office"], meeting, world.people["invitee"], "invitee", [item])
    return meeting, item, hidden


def visible(world, meeting, item):
    return {role: perm.can_view_item(world.users[role], item) for role in ROLES}


def test_a_draft_is_seen_by_the_office_only(world, scheduled):
    meeting, item, _ = scheduled
    seen = {role for role in ROLES if perm.can_view_meeting(world.users[role], meeting)}
    assert seen == {"office", "admin"}


def test_a_scheduled_meeting_by_role(world, scheduled):
    meeting, item, hidden = scheduled
    services.check_take_step(world.users["office"], meeting, "schedule")
    meeting.refresh_from_db()
    item.refresh_from_db()
    hidden.refresh_from_db()
    assert {r for r in ROLES if perm.can_view_meeting(world.users[r], meeting)} == {
        "office",
        "chair",
        "member",
        "member2",
        "invitee",
        "leader",
        "admin",
    }
    # The invitee is invited for one item only.
    assert perm.can_view_item(world.users["invitee"], item)
    assert not perm.can_view_item(world.users["invitee"], hidden)
    for role in ["unit", "outsider"]:
        assert not perm.can_view_item(world.users[role], item)


def test_the_list_shows_what_each_role_may_see(world, scheduled):
    meeting, *_ = scheduled
    draft = world.meeting(title="Bản nháp")
    services.check_take_step(world.users["office"], meeting, "schedule")
    listed = {r: set(selectors.meeting_list(world.users[r])) for r in ROLES}
    assert listed["office"] == {meeting, draft}
    for role in ["chair", "member", "invitee", "leader"]:
        assert listed[role] == {meeting}, role
    assert listed["unit"] == set() and listed["outsider"] == set()


def test_unit_staff_see_meetings_that_gave_them_a_directive(world, scheduled):
    from hoinghi.directives.services import check_add_directive

    meeting, item, _ = scheduled
    services.check_take_step(world.users["office"], meeting, "schedule")
    services.check_take_step(world.users["chair"], meeting, "start")
    conclusion = services.check_record_conclusion(world.users["chair"], item, "approved", "Đồng ý.")
    check_add_directive(world.users["chair"], conclusion, lead_organization=world.department, content="Triển khai")
    meeting.refresh_from_db()
    assert perm.can_view_meeting(world.users["unit"], meeting)
    assert list(selectors.meeting_list(world.users["unit"])) == [meeting]


def test_who_may_act(world, scheduled):
    meeting, item, _ = scheduled
    users = world.users
    assert {r for r in ROLES if perm.can_manage(users[r], meeting)} == {"office", "admin"}
    assert {r for r in ROLES if perm.can_conclude(users[r], meeting)} == {"office", "admin", "chair"}
    assert {r for r in ROLES if perm.can_record_attendance(users[r], meeting)} == {"office", "admin", "chair"}
    assert {r for r in ROLES if perm.can_write_opinion(users[r], item)} == {"chair", "member", "member2", "invitee"}
    assert {r for r in ROLES if record_perm.can_issue_notice(users[r], meeting)} == {"office", "admin"}


def test_a_member_who_leaves_the_body_loses_access_at_once(world, scheduled, today):
    import datetime

    meeting, item, _ = scheduled
    services.check_take_step(world.users["office"], meeting, "schedule")
    meeting.refresh_from_db()
    # member2 is not a participant beyond the seat filled at creation: remove the seat's effect.
    seat = world.people["member2"].memberships.get()
    assert perm.is_member(world.users["member2"], meeting)
    seat.end = today - datetime.timedelta(days=1)
    seat.save()
    assert not perm.is_member(world.users["member2"], meeting)
