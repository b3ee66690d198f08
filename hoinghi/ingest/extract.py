"""Extract the meeting record from an article's text: pure functions, no Django, no database.

A pipeline of small parts, each built on genre rules (how provincial portals write about Party
committee and People's Council meetings), never on one article's names or sentences:
layout (headline, stamp, paragraphs, captions) → sentences and their roles (a cue prefilter) →
the meeting's own facts → people, agenda, decisions, tasks, ballots and goals.
`extract` puts them together in the shape of the corpus SCHEMA, with a `warnings` list.
"""

import re
from collections.abc import Callable

from hoinghi.core.text import nfc
from hoinghi.ingest.agenda import find_agenda_items
from hoinghi.ingest.clauses import read_article
from hoinghi.ingest.conclusions import find_conclusions
from hoinghi.ingest.directives import find_directives
from hoinghi.ingest.meeting import (
    find_date,
    find_meeting,
    find_organization,
    find_session_number,
    find_term,
    normalize_body,
)
from hoinghi.ingest.people import find_attendees, find_chairs
from hoinghi.ingest.targets import find_targets
from hoinghi.ingest.votes import find_votes

_ASCII_LETTERS = re.compile(r"[A-Za-z]+")
_VIETNAMESE_LETTERS = re.compile("[ăâđêôơưĂÂĐÊÔƠƯ\u00c0-\u1ef9]+")


def _looks_vietnamese(text: str) -> bool:
    """Vietnamese has a marked letter in most words: more than 3% of the letters in a sample."""
    sample = text[:1500]
    marked = sum(map(len, _VIETNAMESE_LETTERS.findall(sample)))
    letters = marked + sum(map(len, _ASCII_LETTERS.findall(sample)))
    return letters > 0 and marked / letters > 0.03


def empty_record(source: str | None) -> dict:
    return {
        "source": source,
        "meeting": {
            "body": None,
            "organization": None,
            "term": None,
            "session_number": None,
            "date": None,
            "chairs": [],
            "attendees": [],
        },
        "agenda_items": [],
        "conclusions": [],
        "directives": [],
        "votes": [],
        "targets": [],
        "warnings": [],
    }


def _quiet(step: str) -> None:
    pass


def extract(text: str, source: str | None = None, progress: Callable[[str], None] = _quiet) -> dict:
    """The meeting record an article describes, with warnings for a reviewer; never raises.

    `progress` is told each part as it begins ("meeting", "people", "agenda", "tasks"), for a page that
    shows the work while it runs."""
    record = empty_record(source)
    warnings = record["warnings"]
    try:
        _fill(record, nfc(text or ""), warnings, progress)
    except Exception as error:  # a rule tripped on odd input: keep what was found
        warnings.append(f"extraction stopped early: {type(error).__name__}")
    return record


def _fill(record: dict, text: str, warnings: list[str], progress: Callable[[str], None]) -> None:
    if not text.strip():
        warnings.append("empty article: no text")
        return
    if not _looks_vietnamese(text):
        warnings.append("the text does not look Vietnamese")
    progress("meeting")
    article = read_article(text)
    meeting = find_meeting(article)
    fields = record["meeting"]
    if meeting.body is None:
        warnings.append("no meeting body found: perhaps not a meeting article")
    else:
        fields["body"] = normalize_body(meeting.body.text)
    fields["organization"] = find_organization(meeting, article)
    fields["term"] = find_term(meeting, article)
    fields["session_number"] = find_session_number(meeting, article, warnings)
    fields["date"] = find_date(article, warnings)
    progress("people")
    fields["chairs"] = find_chairs(article)
    fields["attendees"] = find_attendees(article, fields["chairs"])
    progress("agenda")
    record["agenda_items"] = find_agenda_items(article)
    record["conclusions"] = find_conclusions(article)
    progress("tasks")
    record["directives"] = find_directives(article, fields["body"], fields["chairs"], fields["date"])
    record["votes"] = find_votes(article)
    record["targets"] = find_targets(article)
