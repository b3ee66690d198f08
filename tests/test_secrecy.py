"""A secret ballot stays secret from whoever holds the database, the server's log and the live feed.

Twelve members vote, in a known order, twelve recognisable ballots. Then the test reads everything an
administrator could: every row of every table (with SQLite's rowid, PostgreSQL's xmin and ctid), SQLite's
files and write-ahead log while the poll is open, every log record at DEBUG with SQL logging on, every live
event and every page served while the poll was open. While open, the box holds only sealed ballots of one
length. After close it finds the voter roll and the counted ballots, and nothing that ties one to the other:
the slots' ids, physical order and xmin were all fixed before the first cast or are shared by every slot,
the counted ballots were written in a new random order, and no token, receipt, voter or choice appears
anywhere else.
"""

import json
import re
import uuid
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from hoinghi.core import live
from hoinghi.core.models import AuditEvent
from hoinghi.voting import selectors
from hoinghi.voting.forms import subject_field
from hoinghi.voting.models import Ballot, CountedBallot
from hoinghi.voting.verify import receipt_fingerprint
from tests.secrecy_helpers import ballot_of, logged, spellings, whole_database
from tests.voting_helpers import BOARDS, add_voters, open_poll, running_meeting

pytestmark = pytest.mark.django_db(transaction=True)

VOTERS = 12
CANDIDATES = [("Ứng viên Một", None), ("Ứng viên Hai", None), ("Ứng viên Ba", None), ("Ứng viên Bốn", None)]
RECEIPT = re.compile(r"\b[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}\b")
TOKEN = re.compile(r'name="token" value="([^"]+)"')
BALLOT_FORM = re.compile(r'<form[^>]*id="ballot".*?</form>', re.S)
# The counting board is named on the chair's console: who sits on it, never who has voted.
BOARD_PANEL = re.compile(r'<section id="board-status".*?</section>', re.S)
LIVE_KEYS = {"status", "phase", "cast_count", "convened", "present", "title", "poll", "shares_given", "shares_required"}


@pytest.fixture
def server_log(settings):
    yield from logged(settings)


@pytest.fixture
def live_events(monkeypatch):
    sent = []
    monkeypatch.setattr(live, "publish", lambda channel, event: sent.append((channel, json.loads(json.dumps(event)))))
    return sent


def physical_order(poll, table="voting_ballot", column="id") -> list:
    """A column of a table's rows for the poll, in storage order."""
    position = "rowid" if connection.vendor == "sqlite" else "ctid"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE poll_id = %s ORDER BY {position}", [poll.pk])
        values = [row[0] for row in cursor.fetchall()]
    if column == "id":
        return [str(uuid.UUID(str(value))) for value in values]
    return [value if isinstance(value, dict) else json.loads(value) for value in values]


def database_files() -> list[Path]:
    """The files an administrator would copy: SQLite's database and its write-ahead log (the server's own files
    on PostgreSQL are out of this test's reach; its rows are read above)."""
    if connection.vendor != "sqlite":
        return []
    database = Path(connection.settings_dict["NAME"])
    return [path for path in (database, database.with_name(database.name + "-wal")) if path.exists()]


