"""Reads of the meeting record, filtered by what the reader may see."""

from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from hoinghi.core import audit
from hoinghi.directory.models import Membership, User, active_on

from . import permissions as perm
from . import rules
from .models import AgendaItem, Confidentiality, Document, Meeting, Participant


def visible_meetings(user):
    meetings = Meeting.objects.select_related("body", "term")
    if perm.is_office(user):
        return meetings
    visible = Q(pk__in=[])
    if user.role == User.Role.LEADER:
        visible = Q()
    if user.person_id:
        seats = Membership.objects.filter(person_id=user.person_id, term=OuterRef("term")).filter(
            active_on(timezone.localdate())
        )
        visible |= Q(Exists(seats)) | Q(participants__person_id=user.person_id)
    if user.organization_id:
        visible |= Q(
            Exists(AgendaItem.objects.filter(perm.assigned_in_item(user.organization_id), meeting=OuterRef("pk")))
        )
    ids = meetings.filter(visible).values("pk")
    return meetings.filter(pk__in=ids).exclude(status=Meeting.Status.DRAFT)


def visible_items(user):
    """The items `user` may see: `permissions.can_view_item` asked in SQL, for lists and searches (a test holds the
    two to the same answers)."""
    items = AgendaItem.objects.all()
    if not user.is_authenticated:
        return items.none()
    if perm.is_office(user):
        return items
    items = items.filter(meeting__in=visible_meetings(user).values("pk"))
    if user.person_id is None:
        # No seat and no place on any participant list: the normal items of the meetings seen.
        return items.filter(confidentiality=Confidentiality.NORMAL)
    seat = Membership.objects.filter(person_id=user.person_id, term=OuterRef("meeting__term"))
    member = Exists(seat.filter(active_on(timezone.localdate())))
    mine = Participant.objects.filter(meeting=OuterRef("meeting"), person_id=user.person_id)
    invitee = mine.filter(role=Participant.Role.INVITEE)
    invited = Exists(invitee.filter(Q(items=None) | Q(items=OuterRef("pk"))))
    chair = Exists(mine.filter(role=Participant.Role.CHAIR))
    normal = Q(confidentiality=Confidentiality.NORMAL) & (~Exists(invitee) | member | invited)
    in_the_room = ~Q(confidentiality=Confidentiality.NORMAL) & (member | invited | chair)
    return items.filter(normal | in_the_room)


def withheld_items(user):
    """The confidential items `user` may not see (none for the office)."""
    confidential = AgendaItem.objects.exclude(confidentiality=Confidentiality.NORMAL)
    if perm.is_office(user):
        return confidential.none()
    return confidential.exclude(pk__in=visible_items(user).values("pk"))


def openable_documents(user):
    """The confidential papers `user` may open in the viewer: `permissions.can_open_document` asked in SQL (the
    body's members with a seat active today and the item's invitees; never by role alone)."""
    if not user.is_authenticated or user.person_id is None:
        return Document.objects.none()
    seat = Membership.objects.filter(person_id=user.person_id, term=OuterRef("item__meeting__term"))
    invitee = Participant.objects.filter(
        meeting=OuterRef("item__meeting"), person_id=user.person_id, role=Participant.Role.INVITEE
    )
    invited = Exists(invitee.filter(Q(items=None) | Q(items=OuterRef("item"))))
    opener = Exists(seat.filter(active_on(timezone.localdate()))) | invited
    return Document.objects.exclude(item__meeting__status=Meeting.Status.DRAFT).filter(opener)


# The search part, above this one, gives the meetings list its engine when it loads (hoinghi.search.apps): a
# function (user, query) -> a queryset of the ids of the meetings the query finds for the user.
meeting_finder = None


def use_meeting_finder(finder) -> None:
    global meeting_finder
    meeting_finder = finder


def meeting_list(user, *, body=None, term=None, year=None, status=None, query=""):
    meetings = visible_meetings(user).annotate(item_count=Count("items", distinct=True))
    if body:
        meetings = meetings.filter(body=body)
    if term:
        meetings = meetings.filter(term=term)
    if year:
        meetings = meetings.filter(starts_at__year=year)
    if status:
        meetings = meetings.filter(status=status)
    if query.strip():
        # What the search finds of a meeting (its body, number, date, items...): an item's title finds its meeting
        # only for whoever may see the item.
        meetings = meetings.filter(pk__in=meeting_finder(user, query))
    return meetings.order_by("-starts_at")


