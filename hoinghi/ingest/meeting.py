"""The meeting's own facts: its body, the place the body belongs to, its term, its number and its day.

A number or a term belongs to the body named in the same phrase ("Kỳ họp thứ 29, HĐND tỉnh khóa
XVI"): a phrase about another meeting ("các tờ trình sẽ trình Kỳ họp thứ 15 HĐND thành phố khóa
XVI" said at a Party meeting, "chuẩn bị kỳ họp thứ 6", "Đại hội ... lần thứ XVII") or a body inside
a person's title ("Chủ tịch HĐND tỉnh khóa XIV") gives this meeting nothing. Pure functions.
"""

import re
from dataclasses import dataclass

from hoinghi.core.text import clean, one_tone_placement
from hoinghi.ingest.clauses import Article, Sentence
from hoinghi.ingest.dates import day_in, with_year
from hoinghi.ingest.gazetteer import BODY, Body, bare_name, bodies, body_key, is_place, is_province, place_at
from hoinghi.ingest.mentions import SURNAMES
from hoinghi.ingest.numbers import NUMBER_WORDS, ROMAN, ordinal, roman, to_roman

_HEAD_SENTENCES = 6  # the meeting's facts are in the headline and the first sentences
MEETING_NOUN = r"(?:[Hh]ội nghị|[Kk]ỳ họp|[Pp]hiên họp|[Cc]uộc họp|[Pp]hiên)"
# a body inside a person's title or as an object: "Bí thư Tỉnh ủy", "Ủy viên Ban Thường vụ Tỉnh ủy",
# "Ban cán sự đảng UBND tỉnh", "thay mặt ...", "giao UBND tỉnh": not the meeting's body
_OWNED = re.compile(
    r"(?:Bí thư|[Cc]hủ tịch|Ủy viên|Uỷ viên|UV|Trưởng [Bb]an|[Tt]rưởng|[Cc]hánh [Vv]ăn phòng|[Vv]ăn phòng|"
    r"[Đđ]ại biểu|[Tt]hành viên|[Cc]án sự [Đđ]ảng|[Đđ]ảng đoàn|[Ll]ãnh đạo|[Tt]hay mặt|[Tt]hừa ủy quyền|"
    r"[Tt]hừa uỷ quyền|[Gg]iao|[Yy]êu cầu|[Đđ]ề nghị|[Cc]ủa|[Dd]o|[Vv]ới|[Cc]ác|[Tt]heo|[Pp]hó|[Tt]rình|"
    r"[Tt]huộc|[Cc]ơ quan|[Bb]an|HĐND và|UBND và|[Dd]ự thảo|[Nn]ghị quyết|[Cc]hỉ thị|[Kk]ết luận)\s*(?:\([^)]*\)\s*)?$"
)
# words that put a meeting phrase on another meeting
_ELSEWHERE = re.compile(
    r"(?:[Tt]rình|[Cc]huẩn bị(?: cho)?|[Pp]hục vụ|[Tt]rước|[Dd]ự kiến tổ chức)"
    r"(?:\s+(?:tổ chức|các|nội dung|chương trình))*\s*$"
)
_NOT_HERE_AFTER = re.compile(r"\s*(?:tới|sắp tới|sau|tiếp theo|gần nhất)\b")
# what may stand between a body and its meeting verb: its place, term, tenure, an aside, an adverb
_BODY_TRAIL = re.compile(
    r"(?:\s*[,–-]?\s*(?:\([^)]{0,60}\)|khóa\s+\w+|khoá\s+\w+|nhiệm kỳ\s+[\d\s–-]+|đã|sẽ|vừa|chính thức|"
    r"cũng|long trọng|[A-ZĐÂĂÊÔƠƯ][^\s,]*))*"
)
_MEETING_VERB = re.compile(rf"^\s*,?\s*(?:tổ chức|khai mạc|bế mạc|họp|tiến hành|triệu tập|{MEETING_NOUN})", re.I)
# "Hội nghị Ban Thường vụ Tỉnh ủy", "Kỳ họp thứ 29, HĐND tỉnh", "kỳ họp thứ 9 – HĐND tỉnh": a meeting before its body
_MEETING_BEFORE = re.compile(
    rf"{MEETING_NOUN}(?:\s+(?:chuyên đề|bất thường|thường kỳ|thường lệ|trực tuyến|hành chính|giữa năm|cuối năm))?"
    rf"(?:\s+(?:lần\s+)?thứ\s+(?:\d+|{ROMAN}|{NUMBER_WORDS}))?(?:\s*\([^)]{{0,60}}\))?"
    r"(?:\s*[,–-]\s*(?:ngày\s+)?(?:(?:sáng|chiều|tối)\s+)?(?:\d{1,2}[/-]\d{1,2}[,\s]*)?)?\s*(?:của\s+)?$",
    re.I,
)


