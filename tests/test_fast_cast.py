"""The cast taken in front of Django's middleware (hoinghi/voting/fast_cast.py): only with the voting page's own
credential, from this session, past the checks Django's own path makes; everything else goes to Django's view
untouched. Every case is played through both paths, with the same outcome."""

import asyncio
import re
import threading
import time
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.asgi import get_asgi_application
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hoinghi.directory import sessions, two_factor
from hoinghi.directory.models import Membership
from hoinghi.meetings.models import Participant
from hoinghi.voting.fast_cast import FastCast
from hoinghi.voting.models import Ballot, VoterRoll
from tests.clients import client_for
from tests.voting_helpers import answer, open_poll, running_meeting

pytestmark = pytest.mark.django_db(transaction=True)  # the fast path commits, as a server does


@pytest.fixture(autouse=True)
def shared_database():
    assert not (connection.vendor == "sqlite" and connection.is_in_memory_db())


class Django:
    """Stands for Django's application: notes what reached it, with the body it was given."""

    def __init__(self):
        self.bodies: list[bytes] = []

    async def __call__(self, scope, receive, send):
        message = await receive()
        self.bodies.append(message["body"])
        await send({"type": "http.response.start", "status": 299, "headers": []})
        await send({"type": "http.response.body", "body": b"django"})


def post(app, poll, cookies: dict, data: dict, origin="http://testserver") -> tuple[int, dict, str]:
    """POST to the cast address through `app`, as a browser would; returns status, headers and page."""
    headers = [
        (b"host", b"testserver"),
        (b"cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()).encode()),
        (b"content-type", b"application/x-www-form-urlencoded"),
    ]
    if origin:
        headers.append((b"origin", origin.encode()))
    scope = {"type": "http", "method": "POST", "path": reverse("voting:cast", args=[poll.pk]), "headers": headers}
    body = urlencode(data).encode()
    sent = []

    asked = []

    async def receive():
        if asked:  # the body was sent: the browser waits for the answer (Django listens for a disconnect)
            await asyncio.get_running_loop().create_future()
        asked.append(True)
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message):
        sent.append(message)

    def run():
        asyncio.run(app(scope, receive, send))
        connection.close()

    thread = threading.Thread(target=run)  # as a server thread does, with its own connection
    thread.start()
    thread.join()
    start, page = sent[0], b"".join(m.get("body", b"") for m in sent[1:])
    return start["status"], {k.decode(): v.decode() for k, v in start["headers"]}, page.decode()


@pytest.fixture
def room(world):
    meeting = running_meeting(world)
    poll = open_poll(world, meeting)
    return world, poll


def ballot_page(world, poll, username):
    """The member's voting page: the session and CSRF cookies, and the form's CSRF token, token and credential."""
    client = client_for(world.users[username])
    page = client.get(reverse("voting:detail", args=[poll.pk])).content.decode()
    names = ("csrfmiddlewaretoken", "token", "credential")
    fields = {name: re.search(rf'name="{name}" value="([^"]+)"', page).group(1) for name in names}
    cookies = {name: client.cookies[name].value for name in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)}
    return cookies, fields | {f"s{subject}": option for subject, option in answer(poll, "yes").items()}


def test_a_cast_with_its_pages_credential_is_taken_before_django(room):
    world, poll = room
    django = Django()
    app = FastCast(django)
    cookies, data = ballot_page(world, poll, "member")
    status, headers, page = post(app, poll, cookies, data)
    assert status == 200 and django.bodies == []
    code = re.search(r'id="receipt-code">([A-Z0-9-]+)<', page).group(1)
    assert Ballot.objects.filter(poll=poll).exclude(sealed="").count() == 1
    assert VoterRoll.objects.filter(poll=poll).count() == 1
    # The headers Django's middleware gives every page.
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "SAMEORIGIN" and headers["x-content-type-options"] == "nosniff"
    assert headers["content-language"] == "vi" and "Phiếu của đồng chí đã được ghi nhận." in page

    replay = post(app, poll, cookies, data)
    assert replay[0] == 200 and code in replay[2]
    second = post(app, poll, cookies, data | {"token": "another-device-token-123"})
    assert second[0] == 400 and 'id="refusal"' in second[2]
    assert Ballot.objects.filter(poll=poll).exclude(sealed="").count() == 1 and django.bodies == []


