"""API keys as strings: made, shown once, kept only as a digest. Pure (no Django).

A key reads `hn_<prefix>_<secret>`: the prefix (8 characters) is kept in clear so that a person tells his keys
apart on his page and in the log; the secret (256 bits) never leaves the moment it is made. What is stored is the
SHA-256 of the whole key: a key of 256 random bits needs no slow hash, since it cannot be guessed from its digest.
"""

import hashlib
import re
import secrets

SCHEME = "hn"
PREFIX_LENGTH = 8
SHAPE = re.compile(rf"^{SCHEME}_([A-Za-z0-9]{{{PREFIX_LENGTH}}})_([A-Za-z0-9_-]{{43}})$")
ALPHABET = "abcdefghijkmnopqrstuvwxyz23456789"  # no l/1, 0/o to misread when a person reads a prefix aloud


def make() -> tuple[str, str]:
    """A new key and its prefix."""
    prefix = "".join(secrets.choice(ALPHABET) for _ in range(PREFIX_LENGTH))
    return f"{SCHEME}_{prefix}_{secrets.token_urlsafe(32)}", prefix


def digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def prefix_of(key: str) -> str | None:
    """The key's prefix, or None when the string is not shaped as a key (then no lookup is needed)."""
    shaped = SHAPE.match(key)
    return shaped.group(1) if shaped else None
