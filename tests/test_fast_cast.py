"""The cast taken in front of Django's middleware (hoinghi/voting/fast_cast.py): only with the voting page's own
credential, from this session, from this site; everything else goes to Django's view untouched."""

import asyncio
import re
import threading
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from hoinghi.directory.models import Membership
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
    headers = [(b"host", b"testserver"), (b"cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()).encode())]
    if origin:
        headers.append((b"origin", origin.encode()))
    scope = {"type": "http", "method": "POST", "path": reverse("voting:cast", args=[poll.pk]), "headers": headers}
    body = urlencode(data).encode()
    sent = []

    async def receive():
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
    """The member's voting page: the session cookie, and the form's token and credential."""
    client = client_for(world.users[username])
    page = client.get(reverse("voting:detail", args=[poll.pk])).content.decode()
    fields = {name: re.search(rf'name="{name}" value="([^"]+)"', page).group(1) for name in ("token", "credential")}
    cookies = {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}
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
