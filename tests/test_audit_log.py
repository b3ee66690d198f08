"""The audit log against the database's administrator: every tampering he can do in SQL is named by
`hoinghi audit verify`; one who rewrites the whole chain is caught by the heads written outside the database and by
the code printed on paper; concurrent writers make one chain."""

import datetime
import importlib
import io
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone, translation

from hoinghi.core import audit, audit_heads, audit_verify, chain
from hoinghi.core.audit import Subject
from hoinghi.core.models import AuditEvent
from tests.dba import as_dba

pytestmark = pytest.mark.django_db(transaction=True)
TABLE = "core_auditevent"
CHAIN_MIGRATION = importlib.import_module("hoinghi.core.migrations.0004_audit_chain")


def placeholder() -> str:
    return "?" if connection.vendor == "sqlite" else "%s"


def disable_triggers(cursor) -> None:
    """The administrator's first step: the triggers that refuse UPDATE and DELETE are in his way."""
    if connection.vendor == "sqlite":
        cursor.execute("DROP TRIGGER IF EXISTS core_auditevent_no_update")
        cursor.execute("DROP TRIGGER IF EXISTS core_auditevent_no_delete")
    else:
        cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER USER")


@pytest.fixture
def restored_log():
    """The log is the whole session's: it is put back as it was before the test, with the triggers."""
    with as_dba() as cursor:
        cursor.execute(f"CREATE TABLE audit_snapshot AS SELECT * FROM {TABLE}")
    yield
    with as_dba() as cursor:
        disable_triggers(cursor)
        cursor.execute(f"DELETE FROM {TABLE}")
        cursor.execute(f"INSERT INTO {TABLE} SELECT * FROM audit_snapshot")
        cursor.execute("DROP TABLE audit_snapshot")
        if connection.vendor == "sqlite":
            for sql in CHAIN_MIGRATION.CREATE["sqlite"]:
                cursor.execute(sql)
        else:
            cursor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER USER")
    assert audit_verify.verify().problem is None  # (the heads of this test's own events are gone with them)


def opens(world, n: int = 5) -> list[AuditEvent]:
    """Who opened the secret paper: the record the administrator wants to change."""
    paper = Subject("meetings.document", "77", "Tờ trình nhân sự (Mật)")
    return [
        audit.record(world.users["member" if i % 2 else "chair"], "document.open", paper, version=1) for i in range(n)
    ]


def verify() -> str:
    """`hoinghi audit verify`: what it says when it fails (it exits non-zero), in English."""
    err = io.StringIO()
    with translation.override("en"), pytest.raises(CommandError, match="tampered"):
        call_command("audit", "verify", stdout=io.StringIO(), stderr=err)
    return err.getvalue()


