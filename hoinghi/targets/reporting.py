"""Reads for a unit's reporting page: its targets with the latest figure and the periods still to report, and
one target's periods with the figure of each and the corrections it went through.

Each read costs the same queries however many targets, periods and figures there are.
"""

import datetime
from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from hoinghi.directory.models import Organization

from .labels import period_label
from .models import Figure, Resolution, Target
from .template import due_periods


@dataclass
class TargetRow:
    target: Target
    due: int  # periods begun so far
    reported: int  # of them, with a figure

    @property
    def missing(self) -> int:
        return max(self.due - self.reported, 0)

    @property
    def latest_label(self) -> str:
        return period_label(self.target.latest_period, self.target.frequency) if self.target.latest_period else ""


def unit_targets(organization: Organization, today: datetime.date) -> list[tuple[Resolution, list[TargetRow]]]:
    """The targets the organization reports, by resolution (the latest issued first), in one query: each with
    its latest figure (`latest_period`, `latest_value`, `latest_status`) and how many periods have one."""
    organization_id = organization.pk
    own = Figure.objects.filter(target=OuterRef("pk"), organization_id=organization_id, is_current=True)
    latest = own.order_by("-period")
    counted = own.filter(period__lte=today).order_by().values("target").annotate(n=Count("pk")).values("n")
    targets = (
        Target.objects.filter(reporters=organization_id)
        .select_related("resolution")
        .annotate(
            latest_period=Subquery(latest.values("period")[:1]),
            latest_value=Subquery(latest.values("value")[:1]),
            latest_status=Subquery(latest.values("status")[:1]),
            reported=Coalesce(Subquery(counted, output_field=IntegerField()), 0),
        )
        .order_by("-resolution__issued_on", "resolution__number", "resolution_id", "order", "pk")
    )
    rows = (TargetRow(target, len(due_periods(target, today, organization)), target.reported) for target in targets)
    return [(resolution, list(group)) for resolution, group in groupby(rows, key=lambda row: row.target.resolution)]


@dataclass
class PeriodRow:
    period: datetime.date
    label: str
    figure: Figure | None = None  # the current one
    earlier: list[Figure] = field(default_factory=list)  # the ones it corrected, the latest first


def unit_periods(target: Target, organization: Organization, today: datetime.date) -> list[PeriodRow]:
    """Every period begun so far while the organization existed, the latest first, with the organization's figure
    and the earlier versions."""
    due = due_periods(target, today, organization)
    rows = {period: PeriodRow(period, period_label(period, target.frequency)) for period in due}
    figures = target.figures.filter(organization=organization).select_related(
        "reported_by__person", "approved_by__person"
    )
    for figure in figures.order_by("period", "-reported_at", "-pk"):
        row = rows.get(figure.period)
        if row is None:  # outside the periods due, e.g. after the resolution's years changed
            row = rows[figure.period] = PeriodRow(figure.period, period_label(figure.period, target.frequency))
        if figure.is_current:
            row.figure = figure
        else:
            row.earlier.append(figure)
    return sorted(rows.values(), key=lambda row: row.period, reverse=True)
