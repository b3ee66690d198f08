"""The attack on a secret poll by whoever holds everything the server stores and its configuration.

Sixteen members vote, one after another in a known order, sixteen recognisable ballots; the chair closes; two of
the three members of the counting board give their shares from their phones. The attacker holds the database's
every committed state (rebuilt from SQLite's write-ahead log, frame by frame, with checkpoints kept from erasing
it), every file of the data folder, every log record at DEBUG with SQL logging on, and the site's secret key.

- He links each voter to the sealed ballot written in the same transaction as his roll entry (this is what the
  write-ahead log gives away, and the test checks that it does), then tries every key he can derive from what he
  holds: none opens a ballot.
- He looks for the voters' choices in every state, every file and every log: they appear only in the count's own
  transaction, all sixteen at once, after every roll entry, in a new random order.
- He links the counted ballots back to the slots, and so to the voters, by every order the storage offers: no
  better than chance.
- He looks for the shares the board gave: they are nowhere, not in a state, a file or a log.

On PostgreSQL (and on SQLite too) a second test reads every column of every table while the box is sealed and
tries every value, and every key the configuration gives, as the key: nothing opens it.
"""

import base64
import itertools
import json
import sqlite3
import struct
from pathlib import Path

import pytest
from Crypto.Protocol.SecretSharing import Shamir
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db import connection

from hoinghi.voting import board_keys, seal, services
from hoinghi.voting.board_keys import share_bytes
from hoinghi.voting.models import Ballot, CountedBallot, Poll
from tests.secrecy_helpers import ballot_of, logged, spellings, text_of, whole_database
from tests.voting_helpers import BOARDS, add_voters, open_poll, running_meeting

pytestmark = pytest.mark.django_db(transaction=True)

VOTERS = 16
CANDIDATES = [(f"Ứng viên {n}", None) for n in ("Một", "Hai", "Ba", "Bốn")]


@pytest.fixture
def server_log(settings):
    yield from logged(settings)


# SQLite's write-ahead log, read as an attacker would (https://sqlite.org/fileformat2.html#the_write_ahead_log)


def wal_checksum(data: bytes, s0: int, s1: int, big_endian: bool) -> tuple[int, int]:
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    for first, second in zip(words[::2], words[1::2], strict=True):
        s0 = (s0 + first + s1) & 0xFFFFFFFF
        s1 = (s1 + second + s0) & 0xFFFFFFFF
    return s0, s1