def xmins(table: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT xmin::text FROM {table}")
        return [row[0] for row in cursor.fetchall()]


def option_labels() -> set[str]:
    labels = set()
    for language in ("vi", "en"):
        with translation.override(language):
            labels |= {str(selectors.OPTION_LABELS[o]) for o in ("yes", "no")}
    return labels


def test_the_voter_to_ballot_mapping_cannot_be_recovered(world, server_log, live_events):
    voters = [world.users[name] for name in ("chair", "member", "member2")] + add_voters(world, VOTERS - 3)
    meeting = running_meeting(world)
    browsers = {}
    for user in voters:
        browsers[user] = Client()
        browsers[user].force_login(user)
    chair = browsers[world.users["chair"]]
    poll = open_poll(world, meeting, title="Giới thiệu nhân sự ứng cử", kind="candidates", subjects=CANDIDATES)
    slots_at_opening = physical_order(poll)
    assert len(slots_at_opening) == VOTERS
    opened_events, audit_before_casts = len(live_events), AuditEvent.objects.order_by("-id").first().pk

    pages, tokens, receipts = [], [], []

    def fetch(user, url, **headers):
        with CaptureQueriesContext(connection) as queries:
            body = browsers[user].get(url, **headers).content.decode()
        pages.append((user, url, body))
        # A count per option needs the ballots' contents: no page reads them while the poll is open.
        assert not [q["sql"] for q in queries if '"voting_ballot"' in q["sql"] or '"voting_namedvote"' in q["sql"]]
        return body

    base = f"/polls/{poll.pk}/"
    for n, user in enumerate(voters):
        token = TOKEN.search(fetch(user, base)).group(1)
        post = {subject_field(s): ballot_of(poll, n)[str(s.pk)] for s in poll.subjects.all()} | {"token": token}
        response = browsers[user].post(f"{base}cast/", post)
        assert response.status_code == 200
        cast_page = response.content.decode()
        pages.append((user, f"{base}cast/", cast_page))
        # The request's statements as Django keeps them with DEBUG on: no ballot written there either.
        assert 'UPDATE "voting_ballot"' not in json.dumps(connection.queries)
        tokens.append(token)
        receipts.append(RECEIPT.search(cast_page).group(0))
        for url in (base, f"{base}state.json", f"{base}room/"):
            fetch(user, url)
        for url in (f"{base}console/", f"{base}room/", f"{base}state.json", base):
            fetch(world.users["chair"], url)
        fetch(world.users["chair"], f"{base}console/", HTTP_HX_REQUEST="true")
    while_open = live_events[opened_events:]
    assert AuditEvent.objects.order_by("-id").first().pk == audit_before_casts  # casts leave no audit trace
    ballots = [ballot_of(poll, n) for n in range(VOTERS)]
    assert len({json.dumps(b) for b in ballots}) == VOTERS
    choices = [spelling for ballot in ballots for spelling in spellings(ballot)]

    # While the poll is open the box holds sealed ballots, all of one length: no row, and on SQLite no byte of the
    # database's files (its write-ahead log included, which keeps each cast's roll entry beside its slot), shows
    # a ballot's contents.
    sealed = list(Ballot.objects.filter(poll=poll).values_list("sealed", flat=True))
    assert all(sealed) and len(set(sealed)) == VOTERS and len({len(value) for value in sealed}) == 1
    for table, table_rows in whole_database().items():
        assert not [c for row in table_rows for c in choices if c in " ".join(row)], table
    for path in database_files():
        assert not [c for c in choices if c.encode() in path.read_bytes()], path
    # The chair is asked first, with the count only (the page joins those searched for a voter's choice below).
    asked = chair.post(f"{base}close/")
    assert asked.status_code == 200 and f"{VOTERS} / " in asked.content.decode()
    pages.append((world.users["chair"], f"{base}close/", asked.content.decode()))
    assert chair.post(f"{base}close/", {"confirmed": "1"}).status_code == 302
    BOARDS[poll.pk].give_shares()  # the counting board's phones: the box opens

    # The ballot box: no voter, no time, no sequential id; only the poll links a ballot to anything.
    with connection.cursor() as cursor:
        columns = {c.name for c in connection.introspection.get_table_description(cursor, "voting_ballot")}
        relations = connection.introspection.get_relations(cursor, "voting_ballot")
    assert columns == {"id", "poll_id", "sealed", "fingerprint"}
    assert {column: table for column, (_ref, table) in relations.items()} == {"poll_id": "voting_poll"}
    rows = list(Ballot.objects.filter(poll=poll).values("id", "sealed", "fingerprint"))
    assert all(row["id"].version == 4 for row in rows) and not [row for row in rows if row["sealed"]]
    # Opened at close into counted ballots: no slot, no fingerprint, a new random id, in a new random order.
    with connection.cursor() as cursor:
        description = connection.introspection.get_table_description(cursor, "voting_countedballot")
    assert {c.name for c in description} == {"id", "poll_id", "choices"}
    counted = list(CountedBallot.objects.filter(poll=poll).values("id", "choices"))
    assert all(row["id"].version == 4 for row in counted)
    assert sorted(json.dumps(row["choices"]) for row in counted) == sorted(json.dumps(b) for b in ballots)
    stored = physical_order(poll, "voting_countedballot", "choices")
    assert stored != ballots  # written shuffled; this could fail by chance once in 12! runs

    # Ids were fixed at opening. On SQLite the storage order is too; PostgreSQL may move rows inside a
    # page when it prunes old versions (where they land depends on free space, not on who cast when).
    final_order = physical_order(poll)
    if connection.vendor == "sqlite":
        assert final_order == slots_at_opening
    slot_of = {row["fingerprint"]: str(row["id"]) for row in rows}
    for order in (slots_at_opening, final_order):
        landed = [order.index(slot_of[receipt_fingerprint(receipt)]) for receipt in receipts]
        # Each cast took a random empty slot (a deterministic pick would put the casts in storage order);
        # this could fail by chance once in 12! = 479 001 600 runs.
        assert landed != sorted(landed)
    if connection.vendor == "postgresql":
        assert len(set(xmins("voting_ballot"))) == 1  # one statement rewrote every slot at each cast
        assert len(set(xmins("voting_voterroll"))) == VOTERS  # the roll does follow the casts, and says who only

    # Nothing in the database holds a token or a receipt; choices are in the counted ballots only.
    database = whole_database()
    secret = tokens + receipts + [r.replace("-", "") for r in receipts]
    found_ballots = 0
    for table, table_rows in database.items():
        for row in table_rows:
            text = " ".join(row)
            assert not [s for s in secret if s in text], table
            holds_choices = any(c in text for c in choices)
            assert not holds_choices or table == "voting_countedballot", table
            found_ballots += holds_choices
    assert found_ballots == VOTERS
    roll = database["voting_voterroll"]
    fingerprints = {row["fingerprint"] for row in Ballot.objects.filter(poll=poll).values("fingerprint")}
    assert not {value for row in roll for value in row} & fingerprints
    assert '"yes"' not in json.dumps(list(AuditEvent.objects.values_list("detail", flat=True)))

    # The server's log: no statement that wrote a ballot, no choice, token, receipt or fingerprint.
    log = "\n".join(server_log)
    assert 'INSERT INTO "voting_voterroll"' in log  # SQL logging was on
    assert 'UPDATE "voting_ballot"' not in log and 'INSERT INTO "voting_countedballot"' not in log
    assert not [s for s in secret + choices + sorted(fingerprints) if s in log]

    # The live feed and the pages: the count of ballots cast, never a count per option or who has voted.
    assert len(while_open) >= VOTERS
    assert all(set(event) <= LIVE_KEYS for _channel, event in while_open)
    assert [e["cast_count"] for c, e in while_open if c == f"poll-{poll.pk}"] == list(range(1, VOTERS + 1))
    names = {user: user.person.full_name for user in voters}
    labels = option_labels()
    for user, url, body in pages:
        if url.endswith("state.json"):
            state = json.loads(body)
            assert set(state) <= LIVE_KEYS | {"you_voted"}, url
            assert state.get("you_voted", True) is True  # fetched after the asker's own cast
            continue
        others = [name for other, name in names.items() if other != user and name in BOARD_PANEL.sub("", body)]
        assert not others, (user, url)
        outside_the_ballot = BALLOT_FORM.sub("", body)
        assert not [label for label in labels if label in outside_the_ballot], (user, url)

    # Once published, the ballots are out, sorted by content, and every receipt shows it was counted.
    assert chair.post(f"{base}publish/").status_code == 302
    record = json.loads(chair.get(f"{base}published.json").content)
    assert record["ballots"] == sorted(ballots, key=lambda b: json.dumps(b, sort_keys=True))
    assert sorted(record["fingerprints"]) == sorted(fingerprints)
    poll.refresh_from_db()
    assert all(selectors.receipt_counted(poll, receipt) for receipt in receipts)
