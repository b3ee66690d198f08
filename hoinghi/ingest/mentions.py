"""The one parser of person mentions: who a sentence names, with the positions written beside them.

A person is named after an honorific ("đồng chí", "đ/c", "ông", "bà"), as a title followed by
the name ("Bí thư Tỉnh ủy Lê Văn A", "Chủ tịch UBND tỉnh Hà Nam Trần Văn B": the place is told from
the name by the gazetteer), in a list ("Các đồng chí: A, chức vụ; B - chức vụ", "các ông: ...",
"các đồng chí A, B và C"), or after a plural title ("các Phó Chủ tịch HĐND tỉnh C, D"). Whether
the person was there is for `people` to read. Pure functions.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from hoinghi.ingest.gazetteer import place_at
from hoinghi.ingest.lists import top_level
from hoinghi.ingest.names import normalize_position
from hoinghi.ingest.scanning import trie

# Syllables a Vietnamese family name starts with: where a name begins after a title written
# without a comma ("Chủ tịch UBND tỉnh Trần Văn A").
SURNAMES = frozenset(
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đào Lương "
    "Trịnh Mai Cao Lưu Tạ Hà Thái Lâm Triệu Kiều Chu Vương Quách Tô Đoàn Đàm Nông Hứa Lò Lục "
    "Mạc Tăng Khổng La Giang Tống Phùng Châu Âu Diệp Hầu Thân Quan Lại Lã Lữ Tôn Doãn Đồng Bế "
    "Nghiêm Kim Văn Trương Từ Khúc Ông Thạch Danh Sơn Điểu Cầm Vi Sùng Giàng Vàng Thào Mùa "
    "Lầu Y Ksor Rơ Nay Siu Ninh Mẫn Tiêu Phí Ứng Đậu Cù Bạch Hoa Trình Khuất "
    "Chế Mã Ma Thi Tào Quản Nhữ Phó Chử Hàn Lạc Viên Đường Lành Mông Hồng Rah Rmah Kpă Kơ".split()
)
# A word that opens a title, not a name ("Phó Chủ tịch", "Bí thư", "Tỉnh ủy viên").
TITLE_WORDS = frozenset(
    "Bí Phó Chủ Ủy Uỷ UVTW Giám Trưởng Tỉnh Thành Huyện Thị Quận Cục Chánh Tổng Thứ Bộ Đại "
    "Thường Viện Nguyên Ban Hội Trung Đảng UBND HĐND Các Chỉ Sở Đoàn Trợ Thư Kế".split()
)
_TITLE_NAMES = (
    "Bí thư", "Chủ tịch", "Giám đốc", "Trưởng", "Ủy viên", "Uỷ viên", "UVTW", "Tổng", "Bộ trưởng",
    "Thứ trưởng", "Chánh", "Cục trưởng", "Chủ nhiệm", "Tỉnh ủy viên", "Tỉnh uỷ viên", "Thành ủy viên",
    "Thành uỷ viên", "Huyện ủy viên", "Huyện uỷ viên", "Viện trưởng", "Chỉ huy trưởng", "Đại tá",
    "Thiếu tướng", "Trung tướng", "Trưởng ban", "Trưởng đoàn", "Chánh văn phòng", "Chánh án", "Chánh thanh tra",
)  # fmt: skip


def _combine(*groups: tuple[str, ...]) -> list[str]:
    words = [""]
    for group in groups:
        words = [w + g for w in words for g in group]
    return words


TITLES = trie(_combine(("", "nguyên ", "Phó ", "nguyên Phó ", "phó "), _TITLE_NAMES))
TITLE_START = re.compile(rf"{TITLES}\b", re.I)
_TITLE_SLOT = re.compile(rf"(?=[BCGTỦUVĐnPpK])(?<!\w){TITLES}\b")
HONORIFIC = re.compile(
    trie(
        _combine(("", "các ", "Các "), ("đồng chí", "Đồng chí", "ĐỒNG CHÍ", "đ/c", "Đ/c", "Đ/C"))
        + _combine(("", "các ", "Các "), ("ông", "Ông", "bà", "Bà"))
        + ["đại biểu", "Đại biểu", "ĐB", "các vị", "Các vị"]
    )
    + r"(?=[\s:])\s*:?\s*"
)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?|\S")
_NAME_STOPS = frozenset("Hồ Chí Minh".split())  # "Chủ tịch Hồ Chí Minh" is quoted, never present
MAX_AHEAD = 300  # characters of a sentence read after a name: bounded for huge pages

# Verbs after a person: he or she was there (spoke, presented, attended)...
PRESENT_VERB = (
    r"tham dự|cùng dự|đến dự|về dự|dự(?=\s+(?:hội nghị|kỳ họp|phiên|cuộc họp|họp|và|buổi|lễ)\b|"
    r"\s*[.,;:]|\s*$)|có mặt|phát biểu|trình bày|trình(?!\s+(?:độ|tự))|báo cáo|đọc|thông qua|thảo luận|"
    r"tham luận|giải trình|tham gia ý kiến|góp ý|cho rằng|cho biết|cho hay|đề nghị|đề xuất|kiến nghị|"
    r"nhấn mạnh|khẳng định|nêu|làm rõ|điều hành|quán triệt|truyền đạt|phân tích|bày tỏ|lưu ý|"
    r"yêu cầu|kết luận|đánh giá|thông tin|chia sẻ|trao đổi|tiếp thu|đề cập|nhận định|gợi ý|"
    r"mong muốn|ghi nhận|biểu dương|công bố|khai mạc|bế mạc|tóm tắt|trả lời|chất vấn|thay mặt|"
    r"tuyên dương|trao|tặng|chúc mừng|giới thiệu|nhận|chỉ đạo|giao|cảm ơn|phát động|phản ánh|phản ảnh"
)
# ... or the object of the meeting's act, or its chair
ABSENT_VERB = r"được|bị|thôi|nghỉ|từ trần|qua đời|giữ chức|là|chủ trì|đồng chủ trì|chủ tọa|chủ toạ"
AFTER = re.compile(rf"(?<!\w)(?:({PRESENT_VERB})|({ABSENT_VERB}))(?!\w)")  # lower case: a verb, not "Sở Thông tin"


@dataclass(frozen=True)
class Mention:
    name: str
    positions: tuple[str, ...] = ()
    start: int = 0  # where the honorific or title begins in the sentence
    end: int = 0  # where the name (and the title before it) ends
    listed: bool = False  # a member of a "Các đồng chí: A; B" list shares its verb


def _name_like(word: str) -> bool:
    return (
        word[:1].isupper()
        and word.replace("-", "").isalpha()
        and (len(word) == 1 or word[1:].replace("-", "").islower() or "-" in word)
    )


_COMMITTEE_WORDS = frozenset("Tỉnh Thành Huyện Thị Quận Đảng".split())


def _title_begins(token: str, follows: str) -> bool:
    """A title starts at `token`: "Phó Chủ tịch", "Chủ tịch", "Trưởng ban", "Thành ủy" (not "Chánh vì",
    "Thành báo cáo": a name's last word before a verb)."""
    if token in _COMMITTEE_WORDS and follows in ("ủy", "uỷ", "phố"):
        return True
    title = TITLE_START.match(f"{token} {follows}")
    return bool(title) and (follows[:1].isupper() or title.end() > len(token))


def _name_run(words: list[re.Match], index: int) -> list[re.Match]:
    """Capitalised syllables from `index` that end before a title ("... Phó Chủ tịch", "... Thành ủy"),
    not before a verb ("Trần Văn Hải báo cáo")."""
    run: list[re.Match] = []
    for at in range(index, min(index + 7, len(words))):
        token = words[at].group(0)
        follows = words[at + 1].group(0) if at + 1 < len(words) else ""
        if not _name_like(token):
            break
        if run and token in TITLE_WORDS and _title_begins(token, follows):
            break
        run.append(words[at])
    return run


def name_at(text: str) -> tuple[str | None, int]:
    """'Nguyễn Văn A, ...' → ('Nguyễn Văn A', end offset): 2–5 capitalised syllables, not a place."""
    words = list(islice(_WORD.finditer(text, 0, 60), 8))  # a name run reads 7 words and the one after
    run = _name_run(words, 0)[:5]
    if len(run) < 2 or run[0].group(0) in TITLE_WORDS:
        return None, 0
    name = " ".join(w.group(0) for w in run)
    if set(name.split()) <= _NAME_STOPS or place_at(name) == name:
        return None, 0
    return name, run[-1].end()


def _title_name_at(text: str, colon: bool = False) -> tuple[str | None, list[str], int]:
    """'Bí thư Huyện ủy Kim Thành Nguyễn Văn B ...' → name, [title pieces], end offset: the name is
    the first run of 2–4 capitalised words after the title that begins with a family name and is
    not a place ("Tỉnh ủy Cao Bằng" is a place). `colon`: the names may follow a colon ("các Phó Chủ tịch: A, B")."""
    if not TITLE_START.match(text):
        return None, [], 0
    words = list(_WORD.finditer(text[:160]))  # a title and a name fit in 160 characters
    index = 1
    while index < len(words):
        token = words[index].group(0)
        if token == ":" and colon:
            colon, index = False, index + 1
            continue
        if token in ".;:!?()" or token.casefold() in ("đồng", "đ") or AFTER.match(text, words[index].start()):
            break  # the title ends at the clause, a verb or the next person's honorific
        if not _name_like(token):
            index += 1
            continue
        place = place_at(text, words[index].start())
        if place:  # "Tỉnh ủy Cao Bằng", "UBND tỉnh Hà Nam": skip the place
            end = words[index].start() + len(place)
            while index < len(words) and words[index].end() <= end:
                index += 1
            continue
        run = _name_run(words, index)
        starts = [i for i, w in enumerate(run) if w.group(0) in SURNAMES and 2 <= len(run) - i <= 4]
        if starts:
            head = run[starts[0] :]
            if not set(w.group(0) for w in head) <= _NAME_STOPS:
                title = text[: head[0].start()]
                pieces = [normalize_position(p) for p in re.split(r"[,;]", title)]
                return " ".join(w.group(0) for w in head), [p for p in pieces if p], head[-1].end()
        index += max(1, len(run))
    return None, [], 0


def person_at(text: str) -> tuple[str | None, list[str], int]:
    """A person at the start of `text` (after any honorific): name, title pieces, end offset."""
    name, end = name_at(text)
    if name:
        return name, [], end
    return _title_name_at(text)


_ADVERBS = re.compile(r"(?:\s+(?:đã|sẽ|cũng|đều|vừa|thì|khi|tiếp tục|lần lượt|trực tiếp|đến|và|cùng))+\s*$")
# "A, Tỉnh ủy viên - Giám đốc Sở Y tế" but not "Trưởng Ban Kinh tế - Ngân sách"
_POSITION_BREAK = re.compile(rf"[,;]|\s*[-–]\s+(?=(?:{TITLES})\b)|^\s*[-–(]\s*")


def positions(text: str) -> list[str]:
    """'- Ủy viên BTV, Trưởng Ban Dân vận Tỉnh ủy, cán bộ ...' → the leading positions."""
    text = _ADVERBS.sub("", text)
    out = []
    for piece in _POSITION_BREAK.split(text):
        piece = piece.strip(" ()–-")
        if not piece:
            continue
        if not (piece[:1].isupper() or piece.startswith(("nguyên ", "kiêm "))):
            break
        out.append(normalize_position(piece))
    return out


# "các Phó Chủ tịch HĐND tỉnh C, D": a plural title, then its holders' names
_PLURAL_TITLE = re.compile(r"(?<!\w)các\s+$")
_NEXT_NAME = re.compile(r"\s*(?:,|và)\s*")


@lru_cache(maxsize=512)  # the people, the chairs and the ballots read the same sentences
def mentions(sentence: str) -> tuple[Mention, ...]:
    """Every person named in one sentence, in order."""
    found: list[Mention] = []
    taken = 0
    for match in HONORIFIC.finditer(sentence):
        if match.start() < taken or sentence[match.start() - 1 : match.start()].isalnum():
            continue  # "không", "Chủ tịch nước": inside a word
        rest = sentence[match.end() : match.end() + MAX_AHEAD * 4]
        if match.group(0)[:3].lower() == "các":  # "các đồng chí", "các ông": a list
            listed = _listed(rest, match.end())
            if listed:
                found.extend(listed)
                taken = listed[-1].end
                continue
        name, titles, end = person_at(rest)
        if name:
            found.append(Mention(name, tuple(titles), match.start(), match.end() + end))
            taken = _joined(sentence, found)
    _add_title_first(sentence, found)
    return tuple(found)


_JOINED = re.compile(r"\s*(?:,\s*|\s+và\s+)(?=[A-ZĐ])")


def _joined(sentence: str, found: list[Mention]) -> int:
    """'ông A và B điều hành': a name joined to the one before, without its own honorific, is a person too."""
    while True:
        gap = _JOINED.match(sentence, found[-1].end)
        if not gap:
            return found[-1].end
        name, end = name_at(sentence[gap.end() : gap.end() + 60])
        if not name or name.split()[0] not in SURNAMES:
            return found[-1].end
        found.append(Mention(name, (), gap.end(), gap.end() + end, listed=found[-1].listed))


def _add_title_first(sentence: str, found: list[Mention]) -> None:
    """People named title first, without an honorific; a plural title's holders."""
    starts = [m.start for m in found]  # kept in order with `found` as title-first people join
    for match in _TITLE_SLOT.finditer(sentence, 0, MAX_AHEAD * 20):
        index = bisect_right(starts, match.start())
        if index and match.start() < found[index - 1].end:
            continue  # inside the previous mention: "đồng chí Bí thư Tỉnh ủy Lê Văn A"
        plural = _PLURAL_TITLE.search(sentence[max(0, match.start() - 8) : match.start()])
        if index and not plural and match.start() < _positions_end(sentence, found[index - 1]):
            continue  # inside the previous person's positions: "..., Trưởng Đoàn ĐBQH tỉnh"
        name, titles, end = _title_name_at(sentence[match.start() : match.start() + MAX_AHEAD], bool(plural))
        if not name:
            continue
        new = [Mention(name, tuple(titles), match.start(), match.start() + end, listed=bool(plural))]
        while plural:  # "các Phó Chủ tịch HĐND tỉnh C, D và E": the title is theirs too
            gap = _NEXT_NAME.match(sentence, new[-1].end)
            other, other_end = name_at(sentence[gap.end() : gap.end() + 60]) if gap else (None, 0)
            if not other:
                break
            new.append(Mention(other, tuple(titles), gap.end(), gap.end() + other_end, listed=True))
        for mention in new:
            at = bisect_right(starts, mention.start)
            starts.insert(at, mention.start)
            found.insert(at, mention)


def _positions_end(sentence: str, mention: Mention) -> int:
    """Where a person's positions end: at the verb, or at the ';' before the next person."""
    end = mention.end + MAX_AHEAD
    semicolon = sentence.find(";", mention.end, end)
    verb = AFTER.search(sentence, mention.end, semicolon if semicolon >= 0 else end)
    return verb.start() if verb else semicolon if semicolon >= 0 else end


def _listed(rest: str, offset: int) -> list[Mention]:
    """'Các đồng chí: A, chức vụ; B - chức vụ ...' (or 'các đồng chí A, B và C') → mentions."""
    clause = re.split(r"\.\s|\.$", rest, maxsplit=1)[0]
    segments = top_level(clause, ";")
    out: list[Mention] = []
    if len(segments) == 1:  # "các đồng chí A, B và C phát biểu": names only
        pieces = list(re.finditer(r"[^,]+?(?=,|\s+và\s+|$)", clause))
        for index, piece in enumerate(pieces):
            text = re.sub(r"^\s*(?:và\s+)?", "", piece.group(0))
            name, end = name_at(text)
            last = index == len(pieces) - 1
            if name and (end == len(text.rstrip()) or (last and text[end : end + 2].strip()[:1].islower())):
                start = offset + piece.end() - len(text)
                out.append(Mention(name, (), start, start + end, listed=True))
            elif out:
                break
        if len(out) >= 2:
            return out
        segments = [clause]  # one person with positions: "các ông: A - chức vụ"
        out = []
    position = 0
    for segment in segments:
        stripped = HONORIFIC.sub("", segment.lstrip(), count=1) if HONORIFIC.match(segment.lstrip()) else segment
        stripped = stripped.lstrip()
        lead = len(segment) - len(stripped)
        name, titles, end = person_at(stripped)
        if name:
            start = offset + position + lead
            out.append(Mention(name, tuple(titles), start, start + end, listed=True))
        position += len(segment) + 1
    return out