@dataclass
class Meeting:
    body: Body | None
    sentence: Sentence | None  # where the body is named as the meeting's


def _bound(text: str, body: Body) -> float:
    """How surely this mention is the meeting's body: 3 named with the meeting ("Hội nghị Tỉnh ủy", "Kỳ
    họp thứ 7, HĐND tỉnh"), 2.5 holding it ("UBND tỉnh tổ chức Phiên họp": it may organise another body's
    meeting), 2 deciding, 1 named, 0 not it; a bare "Tỉnh ủy" a little less than a full name."""
    before = text[max(0, body.start - 80) : body.start]
    if body.kind == "committee" and text.startswith(" viên", body.end):
        return 0  # "Tỉnh ủy viên": a title
    bare = 0.1 if body.kind == "committee" else 0
    meeting = _MEETING_BEFORE.search(before)
    if meeting:  # "Kỳ họp thứ 14 của HĐND tỉnh"
        return 0 if _ELSEWHERE.search(before[: meeting.start()]) else 3 - bare
    if _OWNED.search(before):
        return 0
    trail = _BODY_TRAIL.match(text, body.end)
    after = text[trail.end() if trail else body.end :]
    if _MEETING_VERB.match(after):
        return 2.5 - bare
    if re.match(r"\s*(?:đã\s+|cũng\s+)?(?:giao|nhất trí|thông qua|thống nhất|quyết nghị|cơ bản)", after):
        return 2
    return 1


def find_meeting(article: Article) -> Meeting:
    """The body whose meeting the article reports: the first one bound to the meeting in the headline
    or the first sentences, else the one that decides, else the first named."""
    best: tuple[float, int] | None = None
    found = Meeting(None, None)
    head = [s for s in article.sentences if not s.caption][:_HEAD_SENTENCES]
    for order, sentence in enumerate(head):
        for body in bodies(sentence.text):
            score = _bound(sentence.text, body)
            if score and (best is None or (score, -order) > best):
                best, found = (score, -order), Meeting(body, sentence)
    if best is not None and best[0] >= 2:
        return found
    for order, sentence in enumerate(article.having("decision"), len(head)):  # later sentences say who decided
        for body in bodies(sentence.text) if sentence not in head else ():
            score = min(_bound(sentence.text, body), 2)
            if score and (best is None or (score, -order) > best):
                best, found = (score, -order), Meeting(body, sentence)
    return found


def normalize_body(raw: str) -> str:
    """'Hội đồng nhân dân (HĐND) tỉnh' → 'HĐND tỉnh'; 'Tỉnh uỷ' → 'Tỉnh ủy'."""
    body = one_tone_placement(clean(re.sub(r"\s*\((?:HĐND|UBND)\)", "", raw)))
    body = re.sub(r"Hội đồng [Nn]hân dân", "HĐND", body)
    return re.sub(r"\b(Tỉnh|Thành|Huyện|Thị|Quận) ủy", lambda m: f"{m.group(1)} ủy", body)


# --- the place ------------------------------------------------------------------------------
_LEVEL_OF = [
    (re.compile(r"\b(?:xã|phường|thị trấn)$|Đảng ủy xã", re.I), r"xã|phường|thị trấn", True),
    (re.compile(r"\b(?:huyện|quận|thị xã)$|Huyện ủy|Quận ủy|Thị ủy", re.I), r"huyện|quận|thị xã", False),
    (re.compile(r"\b(?:thành phố|TP\.?|Tp\.?)$|Thành ủy", re.I), r"thành phố|TP\.?|Tp\.?", False),
    (re.compile(r"."), r"tỉnh", False),
]


