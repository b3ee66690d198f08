"""People named as present in a meeting article: guests, presenters and speakers.

Pure functions, no Django. A person is found where the genre names one: after an honorific
("đồng chí", "đ/c", "ông", "bà", "đại biểu"), in a "Các đồng chí: A, chức vụ; B, chức vụ" list,
or as a title followed by the name ("Trưởng Ban Tổ chức Tỉnh ủy Nguyễn Văn A"). Whether that
person was present is read from the verb that follows ("phát biểu", "trình bày", "dự") or the
frame before ("Dự hội nghị có", "nghe"); a person the meeting elected, nominated or thanked is
only mentioned ("bầu đồng chí A", "cho đồng chí A thôi giữ chức", "A được giới thiệu").
"""

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice

from hoinghi.core.text import match_key
from hoinghi.ingest.names import merge_person, normalize_position
from hoinghi.ingest.scanning import scanning

# Syllables a Vietnamese family name starts with: used only to find where a name begins after
# a title written without a comma ("Chủ tịch UBND tỉnh Hà Nam Trần Văn A").
_SURNAMES = frozenset(
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đào Lương "
    "Trịnh Mai Cao Lưu Tạ Hà Thái Lâm Triệu Kiều Chu Vương Quách Tô Đoàn Đàm Nông Hứa Lò Lục "
    "Mạc Tăng Khổng La Giang Tống Phùng Châu Âu Diệp Hầu Thân Quan Lại Lã Lữ Tôn Doãn Đồng Bế "
    "Nghiêm Kim Văn Trương Từ Khúc Ông Thạch Danh Sơn Điểu Cầm Vi Sùng Giàng Vàng Thào Mùa "
    "Lầu Hoàng Y Ksor Rơ Nay Siu Đinh Lục Ninh Mẫn Tiêu Phí Ứng Đậu Cù Bạch Hoa Trình Khuất "
    "Chế Mã Ma Âu Thi Tào Quản Nhữ Phó Chử Hàn Lạc Viên Triệu Đường Lành Mông Hồng Rah Rmah Kpă "
    "Kơ Bạch".split()
)
# A word that opens a title, not a name ("Phó Chủ tịch", "Bí thư", "Tỉnh ủy viên").
_TITLE_WORDS = frozenset(
    "Bí Phó Chủ Ủy Uỷ UVTW Giám Trưởng Tỉnh Thành Huyện Thị Quận Cục Chánh Tổng Thứ Bộ Đại "
    "Thường Viện Nguyên Ban Hội Trung Đảng UBND HĐND Các Chỉ Sở Đoàn Trợ Thư Kế".split()
)
_TITLE_NAMES = (
    "Bí thư", "Chủ tịch", "Giám đốc", "Trưởng", "Ủy viên", "Uỷ viên", "UVTW", "Tổng", "Bộ trưởng",
    "Thứ trưởng", "Chánh", "Cục trưởng", "Chủ nhiệm", "Tỉnh ủy viên", "Tỉnh uỷ viên", "Thành ủy viên",
    "Huyện ủy viên", "Viện trưởng", "Chỉ huy trưởng", "Đại tá", "Thiếu tướng", "Trung tướng",
)  # fmt: skip


def _trie(words) -> str:
    """A regex matching any of `words`, factored by common prefixes ("B(?:í thư|ộ trưởng)"):
    the engine then tries one branch per letter, not every word at every position."""
    heads: dict[str, list[str]] = {}
    for word in words:
        heads.setdefault(word[:1], []).append(word[1:])
    branches = []
    for head, tails in sorted(heads.items()):
        rest = [t for t in tails if t]
        inner = _trie(rest) if rest else ""
        if rest and "" in tails:
            inner = f"(?:{inner})?"
        branches.append(re.escape(head) + inner)
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _combine(*groups: tuple[str, ...]) -> list[str]:
    words = [""]
    for group in groups:
        words = [w + g for w in words for g in group]
    return words


