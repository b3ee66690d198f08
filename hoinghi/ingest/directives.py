"""Tasks the meeting gave (`directives`): who is to do what, by when. Pure genre rules.

A task is given by the body or its chair ("Ban Thường vụ Tỉnh ủy giao UBND tỉnh ...", "Bí thư Tỉnh
ủy yêu cầu các cấp ủy cần ...", "Chủ tịch UBND tỉnh chỉ đạo cơ quan tham mưu ...") to a named
assignee, one directive per assignee and task. The speaker is tracked through a paragraph: a guest's
opinion gives no task, "Đồng chí đề nghị ..." goes on with the chair named before, a following
"cần ..." sentence goes on with the last task and "Tiếp tục ..." gives the same assignee another.
Requests that delegates discuss the meeting's business are not tasks; a task with no assignee is
not one.
"""

import re
from datetime import date

from hoinghi.core.text import clean
from hoinghi.ingest.clauses import Article
from hoinghi.ingest.folding import UPPER
from hoinghi.ingest.gazetteer import COMMITTEE, COUNCIL, DECIDING, GOVERNMENT, LEVEL, UY
from hoinghi.ingest.lists import top_level
from hoinghi.ingest.scanning import first_letters, led

PROSE_MAX = 3000  # a longer "sentence" is a table or page junk
_MEETING = r"Hội nghị|Kỳ họp|Phiên họp|(?<=, )(?:hội nghị|kỳ họp|phiên họp)"  # "Tại phiên họp, hội nghị ..."
_CUE = re.compile(
    r"(?<![\w-])(?<!việc )(?<!trình )"  # "Tờ trình về việc đề nghị ...": a document's title
    r"(?:[Gg]iao(?: (?:nhiệm vụ|trách nhiệm))?(?: cho)?(?! ban\b)|[Yy]êu cầu|[Đđ]ề nghị|[Cc]hỉ đạo)\s*[,:]?\s+"
    r"(?:(?:trong\s+)?(?:thời gian tới|năm \d{4}|những tháng cuối năm|từ nay đến cuối năm)[^,]{0,40},\s*)?"
)
# who the task goes to: an organization, a level or a role, as the genre writes them
_ORG_HEAD = (
    r"(?:(?:[Cc]ác|[Mm]ọi|[Mm]ỗi|[Tt]ừng|[Tt]oàn thể|[Tt]ất cả các)\s+)?(?:"
    r"UBND|HĐND|Ủy ban|Uỷ ban|Hội đồng|Thường trực|UBMTTQ|MTTQ|Mặt trận|Sở|Bộ|Ban|Đảng đoàn|Đảng ủy|Đảng uỷ|"
    r"Văn phòng|Công an|Tỉnh đoàn|Thành đoàn|Huyện đoàn|Đoàn|Hội|Liên đoàn|Cục|Chi cục|Trường|"
    r"Trung tâm|Viện|Kho bạc|Ngân hàng|Báo|Đài|Thanh tra|Tòa án|Viện kiểm sát|Quân sự|Bảo hiểm|Hải quan|"
    r"Điện lực|Công ty|Tổng công ty|Tập đoàn|"
    r"(?:Tỉnh|Thành|Huyện|Thị|Quận) (?:ủy|uỷ)|Thủ trưởng|Người đứng đầu|[Ll]ãnh đạo|"
    r"(?:cấp|quận|huyện|thị|thành|đảng) (?:ủy|uỷ)|chi bộ|tổ chức cơ sở đảng|"
    r"chính quyền|sở|ngành|địa phương|cơ quan|đơn vị|ban(?! hành)|huyện|thị xã|thành phố|xã|"
    r"phường|tổ chức|đoàn thể|người đứng đầu|thủ trưởng|chủ đầu tư|nhà đầu tư|lực lượng|hội đồng|"
    r"ủy ban|tổ công tác|cấp|ngành chức năng|doanh nghiệp|bộ phận|cán bộ|đảng viên|cử tri|[Nn]hân dân|"
    r"tầng lớp nhân dân|(?:vị\s+)?đại biểu|Đại biểu|cơ quan tham mưu)\b"
)
_ORG_START = re.compile(_ORG_HEAD)
# the first word of the task: the assignee ends before it (lower case, so "Ban Chỉ đạo" stays whole)
_TASK_WORDS = (
    "cần", "phải", "khẩn trương", "tiếp tục", "tập trung", "chủ động", "sớm", "nghiêm túc", "quan tâm",
    "có trách nhiệm", "chịu trách nhiệm", "chủ trì", "phối hợp", "tiếp thu", "chỉ đạo", "rà soát",
    "hoàn thiện", "hoàn thành", "bổ sung", "xây dựng", "triển khai", "thực hiện", "tổ chức",
    "nghiên cứu", "báo cáo", "tham mưu", "đẩy mạnh", "tăng cường", "bám sát", "kiểm tra", "đôn đốc",
    "chuẩn bị", "lập", "làm tốt", "làm rõ", "đánh giá", "xem xét", "cập nhật", "chỉnh sửa", "ban hành",
    "đề xuất", "giải quyết", "hướng dẫn", "thẩm định", "trình", "nâng cao", "đảm bảo", "bảo đảm",
    "phát huy", "quán triệt", "tuyên truyền", "theo dõi", "nắm chắc", "nắm bắt", "xử lý", "huy động",
    "quản lý", "hỗ trợ", "ưu tiên", "lãnh đạo", "khắc phục", "kịp thời", "thường xuyên", "quyết liệt",
    "rút kinh nghiệm", "điều chỉnh", "cụ thể hóa", "cụ thể hoá", "thống nhất", "đề ra", "giám sát",
    "sắp xếp", "kiện toàn", "tiếp nhận", "phân công", "chấn chỉnh", "làm việc", "xác định", "bố trí",
    "gấp rút", "hoàn chỉnh", "tổng hợp", "thông báo", "phổ biến", "vận động", "duy trì", "thẩm tra",
    "thu hồi", "giao", "đẩy nhanh", "theo chức năng", "căn cứ", "trong phạm vi", "đầu tư", "giải ngân", "lựa chọn",
    "thành lập", "phân bổ", "tích cực", "đề cao", "cùng", "chung sức", "đồng lòng", "nêu cao", "không",
    "chú trọng", "tháo gỡ", "siết chặt", "kiên quyết", "phấn đấu", "quyết tâm", "trả lời", "giải trình",
)  # fmt: skip
_TASK_RE = "|".join(re.escape(w) for w in sorted(_TASK_WORDS, key=len, reverse=True))
# not right after "ban", "các", a comma...: "các ban chỉ đạo", "các tổ chức thành viên" are names
_TASK_START = re.compile(rf"(?<![Bb]an)(?<![Cc]ác)(?<!mọi)(?<!từng)(?<!những)(?<!,)\s(?:{_TASK_RE})(?=[\s,.;:]|$)")
_MODAL = re.compile(r"^(?:(?:cần phải|cần|phải|có trách nhiệm|khẩn trương)\s+)+")
# who speaks: the body or the chair gives instructions; any other person gives an opinion
_PERSON = (
    rf"(?:[Đđ]ồng chí|[Đđ]/c|\b[Ôô]ng|\b[Bb]à)(?= [{UPPER}])|Giám đốc|Trưởng|Phó|Chủ tịch|Bí thư|Cục trưởng|"
    r"Chánh|Chủ nhiệm|Tổng|Bộ trưởng|Thứ trưởng|Thủ trưởng|"
    rf"{UY} viên(?: Ban Thường vụ| Ban Chấp hành)?(?: {COMMITTEE})?|Tỉnh {UY} viên|đại biểu|Đại biểu"
)
_MEMBERSHIP = re.compile(rf"(?:nguyên\s+)?{UY} viên|Tỉnh {UY} viên|Đại biểu", re.I)  # shared by many: not the chair
_CONCLUDING = re.compile(r"\bkết luận\b", re.I)
_SELF = re.compile(r"(?:[Cc]ác\s+)?(?:đồng chí|thành viên)\b")
_DELEGATES = re.compile(r"(?:[Cc]ác\s+)?(?:vị\s+)?[Đđ]ại biểu\b")
_QUALIFIED = re.compile(rf"(?:\s+(?:{COUNCIL}|dự họp|dự hội nghị)(?:\s+{LEVEL})?)?\s*(?:(?:cần|phải)\s+)?")
# what delegates are asked to do at the meeting itself: the debate, not a task
_DEBATE = re.compile(
    r"(?:tập trung\s+|tích cực\s+)*(?:thảo luận|cho ý kiến|góp ý|đóng góp|tham gia ý kiến|phát huy (?:trí tuệ|dân chủ)|"
    r"đề xuất|nghiên cứu|phát biểu|làm việc|dành thời gian)\b"
)
_PLACE_BEFORE = re.compile(r"\s(?:ở|tại)\s[^,]{0,30}$")
_BULLET = re.compile(r"^(?:[-–•+*]|\d{1,2}[.)]|[a-zđ]\))\s*")
_LIST_CUE = re.compile(r"(?:[Gg]iao|[Yy]êu cầu|[Đđ]ề nghị)\s*([^.;:]{0,100}?)\s*:$")
_FOLLOW_LEAD = re.compile(r"^(?:Đồng thời|Bên cạnh đó|Ngoài ra|Trong đó|Mặt khác|Cùng với đó),\s*")
_CUE_WORDS = ("iao", "êu cầu", "ề nghị", "hỉ đạo")  # one is in every cue
# "Tờ trình của UBND tỉnh đề nghị ...": a cue inside a document's name ("... và giao": a new clause)
_IN_TITLE = re.compile(r"[Tt]ờ trình(?:\s+số\s+\S+)?(?:\s+(?:của|về việc)\s+[^,;.]{0,70})?(?<!\svà)(?<!\svà )\s*$")
_NEXT_CUE = re.compile(r"(?:[,;]\s*(?:đồng thời\s+)?|\s+và\s+)(?=(?:giao|yêu cầu|đề nghị)\s)")
_DEADLINE = re.compile(
    r"\b(?:(?:trước|chậm nhất|hạn chót)\s+(?:ngày\s+)?|trong\s+ngày\s+)"
    r"(\d{1,2})\s*(?:/|-|\.|\s+tháng\s+)(\d{1,2})(?:\s*(?:/|-|\.|\s+năm\s+)(\d{4}))?",
    re.I,
)
_TAIL = " ,.;:…"


