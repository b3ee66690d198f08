"""Background work on papers, each piece in a child process under limits (hoinghi.core.confine): read the text
and page count of each new version, and draw the pages of confidential ones (hoinghi.meetings.pages).

Both are safe to run again: a job the worker was killed in the middle of is run again when it starts
(hoinghi.core.jobs).
"""

import logging

from django_tasks import task

from hoinghi.core import confine
from hoinghi.core.jobs import retry_safe

from . import pages
from .models import DocumentVersion
from .signals import text_read

logger = logging.getLogger(__name__)
Extraction = DocumentVersion.Extraction
Pages = DocumentVersion.Pages


@retry_safe
@task()
def extract_text(version_id: int) -> str:
    """Fill in the text and page count; a file that cannot be read is marked "failed", never raised."""
    version = DocumentVersion.objects.filter(pk=version_id).first()
    if version is None:
        return "missing"
    fields = {"extracted_text": ""}
    try:
        answer = pages.read_text(version)
    except confine.Exceeded:
        logger.warning("reading document version %s went past its limits", version_id, exc_info=True)
        fields["extraction"] = Extraction.TOO_LARGE
    except (confine.Failed, OSError, ValueError):
        # Parsers of damaged files fail in many ways; the file stays, marked as unreadable.
        logger.warning("could not read document version %s", version_id, exc_info=True)
        fields["extraction"] = Extraction.FAILED
    else:
        fields |= {"extraction": answer["status"], "extracted_text": answer["text"]}
        if pages.kind_of(version) not in pages.CONVERTED:  # a DOCX's or XLSX's pages are counted as they are drawn
            fields["page_count"] = answer["pages"]
    DocumentVersion.objects.filter(pk=version_id).update(**fields)
    text_read.send(sender=DocumentVersion, document_id=version.document_id)
    return str(fields["extraction"])


@retry_safe
@task()
def draw_pages(version_id: int) -> str:
    """Draw a confidential version's pages for the viewer; a file that cannot be drawn is marked, never raised."""
    version = DocumentVersion.objects.filter(pk=version_id).first()
    if version is None:
        return "missing"
    fields = {"pages_drawn": 0}
    try:
        total, drawn = pages.draw(version)
    except confine.Exceeded:
        logger.warning("drawing document version %s went past its limits", version_id, exc_info=True)
        fields["pages"] = Pages.TOO_LARGE
    except (confine.Failed, OSError, ValueError, KeyError):
        logger.warning("could not draw document version %s", version_id, exc_info=True)
        fields["pages"] = Pages.UNREADABLE
    else:
        fields |= {"pages": Pages.READY, "pages_drawn": drawn}
        if pages.kind_of(version) in pages.CONVERTED:
            fields["page_count"] = total
    DocumentVersion.objects.filter(pk=version_id).update(**fields)
    return str(fields["pages"])
