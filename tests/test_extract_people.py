"""Attendees of a meeting article (issue 7): guests, presenters and speakers, not the chairs."""

import json
from pathlib import Path

import pytest

from hoinghi.ingest.clauses import read_article
from hoinghi.ingest.extract import extract
from hoinghi.ingest.mentions import person_at
from hoinghi.ingest.people import find_attendees as attendees_of
from hoinghi.ingest.reading import read_file

DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"

CHAIR = [{"name": "Trần Quốc Hưng", "positions": ["Bí thư Thành ủy"]}]


def find_attendees(text, chairs):
    return attendees_of(read_article(text), chairs)


def names(text, chairs=CHAIR):
    return [p["name"] for p in find_attendees(text, chairs)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # guests
        (
            "Dự hội nghị có các đồng chí: Lý Minh Tâm, Phó Bí thư Thường trực Thành ủy; "
            "Đỗ Thị Hằng, Chủ tịch UBND thành phố; Vũ Đức Long, Chủ tịch HĐND thành phố.",
            ["Lý Minh Tâm", "Đỗ Thị Hằng", "Vũ Đức Long"],
        ),
        (
            "Các đồng chí: Hoàng Văn Khải, Ủy viên Ban Thường vụ Huyện ủy, Chủ tịch UBND huyện; "
            "Ngô Thị Lan, Trưởng Ban Dân vận Huyện ủy dự hội nghị.",
            ["Hoàng Văn Khải", "Ngô Thị Lan"],
        ),
        (
            "Đồng chí Trần Quốc Hưng, Bí thư Thành ủy chủ trì hội nghị. Cùng dự có đồng chí "
            "Phan Thanh Bình, Phó Chủ tịch UBND tỉnh.",
            ["Phan Thanh Bình"],
        ),
        (
            "Tham dự kỳ họp có đồng chí Đinh Công Sơn, UVTW Đảng, Bí thư Tỉnh ủy; "
            "đ/c Mai Thị Thu, Phó Trưởng Đoàn ĐBQH tỉnh.",
            ["Đinh Công Sơn", "Mai Thị Thu"],
        ),
        (
            "Hội nghị có sự tham dự của đồng chí Bùi Văn Quang, Phó Bí thư Tỉnh ủy.",
            ["Bùi Văn Quang"],
        ),
        (
            "Đồng chí Lâm Văn Tài - Phó Chủ tịch Thường trực UBND huyện dự và phát biểu tại hội nghị.",
            ["Lâm Văn Tài"],
        ),
        # presenters
        (
            "Hội nghị nghe đồng chí Dương Văn Khoa, Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức "
            "Thành ủy trình bày Tờ trình về công tác cán bộ.",
            ["Dương Văn Khoa"],
        ),
        (
            "Trưởng Ban Kinh tế - Ngân sách HĐND tỉnh Nguyễn Thị Minh Nguyệt trình bày báo cáo thẩm tra.",
            ["Nguyễn Thị Minh Nguyệt"],
        ),
        (
            "Thay mặt Thường trực HĐND tỉnh, đồng chí Hà Văn Lực, Phó Chủ tịch HĐND tỉnh đọc báo cáo kết quả giám sát.",
            ["Hà Văn Lực"],
        ),
        # speakers, HĐND delegates
        (
            "Phát biểu tại kỳ họp, đại biểu Lò Văn Thắng (Tổ đại biểu huyện Mường La) đề nghị "
            "tỉnh quan tâm đầu tư đường giao thông.",
            ["Lò Văn Thắng"],
        ),
        (
            "Đồng chí Bí thư Huyện ủy Cao Xuân Trường cho rằng cần đẩy nhanh tiến độ giải ngân.",
            ["Cao Xuân Trường"],
        ),
        ("Ông Tạ Quang Vinh, Giám đốc Sở Tài chính giải trình ý kiến của đại biểu.", ["Tạ Quang Vinh"]),
        (
            "Tham dự có Phó Bí thư Thường trực Thành ủy Võ Hữu Lợi; Chủ tịch UBND thành phố Lê Trung Khánh.",
            ["Võ Hữu Lợi", "Lê Trung Khánh"],
        ),
        (
            "Hội nghị đã nghe các đồng chí Lê Văn Tư, Trần Văn Năm và Phạm Thị Sáu phát biểu tham luận.",
            ["Lê Văn Tư", "Trần Văn Năm", "Phạm Thị Sáu"],
        ),
        ("Đồng chí Đàm Văn Bảy (Bí thư Huyện ủy) phát biểu.", ["Đàm Văn Bảy"]),
        ("Bà Âu Thị Tám - Giám đốc Sở Y tế giải trình, làm rõ ý kiến đại biểu.", ["Âu Thị Tám"]),
        (
            "Dự hội nghị có đồng chí Kha Văn Tám, Phó Bí thư Tỉnh ủy và đồng chí Nông Thị Chín, Chủ tịch UBND tỉnh.",
            ["Kha Văn Tám", "Nông Thị Chín"],
        ),
        ("ĐB Hứa Văn Mười (huyện Bình Liêu) chất vấn về quản lý đất đai.", ["Hứa Văn Mười"]),
        # named but not present
        (
            "Hội nghị thống nhất giới thiệu đồng chí Tô Văn Chín, Giám đốc Sở Nội vụ để bầu giữ chức "
            "Phó Chủ tịch UBND thành phố.",
            [],
        ),
        (
            "Hội nghị đã bầu đồng chí Triệu Văn Mạnh, Phó Bí thư Huyện ủy giữ chức Chủ tịch UBND huyện.",
            [],
        ),
        (
            "Hội nghị nhất trí cho đồng chí Khổng Minh Đức, Chủ tịch HĐND huyện thôi giữ chức để nghỉ hưu.",
            [],
        ),
        ("Đồng chí Từ Văn Hải được giới thiệu ứng cử chức danh Phó Chủ tịch UBND tỉnh.", []),
        ("Thực hiện lời dạy của Chủ tịch Hồ Chí Minh, các cấp ủy phát huy dân chủ.", []),
        # the chair is not repeated
        (
            "Đồng chí Trần Quốc Hưng, Bí thư Thành ủy phát biểu kết luận hội nghị.",
            [],
        ),
    ],
)
def test_attendees_in_genre_sentences(text, expected):
    assert names(text) == expected


