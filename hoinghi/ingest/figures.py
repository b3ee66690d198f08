"""Numeric goals (`targets`) and ballots (`votes`) in a meeting article: pure genre rules.

How portals write a resolution's goals ("Phấn đấu đến năm 2025 có trên 700 doanh nghiệp",
"90% hồ sơ tại cấp tỉnh, 80% tại cấp huyện") and a ballot's result ("100% ... đồng ý ...").
Never one article's names or sentences. Also an article's sentences, which the other fields share.
"""

import re
from functools import lru_cache

from hoinghi.core.text import clean

# --- targets ---------------------------------------------------------------------------------
_YEAR_BY = re.compile(r"\bđến năm\s+(\d{4})\b", re.I)
_YEAR_ANY = re.compile(r"\bnăm\s+(\d{4})\b", re.I)
_GOAL_CUE = re.compile(r"mục tiêu|chỉ tiêu|phấn đấu", re.I)
_LIST_INTRO = re.compile(r"(?:mục tiêu|chỉ tiêu)[^:]*:\s*", re.I)
_NUMBERED = re.compile(r"\d")
_NUMBER = r"\d+(?:[.,]\d+)*"
_PERCENT = re.compile(rf"({_NUMBER})\s*%")
# nouns written after a count; a longer one first ("tỉnh, thành phố" before "tỉnh")
_UNITS = [
    "tỉnh, thành phố", "doanh nghiệp", "hợp tác xã", "thành phố", "sản phẩm", "lao động",
    "tỷ đồng", "triệu đồng", "nghìn tỷ đồng", "dự án", "cơ sở", "trường", "xã", "huyện",
    "tỉnh", "người", "hộ", "thôn", "km", "ha", "giường bệnh", "bác sĩ", "khu công nghiệp",
    "cụm công nghiệp", "đô thị",
]  # fmt: skip
_UNIT_RE = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
_COUNT = re.compile(
    rf"\b(?:trên|hơn|có|ít nhất|tối thiểu|khoảng|nhóm|đạt|thu hút)\s+({_NUMBER})\s+({_UNIT_RE})\b", re.I
)
_SCOPE = re.compile(r"\b(?:tại|ở|đối với)?\s*(cấp (?:tỉnh|huyện|xã))\b", re.I)
_LEAD = re.compile(r"^(?:phấn đấu|trên|hơn|đến năm \d{4}|và|,|trong đó|cụ thể|là|có)\s*", re.I)
_TRAIL = re.compile(r"\s*(?:trên|hơn|đạt|khoảng|ít nhất|tối thiểu|là|và|,|:)\s*$", re.I)
_CLAUSE_END = re.compile(r",\s*(?:góp phần|tạo|nhằm|để|qua đó|từ đó)\b", re.I)


def _value(token: str) -> int | float:
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", token):  # "1.500" is fifteen hundred
        return int(token.replace(".", ""))
    number = float(token.replace(",", "."))
    return int(number) if number.is_integer() else number


def _tidy(text: str) -> str:
    text = re.sub(r"\([^)]*\s[^)]*\s[^)]*\)", " ", text)  # a long aside "(trừ ...)"
    text = _YEAR_BY.sub(" ", text)
    text = clean(text).strip(" ,.;:…")
    for _ in range(3):
        text = _LEAD.sub("", text).strip()
        text = _TRAIL.sub("", text).strip()
    return text.strip(" ,.;:…")


_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])\s+(?=[A-ZĐÀ-Ỹ\d])")


@lru_cache(maxsize=4)  # several fields of one article read the same sentences
def paragraph_sentences(text: str) -> tuple[tuple[str, ...], ...]:
    """The article's paragraphs, each as its sentences."""
    paragraphs = []
    for paragraph in text.split("\n"):  # an empty line gives no sentence
        parts = tuple(p.strip() for p in _SENTENCE_BREAK.split(paragraph.strip()) if p.strip())
        if parts:
            paragraphs.append(parts)
    return tuple(paragraphs)


