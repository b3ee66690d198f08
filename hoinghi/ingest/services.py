"""Writes for importing archive articles: draft, review, accept into a meeting, discard.

Each runs in one transaction, is for the office only, and is audited. Accepting builds the meeting
through the services the rest of the product uses, so an imported meeting obeys the same rules.
"""

import copy
import datetime
import hashlib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hoinghi.core import audit, filetypes
from hoinghi.core.errors import invalid, require
from hoinghi.core.text import clean, fold
from hoinghi.directory.models import Body, Term
from hoinghi.meetings.models import Meeting

from . import record as records
from .accepting import build_meeting
from .dates import ISO_PREFIX
from .extract import extract
from .layout import layout
from .models import ArticleImport, ImportJob
from .page import PageFacts, page_facts
from .permissions import can_import
from .reading import decode, looks_like_html, read_text
from .succession import pass_on

Step = ImportJob.Step
Progress = Callable[[str], None]
NO_DATE = "no meeting date found"  # said to the reviewer in warning_text
UNDECODED_SHARE = 0.01  # replacement characters beyond this share: the bytes were not text in any encoding


def _quiet(step: str) -> None:
    pass


@dataclass
class Imported:
    article: ArticleImport
    duplicate: bool  # the article was imported before: `article` is that earlier one, edits kept


def fingerprint(text: str) -> str:
    """The same article saved as text or as a page, with other spacing or case, has one fingerprint."""
    return hashlib.sha256(" ".join(re.findall(r"\w+", fold(text))).encode()).hexdigest()


def _original(content: bytes) -> str:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return content.decode("utf-16", errors="replace")
    return decode(content)[0]


_BINARY_TYPES = {
    "pdf": gettext_lazy("a PDF file"),
    "docx": gettext_lazy("a Word document (DOCX)"),
    "xlsx": gettext_lazy("an Excel workbook (XLSX)"),
    "image": gettext_lazy("an image"),
}
_BINARY_CONTENTS = {
    "program": gettext_lazy("a program"),
    "legacy_office": gettext_lazy("an old Word or Excel file (.doc, .xls)"),
    "zip": gettext_lazy("a ZIP package"),
    "damaged_zip": gettext_lazy("a ZIP package"),
    "oversized_zip": gettext_lazy("a ZIP package"),
}


def _refuse_binary(name: str, content: bytes) -> None:
    """A file whose bytes are a document, an image, a program or a package is no article, whatever its name
    (a PDF renamed .html is a PDF)."""
    try:
        kind = _BINARY_TYPES[filetypes.sniff(io.BytesIO(content)).kind]
    except filetypes.Unsupported as refusal:
        kind = _BINARY_CONTENTS.get(refusal.code)
    if kind is None and b"%PDF-" in content[:1024]:  # a PDF may start a little after its first byte
        kind = _BINARY_TYPES["pdf"]
    if kind is not None:
        invalid(
            _(
                "%(name)s is %(kind)s, not an article: upload the page saved from the portal (.html) "
                "or the article's text (.txt)."
            )
            % {"name": name, "kind": kind},
            "content",
        )


def _readable(name: str, content: bytes, progress: Progress) -> tuple[str, list[str]]:
    """The article's clean text, or a ValidationError saying why the file is not one."""
    if not content.strip():
        invalid(_("%(name)s is empty.") % {"name": name}, "content")
    _refuse_binary(name, content)
    progress(Step.TEXT)
    text, warnings = read_text(content)
    if not text.strip():
        invalid(_("%(name)s is not a text or HTML article: no text could be read.") % {"name": name}, "content")
    if text.count("\ufffd") > UNDECODED_SHARE * len(text):
        invalid(_("%(name)s could not be decoded as text.") % {"name": name}, "content")
    return text, warnings


def _facts(original: str) -> PageFacts:
    return page_facts(original) if looks_like_html(original) else PageFacts()


def _extracted(
    text: str, source: str, read_warnings: list[str], published: str | None = None, progress: Progress = _quiet
) -> dict:
    """The extractor's record; the page's own publication day (its meta tags) read as the stored prefix is."""
    dated = f"date {published}\n{text}" if published and not ISO_PREFIX.match(text) else text
    found = extract(dated, source, progress)
    found["warnings"] = read_warnings + found["warnings"]
    if not found["meeting"]["date"] and not any(w.startswith("meeting day") for w in found["warnings"]):
        found["warnings"].append(NO_DATE)
    return found


