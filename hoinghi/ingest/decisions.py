"""Conclusions and directives in a meeting article: pure genre rules, no Django.

How portals write what a Party committee or People's Council decided ("Ban Thường vụ Tỉnh ủy cơ
bản nhất trí với ...", "Kỳ họp đã biểu quyết thông qua ...") and the tasks it gave ("giao UBND
tỉnh ...", "Bí thư Tỉnh ủy yêu cầu các cấp ủy cần ..."). Never one article's names or sentences.
"""

import re
from datetime import date

from hoinghi.core.text import clean
from hoinghi.ingest.figures import PROSE_MAX, paragraph_sentences

_UY = r"(?:ủy|uỷ|Ủy|Uỷ)"
_CAPITAL = "A-Z" + "".join(ch for ch in map(chr, range(0xC0, 0x1EFA)) if ch.isupper())  # Ủ, Ư, Đ ... for [...]
_COMMITTEE = rf"(?:Tỉnh|Thành|Huyện|Thị|Quận|Đảng) {_UY}"
_LEVEL = r"(?:tỉnh|thành phố|huyện|thị xã|quận|xã|phường|thị trấn)"
# the deliberative body, or the meeting itself, as the subject of a decision
_COUNCIL = (
    rf"(?:Ban Thường vụ|Ban Chấp hành|BTV|BCH|Thường trực) {_COMMITTEE}|"
    rf"Ban Chấp hành Đảng bộ {_LEVEL}|"
    rf"(?:Thường trực )?(?:HĐND|Hội đồng nhân dân) {_LEVEL}"
)
_MEETING = r"Hội nghị|Kỳ họp|Phiên họp|(?<=, )(?:hội nghị|kỳ họp|phiên họp)"  # "Tại phiên họp, hội nghị ..."
# the chair concluding speaks for the body: "Kết luận, đồng chí Bí thư Tỉnh ủy nhất trí với ..."
_CHAIR_TITLE = rf"(?<!Phó )(?:Bí thư {_COMMITTEE}|Chủ tịch (?:HĐND|Hội đồng nhân dân) {_LEVEL})"
# "các đại biểu đã biểu quyết thông qua", but "100% (50) đại biểu tán thành" is a vote's count
_DELEGATES = rf"(?<!% )(?<!\d )(?:[Cc]ác )?đại biểu(?: (?:HĐND|Hội đồng nhân dân) {_LEVEL})?"
_BODY = rf"{_COUNCIL}|{_DELEGATES}|{_MEETING}|{_CHAIR_TITLE}"
# "Ban Thường vụ Tỉnh ủy Lào Cai (khóa XVII)", "Kỳ họp thứ 12": a name, a number, a term may follow
_BODY_TAIL = (
    rf"(?:\s+[{_CAPITAL}]\w*){{0,4}}?(?:\s+(?:lần\s+)?thứ\s+\w+)?"
    r"(?:\s*\(?(?:khóa|khoá|nhiệm kỳ)\s+[\wIVXLC]+(?:\s*[-–]\s*\d{4})?\)?)?"
)
_FILLER = (
    r"(?:,?\s*(?:đã|cũng|đều|sau khi (?:nghe|thảo luận)[^,]{0,60},|tiến hành|"
    r"(?:xem xét|thảo luận)(?:,? cho ý kiến)?(?:,| và))){0,3}"
)
_APPROVE = r"(?:thông qua|đồng ý|nhất trí|thống nhất|tán thành|đồng tình|phê chuẩn)"
_OUTCOME_VERBS = [
    ("basically_approved", rf"(?:về )?cơ bản {_APPROVE}"),
    ("returned", rf"chưa {_APPROVE}"),
    ("noted", r"cho ý kiến (?:vào|về|đối với)|góp ý (?:vào|về|đối với)"),
    ("approved", rf"(?:biểu quyết |nhất trí |quyết nghị )?{_APPROVE}"),
    ("tasked", r"giao|yêu cầu|đề nghị"),
    ("other", r"quyết định|quyết nghị"),
]
_DECISION = re.compile(
    rf"(?<!viên )(?<!của )(?<!dự )(?<!tại )(?<!trong )\b(?P<subject>{_BODY}){_BODY_TAIL}{_FILLER}\s+(?:"
    + "|".join(f"(?P<{name}>{verb})" for name, verb in _OUTCOME_VERBS)
    + r")\b"
)
# a cheap look before the costly pattern: most sentences decide nothing
_DECISION_WORDS = (
    "thông qua", "đồng ý", "nhất trí", "thống nhất", "tán thành", "đồng tình", "phê chuẩn", "cho ý kiến", "góp ý",
    "giao", "yêu cầu", "đề nghị", "quyết định", "quyết nghị",
)  # fmt: skip
_PASSIVE = re.compile(rf"(?<!vừa)\s(?:đã\s+)?được (?:(?:{_BODY}){_BODY_TAIL} )?(?:biểu quyết |nhất trí )?thông qua\b")
_BALLOT = re.compile(r"thông qua|biểu quyết|tán thành")
_REVISE = re.compile(r"\btiếp thu\b.{0,120}?\b(?:hoàn thiện|hoàn chỉnh|chỉnh sửa|sửa đổi|bổ sung)\b")
_RECONSIDER = re.compile(r"\b(?:tiếp tục|rà soát lại|nghiên cứu|xem xét lại)\b.{0,80}?\bbáo cáo\b")
_ITEM_LEAD = re.compile(r"^(?:Về|Đối với|Với|Cho ý kiến (?:về|đối với|vào))\s+(.{3,300}?),\s")
_OBJECT_LEAD = re.compile(r"^\s*(?:với|về|đối với|vào|cho)\s+")
_OBJECT_END = re.compile(r"[,;:(]|\s(?:để|nhằm|và giao|đồng thời|tuy nhiên)\s|\svới\s+(?:tỷ lệ\s+)?\d")
_BY = re.compile(r"\s(?:đã\s+)?được\s*(?:(?:biểu quyết|nhất trí)\s*)?$")


