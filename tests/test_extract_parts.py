"""The extractor's shared parts (issue 19): numbers in words, the list splitter, days and stamps, the gazetteer,
matching regardless of marks, the layout of a page, sentences and their roles, person mentions."""

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hoinghi.ingest.clauses import read_article, split_sentences
from hoinghi.ingest.dates import Day, day_in, stamp, with_year
from hoinghi.ingest.folding import insensitive
from hoinghi.ingest.gazetteer import bodies, body_key, is_place, place_at
from hoinghi.ingest.layout import layout
from hoinghi.ingest.lists import NUMBERING, shared_head, top_level
from hoinghi.ingest.mentions import mentions
from hoinghi.ingest.numbers import figure, from_words, ordinal, to_roman

# --- numbers ---------------------------------------------------------------------------------
_UNITS = ["", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def words_for(number: int) -> str:
    """How the genre writes 1-99 in words ("ba mươi mốt", "mười lăm", "hai mươi tư"): the oracle of the test."""
    tens, unit = divmod(number, 10)
    if tens == 0:
        return _UNITS[unit]
    head = "mười" if tens == 1 else f"{_UNITS[tens]} mươi"
    if unit == 0:
        return head
    last = {1: "mốt" if tens > 1 else "một", 4: "tư" if tens > 1 else "bốn", 5: "lăm"}.get(unit, _UNITS[unit])
    return f"{head} {last}"


@given(st.integers(min_value=1, max_value=99), st.booleans())
def test_numbers_in_words_read_back(number, capital):
    text = words_for(number)
    assert from_words(text.capitalize() if capital else text) == number


@pytest.mark.parametrize(
    ("token", "number"),
    [("nhất", 1), ("tư", 4), ("Mười bẩy", 17), ("XVII", 17), ("21", 21), ("một trăm linh năm", 105), ("mốt", None)],
)
def test_ordinals(token, number):
    assert ordinal(token) == number


@given(st.integers(min_value=1, max_value=89))
def test_roman_terms_round_trip(number):
    assert ordinal(to_roman(number)) == number


@pytest.mark.parametrize(("token", "value"), [("1.600", 1600), ("81,6", 81.6), ("367.000", 367000), ("12,5", 12.5)])
def test_figures_in_the_vietnamese_format(token, value):
    assert figure(token) == value


# --- the list splitter --------------------------------------------------------------------------
_piece = st.text(alphabet="abcdeghiklmnopqrstuvxyđơưăâêô ", min_size=2, max_size=20).map(str.strip).filter(bool)


@given(st.lists(_piece, min_size=1, max_size=8))
def test_a_semicolon_list_splits_back_into_its_items(pieces):
    assert [p.strip() for p in top_level("; ".join(pieces), ";")] == pieces


@given(st.lists(_piece, min_size=2, max_size=5), _piece)
def test_a_separator_inside_quotation_marks_or_brackets_separates_nothing(pieces, inner):
    quoted = f"Nghị quyết về “{inner}; {inner}” và ({inner}; {inner})"
    assert len(top_level("; ".join([quoted, *pieces]), ";")) == 1 + len(pieces)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(1) Tờ trình A; (2) Tờ trình B", ["Tờ trình A", "Tờ trình B"]),
        ("Thứ nhất, Báo cáo A; Hai là, Đề án B", ["Báo cáo A", "Đề án B"]),
        ("a) Báo cáo A; b) Đề án B; - Kế hoạch C", ["Báo cáo A", "Đề án B", "Kế hoạch C"]),
    ],
)
def test_the_numbering_of_a_lists_items(text, expected):
    assert [NUMBERING.sub("", piece.strip()) for piece in top_level(text, ";")] == expected


def test_a_count_spreads_a_shared_head_over_its_topics():
    assert shared_head("3 dự thảo Nghị quyết về giá đất, phí chợ và học phí") == [
        "Dự thảo Nghị quyết về giá đất",
        "Dự thảo Nghị quyết về phí chợ",
        "Dự thảo Nghị quyết về học phí",
    ]
    assert shared_head("dự thảo Nghị quyết về phát triển du lịch và dịch vụ") == [
        "dự thảo Nghị quyết về phát triển du lịch và dịch vụ"
    ]  # no count: one topic


