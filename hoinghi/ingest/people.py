"""Who presided and who was there: the chairs, and everyone else named as present (guests,
presenters, speakers). Pure functions on an article's sentences.

A chair is named beside "chủ trì"/"chủ tọa"/"điều hành": before it ("A, chức vụ; B, chức vụ chủ
trì") or after it ("dưới sự chủ trì của A", "Chủ trì kỳ họp, có A", "Chủ tọa kỳ họp là A").
Presence is read from the verb after the person ("phát biểu", "trình", "dự", "nhận") or the
frame before ("Dự hội nghị có", "nghe", "phát biểu khai mạc của", "Theo", "chúc mừng"); a person
the meeting elected, dismissed or named is only mentioned ("bầu ông A", "A được bầu", "đối với bà
B") unless a caption shows the newly elected receiving flowers.
"""

import re
from dataclasses import replace
from functools import lru_cache

from hoinghi.core.text import match_key
from hoinghi.ingest.clauses import Article
from hoinghi.ingest.mentions import AFTER, MAX_AHEAD, PRESENT_VERB, Mention, mentions, positions
from hoinghi.ingest.names import merge_person

# Words right before a person: a frame that seats him or her (group 1), or one that only names (group 2).
_FRAME = re.compile(
    rf"(?<!\w)(?:((?:phát biểu|bài phát biểu|ý kiến|báo cáo|tờ trình)(?:\s+\w+){{0,2}}\s+của|theo đề nghị của|"
    rf"thừa (?:ủy|uỷ) quyền(?:\s+của)?|(?:trao|tặng|trao tặng)(?:\s+\S+){{1,8}}?\s+cho|"
    rf"dự\s+có|có|nghe|mời|{PRESENT_VERB}|thay mặt|theo|tặng hoa(?:\s+chúc mừng)?|chúc mừng)|"
    r"((?:chủ trì|chủ tọa|chủ toạ)(?:\s+\S+){0,3}?\s+(?:có|là|gồm)|"  # "Chủ trì hội nghị có ...": a chair
    r"cho|bầu|miễn nhiệm|bãi nhiệm|giới thiệu|bổ nhiệm|điều động|chỉ định|phê chuẩn|kỷ luật|"
    r"khen thưởng|tặng|truy tặng|của|với|thay|tiễn|tưởng niệm|vinh danh|"
    r"công nhận|chuẩn y|kiện toàn|xem xét|cử|phân công|giao|kết nạp|nhân sự|ứng cử|đối với))"
    r"(?!\w)[^\w]*$",
    re.I,
)
_FRAME_ANYWHERE = re.compile(_FRAME.pattern.replace(r"(?!\w)[^\w]*$", r"(?!\w)"), re.I)
_SEATED_BY = re.compile(r"(?:tham dự|có mặt|góp mặt|chứng kiến)\s+của\s*$", re.I)
_ACCORDING = re.compile(r"(?<!\w)[Tt]heo\s*$")
_BALLOT_FRAME = re.compile(r"(?:bầu|miễn nhiệm|bãi nhiệm|đối với|cho thôi)\W*$|^\W*(?:\([^)]*\)\W*)?được bầu", re.I)
# "tặng hoa chúc mừng các đồng chí vừa được miễn nhiệm, bầu trúng cử": the people of the ballots were there
_FLOWERS_FOR_ELECTED = re.compile(
    r"(?:tặng hoa|chúc mừng)[^.]{0,60}?(?:vừa|mới)\s+(?:được\s+)?(?:bầu|miễn nhiệm|trúng cử|tín nhiệm)", re.I
)
_CLAUSE_END = re.compile(r"[;.]")


def _is_present(sentence: str, mention: Mention, after_end: int) -> bool | None:
    """True/False where the text around the mention says; None where it leaves it open."""
    before = sentence[max(0, mention.start - 80) : mention.start]
    if _SEATED_BY.search(before) or (_ACCORDING.search(before) and sentence.startswith(",", mention.end)):
        return True  # "có sự tham dự của A", "Theo A, ...": A spoke
    frame = _FRAME.search(before[-60:])
    if frame and frame.group(2) and not mention.listed:
        return False  # "bầu đồng chí A", "cho đồng chí A thôi ...", "của đồng chí A"
    verb = AFTER.search(sentence, mention.end, after_end)
    if verb:
        return bool(verb.group(1))
    if frame and frame.group(1):
        return True
    return None


def _sentence_frame(sentence: str, start: int) -> bool:
    """The last seating or naming cue before `start` in the sentence: 'Dự hội nghị có ...'."""
    last = None
    for match in _FRAME_ANYWHERE.finditer(sentence, max(0, start - MAX_AHEAD), start):
        last = match
    return bool(last and last.group(1))


def people_present(sentence: str, seated: bool = False) -> list[Mention]:
    """The mentions of one sentence that the sentence says were present, with positions;
    `seated`: the sentence is a line of a guest list, present unless it says otherwise."""
    found = list(mentions(sentence))
    present: list[Mention] = []
    inherited: bool | None = None
    for index in range(len(found) - 1, -1, -1):
        mention = found[index]
        after_end = found[index + 1].start if index + 1 < len(found) else len(sentence)
        after_end = min(after_end, mention.end + MAX_AHEAD)
        clause_end = _CLAUSE_END.search(sentence, mention.end, after_end)
        if clause_end and not mention.listed:
            after_end = clause_end.start()
        verdict = _is_present(sentence, mention, after_end)
        if verdict is None and index + 1 < len(found):
            between = sentence[mention.end : found[index + 1].start]
            if "." not in between and not AFTER.search(between):
                verdict = inherited  # "A, chức vụ; B, chức vụ dự hội nghị": the list's verb
        if verdict is None:
            verdict = seated or _sentence_frame(sentence, mention.start)
        verb = AFTER.search(sentence, mention.end, after_end)
        written = positions(sentence[mention.end : verb.start() if verb else after_end])
        mention = replace(mention, positions=mention.positions + tuple(written))
        inherited = verdict
        if verdict:
            present.append(mention)
    present.reverse()
    return present