_PARTY = {"tỉnh": "Tỉnh", "thành phố": "Thành", "huyện": "Huyện", "thị xã": "Thị", "quận": "Quận"}


def _heads(body: str) -> list[str]:
    """The titles of who speaks for the body: the secretary of a Party committee, the chair of a council
    or of a people's committee."""
    party = re.search(rf"(Tỉnh|Thành|Huyện|Thị|Quận|Đảng) {UY}|Đảng bộ ({'|'.join(_PARTY)})", body)
    if party:
        return [rf"Bí thư {party.group(1) or _PARTY[party.group(2)]} {UY}"]
    council = re.search(rf"({COUNCIL}|{GOVERNMENT}) (\w+(?: \w+)?)", body)
    if council:
        kind = "(?:HĐND|Hội đồng nhân dân)" if "H" in council.group(1) else "(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)"
        return [rf"Chủ tịch {kind} {council.group(2)}"]
    return []


# the letters a speaker's mention begins with (the body, the meeting, a person's honorific or title)
_SPEAKER_FIRST = first_letters(
    "Ban BTV BCH Thường HĐND Hội UBND Ủy Uỷ Tỉnh Thành Huyện Thị Quận Đảng tỉnh thành huyện thị quận Kỳ Phiên hội kỳ "
    "phiên Bí Chủ Đồng đồng Đ/c đ/c Ông ông Bà bà Giám Trưởng Phó Cục Chánh Tổng Bộ Thứ Thủ ủy uỷ đại Đại".split()
)


