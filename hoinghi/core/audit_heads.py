"""The chain heads written outside the database, where its administrator cannot rewrite them: one line per head
appended to a file (`HOINGHI_AUDIT_HEADS`, by default in the data folder; opened O_APPEND, so a line is never
written over), and the same line in the server's log (the system journal under systemd).

A line: the time it was written, the head's sequence number, its hash, the event's time, and why it was written
(`every` N events, `notice`, `vote_count`, `scheduled`).
"""

import datetime
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from . import chain

logger = logging.getLogger("hoinghi.audit")


@dataclass(frozen=True)
class Head:
    line: int
    written_at: str
    seq: int
    hash: str
    at: str
    reason: str


def path() -> Path:
    return Path(settings.AUDIT_HEADS_FILE)


def publish(seq: int, hash_hex: str, at: datetime.datetime, reason: str) -> bool:
    """Write the head to the file and the log; False if the file could not be written (the log has it still)."""
    written = chain.timestamp(datetime.datetime.now(datetime.UTC))
    line = f"{written} {seq} {hash_hex} {chain.timestamp(at)} {reason}"
    logger.info("audit head %s", line)
    try:
        descriptor = os.open(path(), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(descriptor, f"{line}\n".encode())
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
    except OSError:
        # The change it follows is committed; the journal has the line. Say loudly that the file did not.
        logger.exception("could not append the audit head to %s", path())
        return False
    return True


def read() -> tuple[list[Head], list[int]]:
    """The heads of the file, and the numbers of its lines that are not heads."""
    heads, bad = [], []
    if not path().exists():
        return heads, bad
    for number, line in enumerate(path().read_text(errors="replace").splitlines(), start=1):
        parts = line.split()
        if len(parts) == 5 and parts[1].isdigit() and len(parts[2]) == 64:
            heads.append(Head(number, parts[0], int(parts[1]), parts[2], parts[3], parts[4]))
        elif line.strip():
            bad.append(number)
    return heads, bad