_TITLES = _trie(_combine(("", "nguyên ", "Phó ", "nguyên Phó "), _TITLE_NAMES))
TITLE_START = re.compile(rf"{_TITLES}\b", re.I)
# where a title-first person may start without an honorific: a clause start or "nghe"/"có"
_TITLE_SLOT = re.compile(rf"{_TITLES}\b")
_SLOT_BEFORE = re.compile(r"(?:^|[,;:]|\bnghe|\bcó)\s*$")
HONORIFIC = re.compile(
    _trie(
        _combine(("", "các ", "Các "), ("đồng chí", "Đồng chí", "ĐỒNG CHÍ", "đ/c", "Đ/c", "Đ/C"))
        + ["ông", "Ông", "bà", "Bà", "đại biểu", "Đại biểu", "ĐB"]
    )
    + r"(?=[\s:])\s*:?\s*"
)
# Every capital letter of Vietnamese (A-Z with their tone and vowel marks, Đ), for patterns.
UPPER = "[A-Z" + "".join(chr(c) for c in range(0xC0, 0x1EFA) if chr(c).isupper()) + "]"
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?|\S")
_NAME_STOPS = frozenset("Hồ Chí Minh".split())  # "Chủ tịch Hồ Chí Minh" is quoted, never present

# Verbs after a person that say he or she was there (spoke, presented, attended).
_PRESENT_VERB = (
    r"tham dự|cùng dự|đến dự|về dự|dự(?=\s+(?:hội nghị|kỳ họp|phiên|cuộc họp|họp|và|buổi|lễ)\b|"
    r"\s*[.,;:]|\s*$)|có mặt|phát biểu|trình bày|báo cáo|đọc|thông qua|thảo luận|tham luận|"
    r"giải trình|tham gia ý kiến|góp ý|cho rằng|cho biết|cho hay|đề nghị|đề xuất|kiến nghị|"
    r"nhấn mạnh|khẳng định|nêu|làm rõ|điều hành|quán triệt|truyền đạt|phân tích|bày tỏ|lưu ý|"
    r"yêu cầu|kết luận|đánh giá|thông tin|chia sẻ|trao đổi|tiếp thu|đề cập|nhận định|gợi ý|"
    r"mong muốn|ghi nhận|biểu dương|công bố|khai mạc|bế mạc|tóm tắt|trả lời|chất vấn"
)
# Verbs after a person that make him or her the object of the meeting's act, or the chair.
_ABSENT_VERB = r"được|bị|thôi|nghỉ|từ trần|qua đời|giữ chức|là|chủ trì|đồng chủ trì|chủ tọa|chủ toạ"
_AFTER = scanning(rf"(?<!\w)(?:({_PRESENT_VERB})|({_ABSENT_VERB}))(?!\w)")  # lower case: a verb, not "Sở Thông tin"
# Words right before the honorific: a frame that seats the person, or one that only names him.
_FRAME = re.compile(
    rf"(?<!\w)(?:(dự\s+có|có|nghe|mời|{_PRESENT_VERB}|thay mặt)|"
    r"((?:chủ trì|chủ tọa|chủ toạ)(?:\s+\S+){0,3}?\s+(?:có|là|gồm)|"  # "Chủ trì hội nghị có ..."
    r"cho|bầu|miễn nhiệm|bãi nhiệm|giới thiệu|bổ nhiệm|điều động|chỉ định|phê chuẩn|kỷ luật|"
    r"khen thưởng|tặng|truy tặng|của|với|thay|chúc mừng|tiễn|tưởng niệm|theo|vinh danh|"
    r"công nhận|chuẩn y|kiện toàn|xem xét|cử|phân công|giao|kết nạp|nhân sự|ứng cử|đối với))"
    r"(?!\w)[^\w]*$",
    re.I,
)
_SEATED_BY = re.compile(r"(?:tham dự|có mặt|góp mặt|chứng kiến)\s+của\s*$", re.I)
_MAX_AHEAD = 300  # characters of a sentence read after a name: bounded for huge pages


