"""The layout of a meeting article: its headline, publication stamp, lead, body paragraphs and photo
captions, told apart from the portal's chrome. Pure functions on the text `reading` gives.

Portals differ: a banner date above the headline is the day the page was viewed; the stamp below it
(or a stored " date 2025-11-14" prefix) is the publication; some pages have no headline (the lead is
the first line), print the headline twice, wrap lines inside sentences, or put a caption line, a
byline or an image's file name between paragraphs. Chrome and captions are matched regardless of case,
diacritics and tone placement.
"""

import re
from dataclasses import dataclass, field
from itertools import pairwise

from hoinghi.ingest.dates import ISO_PREFIX, Day, stamp
from hoinghi.ingest.folding import insensitive

# lines of the page around the article: an image's file name, a player, the font-size buttons, "source:"
_CHROME = insensitive(
    r"^(?:.*\.(?:jpe?g|png|gif|webp)\b.{0,12}|\S*\.(?:jpe?g|png|gif|webp)\)?|[\d:/\s]+|a(?:\s*a)+\s*[+-]?|"
    r"xem voi co chu.*|co chu.*|skip (?:ribbon commands|to (?:main )?content).*|tieng viet\s*\|.*|"
    r"nguon\s*:.*|theo\s*:.{0,40}|"
    r"(?:chia se|in bai|in trang|gui email|luot xem|view count)\b.{0,40})$"
)
# where the article ends and the page's lists and comments begin
_END = insensitive(
    r"^(?:(?:cac |nhung )?(?:tin|bai|tin bai|bai viet)\s+(?:lien quan|khac|cung chuyen muc)\b|y kien ban doc|binh luan)"
)
# a caption: a photo's credit, or a picture of the scene
_CAPTION = insensitive(r"^(?:anh\s*:|quang canh\b|toan canh\b|cac dai bieu du\b)|\(anh\s*[:\w]")
# a lead begins with its source's mark or its time: "(BBNĐT) Ngày 17 – 9", "CTTĐT - ...", "Sáng 5/7, ..."
_SOURCE_MARK = re.compile(r"^(?:\(\w[\w.&]{1,12}\)\s*[-–]?|[A-ZĐ]{3,}(?:\s[A-ZĐ]+)?\s*[-–])\s*")
_TIME_START = insensitive(r"^[-–\s]*(?:sang|chieu|toi|trua|ngay|hom nay|hom qua)\b")
_SENTENCE_END = (".", "!", "?", "…", ":", ";", '"', "”", ")")
# a line ending in one of these words goes on in the next line
_OPEN_END = insensitive(r"(?<!\w)(?:tai|cua|va|voi|ve|cho|cac|nhung|theo|trong|den|tu|la|duoc|co|de|o|thuoc|nhu)$")
# "14/12/2021Ngày 13/12, ...": a stamp run into the lead
_GLUED_STAMP = re.compile(r"^(\s*\d{1,2}/\d{1,2}/\d{4})(?=\s*[A-ZĐ][^\W\d_]*\s)", re.M)
_HEADER_LINES = 8  # the stamp, if any, is among the first lines


@dataclass
class Paragraph:
    text: str
    caption: bool = False