def find_organization(meeting: Meeting, article: Article) -> str | None:
    """The place the body belongs to: named right after it, else after its level word in the
    first paragraphs ("thành phố Hạ Long"), else a province the page names ("Cổng thông tin điện tử
    Kiên Giang", "ứng cử tại Hải Phòng")."""
    body = meeting.body
    level, communes = r"tỉnh", False
    if body is not None:
        for pattern, words, commune in _LEVEL_OF:
            if pattern.search(body.text):
                level, communes = words, commune
                break
        after = re.match(r"\s*(?:\((?:HĐND|UBND)\)\s*)?", meeting.sentence.text[body.end :])
        place = place_at(meeting.sentence.text, body.end + after.end(), communes=True)
        if place and after.end() <= 1 and (communes or is_place(place) or place.split()[0] not in SURNAMES):
            return bare_name(place)  # right after the body: its place, even one the gazetteer does not know
    text = "\n".join(s.text for s in article.sentences[:12] if not s.caption)
    counts: dict[str, int] = {}
    for match in re.finditer(rf"(?<!\w)(?:{level}|{_committee(level)})\s*(?<=[\s.])(?=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ])", text):
        if _OWNED.search(text[max(0, match.start() - 40) : match.start()]) and "ủy" in match.group(0):
            continue
        place = place_at(text, match.end(), communes=communes)
        if place:
            counts[place] = counts.get(place, 0) + 1
    if counts:
        return bare_name(max(counts, key=counts.get))
    if level not in ("tỉnh", r"thành phố|TP\.?|Tp\.?"):
        return None
    title = article.layout.title or ""
    named = place_at(title)  # "Nghệ An: Khai mạc kỳ họp ...": the province before the headline
    if named and is_province(named) and title[len(named) :].lstrip()[:1] in (":", "-", "–", "|"):
        return named
    page = "\n".join(article.layout.header + [text])
    for match in re.finditer(r"(?:điện tử|tại|tỉnh)\s+(?=[A-ZĐ])", page):
        place = place_at(page, match.end())
        if place and is_province(place):
            return place
    return None


def _committee(level: str) -> str:
    return {"tỉnh": "Tỉnh ủy|Tỉnh uỷ", "huyện|quận|thị xã": "Huyện ủy|Huyện uỷ|Quận ủy|Thị ủy"}.get(
        level, "Thành ủy|Thành uỷ"
    )


# --- term and number --------------------------------------------------------------------------
_TERM = re.compile(rf"\s*(?:\(\s*)?(?:[,–-]\s*)?(?i:khóa|khoá|nhiệm kỳ)\s+(?:thứ\s+)?({ROMAN}|\d{{1,2}})\b(?![-–/])")
_PLACE_SKIP = re.compile(r"\s*(?:\((?:HĐND|UBND)\)\s*)?")


def find_term(meeting: Meeting, article: Article) -> str | None:
    """The Roman term after the meeting's body ("HĐND tỉnh Lào Cai khóa XVI", "khóa 16" → XVI), or
    after the meeting's number ("Hội nghị lần thứ 7, khoá XXII")."""
    if meeting.body is None:
        return None
    key = body_key(meeting.body.text)
    for sentence in _head(article):
        text = sentence.text
        for body in bodies(text):
            if body_key(body.text) != key or _bound(text, body) == 0:
                continue
            end = _PLACE_SKIP.match(text, body.end).end()
            place = place_at(text, end, communes=True)
            if place and not _TERM.match(text, end):
                end += len(place)
                end = _above(text, end)
            term = _term(text, end)
            if term:
                return term
        for number in _NUMBERED.finditer(text):
            if _here(text, number, key):
                term = _term(text, number.end())
                if term:
                    return term
    return None


# "HĐND xã Tân Thịnh, huyện Lạng Giang khóa XX": the places the body's place lies in, before its term
_LEVEL_WORD = re.compile(r"\s*,?\s*(?:huyện|thị xã|thành phố|tỉnh|quận|TP\.?)\s+")


