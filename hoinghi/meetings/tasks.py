"""Background work on papers: read the text of each new version, for search and page counts."""

import logging

import docx
import pypdfium2 as pdfium
import python_calamine
from django_tasks import task
from PIL import Image

from hoinghi.core.filetypes import BY_EXTENSION
from hoinghi.core.text import nfc

from .models import DocumentVersion

logger = logging.getLogger(__name__)
Extraction = DocumentVersion.Extraction


def _plain(text: str) -> str:
    # NUL cannot be stored in PostgreSQL text; NFC is the form every stored text takes.
    return nfc(text.replace("\x00", "")).strip()


def _read_pdf(stream) -> tuple[str, str, int]:
    pdf = pdfium.PdfDocument(stream)
    try:
        if not len(pdf):
            raise ValueError("a PDF without pages")
        text = "\n\n".join(page.get_textpage().get_text_bounded() for page in pdf)
        return Extraction.DONE, _plain(text), len(pdf)
    finally:
        pdf.close()


def _read_docx(stream) -> tuple[str, str, int]:
    document = docx.Document(stream)
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        lines.extend(" | ".join(cell.text for cell in row.cells) for row in table.rows)
    # A DOCX is shown as one HTML page.
    return Extraction.DONE, _plain("\n".join(lines)), 1


def _read_xlsx(stream) -> tuple[str, str, int]:
    workbook = python_calamine.CalamineWorkbook.from_filelike(stream)
    return Extraction.NOT_APPLICABLE, "", len(workbook.sheet_names)


def _read_image(stream) -> tuple[str, str, int]:
    with Image.open(stream) as image:
        image.verify()
    return Extraction.NOT_APPLICABLE, "", 1


READERS = {"pdf": _read_pdf, "docx": _read_docx, "xlsx": _read_xlsx, "image": _read_image}


@task()
def extract_text(version_id: int) -> str:
    """Fill in the text and page count; a file that cannot be read is marked "failed", never raised."""
    version = DocumentVersion.objects.filter(pk=version_id).first()
    if version is None:
        return "missing"
    try:
        with version.file.open("rb") as stream:
            status, text, pages = READERS[BY_EXTENSION[version.extension].kind](stream)
    except Exception:
        # Parsers of damaged files fail in many ways; the file stays, marked as unreadable.
        logger.warning("could not read document version %s", version_id, exc_info=True)
        status, text, pages = Extraction.FAILED, "", None
    DocumentVersion.objects.filter(pk=version_id).update(extraction=status, extracted_text=text, page_count=pages)
    return str(status)
