"""Votes and ballots whose result an article reports: pure genre rules on the ballot sentences.

A share in favour written before or after what was voted on ("thông qua X với 48/50 đại biểu có
mặt tán thành", "100% ... đồng ý giới thiệu X", "Kết quả, 30/32 đại biểu tán thành" after the
ballot named before, "38/40 đại biểu ... đã thống nhất bầu ông H"); a personnel result without a
share ("ông A được bầu làm Chủ tịch HĐND tỉnh", "thông qua việc miễn nhiệm ... đối với bà B",
"Kỳ họp biểu quyết miễn nhiệm ... đối với ông G"); a vote by show of hands or by ballot without a
figure ("Đại biểu biểu quyết thông qua các Nghị quyết"); the yearly rating by ballot. The same
ballot told twice is one vote, with its share where one of the tellings gives it.
"""

import re

from hoinghi.core.text import clean
from hoinghi.ingest.clauses import Article, Sentence
from hoinghi.ingest.folding import UPPER
from hoinghi.ingest.mentions import AFTER, mentions
from hoinghi.ingest.numbers import FIGURE, figure
from hoinghi.ingest.similarity import similarity

PROSE_MAX = 3000  # a longer "sentence" is a table or page junk, not a report of a ballot
_SHARE = rf"(?:({FIGURE})\s*%|(\d+)\s*/\s*(\d+))"
_COUNTED = re.compile(r"\d\s*/\s*\d")
_VOTERS = r"(?:số\s+)?(?:phiếu|đại biểu|[ủỦ]y viên|thành viên|tổng số|người|ý kiến)"
_BALLOT_VERB = (
    r"(?:thông qua|bầu(?: cử)?(?: bổ sung)?|giới thiệu|miễn nhiệm|bãi nhiệm|phê chuẩn|lấy phiếu tín nhiệm|"
    r"tín nhiệm|kết nạp|cho thôi)"
)
_AGREE = r"(?:đồng ý|nhất trí|tán thành|thống nhất)"
# "100% ... đồng ý giới thiệu X", "38/40 đại biểu có mặt đã thống nhất bầu ông H": the subject follows the share
_VOTE = re.compile(
    rf"{_SHARE}\s*([^.;]{{0,120}}?)\b(?:đã\s+)?(?:biểu quyết\s+)?(?:(?:{_AGREE}\s+)+(?:với\s+)?([^.;]+)|"
    rf"(thông qua\s+[^.;]+))",
    re.I,
)
# "thông qua X với 100% (48/48) đại biểu có mặt tán thành", "bầu X với số phiếu tán thành đạt 100%"
_VOTE_AFTER = re.compile(
    rf"\b({_BALLOT_VERB}\s+[^.;]{{3,240}}?)\s*,?\s+(?:với|và được|được)\s+"
    r"((?:tỷ lệ|số phiếu|phiếu)(?:\s+(?:tán thành|đồng ý|nhất trí))?\s+(?:(?:đạt|là|bằng)\s+)?)?"
    rf"{_SHARE}(\s*(?:{_VOTERS}[^.;]{{0,100}})?)",
    re.I,
)
# "Kết quả, 50/50 đại biểu có mặt tán thành.", "có 39/50 phiếu tín nhiệm cao": the ballot is named before
_VOTE_ALONE = re.compile(
    rf"{_SHARE}\s*({_VOTERS}[^.;]{{0,100}}?)\s(?:biểu quyết\s+)?(?:tán thành|đồng ý|nhất trí|tín nhiệm cao|tín nhiệm)"
    r"\s*(?=[,.;(]|$)",
    re.I,
)
_COUNTED_VOTERS = re.compile(rf"\s*{_VOTERS}", re.I)
_BALLOT = re.compile(rf"\b{_BALLOT_VERB}\s+[^.;]{{3,240}}", re.I)
# "Nghị quyết X được 100% đại biểu có mặt tán thành": what was voted on comes before "được"
_VOTED_ON = re.compile(r"([^,;:]{3,200}?)\s+(?:đã\s+)?được\s*$")
_BALLOT_END = re.compile(r"(?:\s*,|(?<!đối)\s+với\s|\s+kết quả\b).*$", re.I)
_PERCENT_NEAR = re.compile(rf"(?:đạt|bằng|chiếm|tỷ lệ|tỉ lệ|tương đương)\s+(?:cao nhất\s+)?\(?({FIGURE})\s*%")


