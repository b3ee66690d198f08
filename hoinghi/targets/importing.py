"""Figures imported from an Excel sheet (the template of `template.py`, filled): the whole file is refused with
every wrong row listed, or written whole in one transaction; a dry run says what would be written.

Each row is checked by `validation.problems` (`check_figure`'s rules, each with the column it is about), the
rules a figure typed in the reporting page meets, plus what only a file can get wrong: a code that names
nothing, text where a number belongs, a figure twice in the file, an organization the importing user may not
report for.

Sized for 200,000 rows: python-calamine reads the sheet (openpyxl is eight times slower); targets,
organizations, reporters and the current figures of the file's targets are loaded once, so no row costs a
query; rows are kept as small tuples and written by `hoinghi.core.bulk` (bulk_create took 29 s on SQLite).
"""

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice

import python_calamine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hoinghi.core import audit, bulk, filetypes
from hoinghi.core.errors import invalid, require
from hoinghi.core.uploads import checked_file, upload_name
from hoinghi.directory.models import Organization
from hoinghi.directory.roles import unit_of

from . import permissions, template, validation
from .forms import number_field
from .models import Figure, Resolution, Target

FIGURE_FIELDS = ("target", "organization", "period", "value", "weight", "note")
KEY_SEARCH_ROWS = 20  # the template's key row is the third; a hand-made sheet may have a longer title
DAY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
TEXT_NUMBER = number_field("")  # the figure form's field: a number typed as text is read as the form reads it


@dataclass(frozen=True)
class RowError:
    row: int  # as Excel numbers it
    column: str  # the column's header
    message: str


@dataclass(frozen=True)
class Duplicate:
    """A row whose figure is already in the database (corrections go through the office)."""

    row: int
    target: Target
    organization: Organization
    period: datetime.date
    value: Decimal


@dataclass
class Outcome:
    file_name: str
    dry_run: bool = False
    rows: int = 0  # figures in the file
    errors: list[RowError] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    new: list[tuple[Target, int]] = field(default_factory=list)  # figures per target the file adds
    written: bool = False

    @property
    def accepted(self) -> bool:
        return not self.errors

    def by_row(self) -> list[tuple[int, list[RowError]]]:
        grouped: dict[int, list[RowError]] = {}
        for error in self.errors:
            grouped.setdefault(error.row, []).append(error)
        return sorted(grouped.items())

    def by_column(self) -> list[tuple[str, int]]:
        """How many rows each column is wrong in, the most first."""
        return Counter(error.column for error in self.errors).most_common()


# Cells, as calamine gives them: "" when empty, str, float, int, bool, date, datetime, time or timedelta.


