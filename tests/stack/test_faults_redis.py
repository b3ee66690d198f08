"""Redis stopped under the stack, then started again on the same port.

While it is down: the pages answer (the portal's cache is Redis), votes are cast and counted, and the poll's state
(what the room screen asks for every second when its event stream cannot stay open, hoinghi/live.js) shows every
vote. Once it is back: a vote cast on one server reaches a live stream held by the other, through Redis again.
"""

import subprocess
import time

import pytest
import requests
from django.urls import reverse

from tests.redis_helpers import REDIS_SERVER
from tests.voting_helpers import add_voters, open_poll, running_meeting

from .conftest import Inputs, running_stack, signed_in_session, skip_unless_postgresql
from .processes import free_port
from .test_through_nginx import frames

pytestmark = pytest.mark.django_db(transaction=True)  # the servers read what the test writes: it must commit
PAGES = [reverse("meetings:list"), reverse("directives:dashboard"), reverse("portal:home")]
LIVE_SECONDS = 10


def redis(port: int) -> subprocess.Popen:
    args = [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    server = subprocess.Popen(args, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True).stdout.strip() != b"PONG":
        assert time.monotonic() < deadline and server.poll() is None, "redis-server did not start"
        time.sleep(0.1)
    return server


@pytest.fixture
def redis_port():
    return free_port()


@pytest.fixture
def stack(django_db_setup, tmp_path, redis_port):
    """A stack of its own, its Redis started by the test (stopped and started again by it)."""
    skip_unless_postgresql()
    servers = [redis(redis_port)]
    try:
        with running_stack(tmp_path, REDIS_URL=f"redis://127.0.0.1:{redis_port}/0") as running:
            running.redis = servers
            yield running
    finally:
        for server in servers:
            server.kill()
            server.wait()


def cast(stack, session, poll) -> None:
    ballot = Inputs(session.get(f"{stack.url}/polls/{poll.pk}/", timeout=30).text).values
    answer = session.post(f"{stack.url}/polls/{poll.pk}/cast/", data=ballot, timeout=30)
    assert answer.status_code == 200 and 'id="receipt"' in answer.text, answer.text[:1000]


def state(session, stack, poll) -> dict:
    answer = session.get(f"{stack.url}/polls/{poll.pk}/state.json", timeout=30)
    assert answer.status_code == 200, answer.text[:1000]
    return answer.json()


def test_with_redis_down_pages_and_votes_work_and_the_live_count_recovers(stack, world, redis_port):
    voters = add_voters(world, 6)
    meeting = running_meeting(world, present=voters)
    poll = open_poll(world, meeting, method="open")
    chair = signed_in_session(stack, world.users["chair"])
    sessions = [signed_in_session(stack, voter) for voter in voters]
    cast(stack, sessions[0], poll)

    stack.redis[-1].terminate()
    stack.redis[-1].wait()
    for session in sessions[1:4]:
        cast(stack, session, poll)
    leader = signed_in_session(stack, world.users["leader"])
    for path in PAGES:
        for _ in stack.servers:  # nginx takes turns: each server answers once
            answer = leader.get(stack.url + path, timeout=30)
            assert answer.status_code == 200, (path, answer.status_code, answer.text[:500])
    assert state(chair, stack, poll)["cast_count"] == 4  # what the room screen polls for shows every vote
    assert requests.get(f"{stack.url}/login/", verify=str(stack.certificate), timeout=30).status_code == 200

    stack.redis.append(redis(redis_port))  # Redis is back, on the same port, empty (no persistence, as in production)
    with chair.get(f"{stack.url}/polls/{poll.pk}/events/", stream=True, timeout=30) as stream:
        events = frames(stream)
        assert next(events)["cast_count"] == 4
        # Two votes: nginx takes turns, so one of them is cast on the server that is not holding the stream.
        for session in sessions[4:]:
            cast(stack, session, poll)
        started = time.monotonic()
        seen = next(event["cast_count"] for event in events if event["cast_count"] == 6)
    assert seen == 6 and time.monotonic() - started < LIVE_SECONDS
