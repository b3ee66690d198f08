"""Audit events: an append-only, hash-chained record of who did what, when (hoinghi.core.chain, audit.py)."""

from django.contrib.auth import get_user_model
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    # The chain: the event's place, its hash over every field below, and the hash of the event before it.
    seq = models.PositiveBigIntegerField(_("number"), unique=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)
    at = models.DateTimeField(_("time"), db_index=True)
    # Who, as written at the time: the chain must not depend on the accounts table (no foreign key either, so that
    # the tests' flush of the accounts leaves the log alone).
    actor_id = models.BigIntegerField(_("actor"), null=True, db_index=True)
    actor_username = models.CharField(_("user name"), max_length=150, blank=True)
    actor_name = models.CharField(_("actor"), max_length=255, blank=True)
    verb = models.CharField(_("action"), max_length=64, db_index=True)
    object_type = models.CharField(_("object type"), max_length=64)
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=255)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-seq"]
        indexes = [models.Index(fields=["object_type", "object_id", "-at"], name="audit_object_idx")]
        # Not Django's: a flush (between transactional tests) leaves it alone, and a later migration never
        # tries to alter a table the application's role may not alter (docs/deployment.md).
        managed = False

    def __str__(self):
        return f"#{self.seq} {self.at:%Y-%m-%d %H:%M} {self.actor_username} {self.verb} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("audit events are append-only")

    @cached_property
    def actor(self):
        """The account that acted, if it still exists (the event itself keeps its id, user name and name)."""
        return get_user_model().objects.filter(pk=self.actor_id).first() if self.actor_id else None
