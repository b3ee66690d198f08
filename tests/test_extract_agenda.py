"""Agenda items and presenters of a meeting article (issue 7), on sentences of the genre."""

import json
from pathlib import Path

import pytest

from hoinghi.ingest.agenda import find_agenda_items as agenda_of
from hoinghi.ingest.clauses import read_article
from hoinghi.ingest.extract import extract
from hoinghi.ingest.reading import read_file
from hoinghi.ingest.similarity import similarity

DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"


def find_agenda_items(text):
    return agenda_of(read_article(text))


def titles(text):
    return [item["title"] for item in find_agenda_items(text)]


def pairs(text):
    return [(item["title"], item["presenter"]) for item in find_agenda_items(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hội nghị đã nghe và cho ý kiến vào: Đề án phát triển du lịch thành phố đến năm 2030; "
            "Kế hoạch chỉnh trang đô thị năm 2024; Báo cáo tình hình thu ngân sách 9 tháng.",
            [
                "Đề án phát triển du lịch thành phố đến năm 2030",
                "Kế hoạch chỉnh trang đô thị năm 2024",
                "Báo cáo tình hình thu ngân sách 9 tháng",
            ],
        ),
        (
            "Ban Thường vụ Huyện ủy xem xét, cho ý kiến về dự thảo Quy chế làm việc của Huyện ủy "
            "khóa XXIV và các nội dung về công tác kiểm tra, giám sát.",
            [
                "Dự thảo Quy chế làm việc của Huyện ủy khóa XXIV",
                "Các nội dung về công tác kiểm tra, giám sát",
            ],
        ),
        (
            "Tại kỳ họp, các đại biểu đã thảo luận, cho ý kiến về Tờ trình điều chỉnh kế hoạch "
            "đầu tư công trung hạn giai đoạn 2021-2025.",
            ["Tờ trình điều chỉnh kế hoạch đầu tư công trung hạn giai đoạn 2021-2025"],
        ),
        (
            "Kỳ họp đã xem xét, thông qua Nghị quyết về giá đất năm 2024 trên địa bàn tỉnh.",
            ["Nghị quyết về giá đất năm 2024 trên địa bàn tỉnh"],
        ),
        (
            "Hội nghị tập trung thảo luận, cho ý kiến vào các nội dung: (1) Đề án phát triển kinh tế đêm; "
            "(2) Báo cáo tình hình kinh tế - xã hội quý I/2024.",
            ["Đề án phát triển kinh tế đêm", "Báo cáo tình hình kinh tế - xã hội quý I/2024"],
        ),
        (
            "Thường trực Thành ủy nghe báo cáo và cho ý kiến đối với một số nội dung quan trọng.",
            [],
        ),
        ("Tại hội nghị, các đại biểu đã thảo luận sôi nổi, dân chủ về các giải pháp phát triển.", []),
        ("Theo chương trình, kỳ họp sẽ xem xét, thông qua 12 dự thảo nghị quyết.", []),
        (
            "Kỳ họp diễn ra trong 2 ngày, xem xét, thông qua 18 nghị quyết quan trọng.",
            [],
        ),
    ],
)
def test_items_of_a_meeting_verb(text, expected):
    assert titles(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ban cán sự đảng UBND thành phố trình Đề án thành lập phường Tân Hòa.",
            [("Đề án thành lập phường Tân Hòa", "Ban cán sự đảng UBND thành phố")],
        ),
        (
            "Trưởng Ban Tổ chức Huyện ủy Phùng Văn Kiên trình bày báo cáo kiểm điểm công tác lãnh đạo năm 2023.",
            [("Báo cáo kiểm điểm công tác lãnh đạo năm 2023", "Phùng Văn Kiên")],
        ),
        (
            "Hội nghị nghe đồng chí Quách Thị Mơ, Ủy viên Ban Thường vụ, Chủ nhiệm Ủy ban Kiểm tra "
            "Tỉnh ủy trình bày Báo cáo kết quả thực hiện Chương trình kiểm tra, giám sát năm 2023.",
            [
                (
                    "Báo cáo kết quả thực hiện Chương trình kiểm tra, giám sát năm 2023",
                    "Quách Thị Mơ",
                )
            ],
        ),
        (
            "Thay mặt UBND tỉnh, đồng chí Vi Văn Sỹ, Phó Chủ tịch UBND tỉnh trình bày Tờ trình về "
            "kế hoạch phát triển kinh tế - xã hội năm 2025.",
            [("Tờ trình về kế hoạch phát triển kinh tế - xã hội năm 2025", "Vi Văn Sỹ")],
        ),
        (
            "Thừa ủy quyền của Ban Chấp hành Đảng bộ huyện, đồng chí Kim Văn Tiến, Phó Bí thư Huyện ủy "
            "trình bày Báo cáo chính trị tại Đại hội.",
            [("Báo cáo chính trị tại Đại hội", "Kim Văn Tiến")],
        ),
        (
            "Hội nghị cũng đã nghe lãnh đạo Sở Tài chính báo cáo tình hình thu chi ngân sách 9 tháng.",
            [("Tình hình thu chi ngân sách 9 tháng", "lãnh đạo Sở Tài chính")],
        ),
        (
            "Kỳ họp đã nghe Báo cáo của Thường trực HĐND tỉnh về kết quả giám sát năm 2024; nghe UBND tỉnh "
            "báo cáo tình hình thực hiện dự toán ngân sách.",
            [
                ("Báo cáo của Thường trực HĐND tỉnh về kết quả giám sát năm 2024", "Thường trực HĐND tỉnh"),
                ("Tình hình thực hiện dự toán ngân sách", "UBND tỉnh"),
            ],
        ),
        (
            "Đồng chí Ninh Văn Ba trình bày Tờ trình về dự toán ngân sách năm 2025 tại kỳ họp.",
            [("Tờ trình về dự toán ngân sách năm 2025", "Ninh Văn Ba")],
        ),
        (
            "Sở Kế hoạch và Đầu tư báo cáo tóm tắt tình hình thực hiện các dự án trọng điểm.",
            [("Tình hình thực hiện các dự án trọng điểm", "Sở Kế hoạch và Đầu tư")],
        ),
        (
            "Hội nghị xem xét Tờ trình của Ban Tổ chức Thành ủy về việc kiện toàn nhân sự Ủy ban Kiểm tra Thành ủy.",
            [
                (
                    "Tờ trình của Ban Tổ chức Thành ủy về việc kiện toàn nhân sự Ủy ban Kiểm tra Thành ủy",
                    "Ban Tổ chức Thành ủy",
                )
            ],
        ),
        (
            "Ban Thường vụ Thành ủy cho ý kiến về phương án sắp xếp đơn vị hành chính cấp xã "
            "theo đề nghị của Đảng đoàn HĐND thành phố.",
            [("Phương án sắp xếp đơn vị hành chính cấp xã", "Đảng đoàn HĐND thành phố")],
        ),
    ],
)
def test_presenters(text, expected):
    assert pairs(text) == expected


