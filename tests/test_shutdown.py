"""Work at shutdown runs when the ASGI server stops the process (its lifespan), once, whatever fails."""

import asyncio

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

    asyncio.run(application({"type": "lifespan"}, receive, send))
    return sent


def test_the_parts_work_at_shutdown_runs_once_when_the_server_stops():
    done = []

    def failing():
        raise RuntimeError("the first one fails")

    shutdown.register(failing)
    shutdown.register(lambda: done.append("flushed"))
    answers = stop_server()
    assert [m["type"] for m in answers] == ["lifespan.startup.complete", "lifespan.shutdown.complete"]
    assert done == ["flushed"]
    shutdown.run()  # at the interpreter's exit: nothing is left to run
    assert done == ["flushed"]