@dataclass
class Layout:
    title: str | None = None
    published: Day | None = None
    banner: Day | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    header: list[str] = field(default_factory=list)  # chrome above the title: the portal's name, a section

    @property
    def body(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


def _lines(text: str) -> tuple[list[str], Day | None]:
    """The page's lines without chrome or repeats, and a stored publication prefix."""
    published = None
    prefix = ISO_PREFIX.match(text)
    if prefix:
        year, month, day = (int(g) if g else None for g in prefix.groups())
        published = Day(year, month, day)
        text = text[prefix.end() :]
    lines, seen = [], set()
    text = _GLUED_STAMP.sub("\\1\n", text)
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if _END.match(line) and lines:
            break
        key = line.lower().strip(" .")
        if not line or key in seen or (_CHROME.match(line) and not stamp(line)):
            continue
        seen.add(key)
        lines.append(line)
    return lines, published


_FULL_STOP = re.compile(r"(?<!\b[A-Z][A-Za-z])\.\s")  # a sentence ends inside: not after "TP.", "Tp.", "TS."


def _headline(line: str) -> bool:
    return (
        len(line) <= 220
        and not _SOURCE_MARK.match(line)
        and not _TIME_START.match(line)
        and not _FULL_STOP.search(line)
        and not line.endswith((":", ";", ","))
        and not line.startswith(("-", "+", "•", "*"))
    )


def _byline(line: str) -> bool:
    """'Lê Hương/THĐT', 'Nguyễn Văn A': a short run of capitalised words, no sentence."""
    words = re.split(r"[\s/]+", line.strip(" ()-–"))
    return 0 < len(words) <= 5 and all(w[:1].isupper() for w in words) and not line.endswith(_SENTENCE_END)


def layout(text: str) -> Layout:
    """Split an article's text into its headline, publication stamp and paragraphs."""
    lines, published = _lines(text)
    found = Layout(published=published)
    start = 0
    stamps = [i for i, line in enumerate(lines[:_HEADER_LINES]) if stamp(line)]
    if stamps:
        first = stamps[0]
        above = [i for i in range(first) if _headline(lines[i]) and not _label(lines[i])]
        between = [i for i in range(first + 1, stamps[1]) if _headline(lines[i])] if len(stamps) > 1 else []
        if above:  # the headline, then its stamp; what is above the headline is chrome
            found.title, found.header = lines[above[-1]], lines[: above[-1]]
            found.published = found.published or stamp(lines[first])
            start = first + 1
        elif between:  # today's date above the headline, the article's stamp below it
            found.banner = stamp(lines[first])
            found.title, found.header = lines[between[-1]], lines[first + 1 : between[-1]]
            found.published = found.published or stamp(lines[stamps[1]])
            start = stamps[1] + 1
        else:  # one stamp above the article: the item's own, unless written as the page's today
            if _TODAY.match(lines[first]):
                found.banner = stamp(lines[first])
            else:
                found.published = found.published or stamp(lines[first])
            found.header = lines[:first]
            start = first + 1
    while start < len(lines) - 1 and found.title is None and _label(lines[start]):
        found.header.append(lines[start])  # "Chính trị", "Tin tức sự kiện": the page's section
        start += 1
    if found.title is None and start < len(lines) - 1 and _headline(lines[start]):
        found.title = lines[start]
        start += 1
    found.paragraphs = _paragraphs(lines[start:])
    return found


# "Thứ năm, ngày 22/4/2021": the page's banner shows today's date this way
_TODAY = re.compile(r"^\s*(?:thứ\s+\w+|chủ nhật)\s*,?\s*ngày\s", re.I)


def _label(line: str) -> bool:
    """A section's name or a menu ("Chính trị", "Tin tức - sự kiện >> Tin tức", "Tiếng Việt | English")."""
    return len(line.split()) <= 4 or ">>" in line or "|" in line


def _paragraphs(lines: list[str]) -> list[Paragraph]:
    """Lines joined where a sentence runs on (a wrapped page), captions marked, bylines at the end dropped."""
    wrapped = sum(1 for a, b in pairwise(lines) if _runs_on(a, b, False)) >= 2
    joined: list[str] = []
    for line in lines:
        if joined and _runs_on(joined[-1], line, wrapped):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    while len(joined) > 1 and _signature(joined[-1]) and (joined[-2].endswith(_SENTENCE_END) or _signature(joined[-2])):
        joined.pop()
    if joined and not joined[-1].endswith(_SENTENCE_END) and len(joined[-1].split()) > 8:
        joined[-1] = joined[-1].rsplit(" ", 1)[0]  # the page was cut inside a word ("thúc đẩy phát triể"): drop it
    paragraphs = []
    for index, line in enumerate(joined):
        last = index == len(joined) - 1
        dateline = bool(_TIME_START.match(line) or _SOURCE_MARK.match(line))  # a lead, even without a full stop
        caption = bool(_CAPTION.search(line)) or (
            not last and not line.endswith(_SENTENCE_END) and len(line) <= 220 and index > 0 and not dateline
        )
        paragraphs.append(Paragraph(line, caption))
    return paragraphs


def _runs_on(previous: str, line: str, wrapped: bool) -> bool:
    """The next line goes on with the sentence: it starts in lower case, or the line before ends
    with a word that cannot end one ("tại", "của", "và"), or the page is wrapped inside sentences
    and the line before is no heading."""
    if previous.endswith(_SENTENCE_END) or not line:
        return False
    heading = previous.isupper()
    return line[0].islower() or line[0].isdigit() or bool(_OPEN_END.search(previous)) or (wrapped and not heading)


def _signature(line: str) -> bool:
    """A line of the byline or the source at the end: a few words, no sentence."""
    return len(line.split()) <= 6 and not line.endswith(_SENTENCE_END)
