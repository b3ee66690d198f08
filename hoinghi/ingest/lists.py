"""The one list splitter, shared by the agenda, the people lists, tasks and goals: a list's pieces at a
separator that stands outside brackets and quotation marks ("Nghị quyết về “A; B”" is one piece), how an
item is numbered ("(1)", "a)", "Thứ nhất,", "Hai là,"), the words a document's name begins with, and
pieces that share one head ("2 dự thảo Nghị quyết về A và B" is "Nghị quyết về A" and "Nghị quyết về B").
Pure functions.
"""

import re

from hoinghi.ingest.numbers import from_words

_OPENERS = {"(": ")", "[": "]", "“": "”", "«": "»"}
_CLOSERS = {v: k for k, v in _OPENERS.items()}


_ENCLOSING = re.compile(r'[(\[“«)\]”»"]')


def top_level(text: str, separator: str) -> list[str]:
    """`text` split at each `separator` that stands outside brackets and quotation marks."""
    if separator not in text:
        return [text]
    if not _ENCLOSING.search(text):
        return text.split(separator)
    pieces, depth, straight, start = [], 0, False, 0
    index = 0
    while index < len(text):
        char = text[index]
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSERS:
            depth = max(0, depth - 1)
        elif char == '"':
            straight = not straight
        elif not depth and not straight and text.startswith(separator, index):
            pieces.append(text[start:index])
            start = index + len(separator)
            index = start
            continue
        index += 1
    pieces.append(text[start:])
    return pieces


# "(1)", "1.", "a)", "-", "Thứ nhất,", "Hai là,": how an item of a list is numbered
NUMBERING = re.compile(
    r"^\s*(?:\(\d{1,2}\)|\d{1,2}[.)](?!\d)|[a-zđ]\)|[-–+•*]|[Tt]hứ\s+(?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)\s*[,:]|"
    r"(?:[Mm]ột|[Hh]ai|[Bb]a|[Bb]ốn|[Nn]ăm|[Ss]áu|[Bb]ảy|[Tt]ám|[Cc]hín|[Mm]ười)\s+là\s*[,:])\s*"
)
# the words a document's name begins with: a piece starting with one is an item of its own
DOCUMENT = (
    r"(?:Báo cáo|Tờ trình|Đề án|Dự thảo|Kế hoạch|Chương trình|Nghị quyết|Quy chế|Quy định|Chỉ thị|"
    r"Phương án|Dự án|Đề cương|Quyết định|Kết luận|Quy hoạch|Chiến lược|Đề xuất)"
)

# "2 dự thảo Nghị quyết (của HĐND) về A và B": a count, a document kind, then its topics
_SHARED = re.compile(
    rf"^(?P<count>\d+|hai|ba|bốn|năm|sáu)\s+(?P<head>(?:dự thảo\s+)?{DOCUMENT}|(?:dự thảo\s+)?(?:nghị quyết|"
    r"tờ trình|báo cáo|đề án|kế hoạch|quy định))(?:\s+của\s+[^,;]{2,40}?)?\s+(?P<about>về|về việc|đối với)\s+"
    r"(?P<topics>.+)$",
    re.I,
)


def shared_head(item: str) -> list[str]:
    """'2 dự thảo Nghị quyết về A và B' → ['Dự thảo Nghị quyết về A', 'Dự thảo Nghị quyết về B']: split
    only where the count says how many ("về phát triển du lịch và dịch vụ" is one topic); any other
    item unchanged."""
    found = _SHARED.match(item)
    if not found:
        return [item]
    count = found.group("count")
    topics = [t.strip(" ,") for t in re.split(r",\s+|\s+và\s+", found.group("topics"))]
    if len(topics) < 2 or str(len(topics)) != count and from_words(count) != len(topics):
        return [item]
    head = found.group("head")
    head = head[:1].upper() + head[1:]
    return [f"{head} {found.group('about')} {topic}" for topic in topics if topic]
