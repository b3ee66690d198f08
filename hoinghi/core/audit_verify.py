"""Checking the audit log: the chain in the database, against every head written outside it, or against the
verification code printed on a paper copy."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from . import audit_heads, chain
from .models import AuditEvent

COLUMNS = ("id", "hash", *chain.FIELDS)


@dataclass
class Report:
    events: int = 0  # events that hold, from the first
    last: dict | None = None  # the last of them
    problem: chain.Problem | None = None
    heads: int = 0  # heads of the file found in the chain
    unreached: list[tuple[audit_heads.Head, int | None]] = field(default_factory=list)  # with the seq it fails at
    bad_lines: list[int] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return self.problem is None and not self.unreached and not self.bad_lines


def events():
    return AuditEvent.objects.order_by("seq", "id").values(*COLUMNS).iterator(chunk_size=2000)


def event(seq: int) -> dict | None:
    return AuditEvent.objects.filter(seq=seq).values(*COLUMNS).first()


def verify() -> Report:
    """Walk the whole chain and check every head of the file against it."""
    report = Report()
    heads, report.bad_lines = audit_heads.read()
    by_seq: dict[int, list[audit_heads.Head]] = {}
    for head in heads:
        by_seq.setdefault(head.seq, []).append(head)
    for step in chain.check(events()):
        if isinstance(step, chain.Problem):
            report.problem = step
            break
        report.events, report.last = report.events + 1, step
        for head in by_seq.pop(step["seq"], []):
            if head.hash == step["hash"]:
                report.heads += 1
            else:
                report.unreached.append((head, step["seq"]))
    # Heads past the last event that holds: the events they stood for are gone, or cannot be trusted.
    report.unreached += [(head, None) for seq in sorted(by_seq) for head in by_seq[seq]]
    report.unreached.sort(key=lambda entry: entry[0].seq)
    return report


@dataclass
class CodeCheck:
    malformed: bool = False
    event: dict | None = None  # the event the code names, when the chain holds up to it and the hash matches
    problem: chain.Problem | None = None  # the chain breaks before the event the code names
    missing: bool = False  # no such event
    mismatch: bool = False  # the event is there but is not the one printed

    @property
    def proves(self) -> bool:
        return self.event is not None


def verify_code(code: str) -> CodeCheck:
    read = chain.read_code(code)
    if read is None:
        return CodeCheck(malformed=True)
    seq, prefix = read
    for step in chain.check(events()):
        if isinstance(step, chain.Problem):
            return CodeCheck(problem=step)
        if step["seq"] == seq:
            return CodeCheck(event=step) if step["hash"].startswith(prefix) else CodeCheck(mismatch=True)
    return CodeCheck(missing=True)


def local(at: datetime.datetime) -> str:
    return timezone.localtime(at).strftime("%d/%m/%Y %H:%M:%S")
