"""Places and bodies of the genre: every province and district of Việt Nam, before and after the 2025
reform (places.txt), and the deliberative bodies articles name ("Ban Thường vụ Tỉnh ủy", "HĐND
huyện", "UBND tỉnh"). General knowledge, never one article's. Pure functions."""

import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from hoinghi.core.text import match_key
from hoinghi.ingest.folding import UPPER

# Spellings of the same province the source data does not list.
_SPELLINGS = (
    "Thừa Thiên Huế", "Thừa Thiên - Huế", "TP Hồ Chí Minh", "TP. Hồ Chí Minh", "Thành phố Hồ Chí Minh", "Đăk Lăk",
    "Đắc Lắc", "Đắk Lắc", "Đăk Nông", "Đắc Nông", "Bắc Cạn", "Bà Rịa-Vũng Tàu", "Bà Rịa – Vũng Tàu", "Kontum",
)  # fmt: skip


def _load() -> tuple[frozenset[str], frozenset[str]]:
    provinces, districts = set(_SPELLINGS), set()
    for line in (Path(__file__).parent / "places.txt").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        head, _, rest = line.partition(": ")
        names = [item.strip() for item in rest.split(", ")]
        if head == "2025":
            provinces.update(names)
            continue
        provinces.add(head)
        for item in names:  # "thành phố Hải Dương", "thị xã Kinh Môn", "huyện Nam Sách"
            districts.add(re.sub(r"^(?:huyện|quận|thị xã|thành phố)\s+", "", item))
    return frozenset(map(match_key, provinces)), frozenset(map(match_key, districts))


PROVINCES, DISTRICTS = _load()
_key = lru_cache(maxsize=8192)(match_key)


def is_province(name: str) -> bool:
    return _key(name) in PROVINCES


def is_place(name: str) -> bool:
    """A province or a district (a district-level city, town or urban district)."""
    key = _key(name)
    return key in PROVINCES or key in DISTRICTS


_CAPITALISED = re.compile(rf"[^\W\d_]+(?:\s*[-–]\s*(?=[{UPPER}])[^\W\d_]+)*")  # "Bà Rịa - Vũng Tàu"


def place_at(text: str, start: int = 0, *, communes: bool = False) -> str | None:
    """The longest place name that begins at `start` ("Hải Dương", "Bà Rịa - Vũng Tàu"); with
    `communes`, any run of one to three capitalised words (communes are not in the gazetteer)."""
    short = _HCM.match(text, start)
    if short:
        return short.group(0)
    words: list[re.Match] = []
    position = start
    while len(words) < 5:
        match = _CAPITALISED.match(text, position)
        if not match or not match.group(0)[0].isupper():
            break
        words.append(match)
        position = match.end()
        if not text.startswith(" ", position):
            break
        position += 1
    for count in range(len(words), 0, -1):
        name = text[start : words[count - 1].end()]
        if is_place(name):
            return name
    if communes and words and not any(w.group(0) in _NOT_PLACE_WORDS for w in words[:1]):
        run = []
        for word in words[:3]:
            if word.group(0) in _NOT_PLACE_WORDS:
                break
            run.append(word)
        return text[start : run[-1].end()] if run else None
    return None


_NOT_PLACE_WORDS = frozenset("Khóa Khoá Lần Nhiệm Kỳ Năm Giai Tổ Về Đảng Ủy Uỷ Và TP Tp".split())

# --- bodies ---------------------------------------------------------------------------------
UY = r"(?:ủy|uỷ|Ủy|Uỷ)"
COMMITTEE = rf"(?:Tỉnh|Thành|Huyện|Thị|Quận|tỉnh|thành|huyện|thị|quận) {UY}"
LEVEL = r"(?:tỉnh|thành phố|TP\.?|Tp\.?|huyện|thị xã|quận|xã|phường|thị trấn)"
COUNCIL = r"(?:HĐND|Hội đồng [Nn]hân dân)"
GOVERNMENT = rf"(?:UBND|{UY} ban [Nn]hân dân)"
# a body that decides or is told to act, as the subject or object of a sentence (no lone "Tỉnh ủy")
DECIDING = (
    rf"(?:Ban [Tt]hường vụ|Ban [Cc]hấp hành|BTV|BCH|Thường trực) (?:{COMMITTEE}|Đảng {UY})|"
    rf"Ban [Cc]hấp hành Đảng bộ {LEVEL}|(?:Thường trực )?{COUNCIL}(?: \(HĐND\))? {LEVEL}|{GOVERNMENT} {LEVEL}"
)
# the genre's deliberative bodies, longest first; group "kind" tells which
BODY = re.compile(
    rf"(?P<standing>(?:Ban [Tt]hường vụ|BTV) (?:{COMMITTEE}|Đảng {UY}(?: {LEVEL})?))|"
    rf"(?P<executive>(?:Ban [Cc]hấp hành|BCH) (?:[Đđ]ảng bộ {LEVEL}|{COMMITTEE}))|"
    rf"(?P<party_board>Thường trực (?:{COMMITTEE}|Đảng {UY}(?: {LEVEL})?))|"
    rf"(?P<council_board>Thường trực {COUNCIL} {LEVEL})|"
    rf"(?P<council>{COUNCIL}(?: \(HĐND\))? {LEVEL}|{COUNCIL}(?= (?i:khóa|khoá)\b))|"
    rf"(?P<government>{GOVERNMENT}(?: \(UBND\))? {LEVEL})|"
    rf"(?P<committee>(?:{COMMITTEE}|Đảng {UY} {LEVEL})(?! viên))"
)


class Body(NamedTuple):
    text: str
    kind: str
    start: int
    end: int


def bodies(text: str) -> list[Body]:
    """Every body named in a text, in order."""
    return [Body(m.group(0), m.lastgroup or "", m.start(), m.end()) for m in BODY.finditer(text)]


@lru_cache(maxsize=1024)
def body_key(name: str) -> str:
    key = match_key(re.sub(r"\s*\((?:HĐND|UBND)\)", "", name))
    for long, short in (("hội đồng nhân dân", "hđnd"), ("ủy ban nhân dân", "ubnd"), ("ban thường vụ", "btv"),
                        ("ban chấp hành", "bch"), ("thành phố", "tp"), ("tp.", "tp")):  # fmt: skip
        key = key.replace(long, short)
    # the executive of a Party organization is its committee: "BCH Đảng bộ tỉnh" is the "Tỉnh ủy"
    return _EXECUTIVE.sub(lambda m: f"{_COMMITTEE_OF[m.group(1)]} ủy", key)


_COMMITTEE_OF = {"tỉnh": "tỉnh", "tp": "thành", "huyện": "huyện", "thị xã": "thị", "quận": "quận", "xã": "đảng"}
_EXECUTIVE = re.compile(r"^bch đảng bộ (tỉnh|tp|huyện|thị xã|quận|xã)$")


# "TP.HCM", "TPHCM", "TP HCM": the city's short names, told by their bare name
_HCM = re.compile(r"(?:TP\.?\s?|Tp\.?\s?)?HCM\b|TPHCM\b")


def bare_name(place: str) -> str:
    return "Hồ Chí Minh" if _HCM.fullmatch(place) else place
