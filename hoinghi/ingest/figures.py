"""Numeric goals (`targets`) and ballots (`votes`) in a meeting article: pure genre rules.

How portals write a resolution's goals ("Phấn đấu đến năm 2025 có trên 700 doanh nghiệp",
"90% hồ sơ tại cấp tỉnh, 80% tại cấp huyện") and a ballot's result ("100% ... đồng ý ...").
Never one article's names or sentences.
"""

import re

from hoinghi.core.text import clean

_YEAR_BY = re.compile(r"\bđến năm\s+(\d{4})\b", re.I)
_YEAR_ANY = re.compile(r"\bnăm\s+(\d{4})\b", re.I)
_GOAL_CUE = re.compile(r"mục tiêu|chỉ tiêu|phấn đấu", re.I)
_LIST_INTRO = re.compile(r"(?:mục tiêu|chỉ tiêu)[^:]*:\s*", re.I)
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


def _paragraph_sentences(text: str) -> list[list[str]]:
    paragraphs = []
    for paragraph in re.split(r"\n+", text):
        parts = re.split(r"(?<=[.!?…])\s+(?=[A-ZĐÀ-Ỹ\d])", paragraph.strip())
        parts = [p.strip() for p in parts if p.strip()]
        if parts:
            paragraphs.append(parts)
    return paragraphs


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
    for sentences in _paragraph_sentences(text):
        list_year = None
        for sentence in sentences:
            intro = _LIST_INTRO.search(sentence)
            if intro:
                year = _YEAR_BY.search(sentence[: intro.end()]) or _YEAR_ANY.search(sentence[: intro.end()])
                if year:
                    list_year = int(year.group(1))
                    sentence = sentence[intro.end() :]
            for clause in re.split(r";", sentence):
                year = _YEAR_BY.search(clause) or _YEAR_BY.search(sentence)
                if year is None and _GOAL_CUE.search(sentence):
                    year = _YEAR_ANY.search(clause)
                found = int(year.group(1)) if year else list_year
                if found:
                    targets.extend(_clause_targets(clause, found))
    return targets


_VOTE = re.compile(rf"({_NUMBER})\s*%\s*([^.;]{{0,120}}?)\b(?:đồng ý|nhất trí|tán thành)\s+(?:với\s+)?([^.;]+)", re.I)
_SECRET = re.compile(r"bỏ phiếu kín", re.I)
_OPEN = re.compile(r"biểu quyết công khai|giơ tay", re.I)


def find_votes(text: str) -> list[dict]:
    """Ballots reported with a share in favour: '100% ... đồng ý giới thiệu ...'."""
    votes: list[dict] = []
    for sentences in _paragraph_sentences(text):
        paragraph = " ".join(sentences)
        for sentence in sentences:
            for match in _VOTE.finditer(sentence):
                where = sentence if (_SECRET.search(sentence) or _OPEN.search(sentence)) else paragraph
                method = "secret" if _SECRET.search(where) else "open" if _OPEN.search(where) else None
                subject = clean(match.group(3)).strip(" ,.")
                votes.append(
                    {
                        "subject": subject,
                        "method": method,
                        "result_text": clean(match.group(0)).strip(" ,."),
                        "percent_for": _value(match.group(1)),
                    }
                )
    return votes
