"""Reads for the target dashboards: every target of a resolution with its latest figure, progress and standing;
a target's series against its target line, with its definition changes; the districts side by side.

A page costs the same number of queries however many targets and figures: the figures of all the page's targets
are read in one query for the province's own and one for the districts' roll-up (summed in SQL, by the
definitions of `rules.rollup`; the tests compare both on random data). Nothing is cached: a figure saved shows
on the next request.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from django.db.models import Count, F, FloatField, Q, QuerySet, Sum, Window
from django.db.models.functions import Cast, RowNumber
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from hoinghi.core.text import collated
from hoinghi.directory.models import Organization

from . import permissions as perm
from . import rules
from .labels import period_label
from .models import Figure, Milestone, Resolution, Target, TargetRevision
from .permissions import reportable_targets
from .rules import period_end

PROVINCE, DISTRICT = Organization.Level.PROVINCE, Organization.Level.DISTRICT
# The units whose figures make the province's: the districts, and the communes a target is re-scoped to.
UNIT_LEVELS = (DISTRICT, Organization.Level.COMMUNE)
APPROVED = Figure.Status.APPROVED
# No milestone to judge against (none set, or a unit's own part of a province sum).
NOT_JUDGED = "not_judged"
STANDINGS = (*rules.STANDINGS, NOT_JUDGED)


def standing_labels() -> dict[str, str]:
    return {
        rules.ACHIEVED: _("Achieved"),
        rules.MISSED: _("Missed"),
        rules.ON_TRACK: _("On track"),
        rules.AT_RISK: _("At risk"),
        rules.OFF_TRACK: _("Off track"),
        rules.NOT_ENOUGH_DATA: _("Not enough data"),
        NOT_JUDGED: _("Not judged"),
    }


@dataclass(frozen=True)
class View:
    """Whose figures a page counts, and which: every organization's (the office and leaders) or one unit's own
    (`organization`); all current figures, or those the office approved only."""

    organization: int | None = None
    approved_only: bool = False

    @property
    def query(self) -> str:
        """The view in a link's query string."""
        return "approved=1" if self.approved_only else ""

    def figures(self, figures: QuerySet[Figure]) -> QuerySet[Figure]:
        figures = figures.filter(is_current=True)
        if self.organization is not None:
            figures = figures.filter(organization_id=self.organization)
        if self.approved_only:
            figures = figures.filter(status=APPROVED)
        return figures


@dataclass(frozen=True)
class Point:
    period: datetime.date
    value: float
    approved: bool  # every figure behind it is approved
    count: int = 1  # the figures behind it: one, or the districts rolled up
    definition: int = 0  # the target's definition it measures: 0 the first, n after its n-th change


def definition_on(revisions: list[TargetRevision], day: datetime.date) -> int:
    """Which definition is in force on `day`: the number of changes that applied by then."""
    return sum(1 for revision in revisions if revision.effective_on <= day)


def _own_points(target_ids: list[int], view: View) -> dict[int, dict]:
    """Per target, per period: the unit's own figure; for everyone, the figure of a province organization when
    the target does not roll up (several for a period: the latest reported, chosen in SQL)."""
    figures = view.figures(Figure.objects.filter(target_id__in=target_ids))
    if view.organization is None:
        figures = figures.filter(target__rollup=rules.NO_ROLLUP, organization__level=PROVINCE)
        latest = Window(
            RowNumber(), partition_by=[F("target_id"), F("period")], order_by=[F("reported_at").desc(), F("pk").desc()]
        )
        figures = figures.annotate(latest=latest).filter(latest=1)
    points = defaultdict(dict)
    rows = figures.order_by().values_list("target_id", "period", Cast("value", FloatField()), "status")
    for target_id, period, value, status in rows:
        points[target_id][period] = Point(period, value, status == APPROVED)
    return points


