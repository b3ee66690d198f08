"""Production mode's parts that need no running stack: what it refuses to start on, `check --deploy` clean on a
filled-in environment file, the nginx site nginx accepts, the daily jobs queued once however many workers look, and
the replica router's choices. The stack itself is tested through nginx in tests/stack/."""

import datetime
import io
import os
import secrets
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult
from hypothesis import given
from hypothesis import strategies as st

from hoinghi.core import daily, production, replica, schedule
from hoinghi.directives.models import Directive
from hoinghi.directives.tasks import send_reminders
from hoinghi.directory.models import User
from tests.stack.processes import NGINX, self_signed

REPO = Path(__file__).resolve().parents[1]
HOINGHI = str(Path(sys.executable).with_name("hoinghi"))
GOOD = {
    "SECRET_KEY": "k" + secrets.token_urlsafe(64),
    "DATABASE_URL": "postgres://hoinghi:secret@127.0.0.1:1/hoinghi",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "ALLOWED_HOSTS": "hoinghi.example.vn",
}


def environment(tmp_path, **values) -> dict:
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(("HOINGHI_", "DJANGO_", "SECRET_KEY"))}
    inherited.pop("DATABASE_URL", None)
    return inherited | {"HOINGHI_DATA_DIR": str(tmp_path / "data")} | values


# What production refuses.


def test_a_filled_in_environment_has_no_problem():
    assert production.problems(GOOD) == [] and production.refusal(GOOD) == ""


@pytest.mark.parametrize(
    "name, value",
    [
        ("SECRET_KEY", ""),
        ("SECRET_KEY", "change-me"),
        ("SECRET_KEY", "django-insecure-" + "x1y2z3" * 10),
        ("SECRET_KEY", "a" * 80),  # long, but not random
        ("SECRET_KEY", secrets.token_urlsafe(20)),  # random, but short
        ("DATABASE_URL", ""),
        ("DATABASE_URL", "sqlite:///data/hoinghi.sqlite3"),
        ("REDIS_URL", ""),
        ("ALLOWED_HOSTS", ""),
        ("HOINGHI_DEBUG", "1"),
        ("HOINGHI_DEMO", "yes"),
    ],
)
def test_each_missing_or_unsafe_setting_is_named(name, value):
    (problem,) = production.problems(GOOD | {name: value})
    assert problem.startswith(name + ":")


