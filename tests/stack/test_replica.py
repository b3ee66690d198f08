"""How it grows: a PostgreSQL streaming replica (pg_basebackup, another port) that the lists and dashboards read
from, while a person who has just written reads them from the primary until the replica has his write."""

import time
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from tests.dba import as_dba
from tests.factories import make_user

from .conftest import csrf_token, database_url, running_stack, sign_in, skip_unless_postgresql
from .standby import standby

pytestmark = pytest.mark.django_db(transaction=True)  # the servers read what the test writes: it must commit
WAIT_SECONDS = 30


def on_port(url: str, port: int) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=f"{parts.netloc.rpartition('@')[0]}@127.0.0.1:{port}"))


def wait_until(condition, what: str) -> float:
    """Seconds until `condition()` held."""
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < WAIT_SECONDS, what
        time.sleep(0.01)
    return time.monotonic() - started


def caught_up(replica) -> bool:
    with as_dba() as primary:
        primary.execute("SELECT pg_current_wal_lsn()::text")
        position = primary.fetchone()[0]
    return replica.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [position]).fetchone()[0]


def new_meeting(stack, session, world, title: str) -> None:
    form = session.get(stack.url + "/meetings/new/")
    answer = session.post(
        stack.url + "/meetings/new/",
        data={
            "csrfmiddlewaretoken": csrf_token(form.text),
            "body": world.body.pk,
            "term": world.term.pk,
            "kind": "regular",
            "title": title,
            "starts_at_0": "10/09/2021",
            "starts_at_1": "08:00",
            "place": "Hội trường",
        },
    )
    assert answer.status_code == 200 and "/meetings/new/" not in answer.url, answer.text[-2000:]


def test_lists_read_the_replica_and_a_writer_reads_his_own_write(world, tmp_path, capsys):
    skip_unless_postgresql()
    colleague = make_user("office2", "office")
    with standby() as (port, replica):
        replica_url = on_port(database_url(), port)
        with running_stack(tmp_path, servers=("A",), DATABASE_REPLICA_URL=replica_url) as stack:
            writer, reader = sign_in(stack, world.users["office"]), sign_in(stack, colleague)
            wait_until(lambda: caught_up(replica), "the replica did not catch up")
            replica.execute("SELECT pg_wal_replay_pause()")

            new_meeting(stack, writer, world, "Hội nghị chuyên đề về bản sao")
            # The writer sees his meeting in the list at once: his reads go to the primary until the replica has it.
            assert "Hội nghị chuyên đề về bản sao" in writer.get(stack.url + "/meetings/").text
            # His colleague's list comes from the replica, which has stopped replaying: not there yet.
            assert "Hội nghị chuyên đề về bản sao" not in reader.get(stack.url + "/meetings/").text
            replica.execute("SELECT pg_wal_replay_resume()")
            backlog = wait_until(
                lambda: "Hội nghị chuyên đề về bản sao" in reader.get(stack.url + "/meetings/").text,
                "the colleague never saw the meeting",
            )

            # The lag a colleague sees in normal running: from the write's answer to the row on the replica.
            new_meeting(stack, writer, world, "Hội nghị đo độ trễ")
            with psycopg.connect(replica_url, autocommit=True) as reading:
                lag = wait_until(
                    lambda: reading.execute(
                        "SELECT 1 FROM meetings_meeting WHERE title = %s", ["Hội nghị đo độ trễ"]
                    ).fetchone(),
                    "the replica never had the second meeting",
                )
            assert "Hội nghị đo độ trễ" in writer.get(stack.url + "/meetings/").text
    with capsys.disabled():
        print(f"\nreplica: backlog replayed and seen in {backlog * 1000:.0f} ms; lag after a write {lag * 1000:.0f} ms")
