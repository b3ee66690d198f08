"""Casting in front of Django's middleware, for the moment a whole room votes at once.

A cast through Django costs several milliseconds of the server's time before its ballot is even looked at: the
middleware, the poll, its subjects, the rule's reads, the page. The voting page signs what a cast needs
(`credential.py`), so a POST to /polls/N/cast/ that brings a genuine credential from this session is taken here,
once it passes what Django's own path would ask of it, through Django's own code: the CSRF check (the Origin, when
the browser sends one, must be this site, and the form's token must match its cookie), the session loaded by the
session store, the account by the authentication backend (active, not a demo account outside demo mode, its
password unchanged since the session signed in: `django.contrib.auth.get_user`) and the session's own rules (its
age, its second step: `hoinghi.directory.sessions.end_reason`). The same service then writes
the ballot, with the same checks of the electorate, the attendance, the poll and the roll, and the same answer page
is sent, with the site's security headers. Everything else (no credential, another session's, a failed check, a
ballot to put right, a body too large) goes on to Django's own view, unchanged, with the body as it came.
"""

import io
import re
from importlib import import_module

from asgiref.sync import sync_to_async
from csp.utils import build_policy
from django.conf import settings
from django.contrib import auth
from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.core.exceptions import DisallowedHost, PermissionDenied, SuspiciousOperation, ValidationError
from django.core.handlers.asgi import ASGIRequest
from django.db import close_old_connections
from django.middleware.csrf import CsrfViewMiddleware
from django.utils import timezone, translation

from hoinghi.core import outage
from hoinghi.core.db import plain_select
from hoinghi.directory import sessions

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
    except outage.OUTAGE:
        return None  # the database failed (PostgreSQL restarting): Django's view tries again, or says so (503)
    finally:
        close_old_connections()


def _cast(scope, body: bytes, poll_pk: int) -> tuple[int, bytes, str] | None:
    request = ASGIRequest(scope, io.BytesIO(body))
    if request.content_type != "application/x-www-form-urlencoded":  # what the ballot form sends
        return None
    try:
        form = request.POST
    except (SuspiciousOperation, UnicodeDecodeError, ValueError):  # too many fields, not text: Django answers
        return None
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME, "")
    paper = credential.read(form.get("credential", ""), session_key)
    if paper is None or paper.pk != poll_pk or not _passes_csrf(request):
        return None
    engine = settings.SESSION_ENGINE
    request.session = (SessionStore if engine == db.__name__ else import_module(engine).SessionStore)(session_key)
    user = auth.get_user(request)  # AuthenticationMiddleware's own question, with the backend's checks
    if not user.is_authenticated or user.person_id != paper.person_id:
        return None
    if sessions.end_reason(user, request.session):  # past its age, or short of its second step: Django ends it
        return None
    choices = posted_choices(paper.kind, paper.subject_ids, form)
    if choices is None:
        return None
    language = _language(request.COOKIES)
    with translation.override(language):
        try:
            cast = services.cast_on_paper(paper, choices, form.get("token", ""))
        except PermissionDenied as error:  # the seat was lost, or an absence recorded, since the page was served
            return 403, answer_page(paper, refusal=str(error)).encode(), language
        except ValidationError as error:
            if error.code != services.SETTLED:
                return None  # the ballot itself is wrong: Django's page shows it again to be put right
            return 400, answer_page(paper, refusal=" ".join(error.messages)).encode(), language
        return 200, answer_page(paper, cast=cast).encode(), language


class SessionStore(db.SessionStore):
    """Django's database session store (the product's SESSION_ENGINE), its row read with one plain statement: the
    same row, unexpired, decoded by the store; building the ORM's query cost more than the rest of a duplicate cast.
    Everything else (a flush after a password change, a new key) is the store's own."""

    def load(self):
        rows = plain_select(
            Session, "session_data", "session_key = %s AND expire_date > %s", [self.session_key, timezone.now()]
        )
        return self.decode(rows[0][0]) if rows else {}


_csrf = CsrfViewMiddleware(lambda request: None)


def _cast_view(request):
    """Stands for the cast view in Django's CSRF check, which asks only whether the view is exempt (it is not)."""


def _passes_csrf(request) -> bool:
    """Django's CSRF check, as its middleware runs it for the cast view."""
    try:
        _csrf.process_request(request)
        return _csrf.process_view(request, _cast_view, (), {}) is None
    except DisallowedHost:
        return False


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
