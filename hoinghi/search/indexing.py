"""What the index holds of each record, and keeping it current: `refresh` rebuilds the rows of some records
(signals.py calls it on every change), `reindex` rebuilds everything in batches written in bulk.

Each row's text is Vietnamese as the records write it (with the words a person may search a meeting by: its
body, "lần thứ N", its date), folded for the engines beside the original, which snippets are cut from.
"""

from collections.abc import Iterable
from html import unescape

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.html import strip_tags

from hoinghi.core.text import fold
from hoinghi.directives.models import Directive, ProgressReport
from hoinghi.meetings.models import AgendaItem, Conclusion, Document, DocumentVersion, Meeting, Opinion
from hoinghi.portal.models import Article
from hoinghi.targets.models import Resolution, Target

from .abbreviations import full_forms
from .models import Entry, EntryText, Kind
from .snippets import GAP, START, STOP

BATCH = 500


# The characters the engines are asked to mark snippets with (snippets.py) stand for spaces in an indexed text.
UNMARKED = str.maketrans({START: " ", STOP: " ", GAP: " "})


def entry(kind, pk, title, lines, **keys) -> tuple[Entry, EntryText]:
    title = title.translate(UNMARKED)
    text = "\n".join(line for line in lines if line).translate(UNMARKED)
    texts = EntryText(title_folded=fold(title), text=text, folded=fold(text), aliases=full_forms(f"{title}\n{text}"))
    return Entry(kind=kind, object_id=pk, title=title, **keys), texts


def write(built: Iterable[tuple[Entry, EntryText]]) -> int:
    """Rows and their texts written in bulk (the ids come back from the insert)."""
    pairs = list(built)
    entries = Entry.objects.bulk_create([entry for entry, _ in pairs], batch_size=BATCH)
    for entry, texts in pairs:
        texts.entry_id = entry.pk
    EntryText.objects.bulk_create([texts for _, texts in pairs], batch_size=BATCH)
    return len(entries)


def remove(entries) -> None:
    """Rows and their texts (the texts first: the engines' own structures follow them)."""
    EntryText.objects.filter(entry__in=entries).delete()
    entries.delete()


def meeting_keys(meeting: Meeting) -> dict:
    day = timezone.localtime(meeting.starts_at).date()
    return {
        "meeting_id": meeting.pk,
        "body_id": meeting.body_id,
        "organization_id": meeting.body.organization_id,
        "year": day.year,
        "date": day,
    }


def item_keys(item: AgendaItem) -> dict:
    return meeting_keys(item.meeting) | {"item_id": item.pk, "confidential": item.confidentiality != "normal"}


def meetings(ids) -> Iterable[tuple[Entry, EntryText]]:
    for meeting in Meeting.objects.filter(pk__in=ids).select_related("body__organization", "term"):
        day = timezone.localtime(meeting.starts_at).date()
        number = meeting.number
        lines = [
            meeting.body.name,
            meeting.body.organization.name,
            f"khóa {meeting.term.ordinal}",
            f"Hội nghị lần thứ {number}, phiên họp thứ {number}, kỳ họp thứ {number}, số {number}" if number else "",
            f"ngày {day:%d/%m/%Y}, tháng {day.month} năm {day.year}",
            meeting.place,
        ]
        yield entry(Kind.MEETING, meeting.pk, meeting.title, lines, **meeting_keys(meeting))


def items(ids) -> Iterable[tuple[Entry, EntryText]]:
    found = AgendaItem.objects.filter(pk__in=ids).select_related(
        "meeting__body", "presenter_organization", "presenter_person"
    )
    for item in found:
        yield entry(Kind.ITEM, item.pk, item.title, [item.presenter], **item_keys(item))


def documents(ids) -> Iterable[tuple[Entry, EntryText]]:
    latest = DocumentVersion.objects.filter(document=OuterRef("pk")).order_by("-number")
    found = (
        Document.objects.filter(pk__in=ids)
        .select_related("item__meeting__body")
        .annotate(version=Subquery(latest.values("pk")[:1]))
    )
    found = list(found)
    versions = DocumentVersion.objects.filter(pk__in=[d.version for d in found if d.version])
    texts = {pk: [name, text] for pk, name, text in versions.values_list("pk", "original_name", "extracted_text")}
    for document in found:
        keys = item_keys(document.item) | {"document_id": document.pk, "confidential": document.is_confidential}
        lines = texts.get(document.version, [])
        yield entry(Kind.DOCUMENT, document.pk, document.title, lines, **keys)


def opinions(ids) -> Iterable[tuple[Entry, EntryText]]:
    for opinion in Opinion.objects.filter(pk__in=ids).select_related("item__meeting__body", "author"):
        yield entry(Kind.OPINION, opinion.pk, opinion.author.full_name, [opinion.text], **item_keys(opinion.item))


def conclusions(ids) -> Iterable[tuple[Entry, EntryText]]:
    for conclusion in Conclusion.objects.filter(pk__in=ids).select_related("item__meeting__body"):
        item = conclusion.item
        yield entry(Kind.CONCLUSION, conclusion.pk, item.title, [conclusion.text], **item_keys(item))


# The fields of a model its rows and its dependents' rows are built from (by the functions below); a save that
# names none of them in `update_fields` leaves the index as it is (signals.changed).
INDEXED_FIELDS = {Directive: frozenset({"content", "lead_organization", "conclusion"})}


