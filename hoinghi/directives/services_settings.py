"""The office's follow-up settings: when reminders go out, and how recent a report keeps a unit up to date."""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hoinghi.core import audit
from hoinghi.core.errors import invalid, require

from . import permissions as follow
from .models import FollowUpSettings

# field: (lowest, highest, the message when out of range)
LIMITS = {
    "days_before": (1, 90, gettext_lazy("Remind from %(low)s to %(high)s days before the deadline.")),
    "update_period_days": (7, 365, gettext_lazy("The update period is from %(low)s to %(high)s days.")),
}
FIELDS = list(LIMITS)


def check_update_settings(actor, **values) -> FollowUpSettings:
    require(follow.can_follow_up(actor), _("Only the office sets the follow-up."))
    return do_update_settings(actor, **values)


@transaction.atomic
def do_update_settings(actor, *, days_before: int, update_period_days: int) -> FollowUpSettings:
    values = {"days_before": days_before, "update_period_days": update_period_days}
    for name, (low, high, message) in LIMITS.items():
        if not low <= values[name] <= high:
            invalid(message % {"low": low, "high": high}, name)
    current = FollowUpSettings.objects.select_for_update().order_by("pk").first() or FollowUpSettings()
    before = audit.snapshot(current, FIELDS)
    for name, value in values.items():
        setattr(current, name, value)
    changes = audit.diff(before, audit.snapshot(current, FIELDS))
    if current.pk and not changes:
        return current
    current.save()
    audit.record(actor, "directive.settings", current, changes=changes)
    return current
