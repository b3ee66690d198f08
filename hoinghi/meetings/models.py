"""A body's meeting: participants, agenda, papers, opinions and conclusions."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hoinghi.core.fields import NFCCharField, NFCTextField
from hoinghi.directory.models import Body, Organization, Person, Term

from . import rules


class Confidentiality(models.TextChoices):
    NORMAL = "normal", _("Normal")
    SECRET = "secret", _("Secret (mật)")
    TOP_SECRET = "top_secret", _("Top secret (tối mật)")


class Matter(models.Model):
    """A subject followed across meetings, e.g. one draft resolution heard by two bodies."""

    title = NFCCharField(_("title"), max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("matter")
        verbose_name_plural = _("matters")
        ordering = ["title"]

    def __str__(self):
        return self.title


class Meeting(models.Model):
    class Status(models.TextChoices):
        DRAFT = rules.Status.DRAFT, _("Draft")
        SCHEDULED = rules.Status.SCHEDULED, _("Scheduled")
        IN_PROGRESS = rules.Status.IN_PROGRESS, _("In progress")
        CLOSED = rules.Status.CLOSED, _("Closed")
        NOTICE_ISSUED = rules.Status.NOTICE_ISSUED, _("Notice issued")

    class Kind(models.TextChoices):
        REGULAR = "regular", _("Regular")
        THEMATIC = "thematic", _("Thematic")
        EXTRAORDINARY = "extraordinary", _("Extraordinary")

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="meetings")
    term = models.ForeignKey(Term, verbose_name=_("term"), on_delete=models.PROTECT, related_name="meetings")
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.REGULAR)
    starts_at = models.DateTimeField(_("date and time"), db_index=True)
    place = NFCCharField(_("place"), max_length=255, blank=True)
    title = NFCCharField(_("title"), max_length=500)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    current_item = models.ForeignKey(
        "AgendaItem", verbose_name=_("current item"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["term", "number"], condition=Q(number__isnull=False), name="meeting_unique_number_in_term"
            )
        ]

    def __str__(self):
        return self.title

    def validate_constraints(self, exclude=None):
        # A number clash is said on the number field, naming the term.
        if self.number is not None and self.term_id is not None:
            clash = Meeting.objects.filter(term_id=self.term_id, number=self.number).exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError({"number": self.number_taken_message()})
        super().validate_constraints(exclude=exclude)

    def number_taken_message(self) -> str:
        return gettext("Term %(term)s already has a meeting number %(number)s.") % {
            "term": self.term.ordinal,
            "number": self.number,
        }


class AgendaItem(models.Model):
    class Kind(models.TextChoices):
        REPORT = "report", _("Report")
        SUBMISSION = "submission", _("Submission")
        DRAFT_RESOLUTION = "draft_resolution", _("Draft resolution")
        SCHEME = "scheme", _("Scheme")
        PERSONNEL = "personnel", _("Personnel")
        OTHER = "other", _("Other")

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="items")
    order = models.PositiveIntegerField(_("order"), default=0)
    title = NFCCharField(_("title"), max_length=1000)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices, default=Kind.REPORT)
    presenter_organization = models.ForeignKey(
        Organization, verbose_name=_("presenting organization"), null=True, blank=True, on_delete=models.PROTECT
    )
    presenter_person = models.ForeignKey(
        Person, verbose_name=_("presenter"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confidentiality = models.CharField(
        _("confidentiality"), max_length=16, choices=Confidentiality.choices, default=Confidentiality.NORMAL
    )
    matter = models.ForeignKey(
        Matter, verbose_name=_("matter"), null=True, blank=True, on_delete=models.SET_NULL, related_name="items"
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "order", "id"]

    def __str__(self):
        return self.title

    @property
    def presenter(self) -> str:
        names = [str(p) for p in (self.presenter_organization, self.presenter_person) if p]
        return ", ".join(names)


class Participant(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        MEMBER = "member", _("Member")
        INVITEE = "invitee", _("Invitee")
        SECRETARY = "secretary", _("Secretary")

    class Attendance(models.TextChoices):
        UNKNOWN = "unknown", _("Not recorded")
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="participations"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    # True when the person holds a seat in the body for the meeting's term (counts for quorum).
    is_member = models.BooleanField(_("member of the body"), default=False)
    attendance = models.CharField(
        _("attendance"), max_length=16, choices=Attendance.choices, default=Attendance.UNKNOWN
    )
    absence_reason = NFCCharField(_("reason for absence"), max_length=255, blank=True)
    # An invitee may be invited for some items only; empty means the whole meeting.
    items = models.ManyToManyField(AgendaItem, verbose_name=_("items"), blank=True, related_name="invitees")

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["meeting", "role", "person__full_name"]
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="participant_unique_person")]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"

    def role_label(self):
        """What get_role_display says, looked up: that one hashes every choice's translated name at each call, which
        is most of the time a list of a committee's hundred participants takes to draw."""
        return self.Role(self.role).label

    def attendance_label(self):
        return self.Attendance(self.attendance).label


