"""Who may see and do what in a meeting: predicates over (user, object), used by services and views.

A person's rights come from three places: the account's role (office, leader, admin...), a seat in
the meeting's body for its term (a member), and the meeting's participant list (chair, invitee).
"""

from django.db.models import Q
from django.utils import timezone

from hoinghi.core.memo import per_request
from hoinghi.directory.models import Membership, User, active_on

from .models import AgendaItem, Document, Meeting, Participant

WATCHERS = {User.Role.OFFICE, User.Role.ADMIN, User.Role.LEADER}


def is_office(user) -> bool:
    return user.is_authenticated and user.role in {User.Role.OFFICE, User.Role.ADMIN}


def unit_of(user) -> int | None:
    """The organization a unit staff member reports for (None for every other account)."""
    if user.is_authenticated and user.role == User.Role.UNIT_STAFF:
        return user.organization_id
    return None


@per_request
def is_member(user, meeting: Meeting) -> bool:
    """Holds a seat in the meeting's body for its term today: losing the seat loses access at once."""
    if not user.is_authenticated or user.person_id is None:
        return False
    seats = Membership.objects.filter(person_id=user.person_id, term_id=meeting.term_id)
    return seats.filter(active_on(timezone.localdate())).exists()


@per_request
def participation(user, meeting: Meeting) -> Participant | None:
    if not user.is_authenticated or user.person_id is None:
        return None
    return meeting.participants.filter(person_id=user.person_id).first()


def is_chair(user, meeting: Meeting) -> bool:
    seat = participation(user, meeting)
    return seat is not None and seat.role == Participant.Role.CHAIR


def is_invited_to(user, item: AgendaItem) -> bool:
    seat = participation(user, item.meeting)
    if seat is None or seat.role != Participant.Role.INVITEE:
        return False
    invited_items = seat.items.all()
    return not invited_items.exists() or invited_items.filter(pk=item.pk).exists()


@per_request
def has_assignment_in(user, meeting: Meeting) -> bool:
    """Unit staff see the meetings whose conclusions gave their organization a directive, to lead or help."""
    if not user.is_authenticated or user.organization_id is None:
        return False
    return meeting.items.filter(assigned_in_item(user.organization_id)).exists()


def assigned_in_item(organization_id) -> Q:
    """Items whose conclusion gave the organization a directive, as lead or coordinating unit."""
    return Q(conclusion__directives__lead_organization_id=organization_id) | Q(
        conclusion__directives__coordinating_organizations=organization_id
    )


def can_view_meeting(user, meeting: Meeting) -> bool:
    if not user.is_authenticated:
        return False
    if is_office(user):
        return True
    if meeting.status == Meeting.Status.DRAFT:
        return False
    return (
        user.role == User.Role.LEADER
        or is_member(user, meeting)
        or participation(user, meeting) is not None
        or has_assignment_in(user, meeting)
    )


def can_view_item(user, item: AgendaItem) -> bool:
    meeting = item.meeting
    if not can_view_meeting(user, meeting):
        return False
    seat = participation(user, meeting)
    if seat is not None and seat.role == Participant.Role.INVITEE and not is_member(user, meeting):
        return is_invited_to(user, item)
    return True


def can_open_document(user, document: Document) -> bool:
    """Confidential papers: only the body's members and the item's invitees, never by role alone."""
    item = document.item
    if not document.is_confidential:
        return can_view_item(user, item)
    if item.meeting.status == Meeting.Status.DRAFT:
        return False
    return is_member(user, item.meeting) or is_invited_to(user, item)


def can_read_access_log(user) -> bool:
    return is_office(user)


def can_manage(user, meeting: Meeting) -> bool:
    """Prepare the meeting: details, participants, agenda, papers."""
    return is_office(user)


def can_take_step(user, meeting: Meeting, who: str) -> bool:
    return is_office(user) if who == "office" else is_chair(user, meeting)


def can_record_attendance(user, meeting: Meeting) -> bool:
    return is_office(user) or is_chair(user, meeting)


def can_write_opinion(user, item: AgendaItem) -> bool:
    return is_member(user, item.meeting) or is_invited_to(user, item)


def can_conclude(user, meeting: Meeting) -> bool:
    return is_office(user) or is_chair(user, meeting)


def can_issue_notice(user, meeting: Meeting) -> bool:
    return is_office(user)
