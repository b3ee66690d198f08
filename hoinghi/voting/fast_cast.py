"""Casting in front of Django's middleware, for the moment a whole room votes at once.

A cast through Django costs several milliseconds of the server's time before its ballot is even looked at: the
middleware, the session and the account, the poll, the page. The voting page signs what a cast needs
(`credential.py`), so a POST to /polls/N/cast/ that brings a genuine credential from this session, from this
site, while the session is alive, is taken here: the same service writes it, with the same checks of the
electorate, the poll and the roll, and the same answer page is sent, with the site's security headers.
Everything else (no credential, another session's, a ballot to put right, a body too large) goes on to Django's
own view, unchanged, with the body as it came.
"""

import re
from http.cookies import CookieError, SimpleCookie
from urllib.parse import parse_qsl, urlsplit

from asgiref.sync import sync_to_async
from csp.utils import build_policy
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import close_old_connections
from django.utils import timezone, translation

from hoinghi.core.db import plain_select

from . import credential, services
from .answer import answer_page
from .forms import posted_choices

CAST = re.compile(r"^/polls/(\d+)/cast/$")
MAX_BODY = 16 * 1024  # a ballot is a few hundred bytes


class FastCast:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        found = scope["type"] == "http" and scope["method"] == "POST" and CAST.match(scope["path"])
        if not found:
            return await self.app(scope, receive, send)
        body, complete = await _read(receive)
        answer = await sync_to_async(_taken, thread_sensitive=True)(scope, body, int(found[1])) if complete else None
        if answer is None:
            return await self.app(scope, _replaying(body, complete, receive), send)
        status, page, language = answer
        await send({"type": "http.response.start", "status": status, "headers": _headers(page, language)})
        await send({"type": "http.response.body", "body": page})


async def _read(receive) -> tuple[bytes, bool]:
    """The request's body, and whether it is all there (it stops reading past MAX_BODY)."""
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body") or len(body) > MAX_BODY:
            return body, not message.get("more_body")


def _replaying(body: bytes, complete: bool, receive):
    """`receive` for Django's view: what was read first, then the rest as it comes."""
    sent = False

    async def replay():
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": not complete}

    return replay


def _taken(scope, body: bytes, poll_pk: int) -> tuple[int, bytes, str] | None:
    close_old_connections()  # as Django does at a request's start and end
    try:
        return _cast(scope, body, poll_pk)
    finally:
        close_old_connections()


def _cast(scope, body: bytes, poll_pk: int) -> tuple[int, bytes, str] | None:
    headers = {name.decode("latin-1").lower(): value.decode("latin-1") for name, value in scope["headers"]}
    cookies = _cookies(headers.get("cookie", ""))
    session_key = cookies.get(settings.SESSION_COOKIE_NAME, "")
    try:
        form = dict(parse_qsl(body.decode(), keep_blank_values=True))
    except UnicodeDecodeError:
        return None
    paper = credential.read(form.get("credential", ""), session_key)
    if paper is None or paper.pk != poll_pk or not _same_site(headers) or not _signed_in(session_key):
        return None
    choices = posted_choices(paper.kind, paper.subject_ids, form)
    if choices is None:
        return None
    language = _language(cookies)
    with translation.override(language):
        try:
            cast = services.cast_on_paper(paper, choices, form.get("token", ""))
        except PermissionDenied as error:  # the seat was lost since the page was served
            return 403, answer_page(paper, refusal=str(error)).encode(), language
        except ValidationError as error:
            if error.code != services.SETTLED:
                return None  # the ballot itself is wrong: Django's page shows it again to be put right
            return 400, answer_page(paper, refusal=" ".join(error.messages)).encode(), language
        return 200, answer_page(paper, cast=cast).encode(), language


def _cookies(header: str) -> dict[str, str]:
    jar = SimpleCookie()
    try:
        jar.load(header)
    except CookieError:
        return {}
    return {name: morsel.value for name, morsel in jar.items()}


def _same_site(headers: dict) -> bool:
    """A browser says where a form was posted from: it must be this site (what Django's CSRF check also asks)."""
    origin = headers.get("origin")
    return origin is None or urlsplit(origin).netloc == headers.get("host")


def _signed_in(session_key: str) -> bool:
    """The session the credential was issued in is still there, unexpired and signed in (a logout deletes it):
    what the session store's `load` reads (settings keep the sessions in the database)."""
    if not session_key:
        return False
    rows = plain_select(Session, "session_data", "session_key = %s AND expire_date > %s", [session_key, timezone.now()])
    return bool(rows) and SESSION_KEY in SessionStore().decode(rows[0][0])


def _language(cookies: dict) -> str:
    chosen = cookies.get(settings.LANGUAGE_COOKIE_NAME)
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _headers(page: bytes, language: str) -> list[tuple[bytes, bytes]]:
    """The headers Django's middleware gives every page."""
    headers = {
        "content-type": "text/html; charset=utf-8",
        "content-length": str(len(page)),
        "content-language": language,
        "cache-control": "no-store",
        "vary": "Cookie, Accept-Language",
        "x-frame-options": settings.X_FRAME_OPTIONS,
        "x-content-type-options": "nosniff",
        "referrer-policy": settings.SECURE_REFERRER_POLICY,
        "cross-origin-opener-policy": settings.SECURE_CROSS_ORIGIN_OPENER_POLICY,
        "content-security-policy": build_policy(),
    }
    return [(name.encode(), value.encode()) for name, value in headers.items()]
