"""Reads of directives for the follow-up pages: filtered lists, an organization's inbox, the overdue list
and the dashboard figures.

The figures are counted in SQL, one grouped query per table, with the definitions of `rules.split` (the
tests compare both on random data): a page costs the same number of queries however many directives.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, fields, replace
from operator import itemgetter

from django.db.models import Count, F, Prefetch, Q, QuerySet, Value
from django.db.models.lookups import GreaterThan
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from hoinghi.core.text import collated
from hoinghi.directory.models import Body, Organization, Reorganization
from hoinghi.meetings.models import Conclusion, Meeting

from . import holding, rules
from .models import Directive, ExtensionRequest, FollowUpSettings, ProgressReport, ReportAttachment, Transfer
from .permissions import assigned_to

OPEN = sorted(rules.OPEN_STATUSES)
MEETING = "conclusion__item__meeting"


@dataclass(frozen=True)
class Filters:
    """The filters of the follow-up pages (read from the address by `forms.FilterForm`).

    `organization` is the lead organization (the one accountable, as in the Government's task tracking);
    an inbox also holds the directives its organization coordinates. The period is the meeting's date.
    `as_of` dates the dashboard (None: today; see `holding`): the lists are today's. `inherited`: only the
    directives passed to the organization (to any, without one) by a reorganization's transfer.
    """

    body: int | None = None
    meeting: int | None = None
    organization: int | None = None
    period_from: datetime.date | None = None
    period_to: datetime.date | None = None
    priority: bool = False
    status: str | None = None
    as_of: datetime.date | None = None
    inherited: bool = False

    def query_string(self, **extra) -> str:
        """The filters as a query string, for links to the other pages with the same filters."""
        values = {f.name: getattr(self, f.name) for f in fields(self)} | extra
        for flag in ("priority", "inherited"):
            values[flag] = "1" if values[flag] else None
        return urlencode({name: value for name, value in values.items() if value not in (None, "")})

    def link_to(self, name: str) -> str:
        """The start of a link to the same page with `name` set to a value written after it."""
        others = self.query_string(**{name: None})
        return f"?{others}&{name}=" if others else f"?{name}="

    def within(self, organization_id: int | None) -> "Filters":
        return replace(self, organization=organization_id)


def _period(filters: Filters, starts_at: str) -> dict:
    """Bounds on the meeting's start time rather than on its date: the index on the start serves them."""
    bounds = {}
    if filters.period_from:
        bounds[f"{starts_at}__gte"] = holding.day_start(filters.period_from)
    if filters.period_to:
        bounds[f"{starts_at}__lt"] = holding.day_start(filters.period_to + datetime.timedelta(days=1))
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
    directives = directives.filter(**conditions, **_period(filters, f"{MEETING}__starts_at"))
    return directives.filter(passed_to(filters.organization)) if filters.inherited else directives


def passed_to(organization_id: int | None) -> Q:
    """Directives a reorganization's transfer passed to the organization (to any, when None), to lead or help."""
    transfers = (
        Transfer.objects.all() if organization_id is None else Transfer.objects.filter(to_organization=organization_id)
    )
    return Q(pk__in=transfers.values("directive_id"))


NEWEST_FIRST = (f"-{MEETING}__starts_at", "pk")


def listing(filters: Filters, among: QuerySet[Directive] | None = None) -> QuerySet[Directive]:
    """Every directive the filters select, newest meeting first."""
    return filtered(filters, among).order_by(*NEWEST_FIRST)


def inbox(organization_id: int, filters: Filters, among: QuerySet[Directive] | None = None) -> QuerySet[Directive]:
    """The directives an organization leads or coordinates, newest meeting first."""
    directives = filtered(replace(filters, organization=None, inherited=False), among)
    if filters.inherited:
        directives = directives.filter(passed_to(organization_id))
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


def passed_on(
    directives: QuerySet[Directive], organization_id: int | None
) -> dict[int, list[tuple[str, datetime.date]]]:
    """Directive id → (predecessor's name, day) of the transfers that passed it to the organization (to any, when
    None), in one query whatever the count."""
    transfers = Transfer.objects.filter(directive_id__in=directives.values("pk"))
    if organization_id is not None:
        transfers = transfers.filter(to_organization=organization_id)
    passed: dict[int, list[tuple[str, datetime.date]]] = {}
    for directive_id, name, day in transfers.order_by("day", "pk").values_list(
        "directive_id", "from_organization__name", "day"
    ):
        passed.setdefault(directive_id, []).append((name, day))
    return passed


@dataclass(frozen=True)
class Row:
    """One line of a dashboard table: an organization, a body, everything, or an organization's work inherited
    from one predecessor (`passed_on`: the day it passed)."""

    pk: int | None
    name: str
    counts: rules.Counts
    reported_recently: int = 0
    units_overdue: int = 0
    inherited: int = 0  # of `counts.assigned`, passed to it by a reorganization
    ended: datetime.date | None = None  # its last day, when it ended (before or after the dashboard's day)
    passed_on: datetime.date | None = None

    @property
    def update_rate(self) -> float | None:
        return rules.update_rate(self.counts.open, self.reported_recently)

    @property
    def split(self) -> list[int]:
        return [getattr(self.counts, name) for name in rules.SPLIT]


def _counts(groups: list[dict]) -> tuple[rules.Counts, int]:
    """`rules.split` summed over the (state, figures) rows of one group; and the open directives reported on
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


def _groups(directives, as_of: holding.AsOf, inherited: Q | None, *columns, **keys) -> list[dict]:
    """One scan: a row per `columns` and `keys` (for the dashboard: body and holder) and state on the day, with
    plain conditions counted; the state decides which of them count (`_counts`). Checking the state in every
    condition instead costs twice the time, and a scan per table three times as much.

    "On time" is judged on the day the unit reported the work done against the deadline in force at the close
    (`deadline_at_close`): the last one set, be it the conclusion's, an extension, or the one the office set
    when the directive passed to a successor; a transfer changes nothing else in it."""
    closed_late = GreaterThan(F("done_on"), F("deadline_at_close"))  # null when either is missing
    deadline = holding.deadline(as_of)
    grouped = directives.filter(holding.given(as_of)).order_by().alias(deadline_then=deadline)
    grouped = grouped.values(*columns, **keys, state=holding.state(as_of))
    return list(
        grouped.annotate(
            n=Count("pk"),
            past_deadline=Count("pk", filter=Q(deadline_then__lt=as_of.day)),
            no_deadline=Count("pk", filter=Q(deadline_then__isnull=True)),
            recent=Count("pk", filter=holding.reported_recently(as_of)),
            closed_late=Count("pk", filter=Q(closed_late)),
            inherited=Value(0) if inherited is None else Count("pk", filter=inherited),
        )
    )


def _named(model) -> dict[int, tuple[str, datetime.date | None]]:
    """Every row's name and last day (all of them: a few hundred short rows)."""
    return {pk: (name, end) for pk, name, end in model.objects.order_by().values_list("pk", "name", "end")}


def _rows(groups: list[dict], key: str, named: dict) -> list[Row]:
    """The figures per `key`, named."""
    by_key = defaultdict(list)
    for row in groups:
        by_key[row[key]].append(row)
    rows_ = []
    for pk, grouped in by_key.items():
        name, end = named[pk]
        inherited = sum(r["inherited"] for r in grouped)
        rows_.append(Row(pk, name, *_counts(grouped), inherited=inherited, ended=end))
    return rows_


def _units_overdue(groups: list[dict]) -> Counter:
    """Per body, how many organizations hold overdue work."""
    overdue = {
        (r["body_id"], r["holder"]) for r in groups if r["state"] not in rules.CLOSED_STATUSES and r["past_deadline"]
    }
    return Counter(body for body, _organization in overdue)


def _total(rows_: list[Row]) -> Row:
    counts = rules.Counts(**{f.name: sum(getattr(r.counts, f.name) for r in rows_) for f in fields(rules.Counts)})
    units = sum(1 for r in rows_ if r.counts.open_overdue)
    inherited = sum(r.inherited for r in rows_)
    return Row(None, _("All"), counts, sum(r.reported_recently for r in rows_), units, inherited)


@dataclass(frozen=True)
class Dashboard:
    total: Row  # its `units_overdue`: how many organizations hold overdue work
    by_body: list[Row]
    by_organization: list[Row]  # the most overdue first
    update_period_days: int
    today: datetime.date  # the day the figures are as of
    inherited: list[Row]  # with an organization chosen: its work inherited, per predecessor and day passed

    @property
    def own_and_inherited(self) -> list[Row]:
        """The chosen organization's own work (its figures less the inherited), then the inherited, apart."""
        if not self.inherited:
            return []

        def own(name: str) -> int:
            return getattr(self.total.counts, name) - sum(getattr(row.counts, name) for row in self.inherited)

        counts = rules.Counts(**{f.name: own(f.name) for f in fields(rules.Counts)})
        recent = self.total.reported_recently - sum(row.reported_recently for row in self.inherited)
        return [Row(None, _("Own work"), counts, recent), *self.inherited]


def _succeeded(groups: list[dict], succession: holding.Succession) -> list[dict]:
    """The groups with the closed work of organizations ended before the day counted under their successor, as
    inherited from them (`passed_from`)."""
    moved = []
    for row in groups:
        holder = succession.holder(row["holder"], row["state"])
        if holder != row["holder"]:
            row = row | {"holder": holder, "inherited": row["n"], "passed_from": row["holder"]}
        moved.append(row)
    return moved


def _inherited(directives, groups, as_of, organization_id, succession, names) -> list[Row]:
    """An organization's work inherited on the day, a row per predecessor and day it passed: by a transfer (one
    grouped query joined to the transfers) and, closed, from an organization that ended (already counted)."""
    passed = []
    if holding.inherited(as_of, succession) is not None:
        passed = _groups(
            directives.filter(holding.inherited_by(organization_id, as_of)),
            as_of,
            None,
            source=F("transfers__from_organization_id"),
            passed_on=F("transfers__day"),
        )
    for row in groups:
        if row.get("passed_from"):
            ended = row["passed_from"]
            passed.append(row | {"source": ended, "passed_on": succession.sole[ended][1]})
    by_source = defaultdict(list)
    for row in passed:
        by_source[row["source"], row["passed_on"]].append(row)
    inherited = []
    for (source, day), rows in by_source.items():
        name, end = names[source]
        counts, recent = _counts(rows)
        inherited.append(Row(source, name, counts, recent, inherited=counts.assigned, ended=end, passed_on=day))
    return sorted(inherited, key=lambda row: (row.passed_on, row.name))


def dashboard(
    filters: Filters, now: datetime.datetime | None = None, among: QuerySet[Directive] | None = None
) -> Dashboard:
    """The figures per organization and per body as of `filters.as_of` (today by default), each directive counted
    under the organization that held it that day (`holding`): a grouped query and the names (and the settings,
    and who succeeded whom); with an organization chosen, one more for its inherited work."""
    now = now or timezone.now()
    as_of = holding.AsOf(filters.as_of or timezone.localdate(now), now, FollowUpSettings.current().update_period_days)
    succession = holding.succession(as_of.day)
    holder = holding.holder(as_of, succession)
    directives = filtered(replace(filters, organization=None), among).alias(held_by=holder)
    if filters.organization:
        held = [filters.organization, *succession.predecessors_of(filters.organization)]
        directives = directives.filter(held_by__in=held)
    inherited = holding.inherited(as_of, succession)
    groups = _succeeded(_groups(directives, as_of, inherited, "body_id", holder=F("held_by")), succession)
    if filters.organization:
        groups = [row for row in groups if row["holder"] == filters.organization]
    organizations = _named(Organization)
    by_organization = _rows(groups, "holder", organizations)
    by_organization.sort(key=lambda r: (-r.counts.open_overdue, -r.counts.assigned, r.name))
    units = _units_overdue(groups)
    by_body = [replace(row, units_overdue=units[row.pk]) for row in _rows(groups, "body_id", _named(Body))]
    by_body.sort(key=lambda r: r.name)
    inherited = (
        _inherited(directives, groups, as_of, filters.organization, succession, organizations)
        if filters.organization
        else []
    )
    return Dashboard(_total(by_organization), by_body, by_organization, as_of.update_period_days, as_of.day, inherited)


def dated_choices(model) -> list[tuple[int, str]]:
    """(pk, name) of every row, the ended ones kept for history and marked with their last day."""
    choices = []
    for pk, name, end in model.objects.values_list("pk", "name", "end"):
        label = _("%(name)s (ended %(day)s)") % {"name": name, "day": f"{end:%d/%m/%Y}"} if end else name
        choices.append((pk, label))
    return collated(choices, name=itemgetter(1))


def filter_choices(filters: Filters) -> dict:
    """The options of the filters form; the meetings are those of the chosen body in the period."""
    meetings = Meeting.objects.filter(pk=filters.meeting)
    if filters.body:
        meetings = meetings | Meeting.objects.filter(body_id=filters.body, **_period(filters, "starts_at"))
    return {
        "bodies": dated_choices(Body),
        "organizations": dated_choices(Organization),
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
    if filters.inherited:
        labels.append((_("Inherited"), _("inherited directives only")))
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


def with_files(reports):
    """Reports with their attached files as `files`, a list: kept as querysets, a prefetch builds one for every
    report (a directive's page of fifty reports: 10 ms)."""
    return reports.prefetch_related(Prefetch("attachments", to_attr="files"))


def load_report(pk) -> ProgressReport:
    return get_object_or_404(with_files(ProgressReport.objects.select_related("directive")), pk=pk)


def load_attachment(pk) -> ReportAttachment:
    return get_object_or_404(ReportAttachment.objects.select_related("report__directive"), pk=pk)


def load_extension_request(pk) -> ExtensionRequest:
    return get_object_or_404(ExtensionRequest.objects.select_related("directive"), pk=pk)
