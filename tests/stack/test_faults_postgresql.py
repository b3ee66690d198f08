"""PostgreSQL restarted (`pg_ctl restart -m fast`) while people write through nginx.

The servers run against a cluster of the test's own (a copy of the test database's cluster on another port, so the
shared one is never restarted). WRITERS office staff create meetings one after another and VOTERS members cast an
open vote, while the cluster is restarted. Each request's answer is a success or the Vietnamese 503 page, never a
traceback or Django's bare 500; every meeting a client was told was created is there, every meeting there is whole
(its audit record written with it); the voters without an answer cast again and each is counted once; and the same
servers, never restarted, take new writes afterwards.
"""

import secrets
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest
import requests

from tests.voting_helpers import add_voters, open_poll, running_meeting

from .conftest import (
    Inputs,
    csrf_token,
    database_url,
    running_stack,
    session_key,
    signed_in_session,
    skip_unless_postgresql,
)
from .standby import cluster_copy, restart
from .test_replica import on_port

pytestmark = pytest.mark.django_db(transaction=True)  # the servers read what the test writes: it must commit
WRITERS = 6
VOTERS = 40
LOAD_SECONDS = 4  # of writing before the restart, and again after it is back
OUTAGE_PAGE = "Hệ thống tạm thời gián đoạn"  # "The service is briefly unavailable"
TITLE = "Hội nghị thử khởi động lại "


def outcome(answer: requests.Response | None, saved: int) -> str:
    if answer is None:
        return "connection cut"
    if answer.status_code == saved:
        return "saved"
    if answer.status_code == 503 and OUTAGE_PAGE in answer.text:
        return "503 page"
    return f"unclear: HTTP {answer.status_code} {answer.text[:300]!r}"


def post(session, url, data):
    try:
        return session.post(url, data=data, timeout=60, allow_redirects=False)
    except requests.ConnectionError:
        return None


def new_meeting(stack, session, world, title):
    form = session.get(stack.url + "/meetings/new/", timeout=60)
    if form.status_code != 200:
        return form
    fields = {"body": world.body.pk, "term": world.term.pk, "kind": "regular", "title": title, "place": "Hội trường"}
    fields |= {"csrfmiddlewaretoken": csrf_token(form.text), "starts_at_0": "10/09/2021", "starts_at_1": "08:00"}
    return post(session, stack.url + "/meetings/new/", fields)


def test_a_postgresql_restart_under_writes_leaves_nothing_half_written(world, tmp_path):
    skip_unless_postgresql()
    voters = add_voters(world, VOTERS)
    meeting = running_meeting(world)
    meeting.participants.update(attendance="present")
    poll = open_poll(world, meeting, method="open")
    secret_key = secrets.token_urlsafe(64)
    # The session rows are made before the copy, so that the copy has them.
    office_keys = [session_key(world.users["office"], secret_key) for _ in range(WRITERS)]
    voter_keys = [session_key(voter, secret_key) for voter in voters]
    with cluster_copy() as (port, _dba, data):
        url = on_port(database_url(), port)
        with running_stack(tmp_path, DATABASE_URL=url, SECRET_KEY=secret_key) as stack:
            told, stop = Counter(), threading.Event()
            saved_titles, failed_titles = set(), set()
            offices = [signed_in_session(stack, world.users["office"], key) for key in office_keys]

            def write(n: int):
                while not stop.is_set():
                    title = f"{TITLE}{n}-{secrets.token_hex(3)}"
                    try:
                        seen = outcome(new_meeting(stack, offices[n], world, title), 302)
                    except requests.ConnectionError:
                        seen = "connection cut"
                    told[f"meeting: {seen}"] += 1
                    (saved_titles if seen == "saved" else failed_titles).add(title)

            def vote(index: int):
                session = signed_in_session(stack, voters[index], voter_keys[index])
                time.sleep(index * 2 * LOAD_SECONDS / VOTERS)  # spread over the restart
                page = session.get(f"{stack.url}/polls/{poll.pk}/", timeout=60)
                seen = outcome(page, 200)
                if seen == "saved":
                    seen = outcome(post(session, f"{stack.url}/polls/{poll.pk}/cast/", Inputs(page.text).values), 200)
                told[f"vote: {seen}"] += 1
                return session, seen

            with ThreadPoolExecutor(WRITERS + VOTERS) as pool:
                writers = [pool.submit(write, n) for n in range(WRITERS)]
                votes = [pool.submit(vote, i) for i in range(VOTERS)]
                try:
                    time.sleep(LOAD_SECONDS)
                    restart(data)
                    time.sleep(LOAD_SECONDS)
                finally:
                    stop.set()
                for writer in writers:
                    writer.result()
                votes = [v.result() for v in votes]

            unclear = [kind for kind in told if "unclear" in kind]
            assert not unclear, f"clients were given neither success nor the outage page: {unclear}"
            assert told["meeting: 503 page"] + told["vote: 503 page"] + told["meeting: connection cut"] > 0, (
                f"the restart touched no request: the test proved nothing ({dict(told)})"
            )
            # The servers were not restarted: they take writes again.
            assert outcome(new_meeting(stack, offices[0], world, TITLE + "sau"), 302) == "saved"
            for session, seen in votes:
                if seen != "saved":  # the voter without a receipt tries again, from the ballot page
                    page = session.get(f"{stack.url}/polls/{poll.pk}/", timeout=60)
                    answer = post(session, f"{stack.url}/polls/{poll.pk}/cast/", Inputs(page.text).values)
                    assert answer.status_code in (200, 400), answer.text[:500]  # a receipt, or "already voted"

        with psycopg.connect(url, autocommit=True) as copy:
            rows = copy.execute(
                "SELECT m.title, count(a.id) FROM meetings_meeting m LEFT JOIN core_auditevent a"
                " ON a.verb = 'meeting.create' AND a.object_id = m.id::text WHERE m.title LIKE %s GROUP BY m.title",
                [TITLE + "%"],
            ).fetchall()
            roll = copy.execute("SELECT count(*) FROM voting_voterroll WHERE poll_id = %s", [poll.pk]).fetchone()[0]
            votes_kept = copy.execute("SELECT count(*) FROM voting_namedvote WHERE poll_id = %s", [poll.pk]).fetchone()
    found = dict(rows)
    assert saved_titles <= set(found), f"meetings told created but missing: {saved_titles - set(found)}"
    assert set(found) <= saved_titles | failed_titles | {TITLE + "sau"}
    assert all(count == 1 for count in found.values()), f"meetings without their audit record: {found}"
    assert roll == votes_kept[0] == VOTERS  # every voter counted once
    print(f"\nPostgreSQL restarted under load: {dict(sorted(told.items()))}; {len(found)} meetings, all whole")