def _checked_url(url: str) -> str:
    url = url.strip()
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            invalid(_("Enter a valid web address."), "url")
    return url


ONLY_OFFICE = gettext_lazy("Only the office can import articles.")


def check_import_article(actor, **article) -> Imported:
    require(can_import(actor), ONLY_OFFICE)
    return do_import_article(actor, **article)


def do_import_article(actor, *, name: str, content: bytes, url: str = "", progress: Progress = _quiet) -> Imported:
    """Save the article as a draft; an article imported before is returned as a duplicate, edits kept.

    Reading and extraction come first, outside the transaction: `progress` is told each step as it begins
    (ImportJob.Step values), and a page following the work sees them. The draft is written in one transaction.
    """
    name = clean(name)[:255] or "article"
    url = _checked_url(url)
    progress(Step.READING)
    text, read_warnings = _readable(name, content, progress)
    original = _original(content).replace("\x00", "")
    facts = _facts(original)
    found = _extracted(text, url or name, read_warnings, facts.published, progress)
    progress(Step.SAVING)
    draft = ArticleImport(
        source_name=name,
        source_url=url,
        title=(facts.headline or layout(text).title or "")[:500],
        original=original,
        text=text,
        fingerprint=fingerprint(text),
        extracted=found,
        record=copy.deepcopy(found),
        imported_by=actor,
    )
    return _store(actor, draft, read_warnings)


@transaction.atomic
def _store(actor, draft: ArticleImport, read_warnings: list[str]) -> Imported:
    url, key = draft.source_url, draft.fingerprint
    same = Q(fingerprint=key) | Q(source_url=url) if url else Q(fingerprint=key)
    earlier = ArticleImport.objects.select_for_update().filter(same).order_by("imported_at", "id").first()
    if earlier is not None:
        return Imported(_reimport(actor, earlier, read_warnings), duplicate=True)
    try:
        with transaction.atomic():
            draft.save()
    except IntegrityError:  # the same article, imported at this moment by someone else
        return Imported(ArticleImport.objects.get(fingerprint=key), duplicate=True)
    audit.record(actor, "ingest.import", draft, source=draft.source_name, url=url, warnings=draft.extracted["warnings"])
    return Imported(draft, duplicate=False)


def _reimport(actor, article: ArticleImport, read_warnings: list[str]) -> ArticleImport:
    """Read the kept text again (the rules may have improved); a draft takes what its reviewer left alone."""
    published = _facts(article.original).published
    found = _extracted(article.text, article.source_url or article.source_name, read_warnings, published)
    article.extracted = found
    if article.status == ArticleImport.Status.DRAFT:
        article.record = records.refreshed(article.record, found, article.edited)
    article.save(update_fields=["extracted", "record"])
    audit.record(actor, "ingest.reimport", article, kept=article.edited)
    return article


def _draft(article: ArticleImport) -> ArticleImport:
    article = ArticleImport.objects.select_for_update().get(pk=article.pk)
    if article.status != ArticleImport.Status.DRAFT:
        invalid(_("This article was already %(status)s.") % {"status": article.get_status_display().lower()})
    return article


def _as_normalized(record: dict) -> dict:
    # The comparison base: what the extractor wrote, in the shape the reviewer's record takes.
    try:
        return records.normalize(record)
    except ValidationError:
        return record


def check_save_review(actor, article: ArticleImport, record: dict, choices: dict | None = None) -> ArticleImport:
    require(can_import(actor), ONLY_OFFICE)
    return do_save_review(actor, article, record, choices)


@transaction.atomic
def do_save_review(actor, article: ArticleImport, record: dict, choices: dict | None = None) -> ArticleImport:
    """Validate and store the reviewer's record; ValidationError keys are paths like "directives.2.deadline".

    `choices`: the directory choices on the screen (body, term, people, organizations), kept as they are so
    the next visit shows them; None leaves the kept ones.
    """
    article = _draft(article)
    reviewed = records.normalize(record)
    reviewed["source"] = article.record.get("source")
    reviewed["warnings"] = article.record.get("warnings", [])
    changes = records.changes(_as_normalized(article.record), reviewed)
    article.record = reviewed
    article.edited = sorted(set(article.edited) | set(changes))
    if choices is not None:
        article.directory_choices = choices
    article.reviewed_by, article.reviewed_at = actor, timezone.now()
    article.save(update_fields=["record", "edited", "directory_choices", "reviewed_by", "reviewed_at"])
    audit.record(actor, "ingest.review", article, changes=changes, choices=article.directory_choices)
    return article


