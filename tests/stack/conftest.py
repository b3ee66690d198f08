"""The production stack, started once per test run on the PostgreSQL run of the suite (skipped on SQLite)."""

import os
import re
import secrets
import time
from contextlib import contextmanager
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from hoinghi.directory import two_factor
from tests.account_helpers import PASSWORD, code_now, enrolled
from tests.redis_helpers import redis_server

from .processes import NGINX, Stack

UPLOAD_MAX_MB = 2


def database_url() -> str:
    from django.db import connection

    db = connection.settings_dict
    return f"postgres://{quote(db['USER'])}:{quote(db['PASSWORD'])}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def production_env(stack: Stack, redis_url: str) -> dict:
    """The environment file of deploy/hoinghi.env, filled in for this machine and the test database."""
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(("HOINGHI_", "DJANGO_", "PYTEST_"))}
    return inherited | {
        "DJANGO_SETTINGS_MODULE": "hoinghi.settings",
        "HOINGHI_PRODUCTION": "1",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "DATABASE_URL": database_url(),
        "REDIS_URL": redis_url,
        "ALLOWED_HOSTS": "127.0.0.1",
        "HOINGHI_SITE_URL": stack.url,
        "HOINGHI_DATA_DIR": str(stack.folder / "data"),
        "HOINGHI_STATIC_ROOT": str(stack.folder / "static"),
        "HOINGHI_AUDIT_HEADS": str(stack.folder / "audit-heads.log"),
        "HOINGHI_UPLOAD_MAX_MB": str(UPLOAD_MAX_MB),
        "HOINGHI_REMINDERS_AT": "00:00",
    }


def skip_unless_postgresql() -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the production stack runs on PostgreSQL: set DATABASE_URL (.ci/run's second run does)")
    if not os.path.exists(NGINX):
        pytest.fail(f"{NGINX} is missing: `make test` installs nginx")


@contextmanager
def running_stack(folder, servers=("A", "B"), **env):
    """nginx (TLS) in front of application servers sharing Redis and the test database; `env` added to theirs."""
    with redis_server() as redis_url:
        stack = Stack(folder, {})
        stack.env = production_env(stack, redis_url) | env
        try:
            stack.run("collectstatic", "--no-input")
            for name in servers:
                stack.servers[name] = stack.serve(name)
            stack.proxy()
            yield stack
        finally:
            stack.stop()


@pytest.fixture(scope="session")
def stack(django_db_setup, tmp_path_factory):
    """nginx in front of two application servers, A and B."""
    skip_unless_postgresql()
    with running_stack(tmp_path_factory.mktemp("stack")) as running:
        yield running


def production_password(user) -> None:
    """The servers hash with PBKDF2 (the test process with MD5, for speed): the password as production stores it."""
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(PASSWORD, hasher.salt())
    user.save(update_fields=["password"])


class Inputs(HTMLParser):
    """The named inputs of a page's forms: hidden values, and the first radio of each name."""

    def __init__(self, text: str):
        super().__init__()
        self.values: dict[str, str] = {}
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name") and attrs.get("type") in ("hidden", "radio"):
            self.values.setdefault(attrs["name"], attrs.get("value", ""))


def csrf_token(text: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text).group(1)


def sign_in(stack: Stack, user):
    """Both steps of the sign-in through nginx, as a browser does; the signed-in session."""
    production_password(user)
    device = enrolled(user) if two_factor.required(user) else None  # set up at his first sign-in
    session = stack.session()
    page = session.get(stack.url + "/login/")
    page.raise_for_status()
    answer = session.post(
        stack.url + "/login/",
        data={"csrfmiddlewaretoken": csrf_token(page.text), "username": user.username, "password": PASSWORD},
    )
    if device is not None:
        assert answer.url.endswith("/login/code/")
        code = code_now(device)
        answer = session.post(answer.url, data={"csrfmiddlewaretoken": csrf_token(answer.text), "code": code})
    assert answer.status_code == 200 and "/login/" not in answer.url, answer.text[:500]
    return session


def session_key(user, secret_key: str) -> str:
    """A session row for `user`, made directly as both steps of signing in leave it, signed and hashed with the
    servers' secret key: the fault tests sign in hundreds of voters (the sign-in itself is tested by `sign_in`)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.test import override_settings

    from hoinghi.directory import sessions

    with override_settings(SECRET_KEY=secret_key):
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "hoinghi.directory.auth.DemoAwareBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store[two_factor.VERIFIED] = "fault-test"
        store[sessions.STARTED] = store[sessions.SEEN] = time.time()
        store.create()
    return store.session_key


def signed_in_session(stack: Stack, user, key: str | None = None):
    """A session through nginx for `user` (with the session row `key`, else a new one)."""
    session = stack.session()
    session.cookies.set("sessionid", key or session_key(user, stack.env["SECRET_KEY"]))
    session.headers["Origin"] = stack.url
    return session
