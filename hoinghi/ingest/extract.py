"""Extract the meeting record from an article's text: pure functions, no Django, no database.

Each field has its own small function built on genre rules (how provincial portals write about
Party committee and People's Council meetings), never on one article's names or sentences.
`extract` puts them together in the shape of the corpus SCHEMA, with a `warnings` list.
"""

import re
from datetime import date
from itertools import islice

from hoinghi.core.roman import roman_to_int
from hoinghi.core.text import clean, nfc, one_tone_placement
from hoinghi.ingest.agenda import find_agenda_items
from hoinghi.ingest.decisions import find_conclusions, find_directives
from hoinghi.ingest.figures import find_targets, find_votes, paragraph_sentences
from hoinghi.ingest.names import merge_person, normalize_position
from hoinghi.ingest.people import find_attendees
from hoinghi.ingest.scanning import scanning

# --- words -----------------------------------------------------------------------------------
_UY = r"(?:[uU]ỷ|[ủỦ]y)"  # "ủy" and "uỷ"
_ROMAN = r"[IVXLC]+"
_WORD_NUMBERS = {
    "nhất": 1, "một": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7,
    "bẩy": 7, "tám": 8, "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12, "mười ba": 13,
    "mười bốn": 14, "mười lăm": 15, "mười sáu": 16, "mười bảy": 17, "mười tám": 18,
    "mười chín": 19, "hai mươi": 20,
}  # fmt: skip
_NUMBER_WORDS = "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True))


def _roman(token: str) -> int | None:
    try:
        return roman_to_int(token)
    except ValueError:
        return None


def _number(token: str) -> int | None:
    token = token.strip()
    if token.isdigit():
        return int(token)
    if re.fullmatch(_ROMAN, token):
        return _roman(token)
    return _WORD_NUMBERS.get(token.lower())


# --- layout: banner, title, publication line --------------------------------------------------
_DATE_ONLY = re.compile(
    r"^\s*(?:(?:cập nhật|ngày đăng|đăng ngày|ngày xuất bản|đăng lúc)\s*:?\s*)?"
    r"(?:(?:thứ\s+\w+|chủ nhật)\s*,?\s*)?(?:ngày\s+)?"
    r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s*[-,|]?\s*\d{1,2}(?::|h)\d{2}(?::\d{2})?\s*(?:AM|PM|GMT[+\d:]*)?)?\s*$",
    re.I,
)


def layout(text: str) -> dict:
    """Split off the page banner, the title and the publication date; return the body text."""
    lines = [line.strip() for line in text.split("\n")]
    title, published, banner = None, None, None
    body_start = len(lines)
    for index, line in enumerate(lines):
        if not line:
            continue
        match = _DATE_ONLY.match(line)
        if match:
            day = _safe_date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
            if title is None:
                banner = banner or day  # a date above the title is the page's "today"
            elif published is None:
                published = day
                body_start = index + 1
            continue
        if title is None:
            title = line
            body_start = index + 1
            continue
        if published is None and index - body_start > 3:
            break
        if published is not None:
            break
    body = "\n".join(lines[body_start:]) if title is not None else text
    return {"title": title, "published": published, "banner": banner, "body": body}


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# --- body and organization ----------------------------------------------------------------------
_LEVEL = r"(?:tỉnh|thành phố|huyện|thị xã|quận)"
_BODY = re.compile(
    rf"Ban Chấp hành Đảng bộ {_LEVEL}|"
    rf"Ban Thường vụ (?:Tỉnh|Thành|Huyện|Thị|Quận) {_UY}|"
    rf"Ban Chấp hành (?:Tỉnh|Thành|Huyện|Thị|Quận) {_UY}|"
    rf"Thường trực (?:Tỉnh|Thành|Huyện|Thị|Quận) {_UY}|"
    rf"(?:HĐND|Hội đồng nhân dân) {_LEVEL}"
)
_MEETING_CUE = scanning(r"hội nghị|phiên họp|kỳ họp|cuộc họp|\bhọp\b|lần thứ", re.I)


def normalize_body(raw: str) -> str:
    body = one_tone_placement(clean(raw))
    body = body.replace("Hội đồng nhân dân", "HĐND")
    return re.sub(r"\b(Tỉnh|Thành|Huyện|Thị|Quận) ủy", lambda m: f"{m.group(1)} ủy", body)


def find_body(title: str | None, body_text: str) -> str | None:
    """The deliberative body: the one named in a sentence about the meeting, else the commonest."""
    for chunk in [title or ""] + _opening(body_text, 8):
        match = _BODY.search(chunk)
        if match and _MEETING_CUE.search(chunk):
            return normalize_body(match.group(0))
    counts: dict[str, int] = {}
    for match in _BODY.finditer(f"{title or ''}\n{body_text}"):
        key = normalize_body(match.group(0))
        counts[key] = counts.get(key, 0) + 1
    return max(counts, key=counts.get) if counts else None


