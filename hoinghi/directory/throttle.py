"""Slowing down the guessing of one account's password from many addresses, without locking its owner out.

django-axes locks a user name and an address together (settings.AXES_LOCKOUT_PARAMETERS): an attacker's address
is locked for that account after five failures, while the owner, from his own address, is not; and a shared office
address is not locked for everyone by one person's mistakes. What that leaves is guessing from many addresses, five
tries each. So once a name has failed SLOWDOWN_AFTER times in the cool-off window, counted over every address, it
may be tried again from an address where it never signed in only after a wait that doubles with each further
failure (30 s, 1 min, 2 min, ... up to the cool-off time: a handful of guesses more in a quarter of an hour); from an
address where it signed in within KNOWN_DAYS, without waiting. A try refused for the wait is not a failure: it
makes the wait no longer, and does not count toward the lock-out of the address it came from.
"""

import datetime
import math

from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.db.models import Max, Sum
from django.utils import timezone

SLOWDOWN_AFTER = 10
FIRST_WAIT = 30  # seconds
KNOWN_DAYS = 90


def cool_off() -> datetime.timedelta:
    return datetime.timedelta(hours=settings.AXES_COOLOFF_TIME)


def known_address(username: str, address: str) -> bool:
    """The account signed in from this address lately (both steps passed)."""
    since = timezone.now() - datetime.timedelta(days=KNOWN_DAYS)
    return AccessLog.objects.filter(username=username, ip_address=address, attempt_time__gte=since).exists()


def wait_seconds(username: str, address: str) -> int:
    """How long before `username` may be tried from `address` (0: now)."""
    if not username:
        return 0
    now = timezone.now()
    recent = AccessAttempt.objects.filter(username=username, attempt_time__gte=now - cool_off())
    seen = recent.aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
    failures = seen["failures"] or 0
    if failures < SLOWDOWN_AFTER or known_address(username, address):
        return 0
    delay = min(FIRST_WAIT * 2 ** (failures - SLOWDOWN_AFTER), cool_off().total_seconds())
    return max(0, math.ceil(delay - (now - seen["last"]).total_seconds()))
