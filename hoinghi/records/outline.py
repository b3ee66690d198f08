"""Read the meeting record once, in a fixed number of queries, in the shape the outputs write from."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, Prefetch

from hoinghi.directory.models import Body, Organization, Person, Position, active_on
from hoinghi.meetings.models import AgendaItem, Conclusion, Confidentiality, Meeting, Participant
from hoinghi.meetings.services import meeting_day
from hoinghi.voting.models import Poll

from . import wording


@dataclass
class Chair:
    person: Person
    positions: list[Position]

    def signing_position(self, organization: Organization) -> Position | None:
        """The highest post, preferring one held in the issuing organization (the Bí thư before the UVTW)."""
        ranked = sorted(self.positions, key=lambda p: (p.organization_id != organization.pk, p.rank, p.pk))
        return ranked[0] if ranked else None


@dataclass
class ItemOutline:
    item: AgendaItem
    conclusion: Conclusion | None
    opinion_count: int
    directives: list = field(default_factory=list)
    votes: list = field(default_factory=list)
    polls: list = field(default_factory=list)  # published polls: see _published_polls

    @property
    def reported(self) -> bool:
        """Has something the notice reports: a conclusion or the result of a vote."""
        return self.conclusion is not None or bool(self.polls)

    @property
    def confidential(self) -> bool:
        return self.item.confidentiality != Confidentiality.NORMAL


@dataclass
class MeetingRecord:
    meeting: Meeting
    day: datetime.date
    body: Body
    organization: Organization
    chairs: list[Chair]
    items: list[ItemOutline]
    polls: list = field(default_factory=list)  # published polls on the meeting as a whole

    @property
    def concluded(self) -> list[ItemOutline]:
        return [outline for outline in self.items if outline.conclusion is not None]

    @property
    def reported(self) -> list[ItemOutline]:
        return [outline for outline in self.items if outline.reported]

    @property
    def organization_short_name(self) -> str:
        return self.organization.short_name or self.organization.name

    @property
    def sitting(self) -> str:
        meeting = self.meeting
        return wording.sitting_name(meeting.number, meeting.title, self.body.name, meeting.kind, self.body.kind)

    @property
    def noun(self) -> str:
        """ "Hội nghị", or "Kỳ họp" for a council's session."""
        return wording.sitting_noun(self.body.kind)


def _conclusion_of(item: AgendaItem) -> Conclusion | None:
    try:
        return item.conclusion
    except ObjectDoesNotExist:
        return None


def _chairs(meeting: Meeting, day: datetime.date) -> list[Chair]:
    positions = Position.objects.filter(active_on(day)).order_by("rank", "id")
    participants = (
        meeting.participants.filter(role=Participant.Role.CHAIR)
        .select_related("person")
        .prefetch_related(Prefetch("person__positions", queryset=positions, to_attr="active_positions"))
        .order_by("id")
    )
    return [Chair(p.person, p.person.active_positions) for p in participants]


def _published_polls():
    """Published polls, each able to word its result (Poll.summary_lines)."""
    return Poll.objects.filter(status=Poll.Status.PUBLISHED).prefetch_related("subjects")


def _items(meeting: Meeting, day: datetime.date) -> list[ItemOutline]:
    positions = Position.objects.filter(active_on(day)).order_by("rank", "id")
    items = (
        meeting.items.select_related("conclusion", "presenter_organization", "presenter_person")
        .annotate(opinion_count=Count("opinions"))
        .prefetch_related(
            # The presenter's posts on the day: "đồng chí X, Phó Chủ tịch UBND tỉnh trình bày".
            Prefetch("presenter_person__positions", queryset=positions, to_attr="active_positions"),
            "vote_records",
            Prefetch("polls", queryset=_published_polls(), to_attr="published_polls"),
            "conclusion__directives__lead_organization",
            "conclusion__directives__coordinating_organizations",
            # What the meeting gave, before any transfer to a successor (directives.transfer.as_given).
            "conclusion__directives__transfers__from_organization",
            "conclusion__directives__transfers__to_organization",
            "conclusion__directives__deadline_history",
        )
        .order_by("order", "id")
    )
    outlines = []
    for item in items:
        conclusion = _conclusion_of(item)
        directives = list(conclusion.directives.all()) if conclusion else []
        outlines.append(
            ItemOutline(
                item, conclusion, item.opinion_count, directives, list(item.vote_records.all()), item.published_polls
            )
        )
    return outlines


def load_record(meeting: Meeting) -> MeetingRecord:
    meeting = Meeting.objects.select_related("body__organization", "term").get(pk=meeting.pk)
    day = meeting_day(meeting)
    return MeetingRecord(
        meeting=meeting,
        day=day,
        body=meeting.body,
        organization=meeting.body.organization,
        chairs=_chairs(meeting, day),
        items=_items(meeting, day),
        polls=list(_published_polls().filter(meeting=meeting, item=None)),
    )
