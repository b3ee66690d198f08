"""Directives a conclusion issues: who leads, who helps, what, by when. Follow-up builds on this."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hoinghi.core.fields import NFCTextField
from hoinghi.directory.models import Organization
from hoinghi.meetings.models import Conclusion


class Directive(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", pgettext_lazy("directive", "In progress")
        REPORTED_DONE = "reported_done", _("Reported done")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")
        RETURNED = "returned", _("Returned to the unit")

    conclusion = models.ForeignKey(
        Conclusion, verbose_name=_("conclusion"), on_delete=models.PROTECT, related_name="directives"
    )
    lead_organization = models.ForeignKey(
        Organization, verbose_name=_("lead organization"), on_delete=models.PROTECT, related_name="led_directives"
    )
    coordinating_organizations = models.ManyToManyField(
        Organization, verbose_name=_("coordinating organizations"), blank=True, related_name="coordinated_directives"
    )
    content = NFCTextField(_("content"))
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NOT_STARTED, db_index=True
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("directive")
        verbose_name_plural = _("directives")
        ordering = ["conclusion", "id"]

    def __str__(self):
        return f"{self.lead_organization}: {self.content[:80]}"
