"""Reads of the meeting record, filtered by what the reader may see."""

from fractions import Fraction

from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from hoinghi.core import audit
from hoinghi.core.text import fold
from hoinghi.directory.models import Membership, User, active_on

from . import permissions as perm
from . import rules
from .models import AgendaItem, Document, Meeting, Participant


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
        key = fold(query.strip())
        meetings = meetings.filter(Q(search_key__contains=key) | Q(items__search_key__contains=key)).distinct()
    return meetings.order_by("-starts_at")


def meeting_years():
    return sorted({d.year for d in Meeting.objects.dates("starts_at", "year")}, reverse=True)


def agenda(meeting: Meeting):
    return (
        meeting.items.select_related("presenter_organization", "presenter_person", "conclusion", "matter")
        .annotate(opinion_count=Count("opinions", distinct=True), document_count=Count("documents", distinct=True))
        .order_by("order", "id")
    )


def participants(meeting: Meeting):
    return meeting.participants.select_related("person").prefetch_related("items").order_by("role", "person__full_name")


def quorum(meeting: Meeting) -> rules.Quorum:
    members = meeting.participants.filter(is_member=True)
    convened = members.count()
    present = members.filter(attendance=Participant.Attendance.PRESENT).count()
    share = Fraction(meeting.body.quorum_numerator, meeting.body.quorum_denominator)
    return rules.quorum(convened, present, share)


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