def _share(match: re.Match, first: int, tail: str) -> int | float | None:
    """The share in favour: written as a percent, else counted as N/M (a percent said beside it wins)."""
    if match.group(first):
        return figure(match.group(first))
    near = _PERCENT_NEAR.search(tail)
    if near:
        return figure(near.group(1))
    part, whole = int(match.group(first + 1)), int(match.group(first + 2))
    return figure(f"{100 * part / whole:.2f}".rstrip("0").rstrip(".")) if 0 < part <= whole else None


def _vote(subject: str, result: str, percent: int | float | None) -> dict:
    return {"subject": clean(subject).strip(" ,."), "result_text": clean(result).strip(" ,."), "percent_for": percent}


def _ballot_named(sentence: str, match: re.Match, before: str) -> str | None:
    """What a bare result ("50/50 đại biểu tán thành") was about: "X được ...", then the nearest ballot."""
    head = sentence[max(0, match.start() - 400) : match.start()]
    passive = _VOTED_ON.search(head[-230:]) if head.rstrip().endswith("được") else None
    if passive:
        return passive.group(1)
    named = _BALLOT.findall(head)
    after = _BALLOT.search(sentence, match.end(), match.end() + 300)  # "Với 100% ..., HĐND tỉnh thông qua X"
    named = named or ([after.group(0)] if after else []) or _BALLOT.findall(before)
    return _BALLOT_END.sub("", named[-1]) if named else None


def _share_votes(sentence: str, before: str) -> list[dict]:
    """Shares in favour in a sentence; `before`, the sentences before it, may name the ballot."""
    if "%" not in sentence and ("/" not in sentence or not _COUNTED.search(sentence)):
        return []
    votes, taken = [], []
    for match in _VOTE_AFTER.finditer(sentence):
        percent = _share(match, 3, match.group(6))
        if percent is None or not (match.group(2) or match.group(6).strip()):
            continue  # "thông qua dự án với 100% vốn ...": a share of something else
        start = next(match.start(group) for group in (2, 3, 4) if match.group(group))
        taken.append((start, match.end()))
        votes.append(_vote(match.group(1), sentence[start : match.end()], percent))
    for match in _VOTE.finditer(sentence):
        if any(start <= match.start() < end for start, end in taken):
            continue
        if not match.group(1) and not _COUNTED_VOTERS.match(match.group(4)):
            continue  # "chiều 11/12, HĐND ... thông qua": a day, not a count of voters
        percent = _share(match, 1, sentence[match.end() : match.end() + 40])
        if percent is not None:
            taken.append((match.start(), match.end()))
            votes.append(_vote(_BALLOT_END.sub("", match.group(5) or match.group(6)), match.group(0), percent))
    for match in _VOTE_ALONE.finditer(sentence):
        if any(start <= match.start() < end for start, end in taken):
            continue
        subject = _ballot_named(sentence, match, before)
        percent = _share(match, 1, sentence[match.end() : match.end() + 40])
        if subject and percent is not None:
            votes.append(_vote(subject, match.group(0), percent))
    return votes