def _item(sentence: str, match: re.Match) -> str | None:
    """The item decided: "Về X, ..." before the body, "X được ... thông qua", else the verb's object."""
    before = sentence[: match.start()]
    lead = _ITEM_LEAD.match(before)
    passive = _BY.search(before)
    if lead:
        text = lead.group(1)
    elif match.re is _PASSIVE:
        text = before
    elif passive:
        text = before[: passive.start()]
    else:
        text = _OBJECT_LEAD.sub("", sentence[match.end() :])
    text = _OBJECT_END.split(text, maxsplit=1)[0]
    return clean(" ".join(text.split()[:24])).strip(" ,.;:…") or None


def _outcome(sentence: str, match: re.Match) -> str | None:
    """The outcome the verb says; None where the sentence decides nothing."""
    verb = next(name for name, _ in _OUTCOME_VERBS if match.group(name))
    if "đại biểu" in match.group("subject") and not _BALLOT.search(match.group(0)):
        return None  # delegates agreeing or asking is the debate; their vote is the decision
    rest = sentence[match.end() : match.end() + 400]
    revised = _REVISE.search(rest)
    if verb == "tasked":  # "giao/yêu cầu ... tiếp thu, hoàn thiện" or "giao ... tiếp tục rà soát, báo cáo"
        if revised:
            return "approved_with_revisions"
        return "returned" if match.group("tasked") == "giao" and _RECONSIDER.search(rest) else None
    return "approved_with_revisions" if verb == "approved" and revised else verb


def find_conclusions(text: str) -> list[dict]:
    """What the body decided, one per sentence: the sentence, the item and the outcome."""
    conclusions = []
    for sentences in paragraph_sentences(text):
        for sentence in sentences:
            if len(sentence) > PROSE_MAX or not any(word in sentence for word in _DECISION_WORDS):
                continue
            found = None
            for match in _DECISION.finditer(sentence):
                outcome = _outcome(sentence, match)
                if outcome:
                    found = (match, outcome)
                    break
            if found is None:
                passive = _PASSIVE.search(sentence, 0, 400)
                if passive is None or _CUE.search(sentence, 0, passive.start()):
                    continue  # "triển khai các nghị quyết đã được thông qua" is a task, not the decision
                found = (passive, "approved")
            match, outcome = found
            item = _item(sentence, match)
            conclusions.append({"item": item, "outcome": outcome, "text": clean(sentence).rstrip(" .…")})
    return conclusions


