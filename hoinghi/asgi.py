import asyncio
import os
from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import ThreadSensitiveContext
from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hoinghi.settings")

# Requests inside Django at once per server process, each on a thread of its own that lives as long as the
# process, keeping its database connection. Django otherwise starts a thread per request, opening and closing
# a connection each time; and when a whole room votes at once, hundreds of threads taking turns at the
# interpreter lock make every one of them slow. Waiting requests wait on the event loop, which costs nothing.
# Sixteen: casts waiting together are written together, and 8 made the batches too small (bench/ballot.py).
CONCURRENT_REQUESTS = int(os.environ.get("HOINGHI_CONCURRENT_REQUESTS", "16"))


class RequestThreads:
    """Runs at most `limit` requests at once, on `limit` long-lived threads; live streams, which last the whole
    meeting and wait on the event loop, pass freely."""

    def __init__(self, app, limit: int):
        self.app = app
        self.limit = limit
        self.free = None  # made on first use, inside the server's event loop

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            return await lifespan(receive, send)
        if scope["type"] != "http" or scope["path"].endswith("/events/"):
            return await self.app(scope, receive, send)
        if self.free is None:
            self.free = asyncio.Queue()
            for _ in range(self.limit):
                self.free.put_nowait(ThreadPoolExecutor(max_workers=1, thread_name_prefix="hoinghi-request"))
        executor = await self.free.get()
        try:
            # The outermost context decides the thread: Django's own, inside, then uses this one.
            async with ThreadSensitiveContext(executor=executor):
                await self.app(scope, receive, send)
        finally:
            self.free.put_nowait(executor)


async def lifespan(receive, send):
    """The server's start and stop (Django has no lifespan of its own): at the stop, the parts' work at shutdown
    (hoinghi.core.shutdown), in a thread since it writes to the database."""
    from hoinghi.core import shutdown

    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await asyncio.to_thread(shutdown.run)
            await send({"type": "lifespan.shutdown.complete"})
            return


django_application = get_asgi_application()

from hoinghi.voting.fast_cast import FastCast  # noqa: E402 (it needs Django set up)

# A cast with a signed ballot credential is taken before Django's middleware (see fast_cast), on the same threads.
application = RequestThreads(FastCast(django_application), CONCURRENT_REQUESTS)
