"""Directives a conclusion issues and their follow-up: who leads, who helps, what, by when, and what was done.

Nothing a unit writes is overwritten: a progress report is corrected by a new report that replaces it, and
every deadline a directive ever had is a row of its deadline history.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hoinghi.core.fields import NFCCharField, NFCTextField
from hoinghi.directory.models import Body, Organization, Reorganization
from hoinghi.meetings.models import Conclusion

from . import rules


class Directive(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = rules.NOT_STARTED, _("Not started")
        IN_PROGRESS = rules.IN_PROGRESS, pgettext_lazy("directive", "In progress")
        REPORTED_DONE = rules.REPORTED_DONE, _("Reported done")
        DONE = rules.DONE, _("Done")
        CANCELLED = rules.CANCELLED, _("Cancelled")
        RETURNED = rules.RETURNED, _("Returned to the unit")

    conclusion = models.ForeignKey(
        Conclusion, verbose_name=_("conclusion"), on_delete=models.PROTECT, related_name="directives"
    )
    # The body whose meeting issued it (the conclusion's meeting's body, which never changes): kept here so that
    # the figures per body are counted from this table alone.
    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="+", editable=False)
    lead_organization = models.ForeignKey(
        Organization, verbose_name=_("lead organization"), on_delete=models.PROTECT, related_name="led_directives"
    )
    coordinating_organizations = models.ManyToManyField(
        Organization, verbose_name=_("coordinating organizations"), blank=True, related_name="coordinated_directives"
    )
    content = NFCTextField(_("content"))
    # The deadline in force; its history is DeadlineEntry. A deadline given as "within N working days" keeps N.
    deadline = models.DateField(_("deadline"), null=True, blank=True, db_index=True)
    deadline_working_days = models.PositiveIntegerField(_("working days"), null=True, blank=True)
    # The last day of the period of the resolution the directive carries out: no extension goes past it.
    period_end = models.DateField(_("end of the resolution's period"), null=True, blank=True)
    priority = models.BooleanField(_("priority"), default=False, db_index=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NOT_STARTED, db_index=True
    )
    status_reason = NFCTextField(_("reason"), blank=True, default="")
    # Set when the office confirms it done or cancels it. Once confirmed, `done_on` is the day the unit reported
    # the work done and `deadline_at_close` the deadline then in force: "on time" is judged on them, not on the
    # day the office got round to confirming (the office's delay is shown apart).
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    deadline_at_close = models.DateField(null=True, blank=True)
    # The latest progress report (any version): the update rate counts directives reported on recently.
    last_report_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("directive")
        verbose_name_plural = _("directives")
        ordering = ["conclusion", "id"]
        indexes = [
            # Covers the dashboard's figures per organization without reading the table.
            models.Index(
                fields=["lead_organization", "status", "deadline", "last_report_at", "done_on", "deadline_at_close"],
                name="directive_figures",
            ),
            models.Index(fields=["status", "deadline"], name="directive_status_deadline"),
            models.Index(
                fields=["body", "lead_organization", "status", "deadline", "last_report_at", "done_on"],
                name="directive_body_figures",
            ),
        ]

    def __str__(self):
        return f"{self.lead_organization}: {self.content[:80]}"

    @property
    def is_open(self) -> bool:
        return self.status in rules.OPEN_STATUSES


class DeadlineEntry(models.Model):
    """One deadline a directive had, from when: the first one, each extension granted, each correction."""

    class Cause(models.TextChoices):
        SET = "set", _("Set by the conclusion")
        EXTENSION = "extension", _("Extension granted")
        CORRECTION = "correction", _("Corrected by the office")
        TRANSFER = "transfer", _("Set when the directive passed to a successor")

    directive = models.ForeignKey(Directive, on_delete=models.CASCADE, related_name="deadline_history")
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    cause = models.CharField(_("cause"), max_length=16, choices=Cause.choices)
    reason = NFCTextField(_("reason"), blank=True, default="")
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    set_at = models.DateTimeField(_("from"))

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadline history")
        ordering = ["directive", "set_at", "id"]

    def __str__(self):
        return f"{self.directive_id}: {self.deadline}"


class ProgressReport(models.Model):
    """What a unit reported. A correction is a new report that `replaces` the earlier one, which is kept."""

    directive = models.ForeignKey(Directive, on_delete=models.PROTECT, related_name="reports")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = NFCTextField(_("report"))
    percent = models.PositiveSmallIntegerField(_("percent done"), null=True, blank=True)
    reports_done = models.BooleanField(_("the task is done"), default=False)
    replaces = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by")
    created_at = models.DateTimeField(_("at"), db_index=True)

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["directive", "-created_at", "-id"]
        indexes = [models.Index(fields=["directive", "created_at"], name="report_directive_at")]
        constraints = [
            models.CheckConstraint(condition=models.Q(percent__lte=100), name="report_percent_at_most_100"),
        ]

    def __str__(self):
        return f"{self.directive_id} @ {self.created_at:%Y-%m-%d}"


def _attachment_path(attachment, filename: str) -> str:
    return f"reports/{attachment.report.directive_id}/{attachment.sha256[:16]}{attachment.extension}"


class ReportAttachment(models.Model):
    """A file given with a report, checked by content like meeting papers."""

    report = models.ForeignKey(ProgressReport, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(upload_to=_attachment_path, max_length=255)
    original_name = NFCCharField(_("file name"), max_length=255)
    media_type = models.CharField(max_length=128)
    extension = models.CharField(max_length=8)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["report", "id"]

    def __str__(self):
        return self.original_name


class ExtensionRequest(models.Model):
    class Decision(models.TextChoices):
        PENDING = "pending", _("Awaiting the office")
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", _("Refused")

    directive = models.ForeignKey(Directive, on_delete=models.PROTECT, related_name="extension_requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_deadline = models.DateField(_("new deadline asked"))
    reason = NFCTextField(_("reason"))
    requested_at = models.DateTimeField(auto_now_add=True)
    decision = models.CharField(_("decision"), max_length=8, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = NFCTextField(_("note"), blank=True, default="")

    class Meta:
        verbose_name = _("extension request")
        verbose_name_plural = _("extension requests")
        ordering = ["directive", "-requested_at"]
        constraints = [
            # One request at a time per directive: the office answers it before another is asked.
            models.UniqueConstraint(
                fields=["directive"], condition=models.Q(decision="pending"), name="extension_one_pending"
            ),
        ]

    def __str__(self):
        return f"{self.directive_id}: {self.requested_deadline}"


class Reminder(models.Model):
    """A reminder e-mail: one per directive, kind and deadline, ever. Claimed before it is sent, `sent_at` set once
    the mail server has taken it (see tasks.py)."""

    class Kind(models.TextChoices):
        BEFORE = "before", _("Deadline approaching")
        OVERDUE = "overdue", _("Overdue")

    directive = models.ForeignKey(Directive, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    deadline = models.DateField()
    recipients = models.TextField()
    claimed_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    # The office's latest "send again" from the reminders page (each one is in the audit log too).
    resent_at = models.DateTimeField(null=True, blank=True)
    resent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(fields=["directive", "kind", "deadline"], name="reminder_once"),
        ]

    def __str__(self):
        return f"{self.directive_id}: {self.kind} {self.deadline}"


class FollowUpSettings(models.Model):
    """The office's settings for the follow-up: one row."""

    days_before = models.PositiveSmallIntegerField(_("remind this many days before the deadline"), default=7)
    update_period_days = models.PositiveSmallIntegerField(
        _("a unit is up to date when it reported within this many days"), default=30
    )

    class Meta:
        verbose_name = _("follow-up settings")
        verbose_name_plural = _("follow-up settings")

    def __str__(self):
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls) -> "FollowUpSettings":
        return cls.objects.first() or cls()


class Transfer(models.Model):
    """A directive passed from an organization that ended to the successor that holds its duties: from `day` the
    successor leads it (or coordinates, as the predecessor did). Its reports, files and deadlines stay with it;
    "on time" is judged as before. A dashboard dated before `day` counts it under the predecessor."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        COORDINATING = "coordinating", _("Coordinating")

    directive = models.ForeignKey(Directive, on_delete=models.PROTECT, related_name="transfers")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.LEAD)
    from_organization = models.ForeignKey(
        Organization, verbose_name=_("passed from"), on_delete=models.PROTECT, related_name="directives_passed_on"
    )
    to_organization = models.ForeignKey(
        Organization, verbose_name=_("passed to"), on_delete=models.PROTECT, related_name="directives_inherited"
    )
    reorganization = models.ForeignKey(
        Reorganization, verbose_name=_("reorganization"), on_delete=models.PROTECT, related_name="+"
    )
    day = models.DateField(_("from the day"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        ordering = ["directive", "day", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["directive", "role", "from_organization", "reorganization"], name="transfer_once"
            ),
        ]

    def __str__(self):
        return f"{self.directive_id}: {self.from_organization} → {self.to_organization}"