# the body or the meeting, and anyone named by honorific or title: the same in every article
_SOMEONE = led(rf"(?P<body>(?<!viên )(?<!của )\b(?:{DECIDING}|{_MEETING}))|(?P<person>{_PERSON})", _SPEAKER_FIRST)


class _Speakers:
    """Who speaks at a point of a paragraph: the body, the chair or another person."""

    def __init__(self, body: str | None, chairs: list[dict]):
        titles = _heads(body or "")
        named = [chair["name"] for chair in chairs]
        named += [p for chair in chairs for p in chair.get("positions", []) if not _MEMBERSHIP.match(p)]
        titles += [re.escape(text) for text in named]
        # the chair's own pattern is small: compiled per article, beside the large one compiled once
        chair = "|".join(sorted(set(titles), key=len, reverse=True))
        self.chair = re.compile(rf"(?<!Phó )(?:{chair})") if chair else None
        self.reset()

    def reset(self) -> None:
        """A new paragraph: nobody has spoken yet."""
        self.speaker: str | None = None
        self.pending: list[str] = []
        self.gap = 10**6

    def hear(self, text: str) -> None:
        self.pending.append(text)  # read only when an instruction needs its speaker: most text has none

    def _mentions(self, text: str) -> list[tuple[str, re.Match]]:
        """The speakers named in `text`, left to right; where two begin together the body, then the chair,
        then another person (as one alternation would take them)."""
        found = [(m.start(), 0 if m.lastgroup == "body" else 2, m) for m in _SOMEONE.finditer(text)]
        found += [(m.start(), 1, m) for m in self.chair.finditer(text)] if self.chair else []
        out, end = [], 0
        for start, rank, match in sorted(found, key=lambda f: f[:2]):
            if start >= end:
                out.append((("body", "chair", "person")[rank], match))
                end = match.end()
        return out

    def instructing(self) -> bool:
        """True when the last one named as speaking is the body or the chair."""
        text = " ".join(self.pending)
        self.pending.clear()
        self.gap = 10**6  # characters from the speaker's name to what was heard last
        for speaker, match in self._mentions(text):
            self.speaker = speaker
            self.gap = len(text) - match.end()
            if self.speaker == "person" and _CONCLUDING.search(text[max(0, match.start() - 60) : match.start()]):
                self.speaker = "chair"  # "Kết luận hội nghị, đồng chí ...": the closing word is the chair's
        return self.speaker in ("body", "chair")


