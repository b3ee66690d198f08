"""The API keys: each person's own, named, kept as a digest, with the last use and the revocation."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hoinghi.core.fields import NFCCharField


class AccessKey(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("account"), on_delete=models.CASCADE, related_name="api_keys"
    )
    name = NFCCharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=16)
    digest = models.CharField(max_length=64, unique=True)
    # The account's password as it was when the key was made (Django's session hash of it): a key made before
    # the password changed stops working, as the account's sessions do.
    password_stamp = models.CharField(max_length=128)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["user", "-created_at", "-id"]

    def __str__(self):
        return f"{self.name} (hn_{self.prefix}_…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
