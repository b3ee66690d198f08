"""A private Redis server for a test, started on a free port of this machine and stopped after it."""

import os
import socket
import subprocess
import threading
from contextlib import contextmanager

import pytest
import redis

REDIS_SERVER = "/usr/bin/redis-server"


@contextmanager
def redis_server(*options: str):
    """The URL of a fresh redis-server run with `options` (by default without persistence, as in production)."""
    if not os.path.exists(REDIS_SERVER):
        pytest.fail(f"{REDIS_SERVER} is missing: `make test` installs redis-server")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    options = options or ("--save", "", "--appendonly", "no")
    server = subprocess.Popen(
        [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", *options], stdout=subprocess.DEVNULL
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url, retry_on_timeout=True)
    try:
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                threading.Event().wait(0.1)
        yield url
    finally:
        client.close()
        server.terminate()
        server.wait()
