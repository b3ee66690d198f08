"""Live updates: `publish` an event on a channel, `subscribe` to the events of a channel.

Embedded default: the events of this process go to the asyncio queues of its subscribers.
With settings.REDIS_URL they go through Redis pub/sub, so that every server process sees them.
Events are small JSON objects such as a poll's live state; never put a secret in one.
"""

import asyncio
import functools
import json
import logging
import threading

import redis
import redis.asyncio
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder

log = logging.getLogger(__name__)

PREFIX = "hoinghi:"
# A screen only needs the latest state: a slow one drops old events rather than piling them up.
QUEUE_SIZE = 16
FLUSH_DELAY = 0.2  # seconds: the most a live screen lags behind for the sake of batching
REDIS_WAIT = 5  # seconds a new subscriber waits for the Redis listener before going on without it


def publish(channel: str, event: dict) -> None:
    """Send `event` to every subscriber of `channel`, from any thread.

    Called after a write has committed: a failure here is logged, never raised.
    """
    payload = json.dumps(event, cls=DjangoJSONEncoder)
    if not settings.REDIS_URL:
        _local.deliver(channel, payload)
        return
    try:
        _redis_client(settings.REDIS_URL).publish(PREFIX + channel, payload)
    except redis.RedisError as error:
        log.warning("live update on %s not sent: %s", channel, error)


def subscribe(channel: str) -> "Subscription":
    """`async with subscribe(channel) as events: async for event in events: ...`

    Listening starts when the `async with` is entered, so nothing published after that is missed.
    """
    return Subscription(channel)


class Subscription:
    def __init__(self, channel: str):
        self.channel = channel

    async def __aenter__(self):
        self.loop = asyncio.get_running_loop()
        self.queue = asyncio.Queue(QUEUE_SIZE)
        _local.add(self)
        if settings.REDIS_URL:
            await _hub(settings.REDIS_URL).listening()
        return self

    async def __aexit__(self, *exc_info):
        _local.remove(self)

    def __aiter__(self):
        return self

    async def __anext__(self) -> dict:
        return json.loads(await self.queue.get())

    def offer(self, payload: str) -> None:
        """Runs in the subscriber's event loop."""
        if self.queue.full():
            self.queue.get_nowait()
        self.queue.put_nowait(payload)


class _Fanout:
    """The subscribers of this process, by channel."""

    def __init__(self):
        self._lock = threading.Lock()
        self._subscribers: dict[str, set[Subscription]] = {}
        self._latest: dict[str, str] = {}
        self._scheduled: set = set()  # (channel, loop) with a delivery already on its way

    def add(self, subscription: Subscription) -> None:
        with self._lock:
            self._subscribers.setdefault(subscription.channel, set()).add(subscription)

    def remove(self, subscription: Subscription) -> None:
        with self._lock:
            subscribers = self._subscribers.get(subscription.channel, set())
            subscribers.discard(subscription)
            if not subscribers:
                self._subscribers.pop(subscription.channel, None)

    def deliver(self, channel: str, payload: str, loop=None) -> None:
        """To every subscriber (from any thread), or only to those of `loop` (from that loop).

        Events are whole states, so only the latest matters: each event loop gets at most one
        delivery per channel every FLUSH_DELAY, carrying the newest payload. A room of 500 screens
        during a burst of 500 ballots then costs a few thousand frames, not 250,000.
        """
        with self._lock:
            self._latest[channel] = payload
            loops = {s.loop for s in self._subscribers.get(channel, ())}
            if loop is not None:
                loops &= {loop}
            due = [each for each in loops if (channel, each) not in self._scheduled]
            self._scheduled.update((channel, each) for each in due)
        for each in due:
            try:
                each.call_soon_threadsafe(each.call_later, FLUSH_DELAY, self._flush, channel, each)
            except RuntimeError:  # its event loop has just closed: those subscribers are gone
                with self._lock:
                    self._scheduled.discard((channel, each))

    def _flush(self, channel: str, loop) -> None:
        """Runs in `loop`: hand the channel's newest payload to that loop's subscribers."""
        with self._lock:
            self._scheduled.discard((channel, loop))
            payload = self._latest.get(channel)
            subscribers = [s for s in self._subscribers.get(channel, ()) if s.loop is loop]
        for subscription in subscribers:
            subscription.offer(payload)


_local = _Fanout()


@functools.cache
def _redis_client(url: str) -> redis.Redis:
    return redis.Redis.from_url(url)


@functools.cache
def _hub(url: str) -> "_RedisHub":
    return _RedisHub(url)


class _RedisHub:
    """One Redis connection per event loop receives every hoinghi channel and hands the events to
    that loop's subscribers: a process holds one connection however many screens listen."""

    def __init__(self, url: str):
        self.url = url
        self._loops: dict = {}  # event loop -> (ready event, listener task)

    async def listening(self) -> None:
        loop = asyncio.get_running_loop()
        if loop not in self._loops:
            ready = asyncio.Event()
            self._loops[loop] = (ready, loop.create_task(self._listen(loop, ready)))
        try:
            await asyncio.wait_for(self._loops[loop][0].wait(), REDIS_WAIT)
        except TimeoutError:
            log.warning("live updates: Redis at %s not reachable yet", self.url)

    async def _listen(self, loop, ready: asyncio.Event) -> None:
        try:
            while True:
                client = redis.asyncio.Redis.from_url(self.url)
                try:
                    async with client.pubsub(ignore_subscribe_messages=True) as pubsub:
                        await pubsub.psubscribe(PREFIX + "*")
                        ready.set()
                        async for message in pubsub.listen():
                            channel = message["channel"].decode()[len(PREFIX) :]
                            _local.deliver(channel, message["data"].decode(), loop)
                except redis.RedisError as error:
                    log.warning("live updates: Redis connection lost (%s), reconnecting", error)
                    await asyncio.sleep(1)
                finally:
                    await client.aclose()
        finally:
            self._loops.pop(loop, None)
