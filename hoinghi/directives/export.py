"""Follow-up lists and dashboard tables as Excel workbooks (written by `hoinghi.core.spreadsheet`): a title with
the filters, one row per directive or organization."""

import datetime

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from hoinghi.core.spreadsheet import DATE, LONG_TEXT, NUMBER, PERCENT, Column, Sheet, workbook

from . import rules, selectors


def _notes(filters: selectors.Filters, today: datetime.date) -> list[str]:
    described = [f"{label}: {value}" for label, value in selectors.filter_labels(filters)]
    return [_("Figures as of %(day)s") % {"day": f"{today:%d/%m/%Y}"}, *described]


def _directive_columns() -> list[Column]:
    return [
        Column(_("Meeting date"), 11, DATE),
        Column(capfirst(_("meeting")), 36, LONG_TEXT),
        Column(capfirst(_("body")), 22),
        Column(capfirst(_("directive")), 70, LONG_TEXT),
        Column(capfirst(_("lead organization")), 28, LONG_TEXT),
        Column(capfirst(_("coordinating organizations")), 28, LONG_TEXT),
        Column(capfirst(_("deadline")), 11, DATE),
        Column(capfirst(_("status")), 18),
        Column(_("Standing"), 22),
        Column(_("Days late"), 9, NUMBER),
        Column(_("Last report"), 11, DATE),
        Column(capfirst(_("priority")), 9),
    ]


def directives_workbook(title: str, directives, filters: selectors.Filters, today: datetime.date) -> bytes:
    """A list of directives (the overdue list, an inbox, a filtered list), one row each."""
    coordinating = selectors.coordinating_names(directives)
    yes = _("Yes")

    def lines():
        for row in selectors.rows(directives, today):
            yield (
                row["meeting_day"],
                row["meeting_title"],
                row["body_name"],
                row["content"],
                row["lead_name"],
                "; ".join(coordinating.get(row["pk"], ())),
                row["deadline"],
                row["status_label"],
                row["split_label"],
                row["days_late"],
                row["last_report_day"],
                yes if row["priority"] else "",
            )

    sheet = Sheet(title, title, _notes(filters, today), _directive_columns(), lines())
    return workbook([sheet])


def _figure_columns(first: str, units: bool) -> list[Column]:
    labels = selectors.split_labels()
    columns = [Column(first, 40, LONG_TEXT), Column(_("Assigned"), 10, NUMBER)]
    columns += [Column(labels[name], 12, NUMBER) for name in rules.SPLIT]
    columns += [Column(_("Cancelled"), 10, NUMBER), Column(_("Done on time, share"), 12, PERCENT)]
    columns.append(Column(_("Update rate"), 12, PERCENT))
    if units:
        columns.append(Column(_("Units with overdue work"), 12, NUMBER))
    return columns


def _figure_lines(rows: list[selectors.Row], total: selectors.Row, units: bool):
    for row in [*rows, total]:
        counts = row.counts
        line = [row.name, counts.assigned, *row.split, counts.cancelled, counts.on_time_rate, row.update_rate]
        yield [*line, row.units_overdue] if units else line


def dashboard_workbook(figures: selectors.Dashboard, filters: selectors.Filters) -> bytes:
    """The dashboard's two tables, one sheet each, with the totals as their last line."""
    period = _("Update rate: share of the open directives reported on in the last %(days)s days") % {
        "days": figures.update_period_days
    }
    notes = [*_notes(filters, figures.today), period]
    by_body = Sheet(
        _("By body"),
        _("Follow-up of directives by body"),
        notes,
        _figure_columns(capfirst(_("body")), units=True),
        _figure_lines(figures.by_body, figures.total, units=True),
    )
    by_organization = Sheet(
        _("By lead organization"),
        _("Follow-up of directives by lead organization"),
        notes,
        _figure_columns(capfirst(_("lead organization")), units=False),
        _figure_lines(figures.by_organization, figures.total, units=False),
    )
    return workbook([by_body, by_organization])
