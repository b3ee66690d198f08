"""Production mode through nginx on loopback: TLS, the security headers, static files served by nginx with long cache
headers, the upload limit, and a room screen's live count on one application process while votes are cast on the
other, carried by Redis."""

import json
import re
import time

import pytest
import requests

from tests.voting_helpers import add_voters, open_poll, running_meeting

from .conftest import UPLOAD_MAX_MB, Inputs, csrf_token, sign_in

pytestmark = pytest.mark.django_db(transaction=True)  # the servers read what the test writes: it must commit
HSTS = "max-age=31536000; includeSubDomains; preload"


def test_a_signed_in_page_comes_over_https_with_the_security_headers(stack, world):
    session = sign_in(stack, world.users["office"])
    page = session.get(stack.url + "/meetings/")
    # The meeting list, as the office sees it (it may create one), not the sign-in page.
    assert page.status_code == 200 and page.url == stack.url + "/meetings/" and 'href="/meetings/new/"' in page.text
    headers = page.headers
    assert headers["Strict-Transport-Security"] == HSTS
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "Server" not in headers or "uvicorn" not in headers["Server"] and "nginx/" not in headers["Server"]
    # The session's cookie goes back over HTTPS only, and script cannot read it.
    cookie = next(c for c in session.cookies if c.name == "sessionid")
    assert cookie.secure and cookie.has_nonstandard_attr("HttpOnly")


def test_plain_http_is_sent_to_https(stack):
    answer = requests.get(f"http://127.0.0.1:{stack.http_port}/meetings/?q=1", allow_redirects=False)
    assert answer.status_code == 301
    assert answer.headers["Location"] == f"{stack.url}/meetings/?q=1"


def test_a_request_reaching_a_server_without_nginx_is_sent_to_https(stack):
    """Only nginx says a request came over HTTPS (it sets X-Forwarded-Proto, replacing a client's): plain HTTP
    straight to an application server is redirected, never served."""
    port = stack.servers["A"]
    answer = requests.get(
        f"http://127.0.0.1:{port}/login/",
        headers={"Host": "127.0.0.1", "X-Forwarded-Proto": "http"},
        allow_redirects=False,
    )
    assert answer.status_code == 301 and answer.headers["Location"] == "https://127.0.0.1/login/"


def test_static_files_come_from_nginx_cached_for_a_year_when_hashed(stack):
    login = requests.get(stack.url + "/login/", verify=str(stack.certificate))
    hashed = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', login.text).group(1)
    answer = requests.get(stack.url + hashed, verify=str(stack.certificate), headers={"Accept-Encoding": "gzip"})
    assert answer.status_code == 200 and answer.headers["Content-Type"] == "text/css"
    assert answer.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert answer.headers["Strict-Transport-Security"] == HSTS
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert answer.headers["Content-Encoding"] == "gzip"  # the copy collectstatic compressed, not compressed again
    # nginx read it from the folder: no application server was asked.
    assert not [name for name in stack.servers if hashed in stack.log(name)]
    # nginx's own user (www-data) reads the collected files, and only those: the data folder stays closed.
    collected = list((stack.folder / "static").rglob("*"))
    assert {oct(path.stat().st_mode & 0o777) for path in collected} == {oct(0o644), oct(0o755)}
    assert (stack.folder / "data").stat().st_mode & 0o777 == 0o700
    # A name without its hash may change at the next update: cached briefly.
    plain = re.sub(r"\.[0-9a-f]{12}\.css$", ".css", hashed)
    assert (
        requests.get(stack.url + plain, verify=str(stack.certificate)).headers["Cache-Control"]
        == "public, max-age=3600"
    )


def test_the_data_folder_is_never_served_by_nginx(stack):
    site = (stack.folder / "site.conf").read_text()
    assert str(stack.folder / "data") not in site
    assert re.findall(r"^\s*(?:alias|root)\s+(\S+);", site, re.M) == [str(stack.folder / "static") + "/"]
    secret_key_file = requests.get(stack.url + "/static/../data/secret_key", verify=str(stack.certificate))
    assert secret_key_file.status_code in (400, 404)


def test_a_body_over_the_upload_limit_is_refused_by_nginx(stack, world):
    session = sign_in(stack, world.users["office"])
    page = session.get(stack.url + "/meetings/")
    too_big = b"x" * ((UPLOAD_MAX_MB + 2) * 1024 * 1024)
    answer = session.post(
        stack.url + "/meetings/",
        data={"csrfmiddlewaretoken": csrf_token(page.text)},
        files={"file": ("a.pdf", too_big)},
    )
    assert answer.status_code == 413


def served_by(stack, path: str) -> str:
    """The server ("A" or "B") whose log shows the request for `path` (uvicorn logs a response as it starts)."""
    (name,) = [name for name in stack.servers if f"GET {path} HTTP" in stack.log(name)]
    return name


def frames(response):
    """The JSON events of a server-sent event stream, as they arrive."""
    buffer = ""
    for chunk in response.iter_content(chunk_size=None, decode_unicode=True):
        buffer += chunk
        while "\n\n" in buffer:
            frame, buffer = buffer.split("\n\n", 1)
            for line in frame.splitlines():
                if line.startswith("data: "):
                    yield json.loads(line[len("data: ") :])


def cast(stack, voter, poll, pages_first: int) -> str:
    """The voter signs in, looks at a few pages, opens the ballot and votes through nginx; the server ("A" or "B")
    that took the vote."""
    session = sign_in(stack, voter)
    session.headers["Origin"] = stack.url
    for _ in range(pages_first):
        session.get(stack.url + "/meetings/").raise_for_status()
    ballot = Inputs(session.get(f"{stack.url}/polls/{poll.pk}/").text).values
    answer = session.post(f"{stack.url}/polls/{poll.pk}/cast/", data=ballot)
    assert answer.status_code == 200, answer.text[:500]
    (taken,) = [line for line in stack.upstream_log() if line[:3] == ("POST", f"/polls/{poll.pk}/cast/", "200")][-1:]
    return next(name for name, port in stack.servers.items() if taken[3].endswith(f":{port}"))


def test_a_vote_cast_on_one_process_reaches_the_room_screen_on_the_other(stack, world):
    voters = add_voters(world, 6)
    meeting = running_meeting(world, present=voters)
    poll = open_poll(world, meeting, method="open")
    screen = sign_in(stack, world.users["chair"])
    path = f"/polls/{poll.pk}/events/"
    with screen.get(stack.url + path, stream=True, timeout=15) as stream:
        assert stream.headers["Content-Type"].startswith("text/event-stream")
        events = frames(stream)
        assert next(events)["cast_count"] == 0
        screen_server = served_by(stack, path)
        taken = []
        # nginx takes turns between the servers: a voter who looks at one page more than the one before votes on
        # the other server.
        for pages_first, voter in enumerate(voters):
            taken.append(cast(stack, voter, poll, pages_first))
            if taken[-1] != screen_server:
                break
        assert taken[-1] != screen_server, f"every vote went to the screen's server {screen_server}: {taken}"
        started = time.monotonic()
        seen = next(event["cast_count"] for event in events if event["cast_count"] == len(taken))
    assert seen == len(taken) and time.monotonic() - started < 5