def _district_rollup(target_ids: list[int], view: View) -> list[dict]:
    """The districts' figures summed per target and period, in one grouped query: their count, sum, Σ value ×
    base, Σ base, how many have a base, how many are approved."""
    figures = view.figures(Figure.objects.filter(target_id__in=target_ids, organization__level__in=UNIT_LEVELS))
    grouped = figures.exclude(target__rollup=rules.NO_ROLLUP).order_by()
    return list(
        grouped.values("target_id", "period", rollup=F("target__rollup")).annotate(
            n=Count("pk"),
            total=Sum("value", output_field=FloatField()),
            weighted=Sum(F("value") * F("weight"), output_field=FloatField()),
            base=Sum("weight", output_field=FloatField()),
            weighed=Count("weight"),
            approved=Count("pk", filter=Q(status=APPROVED)),
        )
    )


def _rolled_value(row: dict) -> float | None:
    """`rules.rollup` over a `_district_rollup` row: the sum, or the weighted share while every base is given."""
    if row["rollup"] == rules.SUM:
        return row["total"]
    if row["weighed"] < row["n"] or not row["base"] or row["base"] <= 0:
        return None
    return row["weighted"] / row["base"]


def _rolled_points(target_ids: list[int], view: View) -> dict[int, dict]:
    points = defaultdict(dict)
    for row in _district_rollup(target_ids, view):
        value = _rolled_value(row)
        if value is not None:
            approved = row["approved"] == row["n"]
            points[row["target_id"]][row["period"]] = Point(row["period"], value, approved, row["n"])
    return points


@dataclass
class Status:
    """A target on a dashboard: its figures in period order, the milestone judged against, how far it has come
    and where it stands."""

    target: Target
    points: list[Point]
    milestones: list[Milestone]
    revisions: list[TargetRevision]
    milestone: Milestone | None = None  # the next one (the last, once all are past)
    start: float | None = None  # where progress counts from: the baseline, or the first figure without one
    progress: float | None = None
    standing: str = NOT_JUDGED
    definition: int = 0  # the definition in force today

    @property
    def latest(self) -> Point | None:
        return self.points[-1] if self.points else None

    @property
    def standing_label(self) -> str:
        return standing_labels()[self.standing]

    @property
    def current(self) -> list[Point]:
        """The figures under the definition in force: the only ones the trend may join."""
        return [point for point in self.points if point.definition == self.definition]

    @property
    def bar(self) -> int | None:
        """The progress as a whole percentage for a progress bar, kept within 0-100."""
        return None if self.progress is None else max(0, min(100, round(self.progress * 100)))

    @property
    def period_label(self) -> str:
        return period_label(self.latest.period, self.target.frequency) if self.latest else ""


def next_milestone(milestones: list[Milestone], today: datetime.date) -> Milestone | None:
    """The first milestone whose year has not ended; once all have, the last."""
    upcoming = [m for m in milestones if m.year >= today.year]
    return upcoming[0] if upcoming else (milestones[-1] if milestones else None)


def _judge(status: Status, view: View, today: datetime.date) -> Status:
    target = status.target
    status.definition = definition_on(status.revisions, today)
    status.milestone = next_milestone(status.milestones, today)
    # A unit's share of a province sum is not measured against the province's milestone.
    if status.milestone is None or (view.organization is not None and target.rollup == rules.SUM):
        return status
    current = status.current
    # The baseline measured the first definition: after a change, the first figure under the new one stands in.
    baseline = target.baseline_value if status.definition == 0 else None
    status.start = float(baseline) if baseline is not None else (current[0].value if current else None)
    milestone = status.milestone
    if current:
        status.progress = rules.progress(status.start, milestone.value, current[-1].value, target.direction)
    day = rules.milestone_period(milestone.year, target.frequency)
    points = [(point.period, point.value) for point in current]
    status.standing = rules.standing(baseline, milestone.value, day, points, today, target.direction)
    return status


def statuses(targets: list[Target], view: View, today: datetime.date) -> dict[int, Status]:
    """Each target's status, in four queries however many targets and figures."""
    ids = [target.pk for target in targets]
    milestones, revisions = defaultdict(list), defaultdict(list)
    for milestone in Milestone.objects.filter(target_id__in=ids).order_by("year"):
        milestones[milestone.target_id].append(milestone)
    found = TargetRevision.objects.filter(target_id__in=ids).select_related("changed_by__person")
    for revision in found.order_by("effective_on", "pk"):
        revisions[revision.target_id].append(revision)
    own = _own_points(ids, view)
    rolled = _rolled_points(ids, view) if view.organization is None else {}
    result = {}
    for target in targets:
        changes = revisions[target.pk]
        by_period = rolled.get(target.pk) or own.get(target.pk, {})
        points = [point for _period, point in sorted(by_period.items())]
        if changes:
            points = [
                replace(p, definition=definition_on(changes, period_end(p.period, target.frequency))) for p in points
            ]
        status = Status(target, points, milestones[target.pk], changes)
        result[target.pk] = _judge(status, view, today)
    return result


