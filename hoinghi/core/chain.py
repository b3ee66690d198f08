"""The hash chain of the audit log, pure (no Django): each event's hash covers its fields and the hash of the event
before it, so an event edited, deleted, inserted or moved breaks the chain where it happened.

An event's hash is SHA-256 over a canonical serialisation: JSON with sorted keys, no spaces, UTF-8, the time in
UTC to the microsecond, and floats that are whole numbers written as integers (PostgreSQL's jsonb gives 1e20 back
as 100000000000000000000). The first event follows GENESIS.

A chain head (sequence number and hash) is also written outside the database and printed on issued documents as a
verification code: the sequence number and the first 80 bits of the hash in Crockford's base32, which a person
can type back (case, O/0 and I/L/1 do not matter).
"""

import datetime
import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

GENESIS = "0" * 64
FIELDS = (
    "seq",
    "at",
    "actor_id",
    "actor_username",
    "actor_name",
    "verb",
    "object_type",
    "object_id",
    "object_repr",
    "detail",
    "prev_hash",
)


def _plain(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def timestamp(at: datetime.datetime) -> str:
    return at.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical(event: Mapping) -> bytes:
    """The bytes an event's hash covers: every field of FIELDS, and nothing else."""
    fields = {name: event[name] for name in FIELDS}
    fields["at"] = timestamp(fields["at"])
    fields["detail"] = _plain(fields["detail"])
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def event_hash(event: Mapping) -> str:
    return hashlib.sha256(canonical(event)).hexdigest()


@dataclass(frozen=True)
class Problem:
    """The first place where the chain does not hold. `kind`: edited, missing, inserted, reordered, unreached."""

    kind: str
    seq: int
    event_id: int | None = None
    detail: str = ""


def check(events: Iterable[Mapping]) -> Iterator[Problem | Mapping]:
    """Walk the events in the order of their sequence numbers; yield each event that holds, and a Problem at the
    first one that does not (then stop: after a break nothing further can be trusted)."""
    expected_seq, prev_hash, prev_at = 1, GENESIS, None
    for event in events:
        seq = event["seq"]
        if seq > expected_seq:
            yield Problem("missing", expected_seq, detail=f"{expected_seq}..{seq - 1}")
            return
        if seq < expected_seq:
            yield Problem("inserted", seq, event["id"], "duplicate sequence number")
            return
        if event_hash(event) != event["hash"]:
            yield Problem("edited", seq, event["id"])
            return
        if event["prev_hash"] != prev_hash:
            yield Problem("reordered", seq, event["id"], "does not follow the event before it")
            return
        if prev_at is not None and event["at"] < prev_at:
            yield Problem("inserted", seq, event["id"], "dated before the event before it")
            return
        yield event
        expected_seq, prev_hash, prev_at = seq + 1, event["hash"], event["at"]


# Crockford's base32: no I, L, O, U; what a person may type for them is read as the digit it looks like.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_BITS = 80
_TYPED = str.maketrans({"O": "0", "I": "1", "L": "1"})


def verification_code(seq: int, hash_hex: str) -> str:
    """ "1234-7QX2-KD9M-A3TF-W8RB": the head's sequence number and the first 80 bits of its hash."""
    bits = int(hash_hex[: CODE_BITS // 4], 16)
    letters = "".join(ALPHABET[(bits >> shift) & 31] for shift in range(CODE_BITS - 5, -1, -5))
    return "-".join([str(seq), *(letters[i : i + 4] for i in range(0, len(letters), 4))])


CODE = re.compile(r"^\s*(\d+)[\s-]*((?:[0-9A-Za-z][\s-]*){16})$")


def read_code(code: str) -> tuple[int, str] | None:
    """(sequence number, the hash's first 20 hex digits) of a typed verification code, or None if malformed."""
    match = CODE.match(code)
    if not match:
        return None
    letters = re.sub(r"[\s-]", "", match.group(2)).upper().translate(_TYPED)
    if any(letter not in ALPHABET for letter in letters):
        return None
    bits = 0
    for letter in letters:
        bits = bits << 5 | ALPHABET.index(letter)
    return int(match.group(1)), f"{bits:0{CODE_BITS // 4}x}"