def test_each_voter_gets_his_own_receipt(room):
    """The answer page is rendered once per poll and outcome; only the receipt differs."""
    world, poll = room
    app = FastCast(Django())
    pages = [post(app, poll, *ballot_page(world, poll, username))[2] for username in ("member", "member2")]
    codes = [re.search(r'id="receipt-code">([A-Z0-9-]+)<', page).group(1) for page in pages]
    assert codes[0] != codes[1] and codes[1] not in pages[0] and codes[0] not in pages[1]
    assert pages[0].replace(codes[0], "") == pages[1].replace(codes[1], "")
    assert not re.search(r"receipt-[0-9a-f]{32}", pages[0])  # no placeholder left


def test_the_answer_speaks_the_voters_language(room):
    world, poll = room
    cookies, data = ballot_page(world, poll, "member")
    status, headers, page = post(FastCast(Django()), poll, cookies | {settings.LANGUAGE_COOKIE_NAME: "en"}, data)
    assert status == 200 and headers["content-language"] == "en" and "Your ballot is cast." in page


def forged(credential: str) -> str:
    middle = len(credential) // 2
    return credential[:middle] + ("A" if credential[middle] != "A" else "B") + credential[middle + 1 :]


@pytest.mark.parametrize(
    "change",
    [
        "no credential",
        "altered credential",
        "another member's session",
        "from another site",
        "no CSRF token",
        "logged out",
        "session expired",
        "another poll's address",
        "a line unanswered",
    ],
)
def test_anything_else_goes_to_django_untouched(room, change):
    world, poll = room
    cookies, data = ballot_page(world, poll, "member")
    origin = "http://testserver"
    if change == "no credential":
        data.pop("credential")
    elif change == "altered credential":
        data["credential"] = forged(data["credential"])
    elif change == "another member's session":
        cookies = ballot_page(world, poll, "member2")[0]
    elif change == "from another site":
        origin = "https://elsewhere.example"
    elif change == "no CSRF token":
        origin = None
        data.pop("csrfmiddlewaretoken")
    elif change == "logged out":
        Session.objects.filter(session_key=cookies[settings.SESSION_COOKIE_NAME]).delete()
    elif change == "session expired":
        Session.objects.filter(session_key=cookies[settings.SESSION_COOKIE_NAME]).update(expire_date=timezone.now())
    elif change == "another poll's address":
        poll = open_poll(world, poll.meeting, title="Một câu hỏi khác")
    else:
        data = {k: v for k, v in data.items() if not k.startswith("s")}
    django = Django()
    status, _headers, page = post(FastCast(django), poll, cookies, data, origin)
    assert (status, page) == (299, "django")
    assert django.bodies == [urlencode(data).encode()]  # the body as it came
    assert not VoterRoll.objects.exists()


def test_a_seat_lost_since_the_page_was_served_is_refused(room):
    world, poll = room
    cookies, data = ballot_page(world, poll, "member")
    Membership.objects.filter(person=world.people["member"]).update(end=timezone.localdate() - timezone.timedelta(1))
    status, _headers, page = post(FastCast(Django()), poll, cookies, data)
    assert status == 403 and 'id="refusal"' in page
    assert not VoterRoll.objects.exists()


def fail_to_sign_in(username: str, times: int) -> None:
    """Wrong passwords under a member's name, from some address, as someone guessing would."""
    guesser = Client()
    for _attempt in range(times):
        guesser.post(reverse("login"), {"username": username, "password": "không phải mật khẩu"})


