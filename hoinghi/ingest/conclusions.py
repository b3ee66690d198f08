"""What the body decided on an item (`conclusions`): pure genre rules on the decision sentences.

The body, the meeting, its delegates or its chair deciding ("Ban Thường vụ Tỉnh ủy cơ bản nhất trí
với ...", "Kỳ họp đã biểu quyết thông qua ...", "Các đại biểu đã thảo luận, thống nhất thông qua
...", "HĐND thành phố ... bế mạc với việc thông qua 62 nghị quyết"); a decision without a subject
("Tại phiên họp, đã thông qua Kế hoạch giám sát"); a deferral ("Riêng Đề án X lùi sang phiên họp
sau": outcome "other"). Plans ("sẽ xem xét, thông qua"), delegates' opinions and another body's
acts are not decisions. One decision told in the headline and again in the text is one.
"""

import re

from hoinghi.core.text import clean
from hoinghi.ingest.clauses import Article, Sentence
from hoinghi.ingest.gazetteer import COMMITTEE, COUNCIL, DECIDING, LEVEL
from hoinghi.ingest.scanning import first_letters, led
from hoinghi.ingest.similarity import similarity

PROSE_MAX = 3000  # a longer "sentence" is a table or page junk, not a report of a decision
# the deliberative body, or the meeting itself, as the subject of a decision
# ("Tỉnh ủy" alone too, but not inside a title)
_COUNCIL = rf"{DECIDING}|(?<!vụ )(?<!hành )(?<!thư )(?<!trực )(?<!viên ){COMMITTEE}(?! viên)"
_MEETING = r"Hội nghị|Kỳ họp|Phiên họp|Cuộc họp|(?<=, )(?:hội nghị|kỳ họp|phiên họp|cuộc họp)"
# the chair concluding speaks for the body: "Kết luận, đồng chí Bí thư Tỉnh ủy nhất trí với ..."
_CHAIR_TITLE = rf"(?<!Phó )(?:Bí thư {COMMITTEE}|Chủ tịch {COUNCIL} {LEVEL})"
# "các đại biểu đã biểu quyết thông qua", but "100% (50) đại biểu tán thành" is a vote's count
_DELEGATES = rf"(?<!% )(?<!\d )(?:[Cc]ác )?(?:vị )?[Đđ]ại biểu(?: {COUNCIL} {LEVEL})?"
_BODY = rf"{_COUNCIL}|{_DELEGATES}|{_MEETING}|{_CHAIR_TITLE}"
# "Ban Thường vụ Tỉnh ủy Lào Cai (khóa XVII)", "Kỳ họp thứ 12": a name, a number, a term may follow
_BODY_TAIL = (
    r"(?:\s+[A-ZĐÂĂÊÔƠƯ]\w*){0,4}?(?:\s+(?:lần\s+)?thứ\s+\w+(?:\s+\w+)?)?"
    r"(?:\s*,?\s*\(?(?i:khóa|khoá|nhiệm kỳ)\s+[\wIVXLC]+(?:\s*[-–]\s*\d{4})?\)?)*:?"
)
_FILLER = (
    r"(?:,?\s*(?:đã|cũng|đều|sau khi (?:nghe|thảo luận)[^,]{0,60},|tiến hành|"
    r"(?:xem xét|thảo luận)(?:,? cho ý kiến)?(?:,| và)|"
    r"(?:đã\s+)?(?:bế mạc|kết thúc)(?: kỳ họp)?(?: (?:lần )?thứ \w+)?(?: với việc|,)|"
    r"(?:biểu quyết|thảo luận),)){0,4}"
)
_APPROVE = r"(?:thông qua|đồng ý|nhất trí|thống nhất|tán thành|đồng tình|phê chuẩn)"
_OUTCOME_VERBS = [
    ("basically_approved", rf"(?:về )?cơ bản {_APPROVE}"),
    ("returned", rf"chưa {_APPROVE}"),
    ("other", r"(?:quyết định |quyết nghị )?(?:lùi|hoãn|chuyển sang|tạm dừng|chưa xem xét)\b"),
    ("noted", r"cho ý kiến (?:vào|về|đối với)|góp ý (?:vào|về|đối với)|ghi nhận"),
    ("approved", rf"(?:biểu quyết,? |nhất trí |thống nhất |quyết nghị |xem xét,? )?(?i:{_APPROVE})"),
    ("tasked", r"giao|yêu cầu|đề nghị"),
    ("decided", r"quyết định|quyết nghị"),
]
# the letters a subject begins with: the look-ahead spares the engine every other position
_SUBJECT_FIRST = first_letters(
    "Ban BTV BCH Thường HĐND Hội UBND Tỉnh Thành Huyện Thị Quận Đảng tỉnh thành huyện thị quận Kỳ Phiên Cuộc hội "
    "kỳ phiên cuộc các Các vị đại Đại Bí Chủ".split()
)
_DECISION = led(
    rf"(?<!viên )(?<!của )(?<!dự )(?<!tại )(?<!trong )(?<!với )\b(?P<subject>{_BODY}){_BODY_TAIL}{_FILLER}\s+(?:"
    + "|".join(f"(?P<{name}>{verb})" for name, verb in _OUTCOME_VERBS)
    + r")(?!\w)",
    _SUBJECT_FIRST,
)
_PASSIVE = re.compile(rf"(?<!vừa)\s(?:đã\s+)?được (?:(?:{_BODY}){_BODY_TAIL} )?(?:biểu quyết |nhất trí )?thông qua\b")
# "Tại phiên họp, đã thông qua X", "...; xem xét thông qua X": a decision whose subject is the meeting
_NO_SUBJECT = re.compile(
    rf"(?:^(?:[^,;]{{0,60}},\s*)?|;\s*)(?:đã\s+|cũng\s+)*(?:xem xét,?\s+|biểu quyết,?\s+)?(?P<approved>{_APPROVE})\s+"
    r"(?!\w+\s+(?:với|của)\b)"
)
# "Riêng Đề án X lùi sang phiên họp sau", "Đề án Y được hoãn lại": a deferral
_DEFERRED = re.compile(
    r"(?:^|,\s*|;\s*)(?:[Rr]iêng\s+)?(?P<item>[^,;]{5,200}?)\s+(?:được\s+)?(?:lùi|hoãn|chuyển)(?:\s+lại)?\s+"
    r"(?:sang|đến|tới)?\s*(?:kỳ họp|phiên họp|hội nghị|cuộc họp)\s+(?:sau|tới|tiếp theo)"
)
_PLAN = re.compile(
    r"(?<!\w)(?:(?:sẽ|dự kiến|theo chương trình|theo kế hoạch|để)\s+(?:\w+\s+){0,3}?"
    rf"(?:xem xét|thảo luận|cho ý kiến|biểu quyết|quyết nghị|{_APPROVE})|^phát biểu khai mạc\b)",
    re.I,
)  # an opening speech says what the session will decide
_LIST_INTRO = re.compile(r"\bđược\s+(?:biểu quyết\s+)?thông qua\b[^.:]{0,80}\b(?:gồm|bao gồm|như)\s*:")
_BALLOT = re.compile(r"thông qua|biểu quyết|tán thành")
_NOT_SUBJECT = re.compile(
    r"(?:Chủ tịch|Bí thư|Phó|[Ủủ]y viên|đề nghị|trình|cho|lãnh đạo|Lãnh đạo|đại diện|Đại diện|thay mặt|Thay mặt)\s*$"
)
_CUE = re.compile(r"(?<![\w-])(?:[Gg]iao|[Yy]êu cầu|[Đđ]ề nghị)\s")
_REVISE = re.compile(r"\btiếp thu\b.{0,120}?\b(?:hoàn thiện|hoàn chỉnh|chỉnh sửa|sửa đổi|bổ sung)\b")
_RECONSIDER = re.compile(r"\b(?:tiếp tục|rà soát lại|nghiên cứu|xem xét lại)\b.{0,80}?\bbáo cáo\b")
_ITEM_LEAD = re.compile(r"^(?:[^,]{0,20},\s*)?(?:Về|Đối với|Cho ý kiến (?:về|đối với|vào))\s+(.{3,300}?),\s")
_OBJECT_LEAD = re.compile(r"^\s*(?:(?:cao|hoàn toàn)\s+)?(?:với|về|đối với|vào|cho)\s+")  # "thống nhất cao với X"
_OBJECT_END = re.compile(r"[,;:(]|\s(?:để|nhằm|do|vì|và giao|đồng thời|tuy nhiên)\s|\svới\s+(?:tỷ lệ\s+)?\d")
_BY = re.compile(r"\s(?:đã\s+)?được\s*(?:(?:biểu quyết|nhất trí)\s*)?$")
_PRESENTED = re.compile(r"\s*(?:các\s+)?(?:tờ trình|báo cáo)\b", re.I)
_AGREED = re.compile(r"biểu quyết|thống nhất|nhất trí")  # "thống nhất thông qua Tờ trình": decided, not presented
_PERSONNEL = re.compile(r"^(?:miễn nhiệm|bãi nhiệm|bầu|cho thôi)\b")
_GENERIC = re.compile(r"^(?:các|những|\d+)\s+(?:dự thảo\s+)?nghị quyết\b", re.I)


