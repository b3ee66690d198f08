import asyncio
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hoinghi.settings")

# Requests inside Django at once per server process. Each runs in its own thread; when a whole room
# votes at once, hundreds of threads taking turns at the interpreter lock make every one of them slow.
# The others wait on the event loop, which costs nothing, and go in as soon as a place is free.
CONCURRENT_REQUESTS = int(os.environ.get("HOINGHI_CONCURRENT_REQUESTS", "8"))


class BoundedRequests:
    """Lets in at most `limit` requests at once; live streams, which last the whole meeting, pass freely."""

    def __init__(self, app, limit: int):
        self.app = app
        self.limit = limit
        self.places = None  # made on first use, inside the server's event loop

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["path"].endswith("/events/"):
            return await self.app(scope, receive, send)
        if self.places is None:
            self.places = asyncio.Semaphore(self.limit)
        async with self.places:
            return await self.app(scope, receive, send)


application = BoundedRequests(get_asgi_application(), CONCURRENT_REQUESTS)
