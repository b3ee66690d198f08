"""The extractor's warnings reach the reviewer in the page's language."""

import pytest
from django.utils import translation

from hoinghi.ingest.extract import extract
from hoinghi.ingest.reading import read_text
from hoinghi.ingest.warning_text import translated

CONFLICT = """Hội nghị Ban Thường vụ Thành ủy lần thứ 12

Ngày 3/4/2024, Ban Thường vụ Thành ủy tổ chức hội nghị lần thứ 14. Đồng chí Lê Văn Hòa, Bí thư Thành ủy chủ trì.
"""
NO_YEAR = """Ban Thường vụ Huyện ủy họp phiên thường kỳ

Sáng 5/7, Ban Thường vụ Huyện ủy tổ chức hội nghị thường kỳ tháng 7.
"""


def warnings_of(data: bytes) -> list[str]:
    text, read = read_text(data)
    return read + extract(text)["warnings"]


@pytest.mark.parametrize(
    ("data", "vietnamese", "english"),
    [
        (b"", "trống", "empty"),
        (b"The council met on Monday and approved the budget for the coming year.", "tiếng Việt", "Vietnamese"),
        ("Thời tiết hôm nay nắng đẹp, trời trong xanh.".encode(), "Không tìm thấy", "No meeting body"),
        (CONFLICT.encode(), "số 14 của nội dung", "the text's number"),
        (NO_YEAR.encode(), "5/7", "5/7"),
        (b"\x00\x01\x02binary", "không phải văn bản", "not text"),
        (CONFLICT.encode("cp1258", errors="ignore"), "UTF-8", "UTF-8"),
    ],
)
def test_every_kind_of_warning_is_said_in_the_readers_language(data, vietnamese, english):
    warnings = warnings_of(data)
    assert warnings
    with translation.override("vi"):
        said = [translated(w) for w in warnings]
        assert any(vietnamese in text for text in said), said
        assert not set(said) & set(warnings)  # none left in the extractor's English
    with translation.override("en"):
        assert any(english in translated(w) for w in warnings)


def test_a_warning_of_an_unknown_kind_is_shown_as_it_is():
    assert translated("something new") == "something new"
