"""Writes to the meeting record, each in two parts (as Zulip's check_* and do_*).

`check_*` is what a person's request calls: it checks that the acting person may do it, then acts.
`do_*` is the action: one transaction that checks the record's state and the input, writes and audits; the
import of articles, the demo loader and background jobs call it directly, with whoever they act for (or no one).
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from hoinghi.core import audit
from hoinghi.core.errors import invalid, require
from hoinghi.directory.models import Membership, active_on

from . import permissions as perm
from . import rules
from .models import AgendaItem, Conclusion, Matter, Meeting, Opinion, Participant, VoteRecord

MEETING_FIELDS = ["body", "term", "number", "kind", "starts_at", "place", "title"]
ITEM_FIELDS = ["title", "kind", "presenter_organization", "presenter_person", "confidentiality"]


def _current(meeting: Meeting) -> Meeting:
    """The meeting as the database has it now: its status may have moved since it was read."""
    return Meeting.objects.select_related("body", "term").get(pk=meeting.pk)


def _check_meeting(meeting: Meeting) -> None:
    if meeting.term.body_id != meeting.body_id:
        invalid(_("The term does not belong to this body."), "term")
    if not meeting.title:
        invalid(_("The title is required."), "title")
    day = timezone.localdate(meeting.starts_at) if timezone.is_aware(meeting.starts_at) else meeting.starts_at.date()
    if not meeting.body.existed_on(day):
        invalid(
            _("%(body)s does not exist on %(day)s: choose a body existing on the meeting's day.")
            % {"body": meeting.body, "day": f"{day:%d/%m/%Y}"},
            "body",
        )
    term = meeting.term
    if day < term.start or (term.end and day > term.end):
        invalid(_("The date is outside term %(term)s.") % {"term": term.ordinal}, "starts_at")
    meeting.validate_constraints()


def _save_unique(meeting: Meeting) -> None:
    # The check above gives the message; the constraint catches a concurrent writer.
    try:
        with transaction.atomic():
            meeting.save()
    except IntegrityError:
        invalid(meeting.number_taken_message(), "number")


def check_create_meeting(actor, **fields) -> Meeting:
    require(perm.is_office(actor))
    return do_create_meeting(actor, **fields)


@transaction.atomic
def do_create_meeting(actor, **fields) -> Meeting:
    meeting = Meeting(created_by=actor, **fields)
    _check_meeting(meeting)
    _save_unique(meeting)
    day = timezone.localdate(meeting.starts_at)
    seats = Membership.objects.filter(term=meeting.term).filter(active_on(day)).values_list("person_id", "role")
    Participant.objects.bulk_create(
        Participant(
            meeting=meeting,
            person_id=person,
            is_member=True,
            role=Participant.Role.CHAIR if role == Membership.Role.CHAIR else Participant.Role.MEMBER,
        )
        for person, role in seats
    )
    audit.record(actor, "meeting.create", meeting, **audit.snapshot(meeting, MEETING_FIELDS))
    return meeting


def check_update_meeting(actor, meeting: Meeting, **fields) -> Meeting:
    require(perm.can_manage(actor, meeting))
    return do_update_meeting(actor, meeting, **fields)


@transaction.atomic
def do_update_meeting(actor, meeting: Meeting, **fields) -> Meeting:
    _preparable(meeting)
    before = audit.snapshot(meeting, MEETING_FIELDS)
    for name, value in fields.items():
        setattr(meeting, name, value)
    _check_meeting(meeting)
    _save_unique(meeting)
    if changes := audit.diff(before, audit.snapshot(meeting, MEETING_FIELDS)):
        audit.record(actor, "meeting.update", meeting, changes=changes)
    return meeting


def check_take_step(actor, meeting: Meeting, step: str) -> Meeting:
    if step not in rules.STEPS:
        invalid(_("Unknown step."))
    require(perm.can_take_named_step(actor, meeting, step))
    return do_take_step(actor, meeting, step)


@transaction.atomic
def do_take_step(actor, meeting: Meeting, step: str) -> Meeting:
    """Move the meeting along its lifecycle: schedule, unschedule, start, close, issue_notice, record_held."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if step not in rules.STEPS:
        invalid(_("Unknown step."))
    source, target, _who = rules.STEPS[step]
    if meeting.status != source:
        invalid(
            _("This step is not possible while the meeting is %(status)s.")
            % {"status": meeting.get_status_display().lower()}
        )
    if step == "schedule" and not meeting.items.exists():
        invalid(_("Add at least one agenda item before scheduling the meeting."))
    if step == "record_held" and meeting_day(meeting) >= timezone.localdate():
        invalid(_("Only a meeting held on an earlier day can be recorded as held."))
    meeting.status = target
    if step == "start":
        meeting.current_item = meeting.items.order_by("order", "id").first()
    meeting.save()
    audit.record(actor, f"meeting.{step}", meeting, status=[source, target])
    return meeting