def _clause_targets(clause: str, year: int) -> list[dict]:
    """Each number in a goal clause, its unit and the words around it."""
    hits = [(m.start(), m.end(), m.group(1), "%") for m in _PERCENT.finditer(clause)]
    for m in _COUNT.finditer(clause):
        if not any(s <= m.start(1) < e for s, e, _, _ in hits):
            hits.append((m.start(1), m.end(2), m.group(1), clean(m.group(2)).lower()))
    hits.sort()
    if not hits:
        return []
    prefix = clause[: hits[0][0]]
    segments = []
    for index, (_start, end, number, unit) in enumerate(hits):
        stop = hits[index + 1][0] if index + 1 < len(hits) else len(clause)
        tail = clause[end:stop]
        cut = _CLAUSE_END.search(tail)
        segments.append([number, unit, tail[: cut.start()] if cut else tail, None])
    for segment in segments:
        scope = _SCOPE.search(segment[2])
        if scope:
            segment[3] = scope.group(1).lower()
    shared = ""
    if len(segments) > 1 and all(s[3] for s in segments):  # "90% X tại cấp tỉnh, 80% ... cấp xã <predicate>"
        last = segments[-1]
        after = _SCOPE.search(last[2])
        shared, last[2] = last[2][after.end() :], last[2][: after.end()]
    targets = []
    for index, (number, unit, tail, scope) in enumerate(segments):
        words = _SCOPE.sub(" ", tail).strip(" ,;") if scope else tail
        words = re.sub(r"\s+và$", "", words)
        lead = prefix if index == 0 or not segments[index - 1][2].strip(" ,và") else ""
        if unit != "%":
            lead, words = f"{lead} ", f"{unit} {words}"
        indicator = _tidy(f"{lead} {words} {shared}")
        targets.append({"indicator": indicator, "value": _value(number), "unit": unit, "year": year, "scope": scope})
    return targets


def find_targets(text: str) -> list[dict]:
    """Numeric goals with a target year: in the sentence, or in the list's opening sentence."""
    targets: list[dict] = []
    for sentences in paragraph_sentences(text):
        list_year = None
        for sentence in sentences:
            if not _NUMBERED.search(sentence):
                continue  # a goal has a number: most sentences of an article are passed over here
            intro = ":" in sentence and _LIST_INTRO.search(sentence)  # the cheap test first
            if intro:
                year = _YEAR_BY.search(sentence[: intro.end()]) or _YEAR_ANY.search(sentence[: intro.end()])
                if year:
                    list_year = int(year.group(1))
                    sentence = sentence[intro.end() :]
            by_year = _YEAR_BY.search(sentence)
            cue = by_year is None and _GOAL_CUE.search(sentence)
            if not (by_year or cue or list_year):
                continue
            for clause in sentence.split(";"):
                year = (_YEAR_BY.search(clause) if by_year else None) or by_year
                if year is None and cue:
                    year = _YEAR_ANY.search(clause)
                found = int(year.group(1)) if year else list_year
                if found:
                    targets.extend(_clause_targets(clause, found))
    return targets


