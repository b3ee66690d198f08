"""Papers as the secure viewer shows them: never the original file.

PDF pages and images become PNG images with the reader's name and the time burnt into the pixels;
DOCX and XLSX become sanitized HTML, under an overlay carrying the same text.
"""

import base64
import datetime
import io
import math
from functools import lru_cache

import mammoth
import nh3
import pypdfium2 as pdfium
import python_calamine
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont, ImageOps

from hoinghi.core.filetypes import BY_EXTENSION

from .models import DocumentVersion

FONT_PATH = settings.BASE_DIR / "core" / "fonts" / "DejaVuSans.ttf"
PAGE_WIDTH = 1240  # pixels: an A4 page at 150 dpi, sharp enough to read, light enough to send
MAX_SIDE = 4000
SHEET_ROWS, SHEET_COLUMNS = 1000, 60
INK = (165, 14, 14, 72)
HALO = (255, 255, 255, 72)
ANGLE = 30


class Unreadable(Exception):
    """The page cannot be produced: a damaged file, or a page that does not exist."""


def kind_of(version: DocumentVersion) -> str:
    return BY_EXTENSION[version.extension].kind


def is_paged(version: DocumentVersion) -> bool:
    return BY_EXTENSION[version.extension].is_paged


def watermark_text(user, at: datetime.datetime | None = None) -> str:
    person = getattr(user, "person", None)
    name = person.full_name if person else (user.get_full_name() or user.get_username())
    return f"{name} · {timezone.localtime(at):%d/%m/%Y %H:%M}"


def page_count(version: DocumentVersion) -> int:
    """Pages to show (sheets count as one page of HTML); 0 when the file cannot be read."""
    if version.extraction == DocumentVersion.Extraction.FAILED:
        return 0
    if kind_of(version) != "pdf":
        return 1
    if version.page_count:
        return version.page_count
    try:  # the text is still being read: count the pages now
        with version.file.open("rb") as stream:
            return len(pdfium.PdfDocument(stream))
    except Exception:
        return 0


@lru_cache(maxsize=16)
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_PATH), size)


def _tile(text: str, size: int) -> Image.Image:
    """The text once, turned 30 degrees: drawn and turned one time, then pasted across the page."""
    font = _font(size)
    length = math.ceil(ImageDraw.Draw(Image.new("RGBA", (1, 1))).textlength(text, font=font))
    tile = Image.new("RGBA", (length + 4, math.ceil(size * 1.4)), (0, 0, 0, 0))
    ImageDraw.Draw(tile).text((2, 2), text, font=font, fill=INK, stroke_width=1, stroke_fill=HALO)
    return tile.rotate(ANGLE, expand=True, resample=Image.Resampling.BICUBIC)


def burn(image: Image.Image, text: str) -> Image.Image:
    """The image with `text` tiled diagonally across it, in the pixels themselves."""
    image = image.convert("RGBA")
    width, height = image.size
    size = max(14, width // 32)
    tile = _tile(text, size)
    # Tile centres on a lattice: `along` the slanted text, and `across` from one line to the next.
    along = tile.width / math.cos(math.radians(ANGLE)) + size * 2
    across = size * 5
    cos, sin = math.cos(math.radians(ANGLE)), math.sin(math.radians(ANGLE))
    reach = math.ceil(math.hypot(width, height) / across) + 1
    layer = Image.new("RGBA", (width + 2 * tile.width, height + 2 * tile.height), (0, 0, 0, 0))
    for j in range(-reach, reach + 1):
        for i in range(-reach, reach + 1):
            step = i + (j % 2) / 2
            x = round(width / 2 + step * along * cos + j * across * sin + tile.width / 2)
            y = round(height / 2 - step * along * sin + j * across * cos + tile.height / 2)
            if 0 <= x <= layer.width - tile.width and 0 <= y <= layer.height - tile.height:
                layer.alpha_composite(tile, (x, y))
    image.alpha_composite(layer.crop((tile.width, tile.height, tile.width + width, tile.height + height)))
    return image.convert("RGB")


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


def _flat(image: Image.Image) -> Image.Image:
    """An upright RGB copy no larger than a page, with nothing of the original encoding left."""
    image = ImageOps.exif_transpose(image)
    if image.mode in {"RGBA", "LA", "P"}:
        image = image.convert("RGBA")
        background = Image.new("RGBA", image.size, "white")
        image = Image.alpha_composite(background, image)
    image = image.convert("RGB")
    image.thumbnail((PAGE_WIDTH, MAX_SIDE))
    return image


def _image_page(version: DocumentVersion, number: int) -> Image.Image:
    if number != 1:
        raise Unreadable(number)
    with version.file.open("rb") as stream, Image.open(stream) as image:
        return _flat(image)


def render_page(version: DocumentVersion, number: int, watermark: str | None) -> bytes:
    """Page `number` (from 1) of a PDF or image as PNG bytes; raises Unreadable."""
    render = _pdf_page if kind_of(version) == "pdf" else _image_page
    try:
        image = render(version, number)
    except Unreadable:
        raise
    except Exception as error:
        # Damaged files fail inside the renderers in many ways; the reader gets a clear message instead.
        raise Unreadable(number) from error
    return _png(burn(image, watermark) if watermark else image)


def _docx_image(watermark: str | None):
    """Mammoth's image hook: embedded pictures re-encoded as PNG, watermarked like pages."""

    def convert(picture) -> dict:
        try:
            with picture.open() as stream, Image.open(stream) as image:
                flat = _flat(image)
        except Exception:
            return {"alt": _("Picture not shown")}
        data = _png(burn(flat, watermark) if watermark else flat)
        return {"src": "data:image/png;base64," + base64.b64encode(data).decode("ascii")}

    return mammoth.images.img_element(convert)


def _only_our_pictures(tag: str, attribute: str, value: str) -> str | None:
    """Keep data: URLs only where we put them: on pictures we re-encoded."""
    if value.startswith("data:") and not (tag == "img" and value.startswith("data:image/png;base64,")):
        return None
    if tag == "img" and attribute == "src" and not value.startswith("data:"):
        return None
    return value


def _docx_html(version: DocumentVersion, watermark: str | None) -> str:
    with version.file.open("rb") as stream:
        html = mammoth.convert_to_html(stream, convert_image=_docx_image(watermark)).value
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


def render_html(version: DocumentVersion, watermark: str | None) -> SafeString:
    """A DOCX or XLSX as sanitized HTML (pictures inside a DOCX carry the watermark); raises Unreadable."""
    try:
        html = _docx_html(version, watermark) if kind_of(version) == "docx" else _xlsx_html(version)
    except Exception as error:
        raise Unreadable(1) from error
    return mark_safe(html)  # sanitized by nh3, or escaped by the template


def overlay(html: str) -> list[tuple[str, str]]:
    """(top, left) percentages for the watermark over HTML: rows spread over the whole height,
    more rows for longer content, so every screenful carries the reader's name."""
    rows = min(400, 4 + len(html) // 2500)
    spots = []
    for row in range(rows):
        top = f"{(row + 0.5) * 100 / rows:.3f}"
        for left in (5, 40, 75) if row % 2 else (-10, 22, 57):
            spots.append((top, str(left)))
    return spots