# --- directives ------------------------------------------------------------------------------
_CUE = re.compile(
    r"(?<![\w-])(?:[Gg]iao(?: (?:nhiệm vụ|trách nhiệm))?(?: cho)?(?! ban\b)|[Yy]êu cầu|[Đđ]ề nghị)\s*[,:]?\s+"
    r"(?:(?:trong\s+)?(?:thời gian tới|năm \d{4}|những tháng cuối năm|từ nay đến cuối năm)[^,]{0,40},\s*)?"
)
_CUE_WORDS = ("iao", "êu cầu", "ề nghị")  # one is in every cue: a sentence without them is passed over at once
# who the task goes to: an organization, a level or a role, as the genre writes them
_ORG_HEAD = (
    r"(?:(?:[Cc]ác|[Mm]ọi|[Mm]ỗi|[Tt]ừng|[Tt]oàn thể|[Tt]ất cả các)\s+)?(?:"
    r"UBND|HĐND|Ủy ban|Uỷ ban|Hội đồng|Thường trực|UBMTTQ|MTTQ|Mặt trận|Sở|Bộ|Ban|Đảng đoàn|Đảng ủy|Đảng uỷ|"
    r"Văn phòng|Công an|Tỉnh đoàn|Thành đoàn|Huyện đoàn|Đoàn|Hội|Liên đoàn|Cục|Chi cục|Trường|"
    r"Trung tâm|Viện|Kho bạc|Ngân hàng|Báo|Đài|Thanh tra|Tòa án|Viện kiểm sát|Quân sự|Bảo hiểm|Hải quan|"
    r"Điện lực|Công ty|Tổng công ty|Tập đoàn|"
    r"(?:Tỉnh|Thành|Huyện|Thị|Quận) (?:ủy|uỷ)|Thủ trưởng|Người đứng đầu|Lãnh đạo|"
    r"(?:cấp|quận|huyện|thị|thành|đảng) (?:ủy|uỷ)|chi bộ|tổ chức cơ sở đảng|"
    r"chính quyền|sở|ngành|địa phương|cơ quan|đơn vị|ban|huyện|thị xã|thành phố|xã|"
    r"phường|tổ chức|đoàn thể|người đứng đầu|thủ trưởng|chủ đầu tư|nhà đầu tư|lực lượng|hội đồng|"
    r"ủy ban|tổ công tác|cấp|ngành chức năng|doanh nghiệp|bộ phận|cán bộ|đảng viên)\b"
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
    "thu hồi", "giao", "theo chức năng", "căn cứ", "trong phạm vi", "đầu tư", "giải ngân", "lựa chọn",
    "thành lập", "phân bổ", "tích cực", "đề cao",
)  # fmt: skip
_TASK_RE = "|".join(re.escape(w) for w in sorted(_TASK_WORDS, key=len, reverse=True))
# not right after "ban", "các", a comma...: "các ban chỉ đạo", "các tổ chức thành viên" are names
_TASK_START = re.compile(rf"(?<![Bb]an)(?<![Cc]ác)(?<!mọi)(?<!từng)(?<!những)(?<!,)\s(?:{_TASK_RE})(?=[\s,.;:]|$)")
_MODAL = re.compile(r"^(?:(?:cần phải|cần|phải|có trách nhiệm|khẩn trương)\s+)+")
# who speaks: the body or the chair gives instructions; any other person gives an opinion
_PERSON = (
    rf"(?:[Đđ]ồng chí|[Đđ]/c|\b[Ôô]ng|\b[Bb]à)(?= [{_CAPITAL}])|Giám đốc|Trưởng|Phó|Chủ tịch|Bí thư|Cục trưởng|"
    r"Chánh|Chủ nhiệm|Tổng|Bộ trưởng|Thứ trưởng|Thủ trưởng|"
    rf"{_UY} viên(?: Ban Thường vụ| Ban Chấp hành)?(?: {_COMMITTEE})?|Tỉnh {_UY} viên|đại biểu|Đại biểu"
)
_MEMBERSHIP = re.compile(rf"(?:nguyên\s+)?{_UY} viên|Tỉnh {_UY} viên|Đại biểu", re.I)  # shared by many: not the chair
_CONCLUDING = re.compile(r"\bkết luận\b", re.I)
_SELF = re.compile(r"(?:[Cc]ác\s+)?(?:đại biểu|đồng chí|thành viên)\b")
_PLACE_BEFORE = re.compile(r"\s(?:ở|tại)\s[^,]{0,30}$")
_BULLET = re.compile(r"^(?:[-–•+*]|\d{1,2}[.)]|[a-zđ]\))\s*")
_LIST_CUE = re.compile(r"(?:[Gg]iao|[Yy]êu cầu|[Đđ]ề nghị)\s*([^.;:]{0,100}?)\s*:$")
_FOLLOW_LEAD = re.compile(r"^(?:Đồng thời|Bên cạnh đó|Ngoài ra|Trong đó|Mặt khác|Cùng với đó),\s*")
_NEXT_CUE = re.compile(r"(?:[,;]\s*(?:đồng thời\s+)?|\s+và\s+)(?=(?:giao|yêu cầu|đề nghị)\s)")
_DEADLINE = re.compile(
    r"\b(?:(?:trước|chậm nhất|hạn chót)\s+(?:ngày\s+)?|trong\s+ngày\s+)"
    r"(\d{1,2})\s*(?:/|-|\.|\s+tháng\s+)(\d{1,2})(?:\s*(?:/|-|\.|\s+năm\s+)(\d{4}))?",
    re.I,
)
_TAIL = " ,.;:…"


