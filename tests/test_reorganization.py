"""The directory over time: merges, splits and dissolutions end the predecessors with all they held, move their
accounts, and are read back as who succeeded whom on a given day."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hoinghi.core.models import AuditEvent
from hoinghi.directory import reorganization, selectors
from hoinghi.directory.models import Body, Membership, Organization, Person, Position, Reorganization, Term
from tests.factories import make_user

pytestmark = pytest.mark.django_db

EFFECTIVE = datetime.date(2025, 7, 1)
LAST_DAY = datetime.date(2025, 6, 30)
BASIS = {"basis_number": "202/2025/QH15", "basis_date": datetime.date(2025, 6, 12)}


def record(world, kind, before, after, **extra):
    return reorganization.check_record_reorganization(
        world.users["office"], kind=kind, predecessors=before, successors=after, effective=EFFECTIVE, **BASIS, **extra
    )


@pytest.fixture
def merged(world):
    """Two provinces' committees merged into a new one; the first had a body, a term, seats and positions."""
    other = Organization.objects.create(name="Tỉnh ủy Đông Tây", kind="party", document_code="TU")
    new = Organization.objects.create(name="Thành ủy Bắc Nam mới", kind="party", document_code="TU", start=EFFECTIVE)
    person = world.people["chair"]
    Position.objects.create(person=person, title="Bí thư Tỉnh ủy", organization=world.committee)
    staff = make_user("committee_staff", "unit_staff", organization=world.committee)
    change = record(world, Reorganization.Kind.MERGE, [world.committee, other], [new])
    return world, other, new, staff, change


def test_a_merge_ends_the_predecessors_with_their_bodies_terms_seats_and_positions(merged):
    world, other, new, staff, _change = merged
    for row in [world.committee, other, world.body, world.term]:
        row.refresh_from_db()
        assert row.end == LAST_DAY
    assert not Membership.objects.filter(term=world.term, end__isnull=True).exists()
    assert Position.objects.get(title="Bí thư Tỉnh ủy").end == LAST_DAY
    staff.refresh_from_db()
    assert staff.organization == new
    # Before, the old committee exists; from the effective day only the new one does.
    assert world.committee in Organization.objects.existing_on(LAST_DAY)
    assert world.committee not in Organization.objects.existing_on(EFFECTIVE)
    assert new in Organization.objects.existing_on(EFFECTIVE)
    assert new not in Organization.objects.existing_on(LAST_DAY)
    assert world.body not in Body.objects.existing_on(EFFECTIVE)


def test_the_change_is_read_both_ways_and_recorded_with_who_and_the_legal_basis(merged):
    world, other, new, _staff, change = merged
    assert selectors.successors_on(world.committee, EFFECTIVE) == [new]
    assert selectors.successors_on(world.committee, LAST_DAY) == [world.committee]
    assert set(selectors.predecessors_of(new)) == {world.committee, other}
    assert selectors.reorganization_ending(other) == change
    assert change.entered_by == world.users["office"]
    event = AuditEvent.objects.get(verb="reorganization.record")
    assert event.actor_username == "office"
    assert event.detail["basis"] == "202/2025/QH15 (12/06/2025)"
    assert AuditEvent.objects.filter(verb="account.move", object_repr="committee_staff").exists()


def test_successors_are_followed_through_a_later_change(merged):
    world, _other, new, staff, _change = merged
    later = datetime.date(2026, 1, 1)
    east = Organization.objects.create(name="Đảng ủy Đông", kind="party", start=later)
    west = Organization.objects.create(name="Đảng ủy Tây", kind="party", start=later)
    reorganization.check_record_reorganization(
        world.users["office"],
        kind=Reorganization.Kind.SPLIT,
        predecessors=[new],
        successors=[east, west],
        effective=later,
        account_moves={staff.pk: east},
        **BASIS,
    )
    assert set(selectors.successors_on(world.committee, later)) == {east, west}
    assert set(selectors.predecessors_of(west)) == {new, world.committee, _other}


def test_a_dissolution_with_several_successors_needs_each_account_placed(world):
    first = Organization.objects.create(name="Ban A", kind="party")
    second = Organization.objects.create(name="Ban B", kind="party")
    staff = make_user("a_staff", "unit_staff", organization=world.department)
    with pytest.raises(ValidationError) as refused:
        record(world, Reorganization.Kind.DISSOLUTION, [world.department], [first, second])
    assert "a_staff" in str(refused.value) and "unit" in str(refused.value)
    # Refused: nothing was written.
    assert not Reorganization.objects.exists()
    world.department.refresh_from_db()
    assert world.department.end is None
    record(
        world,
        Reorganization.Kind.DISSOLUTION,
        [world.department],
        [first, second],
        account_moves={staff.pk: second, world.users["unit"].pk: first},
    )
    staff.refresh_from_db()
    assert staff.organization == second


@pytest.mark.parametrize(
    ("kind", "before", "after"),
    [
        (Reorganization.Kind.MERGE, 1, 1),  # a merge needs two or more
        (Reorganization.Kind.SPLIT, 1, 1),  # a split needs two or more successors
        (Reorganization.Kind.SPLIT, 2, 2),
    ],
)
def test_the_shape_of_each_kind_is_checked(world, kind, before, after):
    olds = [Organization.objects.create(name=f"Cũ {n}") for n in range(before)]
    news = [Organization.objects.create(name=f"Mới {n}") for n in range(after)]
    with pytest.raises(ValidationError):
        record(world, kind, olds, news)


def test_an_organization_already_ended_or_not_yet_begun_is_refused(world):
    ended = Organization.objects.create(name="Huyện ủy cũ", end=datetime.date(2024, 12, 31))
    future = Organization.objects.create(name="Đảng ủy xã mới", start=datetime.date(2026, 1, 1))
    with pytest.raises(ValidationError):
        record(world, Reorganization.Kind.DISSOLUTION, [ended], [world.committee])
    with pytest.raises(ValidationError):
        record(world, Reorganization.Kind.DISSOLUTION, [world.department], [future])


def test_only_the_office_records_a_reorganization(world):
    new = Organization.objects.create(name="Mới", start=EFFECTIVE)
    for role in ["chair", "member", "unit", "leader"]:
        with pytest.raises(PermissionDenied):
            reorganization.check_record_reorganization(
                world.users[role],
                kind=Reorganization.Kind.DISSOLUTION,
                predecessors=[world.department],
                successors=[new],
                effective=EFFECTIVE,
                **BASIS,
            )


def test_a_new_committee_after_a_merge_has_its_own_terms(merged):
    world, _other, new, _staff, _change = merged
    body = Body.objects.create(organization=new, name="Ban Thường vụ Thành ủy", kind="standing_committee")
    term = Term.objects.create(body=body, ordinal="I", start=EFFECTIVE)
    Membership.objects.create(person=Person.objects.create(full_name="Nguyễn Văn Mới"), term=term)
    assert body in Body.objects.existing_on(EFFECTIVE)
    assert world.term.memberships.count() == 3  # the old seats stay, ended, in the old term's record
