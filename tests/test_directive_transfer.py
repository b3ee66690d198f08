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