def _above(text: str, end: int) -> int:
    for _level in range(2):
        level = _LEVEL_WORD.match(text, end)
        place = place_at(text, level.end()) if level else None
        if not place:
            break
        end = level.end() + len(place)
    return end


def _term(text: str, start: int) -> str | None:
    found = _TERM.match(text, start)
    if not found:
        return None
    token = found.group(1)
    if token.isdigit():
        return to_roman(int(token)) if 0 < int(token) < 90 else None
    return token if roman(token) else None


_NUMBERED = re.compile(
    rf"{MEETING_NOUN}(?P<kind>(?:\s+(?i:chuyên đề|bất thường|thường kỳ|thường lệ|trực tuyến|hành chính|mở rộng))*)"
    rf"(?P<between>\s+(?:{BODY.pattern}|[A-ZĐ][^\s,]*|\([^)]{{0,40}}\)|khóa \w+|khoá \w+)){{0,6}}?"
    rf"\s+(?:lần\s+)?thứ\s+(?P<number>\d+|{ROMAN}\b|(?i:{NUMBER_WORDS}))"
)
_FOLLOWING_BODY = re.compile(rf"^\s*(?:\([^)]{{0,60}}\)\s*)?[,–-]?\s*(?:của\s+)?(?P<body>{BODY.pattern})")


def _here(text: str, number: re.Match, body_key_of_meeting: str | None) -> bool:
    """A numbered meeting phrase that is this meeting's: not another meeting's, not another body's."""
    if _ELSEWHERE.search(text[max(0, number.start() - 40) : number.start()]):
        return False
    if _NOT_HERE_AFTER.match(text, number.end()):
        return False
    following = _FOLLOWING_BODY.match(text[number.end() :])
    named = [m.group(0) for m in BODY.finditer(number.group("between") or "")]
    if following:
        named.append(following.group("body"))
    return body_key_of_meeting is None or all(body_key(b) == body_key_of_meeting for b in named)


def session_numbers(meeting: Meeting, sentences: list[Sentence]) -> int | None:
    """The meeting's number in these sentences ("Kỳ họp thứ ba mươi mốt", "Hội nghị lần thứ 7")."""
    key = body_key(meeting.body.text) if meeting.body else None
    for sentence in sentences:
        for number in _NUMBERED.finditer(sentence.text):
            if _here(sentence.text, number, key):
                value = ordinal(number.group("number"))
                if value:
                    return value
    return None


def _head(article: Article) -> list[Sentence]:
    return [s for s in article.sentences if not s.caption][:_HEAD_SENTENCES]


def find_session_number(meeting: Meeting, article: Article, warnings: list[str]) -> int | None:
    """The number in the text; the headline's where the text has none (a conflict is flagged)."""
    head = _head(article)
    in_title = session_numbers(meeting, [s for s in head if s.title])
    in_body = session_numbers(meeting, [s for s in head if not s.title])
    if in_title is not None and in_body is not None and in_title != in_body:
        warnings.append(f"session number conflict: title says {in_title}, text says {in_body}; kept {in_body}")
    return in_body if in_body is not None else in_title


# --- the day -------------------------------------------------------------------------------------
_OTHER_TIME = re.compile(r"^(?:Trước đó|Sau đó|Tiếp đó|Trước khi)\b")
_ABOUT_MEETING = re.compile(rf"{MEETING_NOUN}|họp|{BODY.pattern}", re.I)


def find_date(article: Article, warnings: list[str]) -> str | None:
    """The meeting's day from the first sentences about it; a day without a year takes the
    publication's year."""
    for sentence in _head(article):
        if sentence.title or _OTHER_TIME.match(sentence.text) or not _ABOUT_MEETING.search(sentence.text):
            continue
        found = day_in(sentence.text)
        if found is None:
            continue
        day, month, year = found
        if year is None and article.layout.published is None:
            warnings.append(f"meeting day {day}/{month} has no year and the article has no publication date")
            return None
        when = with_year(day, month, year, article.layout.published)
        if when:
            return when.isoformat()
    return None