def check_discard(actor, article: ArticleImport) -> ArticleImport:
    require(can_import(actor), ONLY_OFFICE)
    return do_discard(actor, article)


@transaction.atomic
def do_discard(actor, article: ArticleImport) -> ArticleImport:
    article = _draft(article)
    article.status = ArticleImport.Status.DISCARDED
    article.save(update_fields=["status"])
    audit.record(actor, "ingest.discard", article)
    return article


def meeting_day(record: dict) -> datetime.date:
    day = (record.get("meeting") or {}).get("date")
    if not day:
        invalid(_("The record has no meeting date: enter the day the meeting was held."), "meeting.date")
    return datetime.date.fromisoformat(day)


def term_for(body: Body, record: dict, day: datetime.date) -> Term:
    """The body's term the record names, else the one covering the meeting day."""
    ordinal = (record.get("meeting") or {}).get("term")
    terms = body.terms.all()
    term = terms.filter(ordinal=ordinal).first() if ordinal else None
    term = term or terms.filter(start__lte=day).filter(Q(end__isnull=True) | Q(end__gte=day)).first()
    if term is None:
        invalid(_("%(body)s has no term covering %(day)s.") % {"body": body, "day": day.isoformat()}, "term")
    return term


def check_accept(actor, article: ArticleImport, **choices) -> Meeting:
    require(can_import(actor), ONLY_OFFICE)
    return do_accept(actor, article, **choices)


@transaction.atomic
def do_accept(
    actor,
    article: ArticleImport,
    *,
    body: Body,
    term: Term | None = None,
    people: dict[int, int | None] | None = None,
    organizations: dict[str, int | None] | None = None,
    resolution_number: str = "",
    transfers: dict[int, int | None] | None = None,
) -> Meeting:
    """Create the meeting the reviewed record describes, closed, with its items, conclusions, directives and votes.

    `people`: index in selectors.match_people(record) -> Person pk, or None for "a new person";
    a missing index takes the automatic match (or a new person). `organizations`: the text as in
    selectors.organization_matches(record) -> Organization pk, or None for "a new organization".
    `term`: None takes the body's term named in the record, else the one covering the date.
    `resolution_number`: the number of the resolution the meeting adopted ("06-NQ/TU"); the record's
    targets are created under it, and left in the record when it is not given.
    `transfers`: index in the record's directives -> the successor (pk; None where there is one) its organization's
    duties passed to: the directive, kept as history under the name of its day, passes to it for follow-up.
    """
    article = _draft(article)
    record = records.normalize(article.record)  # a draft never reviewed holds the extractor's raw record
    day = meeting_day(record)
    term = term or term_for(body, record, day)
    if term.body_id != body.pk:
        invalid(_("The term does not belong to this body."), "term")
    if not body.existed_on(day) or not body.organization.existed_on(day):
        message = _("%(body)s did not exist on %(day)s, the day of the meeting: choose the body of then.")
        invalid(message % {"body": body, "day": f"{day:%d/%m/%Y}"}, "body")
    meeting = build_meeting(
        actor,
        record,
        body=body,
        term=term,
        day=day,
        title=article.title,
        people=people,
        organizations=organizations,
        resolution_number=resolution_number,
    )
    passed = pass_on(actor, meeting, transfers or {})
    article.status, article.meeting = ArticleImport.Status.ACCEPTED, meeting
    article.reviewed_by, article.reviewed_at = actor, timezone.now()
    article.save(update_fields=["status", "meeting", "reviewed_by", "reviewed_at"])
    audit.record(
        actor,
        "ingest.accept",
        article,
        meeting=str(meeting),
        meeting_id=meeting.pk,
        resolution=resolution_number,
        passed_on=[transfer.directive_id for transfer in passed],
    )
    return meeting