def change(case: str, user, settings) -> tuple[str | None, str | None]:
    """Bring about `case` for `user` after his ballot page was served; the Origin and CSRF field to send."""
    origin, token = "http://testserver", "keep"
    if case == "no Origin, with the CSRF token":
        origin = None
    elif case == "no Origin, no CSRF token":
        origin, token = None, None
    elif case == "another site's Origin":
        origin = "https://elsewhere.example"
    elif case == "a wrong CSRF token":
        token = "x" * 64
    elif case == "account deactivated":
        user.is_active = False
        user.save(update_fields=["is_active"])
    elif case == "password changed":
        user.set_password("Một-mật-khẩu-mới-2026")
        user.save(update_fields=["password"])
    elif case == "demo account outside demo mode":
        user.is_demo = True
        user.save(update_fields=["is_demo"])
    elif case == "demo account in demo mode":
        user.is_demo = True
        user.save(update_fields=["is_demo"])
        settings.DEMO_MODE = True
    elif case == "locked out for failed sign-ins":
        fail_to_sign_in(user.username, settings.AXES_FAILURE_LIMIT + 1)
    elif case == "recorded absent":
        seat = Participant.objects.get(meeting__polls__pk__isnull=False, person=user.person)
        seat.attendance = Participant.Attendance.ABSENT
        seat.save(update_fields=["attendance"])
    elif case == "seat lost":
        Membership.objects.filter(person=user.person).update(end=timezone.localdate() - timezone.timedelta(1))
    return origin, token


def end_session_rule(case: str, cookies: dict) -> None:
    """Bring about a session that its own rules end: past its maximum age, or short of its second step."""
    if case not in ("session past its maximum age", "session without its second step"):
        return
    session = SessionStore(cookies[settings.SESSION_COOKIE_NAME])
    if case == "session past its maximum age":
        session[sessions.STARTED] = time.time() - settings.SESSION_MAX_AGE_SECONDS - 60
    else:
        del session[two_factor.VERIFIED]
    session.save()


CASES = [
    "as served",
    "no Origin, with the CSRF token",
    "no Origin, no CSRF token",
    "another site's Origin",
    "a wrong CSRF token",
    "account deactivated",
    "password changed",
    "demo account outside demo mode",
    "demo account in demo mode",
    "locked out for failed sign-ins",
    "recorded absent",
    "seat lost",
    "session past its maximum age",
    "session without its second step",
]


@pytest.mark.parametrize("case", CASES)
def test_every_case_has_the_same_outcome_through_both_paths(room, case, settings):
    """Each path gets its own member in the same situation: the fast path in front of Django, and Django alone."""
    world, poll = room
    django = get_asgi_application()
    outcomes = {}
    for path, username in (("fast", "member"), ("django", "member2")):
        cookies, data = ballot_page(world, poll, username)
        origin, token = change(case, world.users[username], settings)
        end_session_rule(case, cookies)
        if token is None:
            data.pop("csrfmiddlewaretoken")
        elif token != "keep":
            data["csrfmiddlewaretoken"] = token
        app = FastCast(django) if path == "fast" else django
        status, headers, page = post(app, poll, cookies, data, origin)
        voted = VoterRoll.objects.filter(poll=poll, person=world.people[username]).exists()
        outcomes[path] = (status, headers.get("location", "").split("?")[0], voted, "receipt-code" in page)
        if case == "recorded absent":
            assert "recorded absent" in page or "vắng mặt" in page
    assert outcomes["fast"] == outcomes["django"], outcomes
    expected = {
        "as served": 200,
        "no Origin, with the CSRF token": 200,
        "demo account in demo mode": 200,
        # A lock-out stops sign-ins under that name; on both paths it does not end a session signed in before it
        # (so that someone guessing the chair's password cannot keep him from voting).
        "locked out for failed sign-ins": 200,
        "recorded absent": 403,
        "seat lost": 403,
    }.get(case)
    if expected is None:  # refused before the ballot is looked at: Django's CSRF page, or the sign-in page
        expected = 403 if "CSRF" in case or "Origin" in case else 302
    assert outcomes["fast"][0] == expected
    assert outcomes["fast"][2] is (expected == 200)
