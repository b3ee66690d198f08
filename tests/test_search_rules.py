"""The pure parts of the search: the genre's abbreviations, the query's reading, the snippets carried back onto the
original text."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hoinghi.core.text import fold
from hoinghi.search import query
from hoinghi.search.abbreviations import ABBREVIATIONS, full_form, full_forms
from hoinghi.search.snippets import GAP, START, STOP, mark, matches, pattern, restore


def test_each_abbreviation_in_capitals_has_its_full_form():
    for written, full in [("HĐND", "hoi dong nhan dan"), ("UBND", "uy ban nhan dan"), ("BTV", "ban thuong vu")]:
        assert full_form(written) == full
    assert full_form("BCH") == "ban chap hanh" and full_form("MTTQ") == "mat tran to quoc"
    assert full_form("TU") == "tinh uy"


def test_an_abbreviation_that_is_also_a_word_counts_only_in_capitals():
    assert full_form("tu") is None and full_form("tu", typed=True) is None  # tu, từ, tự...
    assert full_form("hdnd") is None  # in a text, lower case is not an abbreviation
    assert full_form("hdnd", typed=True) == "hoi dong nhan dan"  # in a query it may be typed so


def test_a_text_gets_the_full_forms_of_the_abbreviations_it_writes_once_each():
    text = "HĐND và UBND tỉnh; Nghị quyết số 06-NQ/TU của TU; HDND; hđnd; UBNDX; tự"
    assert full_forms(text).split("\n") == ["hoi dong nhan dan", "uy ban nhan dan", "nghi quyet", "tinh uy"]


@given(st.sampled_from(sorted(ABBREVIATIONS)), st.text(alphabet=" ,.;-/()", min_size=1))
def test_an_abbreviation_is_found_between_any_punctuation(key, around):
    written = key.upper().replace("D", "Đ")
    assert full_forms(f"{around}{written}{around}") == ABBREVIATIONS[key]


@given(st.text(alphabet='aàáảãạăâđeêioôơuưyAĐ "-', max_size=40))
def test_a_query_reads_the_same_with_or_without_diacritics(text):
    assert query.parse(text.lower()) == query.parse(fold(text))


def test_words_phrases_exclusions_and_either():
    clauses = query.parse('Tỉnh uỷ "ban thường vụ" -dự OR x')
    assert clauses == [
        query.Clause((("tinh",),)),
        query.Clause((("uy",),)),
        query.Clause((("ban", "thuong", "vu"),)),
        query.Clause((("du",),), negated=True),
        query.Clause((("x",),), prefix=True),  # the last word, typed on
    ]
    assert query.to_fts5(query.parse('hdnd OR "uy ban" tinh -x')) == (
        '("hoi dong nhan dan" OR "uy ban") AND "tinh" NOT "x"'
    )
    assert query.to_fts5(query.parse('tinh "uy ban" OR x')) == '"tinh" AND ("uy ban" OR "x"*)'
    assert query.to_tsquery(query.parse('tinh "uy ban" OR x')) == "tinh & ((uy <-> ban) | x:*)"
    assert query.to_tsquery(query.parse('hdnd OR "uy ban" tinh -x')) == (
        "((hoi <-> dong <-> nhan <-> dan) | (uy <-> ban)) & tinh & !x"
    )


@pytest.mark.parametrize(
    ("text", "prefix"),
    [
        ("thuong v", True),
        ("chuyển đ", True),
        ("HĐN", True),
        ('"chuyển đ', True),  # a phrase still open
        ("thuong v ", False),  # a space after it: the word is finished
        ("thuong v,", False),
        ('"chuyển đổi"', False),
        ("nông thôn -huyện", False),  # an exclusion of every word beginning with "huy" would leave out too much
        ("HĐND", False),  # an abbreviation: its full form
        ("UBND OR", False),
    ],
)
def test_the_last_word_is_a_beginning_while_it_is_typed_on(text, prefix):
    clauses = query.parse(text)
    assert [c.prefix for c in clauses] == [False] * (len(clauses) - 1) + [prefix]


@given(st.text(alphabet="abđ ", min_size=1, max_size=20))
def test_only_the_last_clause_can_be_a_beginning_and_only_when_the_text_ends_in_a_letter(text):
    clauses = query.parse(text)
    assert not any(c.prefix for c in clauses[:-1])
    if clauses and clauses[-1].prefix:
        assert text[-1] in "abđ"
    elif clauses:
        assert text[-1] == " "


def test_a_query_of_exclusions_only_or_of_no_words_asks_for_nothing():
    assert query.parse("-x -y") == []
    assert query.parse(' " , ; ') == []


def test_inside_a_phrase_an_abbreviation_is_taken_as_written():
    assert query.parse('"06-NQ/TU"') == [query.Clause((("06", "nq", "tu"),))]
    assert query.parse("TU") == [query.Clause((("tinh", "uy"),))]


@given(
    st.text(alphabet=st.characters(blacklist_characters=START + STOP + GAP), min_size=1),
    st.integers(min_value=0, max_value=50),
    st.integers(min_value=1, max_value=20),
)
def test_a_marked_part_of_the_folded_text_is_marked_on_the_original(original, start, length):
    """(The index replaces the three marker characters in a text by spaces, indexing.entry.)"""
    folded = fold(original)
    part = folded[start : start + length]
    if not part.strip():
        return
    html = restore(original, folded, f"{START}{part}{STOP}")
    assert "<mark>" in html and "</mark>" in html


def test_restore_keeps_the_diacritics_and_escapes_the_text():
    original = "Báo cáo <b> của UBND tỉnh về đầu tư công"
    folded = fold(original)
    marked = folded.replace("dau tu", f"{START}dau{STOP} {START}tu{STOP}")
    assert restore(original, folded, marked) == (
        "Báo cáo &lt;b&gt; của UBND tỉnh về <mark>đầu</mark> <mark>tư</mark> công"
    )
    assert restore(original, folded, f"{START}cong{STOP}{GAP}") == "… <mark>công</mark>"
    assert restore(original, folded, "not there") == ""


def _unmarked(text: str) -> str:
    return text.replace(START, "").replace(STOP, "")


WORDS = st.lists(st.sampled_from(["tinh", "uy", "hoi", "dong", "nhan", "dan", "ban", "thuong", "vu", "so", "son"]))
ASKED = st.sets(st.sampled_from([("tinh",), ("uy",), ("hoi", "dong"), ("ban", "thuong", "vu")]))


@given(WORDS, ASKED, st.sampled_from([(), ("so",), ("thuong", "v")]))
def test_a_title_is_marked_whole_each_phrase_asked_and_nothing_else(title_words, asked, typed):
    folded = ", ".join(title_words)
    marked = mark(folded, pattern(frozenset(asked), typed), parts=None)
    assert _unmarked(marked) == folded and GAP not in marked
    for found in re.findall(f"{START}([^{STOP}]*){STOP}", marked):
        words = tuple(re.findall(r"\w+", found))
        assert words in asked or (typed and words[:-1] == typed[:-1] and words[-1].startswith(typed[-1]))
    if asked and all(" ".join(phrase) not in folded.replace(",", "") for phrase in asked) and not typed:
        assert START not in marked


@given(st.text(alphabet="tinhuyodgabsv ,_1Đ", max_size=60), ASKED, st.sampled_from([(), ("so",), ("thuong", "v")]))
def test_the_matches_are_those_of_the_phrases_asked_as_whole_words(folded, asked, typed):
    """`matches` asks in Python that a match begins a word: the same matches as the pattern with a look behind."""
    asked_pattern = pattern(frozenset(asked), typed)
    behind = re.compile(r"(?<![^\W_])" + asked_pattern.pattern)
    assert [m.span() for m in matches(folded, asked_pattern, None)] == [m.span() for m in behind.finditer(folded)]
    assert len(matches(folded, asked_pattern, 1)) == min(1, len(list(behind.finditer(folded))))


@given(st.lists(WORDS, min_size=1, max_size=60).map(lambda runs: [w for run in runs for w in run] or ["so"]))
def test_a_snippet_is_at_most_two_runs_of_the_text_in_its_order_cut_at_words(text_words):
    folded = " ".join(text_words)
    marked = mark(folded, pattern(frozenset({("hoi",), ("ban", "thuong", "vu")})))
    assert marked.count(GAP) <= 1 and marked.strip()  # one or two parts, never nothing
    at = 0
    for part in marked.split(GAP):
        plain = _unmarked(part)
        at = folded.index(plain, at)
        assert len(plain) <= 160 and set(plain.split()) <= set(text_words)  # whole words only
        at += len(plain)
    assert (START in marked) == ("hoi" in text_words or "ban thuong vu" in folded)


def test_a_snippet_shows_where_the_most_of_the_different_phrases_asked_are():
    folded = " ".join(["hoi"] + ["so"] * 50 + ["tinh", "hoi", "dong", "nhan", "dan", "tinh"] + ["so"] * 50 + ["dan"])
    asked = pattern(frozenset({("hoi", "dong", "nhan", "dan"), ("hdnd",)}), ("tinh",))
    (part,) = mark(folded, asked, parts=1).split(GAP)
    assert f"{START}tinh{STOP} {START}hoi dong nhan dan{STOP} {START}tinh{STOP}" in part
    assert part.startswith("so so so so ")  # a few words before the match
    assert mark("hdnd tinh hoi dong", asked) == f"{START}hdnd{STOP} {START}tinh{STOP} hoi dong"
    assert mark("nothing here", asked) == "nothing here"
    # Matches far apart: two parts, each around its own, in the text's order.
    far = " ".join(["hdnd"] + ["so"] * 60 + ["tinh"] + ["so"] * 60)
    first, second = mark(far, asked).split(GAP)
    assert first.startswith(f"{START}hdnd{STOP} so") and f"so {START}tinh{STOP} so" in second


def test_an_abbreviation_asked_by_its_full_form_is_marked_as_the_text_writes_it():
    phrases, typed = query.highlighted(query.parse("Hội đồng nhân dân tỉnh"))
    assert {("hoi",), ("dong",), ("nhan",), ("dan",), ("hdnd",)} <= phrases and typed == ("tinh",)
    phrases, typed = query.highlighted(query.parse("HĐND "))
    assert phrases == {("hoi", "dong", "nhan", "dan"), ("hdnd",)} and typed == ()
    assert ("tu",) not in query.highlighted(query.parse("TU"))[0]  # "tu" is also tú, tự, từ...
    assert query.highlighted(query.parse("-dich thuong v"))[1] == ("v",)