# --- days ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Ngày đăng 27/02/2020 | 07:45 | View count: 123", Day(2020, 2, 27)),
        ("(08:09 | 31/12/2017)", Day(2017, 12, 31)),
        ("12/12/2025, 16:08", Day(2025, 12, 12)),
        ("21:03 13/04/2020", Day(2020, 4, 13)),
        ("Thứ Bảy 06/03/2021 17:49", Day(2021, 3, 6)),
        ("2025-11-14", Day(2025, 11, 14)),
        ("Cập nhật lúc 15:20 ngày 10/07/2023", Day(2023, 7, 10)),
        ("Thứ hai, ngày 10 tháng 7 năm 2023", Day(2023, 7, 10)),
        ("Ngày 12/3/2020, HĐND thành phố khai mạc kỳ họp", None),
        ("31/02/2020", None),
    ],
)
def test_a_stamp_is_a_line_of_a_date_and_its_time(line, day):
    assert stamp(line) == day


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("Sáng 5/7, Ban Thường vụ Tỉnh ủy họp.", (5, 7, None)),
        ("Chiều ngày 26-4, kỳ họp bế mạc.", (26, 4, None)),
        ("Ngày 17 – 9, UBND tỉnh họp.", (17, 9, None)),
        ("Kỳ họp bế mạc vào sáng nay (26/9).", (26, 9, None)),
        ("Trong hai ngày 28 và 29/7/2020, HĐND họp.", (28, 7, 2020)),
        ("Trong 2 ngày 14 - 15/12, HĐND huyện họp.", (14, 12, None)),
        ("Sáng ngày 04 tháng 10 năm 2019, HĐND tỉnh họp.", (4, 10, 2019)),
        ("Có 48/53 đại biểu dự họp.", None),
    ],
)
def test_the_day_a_sentence_gives(sentence, found):
    assert day_in(sentence) == found


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)), st.integers(min_value=0, max_value=40))
def test_a_day_without_a_year_is_not_after_its_publication(held, delay):
    published = date.fromordinal(held.toordinal() + delay)
    found = with_year(held.day, held.month, None, Day(published.year, published.month, published.day))
    assert found == held or (held.month, held.day) == (2, 29)


# --- gazetteer and bodies -------------------------------------------------------------------
@pytest.mark.parametrize(
    "name", ["Hải Dương", "Hoà Bình", "Hòa Bình", "Bà Rịa - Vũng Tàu", "Kim Bảng", "Thừa Thiên Huế"]
)
def test_provinces_and_districts_before_and_after_2025(name):
    assert is_place(name)


def test_a_place_is_told_from_a_name():
    assert place_at("Hà Giang Lò Văn Thắm") == "Hà Giang"
    assert place_at("Nguyễn Văn Hải") is None
    assert place_at("Tân Lập tổ chức", communes=True) == "Tân Lập"


def test_the_genres_bodies():
    text = "Ban thường vụ Thành ủy, BCH đảng bộ tỉnh, Hội đồng nhân dân (HĐND) xã, UBND huyện, Tỉnh ủy viên"
    assert [(b.text, b.kind) for b in bodies(text)] == [
        ("Ban thường vụ Thành ủy", "standing"),
        ("BCH đảng bộ tỉnh", "executive"),
        ("Hội đồng nhân dân (HĐND) xã", "council"),
        ("UBND huyện", "government"),
    ]
    assert body_key("Hội đồng nhân dân (HĐND) tỉnh") == body_key("HĐND tỉnh")


# --- matching regardless of case and marks ---------------------------------------------------
def test_a_plain_pattern_matches_every_spelling_and_keeps_offsets():
    pattern = insensitive(r"uy ban|chu tri\b")
    text = "Ủy ban, UỶ BAN, uỷ ban và Chủ trì"
    assert [m.group(0) for m in pattern.finditer(text)] == ["Ủy ban", "UỶ BAN", "uỷ ban", "Chủ trì"]
    assert insensitive(r"\d+ [a-z]").search("Số 12 d, 12 Đ").group(0) == "12 d"  # escapes and classes kept