# Who sees what: the office and the leaders every target; a unit's staff the targets their organization reports.


def visible_targets(user, watching: bool) -> QuerySet[Target]:
    return Target.objects.all() if watching else reportable_targets(user)


def visible_resolutions(user, watching: bool) -> QuerySet[Resolution]:
    resolutions = Resolution.objects.select_related("body")
    if watching:
        return resolutions
    return resolutions.filter(pk__in=visible_targets(user, watching).values("resolution_id"))


def _targets(targets: QuerySet[Target]) -> list[Target]:
    return list(targets.select_related("group").order_by("resolution_id", "order", "pk"))


def summaries(resolutions: list[Resolution], targets: QuerySet[Target], view: View, today) -> dict[int, Counter]:
    """Per resolution, how many of its (visible) targets stand where."""
    listed = _targets(targets.filter(resolution__in=resolutions))
    counts = defaultdict(Counter)
    for status in statuses(listed, view, today).values():
        counts[status.target.resolution_id][status.standing] += 1
    return counts


@dataclass
class Group:
    group: object  # a SolutionGroup, or None for the targets in no group
    statuses: list[Status] = field(default_factory=list)


@dataclass
class Board:
    resolution: Resolution
    groups: list[Group]
    counts: Counter

    @property
    def statuses(self) -> list[Status]:
        return [status for group in self.groups for status in group.statuses]


def board(resolution: Resolution, targets: QuerySet[Target], view: View, today: datetime.date) -> Board:
    """The resolution on one page: its targets by solution group, in the groups' order, after those in none (the
    resolution's general targets)."""
    listed = _targets(targets.filter(resolution=resolution))
    judged = statuses(listed, view, today)
    groups = {group.pk: Group(group) for group in resolution.groups.order_by("order", "pk")}
    loose = Group(None)
    for target in listed:
        (groups.get(target.group_id) or loose).statuses.append(judged[target.pk])
    shown = ([loose] if loose.statuses else []) + [group for group in groups.values() if group.statuses]
    return Board(resolution, shown, Counter(status.standing for status in judged.values()))


# A target's own page


def _between(day: datetime.date, left: tuple, right: tuple) -> float:
    (day0, value0), (day1, value1) = left, right
    span = (day1 - day0).days
    return value1 if span == 0 else value0 + (value1 - value0) * (day - day0).days / span


def target_line(status: Status, axis: list[datetime.date]) -> list[float | None]:
    """The way from the start (the baseline, or the first figure) to each milestone in turn, as a value per
    period of the axis, straight between them; nothing before the start or after the last milestone."""
    target = status.target
    anchors = []
    if target.baseline_value is not None and target.baseline_year and status.definition == 0:
        anchors.append((rules.milestone_period(target.baseline_year, target.frequency), float(target.baseline_value)))
    elif status.current:
        anchors.append((status.current[0].period, status.current[0].value))
    anchors += [(rules.milestone_period(m.year, target.frequency), float(m.value)) for m in status.milestones]
    anchors.sort(key=lambda anchor: anchor[0])
    line = []
    for period in axis:
        spans = [(a, b) for a, b in zip(anchors, anchors[1:], strict=False) if a[0] <= period <= b[0]]
        if spans:
            line.append(round(_between(period, *spans[0]), 4))
        else:
            line.append(next((value for day, value in anchors if day == period), None))
    return line


