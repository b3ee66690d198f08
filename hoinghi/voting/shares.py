"""Where the counting board's shares wait for one another at the count: in memory only, never in the database.

A share given is kept until enough have come to open the box, then forgotten, and in any case for `KEPT` seconds at
most. Embedded (one server process) they stay in this process's memory; with `REDIS_URL` (several processes) in
Redis, which the deployment runs without persistence: a Redis that writes its data to disk is refused. A restart
loses the shares given so far and nothing else: the members give them again.

Shares are filed under the poll and its public key, so that a share can never meet one of another opening.
"""

import threading
import time

import redis
from django.conf import settings
from django.utils.translation import gettext as _

from hoinghi.core import errors

from .board_keys import Share

KEPT = 15 * 60  # seconds: the room gives its shares within minutes of each other
PREFIX = "hoinghi:shares:"


def _name(poll) -> str:
    return f"{poll.pk}:{poll.box_key}"


class MemoryShares:
    def __init__(self):
        self._lock = threading.Lock()
        self._kept: dict[str, tuple[float, dict[int, bytes]]] = {}

    def add(self, poll, share: Share) -> list[Share]:
        """Keep `share`; the shares of the poll given so far, this one included."""
        with self._lock:
            self._drop_old()
            _at, given = self._kept.get(_name(poll), (0, {}))
            given[share.index] = share.value
            self._kept[_name(poll)] = (time.monotonic(), given)
            return [Share(index, value) for index, value in sorted(given.items())]

    def given(self, poll) -> set[int]:
        with self._lock:
            self._drop_old()
            return set(self._kept.get(_name(poll), (0, {}))[1])

    def forget(self, poll) -> None:
        with self._lock:
            self._kept.pop(_name(poll), None)

    def _drop_old(self) -> None:
        now = time.monotonic()
        for name in [name for name, (at, _given) in self._kept.items() if now - at > KEPT]:
            del self._kept[name]


class RedisShares:
    def __init__(self, url: str):
        self.client = redis.Redis.from_url(url)
        self.checked = False

    def add(self, poll, share: Share) -> list[Share]:
        self._refuse_a_persistent_redis()
        key = PREFIX + _name(poll)
        with self.client.pipeline() as transaction:
            transaction.hset(key, str(share.index), share.value)
            transaction.expire(key, KEPT)
            transaction.hgetall(key)
            *_done, given = transaction.execute()
        return [Share(int(index), value) for index, value in sorted(given.items(), key=lambda item: int(item[0]))]

    def given(self, poll) -> set[int]:
        return {int(index) for index in self.client.hkeys(PREFIX + _name(poll))}

    def forget(self, poll) -> None:
        self.client.delete(PREFIX + _name(poll))

    def _refuse_a_persistent_redis(self) -> None:
        """A share must not reach a disk: a Redis that saves snapshots or an append-only file is refused."""
        if self.checked:
            return
        try:
            config = self.client.config_get("save") | self.client.config_get("appendonly")
        except redis.ResponseError:  # CONFIG disabled: the deployment's word is taken (see docs/deployment.md)
            config = {}
        if config.get("save") or config.get("appendonly") == "yes":
            errors.invalid(
                _(
                    "The server's Redis keeps its data on disk, where the board's shares must never go. "
                    'Run it without persistence (save "", appendonly no), as the deployment guide says.'
                )
            )
        self.checked = True


_memory = MemoryShares()
_redis: dict[str, RedisShares] = {}


def store() -> MemoryShares | RedisShares:
    if not settings.REDIS_URL:
        return _memory
    if settings.REDIS_URL not in _redis:
        _redis[settings.REDIS_URL] = RedisShares(settings.REDIS_URL)
    return _redis[settings.REDIS_URL]
