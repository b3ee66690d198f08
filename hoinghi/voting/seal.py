"""The ballot box's seal: a ballot is written encrypted, with a key the database does not hold, and opened at close.

Every cast is durable the moment it is answered, roll entry and ballot together. Whoever can read the database's
write-ahead log, its backups, or two copies taken either side of a cast, sees which roll entry and which ballot
were written together; sealed, that ballot shows him nothing. The key is derived from the site's secret (kept in
the server's settings, never in the database) and the poll. AES-GCM with a random nonce: the same choices never
seal alike, a sealed ballot cannot be altered unnoticed, and, unlike Fernet, no time is written in it. Ballots are
padded to one length per poll, so the length does not tell the choices either.
"""

import base64
import functools
import json
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

NONCE_BYTES = 12


class UnreadableBallot(Exception):
    """A sealed ballot that none of the site's keys opens (altered, or sealed under a secret since dropped)."""


@functools.lru_cache(maxsize=64)
def box_key(secret: str, poll_pk: int) -> bytes:
    info = f"hoinghi ballot box {poll_pk}".encode()
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(secret.encode())


def ballot_size(subject_ids, options) -> int:
    """The length every ballot of a poll is padded to: the longest one its subjects and options allow."""
    longest = max(options, key=len)
    return len(_encoded({str(subject): longest for subject in subject_ids}))


def seal(key: bytes, ballot: dict, size: int) -> str:
    plain = _encoded(ballot)
    if len(plain) > size:
        raise ValueError("ballot longer than the poll's ballot size")
    nonce = os.urandom(NONCE_BYTES)
    return base64.b64encode(nonce + AESGCM(key).encrypt(nonce, plain.ljust(size), None)).decode()


def unseal(keys: list[bytes], sealed: str) -> dict:
    """The ballot, opened with the first of `keys` that fits (the site's secret, then its fallbacks)."""
    try:
        raw = base64.b64decode(sealed, validate=True)
    except ValueError:
        raise UnreadableBallot from None
    for key in keys:
        try:
            return json.loads(AESGCM(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], None))
        except InvalidTag:
            continue
    raise UnreadableBallot


def _encoded(ballot: dict) -> bytes:
    return json.dumps(ballot, sort_keys=True, ensure_ascii=True).encode()