def meeting_years():
    return sorted({d.year for d in Meeting.objects.dates("starts_at", "year")}, reverse=True)


@dataclass(frozen=True)
class Withheld:
    """An item as the agenda shows it to whoever may not open it (`permissions.can_view_item`): its place, nothing
    of its content, and why: it is confidential, or the reader is invited to other items of the meeting.

    The item is not left out: members speak of "item 3", and a reader who sees a gap in the agenda learns as much as
    one who reads "confidential content", while thinking the agenda incomplete.
    """

    order: int
    confidential: bool
    withheld: bool = True


def agenda(meeting: Meeting, user) -> list:
    """The meeting's items in order; those `user` may not see as `Withheld`."""
    items = (
        meeting.items.select_related("presenter_organization", "presenter_person", "conclusion", "matter")
        .annotate(opinion_count=Count("opinions", distinct=True), document_count=Count("documents", distinct=True))
        .order_by("order", "id")
    )
    shown = []
    for item in items:
        item.meeting = meeting
        shown.append(item if perm.can_view_item(user, item) else Withheld(item.order, perm.is_confidential(item)))
    return shown


def participants(meeting: Meeting):
    """The participants, each with `invited_to`: the items an invitee is invited to (a list: kept as querysets, a
    prefetch builds one for every participant, 30 ms for a committee's 130)."""
    invited_to = Prefetch("items", to_attr="invited_to")
    return (
        meeting.participants.select_related("person").prefetch_related(invited_to).order_by("role", "person__full_name")
    )


def quorum(meeting: Meeting) -> rules.Quorum:
    members = meeting.participants.filter(is_member=True)
    convened = members.count()
    present = members.filter(attendance=Participant.Attendance.PRESENT).count()
    share = Fraction(meeting.body.quorum_numerator, meeting.body.quorum_denominator)
    marked = members.exclude(attendance=Participant.Attendance.UNKNOWN).exists()
    return rules.quorum(convened, present, share, recorded=marked or meeting.status not in rules.ENDED)


def matter_history(item: AgendaItem, user):
    """The same matter at other meetings the reader may see, oldest first."""
    if item.matter_id is None:
        return []
    others = (
        AgendaItem.objects.filter(matter_id=item.matter_id)
        .exclude(pk=item.pk)
        .select_related("meeting", "meeting__body", "conclusion")
        .order_by("meeting__starts_at")
    )
    return [other for other in others if perm.can_view_item(user, other)]


def earlier_items(item: AgendaItem):
    """Candidates for linking: items of the organization's earlier meetings."""
    return (
        AgendaItem.objects.filter(meeting__starts_at__lt=item.meeting.starts_at)
        .select_related("meeting")
        .order_by("-meeting__starts_at", "order")[:200]
    )


def item_history(item: AgendaItem):
    """Audit events of the item, its conclusion and the conclusion's directives, newest first."""
    events = list(audit.history(item))
    conclusion = getattr(item, "conclusion", None)
    if conclusion is not None:
        events += list(audit.history(conclusion))
        for directive in conclusion.directives.all():
            events += list(audit.history(directive))
    return sorted(events, key=lambda e: (e.at, e.pk), reverse=True)


# The objects a URL names, for the permission guards of the views (hoinghi.core.permissions).


def load_meeting(pk) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("body", "term", "body__organization"), pk=pk)


def load_meeting_step(pk, step) -> tuple[Meeting, str]:
    return load_meeting(pk), step


def load_item(pk) -> AgendaItem:
    return get_object_or_404(AgendaItem.objects.select_related("meeting", "meeting__body", "meeting__term"), pk=pk)


def load_participant(pk) -> Participant:
    return get_object_or_404(Participant.objects.select_related("meeting", "person"), pk=pk)


def load_document(pk) -> Document:
    return get_object_or_404(Document.objects.select_related("item__meeting"), pk=pk)
