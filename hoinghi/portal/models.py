"""The public portal: articles the office publishes from its records, notices, the leaders' weekly schedule, the
public document library, the photo library and the visit counter's stored totals."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hoinghi.core.fields import NFCCharField, NFCTextField
from hoinghi.meetings.models import Meeting


class Article(models.Model):
    """A news article. Live when published or scheduled and its `publish_at` has come (no job to run)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    title = NFCCharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=False)
    summary = NFCTextField(_("summary"), blank=True)
    body = models.TextField(_("body"), blank=True)  # HTML, sanitized by portal.richtext before it is saved
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    publish_at = models.DateTimeField(_("publish at"), null=True, blank=True, db_index=True)
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), null=True, blank=True, on_delete=models.PROTECT, related_name="articles"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-publish_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("portal:article", args=[self.slug])


class ArticleRevision(models.Model):
    """Every saved version of an article: who, when, what it said."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    title = NFCCharField(max_length=300)
    summary = NFCTextField(blank=True)
    body = models.TextField(blank=True)
    status = models.CharField(max_length=16, choices=Article.Status.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["article", "number"], name="portal_revision_number")]

    def __str__(self):
        return f"{self.article_id}#{self.number}"


class Notice(models.Model):
    """A short public notice (thông báo), shown from `publish_at` until `expires_on` if any."""

    title = NFCCharField(_("title"), max_length=300)
    body = NFCTextField(_("text"), blank=True)
    publish_at = models.DateTimeField(_("publish at"), db_index=True)
    expires_on = models.DateField(_("shown until"), null=True, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-publish_at", "-pk"]

    def __str__(self):
        return self.title


class ScheduleWeek(models.Model):
    """The leaders' work schedule of one ISO week, public once published."""

    year = models.PositiveIntegerField(_("year"))
    week = models.PositiveIntegerField(_("week"))
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    note = NFCTextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("weekly schedule")
        ordering = ["-year", "-week"]
        constraints = [models.UniqueConstraint(fields=["year", "week"], name="portal_schedule_week")]

    def __str__(self):
        return f"{self.week}/{self.year}"


class ScheduleEntry(models.Model):
    """One engagement: day and time, leader, what, where, who chairs."""

    schedule = models.ForeignKey(ScheduleWeek, on_delete=models.CASCADE, related_name="entries")
    day = models.DateField(_("day"))
    time = models.TimeField(_("time"), null=True, blank=True)
    leader = NFCCharField(_("leader"), max_length=200)
    content = NFCTextField(_("content"))
    place = NFCCharField(_("place"), max_length=255, blank=True)
    chair = NFCCharField(_("chaired by"), max_length=200, blank=True)

    class Meta:
        ordering = ["day", "time", "pk"]

    def __str__(self):
        return f"{self.day} {self.leader}"


class PublicDocument(models.Model):
    """A document of the library. Only those marked public are ever shown; it holds its own file, never a
    meeting's paper, so a confidential paper cannot be attached."""

    class Type(models.TextChoices):
        ISSUED = "issued", _("Issued document")
        LEGAL = "legal", _("Legal normative document")
        GAZETTE = "gazette", _("Official gazette")

    number = NFCCharField(_("number and symbol"), max_length=80)
    issued_on = models.DateField(_("date"))
    issuer = NFCCharField(_("issuing body"), max_length=255)
    doc_type = models.CharField(_("type"), max_length=16, choices=Type.choices)
    summary = NFCTextField(_("summary"))
    file = models.FileField(_("file"), upload_to="portal/documents/%Y/", max_length=255)
    original_name = NFCCharField(max_length=255)
    size = models.PositiveBigIntegerField(default=0)
    is_public = models.BooleanField(_("public"), default=False)
    search_key = models.TextField(editable=False, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("public document")
        ordering = ["-issued_on", "-pk"]

    def __str__(self):
        return f"{self.number} {self.summary[:60]}"


class Photo(models.Model):
    """A photo of the library: the original kept, a resized copy shown."""

    caption = NFCCharField(_("caption"), max_length=300)
    original = models.ImageField(upload_to="portal/photos/original/%Y/", max_length=255)
    image = models.ImageField(upload_to="portal/photos/%Y/", max_length=255)  # resized; its size below
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    taken_on = models.DateField(_("date"), null=True, blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.caption


class VisitTotal(models.Model):
    """Visits counted per day, flushed in batches from the counter (Redis or memory): one row a day."""

    day = models.DateField(unique=True)
    visits = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["-day"]

    def __str__(self):
        return f"{self.day}: {self.visits}"