# --- personnel results without a share ----------------------------------------------------------
# "A (, chức vụ,) được bầu (làm|giữ chức|bổ sung chức) X", "A tái đắc cử X": the people before, the office after
_ELECTED = re.compile(
    r"(?:tiếp tục\s+|đã\s+|chính thức\s+)*(?P<verb>được\s+(?:bầu(?:\s+bổ sung)?|bầu cử(?:\s+bổ sung)?|"
    r"tín nhiệm bầu)|tái đắc cử|đắc cử|trúng cử)\s+(?:làm\s+|giữ\s+chức(?:\s+vụ)?\s+|vào\s+|chức(?:\s+danh)?\s+)?"
    r"(?P<office>[^.;]{3,160})",
)
# "thông qua việc miễn nhiệm X đối với bà B", "biểu quyết miễn nhiệm X đối với ông G",
# "đồng thời bầu cử bổ sung X đối với ông C"
_ACTED = re.compile(
    rf"(?:(?:thông qua|xác nhận)\s+(?:việc|nghị quyết về việc|Nghị quyết về việc)\s+(?:xác nhận\s+kết quả\s+)?|"
    rf"biểu quyết(?:\s+thông qua)?(?:\s+việc)?\s+|(?:{_AGREE})\s+(?:việc\s+)?|đồng thời\s+|(?:đã\s+)?tiến hành\s+|"
    r"đã\s+|;\s*)"
    r"(?P<verb>miễn nhiệm|bãi nhiệm|bầu(?: cử)?(?: bổ sung)?|cho thôi(?: làm| giữ chức)?)\s+"
    r"(?P<office>[^.;]{3,160}?)\s+đối với\s+(?P<who>[^.;]{3,200})",
    re.I,
)
# "các đại biểu đã bầu đồng chí B, Phó Bí thư Tỉnh ủy giữ chức Chủ tịch HĐND tỉnh": a reported election
_ELECTING = re.compile(
    r"(?:đã|biểu quyết|thống nhất|nhất trí)\s+(?P<verb>bầu(?: bổ sung)?)\s+"
    r"(?P<who>(?:ông|bà|đồng chí)\s+[^.;]{3,160}?)\s+"
    r"(?:giữ chức(?: vụ)?|làm|vào chức(?: vụ)?)\s+(?P<office>[^.;]{3,160})"
)
# "Với số phiếu tín nhiệm 37/37, bà A trúng cử ...", "Với tỷ lệ phiếu bầu đạt 100%, bà B tái đắc cử ...":
# the share said first
_SHARE_LEAD = re.compile(
    rf"(?:^|,\s*)[Vv]ới\s+(?:(?:số phiếu|tỷ lệ|tỉ lệ)(?:\s+[^\d,;]{{0,30}}?)?\s+)?{_SHARE}"
    rf"(?:\s+{_VOTERS}[^,;]{{0,40}})?\s*,"
)
# "... trúng cử (X) với 98,1% số phiếu", "... với 53/54 phiếu bầu": the share after the office
_SHARE_AFTER = re.compile(
    rf"(?:^|\s)(?:với|đạt)\s+(?:(?:số phiếu|tỷ lệ|tỉ lệ)(?:\s+[^\d,;]{{0,30}}?)?\s+)?{_SHARE}"
    rf"(?=\s*{_VOTERS}|\s*[,.;]|$)",
    re.I,
)
# "bầu bổ sung Phó Chủ tịch HĐND tỉnh; kết quả, ông A trúng cử với ...": the office named with the ballot before
_ELECTION = re.compile(
    r"\b(?P<verb>bầu(?: cử)?(?: bổ sung)?)\s+(?:chức danh\s+|chức vụ\s+)?(?P<office>[^.;]{3,160})", re.I
)
# "Đại biểu biểu quyết thông qua các Nghị quyết ...": a vote with no figure
_SHOW = re.compile(r"\bbiểu quyết\s*,?\s*(?:nhất trí\s+|thống nhất\s+)?(?P<subject>thông qua\s+[^.;]{3,200})", re.I)
# "Kết quả bỏ phiếu cho thấy ... trở thành Ủy viên UBND ...": a personnel ballot's result, no figure
_OUTCOME_OF_BALLOT = re.compile(
    r"^Kết quả\s+(?:bỏ phiếu|bầu cử|biểu quyết)\b[^.]*?\b(?:trở thành|trúng cử|được bầu(?: làm)?)\s+"
    r"(?P<office>[^.;]{3,160})"
)
_OFFICE_END = re.compile(r"\s*(?:[,(]|\s(?:để|do|vì|với|theo)\s).*$")


# "ông Phú": a person named again by the last word of the name
_GIVEN_NAME = re.compile(rf"(?<!\w)(?:ông|bà|đồng chí)\s+([{UPPER}][^\W\d_]+)(?![^\W\d_]|\s+[{UPPER}])", re.I)


def _people_named(text: str, known: list[str]) -> list[str]:
    """The people a text names, by the whole name or by the last word of one named before."""
    named = [m.name for m in mentions(text)]
    for match in _GIVEN_NAME.finditer(text):
        whole = next((name for name in reversed(known) if name.rsplit(" ", 1)[-1] == match.group(1)), None)
        if whole and whole not in named:
            named.append(whole)
    return named


