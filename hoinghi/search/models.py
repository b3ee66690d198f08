"""The search index: one row per thing a person may find, with the keys its permission is decided by.

The row carries what the permission filter and the facets need (meeting, item, document, directive,
confidentiality, body, organization, year), so results are filtered in SQL, never by loading rows. The engine's
own structures (an FTS5 table on SQLite, a tsvector column and its GIN index on PostgreSQL) are made by the
backend modules (backends.py) in this app's migration.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    ITEM = "item", _("Agenda item")
    DOCUMENT = "document", _("Document")
    OPINION = "opinion", _("Opinion")
    CONCLUSION = "conclusion", _("Conclusion")
    DIRECTIVE = "directive", _("Directive")
    REPORT = "report", _("Progress report")
    RESOLUTION = "resolution", _("Resolution")
    TARGET = "target", _("Target")
    ARTICLE = "article", _("Article")


class Entry(models.Model):
    # The small keys first, the texts last: SQLite reads a row's columns in order, so filtering and counting
    # never reach the long texts.
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
    title_folded = models.TextField()
    aliases = models.TextField(default="")  # the full forms of the abbreviations the text writes
    text = models.TextField()  # NFC, as written: snippets are cut from it
    folded = models.TextField()  # fold(text), indexed

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique_object")]
        indexes = [
            models.Index(fields=["meeting_id"], name="search_entry_meeting"),
            models.Index(fields=["item_id"], name="search_entry_item"),
            models.Index(fields=["directive_id"], name="search_entry_directive"),
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id}"
