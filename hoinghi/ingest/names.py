"""People's names and positions as articles write them: one spelling for one position, one entry per person."""

import re
from functools import lru_cache

from hoinghi.core.text import clean, one_tone_placement

_ABBREVIATIONS = [
    (re.compile(r"\bUVTW(?:\s+Đảng)?\b"), "Ủy viên Trung ương Đảng"),
    (re.compile(r"\bUV\s*BTV\b"), "Ủy viên Ban Thường vụ"),
    (re.compile(r"\bUV\b"), "Ủy viên"),
    (re.compile(r"\bBTV\b"), "Ban Thường vụ"),
    (re.compile(r"\bBCH\b"), "Ban Chấp hành"),
    (re.compile(r"\bTW\b"), "Trung ương"),
]


@lru_cache(maxsize=4096)  # the same positions come back in every article of a portal
def normalize_position(text: str) -> str:
    """'Uỷ viên' = 'Ủy viên', 'UVTW' spelt out, the punctuation around trimmed."""
    text = clean(text).strip(" ,.;:-–")
    for pattern, spelt_out in _ABBREVIATIONS:
        text = pattern.sub(spelt_out, text)
    return one_tone_placement(text)


def merge_person(people: list[dict], name: str, positions: list[str]) -> None:
    """Add a person, or the positions not yet known of one already named (a shorter one it begins with is known)."""
    for person in people:
        if person["name"] == name:
            keys = [p.casefold() for p in person["positions"]]
            for position in positions:
                key = position.casefold()
                if not any(k == key or k.startswith(key) for k in keys):
                    person["positions"].append(position)
                    keys.append(key)
            return
    people.append({"name": name, "positions": list(dict.fromkeys(positions))})