def _item(sentence: str, start: int, end: int, passive: bool = False) -> str | None:
    """The item decided: "Về X, ..." before the body, "X được ... thông qua", else the verb's object."""
    before = sentence[:start]
    lead = _ITEM_LEAD.match(before)
    by = _BY.search(before)
    if lead:
        text = lead.group(1)
    elif passive:
        text = before
    elif by:
        text = before[: by.start()]
    else:
        text = _OBJECT_LEAD.sub("", sentence[end:])
    text = _OBJECT_END.split(text, maxsplit=1)[0]
    return clean(" ".join(text.split()[:24])).strip(" ,.;:…") or None


def _outcome(sentence: str, match: re.Match) -> str | None:
    """The outcome the verb says; None where the sentence decides nothing."""
    verb = next(name for name, _ in _OUTCOME_VERBS if match.group(name))
    if _NOT_SUBJECT.search(sentence, max(0, match.start() - 30), match.start()):
        return None  # "đề nghị HĐND tỉnh cho ý kiến", "lãnh đạo UBND xã thông qua báo cáo": not the body deciding
    if "đại biểu" in match.group("subject").lower() and not _BALLOT.search(match.group(0)):
        return None  # delegates agreeing or asking is the debate; their vote is the decision
    rest = sentence[match.end() : match.end() + 400]
    if verb == "approved" and _PERSONNEL.match(rest.lstrip()) and not match.group(0).endswith("thông qua"):
        return None  # "thống nhất miễn nhiệm X": a ballot, told as a vote
    revised = _REVISE.search(rest)
    if verb == "tasked":  # "giao/yêu cầu ... tiếp thu, hoàn thiện" or "giao ... tiếp tục rà soát, báo cáo"
        if revised:
            return "approved_with_revisions"
        return "returned" if match.group("tasked") == "giao" and _RECONSIDER.search(rest) else None
    if verb == "decided":  # "đã xem xét, quyết định nhân sự": decided, how is not said; "cũng quyết định" is a plan
        return "other" if "đã" in match.group(0) else None
    if verb == "approved" and _PRESENTED.match(rest) and not _AGREED.search(match.group(0)):
        return None  # "HĐND huyện thông qua tờ trình về ...": a submission presented, not a decision
    return "approved_with_revisions" if verb == "approved" and revised else verb