def test_positions_are_split_and_normalized():
    people = find_attendees(
        "Dự hội nghị có đồng chí Đặng Quốc Toàn, Uỷ viên BTV Tỉnh ủy, Trưởng Ban Nội chính Tỉnh ủy.",
        [],
    )
    assert people == [
        {"name": "Đặng Quốc Toàn", "positions": ["Ủy viên Ban Thường vụ Tỉnh ủy", "Trưởng Ban Nội chính Tỉnh ủy"]}
    ]


def test_position_after_a_dash_and_the_verb_cut_off():
    people = find_attendees("Đồng chí Kiều Thị Loan - Giám đốc Sở Y tế đã báo cáo tình hình dịch bệnh.", [])
    assert people == [{"name": "Kiều Thị Loan", "positions": ["Giám đốc Sở Y tế"]}]


def test_the_same_person_twice_is_one_entry_with_all_positions():
    text = (
        "Đồng chí Chu Văn Nam, Tỉnh ủy viên phát biểu. "
        "Đồng chí Chu Văn Nam, Giám đốc Sở Nội vụ cho biết thêm về tinh giản biên chế."
    )
    assert find_attendees(text, []) == [{"name": "Chu Văn Nam", "positions": ["Tỉnh ủy viên", "Giám đốc Sở Nội vụ"]}]


def test_reporters_who_signed_are_not_attendees():
    text = "Đồng chí Lê Hữu Phước, Phó Chủ tịch UBND huyện phát biểu.\n\nTin, ảnh: Nguyễn Hoài Nam\n\nMinh Châu"
    assert names(text, []) == ["Lê Hữu Phước"]


def test_a_name_after_a_title_skips_the_place():
    assert person_at("Chủ tịch UBND tỉnh Hà Nam Trần Văn Ân phát biểu")[0] == "Trần Văn Ân"
    assert person_at("Bí thư Huyện ủy Kim Thành Nguyễn Thị Bình cho biết")[0] == "Nguyễn Thị Bình"


def test_a_huge_page_without_full_stops_is_one_person():
    text = "đồng chí Nguyễn Văn An, Phó Chủ tịch UBND tỉnh phát biểu, " * 90000  # 5 MB, one line
    assert names(text, []) == ["Nguyễn Văn An"]


def test_a_bulleted_guest_list_under_its_heading():
    text = (
        "Dự hội nghị có các đồng chí:\n"
        "- Đồng chí Hầu Văn Mười, Phó Bí thư Tỉnh ủy;\n"
        "- Đồng chí Lục Thị Một, Trưởng Ban Dân vận Tỉnh ủy.\n"
        "Hội nghị đã nghe các báo cáo.\n"
        "- Đồng chí Tống Văn Hai, Giám đốc Sở Tư pháp."
    )
    assert names(text, []) == ["Hầu Văn Mười", "Lục Thị Một"]


def test_people_joined_by_semicolons_share_the_verb_after_the_last():
    text = (
        "Đồng chí Lã Văn Hợp, Trưởng ban Kinh tế - Ngân sách HĐND tỉnh; đồng chí Bế Thị Hoa, "
        "Tỉnh ủy viên - Giám đốc Sở Tài chính dự kỳ họp."
    )
    assert find_attendees(text, []) == [
        {"name": "Lã Văn Hợp", "positions": ["Trưởng ban Kinh tế - Ngân sách HĐND tỉnh"]},
        {"name": "Bế Thị Hoa", "positions": ["Tỉnh ủy viên", "Giám đốc Sở Tài chính"]},
    ]


@pytest.mark.parametrize("seed", ["seed000", "seed001", "seed002"])
def test_the_dev_articles_attendees_are_the_gold_ones(seed):
    record = extract(read_file(DEV / "articles" / f"{seed}.txt")[0])
    gold = json.loads((DEV / "gold" / f"{seed}.json").read_text(encoding="utf-8"))
    assert [p["name"] for p in record["meeting"]["attendees"]] == [p["name"] for p in gold["meeting"]["attendees"]]


def test_the_chairs_named_after_chu_tri_co_are_not_guests():
    text = "Chủ trì hội nghị có các đồng chí: Mạc Văn Hùng, Bí thư Huyện ủy; Thân Thị Lý, Chủ tịch UBND huyện."
    assert names(text, []) == []