def committed_states(database: bytes, wal: bytes):
    """Each state of the database after a committed transaction: the file with the log's frames applied in order."""
    magic, _version, page_size, _sequence, salt1, salt2 = struct.unpack(">6I", wal[:24])
    big_endian = magic == 0x377F0683
    checksum = wal_checksum(wal[:24], 0, 0, big_endian)
    assert checksum == struct.unpack(">2I", wal[24:32]), "a write-ahead log header"
    pages = {n: database[(n - 1) * page_size : n * page_size] for n in range(1, len(database) // page_size + 1)}
    pending, offset = {}, 32
    while offset + 24 + page_size <= len(wal):
        header, page = wal[offset : offset + 24], wal[offset + 24 : offset + 24 + page_size]
        number, size_after, frame_salt1, frame_salt2, sum1, sum2 = struct.unpack(">6I", header)
        checksum = wal_checksum(header[:8] + page, *checksum, big_endian)
        if (frame_salt1, frame_salt2) != (salt1, salt2) or checksum != (sum1, sum2):
            break  # the end of this log's valid frames
        pending[number] = page
        if size_after:  # a commit: the transaction's pages are the new state
            pages.update(pending)
            pending = {}
            pages = {n: p for n, p in pages.items() if n <= size_after}
            yield b"".join(pages[n] for n in range(1, size_after + 1))
        offset += 24 + page_size


def read_state(image: bytes, folder: Path, table: str, columns: str, poll_pk: int) -> list[tuple]:
    """Rows of a table in one rebuilt state (as a rollback-journal file: the copy has no log of its own)."""
    path = folder / "state.sqlite3"
    path.write_bytes(image[:18] + b"\x01\x01" + image[20:])
    with sqlite3.connect(path) as state:
        return state.execute(f"SELECT {columns} FROM {table} WHERE poll_id = ? ORDER BY rowid", [poll_pk]).fetchall()


# The keys an attacker can make from what he holds


def key_material(values) -> set[bytes]:
    """Every value he holds, as bytes, and decoded when it reads as base64 or hex."""
    found = set()
    for value in values:
        raw = value.encode() if isinstance(value, str) else bytes(value)
        found.add(raw)
        for word in raw.replace(b'"', b" ").replace(b",", b" ").split():
            found.add(word)
            for decode in (base64.b64decode, bytes.fromhex):
                try:
                    found.add(decode(word.decode()))
                except ValueError:
                    pass
    return {value for value in found if len(value) >= 16}


def opens(material: set[bytes], poll: Poll, sealed: str) -> list[bytes]:
    """The values from which a key that opens `sealed` (or is the poll's private key) is made."""
    public = base64.b64decode(poll.box_key)
    found = []
    for value in material:
        candidates = [board_keys.box_private_key(value[:16], poll.pk), board_keys.box_private_key(value, poll.pk)]
        candidates.append(X25519PrivateKey.from_private_bytes(HKDF(hashes.SHA256(), 32, None, b"").derive(value)))
        if len(value) == 32:
            candidates.append(X25519PrivateKey.from_private_bytes(value))
        if any(seal.raw_public(key) == public for key in candidates):
            found.append(value)
            continue
        site_keys = [seal.site_key(value.decode(errors="replace"), poll.pk), value[:32]]
        for key in site_keys:
            try:
                seal.open_with_site_keys([key.ljust(32, b"\0")], sealed)
            except seal.UnreadableBallot:
                continue
            found.append(value)
    return found


def configuration() -> list[str]:
    return [
        settings.SECRET_KEY,
        *settings.SECRET_KEY_FALLBACKS,
        *(str(v) for v in settings.DATABASES["default"].values()),
    ]


def folder_files() -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in Path(settings.DATA_DIR).rglob("*") if path.is_file()}


@pytest.mark.skipif("connection.vendor != 'sqlite'")
def test_the_write_ahead_log_the_data_folder_the_logs_and_the_secret_key_link_no_voter(world, server_log, tmp_path):
    voters = [world.users[name] for name in ("chair", "member", "member2")] + add_voters(world, VOTERS - 3)
    meeting = running_meeting(world)
    database = Path(connection.settings_dict["NAME"])
    watcher = sqlite3.connect(database)  # as long as it is open, closing another connection never checkpoints
    watcher.execute("SELECT 1 FROM voting_poll").fetchall()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_autocheckpoint=0")  # the log keeps every frame of the test
    poll = open_poll(world, meeting, title="Giới thiệu nhân sự", kind="candidates", subjects=CANDIDATES)
    ballots = [ballot_of(poll, n) for n in range(VOTERS)]
    for user, ballot in zip(voters, ballots, strict=True):
        services.cast(user, poll, ballot, services.new_token())
    services.check_close_poll(world.users["chair"], poll)
    board = BOARDS[poll.pk]
    seats = list(poll.board.all())
    given = [board.devices[seat.person_id].share(seat.sealed_share, poll.pk, seat.person_id) for seat in seats]
    poll = board.give_shares()
    assert poll.result["returned"] == VOTERS

    wal = database.with_name(database.name + "-wal").read_bytes()
    states = list(committed_states(database.read_bytes(), wal))
    watcher.close()
    roll = [read_state(image, tmp_path, "voting_voterroll", "person_id", poll.pk) for image in states]
    slots = [read_state(image, tmp_path, "voting_ballot", "id, sealed", poll.pk) for image in states]
    counted = [read_state(image, tmp_path, "voting_countedballot", "id, choices", poll.pk) for image in states]
    assert [len(rows) for rows in roll][-1] == VOTERS  # the log holds the whole poll

    # 1. Each cast's transaction adds one roll entry and fills one slot: the log links every voter to his sealed
    # ballot. Nothing he holds opens it.
    link = {}
    for before, after, slots_before, slots_after in zip(roll, roll[1:], slots, slots[1:], strict=False):
        voters_added = set(after) - set(before)
        filled = {slot for slot in slots_after if slot[1]} - {slot for slot in slots_before if slot[1]}
        if len(voters_added) == 1 and len(filled) == 1:
            ((person,),), ((slot, sealed),) = voters_added, filled
            link[person] = (slot, sealed)
    assert set(link) == {user.person_id for user in voters}
    log = "\n".join(server_log)
    everything = [
        *configuration(),
        *folder_files().values(),
        *log.split(),
        *(value for image in states[-3:] for value in [image]),
    ]
    for image in states:
        for table in ("voting_poll", "voting_boardseat", "directory_user", "django_session"):
            everything += [text_of(v) for row in read_state_all(image, tmp_path, table) for v in row]
    material = key_material(everything)
    assert len(material) > 100
    some_sealed = next(iter(link.values()))[1]
    assert opens(material, poll, some_sealed) == []

    # 2. The choices: only in the count's transaction, all at once, after every roll entry.
    choices = [spelling for ballot in ballots for spelling in spellings(ballot)]
    showing = [n for n, image in enumerate(states) if any(c.encode() in image for c in choices)]
    first = showing[0]
    assert len(counted[first]) == VOTERS and len(roll[first - 1]) == VOTERS and counted[first - 1] == []
    assert all(not sealed for _slot, sealed in slots[first])  # the seals wiped in the same transaction
    for name, content in folder_files().items():
        if not name.startswith("test.sqlite3"):
            assert not [c for c in choices if c.encode() in content], name
    assert not [c for c in choices if c in log]

    # 3. Counted ballots back to slots, by every order the storage offers: no better than chance (a random order
    # puts on average one of sixteen in its place; eight or more happens by chance about once in 10^5 runs).
    cast_order = [user.person_id for user in voters]
    slot_rows = slots[-1]
    for counted_order in (counted[first], sorted(counted[first], key=lambda row: str(row[0]))):
        for slot_order in (slot_rows, sorted(slot_rows, key=lambda row: str(row[0])), [link[p] for p in cast_order]):
            position = {slot: n for n, (slot, _sealed) in enumerate(slot_order)}
            guessed = {person: json.loads(counted_order[position[link[person][0]]][1]) for person in cast_order}
            right = sum(guessed[person] == ballot for person, ballot in zip(cast_order, ballots, strict=True))
            assert right < 8

    # 4. The shares given never reached the database, its log, a file or a log record.
    for share in given[: poll.shares_required]:
        forms = [share_bytes(share), share.value, share.value.hex().encode(), base64.b64encode(share_bytes(share))]
        forms.append(board_keys.paper_code(poll.pk, share).encode())
        assert not [f for f in forms if f in wal or any(f in content for content in folder_files().values())]
        assert not [f for f in forms if f.decode(errors="ignore") in log]


def read_state_all(image: bytes, folder: Path, table: str) -> list[tuple]:
    path = folder / "state.sqlite3"
    path.write_bytes(image[:18] + b"\x01\x01" + image[20:])
    with sqlite3.connect(path) as state:
        return state.execute(f"SELECT * FROM {table}").fetchall()


def test_nothing_stored_and_nothing_in_the_configuration_opens_the_box(world, server_log):
    """Every column of every table while the box is sealed (on PostgreSQL, what its administrator holds), the data
    folder, the logs and the configuration: none of it, and no key made from it, opens a ballot."""
    voters = [world.users[name] for name in ("chair", "member", "member2")] + add_voters(world, 3)
    poll = open_poll(world, running_meeting(world))
    for user, option in zip(voters, itertools.cycle(["yes", "no", "abstain"]), strict=False):
        services.cast(user, poll, {str(poll.subjects.get().pk): option}, services.new_token())
    poll = services.check_close_poll(world.users["chair"], poll)
    assert poll.awaiting_board
    sealed = list(Ballot.objects.filter(poll=poll).exclude(sealed="").values_list("sealed", flat=True))
    assert len(sealed) == len(voters)
    stored = [value for rows in whole_database().values() for row in rows for value in row]
    material = key_material([*stored, *configuration(), *folder_files().values(), *"\n".join(server_log).split()])
    assert any(len(value) == 32 for value in material)  # the public key, the share checks, the secret key...
    assert opens(material, poll, sealed[0]) == []
    # The search is no empty ritual: given the secret the board's shares rebuild, it finds the key.
    board = BOARDS[poll.pk]
    shares = [board.devices[s.person_id].share(s.sealed_share, poll.pk, s.person_id) for s in poll.board.all()[:2]]
    secret = Shamir.combine([(share.index, share.value) for share in shares])
    assert opens(material | {secret}, poll, sealed[0]) == [secret]
    assert not CountedBallot.objects.filter(poll=poll).exists()