def _preparable(meeting: Meeting, message=None) -> Meeting:
    """A meeting is prepared until it closes."""
    meeting = _current(meeting)
    if meeting.status not in rules.EDITABLE_AGENDA:
        invalid(message or _("A closed meeting cannot be changed."))
    return meeting


def _editable_agenda(meeting: Meeting) -> Meeting:
    return _preparable(meeting, _("The agenda of a closed meeting cannot be changed."))


def _attendance_open(meeting: Meeting) -> None:
    meeting = _current(meeting)
    if meeting.status not in rules.ATTENDANCE_OPEN:
        invalid(_("Attendance is recorded only for a scheduled or running meeting."))


def check_add_participant(actor, meeting: Meeting, person, role: str, items=()) -> Participant:
    require(perm.can_manage(actor, meeting))
    return do_add_participant(actor, meeting, person, role, items)


@transaction.atomic
def do_add_participant(actor, meeting: Meeting, person, role: str, items=()) -> Participant:
    meeting = _preparable(meeting)
    # A seat that ended before the meeting's day does not make its holder a member of this meeting.
    seats = Membership.objects.filter(term=meeting.term, person=person).filter(active_on(meeting_day(meeting)))
    is_member = seats.exists()
    if role == Participant.Role.MEMBER and not is_member:
        invalid(_("%(person)s is not a member of this body for the term.") % {"person": person}, "person")
    participant, created = Participant.objects.get_or_create(
        meeting=meeting, person=person, defaults={"role": role, "is_member": is_member}
    )
    if not created and participant.role != role:
        participant.role = role
        participant.save(update_fields=["role"])
    if items:
        if any(item.meeting_id != meeting.pk for item in items):
            invalid(_("The items must belong to this meeting."), "items")
        participant.items.add(*items)
    audit.record(actor, "participant.add", meeting, person=str(person), role=role, items=[str(i) for i in items])
    return participant


def check_remove_participant(actor, participant: Participant) -> None:
    require(perm.can_manage(actor, participant.meeting))
    do_remove_participant(actor, participant)


@transaction.atomic
def do_remove_participant(actor, participant: Participant) -> None:
    meeting = _preparable(participant.meeting)
    if participant.is_member:
        invalid(_("Members of the body cannot be removed; record them as absent."))
    audit.record(actor, "participant.remove", meeting, person=str(participant.person), role=participant.role)
    participant.delete()


def check_record_attendance(actor, participant: Participant, attendance: str, reason: str = "") -> Participant:
    require(perm.can_record_attendance(actor, participant.meeting))
    return do_record_attendance(actor, participant, attendance, reason)


@transaction.atomic
def do_record_attendance(actor, participant: Participant, attendance: str, reason: str = "") -> Participant:
    _attendance_open(participant.meeting)
    if attendance not in Participant.Attendance.values:
        invalid(_("Unknown attendance value."), "attendance")
    reason = reason.strip()
    if attendance == Participant.Attendance.ABSENT and not reason:
        invalid(_("Give the reason for the absence."), "absence_reason")
    before = (participant.attendance, participant.absence_reason)
    participant.attendance = attendance
    participant.absence_reason = reason if attendance == Participant.Attendance.ABSENT else ""
    participant.save(update_fields=["attendance", "absence_reason"])
    audit.record(
        actor,
        "participant.attendance",
        participant.meeting,
        person=str(participant.person),
        attendance=[before[0], attendance],
        reason=participant.absence_reason,
    )
    return participant


