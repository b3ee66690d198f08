"""Numeric goals a meeting set (`targets`): pure genre rules on the sentences with figures.

A goal is a figure in a goal's context: a cue ("mục tiêu", "chỉ tiêu", "phấn đấu", "đến năm
2030", "để ... đạt", "nhằm đạt") and a year, in the sentence or earlier in its paragraph ("Kỳ họp
thống nhất các chỉ tiêu năm 2026. Trong đó, ... tăng 11%"), or in a paragraph that goes on about
"mục tiêu này". A range gives its lower bound ("8 - 8,5%" is 8); the unit is "%" or the noun
written right after the number ("doanh nghiệp", "tỷ đồng", "USD/người"). A figure already reached
is no goal ("ước đạt 6,79%" of a past period, "tăng 27,2% so với cùng kỳ", "đã đạt 100%").
"""

import re

from hoinghi.core.text import clean
from hoinghi.ingest.clauses import Article, Sentence
from hoinghi.ingest.dates import Day
from hoinghi.ingest.gazetteer import BODY
from hoinghi.ingest.lists import top_level
from hoinghi.ingest.meeting import MEETING_NOUN
from hoinghi.ingest.mentions import HONORIFIC
from hoinghi.ingest.numbers import FIGURE, figure
from hoinghi.ingest.similarity import similarity

_YEAR_BY = re.compile(r"\bđến năm\s+(\d{4})\b", re.I)
_YEAR_ANY = re.compile(r"\bnăm\s+(\d{4})\b(?!\s*[-–]\s*\d{4})", re.I)
_STRONG_CUE = re.compile(r"mục tiêu|phấn đấu|đến năm|đề ra chỉ tiêu|chỉ tiêu (?:năm|đến)", re.I)
_GOAL_CUE = re.compile(
    r"mục tiêu|chỉ tiêu|phấn đấu|(?:để|nhằm)\s+(?:[^,.;]{0,60}\s)?đạt\b|kế hoạch năm|\bvào\s+cuối\s+năm\s+\d{4}", re.I
)
_GOES_ON = re.compile(r"^(?:[^.]{0,80}\b)?(?:mục tiêu|chỉ tiêu|các chỉ tiêu)\s+(?:này|trên|đó|nêu trên)\b", re.I)
_LIST_INTRO = re.compile(r"(?:mục tiêu|chỉ tiêu)[^:]*:\s*", re.I)
# a figure already reached, not aimed at
_RESULT = re.compile(
    r"so với cùng kỳ|so cùng kỳ|\bđã đạt\b|\bđạt\s+[\d,.]+\s*%\s+(?:dự toán|kế hoạch)|tháng đầu năm", re.I
)
_ESTIMATE = re.compile(r"\bước\s+(?:đạt|tăng|giảm)\b", re.I)
# nouns written after a count; a longer one first ("tỉnh, thành phố" before "tỉnh")
_UNITS = [
    "tỉnh, thành phố", "doanh nghiệp", "hợp tác xã", "thành phố", "sản phẩm", "lao động", "tỷ đồng",
    "triệu đồng", "nghìn tỷ đồng", "dự án", "cơ sở", "trường", "xã", "huyện", "tỉnh", "người", "hộ", "thôn",
    "km", "ha", "giường bệnh", "bác sĩ", "khu công nghiệp", "cụm công nghiệp", "đô thị", "đảng viên",
    "tổ chức cơ sở đảng", "chi bộ", "USD/người", "triệu đồng/người", "triệu USD", "tỷ USD", "USD", "lượt khách",
]  # fmt: skip
_UNIT_RE = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
# units of an amount (money, area, length), written after a figure without "đạt", "trên" before it
_MEASURES = ["tỷ đồng", "triệu đồng", "nghìn tỷ đồng", "triệu đồng/người", "USD/người", "triệu USD", "tỷ USD", "USD"]
_MEASURE_RE = "|".join(re.escape(u) for u in sorted(_MEASURES, key=len, reverse=True))
_RANGE = rf"(?:\s*%?\s*(?:-|–|đến)\s*{FIGURE})?"
_PERCENT = re.compile(rf"(?:từ\s+)?({FIGURE}){_RANGE}\s*%")
_COUNT = re.compile(
    rf"\b(?:trên|hơn|có|ít nhất|tối thiểu|khoảng|nhóm|đạt|thu hút|kết nạp|mới|tăng|giảm|xuống|dưới)\s+"
    rf"(?:từ\s+)?({FIGURE}){_RANGE}\s+({_UNIT_RE})(?!\w)|"
    rf"(?<=\s)({FIGURE}){_RANGE}\s+({_MEASURE_RE})(?!\w)",  # "thu nhập bình quân đầu người 72,4 triệu đồng"
    re.I,
)
_SCOPE = re.compile(r"\b(?:tại|ở|đối với)?\s*(cấp (?:tỉnh|huyện|xã))\b", re.I)
# words before an indicator: cues, a year, "Nghị quyết đề ra mục tiêu"
_LEAD = re.compile(
    r"^(?:phấn đấu|trên|hơn|(?:đến )?năm \d{4}|và|,|trong đó|cụ thể|là|có|về quy mô|đặt mục tiêu|mục tiêu|"
    r"[^,;:]{0,60}?\b(?:đề ra|đặt ra|xác định|thông qua)\s+(?:các\s+)?(?:mục tiêu|chỉ tiêu))\s*",
    re.I,
)
_TRAIL = re.compile(r"\s*(?:trên|hơn|đạt|khoảng|ít nhất|tối thiểu|là|và|,|:|từ|đạt từ|trở lên)\s*$", re.I)
_CLAUSE_END = re.compile(r",\s*(?:góp phần|tạo|nhằm|để|qua đó|từ đó|làm tiền đề)\b", re.I)
# a sentence that names who acts starts a new statement: the goals before do not go on into it
_NEW_SUBJECT = re.compile(rf"^(?:[^,]{{0,30}},\s*)?(?:{BODY.pattern}|{MEETING_NOUN}|{HONORIFIC.pattern})")
_DIGIT = re.compile(r"\d")
_ASIDE = re.compile(r"\([^)]*\s[^)]*\s[^)]*\)")  # a long aside "(trừ ...)", not "(GRDP)"


