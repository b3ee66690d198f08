"""The papers of an agenda item: upload, new versions, opening records, and the list an item page shows."""

from dataclasses import dataclass
from functools import partial
from pathlib import PurePath

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hoinghi.core import audit
from hoinghi.core.errors import invalid, require
from hoinghi.core.text import clean
from hoinghi.core.uploads import ACCEPT, checked_file, max_upload_mb, save_with_file, upload_name

from . import permissions as perm
from . import rules
from .models import AgendaItem, Confidentiality, Document, DocumentVersion
from .tasks import draw_pages, extract_text

OPEN_VERB = "document.open"
# The levels in rising order: a paper is at least as confidential as its item.
LEVELS = [Confidentiality.NORMAL, Confidentiality.SECRET, Confidentiality.TOP_SECRET]


ONLY_OFFICE = gettext_lazy("Only the office can add papers.")


def _editable(item: AgendaItem) -> None:
    if item.meeting.status not in rules.EDITABLE_AGENDA:
        invalid(_("The papers of a closed meeting cannot be changed."))


def _store(actor, document: Document, uploaded_file, file_type, sha256: str) -> DocumentVersion:
    """Save the next version; its text is read, and a confidential one's pages drawn, by the worker once the
    transaction commits."""
    last = document.versions.aggregate(last=Max("number"))["last"] or 0
    version = DocumentVersion(
        document=document,
        number=last + 1,
        original_name=upload_name(uploaded_file, file_type.extension),
        media_type=file_type.media_type,
        extension=file_type.extension,
        size=uploaded_file.size,
        sha256=sha256,
        uploaded_by=actor,
    )
    if document.is_confidential:
        version.pages = DocumentVersion.Pages.PENDING
    # Should the row fail (e.g. a concurrent version took the number), the file goes too.
    save_with_file(version, "file", version.original_name, uploaded_file)
    transaction.on_commit(partial(extract_text.enqueue, version.pk))
    if document.is_confidential:
        transaction.on_commit(partial(draw_pages.enqueue, version.pk))
    return version


def request_pages(version: DocumentVersion) -> None:
    """Have the worker draw the pages of a version that became confidential after it was added (its item's level
    was raised)."""
    updated = DocumentVersion.objects.filter(pk=version.pk, pages=DocumentVersion.Pages.NONE).update(
        pages=DocumentVersion.Pages.PENDING
    )
    if updated:
        version.pages = DocumentVersion.Pages.PENDING
        transaction.on_commit(partial(draw_pages.enqueue, version.pk))
        version.refresh_from_db(fields=["pages", "pages_drawn", "page_count"])


def check_upload_document(actor, item: AgendaItem, **paper) -> Document:
    require(perm.can_manage(actor, item.meeting), ONLY_OFFICE)
    return do_upload_document(actor, item, **paper)


@transaction.atomic
def do_upload_document(
    actor, item: AgendaItem, *, title: str, kind: str, confidentiality: str, uploaded_file
) -> Document:
    _editable(item)
    if kind not in Document.Kind.values:
        invalid(_("Choose the kind of paper."), "kind")
    if confidentiality not in LEVELS:
        invalid(_("Choose the confidentiality."), "confidentiality")
    if LEVELS.index(confidentiality) < LEVELS.index(item.confidentiality):
        invalid(_("A paper cannot be less confidential than its item."), "confidentiality")
    file_type, sha256 = checked_file(uploaded_file)
    title = clean(title or "") or clean(PurePath(uploaded_file.name or "").stem)
    if not title:
        invalid(_("The title is required."), "title")
    document = Document.objects.create(item=item, title=title[:500], kind=kind, confidentiality=confidentiality)
    version = _store(actor, document, uploaded_file, file_type, sha256)
    audit.record(
        actor,
        "document.upload",
        document,
        item=str(item),
        confidentiality=confidentiality,
        version=version.number,
        name=version.original_name,
        size=version.size,
        sha256=sha256,
    )
    return document


def check_add_version(actor, document: Document, uploaded_file) -> DocumentVersion:
    require(perm.can_manage(actor, document.item.meeting), ONLY_OFFICE)
    return do_add_version(actor, document, uploaded_file)