def directive_keys(directive: Directive) -> dict:
    # Not the item: a unit reads its directive, not the confidential item behind it (directives.permissions).
    meeting = directive.conclusion.item.meeting
    return meeting_keys(meeting) | {"directive_id": directive.pk, "organization_id": directive.lead_organization_id}


def directives(ids) -> Iterable[tuple[Entry, EntryText]]:
    found = Directive.objects.filter(pk__in=ids).select_related("conclusion__item__meeting__body", "lead_organization")
    for directive in found:
        title = directive.content.split("\n")[0][:300]
        lines = [directive.content, directive.lead_organization.name]
        yield entry(Kind.DIRECTIVE, directive.pk, title, lines, **directive_keys(directive))


def reports(ids) -> Iterable[tuple[Entry, EntryText]]:
    found = ProgressReport.objects.filter(pk__in=ids).select_related(
        "directive__conclusion__item__meeting__body", "organization"
    )
    for report in found:
        title = report.directive.content.split("\n")[0][:300]
        keys = directive_keys(report.directive) | {"organization_id": report.organization_id}
        day = timezone.localtime(report.created_at).date()
        keys |= {"year": day.year, "date": day}
        yield entry(Kind.REPORT, report.pk, title, [report.organization.name, report.text], **keys)


def resolution_keys(resolution: Resolution) -> dict:
    return {
        "meeting_id": resolution.meeting_id,
        "body_id": resolution.body_id,
        "organization_id": resolution.body.organization_id,
        "year": resolution.issued_on.year,
        "date": resolution.issued_on,
    }


def resolutions(ids) -> Iterable[tuple[Entry, EntryText]]:
    for resolution in Resolution.objects.filter(pk__in=ids).select_related("body"):
        title = f"Nghị quyết số {resolution.number}"
        yield entry(Kind.RESOLUTION, resolution.pk, title, [resolution.title], **resolution_keys(resolution))


def targets(ids) -> Iterable[tuple[Entry, EntryText]]:
    for target in Target.objects.filter(pk__in=ids).select_related("resolution__body", "group"):
        resolution = target.resolution
        lines = [target.group.title if target.group else "", f"Nghị quyết số {resolution.number}"]
        yield entry(Kind.TARGET, target.pk, target.indicator, lines, **resolution_keys(resolution))


def articles(ids) -> Iterable[tuple[Entry, EntryText]]:
    for article in Article.objects.filter(pk__in=ids).select_related("meeting__body"):
        keys = meeting_keys(article.meeting) if article.meeting else {}
        if article.publish_at:
            day = timezone.localtime(article.publish_at).date()
            keys |= {"year": day.year, "date": day}
        lines = [article.summary, unescape(strip_tags(article.body))]
        yield entry(Kind.ARTICLE, article.pk, article.title, lines, **keys)


BUILDERS = {
    Kind.MEETING: (Meeting, meetings),
    Kind.ITEM: (AgendaItem, items),
    Kind.DOCUMENT: (Document, documents),
    Kind.OPINION: (Opinion, opinions),
    Kind.CONCLUSION: (Conclusion, conclusions),
    Kind.DIRECTIVE: (Directive, directives),
    Kind.REPORT: (ProgressReport, reports),
    Kind.RESOLUTION: (Resolution, resolutions),
    Kind.TARGET: (Target, targets),
    Kind.ARTICLE: (Article, articles),
}


def kind_of(model) -> str | None:
    """The kind of the rows a model's records have, if they have rows of their own."""
    return next((kind for kind, (built, _) in BUILDERS.items() if built is model), None)


def refresh(kind: str, ids) -> None:
    """The rows of these records, rebuilt from them; a record that is gone loses its row."""
    ids = list(ids)
    if not ids:
        return
    with transaction.atomic():
        remove(Entry.objects.filter(kind=kind, object_id__in=ids))
        write(BUILDERS[kind][1](ids))


def refresh_items(ids) -> None:
    """Items and what carries their keys (meeting, confidentiality): papers, opinions, conclusion."""
    ids = list(ids)
    refresh(Kind.ITEM, ids)
    refresh(Kind.DOCUMENT, Document.objects.filter(item_id__in=ids).values_list("pk", flat=True))
    refresh(Kind.OPINION, Opinion.objects.filter(item_id__in=ids).values_list("pk", flat=True))
    refresh(Kind.CONCLUSION, Conclusion.objects.filter(item_id__in=ids).values_list("pk", flat=True))


def refresh_meetings(ids) -> None:
    """Meetings, their items and the directives and reports that carry the meeting's year and body."""
    ids = list(ids)
    refresh(Kind.MEETING, ids)
    refresh_items(AgendaItem.objects.filter(meeting_id__in=ids).values_list("pk", flat=True))
    refresh_directives(Directive.objects.filter(conclusion__item__meeting_id__in=ids).values_list("pk", flat=True))


def refresh_directives(ids) -> None:
    ids = list(ids)
    refresh(Kind.DIRECTIVE, ids)
    refresh(Kind.REPORT, ProgressReport.objects.filter(directive_id__in=ids).values_list("pk", flat=True))


def reindex(kinds=None, batch: int = 2000) -> dict[str, int]:
    """Every row rebuilt, `batch` records at a time; how many rows of each kind."""
    counts = {}
    for kind, (model, build) in BUILDERS.items():
        if kinds and kind not in kinds:
            continue
        remove(Entry.objects.filter(kind=kind))
        last, counts[kind] = 0, 0
        while True:
            with transaction.atomic():
                ids = list(model.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:batch])
                if not ids:
                    break
                counts[kind] += write(build(ids))
                last = ids[-1]
    return counts
