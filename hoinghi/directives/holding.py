"""The follow-up as it stood on a day: who held each directive then and where it stood, in SQL expressions the
dashboard's grouped query counts with (no loop over the directives).

Who held it: a directive passed on by a transfer (`transfer.holder_on`) counts under the predecessor before the
transfer's day and under the successor from it. An organization that ended has no row in a dashboard dated after
its end: what it closed before its end counts under its successor when it has one (a merge, a dissolution to one
organization), as work inherited from it; what it leaves open and not passed on stays on its row, marked ended,
until the office passes it (a split needs the office's choice).

Where it stood, on a day before today: given by then (its meeting had begun), done if the unit reported it done
by then, cancelled if the office cancelled it by then, else open, and overdue against the deadline in force that
day (its deadline history). "On time" is judged as before, on `done_on` against `deadline_at_close`.
"""

import datetime
from collections import deque
from dataclasses import dataclass

from django.db.models import Case, Exists, F, IntegerField, Max, Min, OuterRef, Q, Subquery, Value, When
from django.utils import timezone

from hoinghi.directory.models import Organization, Reorganization

from . import rules
from .models import DeadlineEntry, ProgressReport, Transfer

OPEN_THEN = "open"  # the state of a directive open on the day, whatever its status since


def day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@dataclass(frozen=True)
class AsOf:
    """The day a dashboard is dated, `today` when it is today's (then the directive's own columns say it all)."""

    day: datetime.date
    now: datetime.datetime
    update_period_days: int

    @property
    def is_today(self) -> bool:
        return self.day >= timezone.localdate(self.now)

    @property
    def end(self) -> datetime.datetime:
        """The instant the day ends: what happened before it happened by the day."""
        return self.now if self.is_today else day_start(self.day + datetime.timedelta(days=1))

    @property
    def since(self) -> datetime.datetime:
        """The start of the update period that ends with the day."""
        return self.end - datetime.timedelta(days=self.update_period_days)


def given(as_of: AsOf) -> Q:
    """The directives given by the day: those of the meetings begun by then."""
    if as_of.is_today:
        return Q()
    return Q(conclusion__item__meeting__starts_at__lt=as_of.end)


def state(as_of: AsOf):
    """The status on the day, as `_counts` reads it: DONE, CANCELLED, or (for today) the open status itself."""
    if as_of.is_today:
        return F("status")
    done = Q(done_on__lte=as_of.day) | Q(done_on__isnull=True, closed_at__lt=as_of.end)
    return Case(
        When(Q(status=rules.DONE) & done, then=Value(rules.DONE)),
        When(status=rules.CANCELLED, closed_at__lt=as_of.end, then=Value(rules.CANCELLED)),
        default=Value(OPEN_THEN),
    )


def deadline(as_of: AsOf):
    """The deadline in force on the day: the last one set by then (an extension, a correction, or the deadline the
    office set when the directive passed to a successor are all deadlines alike); for a directive entered after
    its meeting and after the day, the one it was given with."""
    if as_of.is_today:
        return F("deadline")
    history = DeadlineEntry.objects.filter(directive=OuterRef("pk"))
    by_then = history.filter(set_at__lt=as_of.end).order_by("-set_at", "-id").values("deadline")[:1]
    first = history.order_by("set_at", "id").values("deadline")[:1]
    return Case(When(Exists(history.filter(set_at__lt=as_of.end)), then=Subquery(by_then)), default=Subquery(first))


def reported_recently(as_of: AsOf) -> Q:
    """A progress report in the update period ending with the day."""
    if as_of.is_today:
        return Q(last_report_at__gte=as_of.since)
    reports = ProgressReport.objects.filter(directive=OuterRef("pk"), created_at__gte=as_of.since)
    return Q(Exists(reports.filter(created_at__lt=as_of.end)))


def _lead_transfers():
    return Transfer.objects.filter(role=Transfer.Role.LEAD)


