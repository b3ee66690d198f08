"""The index follows every change of what it holds: saves and deletes of the records, a paper's text read by the
worker. Rows are rebuilt in the writer's transaction, so a rolled-back change leaves the index as it was."""

from django.db.models.signals import post_delete, post_save

from hoinghi.directives.models import Directive, ProgressReport
from hoinghi.directory.models import Body
from hoinghi.meetings.models import AgendaItem, Conclusion, Document, DocumentVersion, Meeting, Opinion
from hoinghi.meetings.signals import text_read
from hoinghi.portal.models import Article
from hoinghi.targets.models import Resolution, SolutionGroup, Target

from . import indexing
from .models import Kind

# What to rebuild when a record of the model changes or goes: a function of the record.
FOLLOWED = {
    Meeting: lambda meeting: indexing.refresh_meetings([meeting.pk]),
    AgendaItem: lambda item: indexing.refresh_items([item.pk]),
    Document: lambda document: indexing.refresh(Kind.DOCUMENT, [document.pk]),
    DocumentVersion: lambda version: indexing.refresh(Kind.DOCUMENT, [version.document_id]),
    Opinion: lambda opinion: indexing.refresh(Kind.OPINION, [opinion.pk]),
    Conclusion: lambda conclusion: indexing.refresh(Kind.CONCLUSION, [conclusion.pk]),
    Directive: lambda directive: indexing.refresh_directives([directive.pk]),
    ProgressReport: lambda report: indexing.refresh(Kind.REPORT, [report.pk]),
    Resolution: lambda resolution: (
        indexing.refresh(Kind.RESOLUTION, [resolution.pk]),
        indexing.refresh(Kind.TARGET, resolution.targets.values_list("pk", flat=True)),
    ),
    SolutionGroup: lambda group: indexing.refresh(Kind.TARGET, group.targets.values_list("pk", flat=True)),
    Target: lambda target: indexing.refresh(Kind.TARGET, [target.pk]),
    # Whether an article is live is asked at search time (portal.selectors.live_articles): a scheduled article
    # is found from its time, a withdrawn one no longer.
    Article: lambda article: indexing.refresh(Kind.ARTICLE, [article.pk]),
    Body: lambda body: indexing.refresh_meetings(body.meetings.values_list("pk", flat=True)),
}


def changed(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    if raw:  # fixtures load rows as they are; `hoinghi reindex` indexes them
        return
    kind = indexing.kind_of(sender)
    if created and kind is not None:
        # Nothing hangs under a record just made (a meeting's items, a directive's reports come after it and are
        # indexed as they come): its own row only.
        indexing.refresh(kind, [instance.pk])
        return
    indexed = indexing.INDEXED_FIELDS.get(sender)
    if update_fields and indexed is not None and indexed.isdisjoint(update_fields):
        # A save of fields the index does not hold (a directive's status and last report at each report): its
        # rows stay as they are, instead of the directive's every report being indexed again under its lock.
        return
    FOLLOWED[sender](instance)


def removed(sender, instance, **kwargs):
    # The rows of the record itself; what cascades with it sends its own post_delete.
    kind = indexing.kind_of(sender)
    if kind is not None:
        indexing.refresh(kind, [instance.pk])
    elif sender is DocumentVersion:
        indexing.refresh(Kind.DOCUMENT, [instance.document_id])


def paper_read(sender, document_id, **kwargs):
    indexing.refresh(Kind.DOCUMENT, [document_id])


def connect():
    for model in FOLLOWED:
        post_save.connect(changed, sender=model, dispatch_uid=f"search-{model.__name__}-saved")
        post_delete.connect(removed, sender=model, dispatch_uid=f"search-{model.__name__}-removed")
    text_read.connect(paper_read, dispatch_uid="search-paper-read")
