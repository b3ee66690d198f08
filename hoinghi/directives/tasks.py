"""Reminders to the lead unit's staff: N days before a directive's deadline, and once it is overdue.

Each is sent once per directive, kind and deadline in force, even when the job runs twice or two workers
run it at the same time: the Reminder row (unique on those three) is claimed first, in a transaction of its
own; a second sender meets the constraint and skips. The mail server is talked to outside any transaction (on
SQLite a transaction holds the only write lock, and a slow server would stall every write, a whole room's
votes included); then the row is marked sent, or the claim is dropped for the next run. A claim never marked
(the worker died while sending) is taken again after CLAIM_EXPIRES. An extension is a new deadline, hence a
new reminder.
"""

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core import mail
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from hoinghi.core import audit
from hoinghi.core.jobs import retry_safe
from hoinghi.directory.models import User

from . import rules
from .models import Directive, FollowUpSettings, Reminder

logger = logging.getLogger(__name__)
CLAIM_EXPIRES = timedelta(hours=1)  # far longer than a send can take (EMAIL_TIMEOUT)


def due(kind: str, today: date, days_before: int):
    """The directives waiting on their unit whose deadline calls for this reminder today, not yet sent."""
    first, last = rules.reminder_windows(today, days_before)[kind]
    directives = Directive.objects.filter(status__in=rules.REMINDED_STATUSES, deadline__lte=last)
    if first is not None:
        directives = directives.filter(deadline__gte=first)
    taken = Q(sent_at__isnull=False) | Q(claimed_at__gt=timezone.now() - CLAIM_EXPIRES)
    sent = Reminder.objects.filter(taken, directive=OuterRef("pk"), kind=kind, deadline=OuterRef("deadline"))
    return (
        directives.exclude(Exists(sent))
        .select_related("lead_organization", "conclusion__item__meeting__body")
        .order_by("deadline", "pk")
    )


def recipients(organization_id: int) -> list[str]:
    staff = User.objects.filter(role=User.Role.UNIT_STAFF, organization_id=organization_id, is_active=True)
    return sorted(set(staff.exclude(email="").values_list("email", flat=True)))


def _message(directive: Directive, kind: str, to: list[str], today: date) -> mail.EmailMessage:
    # The units read Vietnamese, the product's language, whatever language the job runs in.
    with translation.override(settings.LANGUAGE_CODE):
        if kind == Reminder.Kind.BEFORE:
            subject = _("Reminder: a directive is due on %(date)s")
        else:
            subject = _("Reminder: a directive is overdue since %(date)s")
        context = {
            "directive": directive,
            "meeting": directive.conclusion.item.meeting,
            "kind": kind,
            "days_left": (directive.deadline - today).days,
            "days_late": rules.days_late(directive.deadline, today),
            "url": settings.SITE_URL + reverse("directives:detail", args=[directive.pk]),
        }
        body = render_to_string("directives/email/reminder.txt", context)
    subject %= {"date": f"{directive.deadline:%d/%m/%Y}"}
    return mail.EmailMessage(subject, body, to=to)


def _send(directive: Directive, kind: str, to: list[str], today: date) -> bool:
    """Claim, send, mark sent; False when another run claimed it first."""
    claim = _claim(directive, kind, to)
    if claim is None:
        return False
    try:
        _message(directive, kind, to, today).send()
    except Exception:
        Reminder.objects.filter(pk=claim.pk, sent_at__isnull=True).delete()
        raise
    with transaction.atomic():
        Reminder.objects.filter(pk=claim.pk).update(sent_at=timezone.now())
        audit.record(None, "directive.remind", directive, kind=kind, deadline=directive.deadline.isoformat(), to=to)
    return True


def _claim(directive: Directive, kind: str, to: list[str]) -> Reminder | None:
    """The reminder's row, new or taken over from a claim that expired; None when another run holds it."""
    fields = {"directive": directive, "kind": kind, "deadline": directive.deadline}
    now = timezone.now()
    try:
        with transaction.atomic():
            return Reminder.objects.create(**fields, recipients=", ".join(to), claimed_at=now)
    except IntegrityError:
        expired = Reminder.objects.filter(**fields, sent_at__isnull=True, claimed_at__lte=now - CLAIM_EXPIRES)
        if expired.update(claimed_at=now, recipients=", ".join(to)) == 0:  # one statement: one run wins
            return None
        return Reminder.objects.get(**fields)


@retry_safe  # each reminder is claimed once (_claim): a second run sends only what the first did not
@task()
def send_reminders() -> dict:
    """Send today's reminders; returns how many were sent, skipped (sent by another run or nobody to send
    to) and failed (left for the next run)."""
    today = timezone.localdate()
    days_before = FollowUpSettings.current().days_before
    counts = {"sent": 0, "skipped": 0, "failed": 0}
    addresses = {}
    for kind in (Reminder.Kind.BEFORE, Reminder.Kind.OVERDUE):
        for directive in due(kind, today, days_before):
            unit = directive.lead_organization_id
            if unit not in addresses:
                addresses[unit] = recipients(unit)
            to = addresses[unit]
            if not to:
                # Not claimed: once the unit's staff have an address, the reminder goes out.
                logger.info("no address to remind %s of directive %s", directive.lead_organization, directive.pk)
                counts["skipped"] += 1
                continue
            try:
                sent = _send(directive, kind, to, today)
            except Exception:
                # Mail servers fail in many ways; the claim is rolled back and the next run tries again.
                logger.warning("could not send the %s reminder of directive %s", kind, directive.pk, exc_info=True)
                counts["failed"] += 1
                continue
            counts["sent" if sent else "skipped"] += 1
    return counts


@task()
def send_reminder_now(directive_pk: int, kind: str, actor_pk: int) -> bool:
    """A reminder the office asked for (services_reminders): sent at once to the lead unit's staff of now, and
    recorded on the directive's reminder for that deadline, created if the daily job has not sent it yet (it then
    will not send it again). False when nothing is sent: the directive stopped waiting on its unit meanwhile, or
    its staff lost their addresses."""
    directive = Directive.objects.select_related("lead_organization", "conclusion__item__meeting__body").get(
        pk=directive_pk
    )
    to = recipients(directive.lead_organization_id)
    if directive.status not in rules.REMINDED_STATUSES or directive.deadline is None or not to:
        return False
    actor = User.objects.filter(pk=actor_pk).first()
    _message(directive, kind, to, timezone.localdate()).send()
    now = timezone.now()
    with transaction.atomic():
        reminder, created = Reminder.objects.get_or_create(
            directive=directive,
            kind=kind,
            deadline=directive.deadline,
            defaults={"recipients": ", ".join(to), "claimed_at": now, "sent_at": now},
        )
        if not created:
            reminder.recipients, reminder.resent_at, reminder.resent_by = ", ".join(to), now, actor
            reminder.sent_at = reminder.sent_at or now
            reminder.save(update_fields=["recipients", "resent_at", "resent_by", "sent_at"])
        audit.record(
            actor,
            "directive.remind",
            directive,
            kind=kind,
            deadline=directive.deadline.isoformat(),
            to=to,
            again=not created,
        )
    return True