def test_serve_refuses_the_embedded_defaults_with_a_message_in_vietnamese(tmp_path):
    done = subprocess.run(
        [HOINGHI, "serve"], cwd=REPO, env=environment(tmp_path), capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1
    assert "Chế độ chạy thật không khởi động được" in done.stderr
    assert all(f"  - {name}:" in done.stderr for name in ("SECRET_KEY", "DATABASE_URL", "REDIS_URL", "ALLOWED_HOSTS"))
    assert "Traceback" not in done.stderr


def test_the_worker_refuses_them_too(tmp_path):
    done = subprocess.run(
        [HOINGHI, "worker"], cwd=REPO, env=environment(tmp_path, **(GOOD | {"SECRET_KEY": "change-me"})),
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 1 and "  - SECRET_KEY:" in done.stderr and "DATABASE_URL" not in done.stderr


def test_check_deploy_is_clean_on_the_environment_file(tmp_path):
    env = environment(tmp_path, **GOOD, HOINGHI_PRODUCTION="1", HOINGHI_SITE_URL="https://hoinghi.example.vn")
    done = subprocess.run(
        [HOINGHI, "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "no issues" in done.stdout


def test_the_environment_file_template_names_every_required_setting():
    template = (REPO / "deploy" / "hoinghi.env").read_text()
    values = dict(line.split("=", 1) for line in template.splitlines() if line and not line.startswith("#"))
    assert values["HOINGHI_PRODUCTION"] == "1"
    # Filled in as shipped, it is refused: nobody runs on the placeholder key or password.
    assert [problem.split(":")[0] for problem in production.problems(values)] == ["SECRET_KEY"]


# The nginx site.


def test_nginx_accepts_the_site_and_its_upload_limit_is_the_applications(settings, tmp_path):
    if not os.path.exists(NGINX):
        pytest.fail(f"{NGINX} is missing: `make test` installs nginx")
    settings.UPLOAD_MAX_BYTES = 7 * 1024 * 1024
    certificate, key = self_signed(tmp_path)
    out = io.StringIO()
    call_command(
        "nginx_site", upstreams="10.0.0.5:8000, 10.0.0.6:8000", certificate=str(certificate),
        certificate_key=str(key), https_listen="127.0.0.1:8443", http_listen="127.0.0.1:8080", stdout=out,
    )  # fmt: skip
    site = out.getvalue()
    assert "client_max_body_size 8m;" in site
    assert "server 10.0.0.5:8000 " in site and "server 10.0.0.6:8000 " in site
    assert f"alias {settings.STATIC_ROOT}/;" in site and str(settings.MEDIA_ROOT) not in site
    assert "return 301 https://$host:8443$request_uri;" in site
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log; events {{}}\n"
        f"http {{ include /etc/nginx/mime.types; access_log off; include {tmp_path}/site.conf; }}\n"
    )
    done = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


# The daily jobs.


@given(
    now=st.datetimes(min_value=datetime.datetime(2025, 1, 1), max_value=datetime.datetime(2030, 1, 1)),
    at=st.times(),
    before=st.timedeltas(min_value=datetime.timedelta(0), max_value=datetime.timedelta(days=3)),
)
def test_a_daily_job_is_due_once_per_day_from_its_time(now, at, before):
    last = now - before
    assert daily.due(now, at, None) == (now.time() >= at)
    assert daily.due(now, at, last) == (now.time() >= at and last.date() < now.date())
    # Just queued: not again the same day, whatever the time.
    assert not daily.due(now, at, now)


@pytest.mark.parametrize("text", ["7", "07:00:00", "25:00", "sáng", ""])
def test_a_time_of_day_not_hh_mm_is_refused_clearly(text):
    with pytest.raises(ValueError, match="HH:MM"):
        daily.parse_time(text)


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True)
def test_many_workers_looking_at_once_queue_the_days_job_once(database_queue):
    path = send_reminders.module_path
    start = threading.Barrier(6)
    queued = []

    def look():
        from django.db import connection

        start.wait()
        try:
            queued.append(schedule.queue_if_due(path, "00:00"))
        finally:
            connection.close()

    workers = [threading.Thread(target=look) for _ in range(6)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert sorted(queued) == [False] * 5 + [True]
    assert DBTaskResult.objects.filter(task_path=path).count() == 1
    assert schedule.queue_if_due(path, "00:00") is False
    # Yesterday's run does not count for today.
    DBTaskResult.objects.update(enqueued_at=DBTaskResult.objects.get().enqueued_at - datetime.timedelta(days=1))
    assert schedule.queue_if_due(path, "00:00") is True
    assert DBTaskResult.objects.filter(task_path=path).count() == 2


# The replica router.


def test_reads_go_to_the_replica_only_on_a_read_mostly_page_before_any_write():
    router = replica.ReplicaRouter()
    assert router.db_for_read(Directive) is None  # outside a request: the primary
    with replica.request_route() as route:
        assert router.db_for_read(Directive) is None  # a page not named in REPLICA_VIEWS
        route.replica = True
        assert router.db_for_read(Directive) == replica.REPLICA
        # Who may see what is decided on the primary.
        assert router.db_for_read(User) is None
        # A session refreshed changes nothing the page shows...
        from django.contrib.sessions.models import Session

        router.db_for_write(Session)
        assert router.db_for_read(Directive) == replica.REPLICA
        # ... a write does: the rest of the request reads what it wrote.
        assert router.db_for_write(Directive) is None
        assert route.wrote and router.db_for_read(Directive) is None
    assert router.db_for_read(Directive) is None
    assert not router.allow_migrate(replica.REPLICA, "directives") and router.allow_migrate("default", "directives")


# Shared by several machines: the cache in Redis, uploaded files on S3-compatible storage.


@pytest.mark.parametrize(
    "values, expression, expected",
    [
        ({}, "settings.CACHES['default']['BACKEND']", "django.core.cache.backends.locmem.LocMemCache"),
        ({"REDIS_URL": "redis://127.0.0.1:6379/3"}, "caches['default'].__class__.__name__", "RedisCache"),
        ({}, "default_storage.__class__.__name__", "FileSystemStorage"),
        (
            {"HOINGHI_S3_BUCKET": "hoinghi-files", "HOINGHI_S3_ENDPOINT_URL": "https://s3.example.vn"},
            "(default_storage.__class__.__name__, default_storage.bucket_name, default_storage.default_acl)",
            "('S3Storage', 'hoinghi-files', 'private')",
        ),
    ],
)
def test_what_is_shared_between_machines_follows_the_environment(tmp_path, values, expression, expected):
    code = (
        "from django.conf import settings; from django.core.cache import caches; "
        f"from django.core.files.storage import default_storage; print({expression})"
    )
    done = subprocess.run(
        [HOINGHI, "shell", "--no-imports", "-c", code], cwd=REPO, env=environment(tmp_path, **values),
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.stdout.strip() == expected, done.stderr


def test_every_page_named_to_read_the_replica_is_a_page():
    from django.urls import URLPattern, URLResolver, get_resolver

    def names(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from names(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield namespace + pattern.name

    assert set(settings.REPLICA_VIEWS) <= set(names(get_resolver().url_patterns))