class Document(models.Model):
    class Kind(models.TextChoices):
        REPORT = "report", _("Report")
        SUBMISSION = "submission", _("Submission")
        DRAFT_RESOLUTION = "draft_resolution", _("Draft resolution")
        SCHEME = "scheme", _("Scheme")
        ANNEX = "annex", _("Annex")
        OTHER = "other", _("Other")

    item = models.ForeignKey(AgendaItem, verbose_name=_("item"), on_delete=models.CASCADE, related_name="documents")
    title = NFCCharField(_("title"), max_length=500)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices, default=Kind.REPORT)
    confidentiality = models.CharField(
        _("confidentiality"), max_length=16, choices=Confidentiality.choices, default=Confidentiality.NORMAL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["item", "id"]

    def __str__(self):
        return self.title

    @property
    def is_confidential(self) -> bool:
        """A paper of a confidential item is confidential whatever its own level (the item's level may have been
        raised after the paper was added)."""
        return self.confidentiality != Confidentiality.NORMAL or self.item.confidentiality != Confidentiality.NORMAL

    @property
    def current(self):
        return self.versions.order_by("-number").first()


def _version_path(version, filename):
    # The stored name carries no user input: the original name is kept in the database.
    return f"documents/{version.document_id}/{version.number}-{version.sha256[:16]}{version.extension}"


class VersionManager(models.Manager):
    """Versions without their extracted text: it may run to megabytes and no page shows it."""

    def get_queryset(self):
        return super().get_queryset().defer("extracted_text")


class DocumentVersion(models.Model):
    class Extraction(models.TextChoices):
        PENDING = "pending", _("Reading text")
        DONE = "done", _("Text read")
        CUT = "cut", _("Text read; too long, its beginning is kept")
        FAILED = "failed", _("Could not read")
        TOO_LARGE = "large", _("Too large to read")
        NOT_APPLICABLE = "n/a", _("No text to read")

    class Pages(models.TextChoices):
        """The page images of a confidential paper, drawn by the worker (hoinghi.meetings.pages)."""

        NONE = "", _("Not drawn")
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        UNREADABLE = "unreadable", _("Could not be read")
        TOO_LARGE = "large", _("Too large to show")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=_version_path, max_length=255)
    original_name = NFCCharField(_("file name"), max_length=255)
    media_type = models.CharField(_("type"), max_length=128)
    extension = models.CharField(max_length=8)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    extraction = models.CharField(_("text"), max_length=8, choices=Extraction.choices, default=Extraction.PENDING)
    extracted_text = models.TextField(blank=True, default="")
    page_count = models.PositiveIntegerField(null=True, blank=True)
    pages = models.CharField(_("pages"), max_length=12, choices=Pages.choices, default=Pages.NONE, blank=True)
    pages_drawn = models.PositiveIntegerField(default=0)  # at most settings.PAPER_MAX_PAGES
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = VersionManager()

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["document", "-number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="version_unique_number")]

    def __str__(self):
        return f"{self.document} v{self.number}"


class Opinion(models.Model):
    item = models.ForeignKey(AgendaItem, verbose_name=_("item"), on_delete=models.CASCADE, related_name="opinions")
    document = models.ForeignKey(
        Document,
        verbose_name=_("on the draft"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opinions",
    )
    author = models.ForeignKey(Person, verbose_name=_("author"), on_delete=models.PROTECT, related_name="opinions")
    text = NFCTextField(_("opinion"))
    at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("opinion")
        verbose_name_plural = _("opinions")
        ordering = ["item", "at", "id"]

    def __str__(self):
        return f"{self.author}: {self.text[:60]}"


class Conclusion(models.Model):
    class Outcome(models.TextChoices):
        APPROVED = "approved", _("Approved")
        BASICALLY_APPROVED = "basically_approved", _("Basically approved")
        APPROVED_WITH_REVISIONS = "approved_with_revisions", _("Approved with revisions")
        RETURNED = "returned", _("Returned for review")
        NOTED = "noted", _("Noted, opinions given")
        OTHER = "other", _("Other")

    item = models.OneToOneField(AgendaItem, verbose_name=_("item"), on_delete=models.CASCADE, related_name="conclusion")
    outcome = models.CharField(_("outcome"), max_length=32, choices=Outcome.choices)
    text = NFCTextField(_("conclusion"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("conclusion")
        verbose_name_plural = _("conclusions")

    def __str__(self):
        return f"{self.get_outcome_display()}: {self.item}"


class VoteRecord(models.Model):
    """A vote result as the meeting recorded it (entered by the office or imported from an article)."""

    class Method(models.TextChoices):
        OPEN = "open", _("Open vote")
        SECRET = "secret", _("Secret ballot")
        PAPER = "paper", _("Paper ballot")

    item = models.ForeignKey(AgendaItem, verbose_name=_("item"), on_delete=models.CASCADE, related_name="vote_records")
    subject = NFCCharField(_("subject"), max_length=500)
    method = models.CharField(_("method"), max_length=8, choices=Method.choices, blank=True)
    result_text = NFCTextField(_("result"))
    percent_for = models.DecimalField(_("Percent in favour"), max_digits=5, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("recorded vote")
        verbose_name_plural = _("recorded votes")
        ordering = ["item", "id"]

    def __str__(self):
        return self.subject