def _assignees(text: str) -> tuple[list[str], str, bool] | None:
    """'UBND tỉnh và Ban Tổ chức Tỉnh ủy cần chỉ đạo ...' → (assignees, task, said with "cần")."""
    if not _ORG_START.match(text) or _SELF.match(text):
        return None
    end = _TASK_START.search(text, 0, 260)
    if end is None:
        return None
    delegates = _DELEGATES.match(text)
    if delegates and _DEBATE.match(text, _QUALIFIED.match(text, delegates.end()).end()):
        return None  # "đề nghị các đại biểu tập trung thảo luận": the meeting's own debate
    who = text[: end.start()].strip(_TAIL)
    if not who or len(who.split()) > 16 or re.search(r"\d{3}|[.;:]", who):
        return None
    rest = text[end.start() :].strip()
    task = _MODAL.sub("", rest)
    return _split_assignees(who), task, task != rest


def _split_assignees(who: str) -> list[str]:
    """'UBND tỉnh, Ban Tổ chức Tỉnh ủy và Ủy ban Kiểm tra Tỉnh ủy' are three; 'các sở, ngành' one."""
    pieces = [p.strip(_TAIL) for p in re.split(r",\s+|\s+và\s+", who)]
    if len(pieces) > 1 and all(p[:1].isupper() and _ORG_START.match(p) for p in pieces):
        return pieces
    halves = [h.strip(_TAIL) for h in who.split(" và ")]
    if len(halves) == 2 and not _PLACE_BEFORE.search(halves[0]) and all(_ORG_START.match(h) for h in halves):
        if halves[1][:1].isupper() or halves[1].startswith("các "):
            return halves
    return [who]


def _deadline(task: str, held: date | None) -> str | None:
    match = _DEADLINE.search(task)
    if not match:
        return None
    day, month = int(match.group(1)), int(match.group(2))
    year = int(match.group(3)) if match.group(3) else (held.year if held else None)
    if year is None:
        return None
    try:
        when = date(year, month, day)
    except ValueError:
        return None
    if held and not match.group(3) and when < held:
        when = date(year + 1, month, day)  # "trước ngày 15/1" said in December
    return when.isoformat()


def _tasks(who: list[str], task: str, held: date | None) -> list[dict]:
    """One directive per assignee; 'A ...; B cần ...' hands the clause after ';' to B."""
    found = []
    clauses = [clause.strip() for clause in top_level(task, ";")]
    current, parts = who, [clauses[0]]
    for clause in clauses[1:]:
        other = _assignees(clause)
        if other and len(other[0][0].split()) <= 10:
            found.append((current, "; ".join(parts)))
            current, parts = other[0], [other[1]]
        else:
            parts.append(clause)
    found.append((current, "; ".join(parts)))
    directives = []
    for assignees, content in found:
        content = clean(content).strip(_TAIL)
        for assignee in assignees:
            directives.append({"assignee": clean(assignee), "content": content, "deadline": _deadline(content, held)})
    return directives


