"""A reorganization ten days ago for the dashboards: directives given at a meeting two months ago to units that
ended, passed to their successors by the office."""

import datetime

from django.utils import timezone

from hoinghi.directives import transfer
from hoinghi.directives.models import Directive
from hoinghi.directives.services import check_confirm_done, check_report_progress
from hoinghi.directory.models import Organization, Reorganization, User
from hoinghi.directory.reorganization import check_record_reorganization
from tests.directive_helpers import directive, running_item

TODAY = timezone.localdate
EFFECTIVE_DAYS_AGO = 10


def effective() -> datetime.date:
    return TODAY() - datetime.timedelta(days=EFFECTIVE_DAYS_AGO)


def the_day_before() -> datetime.date:
    return effective() - datetime.timedelta(days=1)


def old_item(world):
    return running_item(world, days_from_now=-60)


def given(world, item, lead, **fields):
    return directive(world, item, lead_organization=lead, coordinating_organizations=[], **fields)


def reorganize(world, kind, predecessors, successors, moves=None):
    return check_record_reorganization(
        world.users["office"],
        kind=kind,
        predecessors=predecessors,
        successors=successors,
        effective=effective(),
        basis_number="1686/NQ-UBTVQH15",
        basis_date=effective() - datetime.timedelta(days=20),
        account_moves=moves or None,
    )


def done_by_the_unit(world, led, unit_user=None):
    """Reported done by the unit's staff (the account as it is now: a reorganization may have moved it)."""
    staff = User.objects.get(pk=(unit_user or world.users["unit"]).pk)
    check_report_progress(staff, led, text="Đã hoàn thành, gửi báo cáo.", done=True)
    return check_confirm_done(world.users["office"], led)


def organization(name, **fields) -> Organization:
    return Organization.objects.create(name=name, kind="government", **fields)


def merged(world):
    """The Department and the Transport department merge into a new department; one open directive each, passed
    on; and one directive of the Department it had done before the merge (not passed on)."""
    item = old_item(world)
    transport = organization("Sở Giao thông vận tải")
    transport_staff = User.objects.create_user(
        username="unit_transport", password="Mật-khẩu-thử-9", role="unit_staff", organization=transport
    )
    done_before = given(world, item, world.department, content="Báo cáo kết quả chuyển đổi số năm 2024.")
    done_by_the_unit(world, done_before)
    finished = effective() - datetime.timedelta(days=5)  # reported and confirmed before the merge
    closed_at = timezone.make_aware(datetime.datetime.combine(finished, datetime.time(15)))
    Directive.objects.filter(pk=done_before.pk).update(done_on=finished, closed_at=closed_at)
    open_science = given(world, item, world.department)
    open_transport = given(world, item, transport, content="Rà soát các dự án giao thông chậm tiến độ.")
    successor = organization("Sở Khoa học, Công nghệ và Giao thông", start=effective())
    change = reorganize(world, Reorganization.Kind.MERGE, [world.department, transport], [successor])
    transfer.check_transfer(world.users["office"], change)
    return {
        "successor": successor,
        "transport": transport,
        "transport_staff": transport_staff,
        "done_before": done_before,
        "open_science": open_science,
        "open_transport": open_transport,
        "reorganization": change,
    }