# --- layout -------------------------------------------------------------------------------------------
def test_chrome_captions_and_a_byline_are_told_from_the_story():
    page = layout(
        "Chính trị\nHĐND huyện khai mạc kỳ họp thứ 5\n21/06/2023 08:15\nLượt xem: 12\n"
        "Sáng 20/6, HĐND huyện khai mạc kỳ họp thứ 5.\nanh-ky-hop.jpg\nQuang cảnh kỳ họp\n"
        "Kỳ họp xem xét 9 tờ trình.\nPHAN ANH"
    )
    assert page.title == "HĐND huyện khai mạc kỳ họp thứ 5"
    assert page.published == Day(2023, 6, 21)
    assert [(p.text, p.caption) for p in page.paragraphs] == [
        ("Sáng 20/6, HĐND huyện khai mạc kỳ họp thứ 5.", False),
        ("Quang cảnh kỳ họp", True),
        ("Kỳ họp xem xét 9 tờ trình.", False),
    ]


def test_a_headline_printed_twice_lines_wrapped_inside_sentences_and_a_page_cut_in_a_word():
    page = layout(
        "Kỳ họp thứ 5 HĐND xã Tân Lập\nKỳ họp thứ 5 HĐND xã Tân Lập\nSáng 2/3, HĐND xã tổ chức kỳ họp\n"
        "thứ 5. Kỳ họp xem xét báo cáo tình hình kinh tế quý I và dự kiến nhiệm vụ quý II của xã, đồng thời thông"
    )
    assert page.title == "Kỳ họp thứ 5 HĐND xã Tân Lập"
    assert [p.text for p in page.paragraphs] == [
        "Sáng 2/3, HĐND xã tổ chức kỳ họp thứ 5. Kỳ họp xem xét báo cáo tình hình kinh tế quý I và dự kiến nhiệm "
        "vụ quý II của xã, đồng thời"
    ]


# --- sentences and roles --------------------------------------------------------------------------
def test_sentences_do_not_end_at_an_abbreviation_and_do_where_a_space_was_lost():
    assert split_sentences("Dự án qua TP. Nha Trang. Kỳ họp thứ 14.Đồng chí A phát biểu.") == [
        "Dự án qua TP. Nha Trang.",
        "Kỳ họp thứ 14.",
        "Đồng chí A phát biểu.",
    ]


def test_each_sentence_gets_the_roles_of_its_cue_words():
    article = read_article("Đồng chí Hà Văn Lâm chủ trì. Hội nghị giao UBND tỉnh rà soát. Phấn đấu đạt 90% năm 2026.")
    assert [sorted(s.roles & {"chair", "directive", "target"}) for s in article.sentences] == [
        ["chair"],
        ["directive"],
        ["target"],
    ]


# --- person mentions --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        (
            "Các đồng chí: Lò Văn Pọm, Bí thư Huyện ủy; Giàng A Dơ - Chủ tịch UBND huyện dự.",
            ["Lò Văn Pọm", "Giàng A Dơ"],
        ),
        ("Tham dự có các ông: Hà Văn Nhất - Phó Chủ tịch; Vàng Seo Páo - Ủy viên.", ["Hà Văn Nhất", "Vàng Seo Páo"]),
        ("Chủ tịch UBND tỉnh Hà Giang Lò Văn Thắm phát biểu.", ["Lò Văn Thắm"]),
        ("Phó Bí thư Tỉnh ủy Cao Bằng Nông Thị Hương dự.", ["Nông Thị Hương"]),
        ("Ông Trần Công Chánh vì đã nghỉ hưu.", ["Trần Công Chánh"]),
        ("Chủ tịch UBND tỉnh Lê Duy Thành báo cáo.", ["Lê Duy Thành"]),
        ("Lời dạy của Chủ tịch Hồ Chí Minh.", []),
        ("Cùng dự có các Phó Chủ tịch UBND huyện: Đỗ Minh Khoa, Vi Thị Nguyệt.", ["Đỗ Minh Khoa", "Vi Thị Nguyệt"]),
    ],
)
def test_person_mentions(sentence, named):
    assert [m.name for m in mentions(sentence)] == named


def test_the_same_sentence_is_read_once():
    assert mentions("Đồng chí Hà Văn Lâm phát biểu.") is mentions("Đồng chí Hà Văn Lâm phát biểu.")


def test_no_private_module_of_python_is_imported():
    sources = "".join(path.read_text() for path in __import__("pathlib").Path("hoinghi/ingest").glob("*.py"))
    assert not re.search(r"(?:from|import)\s+\S*\._\w+|import _[a-z]", sources)