def _decision(sentence: str) -> tuple[str, str | None] | None:
    """(outcome, item) of the first decision in a sentence."""
    for match in _DECISION.finditer(sentence):
        outcome = _outcome(sentence, match)
        if outcome:
            return outcome, _item(sentence, match.start(), match.end())
    deferred = any(word in sentence for word in ("lùi", "hoãn", "chuyển")) and _DEFERRED.search(sentence)
    if deferred:
        return "other", clean(deferred.group("item"))
    bare = _NO_SUBJECT.search(sentence, 0, 400)
    if bare and not _PERSONNEL.match(sentence[bare.end() :]):
        return "approved", _item(sentence, bare.start("approved"), bare.end())
    passive = "được" in sentence and _PASSIVE.search(sentence, 0, 400)
    if passive and not _CUE.search(sentence, 0, passive.start()) and not _LIST_INTRO.search(sentence):
        return "approved", _item(sentence, passive.start(), passive.end(), passive=True)
    return None  # "triển khai các nghị quyết đã được thông qua" is a task, not the decision


def _candidate(sentence: Sentence) -> bool:
    text = sentence.text
    planned = any(word in text for word in _PLAN_WORDS) and _PLAN.search(text)  # the cheap test first
    return "decision" in sentence.roles and len(text) <= PROSE_MAX and not planned


_PLAN_WORDS = ("sẽ", "dự kiến", "theo chương trình", "theo kế hoạch", "để", "khai mạc")


_VAGUE = re.compile(r"(?:nhiều|các|một số|những)\s+(?:nội dung|vấn đề)(?:\s+quan trọng)?$", re.I)


def _same(a: dict, b: dict) -> bool:
    """One decision told twice: near-equal texts, or the session's resolutions counted twice."""
    if a["outcome"] != b["outcome"]:
        return False
    generic = all(c["item"] and _GENERIC.match(c["item"]) for c in (a, b))
    return generic or similarity(a["text"], b["text"]) >= 0.8


def find_conclusions(article: Article) -> list[dict]:
    """What the body decided, one per sentence: the sentence, the item and the outcome."""
    conclusions: list[dict] = []
    headline = None  # the headline's decision counts where the text tells no other of its kind
    for sentence in article.sentences:
        if not _candidate(sentence):
            continue
        found = _decision(sentence.text)
        if found is None:
            continue
        outcome, item = found
        new = {"item": item, "outcome": outcome, "text": clean(sentence.text).rstrip(" .…")}
        if sentence.title:
            headline = new
        elif not any(_same(old, new) for old in conclusions):
            conclusions.append(new)
    if headline and not any(c["outcome"] == headline["outcome"] for c in conclusions):
        if not (conclusions and _VAGUE.match(headline["item"] or "")):  # "cho ý kiến nhiều nội dung": a summary
            conclusions.insert(0, headline)
    return conclusions
