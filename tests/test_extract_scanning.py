"""Word lists as fast patterns (ingest/scanning.py): the same matches as a plain alternation, found faster."""

import re

from hypothesis import given
from hypothesis import strategies as st

from hoinghi.ingest.scanning import first_letters, led, trie

TEXT = (
    "Chiều 12/3, Ban Thường vụ Tỉnh ủy họp, đồng chí Bí thư Tỉnh ủy chủ trì. Hội nghị đã nghe, "
    "cho ý kiến vào Tờ trình của UBND tỉnh; KỲ HỌP THỨ 8 giao UBND tỉnh chỉ đạo, đề nghị các sở "
    "khẩn trương hoàn thành trước ngày 30/6. Không ai vắng mặt, thảo luận dân chủ."
)
WORDS = ["nghe", "cho ý kiến", "giao", "chỉ đạo", "chủ trì", "chủ", "kỳ họp", "đề nghị", "ngày"]


def plain(words, flags=0):
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", flags)


def test_a_led_trie_finds_what_the_alternation_finds():
    for flags in (0, re.I):
        fast = led(rf"(?<!\w)(?:{trie(WORDS)})(?!\w)", first_letters(WORDS, bool(flags)), flags)
        slow = plain(WORDS, flags)
        assert [m.span() for m in fast.finditer(TEXT)] == [m.span() for m in slow.finditer(TEXT)]


@given(st.lists(st.text(alphabet="abcđêơ ", min_size=1, max_size=6), min_size=1, max_size=12))
def test_the_trie_matches_exactly_the_words(words):
    pattern = re.compile(f"(?:{trie(words)})")
    for word in words:
        assert pattern.fullmatch(word)
    assert not pattern.fullmatch("xyz")


def test_a_led_pattern_keeps_its_matches():
    pattern = r"(?<!\w)(?:[Nn]ghe|cho ý kiến|(?:đã\s+)?giao)(?!\w)"
    assert [m.span() for m in led(pattern, "Nncgđ").finditer(TEXT)] == [m.span() for m in re.finditer(pattern, TEXT)]