def holder(as_of: AsOf, succession: "Succession"):
    """The organization that led the directive on the day: the one the first lead transfer after the day passed it
    from, else its lead organization. The transfer is looked up only for the directives passed on after the day
    (none, mostly, for today's dashboard: then the lead organization is read from the index alone)."""
    if not succession.transfers or succession.transfers[1] <= as_of.day:
        return F("lead_organization_id")
    later = _lead_transfers().filter(day__gt=as_of.day)
    first_later = later.filter(directive=OuterRef("pk")).order_by("day", "id").values("from_organization_id")[:1]
    return Case(
        When(pk__in=later.values("directive_id"), then=Subquery(first_later)),
        default=F("lead_organization_id"),
        output_field=IntegerField(),
    )


def inherited(as_of: AsOf, succession: "Succession") -> Q | None:
    """Passed to the organization that held it on the day by a transfer made by then; None: none was by then."""
    if not succession.transfers or succession.transfers[0] > as_of.day:
        return None
    return Q(pk__in=_lead_transfers().filter(day__lte=as_of.day).values("directive_id"))


def inherited_by(organization_id: int, as_of: AsOf):
    """`directives.filter(...)` of those `organization_id` got by a transfer made by the day, and from whom: the
    join names the transfer in `values()` (F("transfers__…")) in the same query."""
    return Q(
        transfers__role=Transfer.Role.LEAD, transfers__to_organization=organization_id, transfers__day__lte=as_of.day
    )


@dataclass(frozen=True)
class Succession:
    """Organizations ended before the day with a single successor then: ended id → (successor id, first day); and
    the first and last day of the lead transfers (None: there was none)."""

    sole: dict[int, tuple[int, datetime.date]]
    transfers: tuple[datetime.date, datetime.date] | None = None

    def holder(self, organization_id: int, state_then: str) -> int:
        """Who a closed directive of an ended organization counts under: its successor (open ones wait for the
        office's transfer on the ended organization's row)."""
        if state_then in rules.CLOSED_STATUSES and organization_id in self.sole:
            return self.sole[organization_id][0]
        return organization_id

    def predecessors_of(self, organization_id: int) -> list[int]:
        return [ended for ended, (successor, _day) in self.sole.items() if successor == organization_id]


def succession(day: datetime.date) -> Succession:
    """Every reorganization's predecessors and successors, followed through later reorganizations to the
    organizations existing on `day` (`directory.selectors.successors_on`, for all of them at once), and the days of
    the transfers: one query without any reorganization, four with, however many directives."""
    ended_by = list(Reorganization.predecessors.through.objects.values_list("reorganization_id", "organization_id"))
    if not ended_by:
        return Succession({})
    brought: dict[int, set[int]] = {}
    for reorganization, organization in Reorganization.successors.through.objects.values_list(
        "reorganization_id", "organization_id"
    ):
        brought.setdefault(reorganization, set()).add(organization)
    successors: dict[int, set[int]] = {}
    for reorganization, ended in ended_by:
        successors.setdefault(ended, set()).update(brought.get(reorganization, ()))
    dated = Organization.objects.filter(pk__in=set(successors) | set().union(*successors.values()))
    ends = dict(dated.values_list("pk", "end"))
    sole = {}
    for ended in successors:
        if ends[ended] is None or ends[ended] >= day:
            continue  # still there on the day
        found, seen, todo = set(), set(), deque(successors[ended])
        while todo:
            current = todo.popleft()
            if current in seen:
                continue
            seen.add(current)
            if ends[current] is None or day <= ends[current]:
                found.add(current)
            else:
                todo.extend(successors.get(current, ()))
        if len(found) == 1:
            successor = found.pop()
            sole[ended] = (successor, ends[ended] + datetime.timedelta(days=1))
    span = _lead_transfers().aggregate(first=Min("day"), last=Max("day"))
    return Succession(sole, (span["first"], span["last"]) if span["first"] else None)