_name_key = lru_cache(maxsize=4096)(match_key)  # "Hoà" = "Hòa": the chair under either spelling
_SEATING_HEAD = re.compile(r"(?:dự|có mặt)\b[^.]{0,80}:\s*$", re.I)  # "Dự hội nghị có các đồng chí:"
_BULLET = re.compile(r"^(?:[-–+•*]|\d{1,2}[.)])\s*")


def find_attendees(article: Article, chairs: list[dict]) -> list[dict]:
    """Everyone named as present other than the chairs, positions as written, one per entry."""
    chair_keys = {_name_key(c["name"]) for c in chairs}
    people: list[dict] = []
    elected_there = any(_FLOWERS_FOR_ELECTED.search(s.text) for s in article.having("ballot"))
    seated = False  # the lines under "Dự hội nghị có các đồng chí:" list the guests
    for paragraph in article.paragraphs():
        bullet = bool(_BULLET.match(paragraph[0].text))
        for sentence in paragraph:
            if "people" not in sentence.roles:
                continue
            present = people_present(sentence.text, seated and bullet)
            if elected_there:
                present += _elected(sentence.text, present)
            for mention in present:
                if _name_key(mention.name) not in chair_keys:
                    merge_person(people, mention.name, list(mention.positions))
        if not bullet:
            seated = paragraph[-1].text.endswith(":") and bool(_SEATING_HEAD.search(paragraph[-1].text))
    return people


def _elected(sentence: str, present: list[Mention]) -> list[Mention]:
    """The people a ballot named in this sentence (elected, dismissed), not already present."""
    named = {m.name for m in present}
    out = []
    for mention in mentions(sentence):
        before = sentence[max(0, mention.start - 30) : mention.start]
        if mention.name not in named and (
            _BALLOT_FRAME.search(before) or _BALLOT_FRAME.search(sentence[mention.end : mention.end + 80])
        ):
            verb = AFTER.search(sentence, mention.end, mention.end + MAX_AHEAD)
            written = positions(sentence[mention.end : verb.start() if verb else mention.end + 120])
            out.append(replace(mention, positions=mention.positions + tuple(written)))
    return out


# --- chairs ---------------------------------------------------------------------------------
_CHAIR_VERB = re.compile(
    r"(?<!\w)(?:đồng chủ trì|chủ trì|chủ tọa|chủ toạ|(?<!chỉ đạo, )(?<!chỉ đạo )(?<!lãnh đạo, )điều hành)(?!\w)", re.I
)
# after the verb: "dưới sự chủ trì của A", "Chủ trì Kỳ họp, có A", "Chủ tọa kỳ họp là A", "chủ trì: A"
_CHAIR_FOLLOWS = re.compile(
    r"\s*(?:(?i:hội nghị|kỳ họp|phiên họp|cuộc họp)(?:\s+(?:này|lần này))?\s*)?,?\s*(?:của|có|là|gồm|:)\s+"
    r"(?=(?:các\s+)?(?:đồng chí|Đồng chí|đ/c|Đ/c|ông|Ông|bà|Bà)\b|[A-ZĐÂĂÊÔƠƯ])"
)
_BEFORE_CHAIR = re.compile(r"^[\s,]*(?:(?:đã|cùng|đồng|sẽ|trực tiếp|và)\s+)*$")


def _chairs_in(sentence: str) -> list[Mention]:
    found = mentions(sentence)
    chairs: list[Mention] = []
    for verb in _CHAIR_VERB.finditer(sentence):
        follows = _CHAIR_FOLLOWS.match(sentence, verb.end())
        if follows:
            run = [m for m in found if m.start >= follows.end()]
            chairs += _contiguous(sentence, run, forward=True)
            continue
        before = [m for m in found if m.end <= verb.start()]
        if before and not _CLAUSE_BREAK.search(sentence, before[-1].end, verb.start()):
            chairs += _contiguous(sentence, before, forward=False)
    out = []
    for chair in chairs:
        verb = AFTER.search(sentence, chair.end, chair.end + MAX_AHEAD)
        end = min(verb.start() if verb else len(sentence), _next_start(found, chair, len(sentence)))
        out.append(replace(chair, positions=chair.positions + tuple(positions(sentence[chair.end : end]))))
    return out


_CLAUSE_BREAK = re.compile(rf"\.\s|(?<!\w)(?:{PRESENT_VERB}|được|là|bị)(?!\w)")


def _next_start(found: list[Mention], mention: Mention, default: int) -> int:
    later = [m.start for m in found if m.start > mention.start]
    return min(later) if later else default


def _contiguous(sentence: str, run: list[Mention], forward: bool) -> list[Mention]:
    """The mentions next to the verb with only positions and separators between them."""
    ordered = run if forward else list(reversed(run))
    out: list[Mention] = []
    for mention in ordered:
        if out:
            first, second = (out[-1], mention) if forward else (mention, out[-1])
            if _CLAUSE_BREAK.search(sentence, first.end, second.start):
                break
        out.append(mention)
    return out if forward else list(reversed(out))


def find_chairs(article: Article) -> list[dict]:
    """People named as presiding, one entry each, positions as written."""
    chairs: list[dict] = []
    for sentence in article.having("chair"):
        for mention in _chairs_in(sentence.text):
            merge_person(chairs, mention.name, list(mention.positions))
    return chairs
