"""Work a server process does as it stops, once: at the ASGI server's lifespan shutdown (hoinghi/asgi.py;
uvicorn ends a process stopped by a signal without running `atexit`), else at the interpreter's exit (the
development server, WSGI servers, commands). The parts register plain functions (the portal's visit counter
flushes its counts); each runs once, and a failure of one does not stop the others."""

import atexit
import logging
import threading

from django.db import connections

logger = logging.getLogger(__name__)
LOCK = threading.Lock()
WORK: list = []


def register(work) -> None:
    with LOCK:
        if work not in WORK:
            WORK.append(work)


def unregister(work) -> None:
    with LOCK:
        if work in WORK:
            WORK.remove(work)


def run() -> None:
    """Run and forget every registered work, then close this thread's database connections."""
    with LOCK:
        works = list(WORK)
        WORK.clear()
    for work in works:
        try:
            work()
        except Exception:
            logger.exception("Work at shutdown failed: %s", getattr(work, "__qualname__", work))
    connections.close_all()


atexit.register(run)