@dataclass
class Mention:
    name: str
    positions: list[str] = field(default_factory=list)
    start: int = 0  # where the honorific or title begins in the sentence
    end: int = 0  # where the name (and the title before it) ends
    listed: bool = False  # a member of a "Các đồng chí: A; B" list shares its verb


def _name_like(word: str) -> bool:
    return (
        word[:1].isupper()
        and word.replace("-", "").isalpha()
        and (len(word) == 1 or word[1:].replace("-", "").islower() or "-" in word)
    )


def _words(text: str, limit: int = 160) -> list[re.Match]:
    return list(_WORD.finditer(text[:limit]))  # a title and a name fit in 160 characters


def _name_at(text: str) -> tuple[str | None, int]:
    """'Nguyễn Văn A, ...' → ('Nguyễn Văn A', end offset): 2–5 capitalised syllables."""
    words = list(islice(_WORD.finditer(text, 0, 60), 8))  # a name run reads 7 words and the one after
    run = _name_run(words, 0)[:5]
    if len(run) < 2 or run[0].group(0) in _TITLE_WORDS:
        return None, 0
    name = " ".join(w.group(0) for w in run)
    if set(name.split()) <= _NAME_STOPS:
        return None, 0
    return name, run[-1].end()


def _title_name_at(text: str) -> tuple[str | None, list[str], int]:
    """'Bí thư Huyện ủy Kim Thành Nguyễn Văn B ...' → name, [title pieces], end offset."""
    if not TITLE_START.match(text):
        return None, [], 0
    words = _words(text)
    index = 0
    while index < len(words):
        token = words[index].group(0)
        if token in ".;:!?()" or token.casefold() in ("đồng", "đ") or _AFTER.match(text, words[index].start()):
            break  # the title ends at the clause, a verb or the next person's honorific
        if token not in _SURNAMES or index == 0:
            index += 1
            continue
        run = _name_run(words, index)
        # a place may precede the name: "Hà Nam Trần Văn A" → the first surname leaving 2–4
        starts = [i for i, w in enumerate(run) if w.group(0) in _SURNAMES and 2 <= len(run) - i <= 4]
        if starts:
            head = run[starts[0] :]
            title = text[: head[0].start()]
            if not set(w.group(0) for w in head) <= _NAME_STOPS:
                pieces = [normalize_position(p) for p in re.split(r"[,;]", title)]
                return " ".join(w.group(0) for w in head), [p for p in pieces if p], head[-1].end()
        index += max(1, len(run))
    return None, [], 0


def _name_run(words: list[re.Match], index: int) -> list[re.Match]:
    """Capitalised syllables from `index` that end before a title ("... Phó Chủ tịch")."""
    run: list[re.Match] = []
    for at in range(index, min(index + 7, len(words))):
        token = words[at].group(0)
        follows = words[at + 1].group(0) if at + 1 < len(words) else ""
        if not _name_like(token) or (run and token in _TITLE_WORDS and follows[:1].islower()):
            break
        run.append(words[at])
    return run


def person_at(text: str) -> tuple[str | None, list[str], int]:
    """A person at the start of `text` (after any honorific): name, title pieces, end offset."""
    name, end = _name_at(text)
    if name:
        return name, [], end
    return _title_name_at(text)


_ADVERBS = re.compile(r"(?:\s+(?:đã|sẽ|cũng|đều|vừa|thì|khi|tiếp tục|lần lượt|trực tiếp|đến|và|cùng))+\s*$")


# "A, Tỉnh ủy viên - Giám đốc Sở Y tế" but not "Trưởng Ban Kinh tế - Ngân sách"
_POSITION_BREAK = re.compile(rf"[,;]|\s+[-–]\s+(?=(?:{_TITLES})\b)|^\s*[-–(]\s*")