def test_a_bulleted_list_after_a_colon():
    text = (
        "Hội nghị đã xem xét, cho ý kiến về các nội dung sau:\n"
        "- Báo cáo sơ kết 6 tháng thực hiện Nghị quyết Đại hội Đảng bộ huyện;\n"
        "- Đề án xây dựng nông thôn mới kiểu mẫu do UBND huyện trình;\n"
        "- Quy định về chế độ chi tiêu nội bộ.\n"
        "Phát biểu kết luận, đồng chí Bí thư Huyện ủy đề nghị các cơ quan hoàn thiện hồ sơ."
    )
    assert pairs(text) == [
        ("Báo cáo sơ kết 6 tháng thực hiện Nghị quyết Đại hội Đảng bộ huyện", None),
        ("Đề án xây dựng nông thôn mới kiểu mẫu", "UBND huyện"),
        ("Quy định về chế độ chi tiêu nội bộ", None),
    ]


def test_a_numbered_list_after_a_colon():
    text = (
        "Kỳ họp thứ mười HĐND thị xã đã nghe các báo cáo, tờ trình:\n"
        "1. Báo cáo tình hình kinh tế - xã hội năm 2023.\n"
        "2. Tờ trình về dự toán ngân sách năm 2024."
    )
    assert titles(text) == [
        "Báo cáo tình hình kinh tế - xã hội năm 2023",
        "Tờ trình về dự toán ngân sách năm 2024",
    ]


def test_a_short_sentence_on_the_same_subject_carries_the_list_on():
    text = (
        "Hội nghị nghe Đảng đoàn HĐND tỉnh báo cáo các nội dung: Chương trình giám sát năm 2024; "
        "Kế hoạch tổ chức kỳ họp cuối năm. Về công tác tiếp công dân của Thường trực HĐND tỉnh."
    )
    assert pairs(text) == [
        ("Chương trình giám sát năm 2024", "Đảng đoàn HĐND tỉnh"),
        ("Kế hoạch tổ chức kỳ họp cuối năm", "Đảng đoàn HĐND tỉnh"),
        ("Công tác tiếp công dân của Thường trực HĐND tỉnh", "Đảng đoàn HĐND tỉnh"),
    ]


def test_the_same_item_twice_is_one_item_with_its_presenter():
    text = (
        "Hội nghị thảo luận, cho ý kiến về dự thảo Báo cáo chính trị trình Đại hội Đảng bộ huyện.\n"
        "Đồng chí Tăng Văn Hòa, Phó Bí thư Thường trực Huyện ủy trình bày dự thảo Báo cáo chính trị "
        "trình Đại hội Đảng bộ huyện."
    )
    assert pairs(text) == [("Dự thảo Báo cáo chính trị trình Đại hội Đảng bộ huyện", "Tăng Văn Hòa")]


