"""The review in the room: the directives a body's earlier meetings issued that are still open, or were
closed since the body last met, so that the chair goes through them at the next meeting.

Three queries whatever the number of directives: the previous meeting, the directives with their
meeting and latest report, their coordinating organizations.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from hoinghi.directory.models import Body
from hoinghi.directory.selectors import predecessors_of
from hoinghi.meetings import permissions as meeting_perm
from hoinghi.meetings import rules as meeting_rules
from hoinghi.meetings.models import Confidentiality, Meeting

from . import permissions as follow
from . import rules
from .models import Directive, ProgressReport

# The meetings that took place (or are taking place): a scheduled one that never opened is not "the last".
HELD = [meeting_rules.Status.IN_PROGRESS, meeting_rules.Status.CLOSED, meeting_rules.Status.NOTICE_ISSUED]


@dataclass
class Line:
    directive: Directive
    split: str | None  # rules.split; None when cancelled
    days_late: int


@dataclass
class Review:
    since: Meeting | None  # the body's previous meeting; None when this is its first
    lines: list[Line] = field(default_factory=list)
    inherited: bool = False  # some lines are of the bodies its organization succeeded


def reviewed_bodies(meeting: Meeting) -> list[int]:
    """The meeting's body and the bodies of the same kind of the organizations its organization succeeded: after a
    merger, the new committee's Standing Committee goes through the work its predecessors' left open."""
    predecessors = predecessors_of(meeting.body.organization)
    inherited = Body.objects.filter(organization__in=predecessors, kind=meeting.body.kind) if predecessors else []
    return [meeting.body_id, *(body.pk for body in inherited)]


def previous_meeting(meeting: Meeting) -> Meeting | None:
    earlier = Meeting.objects.filter(
        body_id__in=reviewed_bodies(meeting), starts_at__lt=meeting.starts_at, status__in=HELD
    )
    return earlier.order_by("-starts_at", "-pk").first()


def earlier_directives(meeting: Meeting, since: Meeting):
    """Directives of the body's meetings before `meeting` (and its predecessors' bodies', of their items that were
    not confidential: those stay in the room they were heard in), open or closed since `since` started."""
    latest = ProgressReport.objects.filter(directive=OuterRef("pk")).order_by("-created_at", "-pk")
    return (
        Directive.objects.filter(
            conclusion__item__meeting__body_id__in=reviewed_bodies(meeting),
            conclusion__item__meeting__starts_at__lt=meeting.starts_at,
        )
        .filter(
            Q(conclusion__item__meeting__body_id=meeting.body_id)
            | Q(conclusion__item__confidentiality=Confidentiality.NORMAL)
        )
        .filter(Q(status__in=rules.OPEN_STATUSES) | Q(closed_at__gte=since.starts_at))
        .select_related("lead_organization", "conclusion__item__meeting__body")
        .prefetch_related("coordinating_organizations")
        .annotate(latest_percent=Subquery(latest.values("percent")[:1]))
        .order_by("conclusion__item__meeting__starts_at", "conclusion__item__order", "pk")
    )


def _line(directive: Directive, today: datetime.date) -> Line:
    split = rules.split(directive.status, directive.deadline, directive.done_on, directive.deadline_at_close, today)
    if directive.status == rules.DONE:
        late = rules.days_late(directive.deadline_at_close, directive.done_on)
    else:
        late = rules.days_late(directive.deadline, today) if directive.is_open else 0
    return Line(directive, split, late)


def review(meeting: Meeting, *, reader=None, public_only: bool = False, today: datetime.date | None = None) -> Review:
    """The review of `meeting`, as of `today`.

    With `reader`, what that user may see: those who sit in the body see it all, others what
    `permissions.visible` lets them (a unit its own directives). `public_only` leaves out the directives of
    confidential items (for the notice, which goes to every unit it names).
    """
    since = previous_meeting(meeting)
    if since is None:
        return Review(since=None)
    directives = earlier_directives(meeting, since)
    if public_only:
        directives = directives.filter(conclusion__item__confidentiality=Confidentiality.NORMAL)
    if reader is not None and not sits_in_body(reader, meeting):
        directives = follow.visible(reader, directives)
    today = today or timezone.localdate()
    lines = [_line(directive, today) for directive in directives]
    inherited = any(line.directive.conclusion.item.meeting.body_id != meeting.body_id for line in lines)
    return Review(since=since, lines=lines, inherited=inherited)


def sits_in_body(user, meeting: Meeting) -> bool:
    return meeting_perm.is_member(user, meeting) or meeting_perm.is_chair(user, meeting)
