"""The office's reminders page: what was sent and what is due, and sending one now.

A reminder asked for by the office goes through the same task worker and mail as the daily job
(`tasks.send_reminder_now`): the request is recorded in the audit log with who asked, the sending with who asked
and to whom once the mail server took it.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hoinghi.core import audit
from hoinghi.core.errors import invalid, require

from . import permissions as follow
from . import rules, tasks
from .models import Directive, FollowUpSettings, Reminder


def kind_now(directive: Directive, today) -> str:
    """The reminder a directive calls for today: overdue once its deadline has passed."""
    return Reminder.Kind.OVERDUE if directive.deadline < today else Reminder.Kind.BEFORE


def check_send_reminder(actor, directive: Directive) -> str:
    require(follow.can_follow_up(actor), _("Only the office sends reminders."))
    return do_send_reminder(actor, directive)


@transaction.atomic
def do_send_reminder(actor, directive: Directive) -> str:
    """Queue the reminder the directive calls for today to its lead unit's staff; returns its kind."""
    directive = Directive.objects.select_for_update().get(pk=directive.pk)
    if directive.status not in rules.REMINDED_STATUSES or directive.deadline is None:
        invalid(_("This directive is not waiting on its unit with a deadline: there is nothing to remind."))
    to = tasks.recipients(directive.lead_organization_id)
    if not to:
        invalid(_("None of the lead unit's staff has an e-mail address: the reminder cannot be sent."))
    kind = kind_now(directive, timezone.localdate())
    audit.record(actor, "directive.remind_request", directive, kind=kind, to=to)
    transaction.on_commit(lambda: tasks.send_reminder_now.enqueue(directive.pk, kind, actor.pk))
    return kind


@dataclass
class Due:
    directive: Directive
    kind: str
    to: list[str]  # empty: the unit's staff have no address, which is why it waits


def due_reminders(today=None) -> list[Due]:
    """The reminders the daily job owes today and has not sent, by deadline: the job has not run yet, failed,
    or found no address to send to."""
    today = today or timezone.localdate()
    days_before = FollowUpSettings.current().days_before
    addresses: dict[int, list[str]] = {}
    found = []
    for kind in (Reminder.Kind.OVERDUE, Reminder.Kind.BEFORE):
        for directive in tasks.due(kind, today, days_before):
            unit = directive.lead_organization_id
            if unit not in addresses:
                addresses[unit] = tasks.recipients(unit)
            found.append(Due(directive, kind, addresses[unit]))
    return found


def sent_reminders():
    """Every reminder sent, the latest first."""
    return (
        Reminder.objects.filter(sent_at__isnull=False)
        .select_related("directive__lead_organization", "resent_by__person")
        .order_by("-sent_at", "-pk")
    )