@transaction.atomic
def do_add_version(actor, document: Document, uploaded_file) -> DocumentVersion:
    """A new version of the paper; earlier versions stay readable."""
    document = Document.objects.select_for_update().select_related("item__meeting").get(pk=document.pk)
    _editable(document.item)
    file_type, sha256 = checked_file(uploaded_file)
    current = document.current
    if current is not None and current.sha256 == sha256:
        invalid(_("This file is the same as the current version."), "file")
    version = _store(actor, document, uploaded_file, file_type, sha256)
    audit.record(
        actor,
        "document.version",
        document,
        version=version.number,
        name=version.original_name,
        size=version.size,
        sha256=sha256,
    )
    return version


def open_version(actor, document: Document, number: int | None = None) -> DocumentVersion | None:
    """The version a reader asks for (the current one by default), after the permission check."""
    require(perm.can_open_document(actor, document), _("You may not open this document."))
    versions = document.versions.all()
    return versions.filter(number=number).first() if number else versions.first()


def version_to_download(actor, document: Document, number: int | None = None) -> DocumentVersion | None:
    """Only normal papers leave the server as files; confidential ones are read in the viewer."""
    require(
        not document.is_confidential,
        _("Confidential papers can be read in the viewer only; they cannot be downloaded."),
    )
    return open_version(actor, document, number)


@transaction.atomic
def record_open(actor, document: Document, version: DocumentVersion) -> None:
    """Confidential papers keep an append-only record of every opening."""
    if document.is_confidential:
        audit.record(actor, OPEN_VERB, document, version=version.number)


def access_log(actor, document: Document):
    require(perm.can_read_access_log(actor), _("Only the office can read who opened a document."))
    return audit.history(document).filter(verb=OPEN_VERB)


@dataclass
class DocumentRow:
    document: Document
    current: DocumentVersion | None
    versions: list[DocumentVersion]
    withheld: bool  # a confidential paper the reader may not open: shown without its title or file
    can_open: bool
    can_download: bool
    can_add_version: bool
    can_read_log: bool


@dataclass
class ItemDocuments:
    """What the item page shows about its papers, and which forms it offers."""

    rows: list[DocumentRow]
    can_upload: bool
    kinds: list[tuple[str, str]]
    levels: list[tuple[str, str]]  # the levels a new paper may take: not below the item's
    default_level: str
    max_mb: str
    accept: str = ACCEPT

    @property
    def withheld_ids(self) -> set[int]:
        return {row.document.pk for row in self.rows if row.withheld}


def documents_for(user, item: AgendaItem) -> ItemDocuments:
    """The item's papers with their versions and what `user` may do with each, in a fixed number of queries."""
    documents = list(item.documents.prefetch_related("versions"))
    for document in documents:
        document.item = item
    # The right to open depends on the item and the level only: ask the predicate once per level present.
    levels = {document.confidentiality for document in documents}
    may_open = {level: perm.can_open_document(user, Document(item=item, confidentiality=level)) for level in levels}
    manages = perm.can_manage(user, item.meeting)
    can_upload = manages and item.meeting.status in rules.EDITABLE_AGENDA
    can_read_log = perm.can_read_access_log(user)
    floor = LEVELS.index(item.confidentiality)
    rows = []
    for document in documents:
        versions = list(document.versions.all())
        can_open = may_open[document.confidentiality]
        # The office keeps the papers it added in view, titles included, without opening confidential ones.
        withheld = document.is_confidential and not (can_open or manages)
        rows.append(
            DocumentRow(
                document=document,
                current=None if withheld else versions[0] if versions else None,
                versions=[] if withheld else versions,
                withheld=withheld,
                can_open=can_open,
                can_download=can_open and not document.is_confidential,
                can_add_version=can_upload,
                can_read_log=can_read_log and document.is_confidential,
            )
        )
    return ItemDocuments(
        rows=rows,
        can_upload=can_upload,
        kinds=Document.Kind.choices,
        levels=[(value, label) for value, label in Confidentiality.choices if value in LEVELS[floor:]],
        default_level=item.confidentiality,
        max_mb=max_upload_mb(),
    )