def _personnel_votes(sentence: str, known: list[str], context: str = "") -> list[dict]:
    """Elections and dismissals reported without a share before them; `context`, the sentences before."""
    votes = []
    previous = 0
    for match in _ELECTED.finditer(sentence):
        before = sentence[max(previous, match.start() - 300) : match.start()].split(";")[-1]
        previous = match.end()
        named = mentions(before)
        if named and AFTER.search(before, named[-1].end):  # "A tặng hoa chúc mừng các đồng chí vừa được bầu": not A
            continue
        who = _people_named(before, known)
        if not who:
            continue
        office, verb = _OFFICE_END.sub("", match.group("office")), match.group("verb")
        share = _SHARE_AFTER.search(match.group("office"))
        if share and share.start() == 0:  # "trúng cử với 98,1% số phiếu": the office was named with the ballot
            earlier = list(_ELECTION.finditer(f"{context} {sentence[: match.start()]}"))
            if not earlier:
                continue
            office, verb = _OFFICE_END.sub("", earlier[-1].group("office")), earlier[-1].group("verb")
        verb = "bầu bổ sung" if "bổ sung" in verb else "bầu"
        percent = _share(share, 1, match.group("office")[share.end() :]) if share else None
        subject = f"{verb} {office} đối với {', '.join(who)}"
        votes.append(_named(_vote(subject, sentence[match.start() :], percent), who))
    for match in list(_ACTED.finditer(sentence)) + list(_ELECTING.finditer(sentence)):
        who = _people_named(match.group("who"), known)
        if who:
            office = _OFFICE_END.sub("", match.group("office"))
            subject = f"{match.group('verb')} {office} đối với {', '.join(who)}"
            votes.append(_named(_vote(subject, match.group(0), None), who))
    return votes


def _named(vote: dict, people: list[str]) -> dict:
    vote["people"] = people  # who the ballot was about, to tell it when it is told again; dropped at the end
    return vote


_SECRET = re.compile(r"bỏ phiếu kín|phiếu kín", re.I)
_OPEN = re.compile(r"biểu quyết công khai|giơ tay", re.I)


def _method(text: str) -> str | None:
    if _SECRET.search(text):
        return "secret"
    return "open" if _OPEN.search(text) else None


_RATING_CUE = re.compile(
    r"\b(?:xếp loại|đánh giá)\b.{0,300}?\b(?:bỏ phiếu|biểu quyết|phiếu)|"
    r"\b(?:bỏ phiếu|biểu quyết|phiếu)\b.{0,300}?\b(?:xếp loại|đánh giá)",
    re.I,
)
_RATING = re.compile(r"(?:không\s+)?hoàn thành(?:\s+(?:xuất sắc|tốt))?\s+nhiệm vụ", re.I)
# the words between the rated group and its rating: "được đánh giá, xếp loại mức “..."
_RATING_VERB = re.compile(
    r"(?:\s+được)?(?:\s+đánh giá,?)?(?:\s+(?:xếp loại|đạt mức|đạt|ở mức))?(?:\s+ở)?(?:\s+mức)?\s*[\"“']?$", re.I
)
_CLAUSE_MARKS = ",;:."
_RATED_LEAD = re.compile(r"^.*?\b(?:đánh giá,?\s+)?xếp loại(?: chất lượng)?(?: năm \d{4})?\s+(?:đối với\s+)?", re.I)
_REST = re.compile(r"^(?:các|những|số)?\s*(?:đồng chí\s+)?còn lại\b", re.I)


def _rating_votes(sentence: str) -> list[dict]:
    """Each rated group and its rating; "các đồng chí còn lại ..." completes the one before."""
    if "nhiệm vụ" not in sentence or not _RATING_CUE.search(sentence):
        return []
    votes: list[dict] = []
    for match in _RATING.finditer(sentence):
        head = sentence[max(0, match.start() - 200) : match.start()]
        verb = _RATING_VERB.search(head, max(0, len(head) - 60))
        clause = head[max(head.rfind(mark) for mark in _CLAUSE_MARKS) + 1 : verb.start()]
        who = _RATED_LEAD.sub("", clause).strip(" ,")
        result = clean(f"{who}{head[verb.start() :]}{match.group(0)}")
        if _REST.match(who) and votes:
            votes[-1]["result_text"] += f", {result}"
        elif who and not _REST.match(who):
            votes.append(_vote(f"đánh giá, xếp loại {who}", result, None))
    return votes