def with_scopes(target: Target, revisions: list[TargetRevision]) -> list[TargetRevision]:
    """The revisions, each with the organizations asked before and from it (`asked_before`, `asked_after`; empty
    but for a re-scope), in two queries whether the target has revisions or not: a page costs the same."""
    sides = {"before": defaultdict(list), "after": defaultdict(list)}
    throughs = {"before": TargetRevision.reporters_before.through, "after": TargetRevision.reporters_after.through}
    for side, through in throughs.items():
        rows = through.objects.filter(targetrevision__target=target).select_related("organization")
        for row in rows.order_by("organization__name"):
            sides[side][row.targetrevision_id].append(row.organization)
    for revision in revisions:
        revision.asked_before, revision.asked_after = sides["before"][revision.pk], sides["after"][revision.pk]
    return revisions


def scope_label(organizations, level: str) -> str:
    """Whom a target is asked of, in a few words: the organizations' names, or how many at which level."""
    names = [organization.name for organization in organizations]
    if 0 < len(names) <= 3:
        return ", ".join(names)
    return _("%(count)s organizations, %(level)s level") % {
        "count": len(names),
        "level": Organization.Level(level).label.lower(),
    }


def definitions(status: Status) -> list[str]:
    """The target's wording under each of its definitions, the first one first; a re-scope says whom the
    target was asked of on each side (the revisions read `with_scopes`)."""
    if not status.revisions:
        return [status.target.indicator]
    first = status.revisions[0]
    wordings = [first.indicator_before]
    if first.rescopes:
        wordings[0] += f" — {scope_label(first.asked_before, first.scope_before or first.scope_after)}"
    for revision in status.revisions:
        after = revision.indicator_after
        wordings.append(
            f"{after} — {scope_label(revision.asked_after, revision.scope_after)}" if revision.rescopes else after
        )
    return wordings


def change_label(revision: TargetRevision) -> str:
    """ "Phạm vi thay đổi từ 01/07/2025", or "Định nghĩa mới từ ...": what a chart's mark and a table say."""
    day = f"{revision.effective_on:%d/%m/%Y}"
    if revision.rescopes:
        return _("Scope changed from %(day)s") % {"day": day}
    return _("New definition from %(day)s") % {"day": day}


def series_chart(status: Status, lineage=None) -> dict:
    """What targets.js draws: a line per definition of the target (never joined across a change), the target
    line, a mark where each change applies, and an organization's figures derived from its predecessors'
    (`lineage`, a `succession.Lineage`)."""
    target = status.target
    resolution = target.resolution
    # From the resolution's first year to its last milestone's or latest figure's, whichever is later.
    years = [m.year for m in status.milestones] + [point.period.year for point in status.points]
    last = min(max(years, default=resolution.period_end), resolution.period_end)
    axis = rules.periods(target.frequency, resolution.period_start, max(last, resolution.period_start))
    index = {period: n for n, period in enumerate(axis)}
    wordings = definitions(status)
    series = []
    for number, wording in enumerate(wordings):
        values, approved = [None] * len(axis), [None] * len(axis)
        for point in status.points:
            if point.definition == number and point.period in index:
                values[index[point.period]] = round(point.value, 4)
                approved[index[point.period]] = point.approved
        if any(value is not None for value in values) or number == status.definition:
            series.append({"label": wording, "values": values, "approved": approved})
    marks = []
    for revision in status.revisions:
        at = next(
            (n for n, period in enumerate(axis) if period_end(period, target.frequency) >= revision.effective_on), None
        )
        if at is not None:
            marks.append({"at": at, "label": change_label(revision), "reason": revision.reason})
    return {
        "labels": [period_label(period, target.frequency) for period in axis],
        "unit": target.unit,
        "lower_is_better": target.direction == rules.AT_MOST,
        "series": series,
        "target": {"label": _("Target line"), "values": target_line(status, axis)},
        "marks": marks,
        "derived": lineage.chart(axis) if lineage and lineage.derived else None,
    }


@dataclass(frozen=True)
class DistrictBar:
    name: str
    value: float | None = None
    approved: bool = False


