"""Live updates: in-process fan-out across threads, and Redis pub/sub across processes."""

import asyncio
import os
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from hoinghi.core import live
from tests.redis_helpers import redis_server

REPO = Path(__file__).resolve().parent.parent
GUARD = 30  # seconds: only keeps a broken test from hanging, nothing is timed


def listen(channel: str, count: int | None = None, subscribers: int = 1, until: dict | None = None):
    """Start `subscribers` subscriptions in another thread's event loop; returns the future of their events, each
    subscriber's taken until it has `count` of them or has received `until`."""
    ready = threading.Event()

    async def take(events):
        received = []
        async for event in events:
            received.append(event)
            if len(received) == count or event == until:
                return received

    async def run():
        async with live.subscribe(channel) as first, live.subscribe(channel) as second:
            ready.set()
            streams = [first, second][:subscribers]
            return await asyncio.wait_for(asyncio.gather(*(take(s) for s in streams)), GUARD)

    future = in_a_thread(run())
    assert ready.wait(GUARD)
    return future


def in_a_thread(coroutine):
    """Run `coroutine` in its own thread and event loop (the browser tests keep one in this thread)."""
    executor = ThreadPoolExecutor(1)
    future = executor.submit(asyncio.run, coroutine)
    executor.shutdown(wait=False)
    return future


def test_in_process_publish_from_a_thread_reaches_the_subscribers(settings):
    settings.REDIS_URL = ""
    future = listen("test-live-1", count=1, subscribers=2)
    live.publish("test-live-2", {"cast_count": 99})
    live.publish("test-live-1", {"cast_count": 1})
    live.publish("test-live-1", {"cast_count": 2})
    # Events are whole states: a burst reaches each screen once, as its newest state.
    assert future.result(GUARD) == [[{"cast_count": 2}], [{"cast_count": 2}]]
    assert "test-live-1" not in live._local._subscribers


def test_a_burst_is_delivered_as_its_latest_state_and_later_events_still_come(settings):
    settings.REDIS_URL = ""

    async def run():
        async with live.subscribe("test-live-3") as events:
            await asyncio.to_thread(lambda: [live.publish("test-live-3", {"n": n}) for n in range(50)])
            first = await anext(events)
            await asyncio.to_thread(live.publish, "test-live-3", {"n": 50})
            return first, await anext(events), events.queue.qsize()

    first, second, left = in_a_thread(run()).result(GUARD)
    assert (first, second, left) == ({"n": 49}, {"n": 50}, 0)


@pytest.fixture
def redis_url():
    with redis_server() as url:
        yield url


def publish_from_another_process(url: str, events: list[tuple[str, dict]]) -> None:
    """One other process publishes `events` in order (one process: starting Python and Django is the slow part)."""
    sends = "; ".join(f"live.publish({channel!r}, {event!r})" for channel, event in events)
    code = f"import django; django.setup(); from hoinghi.core import live; {sends}"
    env = os.environ | {"DJANGO_SETTINGS_MODULE": "tests.settings", "REDIS_URL": url}
    subprocess.run([sys.executable, "-c", code], env=env, cwd=REPO, check=True, timeout=GUARD)


def test_redis_carries_events_between_processes(settings, redis_url):
    settings.REDIS_URL = redis_url
    last = {"cast_count": 2, "status": "open"}
    future = listen("test-live-5", subscribers=2, until=last)
    publish_from_another_process(
        redis_url,
        [
            ("test-live-6", {"cast_count": 99}),
            ("test-live-5", {"cast_count": 1, "status": "open"}),
            ("test-live-5", last),
        ],
    )
    # Each subscriber of this process gets this channel's states only, each once and in order, up to the newest
    # (a burst may reach it as its newest state alone: see the in-process test).
    for received in future.result(GUARD):
        assert received in ([last], [{"cast_count": 1, "status": "open"}, last])


def test_publish_survives_redis_being_down(settings, caplog):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    live.publish("test-live-8", {"cast_count": 1})
    assert "not sent" in caplog.text