def _people(vote: dict) -> frozenset[str]:
    return frozenset(vote.get("people") or (m.name for m in mentions(vote["subject"])))


def _same_ballot(a: dict, b: dict) -> bool:
    """One ballot told twice: the same people, else near-equal subjects; and shares that agree."""
    if a["percent_for"] is not None and b["percent_for"] is not None and a["percent_for"] != b["percent_for"]:
        return False
    people_a, people_b = _people(a), _people(b)
    if people_a and people_b:
        return people_a == people_b
    if _GENERIC.match(a["subject"]) and _GENERIC.match(b["subject"]):
        return True  # "thông qua 15 Nghị quyết" and "thông qua các Nghị quyết": the session's resolutions
    one_share = (a["percent_for"] is None) != (b["percent_for"] is None)
    return similarity(a["subject"], b["subject"]) >= (0.6 if one_share else 0.9)


_GENERIC = re.compile(r"thông qua\s+(?:các|những|\d+)\s+(?:dự thảo\s+)?[Nn]ghị quyết\b")


def _merge(votes: list[dict], new: list[dict]) -> None:
    """Add votes; one already there for the same ballot keeps the share either telling gives."""
    for vote in new:
        twin = next((old for old in votes if _same_ballot(old, vote)), None)
        if twin is None:
            votes.append(vote)
        elif twin["percent_for"] is None and vote["percent_for"] is not None:
            twin.update(percent_for=vote["percent_for"], result_text=vote["result_text"])


def _sentence_votes(sentence: Sentence, before: str, known: list[str]) -> list[dict]:
    text = sentence.text
    personnel = _personnel_votes(text, known, before)
    found = personnel + _rating_votes(text)
    lead = _SHARE_LEAD.search(text) if personnel else None
    if lead:  # "Với 37/37 phiếu đồng ý, ông A trúng cử ...": the share of the elections told after it
        percent = _share(lead, 1, lead.group(0))
        for vote in personnel:
            vote["percent_for"] = vote["percent_for"] if vote["percent_for"] is not None else percent
    for vote in _share_votes(text, before):  # "A được bầu làm X với 27/28 đại biểu tán thành": A's share
        if lead and vote["result_text"] in clean(lead.group(0)):
            continue
        named = next((p for p in personnel if similarity(p["subject"], vote["subject"]) >= 0.4), None)
        if named is None or named["percent_for"] not in (None, vote["percent_for"]):
            found.append(vote)
        elif named["percent_for"] is None:
            named.update(percent_for=vote["percent_for"], result_text=vote["result_text"])
    result = _OUTCOME_OF_BALLOT.match(text)
    if result and not found:
        found.append(_vote(f"bầu {_OFFICE_END.sub('', result.group('office'))}", text, None))
    show = _SHOW.search(text)
    if show and not any(v["percent_for"] is not None for v in found):
        found.append(_vote(show.group("subject"), show.group(0), None))
    return found


def find_votes(article: Article) -> list[dict]:
    """Ballots whose result the article reports. The method ("bỏ phiếu kín", "giơ tay") is the one
    the sentence says, else its paragraph's."""
    votes: list[dict] = []
    known: list[str] | None = None  # everyone the article names, read when a ballot needs it
    for paragraph in article.paragraphs():
        in_paragraph = None
        for index, sentence in enumerate(paragraph):
            if "ballot" not in sentence.roles or len(sentence.text) > PROSE_MAX:
                continue
            before = " ".join(s.text for s in paragraph[max(0, index - 2) : index])
            if known is None:
                known = [m.name for s in article.having("people") for m in mentions(s.text)]
            found = _sentence_votes(sentence, before, known)
            if not found:
                continue
            if in_paragraph is None:
                in_paragraph = _method(" ".join(s.text for s in paragraph)) or ""
            method = _method(sentence.text) or in_paragraph or None
            _merge(votes, [{**vote, "method": method} for vote in found])
    for vote in votes:
        vote.pop("people", None)
    return votes