_TOKEN = re.compile(r"\S+")


def _proper_name_after(text: str, start: int, max_words: int = 4) -> str | None:
    """The run of capitalised syllables that starts at `start` (a place name)."""
    words = []
    for match in _TOKEN.finditer(text, start):  # from `start`, not on a copy of the rest of the page
        word = match.group(0)
        stripped = word.rstrip(",.;:)”\"'")
        if not stripped or not stripped[0].isupper() or not stripped.replace("-", "").isalpha():
            break
        words.append(stripped)
        if stripped != word or len(words) >= max_words:
            break
    return " ".join(words) if words else None


_STOP_PLACE_WORDS = {"Ủy", "Uỷ", "Đảng", "Khóa", "Khoá", "Lần", "Nhiệm", "Giai", "Năm"}
_UNITS = {"tỉnh": "Tỉnh", "thành phố": "Thành", "huyện": "Huyện", "thị xã": "Thị", "quận": "Quận"}
# per level: a place right after the body's own name (worth more), and after the bare level
_PLACE_CUES = {
    level: (
        scanning(
            rf"(?:{unit} {_UY}|(?:HĐND|Hội đồng nhân dân|UBND|Ủy ban nhân dân|Đảng bộ) {level}) "
            r"(?=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ])"
        ),
        re.compile(rf"{level}(?<!\w{level}) (?=\w)"),  # "\b{level}", written so that re scans for the word
    )
    for level, unit in _UNITS.items()
}


def find_organization(body: str | None, text: str) -> str | None:
    """The province or city: named right after the body, else the commonest '<level> Name'."""
    if body is None:
        level = "tỉnh"
    elif re.search(r"Thành ủy|thành phố", body):
        level = "thành phố"
    elif re.search(r"Huyện ủy|huyện", body):
        level = "huyện"
    elif re.search(r"Thị ủy|thị xã", body):
        level = "thị xã"
    elif re.search(r"Quận ủy|quận", body):
        level = "quận"
    else:
        level = "tỉnh"
    direct, plain = _PLACE_CUES[level]
    people = {
        _proper_name_after(text, m.end()) for m in _PERSON_NAMED.finditer(text)
    }  # "Bí thư Tỉnh ủy Nguyễn Văn A": a person after a title is not a place
    candidates: dict[str, int] = {}
    for match in direct.finditer(text):
        name = _clean_place(_proper_name_after(text, match.end()))
        if name and name not in people:
            candidates[name] = candidates.get(name, 0) + 3
    for match in plain.finditer(text):
        name = _clean_place(_proper_name_after(text, match.end()))
        if name and name not in people:
            candidates[name] = candidates.get(name, 0) + 1
    return max(candidates, key=candidates.get) if candidates else None


def _clean_place(name: str | None) -> str | None:
    if not name:
        return None
    words = name.split()
    while words and words[-1] in _STOP_PLACE_WORDS:
        words.pop()
    if not words or words[0] in _STOP_PLACE_WORDS:
        return None
    return " ".join(words)


# --- term and session number ----------------------------------------------------------------
_TERM = rf"(?:khóa|khoá|nhiệm kỳ)\s*(?:thứ\s*)?({_ROMAN})\b"
_TERM_ANYWHERE = scanning(_TERM, re.I)


def find_term(body: str | None, text: str) -> str | None:
    """The Roman term after "khóa"/"nhiệm kỳ", preferring the one next to the body's name."""
    if body:
        near = re.search(rf"{_body_pattern(body)}[^.;\n]{{0,20}}?\(?{_TERM}", text, re.I)
        if near:
            return near.group(1).upper()
    match = _TERM_ANYWHERE.search(text)
    return match.group(1).upper() if match and match.group(1).isupper() else None


def _body_pattern(body: str) -> str:
    return re.escape(body).replace("ủy", _UY).replace("HĐND", "(?:HĐND|Hội đồng nhân dân)")


_SESSION = scanning(
    r"(?:hội nghị|phiên họp|cuộc họp)[^.;:\n]{0,60}?lần thứ\s+"
    rf"(\d+|{_ROMAN}\b|{_NUMBER_WORDS})|"
    rf"kỳ họp\s+(?:thứ\s+)?(\d+|{_ROMAN}\b|{_NUMBER_WORDS})",
    re.I,
)


