"""`scanning` compiles a pattern with a look-ahead for its first characters: the same matches, found faster."""

import re

from hoinghi.ingest.scanning import scanning

TEXT = (
    "Chiều 12/3, Ban Thường vụ Tỉnh ủy họp, đồng chí Bí thư Tỉnh ủy chủ trì. Hội nghị đã nghe, "
    "cho ý kiến vào Tờ trình của UBND tỉnh; KỲ HỌP THỨ 8 giao UBND tỉnh chỉ đạo, đề nghị các sở "
    "khẩn trương hoàn thành trước ngày 30/6. Không ai vắng mặt,  thảo luận dân chủ."
)


def test_scanning_finds_what_the_pattern_finds_and_skips_patterns_it_cannot_speed_up():
    sped_up = [
        (r"(?<!\w)(?:[Nn]ghe|cho ý kiến|(?:đã\s+)?giao)(?!\w)", 0),  # look-behind, alternation, optional word
        (r"\bkỳ họp\s+(?:thứ\s+)?(\d+)", re.I),  # case-blind: the look-ahead is too
        (r"(?<!,)\s(?:khẩn trương|chỉ đạo)", 0),  # a class escape first
        (r"(?P<body>Ban Thường vụ|Hội nghị)|(?P<person>đồng chí)", 0),  # named groups keep their names
    ]
    for pattern, flags in sped_up:
        plain, fast = re.compile(pattern, flags), scanning(pattern, flags)
        assert fast.pattern.startswith("(?=[")
        assert [(m.span(), m.groups(), m.lastgroup) for m in fast.finditer(TEXT)] == [
            (m.span(), m.groups(), m.lastgroup) for m in plain.finditer(TEXT)
        ]
        windows = [(start, start + 60) for start in range(0, len(TEXT), 15)]  # search from and up to a position
        assert [m and m.span() for m in (fast.search(TEXT, *w) for w in windows)] == [
            m and m.span() for m in (plain.search(TEXT, *w) for w in windows)
        ]
    assert scanning(r"(?i)kỳ họp").pattern == r"(?i)kỳ họp"  # inline global flags must stay first
    assert scanning(r"(?:giao)?\s*").pattern == r"(?:giao)?\s*"  # it can match nothing: every position counts
    assert scanning(r"[^\W\d_]+").pattern == r"[^\W\d_]+"  # a negated class: not a list of characters