@pytest.mark.parametrize(
    "text",
    [
        "Ban Thường vụ Tỉnh ủy yêu cầu UBND tỉnh báo cáo kết quả trước ngày 30/6.",
        "Thảo luận tại hội nghị, đồng chí Lê Văn Tám cho rằng cần làm rõ nguồn vốn.",
        "Đồng chí Bí thư đề nghị các đại biểu tập trung thảo luận dự thảo Nghị quyết.",
        "Sau khi nghe các báo cáo, Ban Thường vụ Huyện ủy cơ bản nhất trí với đề xuất.",
        "Các đại biểu dự hội nghị.",
        "UBND tỉnh báo cáo, năm 2024 tăng trưởng kinh tế đạt 8%.",
        "Đồng chí Lý Văn Hai, Phó Chủ tịch UBND tỉnh trình bày báo cáo tại hội nghị.",
    ],
)
def test_no_item_in_tasks_speeches_and_conclusions(text):
    assert titles(text) == []


def test_similarity_is_the_scorers_syllable_f1():
    assert similarity("Quy chế làm việc", "quy chế làm việc") == 1.0
    assert similarity("Uỷ ban", "Ủy ban") == 1.0
    assert similarity("a b c d", "a b") == pytest.approx(2 / 3)
    assert similarity("", "a") == 0.0


def test_a_huge_page_without_full_stops_ends():
    text = "Hội nghị đã nghe Báo cáo tình hình; " * 150000  # 5 MB, one sentence
    assert titles(text) == ["Báo cáo tình hình"]


def test_an_agenda_announced_by_its_head_and_presenters_inside_the_list():
    text = (
        "Nội dung kỳ họp gồm: Báo cáo kết quả giám sát chuyên đề năm 2024; "
        "Ban Pháp chế HĐND huyện báo cáo thẩm tra dự thảo nghị quyết về biên chế."
    )
    assert pairs(text) == [
        ("Báo cáo kết quả giám sát chuyên đề năm 2024", None),
        ("Thẩm tra dự thảo nghị quyết về biên chế", "Ban Pháp chế HĐND huyện"),
    ]


def test_a_bulleted_list_keeps_the_presenter_of_its_heading():
    text = "Hội nghị nghe Ban cán sự đảng UBND tỉnh báo cáo các nội dung sau:\n- Hai là, Đề án phát triển cảng biển."
    assert pairs(text) == [("Đề án phát triển cảng biển", "Ban cán sự đảng UBND tỉnh")]


@pytest.mark.parametrize(("seed", "missed"), [("seed000", 1), ("seed001", 0), ("seed002", 0)])
def test_the_dev_articles_items_match_the_gold_ones(seed, missed):
    """Each gold item has a predicted one at the scorer's similarity (0.5), and nothing extra."""
    items = extract(read_file(DEV / "articles" / f"{seed}.txt")[0])["agenda_items"]
    gold = json.loads((DEV / "gold" / f"{seed}.json").read_text(encoding="utf-8"))["agenda_items"]
    unmatched = [g for g in gold if not any(similarity(g["title"], p["title"]) >= 0.5 for p in items)]
    assert len(unmatched) == missed
    assert len(items) == len(gold) - missed


def test_without_a_list_the_items_are_what_the_decisions_are_about():
    text = (
        "Ban Thường vụ Quận ủy đã cho ý kiến nhiều nội dung quan trọng.\n"
        "Về Đề án chỉnh trang tuyến phố trung tâm, Ban Thường vụ Quận ủy cơ bản thống nhất. "
        "Đối với Kế hoạch phòng chống thiên tai năm 2025, Hội nghị giao UBND quận hoàn thiện."
    )
    assert titles(text) == ["Đề án chỉnh trang tuyến phố trung tâm", "Kế hoạch phòng chống thiên tai năm 2025"]


def test_decision_topics_add_nothing_where_a_list_says_what_was_heard():
    text = (
        "Hội nghị đã cho ý kiến vào Quy chế làm việc khóa mới.\n"
        "Về công tác chống ngập mùa mưa, Ban Thường vụ Quận ủy yêu cầu rà soát."
    )
    assert titles(text) == ["Quy chế làm việc khóa mới"]


def test_aspects_of_an_item_are_not_items():
    text = "Về các nhóm giải pháp chuyển đổi số, Ban Thường vụ Quận ủy yêu cầu làm rõ nguồn lực."
    assert titles(text) == []


def test_a_colon_after_ve_opens_the_list():
    text = (
        "Ban Thường vụ Tỉnh ủy đã nghe Ban cán sự đảng UBND tỉnh báo cáo về: Đề án phát triển cảng cá; "
        "Kế hoạch trồng rừng năm 2025."
    )
    assert pairs(text) == [
        ("Đề án phát triển cảng cá", "Ban cán sự đảng UBND tỉnh"),
        ("Kế hoạch trồng rừng năm 2025", "Ban cán sự đảng UBND tỉnh"),
    ]