def districts(target: Target, view: View, milestone: Milestone | None) -> dict | None:
    """The districts' figures for the latest period any district reported (those that did not, at the end), in
    two queries; None when no district reported. The milestone applies to each district unless the province
    figure is their sum."""
    figures = view.figures(target.figures.filter(organization__level__in=UNIT_LEVELS))
    latest = figures.order_by("-period").values("period")[:1]
    rows = list(
        figures.filter(period__in=latest)
        .order_by("organization__name")
        .values_list("organization_id", "organization__name", "value", "status", "period")
    )
    if not rows:
        return None
    reported = {row[0] for row in rows}
    bars = [DistrictBar(name, float(value), status == APPROVED) for _pk, name, value, status, _period in rows]
    if view.organization is None:
        # Only those that existed in the period: an ended district is not missing a figure after its end.
        period = rows[0][4]
        began = Q(start__isnull=True) | Q(start__lte=period_end(period, target.frequency))
        asked = target.reporters.filter(began, level__in=UNIT_LEVELS).exclude(end__lt=period)
        missing = asked.exclude(pk__in=reported).order_by("name")
        bars += [DistrictBar(name) for name in missing.values_list("name", flat=True)]
    line = float(milestone.value) if milestone is not None and target.rollup != rules.SUM else None
    return {
        "period": period_label(rows[0][4], target.frequency),
        "bars": bars,
        "chart": {
            "names": [bar.name for bar in bars],
            "values": [bar.value for bar in bars],
            "approved": [bar.approved for bar in bars],
            "milestone": line,
            "milestone_label": _("Milestone %(year)s") % {"year": milestone.year} if milestone else "",
            "label": target.unit,
        },
    }


def figures_table(target: Target, view: View) -> QuerySet[Figure]:
    """Every figure of the target in the view, corrected ones included (kept beside their correction), the
    latest period first."""
    figures = target.figures.all()
    if view.organization is not None:
        figures = figures.filter(organization_id=view.organization)
    if view.approved_only:
        figures = figures.filter(status=APPROVED)
    return figures.select_related("organization", "reported_by__person", "approved_by__person", "replaces").order_by(
        "-period", "organization__name", "-reported_at", "-pk"
    )


def changes_between(figures, revisions: list[TargetRevision], frequency: str) -> list[tuple[Figure, list]]:
    """The figures (the latest period first) each with the definition changes and re-scopes that fall between it
    and the row above, for a table to say "phạm vi thay đổi từ ..." where the measure changed."""
    rows, above = [], None
    for figure in figures:
        here = definition_on(revisions, period_end(figure.period, frequency))
        rows.append((figure, [] if above is None else revisions[here:above][::-1]))
        above = here
    return rows


def approval_queue() -> QuerySet[Figure]:
    """The figures waiting for the office's approval across every unit, the longest waiting first."""
    return (
        Figure.objects.filter(is_current=True, status=Figure.Status.REPORTED)
        .select_related("target__resolution", "organization", "reported_by__person")
        .order_by("reported_at", "pk")
    )


def reporting_organizations(today: datetime.date) -> tuple[list[Organization], list[Organization]]:
    """The organizations that report a target, for a picker: those existing `today`, and those ended by then
    (their figures stay, and their last periods may still be reported), each in the users' collation."""
    reporters = Organization.objects.filter(pk__in=Target.reporters.through.objects.values("organization_id"))
    existing = collated(reporters.existing_on(today), str)
    ended = collated(reporters.filter(end__lt=today), str)
    return existing, ended


# The objects a URL names, for the permission guards of the views.


def chosen_organization(request) -> Organization | None:
    """A unit's staff work on their own organization; the office and the leaders on the one they choose
    (`?organization=`)."""
    if not perm.can_watch(request.user):
        return request.user.organization
    chosen = request.GET.get("organization", "")
    return get_object_or_404(Organization, pk=chosen) if chosen.isdigit() else None


def load_reported_target(request, pk) -> tuple[Target, Organization]:
    """A target and the organization whose figures on it the page shows: 404 unless that organization reports it."""
    target = get_object_or_404(Target.objects.select_related("resolution"), pk=pk)
    organization = chosen_organization(request)
    if organization is None or not perm.reports(target.pk, organization.pk):
        raise Http404
    return target, organization


def load_target(pk) -> Target:
    return get_object_or_404(Target.objects.select_related("resolution"), pk=pk)


def load_figure(pk) -> Figure:
    return get_object_or_404(Figure.objects.select_related("target__resolution", "organization"), pk=pk)
