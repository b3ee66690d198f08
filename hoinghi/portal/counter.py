"""The visit counter: online now, today, this month, all time, without a database write per page view.

A visit is one visitor key seen on a day (the first-party cookie `VISITOR_COOKIE`, or, before the browser sends
it back, a digest of address and user agent): reloading a page, or reading ten, is one visit. Bots are not counted
(bots.py). Each visit is counted where all server processes see it when `REDIS_URL` is set (Redis: a set of the
day's keys, a pending count, a sorted set of who was seen lately), else in this process's memory; the pending
counts are added to the database (`VisitTotal`, one row a day) in batches: every `FLUSH_EVERY` visits or
`FLUSH_SECONDS` seconds, by whichever request comes then, and when the server process stops (core.shutdown).
A flush takes the pending counts at once (a Redis script, or the lock in memory: two processes flushing never take
the same visits), adds exactly those to the database, and gives back what it could not add; a visit counted
meanwhile waits for the next flush.
"""

import datetime
import hashlib
import threading
import time
from dataclasses import dataclass

import redis
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q, Sum
from django.utils import timezone

from hoinghi.core import shutdown
from hoinghi.core.db import serialized_writes

from .bots import is_bot
from .models import VisitTotal

VISITOR_COOKIE = "hn_khach"
ONLINE_SECONDS = 300
FLUSH_EVERY = 200
FLUSH_SECONDS = 10.0
KEY_DAYS = 2  # a day's set of visitor keys is kept a day longer than the day, then expires


@dataclass(frozen=True)
class Figures:
    online: int
    today: int
    month: int
    total: int


class MemoryStore:
    """One process's counts (embedded mode: one server process)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.seen: dict[str, set[str]] = {}
        self.pending: dict[str, int] = {}
        self.last_seen: dict[str, float] = {}
        self.swept_at = 0.0

    def visit(self, day: str, key: str, now: float) -> bool:
        with self.lock:
            self.last_seen[key] = now
            keys = self.seen.setdefault(day, set())
            if key in keys:
                return False
            if len(self.seen) > KEY_DAYS:  # a new day: forget the keys of the days before yesterday
                for old in sorted(self.seen)[:-KEY_DAYS]:
                    del self.seen[old]
            keys.add(key)
            self.pending[day] = self.pending.get(day, 0) + 1
            return True

    def online(self, now: float) -> int:
        with self.lock:
            if now - self.swept_at >= 1:  # at most once a second: the walk costs as many steps as visitors online
                self.swept_at = now
                for key, at in list(self.last_seen.items()):
                    if at < now - ONLINE_SECONDS:
                        del self.last_seen[key]
            return len(self.last_seen)

    def pending_counts(self) -> dict[str, int]:
        with self.lock:
            return {day: n for day, n in self.pending.items() if n}

    def take_all(self) -> dict[str, int]:
        with self.lock:
            taken = {day: n for day, n in self.pending.items() if n}
            self.pending = dict.fromkeys(self.pending, 0)
            return taken

    def give_back(self, day: str, count: int) -> None:
        with self.lock:
            self.pending[day] = self.pending.get(day, 0) + count


class RedisStore:
    """The counts shared by every server process."""

    PREFIX = "hoinghi:portal:visits:"

    # One round trip, and atomic: a visit seen is a visit pending, even if this process dies just after.
    VISIT = """
        local added = redis.call('SADD', KEYS[1], ARGV[1])
        redis.call('EXPIRE', KEYS[1], ARGV[4])
        redis.call('ZADD', KEYS[3], ARGV[3], ARGV[1])
        redis.call('ZREMRANGEBYSCORE', KEYS[3], 0, ARGV[5])
        if added == 1 then redis.call('HINCRBY', KEYS[2], ARGV[2], 1) end
        return added
    """

    # Atomic too: two processes flushing at once never take the same visits.
    TAKE = """
        local taken = {}
        local all = redis.call('HGETALL', KEYS[1])
        for i = 1, #all, 2 do
            local n = tonumber(all[i + 1])
            if n ~= 0 then
                redis.call('HINCRBY', KEYS[1], all[i], -n)
                table.insert(taken, all[i])
                table.insert(taken, n)
            end
        end
        return taken
    """

    def __init__(self, url: str):
        self.redis = redis.Redis.from_url(url)
        self.count_visit = self.redis.register_script(self.VISIT)
        self.take_pending = self.redis.register_script(self.TAKE)

    def visit(self, day: str, key: str, now: float) -> bool:
        keys = [self.PREFIX + "seen:" + day, self.PREFIX + "pending", self.PREFIX + "online"]
        return bool(self.count_visit(keys=keys, args=[key, day, now, KEY_DAYS * 86400, now - ONLINE_SECONDS]))

    def online(self, now: float) -> int:
        return self.redis.zcount(self.PREFIX + "online", now - ONLINE_SECONDS, "+inf")

    def pending_counts(self) -> dict[str, int]:
        counts = self.redis.hgetall(self.PREFIX + "pending")
        return {day.decode(): int(n) for day, n in counts.items() if int(n)}

    def take_all(self) -> dict[str, int]:
        taken = self.take_pending(keys=[self.PREFIX + "pending"])
        return {taken[i].decode(): int(taken[i + 1]) for i in range(0, len(taken), 2)}

    def give_back(self, day: str, count: int) -> None:
        self.redis.hincrby(self.PREFIX + "pending", day, count)


class Counter:
    def __init__(self, store):
        self.store = store
        self.flushing = threading.Lock()
        self.unflushed = 0
        self.last_flush = time.monotonic()
        self.stored: tuple[datetime.date, float, dict] | None = None  # the database's totals, read at most so often

    def visit(self, key: str, day: datetime.date | None = None) -> bool:
        """Count `key`'s visit of the day; True when it was its first. Flushes when a batch is due."""
        day = day or timezone.localdate()
        first = self.store.visit(day.isoformat(), key, time.time())
        if first:
            self.unflushed += 1  # a hint for when to flush, not a count: a lost increment only delays a flush
        if self.unflushed >= FLUSH_EVERY or time.monotonic() - self.last_flush >= FLUSH_SECONDS:
            self.flush(wait=False)
        return first

    def flush(self, wait: bool = True) -> int:
        """Add the pending counts to the database; how many visits were added."""
        if not self.flushing.acquire(blocking=wait):
            return 0  # another thread is flushing
        try:
            self.unflushed, self.last_flush = 0, time.monotonic()
            added = 0
            taken = list(self.store.take_all().items())
            for n, (day, count) in enumerate(taken):
                try:
                    add_to_day(datetime.date.fromisoformat(day), count)
                except Exception:
                    for left_day, left_count in taken[n:]:  # this day's and the days not added yet
                        self.store.give_back(left_day, left_count)
                    raise
                added += count
            self.stored = None
            return added
        finally:
            self.flushing.release()

    def figures(self, today: datetime.date | None = None) -> Figures:
        today = today or timezone.localdate()
        pending = self.store.pending_counts()
        stored = self.stored_totals(today)

        def waiting(since: datetime.date) -> int:
            return sum(n for day, n in pending.items() if datetime.date.fromisoformat(day) >= since)

        return Figures(
            online=self.store.online(time.time()),
            today=stored["today"] + waiting(today),
            month=stored["month"] + waiting(today.replace(day=1)),
            total=stored["total"] + sum(pending.values()),
        )

    def stored_totals(self, today: datetime.date) -> dict[str, int]:
        """The database's totals, read again after this process's flush or FLUSH_SECONDS later (another process
        may have flushed: until then its batch shows neither pending here nor stored)."""
        kept = self.stored
        if kept is None or kept[0] != today or time.monotonic() - kept[1] > FLUSH_SECONDS:
            kept = self.stored = (today, time.monotonic(), stored_totals(today))
        return kept[2]


