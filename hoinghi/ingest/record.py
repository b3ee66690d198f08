"""The reviewed record: validation and normalization of what the reviewer submits, and its edit paths.

No database: `normalize` checks a record dict (the shape of the corpus SCHEMA) and returns a clean
copy; errors are keyed by the field's path ("directives.2.deadline") so a form can show them in place.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hoinghi.core.roman import roman_to_int
from hoinghi.core.text import clean, fold

OUTCOMES = ["approved", "basically_approved", "approved_with_revisions", "returned", "noted", "other"]
VOTE_METHODS = ["open", "secret", "paper"]
MEETING_SCALARS = ["body", "organization", "term", "session_number", "date"]
PEOPLE = ["chairs", "attendees"]
LISTS = ["agenda_items", "conclusions", "directives", "votes", "targets"]


class _Errors(dict):
    def add(self, path: str, message: str) -> None:
        self.setdefault(path, message)


def _text(value) -> str | None:
    if value is None:
        return None
    text = clean(str(value))
    return text or None


def _required(value, path: str, errors: _Errors) -> str:
    text = _text(value)
    if text is None:
        errors.add(path, _("This field is required."))
    return text or ""


def _date(value, path: str, errors: _Errors) -> str | None:
    text = _text(value)
    if text is None:
        return None
    try:
        return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        errors.add(path, _("Enter a date as YYYY-MM-DD."))
        return text


def _number(value, path: str, errors: _Errors, *, whole=False, low=None, high=None):
    text = _text(value)
    if text is None:
        return None
    try:
        # "1.500" is a thousand-separated Vietnamese figure only with three digits after a dot; "12,5" a decimal.
        plain = text.replace(" ", "")
        if re.fullmatch(r"\d{1,3}(\.\d{3})+", plain):
            plain = plain.replace(".", "")
        number = Decimal(plain.replace(",", "."))
    except InvalidOperation:
        errors.add(path, _("Enter a number."))
        return text
    if whole and number != number.to_integral_value():
        errors.add(path, _("Enter a whole number."))
        return text
    if (low is not None and number < low) or (high is not None and number > high):
        errors.add(path, _("Enter a number between %(low)s and %(high)s.") % {"low": low, "high": high})
        return text
    return int(number) if number == number.to_integral_value() else float(number)


def _choice(value, choices: list[str], path: str, errors: _Errors, *, required=True) -> str | None:
    text = _text(value)
    if text is None and not required:
        return None
    if text not in choices:
        errors.add(path, _("Choose one of the listed values."))
    return text


def _items(value, path: str, errors: _Errors) -> list:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(entry, dict) for entry in value):
        errors.add(path, _("Enter a list of entries."))
        return []
    return value


def _positions(value) -> list[str]:
    # A form may send the positions as one text, one per line or separated by semicolons.
    parts = re.split(r"[;\n]", value) if isinstance(value, str) else value or []
    return [text for text in (_text(part) for part in parts) if text]


def _term(value, path: str, errors: _Errors) -> str | None:
    text = _text(value)
    if text is None:
        return None
    try:
        roman_to_int(text)
    except ValueError:
        errors.add(path, _("The term must be a Roman numeral, e.g. XVII."))
        return text
    return text.upper()


def _meeting(meeting: dict, errors: _Errors) -> dict:
    people = {
        key: [
            {
                "name": _required(entry.get("name"), f"meeting.{key}.{n}.name", errors),
                "positions": _positions(entry.get("positions")),
            }
            for n, entry in enumerate(_items(meeting.get(key), f"meeting.{key}", errors))
        ]
        for key in PEOPLE
    }
    return {
        "body": _text(meeting.get("body")),
        "organization": _text(meeting.get("organization")),
        "term": _term(meeting.get("term"), "meeting.term", errors),
        "session_number": _number(meeting.get("session_number"), "meeting.session_number", errors, whole=True, low=1),
        "date": _date(meeting.get("date"), "meeting.date", errors),
        **people,
    }


def _agenda_item(entry: dict, path: str, errors: _Errors) -> dict:
    return {"title": _required(entry.get("title"), f"{path}.title", errors), "presenter": _text(entry.get("presenter"))}


def _conclusion(entry: dict, path: str, errors: _Errors) -> dict:
    return {
        "item": _text(entry.get("item")),
        "outcome": _choice(entry.get("outcome"), OUTCOMES, f"{path}.outcome", errors),
        "text": _required(entry.get("text"), f"{path}.text", errors),
    }


def _directive(entry: dict, path: str, errors: _Errors) -> dict:
    return {
        "assignee": _required(entry.get("assignee"), f"{path}.assignee", errors),
        "content": _required(entry.get("content"), f"{path}.content", errors),
        "deadline": _date(entry.get("deadline"), f"{path}.deadline", errors),
    }


def _vote(entry: dict, path: str, errors: _Errors) -> dict:
    return {
        "subject": _required(entry.get("subject"), f"{path}.subject", errors),
        "method": _choice(entry.get("method"), VOTE_METHODS, f"{path}.method", errors, required=False),
        "result_text": _required(entry.get("result_text"), f"{path}.result_text", errors),
        "percent_for": _number(entry.get("percent_for"), f"{path}.percent_for", errors, low=0, high=100),
    }


def _target(entry: dict, path: str, errors: _Errors) -> dict:
    value = _number(entry.get("value"), f"{path}.value", errors)
    if value is None:
        errors.add(f"{path}.value", _("This field is required."))
    return {
        "indicator": _required(entry.get("indicator"), f"{path}.indicator", errors),
        "value": value,
        "unit": _required(entry.get("unit"), f"{path}.unit", errors),
        "year": _number(entry.get("year"), f"{path}.year", errors, whole=True, low=1945, high=2100),
        "scope": _text(entry.get("scope")),
    }


_ENTRY = {
    "agenda_items": _agenda_item,
    "conclusions": _conclusion,
    "directives": _directive,
    "votes": _vote,
    "targets": _target,
}


def normalize(record: dict) -> dict:
    """A clean copy of `record`; raises ValidationError({path: message}) listing every problem."""
    errors = _Errors()
    meeting = record.get("meeting")
    if not isinstance(meeting, dict):
        errors.add("meeting", _("The meeting is missing."))
        meeting = {}
    clean_record = {"source": record.get("source"), "meeting": _meeting(meeting, errors)}
    for key in LISTS:
        entries = _items(record.get(key), key, errors)
        clean_record[key] = [_ENTRY[key](entry, f"{key}.{n}", errors) for n, entry in enumerate(entries)]
    clean_record["warnings"] = [str(w) for w in record.get("warnings") or []]
    if errors:
        raise ValidationError(dict(errors))
    return clean_record


def _leaves(value, path: str = "") -> dict[str, object]:
    if isinstance(value, dict):
        pairs = value.items()
    elif isinstance(value, list):
        pairs = ((str(n), entry) for n, entry in enumerate(value))
    else:
        return {path: value}
    leaves = {path: None} if not value and path else {}
    for key, entry in pairs:
        leaves.update(_leaves(entry, f"{path}.{key}" if path else key))
    return leaves


def changes(before: dict, after: dict) -> dict[str, list]:
    """{path: [old, new]} for every leaf that differs ("directives.2.deadline", "meeting.date")."""
    old, new = _leaves(before), _leaves(after)
    return {
        path: [old.get(path), new.get(path)]
        for path in sorted(old.keys() | new.keys())
        if old.get(path) != new.get(path)
    }


def sections() -> list[str]:
    """The record's parts a re-extraction replaces whole, unless the reviewer edited inside them."""
    return [f"meeting.{key}" for key in MEETING_SCALARS + PEOPLE] + LISTS