def verify_ok() -> str:
    out = io.StringIO()
    with translation.override("en"):
        call_command("audit", "verify", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_events_chain_and_verify(world):
    events = opens(world)
    assert [e.seq for e in events] == list(range(events[0].seq, events[0].seq + 5))
    assert events[1].prev_hash == events[0].hash and events[0].actor_username == "chair"
    assert events[0].actor_name == "Trần Văn Chủ"
    assert "The audit log holds" in verify_ok()


def test_what_the_database_gives_back_is_what_was_hashed(world):
    odd = {"float": 1e20, "small": 1e-07, "half": 0.5, "vi": "Tờ trình Ủy ban", "nested": {"b": [1, 2.0], "a": None}}
    event = audit.record(world.users["office"], "meeting.update", world.body, changes=odd)
    stored = AuditEvent.objects.values(*chain.FIELDS).get(pk=event.pk)
    assert chain.event_hash(stored) == event.hash


def test_an_event_rewritten_in_sql_is_named(world, restored_log):
    """'Who opened this paper': the administrator drops the trigger and puts another member's name there."""
    target = opens(world)[2]
    member2 = world.users["member2"]
    with as_dba() as cursor:
        disable_triggers(cursor)
        p = placeholder()
        cursor.execute(
            f"UPDATE {TABLE} SET actor_id = {p}, actor_username = {p}, actor_name = {p} WHERE id = {p}",
            [member2.pk, member2.username, "Phạm Văn Viên", target.pk],
        )
    assert f"Event #{target.seq} (row {target.pk}) was edited" in verify()


def test_a_deleted_event_is_named(world, restored_log):
    target = opens(world)[1]
    with as_dba() as cursor:
        disable_triggers(cursor)
        cursor.execute(f"DELETE FROM {TABLE} WHERE id = {placeholder()}", [target.pk])
    assert f"Event #{target.seq} is missing" in verify()


def test_a_forged_event_is_named_even_with_a_valid_hash(world, restored_log):
    """An event slipped in, backdated to last week, whose hash the forger computed as the product would."""
    last = opens(world)[-1]
    forged = {
        "seq": last.seq + 1,
        "prev_hash": last.hash,
        "at": timezone.now() - datetime.timedelta(days=7),
        "actor_id": world.users["chair"].pk,
        "actor_username": "chair",
        "actor_name": "Trần Văn Chủ",
        "verb": "document.open",
        "object_type": "meetings.document",
        "object_id": "78",
        "object_repr": "Hồ sơ kỷ luật (Mật)",
        "detail": {},
    }
    forged["hash"] = chain.event_hash(forged)
    stored = dict(forged, detail="{}")
    if connection.vendor == "sqlite":  # as Django writes a time there: UTC, without its zone
        stored["at"] = forged["at"].astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    with as_dba() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLE} ({', '.join(stored)}) VALUES ({', '.join([placeholder()] * len(stored))})",
            list(stored.values()),
        )
    said = verify()
    assert f"Event #{last.seq + 1}" in said and "was inserted" in said


def test_two_swapped_events_are_named(world, restored_log):
    events = opens(world)
    a, b = events[1], events[3]
    p = placeholder()
    with as_dba() as cursor:
        disable_triggers(cursor)
        for pk, seq in ((a.pk, 10**12), (b.pk, a.seq), (a.pk, b.seq)):
            cursor.execute(f"UPDATE {TABLE} SET seq = {p} WHERE id = {p}", [seq, pk])
    assert f"Event #{a.seq} (row {b.pk}) was edited" in verify()


def test_a_rewrite_of_the_whole_chain_is_caught_by_the_heads_and_the_paper(world, restored_log):
    """The administrator who knows the algorithm rewrites an event and every hash after it: the chain holds, but
    the head written outside the database and the code printed on a notice no longer match."""
    events = opens(world)
    code = audit.issue_head("notice")  # printed on a paper copy; the head goes to the file
    assert audit_heads.read()[0][-1].seq == events[-1].seq
    target = events[2]
    rows = list(AuditEvent.objects.filter(seq__gte=target.seq).order_by("seq").values("id", *chain.FIELDS))
    prev = rows[0]["prev_hash"]
    p = placeholder()
    with as_dba() as cursor:
        disable_triggers(cursor)
        for row in rows:
            if row["id"] == target.pk:
                row["actor_username"] = "member2"
            row["prev_hash"] = prev
            prev = row["hash"] = chain.event_hash(row)
            cursor.execute(
                f"UPDATE {TABLE} SET actor_username = {p}, prev_hash = {p}, hash = {p} WHERE id = {p}",
                [row["actor_username"], row["prev_hash"], row["hash"], row["id"]],
            )
    said = verify()
    assert f"The head #{events[-1].seq}" in said and "is not reached" in said
    with translation.override("en"), pytest.raises(CommandError, match="rewritten"):
        call_command("audit", "verify", "--code", code, stdout=io.StringIO())


