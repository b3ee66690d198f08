"""Who may see and do what in a meeting: predicates over (user, object), used by services and views, and the
app's permission table (`RULES`), by which every page of the app is admitted.

A person's rights come from three places: the account's role (office, leader, admin...), a seat in
the meeting's body for its term (a member), and the meeting's participant list (chair, invitee).

A confidential item (secret or top secret) stays in the room: its title, papers, opinions, conclusion, polls and
their results are for the body's members of the term, the item's invitees, the meeting's chair and the office
(`in_the_room`). Whoever else sees the meeting (a leader, a unit that holds a directive of it, a participant
without a seat) sees that the agenda has a confidential item, and nothing of it. Every page, export and feed
asks `can_view_item`; the lists ask the same question in SQL (`selectors.visible_items`).
"""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hoinghi.core.memo import per_request
from hoinghi.core.permissions import RuleTable, anyone, explained, signed_in
from hoinghi.directory.models import Membership, User, active_on
from hoinghi.directory.roles import is_office

from . import rules
from .models import AgendaItem, Confidentiality, Document, Meeting, Participant


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


@per_request
def invited_items(user, meeting: Meeting) -> frozenset[int] | None:
    """The items an invitee is invited to (empty: the whole meeting); None for whoever is not an invitee."""
    seat = participation(user, meeting)
    if seat is None or seat.role != Participant.Role.INVITEE:
        return None
    return frozenset(seat.items.values_list("pk", flat=True))


def is_invited_to(user, item: AgendaItem) -> bool:
    invited = invited_items(user, item.meeting)
    return invited is not None and (not invited or item.pk in invited)


def is_confidential(item: AgendaItem) -> bool:
    return item.confidentiality != Confidentiality.NORMAL


def in_the_room(user, item: AgendaItem) -> bool:
    """May see a confidential item: the body's members of the term (a seat active today), the item's invitees,
    the meeting's chair and the office; never by another role alone (a leader, a unit holding a directive)."""
    meeting = item.meeting
    return is_office(user) or is_member(user, meeting) or is_invited_to(user, item) or is_chair(user, meeting)


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
    if is_confidential(item):
        return in_the_room(user, item)
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


def can_take_named_step(user, meeting: Meeting, step: str) -> bool:
    return step in rules.STEPS and can_take_step(user, meeting, rules.STEPS[step][2])


def can_run_items(user, meeting: Meeting) -> bool:
    """Say which item the room is on: the chair, and the office beside him."""
    return is_chair(user, meeting) or is_office(user)


def can_record_attendance(user, meeting: Meeting) -> bool:
    return is_office(user) or is_chair(user, meeting)


def can_write_opinion(user, item: AgendaItem) -> bool:
    return is_member(user, item.meeting) or is_invited_to(user, item)


def can_conclude(user, meeting: Meeting) -> bool:
    return is_office(user) or is_chair(user, meeting)


RULES = RuleTable(
    "meetings",
    {
        "list_meetings": signed_in,
        "create_meeting": lambda user: is_office(user),
        "view_meeting": can_view_meeting,
        "manage_meeting": lambda user, meeting: can_view_meeting(user, meeting) and can_manage(user, meeting),
        # A draft made by mistake; removal.py says when it may go.
        "delete_meeting": lambda user, meeting: can_view_meeting(user, meeting) and can_manage(user, meeting),
        "take_step": lambda user, meeting, step: (
            can_view_meeting(user, meeting) and can_take_named_step(user, meeting, step)
        ),
        "manage_participant": lambda user, participant: can_manage(user, participant.meeting),
        "record_attendance": lambda user, meeting: (
            can_view_meeting(user, meeting) and can_record_attendance(user, meeting)
        ),
        "record_attendance_of": lambda user, participant: (
            can_view_meeting(user, participant.meeting) and can_record_attendance(user, participant.meeting)
        ),
        "view_item": can_view_item,
        "manage_item": lambda user, item: can_view_item(user, item) and can_manage(user, item.meeting),
        "run_item": lambda user, item: can_view_item(user, item) and can_run_items(user, item.meeting),
        "write_opinion": lambda user, item: can_view_item(user, item) and can_write_opinion(user, item),
        "conclude_item": lambda user, item: can_view_item(user, item) and can_conclude(user, item.meeting),
        "open_document": explained(can_open_document, _("You may not open this document.")),
        "download_document": explained(
            lambda user, document: can_open_document(user, document) and not document.is_confidential,
            _("Confidential papers can be read in the viewer only; they cannot be downloaded."),
        ),
        "manage_document": lambda user, document: (
            can_view_item(user, document.item) and can_manage(user, document.item.meeting)
        ),
        # Polled by an open viewer: answers everyone, and tells whoever may no longer read that the page is gone.
        "poll_document_access": anyone,
        "read_access_log": lambda user, document: can_view_item(user, document.item) and can_read_access_log(user),
    },
)