def _tidy(text: str) -> str:
    text = _YEAR_BY.sub(" ", _ASIDE.sub(" ", text))
    text = clean(text).strip(" ,.;:…")
    for _ in range(3):
        text = _LEAD.sub("", text).strip()
        text = _TRAIL.sub("", text).strip()
    return text.strip(" ,.;:…")


def _clause_targets(clause: str, year: int) -> list[dict]:
    """Each figure in a goal clause, its unit and the words around it: before it where the figure
    completes a verb ("công nghiệp tăng khoảng 9,5 - 10%"), else after it ("95% hộ gia đình ...")."""
    hits = [(m.start(), m.end(), m.group(1), "%") for m in _PERCENT.finditer(clause)] if "%" in clause else []
    after_words = set()  # amounts written after what they measure, with no verb before them
    counted = any(unit in clause for unit in _UNITS)  # the cheap test first
    for m in _COUNT.finditer(clause) if counted else ():
        number, unit = (1, 2) if m.group(1) else (3, 4)
        if not any(s <= m.start(number) < e for s, e, _, _ in hits):
            hits.append((m.start(number), m.end(unit), m.group(number), clean(m.group(unit))))
            if number == 3:
                after_words.add(m.start(number))
    hits.sort()
    if not hits:
        return []
    prefix = clause[: hits[0][0]]
    segments = []
    for index, (start, end, number, unit) in enumerate(hits):
        stop = hits[index + 1][0] if index + 1 < len(hits) else len(clause)
        before = clause[hits[index - 1][1] if index else 0 : start]
        tail = clause[end:stop]
        cut = _CLAUSE_END.search(tail)
        complement = _COMPLEMENT.search(before) or start in after_words
        segments.append([number, unit, tail[: cut.start()] if cut else tail, None, complement, before])
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
    for index, (number, unit, tail, scope, complement, before) in enumerate(segments):
        words = _SCOPE.sub(" ", tail).strip(" ,;") if scope else tail
        words = re.sub(r"\s+và$", "", words)
        if complement:  # the indicator is the clause before the figure, the words after only to a comma
            lead, words = re.split(r"[,;:]\s", before)[-1], words.split(",")[0]
        else:
            # words before the first figure are shared by the next ones only where it does not complete them
            shares = not segments[index - 1][2].strip(" ,và") and not segments[0][4]
            lead = prefix if index == 0 or shares else ""
            if unit != "%":
                lead, words = f"{lead} ", f"{unit} {words}"
        indicator = _tidy(f"{lead} {words} {shared}")
        targets.append({"indicator": indicator, "value": figure(number), "unit": unit, "year": year, "scope": scope})
    return targets