PROSE_MAX = 3000  # a longer "sentence" is a table or page junk, not a report of a ballot or decision
_SHARE = rf"(?:({_NUMBER})\s*%|(\d+)\s*/\s*(\d+))"
_COUNTED = re.compile(r"\d\s*/\s*\d")
_VOTERS = r"(?:số\s+)?(?:phiếu|đại biểu|[ủỦ]y viên|thành viên|tổng số|người)"
_BALLOT_VERB = r"(?:thông qua|bầu(?: bổ sung)?|giới thiệu|miễn nhiệm|bãi nhiệm|phê chuẩn|tín nhiệm|kết nạp)"
# "100% ... đồng ý giới thiệu X": the subject follows the share
_VOTE = re.compile(rf"({_NUMBER})\s*%\s*([^.;]{{0,120}}?)\b(?:đồng ý|nhất trí|tán thành)\s+(?:với\s+)?([^.;]+)", re.I)
# "thông qua X với 100% (48/48) đại biểu có mặt tán thành", "bầu X với số phiếu tán thành đạt 100%"
_VOTE_AFTER = re.compile(
    rf"\b({_BALLOT_VERB}\s+[^.;]{{3,240}}?)\s*,?\s+với\s+"
    r"((?:tỷ lệ|số phiếu|phiếu)(?:\s+(?:tán thành|đồng ý|nhất trí))?\s+(?:(?:đạt|là|bằng)\s+)?)?"
    rf"{_SHARE}(\s*(?:{_VOTERS}[^.;]{{0,100}})?)",
    re.I,
)
# "Kết quả, 50/50 đại biểu có mặt tán thành.": the subject is the ballot named just before
_VOTE_ALONE = re.compile(
    rf"{_SHARE}\s*({_VOTERS}[^.;]{{0,100}}?)\s(?:biểu quyết\s+)?(?:tán thành|đồng ý|nhất trí)\s*(?=[,.;]|$)", re.I
)
_BALLOT = re.compile(rf"\b{_BALLOT_VERB}\s+[^.;]{{3,240}}", re.I)
# "Nghị quyết X được 100% đại biểu có mặt tán thành": what was voted on comes before "được"
_VOTED_ON = re.compile(r"([^,;:]{3,200}?)\s+(?:đã\s+)?được\s*$")
_BALLOT_END = re.compile(r"(?:\s*,|(?<!đối)\s+với\s|\s+kết quả\b).*$", re.I)
_PERCENT_NEAR = re.compile(rf"(?:đạt|bằng|chiếm|tỷ lệ)\s+({_NUMBER})\s*%")
# the yearly rating by ballot: "tập thể ... đạt mức hoàn thành tốt nhiệm vụ, 3 đồng chí ... xuất sắc nhiệm vụ"
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
_SECRET = re.compile(r"bỏ phiếu kín|phiếu kín", re.I)
_OPEN = re.compile(r"biểu quyết công khai|giơ tay", re.I)


def _share(match: re.Match, first: int, tail: str) -> int | float | None:
    """The share in favour: written as a percent, else counted as N/M (with a percent nearby)."""
    if match.group(first):
        return _value(match.group(first))
    near = _PERCENT_NEAR.search(tail)
    if near:
        return _value(near.group(1))
    part, whole = int(match.group(first + 1)), int(match.group(first + 2))
    return _value(f"{100 * part / whole:.2f}".rstrip("0").rstrip(".")) if 0 < part <= whole else None


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
    """Shares in favour in a sentence; `before`, the sentence before it, may name the ballot."""
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
        if not any(start <= match.start() < end for start, end in taken):
            taken.append((match.start(), match.end()))
            votes.append(_vote(match.group(3), match.group(0), _value(match.group(1))))
    for match in _VOTE_ALONE.finditer(sentence):
        if any(start <= match.start() < end for start, end in taken):
            continue
        subject = _ballot_named(sentence, match, before)
        percent = _share(match, 1, sentence[match.end() : match.end() + 40])
        if subject and percent is not None:
            votes.append(_vote(subject, match.group(0), percent))
    return votes


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


def _method(text: str) -> str | None:
    if _SECRET.search(text):
        return "secret"
    return "open" if _OPEN.search(text) else None


def find_votes(text: str) -> list[dict]:
    """Ballots whose result the article reports: a share in favour, or a rating by secret ballot.

    The method ("bỏ phiếu kín", "giơ tay") is the one the sentence says, else its paragraph's.
    """
    votes: list[dict] = []
    for sentences in paragraph_sentences(text):
        in_paragraph = None
        for index, sentence in enumerate(sentences):
            if len(sentence) > PROSE_MAX:
                continue
            found = _share_votes(sentence, sentences[index - 1] if index else "") + _rating_votes(sentence)
            if not found:
                continue
            if in_paragraph is None:
                in_paragraph = _method(" ".join(sentences)) or ""
            method = _method(sentence) or in_paragraph or None
            votes += [{**vote, "method": method} for vote in found]
    return votes
