"""The server's request threads (hoinghi/asgi.py): bounded, long-lived, and never in the way of live streams."""

import asyncio
import threading

from asgiref.sync import sync_to_async

from hoinghi.asgi import RequestThreads


class Recorder:
    """An ASGI app whose synchronous part notes its thread and how many requests are inside at once."""

    def __init__(self):
        self.threads: list[int] = []
        self.inside = 0
        self.most_inside = 0
        self.release = threading.Event()
        self.lock = threading.Lock()

    def work(self, hold: bool) -> None:
        with self.lock:
            self.threads.append(threading.get_ident())
            self.inside += 1
            self.most_inside = max(self.most_inside, self.inside)
        if hold:
            self.release.wait(10)
        with self.lock:
            self.inside -= 1

    async def __call__(self, scope, receive, send):
        # As Django does: synchronous code in a thread-sensitive call.
        await sync_to_async(self.work, thread_sensitive=True)(scope.get("hold", False))


def request(app, path="/polls/1/cast/", **extra):
    return app({"type": "http", "path": path, **extra}, None, None)


def run(scenario):
    """asyncio.run in a thread of its own: the browser tests leave an event loop running in this one."""
    result = {}
    thread = threading.Thread(target=lambda: result.update(value=asyncio.run(scenario())))
    thread.start()
    thread.join()
    return result["value"]


def test_at_most_the_limit_run_at_once_and_on_the_same_threads_each_time():
    async def scenario():
        recorder = Recorder()
        app = RequestThreads(recorder, 2)
        waiting = [asyncio.create_task(request(app, hold=True)) for _ in range(6)]
        await asyncio.sleep(0.2)
        assert recorder.inside == 2  # the four others wait on the event loop, in no thread
        recorder.release.set()
        await asyncio.gather(*waiting)
        for _ in range(10):
            await request(app)
        return recorder

    recorder = run(scenario)
    assert recorder.most_inside == 2
    assert len(recorder.threads) == 16
    assert len(set(recorder.threads)) == 2  # two threads served all sixteen: their connections are kept


def test_a_live_stream_passes_while_every_place_is_taken():
    async def scenario():
        recorder = Recorder()
        app = RequestThreads(recorder, 1)
        busy = asyncio.create_task(request(app, hold=True))
        await asyncio.sleep(0.1)
        await asyncio.wait_for(request(app, path="/polls/1/events/"), 5)
        streamed = len(recorder.threads)
        recorder.release.set()
        await busy
        return streamed

    assert run(scenario) == 2
