"""Work at shutdown runs when the ASGI server stops the process (its lifespan), once, whatever fails."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

from hoinghi.asgi import application
from hoinghi.core import shutdown


def stop_server() -> list[dict]:
    """The lifespan messages a server sends as it starts then stops; what the application answered."""
    incoming = iter([{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}])
    sent = []

    async def receive():
        return next(incoming)

    async def send(message):
        sent.append(message)

    with ThreadPoolExecutor(1) as server:  # a thread of its own: a browser test may hold an event loop in this one
        server.submit(asyncio.run, application({"type": "lifespan"}, receive, send)).result()
    return sent


def test_the_parts_work_at_shutdown_runs_once_when_the_server_stops(caplog):
    done = []

    def failing():
        raise RuntimeError("the first one fails")

    shutdown.register(failing)
    shutdown.register(lambda: done.append("flushed"))
    answers = stop_server()
    assert [m["type"] for m in answers] == ["lifespan.startup.complete", "lifespan.shutdown.complete"]
    assert done == ["flushed"] and "Work at shutdown failed" in caplog.text
    shutdown.run()  # at the interpreter's exit: nothing is left to run
    assert done == ["flushed"]
