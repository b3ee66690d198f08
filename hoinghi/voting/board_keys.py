"""The counting board's hold on a secret poll's key. Pure: no Django.

At opening a random 128-bit secret is drawn; the poll's key pair is derived from it (HKDF-SHA256 to an X25519
private key), and the secret is split k of n among the board (Shamir over GF(2^128), pycryptodome). Each share is
encrypted to its holder's device key (P-256 ECDH with a fresh key, HKDF-SHA256, AES-GCM: what WebCrypto does in
the board page, `board.js`); the server keeps the public key, the encrypted shares and a digest of each share,
and forgets the secret. At the count, k shares rebuild the secret, hence the private key, in memory only.

A holder who prefers paper writes his share down as a paper code: the share and its number in base32 with a check
of three bytes, in groups of four (`paper_code`), typed back at the count (`read_paper_code`).
"""

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass

from Crypto.Protocol.SecretSharing import Shamir
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from .seal import raw_public

SECRET_BYTES = 16  # what Shamir's scheme in pycryptodome splits
DEVICE_POINT_BYTES = 65  # a P-256 public key, uncompressed
NONCE_BYTES = 12
CHECK_BYTES = 3
MAX_HOLDERS = 15


class WrongShare(Exception):
    """A share that is not the one its holder was given for this poll, or a paper code mistyped."""


@dataclass(frozen=True)
class Share:
    index: int  # 1..n: the holder's seat on the board
    value: bytes  # 16 bytes

    def __repr__(self):  # never its value: a share could otherwise end up in a log
        return f"<share {self.index}>"


@dataclass(frozen=True)
class NewBox:
    public_key: bytes  # the poll's X25519 public key, 32 bytes
    shares: list[Share]


def new_box(poll_pk: int, required: int, holders: int) -> NewBox:
    """A fresh key pair for the poll, its private key split `required` of `holders`; the secret is not kept."""
    if not 1 <= required <= holders <= MAX_HOLDERS:
        raise ValueError("a board needs 1 <= required <= holders <= 15")
    secret = os.urandom(SECRET_BYTES)
    shares = [Share(index, value) for index, value in Shamir.split(required, holders, secret)]
    return NewBox(raw_public(box_private_key(secret, poll_pk)), shares)


def box_private_key(secret: bytes, poll_pk: int) -> X25519PrivateKey:
    info = f"hoinghi ballot box key of poll {poll_pk}".encode()
    return X25519PrivateKey.from_private_bytes(HKDF(hashes.SHA256(), 32, salt=None, info=info).derive(secret))


def rebuild(poll_pk: int, shares: list[Share], public_key: bytes) -> X25519PrivateKey:
    """The poll's private key from `required` shares; WrongShare when they do not make the poll's key."""
    secret = Shamir.combine([(share.index, share.value) for share in shares])
    key = box_private_key(secret, poll_pk)
    if not hmac.compare_digest(raw_public(key), public_key):
        raise WrongShare
    return key


def share_check(poll_pk: int, share: Share) -> str:
    """A digest of a share, stored so that a wrong share is refused when given, before any count."""
    return hashlib.sha256(f"hoinghi share check {poll_pk} {share.index}:".encode() + share.value).hexdigest()


def is_genuine(poll_pk: int, share: Share, check: str) -> bool:
    return len(share.value) == SECRET_BYTES and hmac.compare_digest(share_check(poll_pk, share), check)


# A share on its way to the holder's device


def share_context(poll_pk: int, person_pk: int) -> bytes:
    return f"hoinghi share of poll {poll_pk} for {person_pk}".encode()


def seal_share(device_key: str, poll_pk: int, person_pk: int, share: Share) -> str:
    """The share (its index, then its 16 bytes) encrypted to the device's P-256 public key (base64, raw)."""
    device = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), _b64(device_key))
    ephemeral = ec.generate_private_key(ec.SECP256R1())
    point = ephemeral.public_key().public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    context = share_context(poll_pk, person_pk)
    key = _share_key(ephemeral.exchange(ec.ECDH(), device), point, context)
    nonce = os.urandom(NONCE_BYTES)
    body = AESGCM(key).encrypt(nonce, bytes([share.index]) + share.value, context)
    return base64.b64encode(point + nonce + body).decode()


def open_share(device: ec.EllipticCurvePrivateKey, sealed: str, poll_pk: int, person_pk: int) -> Share:
    """What the holder's device does (board.js does the same with WebCrypto)."""
    raw = _b64(sealed)
    point, nonce = raw[:DEVICE_POINT_BYTES], raw[DEVICE_POINT_BYTES : DEVICE_POINT_BYTES + NONCE_BYTES]
    context = share_context(poll_pk, person_pk)
    ephemeral = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
    key = _share_key(device.exchange(ec.ECDH(), ephemeral), point, context)
    try:
        plain = AESGCM(key).decrypt(nonce, raw[DEVICE_POINT_BYTES + NONCE_BYTES :], context)
    except InvalidTag:
        raise WrongShare from None
    return Share(plain[0], plain[1:])


def device_key_is_valid(device_key: str) -> bool:
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), _b64(device_key))
    except ValueError:
        return False
    return True


def _share_key(shared: bytes, point: bytes, context: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=point, info=context).derive(shared)


def _b64(value: str) -> bytes:
    try:
        return base64.b64decode(value, validate=True)
    except ValueError:
        raise ValueError("not base64") from None


# The paper code

# Letters base32 leaves out, read as the ones they look like.
_LOOKALIKES = str.maketrans({"0": "O", "1": "I", "8": "B"})


def share_bytes(share: Share) -> bytes:
    return bytes([share.index]) + share.value


def paper_code(poll_pk: int, share: Share) -> str:
    payload = share_bytes(share)
    code = base64.b32encode(payload + _check(poll_pk, payload)).decode()
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def read_paper_code(poll_pk: int, code: str) -> Share:
    """The share a typed paper code stands for; WrongShare when its check does not match (a typing mistake)."""
    letters = "".join(c for c in code.upper().translate(_LOOKALIKES) if c.isalnum())
    try:
        raw = base64.b32decode(letters)
    except ValueError:
        raise WrongShare from None
    payload, check = raw[:-CHECK_BYTES], raw[-CHECK_BYTES:]
    if len(payload) != 1 + SECRET_BYTES or not hmac.compare_digest(check, _check(poll_pk, payload)):
        raise WrongShare
    return Share(payload[0], payload[1:])


def _check(poll_pk: int, payload: bytes) -> bytes:
    return hashlib.sha256(f"hoinghi paper code {poll_pk}:".encode() + payload).digest()[:CHECK_BYTES]
