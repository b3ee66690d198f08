"""The search index: one row per thing a person may find, with the keys its permission is decided by, and its
texts beside it.

The row carries what the permission filter and the facets need (meeting, item, document, directive,
confidentiality, body, organization, year), so results are filtered in SQL, never by loading rows. The engine's
own structures (an FTS5 table on SQLite, a tsvector column and its GIN index on PostgreSQL, over the texts) are
made by the backend modules (backends/) in this app's migration.
"""

from django.db import models
from django.utils.translation import pgettext_lazy


class Kind(models.TextChoices):
    MEETING = "meeting", pgettext_lazy("search", "Meeting")
    ITEM = "item", pgettext_lazy("search", "Agenda item")
    DOCUMENT = "document", pgettext_lazy("search", "Document")
    OPINION = "opinion", pgettext_lazy("search", "Opinion")
    CONCLUSION = "conclusion", pgettext_lazy("search", "Conclusion")
    DIRECTIVE = "directive", pgettext_lazy("search", "Directive")
    REPORT = "report", pgettext_lazy("search", "Progress report")
    RESOLUTION = "resolution", pgettext_lazy("search", "Resolution")
    TARGET = "target", pgettext_lazy("search", "Target")
    ARTICLE = "article", pgettext_lazy("search", "Article")


class Entry(models.Model):
    """What a result shows and what its permission and facets are decided by: a narrow row, so that the many
    matches of a broad query are checked and counted without reading their texts (kept apart, in EntryText)."""

    kind = models.CharField(max_length=16, choices=Kind.choices)
    object_id = models.PositiveIntegerField()
    meeting_id = models.PositiveIntegerField(null=True)
    item_id = models.PositiveIntegerField(null=True)
    document_id = models.PositiveIntegerField(null=True)
    directive_id = models.PositiveIntegerField(null=True)
    # A confidential item's content, or a confidential paper: the permission filter asks more of the reader.
    confidential = models.BooleanField(default=False)
    body_id = models.PositiveIntegerField(null=True)
    organization_id = models.PositiveIntegerField(null=True)
    year = models.PositiveSmallIntegerField(null=True)
    date = models.DateField(null=True)
    title = models.TextField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique_object")]
        indexes = [
            models.Index(fields=["meeting_id"], name="search_entry_meeting"),
            models.Index(fields=["item_id"], name="search_entry_item"),
            models.Index(fields=["directive_id"], name="search_entry_directive"),
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id}"


class EntryText(models.Model):
    """The texts of an entry: as written (snippets are cut from it) and folded (what the engines index)."""

    entry = models.OneToOneField(Entry, primary_key=True, on_delete=models.CASCADE, related_name="texts")
    title_folded = models.TextField()
    aliases = models.TextField(default="")  # the full forms of the abbreviations the text writes
    text = models.TextField()  # NFC, as written
    folded = models.TextField()  # fold(text)

    def __str__(self):
        return f"{self.entry_id}"
