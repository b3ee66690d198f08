"""Excel workbooks written for people: headers in the user's language, a title and notes above them, dates as
real Excel dates shown day first; and the download response that carries one.

XlsxWriter in constant-memory mode writes each row once and forgets it: 10,000 rows take well under a second.
Every text goes in with `write_string`, so a cell starting with "=" stays text, never a formula.

A sheet meant to come back (a template to fill) gives its columns machine `key`s: they are written in a hidden
row above the headers, so the reader finds its columns whatever language the headers were written in.
"""

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import xlsxwriter
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEXT, LONG_TEXT, DATE, NUMBER, PERCENT = "text", "long_text", "date", "number", "percent"
HEADER_ROW = 3  # under the title, the filters and the date of the figures
KEY_ROW = HEADER_ROW - 1  # hidden: the columns' machine keys, when they have some


@dataclass(frozen=True)
class Column:
    header: str
    width: int
    kind: str = TEXT
    key: str = ""
    editable: bool = False  # shaded: the cells a person is expected to fill


@dataclass(frozen=True)
class Sheet:
    name: str
    title: str
    notes: list[str]
    columns: list[Column]
    rows: Iterable[Sequence]


def _formats(book) -> dict:
    return {
        "title": book.add_format({"bold": True, "font_size": 14}),
        "note": book.add_format({"italic": True}),
        "header": book.add_format(
            {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#F2DCDB", "border": 1}
        ),
        "key": book.add_format({"font_color": "#808080"}),
        "editable": book.add_format({"bg_color": "#FFF2CC", "border": 1, "border_color": "#BFBFBF"}),
        TEXT: book.add_format({"valign": "top"}),
        LONG_TEXT: book.add_format({"valign": "top", "text_wrap": True}),
        DATE: book.add_format({"valign": "top", "num_format": "dd/mm/yyyy"}),
        NUMBER: book.add_format({"valign": "top"}),
        PERCENT: book.add_format({"valign": "top", "num_format": "0%"}),
    }


def _write_cell(sheet, row: int, col: int, value, kind: str, formats: dict) -> None:
    if value is None or value == "":
        return
    if kind == DATE:
        sheet.write_datetime(row, col, value, formats[DATE])
    elif kind in (NUMBER, PERCENT):
        sheet.write_number(row, col, value, formats[kind])
    else:
        sheet.write_string(row, col, str(value), formats[kind])


def _write_sheet(book, spec: Sheet, formats: dict) -> None:
    sheet = book.add_worksheet(spec.name[:31])
    sheet.write_string(0, 0, spec.title, formats["title"])
    sheet.write_string(1, 0, " · ".join(spec.notes), formats["note"])
    if any(column.key for column in spec.columns):
        sheet.set_row(KEY_ROW, None, formats["key"], {"hidden": True})
    # Row by row: in constant-memory mode a row is written out once the next one is begun.
    for col, column in enumerate(spec.columns):
        sheet.set_column(col, col, column.width, formats["editable"] if column.editable else None)
        if column.key:
            sheet.write_string(KEY_ROW, col, column.key, formats["key"])
    for col, column in enumerate(spec.columns):
        sheet.write_string(HEADER_ROW, col, column.header, formats["header"])
    last = HEADER_ROW
    for last, values in enumerate(spec.rows, start=HEADER_ROW + 1):
        for col, (value, column) in enumerate(zip(values, spec.columns, strict=True)):
            _write_cell(sheet, last, col, value, column.kind, formats)
    sheet.freeze_panes(HEADER_ROW + 1, 1)
    sheet.autofilter(HEADER_ROW, 0, last, len(spec.columns) - 1)


def workbook(sheets: Iterable[Sheet]) -> bytes:
    output = io.BytesIO()
    options = {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    book = xlsxwriter.Workbook(output, options)
    formats = _formats(book)
    for spec in sheets:
        _write_sheet(book, spec, formats)
    book.close()
    return output.getvalue()


def response(content: bytes, name: str) -> HttpResponse:
    """A download named `name-YYYY-MM-DD.xlsx` (today's date)."""
    download = HttpResponse(content, content_type=XLSX)
    filename = f"{name}-{timezone.localdate():%Y-%m-%d}.xlsx"
    download["Content-Disposition"] = content_disposition_header(True, filename)
    return download