_IMPERATIVE = re.compile(
    r"^(?:Tiếp tục|Tăng cường|Tập trung|Đẩy mạnh|Chú trọng|Khẩn trương|Chủ động|Quan tâm|Nâng cao|Rà soát|Hoàn thành|"
    r"Thực hiện|Triển khai|Kiên quyết|Đồng thời)\s"
)


def find_directives(
    article: Article, body: str | None = None, chairs: list[dict] | None = None, held: str | None = None
) -> list[dict]:
    """Tasks the body or the chair gave ("giao", "yêu cầu", "đề nghị", "chỉ đạo"), one per assignee and task."""
    speakers = _Speakers(body, chairs or [])
    held_day = date.fromisoformat(held) if held else None
    directives: list[dict] = []
    listed: list[str] | None = None  # "yêu cầu [các cấp ủy]:" then "- ..." items, one task each
    for paragraph in article.paragraphs():
        sentences = [s.text for s in paragraph]
        bullet = _BULLET.match(sentences[0])
        if listed is not None and bullet:
            sentences = [sentences[0][bullet.end() :], *sentences[1:]]
        else:
            speakers.reset()
            listed = None
        given: list[dict] = []  # the tasks given in this paragraph so far
        for index, sentence in enumerate(sentences):
            if len(sentence) > PROSE_MAX:
                continue
            lead = _FOLLOW_LEAD.match(sentence)
            follow = _assignees(sentence[lead.end() if lead else 0 :])
            item = listed is not None and index == 0
            if follow and (follow[2] or item) and speakers.instructing():  # "Đồng thời, các ban ... cần ..."
                given += _tasks(follow[0], follow[1], held_day)
                continue
            if item and listed:
                given += _tasks(listed, _MODAL.sub("", sentence), held_day)
                continue
            found = _instructions(sentence, speakers, held_day, given)
            if not found and given and not follow:
                found = _going_on(sentence, given, held_day)
            given += found
        directives += [d for d in given if len(d["content"].split()) >= 3]  # not a task cut to a word or two
        opening = sentences[-1].endswith(":") and _LIST_CUE.search(sentences[-1][-200:])  # the ":" test is cheap
        if opening and speakers.instructing():
            found = _assignees(f"{opening.group(1)} cần")
            listed = found[0] if found else []
    return directives


def _going_on(sentence: str, given: list[dict], held: date | None) -> list[dict]:
    """A sentence after a task, with no assignee of its own, that starts with a verb ("Tiếp tục Y")
    is another task for the same assignees."""
    assignees = [d["assignee"] for d in given if d["content"] == given[-1]["content"]]
    if _IMPERATIVE.match(sentence):
        task = sentence[0].lower() + sentence[1:]
        return _tasks(assignees, task, held)
    return []


def _instructions(sentence: str, speakers: _Speakers, held: date | None, given: list[dict]) -> list[dict]:
    """'... giao A ...; yêu cầu B ...': each cue whose speaker is the body or the chair; "yêu cầu, X"
    with no assignee goes to the assignees of the last task."""
    directives: list[dict] = []
    if not any(word in sentence for word in _CUE_WORDS):  # the cheap test first: most sentences give no task
        speakers.hear(sentence)
        return directives
    position = 0
    for cue in _CUE.finditer(sentence):
        if cue.start() < position or _IN_TITLE.search(sentence, max(0, cue.start() - 90), cue.start()):
            continue  # "Tờ trình của UBND thành phố đề nghị HĐND ban hành ...": a document's name
        speakers.hear(sentence[position : cue.start()])
        position = cue.end()
        directs = cue.group(0).lower().startswith("chỉ đạo")
        if not speakers.instructing() or (directs and speakers.gap > 12):
            continue  # "chỉ đạo" gives a task only right after the one who speaks
        stop = _NEXT_CUE.search(sentence, cue.end())
        end = stop.start() if stop else len(sentence)
        found = _assignees(sentence[cue.end() : end])
        if found:
            directives += _tasks(found[0], found[1], held)
            position = end
        elif given and sentence[cue.start() : cue.end()].rstrip().endswith(","):
            assignees = [d["assignee"] for d in given if d["content"] == given[-1]["content"]]
            directives += _tasks(assignees, sentence[cue.end() : end], held)
            position = end
    speakers.hear(sentence[position:])
    return directives
