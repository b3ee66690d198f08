"""What the benchmarks share: percentiles, a scratch PostgreSQL database, measuring and printing pages."""

import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def percentile(values, q):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def scratch_database():
    """On PostgreSQL, a new database for this run (dropped at the end): never the one in DATABASE_URL."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        return None
    import psycopg
    from django.db import connections

    name = f"hoinghi_bench_{secrets.token_hex(4)}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = url.rsplit("/", 1)[0] + "/" + name

    def drop():
        connections.close_all()
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')

    return drop


def prepare_site() -> None:
    """The schema, and the static files under the hashed names the production storage serves (the pages name them)."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def passed_sign_in(session) -> None:
    """What both steps of signing in leave in a session (hoinghi.directory.views.finish, and the session's times):
    the benchmarks make their sessions directly, without an authenticator app."""
    from hoinghi.directory import sessions, two_factor

    session[two_factor.VERIFIED] = "bench"
    session[sessions.STARTED] = session[sessions.SEEN] = time.time()


def signed_in(client, user):
    """The test client signed in as `user`, both steps passed."""
    client.force_login(user)
    session = client.session
    passed_sign_in(session)
    session.save()
    return client


def print_pages(pages: dict, beside: dict, beside_title: str) -> None:
    """The pages' figures as a table, each beside the same page measured at another data size."""
    print(f"\n{'page':<20} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}   {beside_title:>22} {'p95':>8} {'queries':>8}")
    for name, figures in pages.items():
        other = beside[name]
        print(
            f"{name:<20} {figures['p50_ms']:>8} {figures['p95_ms']:>8} {figures['queries']:>8}   "
            f"{other['p50_ms']:>22} {other['p95_ms']:>8} {other['queries']:>8}"
        )


def measure(client, url: str, requests: int) -> dict:
    """A page's server time over `requests` requests (p50, p95) and its SQL queries, through the test client."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    queries = len(captured)  # (read now: the next request empties the log it reads)
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    return {
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "queries": queries,
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int) -> None:
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)


@contextmanager
def bench_site(workers: int):
    """A data folder of its own, a scratch database (on PostgreSQL) and, for several server processes, a private
    Redis they share live state through, as in production (unless REDIS_URL names one); all gone at the end,
    whatever failed."""
    folder = tempfile.mkdtemp(prefix="hoinghi-bench-")
    os.environ["HOINGHI_DATA_DIR"] = folder
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hoinghi.settings")
    sys.path.insert(0, str(ROOT))
    with ExitStack() as cleanup:
        cleanup.callback(shutil.rmtree, folder, ignore_errors=True)
        if workers > 1 and not os.environ.get("REDIS_URL"):
            from tests.redis_helpers import redis_server

            os.environ["REDIS_URL"] = cleanup.enter_context(redis_server())
        drop = scratch_database()
        if drop:
            cleanup.callback(drop)
        yield


@contextmanager
def app_server(workers: int, stop_seconds: float = 30):
    """`uvicorn hoinghi.asgi:application` with `workers` processes on a free port: its URL and process id; stopped
    cleanly at the end (SIGTERM: each process finishes what it holds)."""
    port = free_port()
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/uvicorn"), "hoinghi.asgi:application", "--port", str(port)]
        + ["--workers", str(workers), "--log-level", "warning", "--no-access-log"],
        env=os.environ | {"HOINGHI_LOG_LEVEL": "ERROR"},
        cwd=ROOT,
    )
    try:
        wait_for_port(port)
        yield f"http://127.0.0.1:{port}", server.pid
    finally:
        server.terminate()
        server.wait(timeout=stop_seconds)