def _positions(text: str) -> list[str]:
    """'- Ủy viên BTV, Trưởng Ban Dân vận Tỉnh ủy, cán bộ ...' → the leading positions."""
    text = _ADVERBS.sub("", text)
    pieces = _POSITION_BREAK.split(text)
    out = []
    for piece in pieces:
        piece = piece.strip(" ()–-")
        if not piece:
            continue
        if not (piece[:1].isupper() or piece.startswith(("nguyên ", "kiêm "))):
            break
        out.append(normalize_position(piece))
    return out


def mentions(sentence: str) -> list[Mention]:
    """Every person named in one sentence, in order."""
    found: list[Mention] = []
    taken = 0
    for match in HONORIFIC.finditer(sentence):
        if match.start() < taken or sentence[match.start() - 1 : match.start()].isalnum():
            continue  # "không", "Chủ tịch nước": inside a word
        rest = sentence[match.end() : match.end() + _MAX_AHEAD * 4]
        if match.group(0)[:3].lower() == "các":  # "các đồng chí": a list
            listed = _listed(rest, match.end())
            if listed:
                found.extend(listed)
                taken = listed[-1].end
                continue
        name, titles, end = person_at(rest)
        if name:
            found.append(Mention(name, titles, match.start(), match.end() + end))
            taken = match.end() + end
    starts = [m.start for m in found]  # kept in order with `found` as title-first people join
    for match in _TITLE_SLOT.finditer(sentence, 0, _MAX_AHEAD * 20):
        if not _SLOT_BEFORE.search(sentence[max(0, match.start() - 8) : match.start()]):
            continue
        index = bisect_right(starts, match.start())
        if index and match.start() < _positions_end(sentence, found[index - 1]):
            continue  # inside the previous person's positions: "..., Trưởng Đoàn ĐBQH tỉnh"
        name, titles, end = _title_name_at(sentence[match.start() : match.start() + _MAX_AHEAD])
        if name:
            starts.insert(index, match.start())
            found.insert(index, Mention(name, titles, match.start(), match.start() + end))
    return found


def _positions_end(sentence: str, mention: Mention) -> int:
    """Where a person's positions end: at the verb, or at the ';' before the next person."""
    end = mention.end + _MAX_AHEAD
    semicolon = sentence.find(";", mention.end, end)
    verb = _AFTER.search(sentence, mention.end, semicolon if semicolon >= 0 else end)
    return verb.start() if verb else semicolon if semicolon >= 0 else end


def _listed(rest: str, offset: int) -> list[Mention]:
    """'Các đồng chí: A, chức vụ; B, chức vụ ...' (or 'các đồng chí A, B và C') → mentions."""
    clause = re.split(r"\.\s|\.$", rest, maxsplit=1)[0]
    segments = clause.split(";")
    out: list[Mention] = []
    position = 0
    if len(segments) == 1:  # "các đồng chí A, B và C phát biểu": names only
        pieces = list(re.finditer(r"[^,]+?(?=,|\s+và\s+|$)", clause))
        for index, piece in enumerate(pieces):
            text = re.sub(r"^\s*(?:và\s+)?", "", piece.group(0))
            name, end = _name_at(text)
            last = index == len(pieces) - 1
            if name and (end == len(text.rstrip()) or (last and text[end : end + 2].strip()[:1].islower())):
                start = offset + piece.end() - len(text)
                out.append(Mention(name, [], start, start + end, listed=True))
            elif out:
                break
        return out if len(out) >= 2 else []
    for segment in segments:
        stripped = re.sub(rf"^\s*{HONORIFIC.pattern}", "", segment)
        lead = len(segment) - len(stripped)
        name, titles, end = person_at(stripped.lstrip())
        lead += len(stripped) - len(stripped.lstrip())
        if name:
            start = offset + position + lead
            out.append(Mention(name, titles, start, start + end, listed=True))
        position += len(segment) + 1
    return out