def refreshed(record: dict, extracted: dict, edited: list[str]) -> dict:
    """`record` with every section the reviewer never touched taken from a new extraction."""
    result = {**record, "meeting": dict(record.get("meeting") or {})}
    for section in sections():
        if any(path == section or path.startswith(section + ".") for path in edited):
            continue
        if section.startswith("meeting."):
            key = section.split(".", 1)[1]
            result["meeting"][key] = extracted["meeting"][key]
        else:
            result[section] = extracted[section]
    result["warnings"] = extracted.get("warnings", [])
    return result


# How an item's title starts says what kind of paper it is (the genre's standard names).
_KINDS = [
    ("du thao nghi quyet", "draft_resolution"),
    ("to trinh", "submission"),
    ("de an", "scheme"),
    ("bao cao", "report"),
]
# personnel business, named ("công tác cán bộ") or as the action itself ("Bầu ...", "Miễn nhiệm ...")
_PERSONNEL = re.compile(
    r"\b(nhan su|cong tac can bo|to chuc can bo|gioi thieu ung cu)\b|"
    r"^(bau|mien nhiem|bai nhiem|cho thoi|xac nhan ket qua bau|phe chuan|bo nhiem|dieu dong|kien toan)\b"
)


def item_kind(title: str) -> str:
    """The agenda item's kind from its title: "Dự thảo Nghị quyết ..." is a draft resolution."""
    key = fold(title)
    for start, kind in _KINDS:
        if key.startswith(start):
            return kind
    return "personnel" if _PERSONNEL.search(key) else "other"


def words(text: str | None) -> set[str]:
    """The folded syllables of a text, for matching names and titles whatever their spelling."""
    return set(re.findall(r"\w+", fold(text or "")))


def coverage(part: str | None, whole: str | None) -> float:
    """Share of `part`'s syllables found in `whole` (1.0: every one)."""
    wanted = words(part)
    return len(wanted & words(whole)) / len(wanted) if wanted else 0.0


MATCH = 0.5  # share of a label's syllables an item title must contain to be that item


def item_score(label: str | None, text: str, title: str) -> float:
    """How well an item's title fits a conclusion's label (or, with no label, its text) or a vote's subject."""
    return coverage(label, title) if label else coverage(title, text)


def best_item(label: str | None, text: str, titles: dict[int, str]) -> int | None:
    """The item whose title `label` names (or, with no label, whose title `text` speaks of), or None."""
    scored = [(item_score(label, text, title), -i, i) for i, title in titles.items()]
    best = max(scored, default=None)
    return best[2] if best and best[0] >= MATCH else None


def placed_conclusions(titles: dict[int, str], conclusions: list[dict]) -> list[int | None]:
    """The item each conclusion goes on, one conclusion per item, in order; None: an item of its own."""
    free = dict(titles)
    placed = []
    for conclusion in conclusions:
        index = best_item(conclusion.get("item"), conclusion.get("text") or "", free)
        free.pop(index, None)
        placed.append(index)
    return placed


def placed_votes(titles: dict[int, str], votes: list[dict]) -> list[int | None]:
    """The item each vote goes on; None: an item of its own."""
    return [best_item(vote.get("subject"), vote.get("subject") or "", titles) for vote in votes]


def removed_item_of(label: str | None, text: str, removed: dict[int, str], kept: dict[int, str]) -> int | None:
    """The removed item a conclusion or vote belongs to: one it fits better than every item kept, or None."""
    found = best_item(label, text, removed)
    if found is None:
        return None
    best_kept = max((item_score(label, text, title) for title in kept.values()), default=0.0)
    return found if item_score(label, text, removed[found]) > best_kept else None