def check_add_item(actor, meeting: Meeting, **fields) -> AgendaItem:
    require(perm.can_manage(actor, meeting))
    return do_add_item(actor, meeting, **fields)


@transaction.atomic
def do_add_item(actor, meeting: Meeting, **fields) -> AgendaItem:
    _editable_agenda(meeting)
    if not fields.get("title", "").strip():
        invalid(_("The title is required."), "title")
    _check_presenter(meeting, fields.get("presenter_organization"))
    last = meeting.items.aggregate(last=Max("order"))["last"]
    item = AgendaItem.objects.create(meeting=meeting, order=(last or 0) + 1, **fields)
    audit.record(actor, "item.create", item, **audit.snapshot(item, ITEM_FIELDS))
    return item


def _check_presenter(meeting: Meeting, organization) -> None:
    day = meeting_day(meeting)
    if organization is not None and not organization.existed_on(day):
        message = _("%(organization)s does not exist on the meeting's day (%(day)s).")
        invalid(message % {"organization": organization, "day": f"{day:%d/%m/%Y}"}, "presenter_organization")


def check_update_item(actor, item: AgendaItem, **fields) -> AgendaItem:
    require(perm.can_manage(actor, item.meeting))
    return do_update_item(actor, item, **fields)


@transaction.atomic
def do_update_item(actor, item: AgendaItem, **fields) -> AgendaItem:
    _editable_agenda(item.meeting)
    before = audit.snapshot(item, ITEM_FIELDS)
    for name, value in fields.items():
        setattr(item, name, value)
    if not item.title:
        invalid(_("The title is required."), "title")
    _check_presenter(item.meeting, item.presenter_organization)
    item.save()
    if changes := audit.diff(before, audit.snapshot(item, ITEM_FIELDS)):
        audit.record(actor, "item.update", item, changes=changes)
    return item


def check_reorder_items(actor, meeting: Meeting, item_ids: list[int]) -> None:
    require(perm.can_manage(actor, meeting))
    do_reorder_items(actor, meeting, item_ids)


@transaction.atomic
def do_reorder_items(actor, meeting: Meeting, item_ids: list[int]) -> None:
    """Set the agenda order to `item_ids`, which must name every item of the meeting once."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _editable_agenda(meeting)
    items = {item.pk: item for item in meeting.items.all()}
    if sorted(item_ids) != sorted(items):
        invalid(_("The new order must list every item of the meeting exactly once."))
    before = [items[pk].title for pk in sorted(items, key=lambda pk: (items[pk].order, pk))]
    for position, pk in enumerate(item_ids, start=1):
        items[pk].order = position
    AgendaItem.objects.bulk_update(items.values(), ["order"])
    audit.record(actor, "meeting.reorder", meeting, before=before, after=[items[pk].title for pk in item_ids])


def check_move_item(actor, item: AgendaItem, offset: int) -> None:
    """Move one item up (-1) or down (+1)."""
    require(perm.can_manage(actor, item.meeting))
    ids = list(item.meeting.items.order_by("order", "id").values_list("pk", flat=True))
    index = ids.index(item.pk)
    target = min(max(index + offset, 0), len(ids) - 1)
    ids.insert(target, ids.pop(index))
    do_reorder_items(actor, item.meeting, ids)


def check_link_to_earlier(actor, item: AgendaItem, earlier: AgendaItem) -> Matter:
    require(perm.can_manage(actor, item.meeting))
    return do_link_to_earlier(actor, item, earlier)


@transaction.atomic
def do_link_to_earlier(actor, item: AgendaItem, earlier: AgendaItem) -> Matter:
    """Follow one matter across meetings: both items share a Matter."""
    if earlier.pk == item.pk or earlier.meeting.starts_at >= item.meeting.starts_at:
        invalid(_("Choose an item of an earlier meeting."), "earlier")
    matter = earlier.matter or item.matter or Matter.objects.create(title=earlier.title)
    for linked in (item, earlier):
        if linked.matter_id != matter.pk:
            linked.matter = matter
            linked.save(update_fields=["matter"])
    audit.record(actor, "item.link", item, earlier=str(earlier), matter=str(matter))
    return matter


def check_set_current_item(actor, item: AgendaItem) -> None:
    require(perm.can_run_items(actor, item.meeting))
    do_set_current_item(actor, item)


@transaction.atomic
def do_set_current_item(actor, item: AgendaItem) -> None:
    meeting = _current(item.meeting)
    if meeting.status != Meeting.Status.IN_PROGRESS:
        invalid(_("Only a running meeting has a current item."))
    meeting.current_item = item
    meeting.save(update_fields=["current_item"])
    audit.record(actor, "meeting.current_item", meeting, item=str(item))


def check_add_opinion(actor, item: AgendaItem, text: str, document=None) -> Opinion:
    require(perm.can_write_opinion(actor, item), _("Only members and invitees of this item can give opinions."))
    if document is not None:
        require(perm.can_open_document(actor, document))
    return do_add_opinion(actor, item, text, document)


@transaction.atomic
def do_add_opinion(actor, item: AgendaItem, text: str, document=None) -> Opinion:
    """The acting person's opinion on the item (or on one of its papers)."""
    if _current(item.meeting).status not in rules.OPINIONS_OPEN:
        invalid(_("Opinions are taken before and during the meeting only."))
    if not text.strip():
        invalid(_("The opinion is empty."), "text")
    if document is not None and document.item_id != item.pk:
        invalid(_("The draft must belong to this item."), "document")
    opinion = Opinion.objects.create(item=item, author=actor.person, text=text, document=document)
    audit.record(actor, "opinion.create", opinion, item=str(item))
    return opinion