def find_session_number(text: str) -> int | None:
    for match in _SESSION.finditer(text):
        number = _number(match.group(1) or match.group(2))
        if number:
            return number
    return None


# --- date ----------------------------------------------------------------------------------
_DAY_PATTERNS = [
    re.compile(r"\bngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?", re.I),
    re.compile(r"\bngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?", re.I),
    re.compile(
        r"\b(?:sáng|chiều|tối|trưa)\s*(?:nay|qua|hôm nay)?\s*,?\s*(?:ngày\s+)?"
        r"(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?",
        re.I,
    ),
]


def find_date(body_text: str, published: date | None, warnings: list[str]) -> str | None:
    """The meeting day from the opening sentences about the meeting; year from the publication."""
    for sentence in _opening(body_text, 6):
        if not _MEETING_CUE.search(sentence) and not _BODY.search(sentence):
            continue
        for pattern in _DAY_PATTERNS:
            match = pattern.search(sentence)
            if not match:
                continue
            day, month = int(match.group(1)), int(match.group(2))
            if match.group(3):
                year = int(match.group(3))
            elif published is not None:
                year = published.year
                if (month, day) > (published.month, published.day):
                    year -= 1  # reported after New Year about a meeting held in December
            else:
                warnings.append(f"meeting day {day}/{month} has no year and the article has no publication date")
                return None
            found = _safe_date(year, month, day)
            if found:
                return found.isoformat()
    return None


# --- people ---------------------------------------------------------------------------------
_HONORIFIC = r"(?:đồng chí|Đồng chí|ĐỒNG CHÍ|đ/c|Đ/c|Đ/C|ông|Ông|bà|Bà)"
_PERSON_NAMED = re.compile(_HONORIFIC + r"\s+")  # find_organization: the words after are a person
_POSITION_START = {
    "Bí", "Phó", "Chủ", "Ủy", "Uỷ", "UVTW", "Giám", "Trưởng", "Tỉnh", "Thành", "Huyện",
    "Cục", "Chánh", "Tổng", "Thứ", "Bộ", "Đại", "Thường", "Viện", "Nguyên", "Ban", "Hội",
    "Trung", "Đảng", "UBND", "HĐND", "Các",
}  # fmt: skip


def _split_name(segment: str) -> tuple[str | None, list[str]]:
    """'Nguyễn Văn A, pos, pos' or 'Nguyễn Văn A - pos, pos' → name, positions."""
    segment = re.sub(rf"^\s*{_HONORIFIC}\s*:?\s*", "", segment.strip())
    match = re.match(r"((?:[^\W\d_]+\s+){1,4}?[^\W\d_]+)\s*(?:[,–-]\s*|$)", segment)
    if not match:
        return None, []
    name = clean(match.group(1))
    words = name.split()
    if not all(w[0].isupper() for w in words) or words[0] in _POSITION_START or len(words) < 2:
        return None, []
    rest = segment[match.end() :]
    positions = [normalize_position(p) for p in re.split(r",|;", rest)]
    return name, [p for p in positions if p]


_PERSON_TITLE = re.compile(
    r"^(?:nguyên\s+)?(?:Phó\s+)?(?:Bí thư|Chủ tịch|Giám đốc|Trưởng|Ủy viên|Uỷ viên|Tổng|"
    r"Bộ trưởng|Thứ trưởng|Chánh|Cục trưởng|Chủ nhiệm)\b",
    re.I,
)


def _title_then_name(clause: str) -> tuple[str | None, list[str]]:
    """'Bí thư Tỉnh ủy Nguyễn Văn A' (title before the name) → name, positions."""
    clause = re.sub(rf"^\s*{_HONORIFIC}\s*:?\s*", "", clause.strip())
    pieces = [p.strip() for p in clause.split(",") if p.strip()]
    if not pieces:
        return None, []
    words = pieces[-1].split()
    run: list[str] = []
    for word in reversed(words):
        if not (word[:1].isupper() and word.replace("-", "").isalpha()):
            break
        run.insert(0, word)
    if len(run) > 4:
        run = run[-3:]  # "Chủ tịch UBND tỉnh Hà Nam Trần Văn A": a name is mostly 3 syllables
    if len(run) < 2 or len(run) == len(words):
        return None, []
    title = " ".join(words[: len(words) - len(run)])
    if not _PERSON_TITLE.match(title):
        return None, []
    positions = [p for p in pieces[:-1] if _PERSON_TITLE.match(p)] + [title]
    return " ".join(run), [normalize_position(p) for p in positions]


