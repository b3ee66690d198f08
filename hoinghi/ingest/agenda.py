"""Agenda items of a meeting article and who presented them: pure genre rules, no Django.

The genre states what a meeting heard in a few ways: a list after the meeting's verb
("Hội nghị đã nghe và cho ý kiến vào: A; B và các nội dung về công tác cán bộ"), a presenter at
the head of a sentence ("Ban cán sự đảng UBND tỉnh trình ...", "Đồng chí A, chức vụ trình bày
Báo cáo ..."), a bulleted list after a colon, and a short "Về ..." sentence that carries the list
on. An item named twice (in the opening list and again where it was presented) is one item.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from hoinghi.core.text import match_key
from hoinghi.ingest.clauses import UPPER
from hoinghi.ingest.mentions import HONORIFIC, TITLE_START, person_at

UPPER_CLASS = f"[{UPPER}]"
SENTENCE_END = re.compile(rf"(?<=[.!?])\s+(?={UPPER_CLASS}|[\"“(])")


@lru_cache(maxsize=4)
def line_sentences(text: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    lines = (line.strip() for line in text.split("\n"))
    return tuple((line, tuple(SENTENCE_END.split(line))) for line in lines if line)


_SPAN = 1500  # characters of a sentence read for items: bounded for huge pages

# The meeting's own verb for what it heard or discussed (case by case: a case-blind pattern
# with leading adverbs scans every sentence slowly; the adverbs are read off the subject).
_MEETING_VERB = re.compile(
    r"(?<!\w)([Nn]ghe(?:\s+(?:các\s+)?báo cáo(?=\s+(?:và|về|,)))?(?:,?\s+(?:và\s+)?(?:cho ý kiến|thảo luận|góp ý))?|"
    r"[Xx]em xét(?:,?\s*(?:và\s+)?(?:cho ý kiến|thảo luận|quyết định|thông qua|biểu quyết thông qua))*|"
    r"[Tt]hảo luận(?:,?\s*(?:và\s+)?cho ý kiến)?|[Cc]ho ý kiến|[Gg]óp ý|[Bb]iểu quyết thông qua|[Tt]hông qua|"
    r"(?:[Tt]hực hiện|[Tt]iến hành)(?=\s+(?:quy trình|việc)))"
    r"(?:\s+(?:vào|về|đối với))?(?!\w)"
)
_NOT_ITEMS = re.compile(
    r"\s*(?:,|(?:tại|trong|ở)\s+[^,;:]{0,40},|(?:sôi nổi|dân chủ|thẳng thắn|nghiêm túc|kỹ|sâu|"
    r"tâm huyết|trách nhiệm|nhiều|cụ thể|rất)\b)"
)
_ADVERBS = re.compile(r"(?:(?<!\w)(?:đã|sẽ|cũng|được|tập trung|tiến hành|lần lượt|còn)\s+)+$", re.I)
# Who may be the subject of that verb: the meeting, its body or its members.
_SUBJECT = re.compile(
    r"(?:các\s+)?(?:hội nghị|kỳ họp|phiên họp|cuộc họp|ban thường vụ|ban chấp hành|thường trực|hđnd|"
    r"hội đồng nhân dân|đại biểu|tỉnh [uủ]|thành [uủ]|huyện [uủ]|thị [uủ]|quận [uủ]|đảng [uủ]y)",
    re.I,
)
_SPEECH = re.compile(
    r"(?<!\w)(?:phát biểu|khẳng định|nhấn mạnh|cho rằng|cho biết|đề nghị|yêu cầu|đồng chí|đ/c)(?!\w)", re.I
)
# ", Ban Thường vụ Tỉnh ủy cơ bản nhất trí ...": the sentence's main clause after its topic
_MAIN_CLAUSE = re.compile(
    r",\s+(?=(?:Ban Thường vụ|Ban Chấp hành|Thường trực|Hội nghị|Kỳ họp|HĐND|Hội đồng nhân dân|"
    r"UBND|Tỉnh ủy|Thành ủy|Huyện ủy|đồng chí|Đồng chí)\b)"
)
# Words that make the sentence a decision or a task, not a report of what was heard.
_NOT_AGENDA = re.compile(
    r"(?<!\w)(?:yêu cầu|giao|đề nghị|chỉ đạo|cần|phải|nhất trí|đồng ý|thống nhất|kết luận|"
    r"sau khi|trước khi|trong đó|khi)(?!\w)"
)
# A body that presents: "Ban cán sự đảng UBND tỉnh", "Sở Tài chính", "Ban Tổ chức Tỉnh ủy".
_BODY = (
    rf"(?:Ban cán sự đảng|Đảng đoàn|Ban Thường vụ|Ban Chấp hành|Thường trực|Ban Chỉ đạo|Ban {UPPER_CLASS}|"
    rf"Sở {UPPER_CLASS}|UBND|Ủy ban|Uỷ ban|Văn phòng|Bộ Chỉ huy|Công an|Đảng ủy|Đảng uỷ|Tòa án|Toà án|"
    rf"Viện|Thanh tra|Cục|Liên đoàn|Mặt trận|Tỉnh đoàn|Thành đoàn|Kho bạc|Tiểu ban|Tổ công tác|"
    rf"Hội đồng|Hội {UPPER_CLASS}|Trường Chính trị|Đoàn (?:đại biểu|ĐBQH))"
)
_BODY_START = re.compile(_BODY)
_PRESENT_VERB = re.compile(
    r"(?<!\w)(?<![Cc]hương )(?<![Tt]ờ )(?<![Qq]uy )(?<![Cc]ông )(?<![Ll]ộ )(?<![Hh]ành )(?<![Gg]iải )"
    r"(?:báo cáo tóm tắt|trình bày tóm tắt|báo cáo|trình bày|trình|đọc)(?!\w)(?! độ)"
)
_SPOKE_FIRST = re.compile(
    r"(?<!\w)(?:phát biểu|cho rằng|cho biết|đề nghị|nhấn mạnh|khẳng định|yêu cầu|giao|được|"
    r"chủ trì|kết luận|chỉ đạo|cần|phải|nhất trí|đồng ý|tổ chức|dự)(?!\w)"
)
_INTRO = re.compile(r"^[^,;:.]{1,80},\s*")  # "Thừa ủy quyền của ..., ", "Tiếp đó, "
_DELEGATE = re.compile(r"^(?:lãnh đạo|đại diện)\s+", re.I)  # "lãnh đạo Sở Tài chính báo cáo"
# "... và các nội dung về công tác cán bộ", "... và báo cáo Kế hoạch ...": a new item after "và".
_DOC_HEAD = (
    r"(?:Báo cáo|Tờ trình|Đề án|Dự thảo|Kế hoạch|Chương trình|Nghị quyết|Quy chế|Quy định|"
    r"Chỉ thị|Phương án|Dự án|Đề cương)"
)
_AND_ITEM = re.compile(
    rf"\s+và\s+(?=(?i:(?:một số|các|những)\s+(?:nội dung|vấn đề|tờ trình|báo cáo|đề án))\b|{_DOC_HEAD}\b|"
    rf"(?:báo cáo|tờ trình|đề án)\s+{UPPER_CLASS})"
)
_LEAD = re.compile(
    r"^(?:(?:[Cc]ho ý kiến|[Xx]em xét|[Tt]hảo luận|[Nn]ghe|[Tt]hông qua|[Gg]óp ý|[Bb]iểu quyết thông qua)"
    r"(?:,?\s*(?:và\s+)?(?:cho ý kiến|thảo luận|thông qua))*\s*(?:vào|về|đối với)?\s+|"
    rf"(?:về|vào|đối với|việc)\s+|(?:báo cáo|trình bày)\s+(?={UPPER_CLASS})|(?:tóm tắt|vắn tắt)\s+)+"
)
_LIST_INTRO = re.compile(
    r"^(?:(?:về|vào|đối với)\s*)?(?:(?:báo cáo\s+)?(?:các|một số|những)\s+"
    r"(?:nội dung|vấn đề|báo cáo|tờ trình|đề án|nghị quyết|dự thảo)[^:;]{0,60})?:\s*",
    re.I,
)
_GENERIC = re.compile(
    r"^(?:(?:các|một số|những|nhiều|\d+)\s+)?(?:dự thảo\s+)?(?:nội dung|vấn đề|báo cáo|tờ trình|đề án|"
    r"nghị quyết|dự thảo|văn bản)?(?:\s+(?:quan trọng|khác|liên quan|sau|trên|này|đó|"
    r"quan trọng khác|thuộc thẩm quyền))*\s*(?:của\s+(?:(?!\s(?:về|việc|đối với)\s).){0,80})?$",
    re.I,
)
_RECIPIENT = re.compile(
    r"^(?:tại\s+|trước\s+|với\s+)?(?:hội nghị|kỳ họp|Ban Thường vụ [^ ]+ [uủ]y|Ban Chấp hành [^,]{0,30}?"
    r"(?=\s+về)|Thường trực [^ ]+ [uủ]y)\s*(?:về\s+)?",
    re.I,
)
_TAIL_PRESENTER = re.compile(
    rf"\s*(?:\(\s*)?(?:do|theo đề nghị của|theo đề xuất của)\s+((?:{_BODY}|đồng chí|đ/c)[^;()]{{0,150}}?)"
    r"(?:\s+(?:trình bày|trình|báo cáo|đề nghị|đề xuất|chuẩn bị))?\s*\)?\s*$"
)
_OWNER_PRESENTER = re.compile(
    rf"^(?:các\s+)?(?:Tờ trình|tờ trình|Báo cáo|báo cáo)(?:\s+số\s+\S+)?(?:\s+ngày\s+\S+)?\s+của\s+"
    rf"({_BODY}[^,;]{{0,80}}?)\s+(?:về|đối với)\s"
)
_CUT = re.compile(r",\s*(?:trong đó|nhằm|theo đó|đồng thời|nêu rõ|nhấn mạnh|với mục tiêu)\s")
_AGENDA_HEAD = re.compile(  # "Nội dung kỳ họp gồm:", "Chương trình hội nghị gồm các nội dung:"
    r"^(?:Nội dung|Chương trình)\s+(?:của\s+)?(?:hội nghị|kỳ họp|phiên họp|cuộc họp)\b[^:;.]{0,60}?"
    r"(?:gồm|bao gồm|có)\b"
)
_NUMBERING = re.compile(  # "(1) ...", "a) ...", "Thứ nhất, ...", "Hai là, ..."
    r"^\s*(?:\(\d{1,2}\)|\d{1,2}[.)]|[a-zđ]\)|[Tt]hứ\s+\w+\s*[,:]|"
    r"(?:[Mm]ột|[Hh]ai|[Bb]a|[Bb]ốn|[Nn]ăm|[Ss]áu|[Bb]ảy|[Tt]ám|[Cc]hín|[Mm]ười)\s+là\s*[,:])\s*"
)
_BULLET = re.compile(rf"^\s*[-–+•*]\s*|{_NUMBERING.pattern}")
_TOPIC = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))(?:Về|Đối với|Cho ý kiến (?:về|đối với)|Thảo luận về)\s+([^;.\n]{5,300}?),\s+"
    r"(?=(?:Ban Thường vụ|Ban Chấp hành|Thường trực|Hội nghị|Kỳ họp|HĐND|Hội đồng nhân dân|Bí thư|Chủ tịch|"
    r"[Đđ]ồng chí)\b)"
)
_ASPECT = re.compile(r"(?:các|những)\s+(?:nhóm|giải pháp|nhiệm vụ|mục tiêu|vấn đề|kiến nghị|ý kiến|hạn chế)", re.I)
_REPORTED = re.compile(r"\s*(?:[,:]|cho biết|cho thấy|nêu rõ|khẳng định)")
_AT_MEETING = re.compile(r"\s+(?:tại|trước)\s+(?:hội nghị|kỳ họp|phiên họp|cuộc họp)(?:\s+này)?\s*$", re.I)
_FOLLOW_ON = re.compile(r"^Về\s+(.{3,300})$")
_END_PUNCT = " .;,:…\"'”“"


@lru_cache(maxsize=2048)  # an item is compared with every other one: key it once
def _syllables(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", match_key(text)))


def similarity(a: str, b: str) -> float:
    """F1 of the two texts' syllable sets (the corpus scorer's measure)."""
    sa, sb = _syllables(a), _syllables(b)
    common = len(sa & sb)
    if not common:
        return 0.0
    precision, recall = common / len(sb), common / len(sa)
    return 2 * precision * recall / (precision + recall)


@lru_cache(maxsize=2048)
def _topic(title: str) -> str:
    """'Tờ trình của Ban Tổ chức về công tác cán bộ' → 'công tác cán bộ'."""
    parts = re.split(r"\s(?:về|đối với)\s", title, maxsplit=1)
    return match_key(parts[1]) if len(parts) == 2 else ""


def _item(text: str, presenter: str | None) -> dict | None:
    """A cleaned item from a piece of a list, or None for a generic piece."""
    text = _CUT.split(text, maxsplit=1)[0].strip(_END_PUNCT)
    text = _AT_MEETING.sub("", _NUMBERING.sub("", text))
    tail = _TAIL_PRESENTER.search(text)
    if tail:
        presenter = presenter or _presenter(tail.group(1))
        text = text[: tail.start()]
    text = _LEAD.sub("", _RECIPIENT.sub("", _LEAD.sub("", text.strip(_END_PUNCT)))).strip(_END_PUNCT)
    owner = _OWNER_PRESENTER.match(text)
    if owner and not presenter:
        presenter = owner.group(1).strip()
    if len(text.split()) < 2 or _GENERIC.match(text):
        return None
    if text.count("“") > text.count("”"):
        text += "”"
    return {"title": text[:1].upper() + text[1:], "presenter": presenter}


def _presenter(text: str) -> str | None:
    """'đồng chí A, chức vụ' → 'A'; a body stays as written, without a trailing 'và'."""
    text = re.sub(r"\s+(?:và|đã|sẽ|cũng)\s*$", "", text.strip(_END_PUNCT))
    stripped = _without_honorific(text)
    if stripped != text or not _BODY_START.match(_DELEGATE.sub("", text)):
        name, _positions, _end = person_at(stripped)
        return name
    return text or None


def _without_honorific(text: str) -> str:
    honorific = HONORIFIC.match(text)
    return text[honorific.end() :] if honorific else text


def _split_items(rest: str, presenter: str | None) -> list[dict]:
    rest = _LIST_INTRO.sub("", rest.strip(), count=1)
    items = []
    for piece in rest.split(";"):
        own = _presenter_at(_LEAD.sub("", _NUMBERING.sub("", piece.strip())))  # "...; nghe Sở Y tế báo cáo B"
        for part in _AND_ITEM.split(own[1] if own else piece):
            item = _item(part, own[0] if own else presenter)
            if item:
                items.append(item)
    return items


@dataclass
class _Heard:
    items: list[dict]
    presenter: str | None = None
    opens_list: bool = False  # "... các nội dung sau:" ends the line: the items are bullets below


def _heard(sentence: str) -> _Heard | None:
    """'Hội nghị đã nghe/xem xét/cho ý kiến vào: A; B', 'Nội dung kỳ họp gồm: A; B' → items."""
    head = _AGENDA_HEAD.match(sentence)
    if head:
        return _listed(sentence[head.end() :], None)
    verb = _MEETING_VERB.search(sentence, 0, 300)
    if not verb:
        return None
    subject = sentence[: verb.start()]
    if subject and not _ADVERBS.sub("", subject).strip():
        return None  # "Tập trung thảo luận ...": an exhortation, not a report
    clause = re.split(r"[,;:]", subject)[-1].strip()
    if clause and (not _SUBJECT.match(clause) or _SPEECH.search(clause)) or _NOT_AGENDA.search(subject):
        return None
    rest = sentence[verb.end() : verb.end() + _SPAN]
    if _NOT_ITEMS.match(rest):
        return None  # "Thảo luận tại tổ, đại biểu A ...", "thảo luận sôi nổi, ...": no item
    rest = _MAIN_CLAUSE.split(rest, maxsplit=1)[0]
    presenter = None
    if verb.group(1).lower().startswith("nghe"):
        found = _presenter_first(rest)
        if found:
            presenter, rest = found
        elif HONORIFIC.match(rest.strip()):
            return _Heard([])  # "nghe đồng chí A phát biểu": a speech, not an item
    return _listed(rest, presenter)


def _listed(rest: str, presenter: str | None) -> _Heard:
    if re.fullmatch(r"\s*(?:(?:về|vào|đối với)\s*)?(?:(?:các|một số|những)\s+[^:;]{0,80})?:\s*", rest):
        return _Heard([], presenter, opens_list=True)
    return _Heard(_split_items(rest, presenter), presenter)


def _presenter_first(text: str) -> tuple[str, str] | None:
    """'Ban cán sự đảng UBND tỉnh báo cáo X' / 'đồng chí A, chức vụ trình bày X' → (presenter, X),
    after at most two leading clauses ("Thừa ủy quyền của ..., đồng chí A ...")."""
    head = text.strip()
    for _clause in range(3):
        found = _presenter_at(head)
        if found:
            return found
        intro = _INTRO.match(head)
        if not intro:
            return None
        head = head[intro.end() :]
    return None


def _presenter_at(head: str) -> tuple[str, str] | None:
    if (
        _without_honorific(head) == head
        and not _BODY_START.match(_DELEGATE.sub("", head))
        and not TITLE_START.match(head)
    ):
        return None
    verb = _PRESENT_VERB.search(head, 0, 400)
    if not verb or _SPOKE_FIRST.search(head, 0, verb.start()) or _NOT_AGENDA.search(head, 0, verb.start()):
        return None
    if _REPORTED.match(head, verb.end()):
        return None  # "UBND tỉnh báo cáo, năm 2024 ...", "báo cáo cho biết": what it said, not an item
    presenter = _presenter(head[: verb.start()])
    return (presenter, head[verb.end() :]) if presenter else None


def _presented(sentence: str) -> list[dict]:
    """A sentence that opens with its presenter: 'Sở Tài chính trình bày Tờ trình về ...'."""
    found = _presenter_first(sentence[:_SPAN])
    if not found:
        return []
    presenter, rest = found
    return _split_items(rest, presenter)


def _same(a: dict, b: dict) -> bool:
    """One item named twice: near-equal titles, one inside the other, or the same topic."""
    if similarity(a["title"], b["title"]) >= 0.7:
        return True
    small, large = sorted((_syllables(a["title"]), _syllables(b["title"])), key=len)
    topic = _topic(a["title"])
    return (len(small) >= 4 and small <= large) or (bool(topic) and topic == _topic(b["title"]))


_MAX_ITEMS = 80  # no meeting hears more; bounds the pairwise comparison on a huge page


def _add(items: list[dict], new: list[dict]) -> None:
    for item in new[: max(0, _MAX_ITEMS - len(items))]:
        twin = next((old for old in items if _same(old, item)), None)
        if twin is None:
            items.append(item)
        elif twin["presenter"] is None:
            twin["presenter"] = item["presenter"]


def find_agenda_items(text: str) -> list[dict]:
    """What the meeting heard or discussed, one per item, with the presenter where said."""
    items: list[dict] = []
    opened: _Heard | None = None  # the line that announced a bulleted list
    for paragraph, sentences in line_sentences(text):
        if opened and _BULLET.match(paragraph):
            _add(items, _split_items(_BULLET.sub("", paragraph), opened.presenter))
            continue
        opened = None
        previous: list[dict] = []
        for sentence in sentences:
            follow = _FOLLOW_ON.match(sentence)
            if previous and follow and not _NOT_AGENDA.search(sentence) and "," not in sentence:
                item = _item(follow.group(1), previous[-1]["presenter"])
                _add(items, [item] if item else [])
                continue
            heard = _heard(sentence)
            if heard and heard.opens_list:
                opened = heard
            found = heard.items if heard else _presented(sentence)
            _add(items, found)
            previous = found
    return items or _topics(text)


def _topics(text: str) -> list[dict]:
    """Where no list says what was heard: the items the decisions are about ('Về Đề án A, Ban
    Thường vụ Tỉnh ủy nhất trí ...'), one per decision sentence."""
    items: list[dict] = []
    for match in _TOPIC.finditer(text):
        if _ASPECT.match(match.group(1)):
            continue  # "Về các nhóm giải pháp ...": an aspect of an item, not an item
        item = _item(match.group(1), None)
        _add(items, [item] if item else [])
    return items
