"""Reads of directives for the follow-up pages: filtered lists, an organization's inbox, the overdue list
and the dashboard figures.

The figures are counted in SQL, one grouped query per table, with the definitions of `rules.split` (the
tests compare both on random data): a page costs the same number of queries however many directives.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, fields, replace
from operator import itemgetter

from django.db.models import Count, F, Q, QuerySet
from django.db.models.lookups import GreaterThan
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from hoinghi.core.text import collated
from hoinghi.directory.models import Body, Organization, Reorganization
from hoinghi.meetings.models import Conclusion, Meeting

from . import rules
from .models import Directive, ExtensionRequest, FollowUpSettings, ProgressReport, ReportAttachment
from .permissions import assigned_to

OPEN = sorted(rules.OPEN_STATUSES)
MEETING = "conclusion__item__meeting"


@dataclass(frozen=True)
class Filters:
    """The filters of the follow-up pages (read from the address by `forms.FilterForm`).

    `organization` is the lead organization (the one accountable, as in the Government's task tracking);
    an inbox also holds the directives its organization coordinates. The period is the meeting's date.
    """

    body: int | None = None
    meeting: int | None = None
    organization: int | None = None
    period_from: datetime.date | None = None
    period_to: datetime.date | None = None
    priority: bool = False
    status: str | None = None

    def query_string(self, **extra) -> str:
        """The filters as a query string, for links to the other pages with the same filters."""
        values = {f.name: getattr(self, f.name) for f in fields(self)} | extra
        values["priority"] = "1" if values["priority"] else None
        return urlencode({name: value for name, value in values.items() if value not in (None, "")})

    def link_to(self, name: str) -> str:
        """The start of a link to the same page with `name` set to a value written after it."""
        others = self.query_string(**{name: None})
        return f"?{others}&{name}=" if others else f"?{name}="

    def within(self, organization_id: int | None) -> "Filters":
        return replace(self, organization=organization_id)


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _period(filters: Filters, starts_at: str) -> dict:
    """Bounds on the meeting's start time rather than on its date: the index on the start serves them."""
    bounds = {}
    if filters.period_from:
        bounds[f"{starts_at}__gte"] = _day_start(filters.period_from)
    if filters.period_to:
        bounds[f"{starts_at}__lt"] = _day_start(filters.period_to + datetime.timedelta(days=1))
    return bounds


def filtered(filters: Filters, among: QuerySet[Directive] | None = None) -> QuerySet[Directive]:
    """The directives the filters select, among those given (the reader's, `permissions.visible`; all of them by
    default)."""
    conditions = {
        "body_id": filters.body,
        f"{MEETING}_id": filters.meeting,
        "lead_organization_id": filters.organization,
        "priority": filters.priority or None,
        "status": filters.status,
    }
    conditions = {name: value for name, value in conditions.items() if value is not None}
    directives = Directive.objects.all() if among is None else among
    return directives.filter(**conditions, **_period(filters, f"{MEETING}__starts_at"))


NEWEST_FIRST = (f"-{MEETING}__starts_at", "pk")


def listing(filters: Filters, among: QuerySet[Directive] | None = None) -> QuerySet[Directive]:
    """Every directive the filters select, newest meeting first."""
    return filtered(filters, among).order_by(*NEWEST_FIRST)


def inbox(organization_id: int, filters: Filters, among: QuerySet[Directive] | None = None) -> QuerySet[Directive]:
    """The directives an organization leads or coordinates, newest meeting first."""
    directives = filtered(replace(filters, organization=None), among)
    return directives.filter(assigned_to(organization_id)).order_by(*NEWEST_FIRST)


def overdue(filters: Filters, today: datetime.date, among: QuerySet[Directive] | None = None) -> QuerySet[Directive]:
    """Open directives past their deadline, most days late first (the earliest deadline is the latest)."""
    return filtered(filters, among).filter(status__in=OPEN, deadline__lt=today).order_by("deadline", "pk")


# The columns of a list of directives (the overdue list, an inbox, their exports): plain values, no models.
LIST_COLUMNS = {
    "meeting_at": F(f"{MEETING}__starts_at"),
    "meeting_title": F(f"{MEETING}__title"),
    "body_name": F("body__name"),
    "lead_name": F("lead_organization__name"),
}


def split_labels() -> dict[str, str]:
    return {
        rules.DONE_ON_TIME: _("Done on time"),
        rules.DONE_LATE: _("Done late"),
        rules.OPEN_IN_TIME: _("Open, within the deadline"),
        rules.OPEN_OVERDUE: _("Open, overdue"),
        rules.OPEN_NO_DEADLINE: _("Open, no deadline"),
        None: _("Cancelled"),
    }


def rows(directives: QuerySet[Directive], today: datetime.date) -> list[dict]:
    """Each directive as a dict of `LIST_COLUMNS` and its own fields, with its meeting day, where it falls in
    the four-way split and its days late (past the deadline while open; at the close when done)."""
    values = directives.values(
        "pk",
        "content",
        "deadline",
        "status",
        "priority",
        "closed_at",
        "done_on",
        "deadline_at_close",
        "last_report_at",
        **LIST_COLUMNS,
    )
    statuses, splits = dict(Directive.Status.choices), split_labels()
    listed = list(values)
    for row in listed:
        split = rules.split(row["status"], row["deadline"], row["done_on"], row["deadline_at_close"], today)
        row["split"] = split
        row["split_label"] = splits[split]
        row["status_label"] = statuses[row["status"]]
        row["meeting_day"] = timezone.localdate(row["meeting_at"])
        row["last_report_day"] = row["last_report_at"] and timezone.localdate(row["last_report_at"])
        if row["status"] in rules.OPEN_STATUSES:
            row["days_late"] = rules.days_late(row["deadline"], today)
        elif split == rules.DONE_LATE:
            row["days_late"] = rules.days_late(row["deadline_at_close"], row["done_on"])
        else:
            row["days_late"] = 0
    return listed


def coordinating_names(directives: QuerySet[Directive]) -> dict[int, list[str]]:
    """Directive id → the names of its coordinating organizations, in one query whatever the count."""
    links = Directive.coordinating_organizations.through.objects.filter(directive_id__in=directives.values("pk"))
    names: dict[int, list[str]] = {}
    for directive_id, name in links.order_by("organization__name").values_list("directive_id", "organization__name"):
        names.setdefault(directive_id, []).append(name)
    return names


@dataclass(frozen=True)
class Row:
    """One line of a dashboard table: an organization, a body, or everything."""

    pk: int | None
    name: str
    counts: rules.Counts
    reported_recently: int = 0
    units_overdue: int = 0

    @property
    def update_rate(self) -> float | None:
        return rules.update_rate(self.counts.open, self.reported_recently)

    @property
    def split(self) -> list[int]:
        return [getattr(self.counts, name) for name in rules.SPLIT]


def _counts(groups: list[dict]) -> tuple[rules.Counts, int]:
    """`rules.split` summed over the (status, figures) rows of one group; and the open directives reported on
    recently."""
    split = dict.fromkeys(rules.SPLIT, 0)
    assigned = cancelled = recent = 0
    for row in groups:
        assigned += row["n"]
        if row["state"] == rules.CANCELLED:
            cancelled += row["n"]
        elif row["state"] == rules.DONE:
            split[rules.DONE_LATE] += row["closed_late"]
            split[rules.DONE_ON_TIME] += row["n"] - row["closed_late"]
        else:
            split[rules.OPEN_OVERDUE] += row["past_deadline"]
            split[rules.OPEN_NO_DEADLINE] += row["no_deadline"]
            split[rules.OPEN_IN_TIME] += row["n"] - row["past_deadline"] - row["no_deadline"]
            recent += row["recent"]
    return rules.Counts(assigned=assigned, cancelled=cancelled, **split), recent


def _groups(directives, today, since) -> list[dict]:
    """One scan: a row per body, lead organization and status, with four plain conditions counted; the
    status decides which of them count (`_counts`). Checking the status in every condition instead costs twice
    the time, and a scan per table three times as much."""
    closed_late = GreaterThan(F("done_on"), F("deadline_at_close"))  # null when either is missing
    grouped = directives.order_by().values("body_id", "lead_organization_id", state=F("status"))
    return list(
        grouped.annotate(
            n=Count("pk"),
            past_deadline=Count("pk", filter=Q(deadline__lt=today)),
            no_deadline=Count("pk", filter=Q(deadline__isnull=True)),
            recent=Count("pk", filter=Q(last_report_at__gte=since)),
            closed_late=Count("pk", filter=Q(closed_late)),
        )
    )


def _rows(groups: list[dict], key: str, named) -> list[Row]:
    """The figures per `key` (then the names of the `named` model's rows, in a second query)."""
    by_key = defaultdict(list)
    for row in groups:
        by_key[row[key]].append(row)
    names = dict(named.objects.order_by().values_list("pk", "name"))  # all of them: a few hundred short rows
    return [Row(pk, names[pk], *_counts(rows)) for pk, rows in by_key.items()]


def _units_overdue(groups: list[dict]) -> Counter:
    """Per body, how many lead organizations hold overdue work."""
    overdue = {(r["body_id"], r["lead_organization_id"]) for r in groups if r["state"] in OPEN and r["past_deadline"]}
    return Counter(body for body, _organization in overdue)


def _total(rows_: list[Row]) -> Row:
    counts = rules.Counts(**{f.name: sum(getattr(r.counts, f.name) for r in rows_) for f in fields(rules.Counts)})
    units = sum(1 for r in rows_ if r.counts.open_overdue)
    return Row(None, _("All"), counts, sum(r.reported_recently for r in rows_), units)


@dataclass(frozen=True)
class Dashboard:
    total: Row  # its `units_overdue`: how many organizations hold overdue work
    by_body: list[Row]
    by_organization: list[Row]  # the most overdue first
    update_period_days: int
    today: datetime.date


def dashboard(
    filters: Filters, now: datetime.datetime | None = None, among: QuerySet[Directive] | None = None
) -> Dashboard:
    """The figures per lead organization and per body: a grouped query and their names for each (and the
    settings)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    period = FollowUpSettings.current().update_period_days
    since = now - datetime.timedelta(days=period)
    groups = _groups(filtered(filters, among), today, since)
    by_organization = _rows(groups, "lead_organization_id", Organization)
    by_organization.sort(key=lambda r: (-r.counts.open_overdue, -r.counts.assigned, r.name))
    units = _units_overdue(groups)
    by_body = [replace(row, units_overdue=units[row.pk]) for row in _rows(groups, "body_id", Body)]
    by_body.sort(key=lambda r: r.name)
    return Dashboard(_total(by_organization), by_body, by_organization, period, today)


def filter_choices(filters: Filters) -> dict:
    """The options of the filters form; the meetings are those of the chosen body in the period."""
    meetings = Meeting.objects.filter(pk=filters.meeting)
    if filters.body:
        meetings = meetings | Meeting.objects.filter(body_id=filters.body, **_period(filters, "starts_at"))
    return {
        "bodies": collated(Body.objects.values_list("pk", "name"), name=itemgetter(1)),
        "organizations": collated(Organization.objects.values_list("pk", "name"), name=itemgetter(1)),
        "meetings": meetings.order_by("-starts_at").values_list("pk", "starts_at", "title"),
        "statuses": Directive.Status.choices,
    }


def filter_labels(filters: Filters) -> list[tuple[str, str]]:
    """The filters in words, for the title of a printout or a spreadsheet."""
    labels = []
    if filters.body:
        labels.append((_("Body"), Body.objects.filter(pk=filters.body).values_list("name", flat=True).first()))
    if filters.meeting:
        meeting = Meeting.objects.filter(pk=filters.meeting).values_list("title", "starts_at").first()
        if meeting:
            labels.append((_("Meeting"), f"{meeting[0]} ({timezone.localdate(meeting[1]):%d/%m/%Y})"))
    if filters.organization:
        name = Organization.objects.filter(pk=filters.organization).values_list("name", flat=True).first()
        labels.append((_("Lead organization"), name))
    if filters.period_from:
        labels.append((_("Meetings from"), f"{filters.period_from:%d/%m/%Y}"))
    if filters.period_to:
        labels.append((_("Meetings until"), f"{filters.period_to:%d/%m/%Y}"))
    if filters.priority:
        labels.append((_("Priority"), _("priority directives only")))
    if filters.status:
        labels.append((_("Status"), str(Directive.Status(filters.status).label)))
    return [(label, value) for label, value in labels if value]


# The objects a URL names, for the permission guards of the views.


def load_conclusion(conclusion_pk) -> Conclusion:
    return get_object_or_404(Conclusion.objects.select_related("item__meeting"), pk=conclusion_pk)


def load_directive(pk) -> Directive:
    related = ("conclusion__item__meeting__body", "lead_organization")
    return get_object_or_404(Directive.objects.select_related(*related), pk=pk)


def load_reorganization(pk) -> Reorganization:
    return get_object_or_404(Reorganization.objects.prefetch_related("predecessors", "successors"), pk=pk)


def load_report(pk) -> ProgressReport:
    return get_object_or_404(ProgressReport.objects.select_related("directive"), pk=pk)


def load_attachment(pk) -> ReportAttachment:
    return get_object_or_404(ReportAttachment.objects.select_related("report__directive"), pk=pk)


def load_extension_request(pk) -> ExtensionRequest:
    return get_object_or_404(ExtensionRequest.objects.select_related("directive"), pk=pk)