_CHAIR = scanning(r"\bchủ (?:trì|tọa|toạ)\b", re.I)  # a council's session is presided ("chủ tọa")
# "dưới sự chủ trì của đồng chí A", "Chủ trì hội nghị có đồng chí A", "chủ trì: đồng chí A"
_CHAIR_FOLLOWS = (
    r"\s*(?:(?:hội nghị|kỳ họp|phiên họp|cuộc họp)\s+)?(?:của|:|có|là)\s+"
    rf"(?=(?:các\s+)?{_HONORIFIC}\b)"
)


def find_chairs(text: str) -> list[dict]:
    """People named as presiding: the clause before "chủ trì"/"chủ tọa", or after "do/dưới sự chủ trì của"."""
    chairs: list[dict] = []
    for line in text.split("\n"):
        for match in _CHAIR.finditer(line):
            before = line[: match.start()]
            after = line[match.end() :]
            segments: list[str] = []
            listed = re.search(r"Các đồng chí\s*:?\s*([^.]*)$", before, re.I)
            if listed:
                segments = listed.group(1).split(";")
            else:
                starts = list(re.finditer(_HONORIFIC + r"\s", before))
                if starts and not re.match(_CHAIR_FOLLOWS, after):
                    clause = before[starts[-1].start() :]
                    clause = re.split(r"[.;]\s", clause)[0]
                    segments = [re.sub(r"\s+(?:do|đã|sẽ|cùng)$", "", clause.strip())]
                follow = re.match(rf"{_CHAIR_FOLLOWS}(?:các\s+)?{_HONORIFIC}\s*:?\s*([^.]*)", after)
                if follow:
                    segments = re.split(r";|\bvà\b", follow.group(1))
                if not segments:  # no honorific: "Chủ tịch HĐND tỉnh Nguyễn Văn A chủ trì"
                    clause = re.split(r"[.;:]\s", before)[-1]
                    name, positions = _title_then_name(re.sub(r"\s+(?:đã|sẽ)\s*$", "", clause))
                    if name:
                        merge_person(chairs, name, positions)
            for segment in segments:
                segment = re.sub(r"\s+(?:đồng|cùng|đã|sẽ)\s*$", "", segment.strip())
                name, positions = _split_name(segment)
                if not name:
                    name, positions = _title_then_name(segment)
                if name:
                    merge_person(chairs, name, positions)
    return chairs


# --- the record -------------------------------------------------------------------------------
HEADER_SPAN = 6000  # characters of the body that name the meeting: a few paragraphs


def _opening(text: str, count: int) -> list[str]:
    """The first `count` sentences: the meeting's header facts are there."""
    return list(islice((s for paragraph in paragraph_sentences(text) for s in paragraph), count))


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


def extract(text: str, source: str | None = None) -> dict:
    """The meeting record an article describes, with warnings for a reviewer; never raises."""
    record = empty_record(source)
    warnings = record["warnings"]
    try:
        _fill(record, nfc(text or ""), warnings)
    except Exception as error:  # a rule tripped on odd input: keep what was found
        warnings.append(f"extraction stopped early: {type(error).__name__}")
    return record


def _fill(record: dict, text: str, warnings: list[str]) -> None:
    if not text.strip():
        warnings.append("empty article: no text")
        return
    if not _looks_vietnamese(text):
        warnings.append("the text does not look Vietnamese")
    parts = layout(text)
    title, body_text = parts["title"], parts["body"]
    meeting = record["meeting"]
    meeting["body"] = find_body(title, body_text)
    if meeting["body"] is None:
        warnings.append("no meeting body found: perhaps not a meeting article")
    # The header facts are in the title and the opening paragraphs; the rest of a long page is other matters.
    opening = f"{title or ''}\n{body_text[:HEADER_SPAN]}"
    meeting["organization"] = find_organization(meeting["body"], opening)
    meeting["term"] = find_term(meeting["body"], opening)
    in_title = find_session_number(title or "")
    in_body = find_session_number(body_text[:HEADER_SPAN])
    meeting["session_number"] = in_body if in_body is not None else in_title
    if in_title is not None and in_body is not None and in_title != in_body:
        warnings.append(f"session number conflict: title says {in_title}, text says {in_body}; kept {in_body}")
    meeting["date"] = find_date(body_text, parts["published"], warnings)
    meeting["chairs"] = find_chairs(f"{title or ''}\n{body_text}")
    meeting["attendees"] = find_attendees(body_text, meeting["chairs"])
    record["agenda_items"] = find_agenda_items(body_text)
    record["conclusions"] = find_conclusions(body_text)
    record["directives"] = find_directives(body_text, meeting["body"], meeting["chairs"], meeting["date"])
    record["votes"] = find_votes(body_text)
    record["targets"] = find_targets(body_text)
