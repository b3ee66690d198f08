"""Deleting a meeting prepared by mistake (a test record, a duplicate): only in draft, only while nothing depends
on it, and recorded in the audit log with what it held. Its agenda and seats are its own and go with it; its papers,
opinions, conclusions and recorded votes, or a higher app's records that protect it (a poll, an issued document),
keep it, and the refusal names them."""

from collections import Counter

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from hoinghi.core import audit
from hoinghi.core.errors import invalid, require

from . import permissions as perm
from .models import Conclusion, Document, Meeting, Opinion, VoteRecord

# What the meeting's deletion would carry away besides its agenda and seats (their rows cascade).
OWN_DEPENDENTS = [
    (Document, "item__meeting"),
    (Opinion, "item__meeting"),
    (Conclusion, "item__meeting"),
    (VoteRecord, "item__meeting"),
]


def describe(counts: Counter) -> str:
    """ "tài liệu (2), biểu quyết (1)": {name of a kind of record: how many}, in the page's language."""
    return ", ".join(f"{name} ({count})" for name, count in counts.items())


def by_name(records) -> Counter:
    """Records counted by their model's plural name, as the models name themselves (translated)."""
    return Counter(str(type(record)._meta.verbose_name_plural) for record in records)


def dependents(meeting: Meeting) -> Counter:
    counts = Counter(
        {
            str(model._meta.verbose_name_plural): model.objects.filter(**{path: meeting}).count()
            for model, path in OWN_DEPENDENTS
        }
    )
    return +counts  # the kinds that have some


def check_delete_meeting(actor, meeting: Meeting) -> None:
    require(perm.can_manage(actor, meeting))
    do_delete_meeting(actor, meeting)


@transaction.atomic
def do_delete_meeting(actor, meeting: Meeting) -> None:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    audit.record(
        actor,
        "meeting.delete",
        meeting,
        title=meeting.title,
        starts_at=meeting.starts_at.isoformat(),
        items=list(meeting.items.order_by("order").values_list("title", flat=True)),
    )
    _remove(meeting)  # a refusal rolls the audit event back with it


def refusal(meeting: Meeting) -> str:
    """Why the meeting cannot be deleted now ("" when it can), tried and rolled back: the page asks first."""
    try:
        with transaction.atomic():
            _remove(Meeting.objects.get(pk=meeting.pk))  # a copy: deleting clears the instance's key
            transaction.set_rollback(True)
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


def _remove(meeting: Meeting) -> None:
    if meeting.status != Meeting.Status.DRAFT:
        invalid(_("Only a meeting in draft can be deleted; once scheduled it stays on record."))
    if held := dependents(meeting):
        invalid(_("This meeting cannot be deleted: it already has %(what)s.") % {"what": describe(held)})
    try:
        with transaction.atomic():
            meeting.delete()
    except ProtectedError as error:  # a higher app's record keeps it (voting, records)
        what = describe(by_name(error.protected_objects))
        invalid(_("This meeting cannot be deleted: it already has %(what)s.") % {"what": what})