def test_a_paper_code_proves_the_log_up_to_its_event(world):
    events = opens(world, 3)
    code = audit.issue_head("notice")
    assert code.startswith(f"{events[-1].seq}-")
    out = io.StringIO()
    with translation.override("en"):
        call_command("audit", "verify", "--code", code.lower(), stdout=out)
    assert f"up to event #{events[-1].seq} of" in out.getvalue() and "document.open by chair" in out.getvalue()
    with translation.override("en"), pytest.raises(CommandError, match="not a verification code"):
        call_command("audit", "verify", "--code", "12-ABC", stdout=io.StringIO())


def test_events_deleted_from_the_end_are_caught_by_the_heads(world, restored_log):
    events = opens(world, 3)
    audit_heads.publish(events[-1].seq, events[-1].hash, events[-1].at, "scheduled")
    with as_dba() as cursor:
        disable_triggers(cursor)
        cursor.execute(f"DELETE FROM {TABLE} WHERE seq >= {placeholder()}", [events[1].seq])
    assert "is beyond the events that hold" in verify()


def test_a_line_written_into_the_heads_file_is_named(world, audit_heads_file):
    events = opens(world, 2)
    audit_heads.publish(events[-1].seq, events[-1].hash, events[-1].at, "scheduled")
    with open(audit_heads_file, "a") as file:
        file.write("a forged line\n")
    assert "Line 2 of" in verify()


def test_a_head_is_written_every_n_events(world, settings, audit_heads_file):
    settings.AUDIT_HEAD_EVERY = 3
    events = opens(world, 6)
    heads, _ = audit_heads.read()
    assert [h.seq % 3 for h in heads] == [0, 0] and {h.seq for h in heads} <= {e.seq for e in events}
    assert heads[-1].hash == AuditEvent.objects.get(seq=heads[-1].seq).hash
    assert oct(audit_heads_file.stat().st_mode)[-3:] == "600"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own attack on the old trigger")
def test_a_registered_purge_function_no_longer_opens_the_log(world):
    """The old DELETE trigger gave way to a function any connection could register; the chain's have no way."""
    opens(world, 1)
    with as_dba() as cursor:
        cursor.connection.create_function("hoinghi_audit_purge", 0, lambda: 1)
        with pytest.raises(Exception, match="append-only"):
            cursor.execute(f"DELETE FROM {TABLE}")


WRITER = """
import os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
from django.conf import settings
settings.DATABASES["default"]["NAME"] = sys.argv[1]
import django
django.setup()
from hoinghi.core import audit
for n in range(int(sys.argv[2])):
    audit.record(None, "test.concurrent", audit.Subject("test", str(n), sys.argv[3]))
"""


def test_two_server_processes_writing_at_once_make_one_chain(world):
    before = audit.head().seq if audit.head() else 0
    name, count = str(connection.settings_dict["NAME"]), 40
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, name, str(count), f"writer {w}"], stderr=subprocess.PIPE)
        for w in (1, 2)
    ]
    for writer in writers:
        assert writer.wait(timeout=120) == 0, writer.stderr.read().decode()
    written = AuditEvent.objects.filter(seq__gt=before, verb="test.concurrent")
    assert written.count() == 2 * count
    assert set(written.values_list("object_repr", flat=True)) == {"writer 1", "writer 2"}
    seqs = list(AuditEvent.objects.filter(seq__gt=before).order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(before + 1, before + 1 + len(seqs)))
    assert "The audit log holds" in verify_ok()


def test_the_scheduled_head_is_written_or_the_command_fails(world, settings, tmp_path):
    last = opens(world, 1)[-1]
    out = io.StringIO()
    call_command("audit", "head", stdout=out)
    assert out.getvalue().strip() == chain.verification_code(last.seq, last.hash)
    assert audit_heads.read()[0][-1].reason == "scheduled"
    settings.AUDIT_HEADS_FILE = tmp_path / "no such folder" / "heads.log"
    with translation.override("en"), pytest.raises(CommandError, match="Could not write"):
        call_command("audit", "head", stdout=io.StringIO())