def add_to_day(day: datetime.date, count: int) -> None:
    with serialized_writes(), transaction.atomic():
        if VisitTotal.objects.filter(day=day).update(visits=F("visits") + count):
            return
        try:
            with transaction.atomic():
                VisitTotal.objects.create(day=day, visits=count)
        except IntegrityError:  # another server process made the day's row meanwhile
            VisitTotal.objects.filter(day=day).update(visits=F("visits") + count)


def stored_totals(today: datetime.date) -> dict[str, int]:
    totals = VisitTotal.objects.aggregate(
        total=Sum("visits"),
        month=Sum("visits", filter=Q(day__gte=today.replace(day=1))),
        today=Sum("visits", filter=Q(day=today)),
    )
    return {name: value or 0 for name, value in totals.items()}


def visitor_key(request) -> str:
    """The visitor's own key: its cookie, else one made from what the first request tells (address and browser),
    so that a browser that refuses cookies is still one visitor a day."""
    key = request.COOKIES.get(VISITOR_COOKIE, "")
    if len(key) == 32 and key.isalnum():
        return key
    seed = "|".join([request.META.get("REMOTE_ADDR", ""), request.headers.get("user-agent", ""), settings.SECRET_KEY])
    return hashlib.sha256(seed.encode()).hexdigest()[:32]


def is_person(request) -> bool:
    return not is_bot(request.headers.get("user-agent", ""))


COUNTER_LOCK = threading.Lock()
INSTANCES: dict[str, Counter] = {}


def counter() -> Counter:
    """The counter of this process, on Redis when REDIS_URL is set."""
    url = settings.REDIS_URL
    with COUNTER_LOCK:
        if url not in INSTANCES:
            INSTANCES[url] = Counter(RedisStore(url) if url else MemoryStore())
            shutdown.register(INSTANCES[url].flush)
        return INSTANCES[url]