# a figure that completes a verb: "tăng khoảng", "chiếm", "đạt từ", "tương đương"
_COMPLEMENT = re.compile(
    r"[^\W\d_]{2,}[^,;:]*?\b(?:đạt|tăng|giảm|chiếm|tương đương|xuống|lên)"
    r"(?:\s+(?:khoảng|từ|trên|hơn|dưới|ít nhất))?\s*$"
)


def _year(text: str) -> int | None:
    """The year a goal aims at: "đến năm 2030", else the first "năm YYYY"."""
    found = _YEAR_BY.search(text) or _YEAR_ANY.search(text)
    return int(found.group(1)) if found else None


def _reached(clause: str, year: int, published: Day | None) -> bool:
    """A figure of the past: a result, or an estimate for a year not ahead of the publication."""
    if _RESULT.search(clause):
        return True
    return bool(_ESTIMATE.search(clause)) and published is not None and year <= published.year


def _sentence_targets(sentence: str, year: int, published: Day | None) -> list[dict]:
    if _RESULT.search(sentence) and not _STRONG_CUE.search(sentence):
        return []  # "Năm 2023, kinh tế tăng 6,79%; ... tăng so với cùng kỳ": what was reached
    out = []
    for clause in top_level(sentence, ";"):
        clause_year = _year(clause) or year
        if not _reached(clause, clause_year, published):
            out += _clause_targets(clause, clause_year)
    return out


def _add(targets: list[dict], new: list[dict]) -> None:
    """One goal told twice (the headline, the lead, the body) is one."""
    for target in new:
        if not any(
            (t["value"], t["unit"], t["year"]) == (target["value"], target["unit"], target["year"])
            and similarity(t["indicator"], target["indicator"]) >= 0.3
            for t in targets
        ):
            targets.append(target)


def find_targets(article: Article) -> list[dict]:
    """Numeric goals with a target year, in a goal's context."""
    targets: list[dict] = []
    published = article.layout.published
    last_year = None  # the year of the last goal context: "mục tiêu này" in a later paragraph goes on with it
    for paragraph in article.paragraphs():
        context = last_year if _GOES_ON.match(paragraph[0].text) else None
        for sentence in paragraph:
            context = _sentence_context(sentence, context, targets, published)
        last_year = context or last_year
    return targets


def _sentence_context(sentence: Sentence, context: int | None, targets: list[dict], published) -> int | None:
    """Read one sentence's goals; return the year of the goal context that goes on after it."""
    text = sentence.text
    if ("target" not in sentence.roles and context is None) or not _DIGIT.search(text):
        return context  # a goal has a figure and a year: a sentence without digits sets nothing
    intro = ":" in text and _LIST_INTRO.search(text)
    if intro:  # "Các chỉ tiêu chủ yếu đến năm 2026 gồm: ..."
        context = _year(text[: intro.end()]) or context
        text = text[intro.end() :]
    cue = _GOAL_CUE.search(text) or _YEAR_BY.search(text)
    year = _year(text) if cue else None
    if cue and year is None:
        year = context
    if year is None and context is not None and re.search(r"\d", text) and not _NEW_SUBJECT.match(text):
        year = context  # "Trong đó, ...", "Về quy mô, ...": the goals go on
    if year is not None:
        _add(targets, _sentence_targets(text, year, published))
    return year if cue else context
