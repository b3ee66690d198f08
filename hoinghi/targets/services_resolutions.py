"""The office keeps the resolutions on its own pages (their targets come from the import or the admin)."""

from django.utils.translation import gettext as _

from hoinghi.core.editing import save_recorded
from hoinghi.core.errors import invalid, require

from . import permissions as perm
from .models import Resolution

RESOLUTION_FIELDS = ["body", "number", "title", "issued_on", "period_start", "period_end", "meeting"]


def check_save_resolution(actor, resolution: Resolution | None = None, **fields) -> Resolution:
    require(perm.can_correct(actor), _("Only the office keeps the resolutions."))
    return do_save_resolution(actor, resolution, **fields)


def do_save_resolution(actor, resolution: Resolution | None = None, **fields) -> Resolution:
    """A new resolution when `resolution` is None, else it with `fields` changed: its number its own within the
    body, its period in order (the model's checks), issued before its period ends; recorded with what changed."""
    issued_on = fields.get("issued_on") or resolution.issued_on
    period_end = fields.get("period_end") or resolution.period_end
    if issued_on.year > period_end:
        invalid(_("A resolution is issued before the end of its period."), "issued_on")
    if resolution is None:
        fields["created_by"] = actor
    return save_recorded(actor, resolution or Resolution(), fields, RESOLUTION_FIELDS)
