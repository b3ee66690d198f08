"""The figures template a unit downloads, fills and imports back: one row per target it reports and period due
so far, with the figures it already reported shown beside the cell to fill.

The columns the import reads carry machine keys (a hidden row above the headers) and codes (the target's and
the organization's numbers, the period's first day as an Excel date): the headers and labels are for people
and may be in any language.
"""

import datetime

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from hoinghi.core.spreadsheet import DATE, LONG_TEXT, NUMBER, TEXT, Column, Sheet, workbook
from hoinghi.directory.models import Organization

from . import rules
from .labels import period_label
from .models import Figure, Target

# The machine keys of the columns the import reads.
TARGET, PERIOD, ORGANIZATION, VALUE, WEIGHT, NOTE = "target", "period", "organization", "value", "weight", "note"
REQUIRED = (TARGET, PERIOD, ORGANIZATION, VALUE)


def headers() -> dict[str, str]:
    """The header of each column the import reads, to name it in an error."""
    return {
        TARGET: _("Target code"),
        PERIOD: _("Period starts"),
        ORGANIZATION: _("Organization code"),
        VALUE: _("Value"),
        WEIGHT: _("Base (for a weighted share)"),
        NOTE: capfirst(_("note")),
    }


def columns() -> list[Column]:
    named = headers()
    return [
        Column(capfirst(_("resolution")), 14, TEXT, "resolution"),
        Column(named[TARGET], 9, NUMBER, TARGET),
        Column(capfirst(_("indicator")), 60, LONG_TEXT, "indicator"),
        Column(capfirst(_("unit of measure")), 12, TEXT, "unit"),
        Column(capfirst(_("level")), 10, TEXT, "level"),
        Column(capfirst(_("period")), 20, TEXT, "period_label"),
        Column(named[PERIOD], 12, DATE, PERIOD),
        Column(capfirst(_("organization")), 30, LONG_TEXT, "organization_name"),
        Column(named[ORGANIZATION], 10, NUMBER, ORGANIZATION),
        Column(_("Already reported"), 11, NUMBER, "reported"),
        Column(named[VALUE], 12, NUMBER, VALUE, editable=True),
        Column(named[WEIGHT], 12, NUMBER, WEIGHT, editable=True),
        Column(named[NOTE], 40, LONG_TEXT, NOTE, editable=True),
    ]


def due_periods(target: Target, today: datetime.date, organization: Organization) -> list[datetime.date]:
    """The target's periods from the resolution's first year up to the current one, while the organization
    existed: none after its last day, none that ended before its first (figures stop at the reorganization)."""
    resolution = target.resolution
    current = rules.period_start(today, target.frequency)
    last = min(current, organization.end) if organization.end else current
    first = organization.start or datetime.date.min
    every = rules.periods(target.frequency, resolution.period_start, resolution.period_end)
    return [p for p in every if p <= last and rules.period_end(p, target.frequency) >= first]


def _rows(organization: Organization, targets: list[Target], today: datetime.date):
    figures = Figure.objects.filter(organization=organization, target__in=targets, is_current=True)
    reported = {(t, p): v for t, p, v in figures.values_list("target_id", "period", "value")}
    levels = dict(Organization.Level.choices)
    for target in targets:
        for period in due_periods(target, today, organization):
            yield (
                target.resolution.number,
                target.pk,
                target.indicator,
                target.unit,
                levels[target.scope_level],
                period_label(period, target.frequency),
                period,
                organization.name,
                organization.pk,
                reported.get((target.pk, period)),
                None,
                None,
                None,
            )


def instructions() -> list[str]:
    return [
        _("Type each figure in the Value column, on the row of its target and period; leave the other rows empty."),
        _("Do not change the code columns (target, period, organization): the import reads them."),
        _("A percentage is typed as a number: 85 for 85%."),
        _(
            "The base is the number a share is taken of (for example the dossiers received), for targets whose "
            "province figure is a share weighted by each district's base."
        ),
        _("A figure already reported cannot be imported again; ask the office to correct it."),
        _("The file is checked whole: if a row is wrong, nothing is imported and every wrong row is listed."),
    ]


def template_workbook(organization: Organization, today: datetime.date) -> bytes:
    targets = list(
        Target.objects.filter(reporters=organization)
        .select_related("resolution")
        .order_by("resolution__issued_on", "resolution__number", "order", "pk")
    )
    title = _("Figures of %(organization)s") % {"organization": organization.name}
    notes = [_("Template of %(day)s") % {"day": f"{today:%d/%m/%Y}"}, _("Fill the shaded columns.")]
    figures = Sheet(_("Figures"), title, notes, columns(), _rows(organization, targets, today))
    how = Sheet(
        _("Instructions"),
        _("How to fill the figures template"),
        [],
        [Column(_("Step"), 6, NUMBER), Column(_("What to do"), 100, LONG_TEXT)],
        enumerate(instructions(), start=1),
    )
    return workbook([figures, how])
