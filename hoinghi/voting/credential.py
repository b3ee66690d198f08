"""The ballot credential: what a voting page signs so that its cast can be taken without Django's middleware.

When the whole room votes at once, the poll and its subjects would be read again for every cast. The page that
shows a member the ballot already knows them, so it signs them: the poll's fixed facts (a poll's kind, method and
subjects never change once it exists, nor its public key once it is open), the voter's person, and a digest of
the session the page was served in. A cast that brings the credential with that session's cookie still passes
the checks of Django's own path (fast_cast.py); whether the voter still sits in the electorate and is not recorded
absent, whether the poll is open and whether he has voted are checked where the ballot is written, as for every
cast.
"""

import hashlib
import hmac
from dataclasses import asdict, dataclass

from django.core import signing

SALT = "hoinghi.voting.ballot"
MAX_AGE = 12 * 3600  # seconds: a meeting's day; a page older than that is reloaded


@dataclass(frozen=True)
class BallotPaper:
    """A poll as a cast sees it, and the voter it was issued to."""

    pk: int
    title: str
    kind: str
    method: str
    max_choices: int | None
    subject_ids: tuple[str, ...]
    person_id: int
    box_key: str = ""  # the public key a secret ballot is sealed to; empty in a poll sealed with the site's key


def _session_digest(session_key: str) -> str:
    return hashlib.sha256(f"{SALT}:{session_key}".encode()).hexdigest()[:32]


def paper_of(poll, person_id: int) -> BallotPaper:
    return BallotPaper(
        pk=poll.pk,
        title=poll.title,
        kind=poll.kind,
        method=poll.method,
        max_choices=poll.max_choices,
        subject_ids=tuple(str(subject.pk) for subject in poll.subjects.all()),
        person_id=person_id,
        box_key=poll.box_key,
    )


def issue(poll, person_id: int, session_key: str) -> str:
    """The credential of a voting page, for this voter in this session."""
    paper = paper_of(poll, person_id)
    return signing.dumps({**asdict(paper), "session": _session_digest(session_key)}, salt=SALT, compress=True)


def read(value: str, session_key: str) -> BallotPaper | None:
    """The paper a credential stands for, if it is genuine, recent and was issued in this session."""
    try:
        data = signing.loads(value, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:  # forged, altered or expired
        return None
    if not session_key or not hmac.compare_digest(data.pop("session"), _session_digest(session_key)):
        return None
    return BallotPaper(**{**data, "subject_ids": tuple(data["subject_ids"])})
