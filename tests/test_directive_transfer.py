"""Open directives of an organization that ended pass to its successor in one step by the office, with their
history kept; a dashboard dated before the transfer still counts them under the predecessor."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from hoinghi.core.models import AuditEvent
from hoinghi.directives import transfer
from hoinghi.directives.models import DeadlineEntry, Directive, Transfer
from hoinghi.directives.services import check_report_progress
from hoinghi.directory.models import Organization, Reorganization
from hoinghi.directory.reorganization import check_record_reorganization
from tests.directive_helpers import directive, running_item

pytestmark = pytest.mark.django_db


def reorganize(world, kind, before, after):
    effective = timezone.localdate() + datetime.timedelta(days=1)
    return check_record_reorganization(
        world.users["office"],
        kind=kind,
        predecessors=before,
        successors=after,
        effective=effective,
        basis_number="01/NQ-TU",
        basis_date=timezone.localdate(),
        account_moves={world.users["unit"].pk: after[0]},
    )


@pytest.fixture
def successor():
    return Organization.objects.create(
        name="Sở Khoa học, Công nghệ và Chuyển đổi số", kind="government", start=timezone.localdate()
    )


def test_open_directives_pass_with_their_reports_and_deadline_history(world, successor):
    item = running_item(world)
    led = directive(world, item)
    check_report_progress(world.users["unit"], led, text="Đã rà soát 5/12 chỉ tiêu.", percent=40, done=False)
    change = reorganize(world, Reorganization.Kind.DISSOLUTION, [world.department], [successor])
    lines = transfer.plan_transfer(change)
    assert [(line.directive.pk, line.needs_choice) for line in lines] == [(led.pk, False)]
    new_deadline = led.deadline + datetime.timedelta(days=30)
    transfer.check_transfer(world.users["office"], change, deadlines={led.pk: new_deadline})
    led = Directive.objects.get(pk=led.pk)
    assert led.lead_organization == successor
    assert led.deadline == new_deadline
    assert led.reports.count() == 1
    causes = list(led.deadline_history.values_list("cause", flat=True))
    assert causes == [DeadlineEntry.Cause.SET, DeadlineEntry.Cause.TRANSFER]
    event = AuditEvent.objects.get(verb="directive.transfer")
    assert event.detail["organization"] == [world.department.name, successor.name]
    # Before the transfer day it was the predecessor's; from it, the successor's.
    assert transfer.holder_on(led, change.effective - datetime.timedelta(days=1)) == world.department.pk
    assert transfer.holder_on(led, change.effective) == successor.pk
    # Nothing is left to pass on: a second run is refused and writes nothing.
    with pytest.raises(ValidationError):
        transfer.check_transfer(world.users["office"], change)
    assert Transfer.objects.count() == 1


def test_a_split_needs_a_choice_for_each_directive(world, successor):
    other = Organization.objects.create(name="Sở Nội vụ", kind="government")
    led = directive(world)
    change = reorganize(world, Reorganization.Kind.SPLIT, [world.department], [successor, other])
    with pytest.raises(ValidationError) as refused:
        transfer.check_transfer(world.users["office"], change)
    assert f"#{led.pk}" in str(refused.value)
    assert not Transfer.objects.exists()
    transfer.check_transfer(world.users["office"], change, destinations={led.pk: other})
    assert Directive.objects.get(pk=led.pk).lead_organization == other


def test_a_coordinating_predecessor_is_replaced_by_its_successor(world, successor):
    led = directive(world)  # UBND tỉnh coordinates
    change = reorganize(world, Reorganization.Kind.DISSOLUTION, [world.government], [successor])
    transfer.check_transfer(world.users["office"], change)
    led = Directive.objects.get(pk=led.pk)
    assert list(led.coordinating_organizations.all()) == [successor]
    assert led.lead_organization == world.department


def test_closed_directives_stay_with_the_predecessor(world, successor):
    done = directive(world)
    Directive.objects.filter(pk=done.pk).update(status="done")
    change = reorganize(world, Reorganization.Kind.DISSOLUTION, [world.department], [successor])
    assert transfer.plan_transfer(change) == []


def test_only_the_office_passes_directives_on(world, successor):
    directive(world)
    change = reorganize(world, Reorganization.Kind.DISSOLUTION, [world.department], [successor])
    for role in ["chair", "member", "unit", "leader"]:
        with pytest.raises(PermissionDenied):
            transfer.check_transfer(world.users[role], change)


def test_a_merge_passes_everything_to_the_one_successor_without_a_choice(world, successor):
    """Two predecessors merge: a directive one leads and the other coordinates ends led by the successor alone."""
    both = directive(world)  # led by the Department, UBND tỉnh coordinating
    alone = directive(world, content="Tổng kết Nghị quyết về chuyển đổi số.", coordinating_organizations=[])
    change = reorganize(world, Reorganization.Kind.MERGE, [world.department, world.government], [successor])
    assert transfer.waiting() == [(change, 2)]
    plan = transfer.passings(transfer.plan_transfer(change))
    assert [(passing.directive.pk, len(passing.lines), passing.needs_choice) for passing in plan] == [
        (both.pk, 2, False),
        (alone.pk, 1, False),
    ]
    transfer.check_transfer(world.users["office"], change)
    for task in [both, alone]:
        task = Directive.objects.get(pk=task.pk)
        assert task.lead_organization == successor
        assert not task.coordinating_organizations.exists()
    assert Transfer.objects.filter(directive=both).count() == 2
    assert transfer.waiting() == []


def test_a_split_refuses_every_bad_choice_at_once_and_writes_nothing(world, successor, english_messages):
    other = Organization.objects.create(name="Sở Nội vụ", kind="government")
    first = directive(world, period_end=timezone.localdate() + datetime.timedelta(days=60))
    second = directive(world, content="Báo cáo sơ kết 6 tháng.")
    change = reorganize(world, Reorganization.Kind.SPLIT, [world.department], [successor, other])
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        transfer.check_transfer(
            world.users["office"],
            change,
            destinations={first.pk: world.committee},
            deadlines={
                first.pk: change.effective + datetime.timedelta(days=90),  # past the resolution's period
                second.pk: change.effective - datetime.timedelta(days=1),  # before the transfer
            },
        )
    errors = refused.value.message_dict
    assert "is not a successor" in errors[f"successor_{first.pk}"][0]
    assert "period" in errors[f"deadline_{first.pk}"][0]
    assert errors[f"successor_{second.pk}"] == [f"Directive #{second.pk}: choose the successor it passes to."]
    assert "before the transfer" in errors[f"deadline_{second.pk}"][0]
    assert not Transfer.objects.exists()
    assert AuditEvent.objects.count() == before
    assert Directive.objects.get(pk=first.pk).lead_organization == world.department


def test_choices_about_directives_not_in_the_plan_or_a_changed_plan_are_refused(world, successor):
    led = directive(world)
    elsewhere = directive(world, lead_organization=world.committee, coordinating_organizations=[])
    change = reorganize(world, Reorganization.Kind.DISSOLUTION, [world.department], [successor])
    office = world.users["office"]
    with pytest.raises(ValidationError) as refused:
        transfer.check_transfer(office, change, deadlines={elsewhere.pk: change.effective})
    assert f"#{elsewhere.pk}" in str(refused.value)
    with pytest.raises(ValidationError):
        transfer.check_transfer(office, change, previewed={led.pk, elsewhere.pk})
    assert not Transfer.objects.exists()
    transfer.check_transfer(office, change, previewed={led.pk})
    assert Directive.objects.get(pk=led.pk).lead_organization == successor


def test_a_new_deadline_is_for_a_directive_passed_as_lead(world, successor):
    helped = directive(world)  # UBND tỉnh coordinates it only
    change = reorganize(world, Reorganization.Kind.DISSOLUTION, [world.government], [successor])
    with pytest.raises(ValidationError) as refused:
        transfer.check_transfer(world.users["office"], change, deadlines={helped.pk: change.effective})
    assert f"deadline_{helped.pk}" in refused.value.message_dict
    assert not Transfer.objects.exists()
