"""Normal papers as the viewer shows them: PDF pages and images as PNG, DOCX and XLSX as sanitized HTML.

Confidential papers are never shown this way: the worker draws their pages, and each request burns the reader's
name into a copy (hoinghi.meetings.pages).
"""

import base64
import datetime
import io

import mammoth
import nh3
import pypdfium2 as pdfium
import python_calamine
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from PIL import Image

from hoinghi.core.filetypes import BY_EXTENSION

from .models import DocumentVersion
from .reading import MAX_SIDE, PAGE_WIDTH, stored_page

SHEET_ROWS, SHEET_COLUMNS = 1000, 60


class Unreadable(Exception):
    """The page cannot be produced: a damaged file, or a page that does not exist."""


def kind_of(version: DocumentVersion) -> str:
    return BY_EXTENSION[version.extension].kind


def is_paged(version: DocumentVersion) -> bool:
    return BY_EXTENSION[version.extension].is_paged


# The worker could not read the file within its limits: the request that shows it would not either.
UNSHOWN = {DocumentVersion.Extraction.FAILED, DocumentVersion.Extraction.TOO_LARGE}


def too_long_for_html(version: DocumentVersion) -> bool:
    """A DOCX whose text was cut is too long to be turned into one page of HTML at every request."""
    return version.extraction == DocumentVersion.Extraction.CUT and not is_paged(version)


def page_count(version: DocumentVersion) -> int:
    """Pages to show (sheets count as one page of HTML; at most settings.PAPER_MAX_PAGES); 0 when the file cannot
    be read."""
    if version.extraction in UNSHOWN:
        return 0
    if kind_of(version) != "pdf":
        return 1
    if version.page_count:
        return min(version.page_count, settings.PAPER_MAX_PAGES)
    try:  # the text is still being read: count the pages now
        with version.file.open("rb") as stream:
            return min(len(pdfium.PdfDocument(stream)), settings.PAPER_MAX_PAGES)
    except Exception:
        return 0


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _pdf_page(version: DocumentVersion, number: int) -> Image.Image:
    with version.file.open("rb") as stream:
        pdf = pdfium.PdfDocument(stream)
        try:
            if not 1 <= number <= len(pdf):
                raise Unreadable(number)
            page = pdf[number - 1]
            width, height = page.get_size()
            scale = min(PAGE_WIDTH / width, MAX_SIDE / height)
            return page.render(scale=scale).to_pil()
        finally:
            pdf.close()


def _image_page(version: DocumentVersion, number: int) -> Image.Image:
    if number != 1:
        raise Unreadable(number)
    with version.file.open("rb") as stream, Image.open(stream) as image:
        return stored_page(image)


# The widths the viewer asks for (srcset): a phone, a laptop, the full drawing.
WIDTHS = (640, 1000, PAGE_WIDTH)


def render_page(version: DocumentVersion, number: int, width: int = PAGE_WIDTH, webp: bool = False) -> bytes:
    """Page `number` (from 1) of a PDF or image, `width` pixels wide at most, as PNG bytes or (`webp`) WebP:
    a page of text is a fifth of the bytes in WebP at a quality that keeps small print sharp. Raises Unreadable."""
    if number > settings.PAPER_MAX_PAGES:
        raise Unreadable(number)
    render = _pdf_page if kind_of(version) == "pdf" else _image_page
    try:
        image = render(version, number)
    except Unreadable:
        raise
    except Exception as error:
        # Damaged files fail inside the renderers in many ways; the reader gets a clear message instead.
        raise Unreadable(number) from error
    if width < image.width:
        image = image.resize((width, round(image.height * width / image.width)), Image.Resampling.LANCZOS)
    if not webp:
        return _png(image)
    out = io.BytesIO()
    image.save(out, "WEBP", quality=80, method=4)
    return out.getvalue()


def _picture(picture) -> dict:
    """Mammoth's image hook: embedded pictures re-encoded as PNG."""
    try:
        with picture.open() as stream, Image.open(stream) as image:
            flat = stored_page(image)
    except Exception:
        return {"alt": _("Picture not shown")}
    return {"src": "data:image/png;base64," + base64.b64encode(_png(flat)).decode("ascii")}


def _only_our_pictures(tag: str, attribute: str, value: str) -> str | None:
    """Keep data: URLs only where we put them: on pictures we re-encoded."""
    if value.startswith("data:") and not (tag == "img" and value.startswith("data:image/png;base64,")):
        return None
    if tag == "img" and attribute == "src" and not value.startswith("data:"):
        return None
    return value


def _docx_html(version: DocumentVersion) -> str:
    with version.file.open("rb") as stream:
        html = mammoth.convert_to_html(stream, convert_image=mammoth.images.img_element(_picture)).value
    return nh3.clean(html, url_schemes={"http", "https", "mailto", "data"}, attribute_filter=_only_our_pictures)


def _cell(value) -> str:
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.15g}"
    if isinstance(value, datetime.datetime):
        return f"{value:%d/%m/%Y %H:%M}"
    if isinstance(value, datetime.date):
        return f"{value:%d/%m/%Y}"
    return "" if value is None else str(value)


def _xlsx_html(version: DocumentVersion) -> str:
    with version.file.open("rb") as stream:
        workbook = python_calamine.CalamineWorkbook.from_filelike(stream)
        sheets = []
        for index, name in enumerate(workbook.sheet_names):
            sheet = workbook.get_sheet_by_index(index)
            rows = sheet.to_python(nrows=SHEET_ROWS)
            sheets.append(
                {
                    "name": name,
                    "rows": [[_cell(value) for value in row[:SHEET_COLUMNS]] for row in rows],
                    "cut": sheet.height > SHEET_ROWS or sheet.width > SHEET_COLUMNS,
                }
            )
    return render_to_string(
        "meetings/documents/_sheets.html", {"sheets": sheets, "max_rows": SHEET_ROWS, "max_columns": SHEET_COLUMNS}
    )


def render_html(version: DocumentVersion) -> SafeString:
    """A DOCX or XLSX as sanitized HTML; raises Unreadable."""
    try:
        html = _docx_html(version) if kind_of(version) == "docx" else _xlsx_html(version)
    except Exception as error:
        raise Unreadable(1) from error
    return mark_safe(html)  # sanitized by nh3, or escaped by the template