def _empty(cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _code(cell) -> int | None:
    """A target's or organization's number, None when the cell holds none."""
    if type(cell) is float and cell.is_integer():
        return int(cell)
    if type(cell) is int:
        return cell
    if isinstance(cell, str) and cell.strip().isdigit():
        return int(cell.strip())
    return None


def _day(cell) -> datetime.date | None:
    """An Excel date, or a date typed as text (dd/mm/yyyy or yyyy-mm-dd); None when the cell holds none."""
    if isinstance(cell, datetime.datetime):
        return cell.date()
    if isinstance(cell, datetime.date):
        return cell
    if isinstance(cell, str):
        text = cell.strip()
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            pass
        if match := DAY.match(text):
            day, month, year = map(int, match.groups())
            try:
                return datetime.date(year, month, day)
            except ValueError:
                return None
    return None


def _figure(cell):
    """An empty cell as None; a number typed as text read as the form reads one in the user's language (85,5 in
    Vietnamese); anything else as it is (the rules refuse text where a number belongs)."""
    if _empty(cell):
        return None
    if isinstance(cell, str):
        try:
            return TEXT_NUMBER.to_python(cell.strip())
        except ValidationError:
            return cell
    return cell


def _text(cell) -> str:
    if _empty(cell):
        return ""
    if type(cell) is float and cell.is_integer():
        return str(int(cell))
    return str(cell)


def _sheet(stream):
    """(the column of each key, the data rows as (Excel row number, cells)) of the first sheet with the key row."""
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(stream)
        # Each sheet is read here: a damaged part of the package fails when its sheet is read, not at the opening.
        sheets = [book.get_sheet_by_name(name) for name in book.sheet_names]
    except python_calamine.CalamineError:
        invalid(_("This file cannot be read as an Excel workbook."), "file")
    for sheet in sheets:
        if sheet.start is None:  # an empty sheet
            continue
        rows = sheet.iter_rows()  # from the first row, empty or not (but from the first column used)
        for number, cells in enumerate(islice(rows, KEY_SEARCH_ROWS), start=1):
            keys = {cell.strip(): col for col, cell in enumerate(cells) if isinstance(cell, str) and cell.strip()}
            if all(key in keys for key in template.REQUIRED):
                next(rows, None)  # the headers
                return keys, enumerate(rows, start=number + 2)
    invalid(_("This is not the figures template: download the template, fill it and upload it."), "file")


def _read(stream) -> list[tuple]:
    """The rows that hold a figure, as (row, target id, organization id, period, value, base, note): codes and
    dates read, None where unreadable; value and base as in the cell. Rows left empty are skipped."""
    keys, rows = _sheet(stream)
    target, period, organization, value = (keys[key] for key in template.REQUIRED)
    weight, note = keys.get(template.WEIGHT), keys.get(template.NOTE)
    read = []
    for number, cells in rows:
        figure, base, text = cells[value], "" if weight is None else cells[weight], "" if note is None else cells[note]
        if _empty(figure) and _empty(base) and _empty(text):
            continue
        read.append(
            (
                number,
                _code(cells[target]),
                _code(cells[organization]),
                _day(cells[period]),
                _figure(figure),
                _figure(base),
                _text(text),
            )
        )
    return read


def _known(actor, read: list[tuple]) -> tuple[validation.FigureRules, set[int]]:
    """The rules for the file's targets, and which of its organization codes exist: a few queries in all."""
    target_ids = {row[1] for row in read} & set(Target.objects.values_list("pk", flat=True))
    organization_ids = {row[2] for row in read} & set(Organization.objects.values_list("pk", flat=True))
    own = unit_of(actor)
    # Figures of other organizations than the user's are refused anyway: their duplicates need no reading.
    readable = organization_ids if own is None else organization_ids & {own}
    known = validation.FigureRules.load(target_ids, organizations=readable, today=timezone.localdate())
    return known, organization_ids


def _check(actor, read: list[tuple], outcome: Outcome) -> None:
    """Every row's errors, the duplicates of figures already there, and the figures per target the file adds."""
    known, organizations = _known(actor, read)
    named = template.headers()
    seen: dict[tuple, int] = {}
    duplicates: list[tuple[int, tuple]] = []
    added = Counter()
    for number, target_id, organization_id, period, value, weight, _note in read:
        if organization_id not in organizations:
            organization_id = None
        found = validation.problems(known, target_id, organization_id, period, value, weight)
        if organization_id is not None and not permissions.acts_for(actor, organization_id):
            # Whether that organization reports the target is beside the point.
            found = [problem for problem in found if problem[0] != template.ORGANIZATION]
            found.append((template.ORGANIZATION, _("You may not report figures for this organization.")))
        key = (target_id, organization_id, period)
        if key in seen:
            found.append((template.PERIOD, _("The same figure is on row %(row)s too.") % {"row": seen[key]}))
        elif not found:  # (a wrong row repeated is reported once it is put right)
            seen[key] = number
        if key in known.current:
            duplicates.append((number, key))
        outcome.errors.extend(RowError(number, named.get(field, _("Row")), message) for field, message in found)
        if not found:
            added[target_id] += 1
    outcome.rows = len(read)
    targets = Target.objects.select_related("resolution").in_bulk({t for t in added} | {k[0] for _n, k in duplicates})
    outcome.new = [(targets[pk], count) for pk, count in sorted(added.items())]
    outcome.duplicates = _duplicates(duplicates, targets)


def _duplicates(found: list[tuple[int, tuple]], targets: dict[int, Target]) -> list[Duplicate]:
    if not found:
        return []
    keys = [key for _number, key in found]
    existing = Figure.objects.filter(
        is_current=True,
        target__in={target for target, _o, _p in keys},
        organization__in={organization for _t, organization, _p in keys},
        period__in={period for _t, _o, period in keys},
    )
    values = {(t, o, p): v for t, o, p, v in existing.values_list("target_id", "organization_id", "period", "value")}
    organizations = Organization.objects.only("name").in_bulk({organization for _t, organization, _p in keys})
    return [Duplicate(number, targets[t], organizations[o], p, values[t, o, p]) for number, (t, o, p) in found]


def _write(actor, read: list[tuple], outcome: Outcome, sha256: str) -> None:
    """Every figure in one transaction, and one audit event for the whole file."""
    figures = (
        (target, organization, period, validation.as_stored(value), validation.as_stored(weight), note.strip())
        for _n, target, organization, period, value, weight, note in read
    )
    resolutions = Resolution.objects.filter(targets__in={row[1] for row in read}).distinct().order_by("number")
    try:
        with transaction.atomic():
            bulk.insert(Figure, FIGURE_FIELDS, figures, reported_by=actor, reported_at=timezone.now())
            resolutions = list(resolutions)
            # On the resolution, so its history shows the import (the first by number, should the file span several).
            audit.record(
                actor,
                "figure.import",
                resolutions[0],
                file=outcome.file_name,
                sha256=sha256,
                rows=outcome.rows,
                resolutions=[resolution.number for resolution in resolutions],
            )
    except IntegrityError:
        # A figure was reported on the same period between the checks and the writing.
        invalid(_("Some of these figures were reported while the file was being checked: upload it again."), "file")
    outcome.written = True


def check_import_figures(actor, uploaded_file, *, dry_run: bool = False) -> Outcome:
    require(permissions.may_import(actor), _("Only the office and the units' staff import figures."))
    return do_import_figures(actor, uploaded_file, dry_run=dry_run)


def do_import_figures(actor, uploaded_file, *, dry_run: bool = False) -> Outcome:
    """Check the file's every row (each figure must be one `actor` may report); unless refused or a dry run, write
    all its figures. A file that is not a figures template is refused at once (ValidationError on "file")."""
    file_type, sha256 = checked_file(uploaded_file)
    if file_type != filetypes.XLSX:
        invalid(_("Upload the figures template: an Excel file (.xlsx)."), "file")
    outcome = Outcome(upload_name(uploaded_file, file_type.extension), dry_run)
    read = _read(uploaded_file)
    if not read:
        invalid(_("The file holds no figures: type them in the Value column."), "file")
    _check(actor, read, outcome)
    if outcome.accepted and not dry_run:
        _write(actor, read, outcome, sha256)
    return outcome