def check_record_conclusion(actor, item: AgendaItem, outcome: str, text: str) -> Conclusion:
    require(perm.can_conclude(actor, item.meeting), _("Only the chair or the office can record conclusions."))
    return do_record_conclusion(actor, item, outcome, text)


@transaction.atomic
def do_record_conclusion(actor, item: AgendaItem, outcome: str, text: str) -> Conclusion:
    """Create or edit the item's conclusion; every edit keeps who, when and what changed."""
    meeting = _current(item.meeting)
    if meeting.status not in rules.CONCLUSIONS_OPEN:
        invalid(_("Conclusions are recorded while the meeting runs or after it closes, before the notice is issued."))
    if outcome not in Conclusion.Outcome.values:
        invalid(_("Choose an outcome."), "outcome")
    if not text.strip():
        invalid(_("The conclusion text is required."), "text")
    conclusion = Conclusion.objects.filter(item=item).first()
    before = audit.snapshot(conclusion, ["outcome", "text"]) if conclusion else {}
    conclusion = conclusion or Conclusion(item=item)
    conclusion.outcome, conclusion.text = outcome, text
    conclusion.save()
    changes = audit.diff(before, audit.snapshot(conclusion, ["outcome", "text"]))
    if changes:
        audit.record(actor, "conclusion.update" if before else "conclusion.create", conclusion, changes=changes)
    return conclusion


@transaction.atomic
def do_record_vote(
    actor, item: AgendaItem, *, subject: str, method: str, result_text: str, percent_for=None
) -> VoteRecord:
    """Keep a vote result as the meeting reported it (typed in, or read from an archive article)."""
    meeting = _current(item.meeting)
    if meeting.status not in rules.CONCLUSIONS_OPEN:
        invalid(_("Vote results are recorded while the meeting runs or after it closes, before the notice is issued."))
    if method and method not in VoteRecord.Method.values:
        invalid(_("Choose a voting method."), "method")
    if not subject.strip():
        invalid(_("The subject is required."), "subject")
    if not result_text.strip():
        invalid(_("The result is required."), "result_text")
    if percent_for is not None and not 0 <= percent_for <= 100:
        invalid(_("The share in favour must be between 0 and 100."), "percent_for")
    vote = VoteRecord.objects.create(
        item=item, subject=subject, method=method or "", result_text=result_text, percent_for=percent_for
    )
    percent = None if percent_for is None else str(percent_for)
    audit.record(actor, "vote.record", vote, item=str(item), subject=subject, method=vote.method, percent_for=percent)
    return vote


def meeting_day(meeting: Meeting) -> datetime.date:
    return timezone.localdate(meeting.starts_at)
