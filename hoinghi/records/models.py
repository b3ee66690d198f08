"""What the office issues from the record: official documents numbered per type, committee and term."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hoinghi.directory.models import Organization
from hoinghi.meetings.models import Meeting


class IssuedDocument(models.Model):
    """An official document the office issued, numbered per type per committee term, with no gaps."""

    class Type(models.TextChoices):
        CONCLUSION_NOTICE = "TB", _("Conclusion notice")

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    term_ordinal = models.CharField(max_length=16)
    doc_type = models.CharField(_("type"), max_length=8, choices=Type.choices)
    number = models.PositiveIntegerField(_("number"))
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="issued_documents")
    file = models.FileField(upload_to="issued/%Y/", max_length=255)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "term_ordinal", "doc_type", "number"], name="issued_unique_number"
            )
        ]

    def __str__(self):
        return self.reference

    @property
    def reference(self) -> str:
        return f"{self.number}-{self.doc_type}/{self.organization.document_code}"