class _Speakers:
    """Who speaks at a point of a paragraph: the body, the chair or another person."""

    def __init__(self, body: str | None, chairs: list[dict]):
        level = re.search(r"(Tỉnh|Thành|Huyện|Thị|Quận|Đảng) (?:ủy|uỷ)|HĐND (\w+(?: \w+)?)", body or "")
        titles = []
        if level and level.group(1):
            titles.append(rf"Bí thư {level.group(1)} {_UY}")
        elif level:
            titles.append(rf"Chủ tịch (?:HĐND|Hội đồng nhân dân) {level.group(2)}")
        named = [chair["name"] for chair in chairs]
        named += [p for chair in chairs for p in chair.get("positions", []) if not _MEMBERSHIP.match(p)]
        titles += [re.escape(text) for text in named]
        chair = "|".join(sorted(set(titles), key=len, reverse=True)) or r"(?!)"  # (?!): no chair known
        pattern = (
            rf"(?P<body>(?<!viên )(?<!của )\b(?:{_COUNCIL}|{_MEETING}))|"
            rf"(?P<chair>(?<!Phó )(?:{chair}))|(?P<person>{_PERSON})"
        )
        self.mentions = re.compile(pattern)
        self.reset()

    def reset(self) -> None:
        """A new paragraph: nobody has spoken yet."""
        self.speaker: str | None = None
        self.pending: list[str] = []

    def hear(self, text: str) -> None:
        self.pending.append(text)  # read only when an instruction needs its speaker: most text has none

    def instructing(self) -> bool:
        """True when the last one named as speaking is the body or the chair."""
        text = " ".join(self.pending)
        self.pending.clear()
        for match in self.mentions.finditer(text):
            self.speaker = match.lastgroup
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
    clauses = re.split(r";\s+", task)
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


def find_directives(
    text: str, body: str | None = None, chairs: list[dict] | None = None, held: str | None = None
) -> list[dict]:
    """Tasks the body or the chair gave ("giao", "yêu cầu", "đề nghị"), one per assignee and task."""
    speakers = _Speakers(body, chairs or [])
    held_day = date.fromisoformat(held) if held else None
    directives: list[dict] = []
    listed: list[str] | None = None  # "yêu cầu [các cấp ủy]:" then "- ..." items, one task each
    for sentences in paragraph_sentences(text):
        bullet = _BULLET.match(sentences[0])
        if listed is not None and bullet:
            sentences = [sentences[0][bullet.end() :], *sentences[1:]]
        else:
            speakers.reset()
            listed = None
        for index, sentence in enumerate(sentences):
            if len(sentence) > PROSE_MAX:
                continue
            lead = _FOLLOW_LEAD.match(sentence)
            follow = _assignees(sentence[lead.end() if lead else 0 :])
            item = listed is not None and index == 0
            if follow and (follow[2] or item) and speakers.instructing():  # "Đồng thời, các ban ... cần ..."
                directives += _tasks(follow[0], follow[1], held_day)
                continue
            if item and listed:
                directives += _tasks(listed, _MODAL.sub("", sentence), held_day)
                continue
            directives += _instructions(sentence, speakers, held_day)
        opening = sentences[-1].endswith(":") and _LIST_CUE.search(sentences[-1][-200:])  # the ":" test is cheap
        if opening and speakers.instructing():
            found = _assignees(f"{opening.group(1)} cần")
            listed = found[0] if found else []
    return directives


def _instructions(sentence: str, speakers: _Speakers, held: date | None) -> list[dict]:
    """'... giao A ...; yêu cầu B ...': each cue whose speaker is the body or the chair."""
    if not any(word in sentence for word in _CUE_WORDS):
        speakers.hear(sentence)
        return []
    directives: list[dict] = []
    position = 0
    for cue in _CUE.finditer(sentence):
        if cue.start() < position:
            continue
        speakers.hear(sentence[position : cue.start()])
        position = cue.end()
        if not speakers.instructing():
            continue
        stop = _NEXT_CUE.search(sentence, cue.end())
        end = stop.start() if stop else len(sentence)
        found = _assignees(sentence[cue.end() : end])
        if found:
            directives += _tasks(found[0], found[1], held)
            position = end
    speakers.hear(sentence[position:])
    return directives