def _is_present(sentence: str, mention: Mention, after_end: int) -> bool | None:
    """True/False where the text around the mention says; None where it leaves it open."""
    before = sentence[max(0, mention.start - 60) : mention.start]
    if _SEATED_BY.search(before):
        return True
    frame = _FRAME.search(before[-30:])
    if frame and frame.group(2) and not mention.listed:
        return False  # "bầu đồng chí A", "cho đồng chí A thôi ...", "của đồng chí A"
    verb = _AFTER.search(sentence, mention.end, after_end)
    if verb:
        return bool(verb.group(1))
    if frame and frame.group(1):
        return True
    return None


SENTENCE_END = re.compile(rf"(?<=[.!?])\s+(?={UPPER}|[\"“(])")


@lru_cache(maxsize=4)  # the attendees and the agenda items read the same lines
def line_sentences(text: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each non-empty line of the text, stripped, with its sentences."""
    lines = (line.strip() for line in text.split("\n"))
    return tuple((line, tuple(SENTENCE_END.split(line))) for line in lines if line)


_BULLET = re.compile(r"^(?:[-–+•*]|\d{1,2}[.)])\s*")
_SEATING_HEAD = re.compile(r"(?:dự|có mặt)\b[^.]{0,80}:\s*$", re.I)  # "Dự hội nghị có các đồng chí:"


_FRAME_ANYWHERE = re.compile(_FRAME.pattern.replace(r"(?!\w)[^\w]*$", r"(?!\w)"), re.I)


def _sentence_frame(sentence: str, start: int) -> bool:
    """The last seating or naming cue before `start` in the sentence: 'Dự hội nghị có ...'."""
    last = None
    for match in _FRAME_ANYWHERE.finditer(sentence, max(0, start - _MAX_AHEAD), start):
        last = match
    return bool(last and last.group(1))


_CLAUSE_END = re.compile(r"[;.]")


def people_present(sentence: str, seated: bool = False) -> list[Mention]:
    """The mentions of one sentence that the sentence says were present, with positions;
    `seated`: the sentence is a line of a guest list, present unless it says otherwise."""
    found = mentions(sentence)
    present: list[Mention] = []
    inherited: bool | None = None
    for index in range(len(found) - 1, -1, -1):
        mention = found[index]
        after_end = found[index + 1].start if index + 1 < len(found) else len(sentence)
        after_end = min(after_end, mention.end + _MAX_AHEAD)
        clause_end = _CLAUSE_END.search(sentence, mention.end, after_end)
        if clause_end and not mention.listed:
            after_end = clause_end.start()
        verdict = _is_present(sentence, mention, after_end)
        if verdict is None and index + 1 < len(found):
            between = sentence[mention.end : found[index + 1].start]
            if "." not in between and not _AFTER.search(between):
                verdict = inherited  # "A, chức vụ; B, chức vụ dự hội nghị": the list's verb
        if verdict is None:
            verdict = seated or _sentence_frame(sentence, mention.start)
        verb = _AFTER.search(sentence, mention.end, after_end)
        mention.positions = mention.positions + _positions(sentence[mention.end : verb.start() if verb else after_end])
        inherited = verdict
        if verdict:
            present.append(mention)
    present.reverse()
    return present


_name_key = lru_cache(maxsize=4096)(match_key)  # "Hoà" = "Hòa": the chair under either spelling


def find_attendees(text: str, chairs: list[dict]) -> list[dict]:
    """Everyone named as present other than the chairs, positions as written, one per entry."""
    chair_keys = {_name_key(c["name"]) for c in chairs}
    people: list[dict] = []
    seated = False  # the lines under "Dự hội nghị có các đồng chí:" list the guests
    for line, sentences in line_sentences(text):
        bullet = bool(_BULLET.match(line))
        for sentence in sentences:
            for mention in people_present(sentence, seated and bullet):
                if _name_key(mention.name) not in chair_keys:
                    merge_person(people, mention.name, mention.positions)
        if not bullet:
            seated = line.endswith(":") and bool(_SEATING_HEAD.search(line))
    return people
