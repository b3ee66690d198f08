"""Days as the genre writes them: a meeting's day ("Sáng 5/7", "chiều ngày 26-4", "Ngày 17 – 9",
"ngày 04 tháng 10 năm 2019", "sáng nay (26/9)") and a page's publication stamp ("Ngày đăng 27/02/2020 |
07:45", "(08:09 | 31/12/2017)", "21:03 13/04/2020", "Thứ Bảy 06/03/2021 17:49", "2025-11-14"). Pure functions."""

import re
from datetime import date
from typing import NamedTuple


class Day(NamedTuple):
    """A day as far as it is written: a year alone ("date 2021-06" gives a month too) or a whole date."""

    year: int
    month: int | None = None
    day: int | None = None

    def as_date(self) -> date | None:
        return safe_date(self.year, self.month or 0, self.day or 0)


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


_SEP = r"\s*[/.\-–]\s*"
_DMY = re.compile(rf"(?<![\d/.])(\d{{1,2}}){_SEP}(\d{{1,2}}){_SEP}(\d{{4}})(?![\d/])")
_ISO = re.compile(r"(?<![\d/.])(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?![\d/])")
_WORDED = re.compile(r"(?<!\w)ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.I)
# what may stand beside the date on a stamp line: the time, the weekday, labels, a view counter
_STAMP_NOISE = re.compile(
    r"\d{1,2}\s*[:h]\s*\d{2}(?:\s*:\s*\d{2})?(?:\s*(?:AM|PM|SA|CH))?|GMT\s*[+-]?\s*\d{0,2}(?::\d{2})?|"
    r"\b(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ nhật|CN)\b|"
    r"\b(?:ngày đăng|đăng ngày|ngày xuất bản|xuất bản|cập nhật|đăng lúc|ngày|lúc)\b|"
    r"\b(?:(?:số\s+)?lượt xem|view count|lượt truy cập)\b\s*:?\s*\d*|[|(),:\-–/\s]",
    re.I,
)


def stamp(line: str) -> Day | None:
    """The date of a line that is only a publication stamp (a date with its time, weekday, labels)."""
    if len(line) > 90:
        return None
    found = _DMY.search(line) or _ISO.search(line) or _WORDED.search(line)
    if found is None:
        return None
    rest = line[: found.start()] + " " + line[found.end() :]
    if _STAMP_NOISE.sub("", rest):
        return None
    if found.re is _ISO:
        year, month, day = found.group(1), found.group(2), found.group(3)
    else:
        day, month, year = found.group(1), found.group(2), found.group(3)
    whole = Day(int(year), int(month), int(day) if day else None)
    return whole if whole.day is None or whole.as_date() else None


# " date 2025-09-26 ..." or " date 2021-06 ...": a stored page's publication, before its first line
ISO_PREFIX = re.compile(r"^\s*date\s+(\d{4})-(\d{2})(?:-(\d{2}))?\s*")

_WHEN = r"(?:sáng|chiều|tối|trưa|đêm)(?:\s+(?:nay|qua|hôm nay|mai))?|hôm nay|hôm qua|ngày|vào"
# "Sáng 5/7", "chiều ngày 26-4", "Ngày 17 – 9", "sáng nay (26/9)", "Ngày 28 và 29/7/2020", "ngày 9 - 10/7"
# (the first day)
_DAY_NUMBERS = re.compile(
    rf"(?<!\w)(?:{_WHEN})\s*(?:,\s*)?(?:ngày\s+)?\(?\s*(\d{{1,2}})(?:\s+và\s+\d{{1,2}}|\s*[-–]\s*\d{{1,2}}(?=/))?"
    rf"{_SEP}(\d{{1,2}})"
    rf"(?:{_SEP}(\d{{4}}))?(?![\d/])",
    re.I,
)
_DAY_WORDS = re.compile(r"(?<!\w)ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?", re.I)


def day_in(sentence: str) -> tuple[int, int, int | None] | None:
    """The first day written in a sentence, as (day, month, year or None)."""
    found = [m for m in (_DAY_NUMBERS.search(sentence), _DAY_WORDS.search(sentence)) if m]
    for match in sorted(found, key=lambda m: m.start()):
        day, month = int(match.group(1)), int(match.group(2))
        if 1 <= day <= 31 and 1 <= month <= 12:
            return day, month, int(match.group(3)) if match.group(3) else None
    return None


def with_year(day: int, month: int, year: int | None, published: Day | None) -> date | None:
    """The day in its year: written, else the publication's (a December day reported in January is
    the year before)."""
    if year is None:
        if published is None:
            return None
        year = published.year
        if published.month and (month, day) > (published.month, published.day or 31):
            year -= 1
    return safe_date(year, month, day)
