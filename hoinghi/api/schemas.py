"""The shapes the API answers with. Plain values only; each names what the pages name, in English."""

import datetime
from typing import Annotated

from ninja import Field, Schema

# Bounds every number and text a client sends must keep: the databases refuse larger integers and NUL
# characters with an error, which would be a server error instead of a 422.
MAX_ID = 2**62
NO_NUL = r"^[^\x00]*$"
# A day a filter takes: within what a local day's start in UTC can be computed for, and far past any record.
Day = Annotated[datetime.date, Field(ge=datetime.date(1900, 1, 1), le=datetime.date(2999, 12, 31))]


class Problem(Schema):
    """Every error: a sentence in the language asked for (Vietnamese unless `Accept-Language: en`)."""

    detail: str
    errors: list["FieldProblem"] = []


class FieldProblem(Schema):
    field: str
    message: str


# What any endpoint with a key may answer besides its data: no key or a bad one, refused, not found or hidden,
# input out of shape.
REFUSALS = {401: Problem, 403: Problem, 404: Problem, 422: Problem}


class Named(Schema):
    id: int
    name: str


class MeetingSummary(Schema):
    id: int
    title: str
    number: int | None
    kind: str
    status: str
    starts_at: datetime.datetime
    place: str
    body: Named
    term: str = Field(description="The term's ordinal, e.g. XVII")
    item_count: int

    @staticmethod
    def resolve_term(meeting) -> str:
        return meeting.term.ordinal


class AgendaEntry(Schema):
    """An item of the agenda. One the reader may not see keeps its place (`withheld`) and nothing of its content:
    no id, no title; `confidential` says why."""

    order: int
    withheld: bool
    confidential: bool
    id: int | None = None
    title: str | None = None
    kind: str | None = None
    concluded: bool = False


class Meeting(MeetingSummary):
    agenda: list[AgendaEntry]


class Conclusion(Schema):
    id: int
    item_id: int
    meeting_id: int
    outcome: str
    text: str
    updated_at: datetime.datetime

    @staticmethod
    def resolve_meeting_id(conclusion) -> int:
        return conclusion.item.meeting_id


class Item(Schema):
    id: int
    meeting_id: int
    order: int
    title: str
    kind: str
    confidentiality: str
    presenter: str | None
    conclusion: Conclusion | None
    directive_ids: list[int] = Field(description="The item's directives the reader may see")


class DirectiveSummary(Schema):
    id: int
    content: str
    status: str
    deadline: datetime.date | None
    priority: bool
    body: Named
    lead_organization: Named
    meeting_id: int
    item_id: int | None = Field(description="Null when the reader may not see the item behind the directive")
    last_report_at: datetime.datetime | None


class Report(Schema):
    id: int
    organization: Named
    text: str
    percent: int | None
    reports_done: bool
    created_at: datetime.datetime
    replaces_id: int | None
    current: bool = Field(description="False when a later version corrects it")


class DeadlineEntry(Schema):
    deadline: datetime.date | None
    cause: str
    set_at: datetime.datetime


class Directive(DirectiveSummary):
    coordinating_organizations: list[Named]
    deadline_history: list[DeadlineEntry]
    reports: list[Report] = Field(description="Every version, the latest first; a correction replaces an earlier one")

    @staticmethod
    def resolve_coordinating_organizations(directive) -> list:
        return list(directive.coordinating_organizations.order_by("name"))

    @staticmethod
    def resolve_deadline_history(directive) -> list:
        return list(directive.deadline_history.all())

    @staticmethod
    def resolve_reports(directive) -> list:
        return directive.reports_listed


class NewReport(Schema):
    text: str = Field(min_length=1, max_length=20000, pattern=NO_NUL)
    percent: int | None = Field(None, ge=0, le=100)
    done: bool = False


class OptionCount(Schema):
    code: str
    label: str
    count: int
    percent: float | None


class SubjectResult(Schema):
    label: str
    options: list[OptionCount]
    passed: bool | None
    level: str | None


class PollResult(Schema):
    """The published result: the counts per subject, never who cast what."""

    base: str
    base_count: int | None
    share: str
    strict: bool
    convened: int | None
    present: int | None
    returned: int | None
    valid: int | None
    subjects: list[SubjectResult]


class PollSummary(Schema):
    id: int
    title: str
    kind: str
    method: str
    meeting_id: int
    item_id: int | None
    published_at: datetime.datetime | None


class Poll(PollSummary):
    result: PollResult | None

    @staticmethod
    def resolve_result(poll) -> dict | None:
        return poll.result_shown


class ResolutionSummary(Schema):
    id: int
    number: str
    title: str
    body: Named
    issued_on: datetime.date
    period_start: int
    period_end: int


class Milestone(Schema):
    year: int
    value: float


class TargetSummary(Schema):
    id: int
    resolution_id: int
    order: int
    indicator: str
    unit: str
    kind: str
    direction: str
    frequency: str
    baseline_value: float | None
    baseline_year: int | None
    milestones: list[Milestone]

    @staticmethod
    def resolve_milestones(target) -> list:
        return list(target.milestones.all())


class Resolution(ResolutionSummary):
    targets: list[TargetSummary] = Field(description="The targets the account may see")

    @staticmethod
    def resolve_targets(resolution) -> list:
        return resolution.targets_listed


class Figure(Schema):
    id: int
    organization: Named
    period: datetime.date
    value: float
    weight: float | None
    status: str
    note: str
    reported_at: datetime.datetime
    is_current: bool
    replaces_id: int | None


class ArticleSummary(Schema):
    id: int
    title: str
    slug: str
    summary: str = Field(description="Plain text")
    publish_at: datetime.datetime
    meeting_id: int | None
    url: str = Field(description="The article's page on the portal")

    @staticmethod
    def resolve_url(article) -> str:
        return article.get_absolute_url()


class Article(ArticleSummary):
    body: str = Field(description="HTML, sanitized by the portal")
    updated_at: datetime.datetime
