"""The ballot box's seal: a ballot is written encrypted to its poll's public key, and opened only with the key the
counting board rebuilds at the count (board_keys.py). Pure: no Django.

Every cast is durable the moment it is answered, roll entry and ballot together, so whoever reads the database's
write-ahead log, its backups, or two copies taken either side of a cast, sees which roll entry and which ballot were
written together; sealed, that ballot shows him nothing. Each ballot is sealed as in ECIES: a fresh X25519 key pair
agrees a key with the poll's public key (HKDF-SHA256), which encrypts the ballot with AES-GCM. The poll's private
key is never stored: nothing the server holds, its secret key included, opens a ballot. The sealed ballot carries
no time, and every ballot of a poll is padded to one length, so its length tells nothing either.

Polls opened before the counting board held the key were sealed with a key derived from the site's secret
(`site_key`, `seal_with_site_key`, `open_with_site_keys`): those still open take their remaining casts the same way
and are opened at close as before.
"""

import base64
import functools
import json
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

NONCE_BYTES = 12
POINT_BYTES = 32  # an X25519 public key


class UnreadableBallot(Exception):
    """A sealed ballot that the key given does not open (altered, or sealed to another key)."""


def ballot_size(subject_ids, options) -> int:
    """The length every ballot of a poll is padded to: the longest one its subjects and options allow."""
    longest = max(options, key=len)
    return len(_encoded({str(subject): longest for subject in subject_ids}))


def raw_public(key: X25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def seal(public_key: bytes, poll_pk: int, ballot: dict, size: int) -> str:
    """The ballot, encrypted to the poll's public key (32 raw bytes), padded to `size`."""
    plain = _encoded(ballot)
    if len(plain) > size:
        raise ValueError("ballot longer than the poll's ballot size")
    ephemeral = X25519PrivateKey.generate()
    point = raw_public(ephemeral)
    key = _ballot_key(ephemeral.exchange(X25519PublicKey.from_public_bytes(public_key)), point, poll_pk)
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(key).encrypt(nonce, plain.ljust(size), _context(poll_pk))
    return base64.b64encode(point + nonce + sealed).decode()


def unseal(private_key: X25519PrivateKey, poll_pk: int, sealed: str) -> dict:
    """The ballot, opened with the poll's private key."""
    raw = _decoded(sealed)
    point, nonce, body = (
        raw[:POINT_BYTES],
        raw[POINT_BYTES : POINT_BYTES + NONCE_BYTES],
        raw[POINT_BYTES + NONCE_BYTES :],
    )
    try:
        shared = private_key.exchange(X25519PublicKey.from_public_bytes(point))
        return json.loads(AESGCM(_ballot_key(shared, point, poll_pk)).decrypt(nonce, body, _context(poll_pk)))
    except (InvalidTag, ValueError):
        raise UnreadableBallot from None


def _ballot_key(shared: bytes, point: bytes, poll_pk: int) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=point, info=_context(poll_pk)).derive(shared)


def _context(poll_pk: int) -> bytes:
    # In the key and as the associated data: a ballot moved to another poll's box does not open there.
    return f"hoinghi ballot of poll {poll_pk}".encode()


# Polls opened before the counting board: a key derived from the site's secret.


@functools.lru_cache(maxsize=64)
def site_key(secret: str, poll_pk: int) -> bytes:
    info = f"hoinghi ballot box {poll_pk}".encode()
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(secret.encode())


def seal_with_site_key(key: bytes, ballot: dict, size: int) -> str:
    plain = _encoded(ballot)
    if len(plain) > size:
        raise ValueError("ballot longer than the poll's ballot size")
    nonce = os.urandom(NONCE_BYTES)
    return base64.b64encode(nonce + AESGCM(key).encrypt(nonce, plain.ljust(size), None)).decode()


def open_with_site_keys(keys: list[bytes], sealed: str) -> dict:
    """The ballot, opened with the first of `keys` that fits (the site's secret, then its fallbacks)."""
    raw = _decoded(sealed)
    for key in keys:
        try:
            return json.loads(AESGCM(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], None))
        except InvalidTag:
            continue
    raise UnreadableBallot


def _decoded(sealed: str) -> bytes:
    try:
        return base64.b64decode(sealed, validate=True)
    except ValueError:
        raise UnreadableBallot from None


def _encoded(ballot: dict) -> bytes:
    return json.dumps(ballot, sort_keys=True, ensure_ascii=True).encode()
