"""An archive article brought into hoinghi: its source kept, the extracted record, the reviewed one."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hoinghi.core.fields import NFCCharField, NFCTextField
from hoinghi.meetings.models import Meeting


class ArticleImport(models.Model):
    """One article: a draft until the office accepts it, which creates the meeting it describes.

    `extracted` is what the extractor read; `record` is what the reviewer keeps (it starts as a copy).
    `edited` lists the record's paths the reviewer changed, so a re-extraction never overwrites them.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACCEPTED = "accepted", _("Accepted")
        DISCARDED = "discarded", _("Discarded")

    source_name = NFCCharField(_("file"), max_length=255)
    source_url = models.URLField(_("source address"), max_length=1000, blank=True)
    title = NFCCharField(_("title"), max_length=500, blank=True)
    original = models.TextField(_("original page"), blank=True)  # the file as read (HTML or text)
    text = NFCTextField(_("article text"))  # the text the extractor read, chrome stripped
    # sha256 of the folded words of `text`: the same article saved twice, from another page, is one
    fingerprint = models.CharField(max_length=64, unique=True)
    extracted = models.JSONField(_("extracted record"))
    record = models.JSONField(_("reviewed record"))
    edited = models.JSONField(default=list, blank=True)
    # The reviewer's directory choices kept by Save: {"body", "term", "resolution_number", "people", "organizations"}
    directory_choices = models.JSONField(default=dict, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), null=True, blank=True, on_delete=models.SET_NULL, related_name="imports"
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)

    class Meta:
        verbose_name = _("imported article")
        verbose_name_plural = _("imported articles")
        ordering = ["-imported_at", "-id"]

    def __str__(self):
        return self.title or self.source_name


class ImportJob(models.Model):
    """One uploaded file on its way to a draft, read by the worker: its current step, shown to the office while
    it works, then what became of it. Files uploaded together share a `batch` (the page that follows them)."""

    class Step(models.TextChoices):
        QUEUED = "queued", _("Waiting for the worker")
        READING = "reading", _("Reading the file")
        TEXT = "text", _("Extracting the text")
        MEETING = "meeting", _("Finding the meeting")
        PEOPLE = "people", _("Finding the chairs and those present")
        AGENDA = "agenda", _("Finding the agenda and conclusions")
        TASKS = "tasks", _("Finding the tasks, votes and targets")
        SAVING = "saving", _("Saving the draft")
        DONE = "done", _("Done")
        FAILED = "failed", _("Not imported")

    # the steps a file goes through, in order (the extractor's own are MEETING to TASKS)
    STEPS = [Step.READING, Step.TEXT, Step.MEETING, Step.PEOPLE, Step.AGENDA, Step.TASKS, Step.SAVING]

    batch = models.UUIDField(db_index=True)
    position = models.PositiveSmallIntegerField(default=0)
    name = NFCCharField(_("file"), max_length=255)
    url = models.URLField(_("source address"), max_length=1000, blank=True)
    content = models.BinaryField(default=b"")  # the file until it is read; emptied once the job ends
    step = models.CharField(max_length=16, choices=Step.choices, default=Step.QUEUED)
    article = models.ForeignKey(ArticleImport, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    duplicate = models.BooleanField(default=False)
    errors = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["batch", "position", "id"]

    def __str__(self):
        return self.name

    @property
    def finished(self) -> bool:
        return self.step in (self.Step.DONE, self.Step.FAILED)

    @property
    def step_number(self) -> int:
        """1 for the first step; every step for a finished job, 0 for one waiting."""
        if self.finished:
            return len(self.STEPS)
        return self.STEPS.index(self.step) + 1 if self.step in self.STEPS else 0
