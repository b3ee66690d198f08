"""Who sees and does what in the follow-up: a unit sees only its own directives (lead or coordinating), the office
sees and follows up all, a leader sees all and changes nothing."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from hoinghi.directives import permissions as perm
from hoinghi.directives import services
from hoinghi.directives.models import Directive, ExtensionRequest, ProgressReport
from hoinghi.directory.models import Organization
from hoinghi.meetings import permissions as meeting_perm
from hoinghi.meetings import selectors as meeting_selectors
from tests.directive_helpers import directive, running_item, units
from tests.factories import make_user


@pytest.fixture
def people(world):
    """Every account of the world, the other units' staff, and two that are not a unit's staff."""
    staff = units(world)
    accounts = dict(world.users) | {"helper": staff["helper"], "stranger": staff["stranger"]}
    accounts["no_unit"] = make_user("unit_without_org", "unit_staff")
    accounts["member_of_unit"] = make_user("member_with_org", "member", organization=world.department)
    return accounts


@pytest.fixture
def given(world):
    """Led by the Department (with UBND tỉnh), led by UBND tỉnh (with the Department and Tỉnh ủy), and one
    the Department has nothing to do with."""
    item = running_item(world)
    return {
        "led": directive(world, item, content="Chủ trì"),
        "coordinated": directive(
            world,
            item,
            content="Phối hợp",
            lead_organization=world.government,
            coordinating_organizations=[world.department, world.committee],
        ),
        "other": directive(
            world, item, content="Khác", lead_organization=world.committee, coordinating_organizations=[]
        ),
    }


def who(people, predicate) -> set[str]:
    return {name for name, user in people.items() if predicate(user)}


def test_who_follows_up_and_who_watches(people):
    assert who(people, perm.can_follow_up) == {"office", "admin"}
    assert who(people, perm.can_watch) == {"office", "admin", "leader"}
    assert not perm.can_follow_up(AnonymousUser()) and not perm.can_watch(AnonymousUser())


def test_who_sees_and_reports_on_each_directive(people, given):
    watchers = {"office", "admin", "leader"}
    assert who(people, lambda u: perm.can_view(u, given["led"])) == watchers | {"unit", "helper"}
    assert who(people, lambda u: perm.can_view(u, given["coordinated"])) == watchers | {"unit", "helper", "stranger"}
    assert who(people, lambda u: perm.can_view(u, given["other"])) == watchers | {"stranger"}
    assert who(people, lambda u: perm.can_report(u, given["led"])) == {"unit", "helper"}
    assert who(people, lambda u: perm.can_report(u, given["coordinated"])) == {"unit", "helper", "stranger"}
    assert who(people, lambda u: perm.is_lead(u, given["led"])) == {"unit"}
    assert who(people, lambda u: perm.is_lead(u, given["coordinated"])) == {"helper"}
    assert perm.part_of(people["unit"], given["coordinated"]) == perm.COORDINATING
    assert not perm.can_view(AnonymousUser(), given["led"])


def test_visible_filters_in_the_database(people, given):
    everything = Directive.objects.all()
    seen = {
        name: set(perm.visible(user, everything).values_list("content", flat=True)) for name, user in people.items()
    }
    for name in ["office", "admin", "leader"]:
        assert seen[name] == {"Chủ trì", "Phối hợp", "Khác"}, name
    assert seen["unit"] == {"Chủ trì", "Phối hợp"}
    assert seen["helper"] == {"Chủ trì", "Phối hợp"}
    assert seen["stranger"] == {"Phối hợp", "Khác"}
    for name in ["chair", "member", "member2", "invitee", "outsider", "no_unit", "member_of_unit"]:
        assert seen[name] == set(), name
    # A directive with several coordinating units is listed once.
    assert perm.visible(people["leader"], everything).count() == 3
    assert set(perm.visible(AnonymousUser(), everything)) == set()
    # `visible` narrows whatever it is given.
    assert list(perm.visible(people["unit"], everything.filter(content="Khác"))) == []


def test_a_leader_sees_all_and_changes_nothing(world, given):
    leader, task = world.users["leader"], given["led"]
    services.check_report_progress(world.users["unit"], task, text="Đã xong.", done=True)
    report = ProgressReport.objects.get()
    asked = services.check_request_extension(
        world.users["unit"], task, deadline=task.deadline + datetime.timedelta(days=10), reason="Lý do"
    )
    attempts = [
        lambda: services.check_report_progress(leader, task, text="X"),
        lambda: services.check_correct_report(leader, report, text="X"),
        lambda: services.check_request_extension(leader, task, deadline=timezone.localdate(), reason="X"),
        lambda: services.check_decide_extension(leader, asked, grant=True),
        lambda: services.check_confirm_done(leader, task),
        lambda: services.check_return_to_unit(leader, task, reason="X"),
        lambda: services.check_cancel_directive(leader, task, reason="X"),
        lambda: services.check_set_priority(leader, task, True),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
    task = Directive.objects.get(pk=task.pk)
    assert (task.status, task.priority, task.deadline) == ("reported_done", False, given["led"].deadline)
    assert ProgressReport.objects.count() == 1 and ExtensionRequest.objects.get().decision == "pending"


def test_a_coordinating_unit_sees_the_meeting_its_directive_came_from(world):
    finance = Organization.objects.create(name="Sở Tài chính", kind="government")
    item = running_item(world)
    directive(world, item, coordinating_organizations=[finance])
    meeting = item.meeting
    meeting.refresh_from_db()
    coordinating = make_user("unit_finance", "unit_staff", organization=finance)
    assert meeting_perm.can_view_meeting(coordinating, meeting)
    assert list(meeting_selectors.meeting_list(coordinating)) == [meeting]
    # A unit given nothing at the meeting does not see it.
    elsewhere = make_user("unit_elsewhere", "unit_staff", organization=world.committee)
    assert not meeting_perm.can_view_meeting(elsewhere, meeting)
    assert list(meeting_selectors.meeting_list(elsewhere)) == []
