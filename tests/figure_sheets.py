"""Figures sheets for the import tests: written by hand the way Excel holds cells, read back, and the downloaded
template filled in."""

import datetime
import io

import xlsxwriter
from python_calamine import CalamineWorkbook

from hoinghi.core.spreadsheet import HEADER_ROW, KEY_ROW


def written(keys, headers, rows) -> bytes:
    """A sheet with the template's key row and headers over `rows`; each cell as its Python type says (text
    stays text where a number belongs; None is an empty cell)."""
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"strings_to_numbers": False})
    sheet = book.add_worksheet("Số liệu")
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write_string(0, 0, "Số liệu chỉ tiêu")
    for col, (key, header) in enumerate(zip(keys, headers, strict=True)):
        sheet.write_string(KEY_ROW, col, key)
        sheet.write_string(HEADER_ROW, col, header)
    for n, row in enumerate(rows, start=HEADER_ROW + 1):
        for col, cell in enumerate(row):
            if isinstance(cell, datetime.date):
                sheet.write_datetime(n, col, cell, day)
            elif cell is not None:
                sheet.write(n, col, cell)
    book.close()
    return output.getvalue()


def read_sheet(content: bytes) -> list[list]:
    """The first sheet's cells, every row from the first ("" for an empty cell)."""
    return CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python(skip_empty_area=False)


def filled(template: bytes, values: dict) -> tuple[bytes, dict]:
    """The template with `values[(target pk, period)] = (value, base)` typed in, every other cell as it came;
    and the Excel row number of each filled row."""
    rows = read_sheet(template)
    keys, headers = rows[KEY_ROW], rows[HEADER_ROW]
    target, period, value, weight = (keys.index(key) for key in ("target", "period", "value", "weight"))
    body, numbers = [], {}
    for n, row in enumerate(rows[HEADER_ROW + 1 :], start=HEADER_ROW + 2):
        row = [None if cell == "" else cell for cell in row]
        key = (row[target], row[period])
        if key in values:
            row[value], row[weight] = values[key]
            numbers[key] = n
        body.append(row)
    return written(keys, headers, body), numbers
