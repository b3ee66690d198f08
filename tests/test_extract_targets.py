"""Numeric goals (issue 19): ranges, goals without "mục tiêu", goals that go on across sentences, results that
are not goals. Sentences written for the tests."""

import pytest

from hoinghi.ingest.clauses import read_article
from hoinghi.ingest.targets import find_targets


def targets(text):
    return [(t["value"], t["unit"], t["year"]) for t in find_targets(read_article(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Phấn đấu năm 2026 tốc độ tăng trưởng kinh tế đạt 8 - 8,5%.", [(8, "%", 2026)]),
        ("Mục tiêu năm 2027, tăng trưởng GRDP đạt từ 7%-7,5%.", [(7, "%", 2027)]),
        (
            "Chỉ tiêu năm 2026: thu nhập bình quân đầu người khoảng 3.800 - 4.000 USD/người.",
            [(3800, "USD/người", 2026)],
        ),
        ("Chỉ tiêu năm 2026: tổng vốn đầu tư toàn xã hội đạt trên 56.000 tỷ đồng.", [(56000, "tỷ đồng", 2026)]),
        (
            "UBND tỉnh yêu cầu các chủ đầu tư đẩy nhanh tiến độ để giải ngân đạt 100% vốn đầu tư công năm 2025.",
            [(100, "%", 2025)],
        ),
        ("Hội nghị đặt mục tiêu kết nạp 1.250 đảng viên mới trong năm 2025.", [(1250, "đảng viên", 2025)]),
    ],
)
def test_goals_and_their_values(text, expected):
    assert targets(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Tăng trưởng kinh tế 9 tháng năm 2025 ước đạt 6,79%, cao hơn cùng kỳ.",
        "Chỉ số sản xuất công nghiệp tháng 10 năm 2025 tăng 12,4% so với cùng kỳ.",
        "Năm 2024, tỷ lệ hộ nghèo đã đạt 2,1%.",
        "Thu ngân sách 6 tháng đầu năm 2025 đạt 58% dự toán.",
        "Kế hoạch năm 2025 của ngành đạt tăng trưởng hai con số.",
    ],
)
def test_results_are_not_goals(text):
    assert find_targets(read_article(text + "\n" + "Hội nghị bế mạc.")) == []


def test_a_goal_context_goes_on_in_the_paragraph_and_in_one_about_this_goal():
    text = (
        "Kỳ họp thống nhất các chỉ tiêu kinh tế - xã hội chủ yếu năm 2026. Trong đó, tổng sản phẩm tăng 9%.\n"
        "Quang cảnh kỳ họp\n"
        "Theo Chủ tịch UBND tỉnh, để đạt mục tiêu này, khu vực nông nghiệp tăng khoảng 3,5 - 4%, "
        "khu vực dịch vụ tăng khoảng 8 - 8,5%. Về quy mô, thu ngân sách trên địa bàn đạt trên 21.000 tỷ đồng."
    )
    assert targets(text) == [(9, "%", 2026), (3.5, "%", 2026), (8, "%", 2026), (21000, "tỷ đồng", 2026)]
    indicators = [t["indicator"] for t in find_targets(read_article(text))]
    assert indicators[1] == "khu vực nông nghiệp tăng"
    assert "khu vực dịch vụ" in indicators[2]


def test_a_new_statement_does_not_inherit_the_goal_year():
    text = (
        "Hội nghị cho ý kiến về chỉ tiêu sử dụng đất đến năm 2030. "
        "Ban Thường vụ Tỉnh ủy cũng thống nhất quy hoạch khu công nghiệp rộng khoảng 500 ha."
    )
    assert targets(text) == []


def test_one_goal_told_in_the_headline_and_the_lead_is_one():
    text = (
        "Bình Phước: phấn đấu năm 2026 tăng trưởng GRDP từ 10% trở lên\n"
        "Chiều 9/12, HĐND tỉnh bế mạc kỳ họp, đặt mục tiêu năm 2026 tăng trưởng GRDP từ 10% trở lên."
    )
    assert targets(text) == [(10, "%", 2026)]


def test_an_indicator_without_the_words_that_set_the_goal_and_figures_after_a_completed_one():
    found = find_targets(
        read_article(
            "Nghị quyết đề ra mục tiêu năm 2026 tốc độ tăng trưởng kinh tế đạt 9% trở lên. "
            "Phấn đấu đến năm 2030, tỷ lệ che phủ rừng đạt 62%, 100% thôn có nhà văn hóa đạt chuẩn."
        )
    )
    assert [(t["indicator"], t["value"], t["year"]) for t in found] == [
        ("tốc độ tăng trưởng kinh tế", 9, 2026),
        ("tỷ lệ che phủ rừng", 62, 2030),
        ("thôn có nhà văn hóa đạt chuẩn", 100, 2030),
    ]
