"""Article extraction (issue 7, first slice): reading, chrome, meeting fields, the command."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from hoinghi.ingest.clauses import read_article
from hoinghi.ingest.extract import extract
from hoinghi.ingest.layout import layout
from hoinghi.ingest.names import normalize_position
from hoinghi.ingest.reading import read_text, strip_chrome
from hoinghi.ingest.targets import find_targets as targets_of
from hoinghi.ingest.votes import find_votes as votes_of

ROOT = Path(__file__).resolve().parent.parent


def meeting(text: str) -> dict:
    return extract(text)["meeting"]


def find_chairs(text: str) -> list[dict]:
    return meeting(text)["chairs"]


def find_targets(text: str) -> list[dict]:
    return targets_of(read_article(text))


def find_votes(text: str) -> list[dict]:
    return votes_of(read_article(text))


# --- meeting body and organization -------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "body"),
    [
        ("Sáng 5/7, Ban Thường vụ Thành ủy Đà Nẵng họp phiên thường kỳ.", "Ban Thường vụ Thành ủy"),
        ("Chiều 12/1, Ban Thường vụ Huyện uỷ Tiên Lữ tổ chức hội nghị.", "Ban Thường vụ Huyện ủy"),
        ("HĐND tỉnh Quảng Trị khóa VIII khai mạc kỳ họp thứ 9.", "HĐND tỉnh"),
        (
            "Hội đồng nhân dân thành phố Cần Thơ tổ chức kỳ họp thứ mười.",
            "HĐND thành phố",
        ),
        ("Ban Chấp hành Đảng bộ huyện khóa XXV tổ chức hội nghị lần thứ 7.", "Ban Chấp hành Đảng bộ huyện"),
    ],
)
def test_body_named_in_the_meeting_sentence(sentence, body):
    assert meeting(sentence)["body"] == body


def test_no_body_in_an_unrelated_text():
    assert meeting("Thời tiết\nHôm nay trời nắng đẹp.")["body"] is None


@pytest.mark.parametrize(
    ("text", "organization"),
    [
        ("Ban Thường vụ Thành ủy Đà Nẵng họp phiên thường kỳ.", "Đà Nẵng"),
        ("Ban Thường vụ Tỉnh uỷ Nghệ An họp.", "Nghệ An"),
        ("HĐND tỉnh Quảng Trị khai mạc kỳ họp thứ 9.", "Quảng Trị"),
        ("Ban Thường vụ Huyện ủy họp. Huyện ủy Tiên Lữ họp; huyện Tiên Lữ đạt chuẩn.", "Tiên Lữ"),
        (
            "Ban Thường vụ Tỉnh ủy họp. Đồng chí Trần Văn Bình, Bí thư Tỉnh ủy Trần Văn Bình phát biểu về tỉnh Bắc Ninh.",
            "Bắc Ninh",
        ),
    ],
)
def test_organization_is_the_place_after_the_level(text, organization):
    assert meeting(text)["organization"] == organization


def test_organization_null_when_never_named():
    assert meeting("Ban Thường vụ Tỉnh ủy họp.")["organization"] is None


# --- term and session number ---------------------------------------------------------------
def test_term_after_khoa_or_nhiem_ky():
    assert meeting("HĐND tỉnh khoá XVI, nhiệm kỳ 2021-2026 họp.")["term"] == "XVI"
    assert meeting("Hội nghị Ban Chấp hành Đảng bộ tỉnh nhiệm kỳ XX họp.")["term"] == "XX"
    assert meeting("Nghị quyết Đại hội lần thứ XIII của Đảng.")["term"] is None


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Ban Thường vụ Thành ủy tổ chức hội nghị lần thứ 12.", 12),
        ("HĐND huyện khai mạc kỳ họp thứ 5.", 5),
        ("Hội đồng nhân dân tỉnh tổ chức kỳ họp thứ mười hai.", 12),
        ("Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ tư.", 4),
        ("Xét tặng danh hiệu Nghệ sĩ Ưu tú lần thứ 10.", None),
        ("Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVII.", None),
    ],
)
def test_session_number(text, number):
    assert meeting(text)["session_number"] == number


def test_title_and_text_disagree_the_text_wins_with_a_warning():
    record = extract(
        "Hội nghị Ban Thường vụ Huyện ủy lần thứ 8\n"
        "10/05/2022 08:00\n"
        "Ngày 9/5, Ban Thường vụ Huyện ủy Gia Lộc tổ chức hội nghị lần thứ 9."
    )
    assert record["meeting"]["session_number"] == 9
    assert any("conflict" in w for w in record["warnings"])


# --- dates ------------------------------------------------------------------------------------
def test_layout_tells_banner_from_publication_line():
    parts = layout("Thứ hai, ngày 3/1/2022\n\nTiêu đề bài\n\nThứ Sáu 14/05/2021 09:10\n\nNội dung.")
    assert parts.title == "Tiêu đề bài"
    assert parts.published.as_date().isoformat() == "2021-05-14"
    assert parts.banner.as_date().isoformat() == "2022-01-03"
    assert parts.body.strip() == "Nội dung."


def test_day_without_year_takes_the_publication_year():
    record = extract(
        "Thứ hai, ngày 3/1/2022\nHĐND tỉnh họp\nThứ Sáu 14/05/2021 09:10\n"
        "Sáng nay 14.5, HĐND tỉnh Lào Cai khai mạc kỳ họp thứ 2."
    )
    assert record["meeting"]["date"] == "2021-05-14"
    assert record["meeting"]["session_number"] == 2
    assert record["meeting"]["organization"] == "Lào Cai"


def test_full_dates_in_words_and_numbers():
    record = extract("Ngày 20 tháng 12 năm 2023, Ban Thường vụ Thành ủy tổ chức hội nghị.")
    assert record["meeting"]["date"] == "2023-12-20"
    assert record["warnings"] == []
    assert meeting("Chiều 28/12/2022, Ban Thường vụ Huyện ủy họp.")["date"] == "2022-12-28"


def test_december_meeting_reported_in_january_takes_the_previous_year():
    text = "Ban Thường vụ Tỉnh ủy họp phiên cuối năm\n02/01/2024 08:00\nNgày 30/12, Ban Thường vụ Tỉnh ủy họp phiên cuối năm."
    assert meeting(text)["date"] == "2023-12-30"


def test_day_without_year_and_without_publication_is_null_and_flagged():
    record = extract("Sáng nay 22.3, Ban Thường vụ Huyện ủy họp.")
    assert record["meeting"]["date"] is None
    assert record["warnings"]


def test_date_not_taken_from_unrelated_sentences():
    assert meeting("Trời mưa ngày 3/4/2021 khiến đường trơn.")["date"] is None


# --- chairs and positions ------------------------------------------------------------------------
def test_positions_normalized():
    assert normalize_position("Uỷ viên Ban Thường vụ Tỉnh uỷ") == "Ủy viên Ban Thường vụ Tỉnh ủy"
    assert normalize_position("UVTW Đảng") == "Ủy viên Trung ương Đảng"
    assert normalize_position("UVTW") == "Ủy viên Trung ương Đảng"


def test_single_chair_with_comma_positions():
    chairs = find_chairs(
        "Đồng chí Trần Thị Mai, Uỷ viên Ban Thường vụ Thành ủy, Chủ tịch HĐND thành phố chủ trì kỳ họp."
    )
    assert chairs == [
        {"name": "Trần Thị Mai", "positions": ["Ủy viên Ban Thường vụ Thành ủy", "Chủ tịch HĐND thành phố"]}
    ]


def test_chair_with_dash_and_abbreviated_honorific():
    chairs = find_chairs("Đ/c Vũ Đức Long - UVTW Đảng, Bí thư Tỉnh uỷ chủ trì hội nghị.")
    assert chairs == [{"name": "Vũ Đức Long", "positions": ["Ủy viên Trung ương Đảng", "Bí thư Tỉnh ủy"]}]


def test_chairs_in_a_list():
    chairs = find_chairs(
        "Các đồng chí: Hoàng Văn Nam, Bí thư Huyện ủy; Đỗ Thị Lan, Phó Bí thư Thường trực Huyện ủy; "
        "Bùi Quang Huy, Chủ tịch UBND huyện chủ trì hội nghị."
    )
    assert [c["name"] for c in chairs] == ["Hoàng Văn Nam", "Đỗ Thị Lan", "Bùi Quang Huy"]
    assert chairs[2]["positions"] == ["Chủ tịch UBND huyện"]


def test_a_council_session_is_presided_chu_toa():
    chairs = find_chairs(
        "Các đồng chí: Phan Văn Tâm, Chủ tịch HĐND tỉnh; Lê Thị Hà, Phó Chủ tịch HĐND tỉnh chủ tọa kỳ họp."
    )
    assert [c["name"] for c in chairs] == ["Phan Văn Tâm", "Lê Thị Hà"]
    assert find_chairs("Chủ toạ kỳ họp có đồng chí Trịnh Văn Bảo, Chủ tịch HĐND thành phố.") == [
        {"name": "Trịnh Văn Bảo", "positions": ["Chủ tịch HĐND thành phố"]}
    ]


def test_chair_after_duoi_su_chu_tri_cua():
    chairs = find_chairs("Hội nghị diễn ra dưới sự chủ trì của đồng chí Ngô Minh Tuấn, Bí thư Thành ủy.")
    assert chairs == [{"name": "Ngô Minh Tuấn", "positions": ["Bí thư Thành ủy"]}]


def test_same_chair_twice_is_one_person():
    chairs = find_chairs(
        "Đồng chí Lý Văn An, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy chủ trì hội nghị.\n"
        "Đồng chí Lý Văn An - Bí thư Tỉnh uỷ chủ trì Hội nghị"
    )
    assert chairs == [{"name": "Lý Văn An", "positions": ["Ủy viên Trung ương Đảng", "Bí thư Tỉnh ủy"]}]


def test_chair_title_before_name_is_not_taken_as_name():
    assert find_chairs("Đồng chí Bí thư Huyện ủy chủ trì hội nghị.") == []


# --- reading and chrome ------------------------------------------------------------------------
CHROME_PAGE = """<!DOCTYPE html><html><head><title>Cổng thông tin</title>
<style>.x{color:red}</style><script>var a = "chủ trì";</script></head><body>
<div class="menu"><a>A</a> <a>A</a> <a>A</a></div>
<div>Thứ ba, ngày 5/3/2024</div>
<h1>Ban Thường vụ Thành ủy họp phiên thường kỳ tháng 6</h1>
<div>Thứ Hai 17/06/2024 16:05</div>
<p>Ngày 17/6, Ban Thường vụ Thành ủy Hải Phòng tổ chức hội nghị lần thứ 21. Đồng chí
Phan Minh Đức, Ủy viên Trung ương Đảng, Bí thư Thành ủy chủ trì hội nghị.</p>
<p>In trang | Quay lại | Lên trên</p>
<p>CÁC BÀI VIẾT KHÁC:</p>
<ul><li>Ban Thường vụ Tỉnh ủy họp lần thứ 99 (01/01/2020)</li></ul>
<div>Tất cả: 4,196,163</div>
</body></html>"""


def test_chrome_laden_html_page():
    text, warnings = read_text(CHROME_PAGE.encode("utf-8"))
    assert "chủ trì hội nghị" in text
    for chrome in ("A A A", "In trang", "CÁC BÀI VIẾT KHÁC", "Tất cả", "color:red", "var a", "99"):
        assert chrome not in text
    record = extract(text, "page.html")
    meeting = record["meeting"]
    assert meeting["body"] == "Ban Thường vụ Thành ủy"
    assert meeting["organization"] == "Hải Phòng"
    assert meeting["session_number"] == 21
    assert meeting["date"] == "2024-06-17"
    assert [c["name"] for c in meeting["chairs"]] == ["Phan Minh Đức"]


def test_strip_chrome_drops_dated_news_lists_and_counters():
    text = strip_chrome(
        "Nội dung bài.\nHội nghị khác của tỉnh (18/03/2021)\nĐang online: 164\nHôm nay 464\nA A A\nKết thúc."
    )
    assert text == "Nội dung bài.\nKết thúc."


def test_legacy_encoding_is_detected():
    data = "Ban Thường vụ Tỉnh ủy tổ chức hội nghị lần thứ 5 tại hội trường.".encode("utf-16")
    text, _ = read_text(data)
    assert "lần thứ 5" in text


# --- bad input -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("data", "warning"),
    [
        (b"", "empty"),
        (bytes(range(256)) * 20, "binary"),
        (b"The quick brown fox jumps over the lazy dog. " * 50, "Vietnamese"),
        ("Hôm nay trời nắng, cả nhà đi chơi công viên.".encode(), "not a meeting"),
    ],
)
def test_bad_input_gives_a_record_with_warnings(data, warning):
    text, read_warnings = read_text(data)
    record = extract(text, "bad")
    warnings = read_warnings + record["warnings"]
    assert any(warning in w for w in warnings), warnings
    assert record["meeting"]["chairs"] == [] and record["targets"] == []


def test_large_page_does_not_break():
    page = ("<p>" + "Ban Thường vụ Tỉnh ủy họp. " * 40 + "</p>\n") * 5000
    text, _ = read_text(page.encode())
    assert extract(text)["meeting"]["body"] == "Ban Thường vụ Tỉnh ủy"


# --- the command ---------------------------------------------------------------------------------
ARTICLE = (
    "Ban Thường vụ Huyện ủy họp\n07/08/2023 10:00\n"
    "Ngày 7/8, Ban Thường vụ Huyện ủy Kim Sơn (khóa XXIII) tổ chức hội nghị lần thứ 15. "
    "Đồng chí Đinh Văn Hòa, Bí thư Huyện ủy chủ trì hội nghị."
)


def test_command_prints_json_lines_in_input_order(tmp_path, capsys):
    first = tmp_path / "b.txt"
    first.write_text(ARTICLE, encoding="utf-8")
    second = tmp_path / "a.txt"
    second.write_bytes(b"")
    call_command("extract", str(first), str(second))
    lines = capsys.readouterr().out.strip().split("\n")
    records = [json.loads(line) for line in lines]
    assert [r["source"] for r in records] == ["b.txt", "a.txt"]
    meeting = records[0]["meeting"]
    assert meeting == {
        "body": "Ban Thường vụ Huyện ủy",
        "organization": "Kim Sơn",
        "term": "XXIII",
        "session_number": 15,
        "date": "2023-08-07",
        "chairs": [{"name": "Đinh Văn Hòa", "positions": ["Bí thư Huyện ủy"]}],
        "attendees": [],
    }
    assert "Đinh Văn Hòa" in lines[0]  # ensure_ascii=False
    assert records[1]["warnings"]


def test_command_unreadable_file_exit_code_and_others_still_printed(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    result = subprocess.run(
        [str(ROOT / ".venv/bin/hoinghi"), "extract", str(tmp_path / "missing.txt"), str(good)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "hoinghi.settings"},
    )
    assert result.returncode != 0
    records = [json.loads(line) for line in result.stdout.strip().split("\n")]
    assert [r["source"] for r in records] == ["missing.txt", "good.txt"]
    assert "cannot read" in records[0]["warnings"][0]
    assert records[1]["meeting"]["session_number"] == 15


def test_command_exit_zero_on_readable_files(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "django", "extract", str(good)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "hoinghi.settings"},
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["meeting"]["body"] == "Ban Thường vụ Huyện ủy"


def test_command_raises_for_unreadable_file(tmp_path):
    with pytest.raises(CommandError):
        call_command("extract", str(tmp_path / "nope.txt"))


def test_chair_named_after_chu_tri_hoi_nghi_co():
    chairs = find_chairs("Chủ trì hội nghị có đồng chí Lê Thị Hà, Phó Bí thư Thường trực Thành ủy.")
    assert chairs == [{"name": "Lê Thị Hà", "positions": ["Phó Bí thư Thường trực Thành ủy"]}]


def test_guests_after_chu_tri_are_not_chairs():
    chairs = find_chairs(
        "Đồng chí Mai Văn Tâm, Bí thư Huyện ủy chủ trì hội nghị có sự tham dự của đồng chí Hà Văn Lộc."
    )
    assert [c["name"] for c in chairs] == ["Mai Văn Tâm"]


@pytest.mark.parametrize(
    ("sentence", "name", "positions"),
    [
        (
            "Chủ tịch HĐND thành phố Nguyễn Ngọc Tuấn chủ trì kỳ họp.",
            "Nguyễn Ngọc Tuấn",
            ["Chủ tịch HĐND thành phố"],
        ),
        (
            "Đồng chí Bí thư Huyện uỷ Trịnh Văn Lực chủ trì hội nghị.",
            "Trịnh Văn Lực",
            ["Bí thư Huyện ủy"],
        ),
        (
            "Sáng 5/3, Phó Bí thư Thường trực Tỉnh ủy Cao Thị Hòa chủ trì hội nghị.",
            "Cao Thị Hòa",
            ["Phó Bí thư Thường trực Tỉnh ủy"],
        ),
    ],
)
def test_title_before_the_name(sentence, name, positions):
    assert find_chairs(sentence) == [{"name": name, "positions": positions}]


def test_a_body_presiding_is_not_a_person():
    assert find_chairs("Hội nghị do Ban Thường vụ Tỉnh ủy Nghệ An chủ trì.") == []


def test_abbreviated_positions_spelt_out():
    assert normalize_position("Uỷ viên BTV Tỉnh uỷ") == "Ủy viên Ban Thường vụ Tỉnh ủy"
    assert normalize_position("Ủy viên BCH TW Đảng") == "Ủy viên Ban Chấp hành Trung ương Đảng"


SHARED = ROOT.parent / "shared"


# Just under what the extractor reaches on each set (README: section F1); the rest keep "sections".
FLOORS = {
    "dev": {"overall": 0.98, "agenda_items": 0.95, "sections": 0.97},
    "provinces": {"overall": 0.96, "agenda_items": 0.92, "directives": 0.85, "conclusions": 0.94, "sections": 0.97},
}


@pytest.mark.parametrize("corpus", sorted(FLOORS))
def test_each_set_scores_stay_above_their_floor(corpus):
    """The shared scorer on a corpus set, through the installed command, as the issue measures it."""
    result = subprocess.run(
        [
            sys.executable,
            str(SHARED / "tools/score_extraction.py"),
            "--gold",
            str(SHARED / f"corpus/{corpus}/gold"),
            "--articles",
            str(SHARED / f"corpus/{corpus}/articles"),
            "--cmd",
            str(ROOT / ".venv/bin/hoinghi") + " extract",
            "--json",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    floors = FLOORS[corpus]
    scores = json.loads(result.stdout)
    low = {name: row["f1"] for name, row in scores.items() if row["f1"] < floors.get(name, floors["sections"])}
    assert not low, low


# --- targets and votes ----------------------------------------------------------------------
def test_target_percent_with_year_in_sentence():
    [target] = find_targets("Phấn đấu đến năm 2030 có 95% hộ gia đình được dùng nước sạch.")
    assert (target["value"], target["unit"], target["year"], target["scope"]) == (95, "%", 2030, None)
    assert "hộ gia đình được dùng nước sạch" in target["indicator"]


def test_target_levels_share_the_predicate_and_list_year():
    text = (
        "Các chỉ tiêu chủ yếu đến năm 2026 gồm: 85% văn bản tại cấp tỉnh, 75% văn bản tại cấp huyện "
        "và 60% văn bản tại cấp xã được ký số. Tỷ lệ trường học đạt chuẩn trên 65%."
    )
    targets = find_targets(text)
    assert [(t["value"], t["scope"], t["year"]) for t in targets] == [
        (85, "cấp tỉnh", 2026),
        (75, "cấp huyện", 2026),
        (60, "cấp xã", 2026),
        (65, None, 2026),
    ]
    assert all(t["indicator"] == "văn bản được ký số" for t in targets[:3])
    assert targets[3]["indicator"] == "Tỷ lệ trường học đạt chuẩn"


def test_target_counts_take_the_noun_after_the_number():
    text = (
        "Phấn đấu đến năm 2027 thu hút trên 1.200 doanh nghiệp đầu tư; "
        "đến năm 2035 thuộc nhóm 10 tỉnh, thành phố có chỉ số cạnh tranh cao nhất."
    )
    first, second = find_targets(text)
    assert (first["value"], first["unit"], first["year"]) == (1200, "doanh nghiệp", 2027)
    assert (second["value"], second["unit"], second["year"]) == (10, "tỉnh, thành phố", 2035)
    assert "chỉ số cạnh tranh" in second["indicator"]


def test_target_share_of_grdp():
    [target] = find_targets("Mục tiêu đến năm 2028, công nghiệp chế biến chiếm 35% GRDP của tỉnh.")
    assert (target["value"], target["unit"], target["year"]) == (35, "%", 2028)
    assert "công nghiệp chế biến chiếm GRDP" in target["indicator"]


def test_no_target_without_a_goal_year():
    assert find_targets("Tỷ lệ nộp hồ sơ trực tuyến đã đạt 100%. Hội nghị đề ra 5 nhóm giải pháp.") == []


def test_vote_percent_and_subject():
    [vote] = find_votes(
        "Ông Lê Văn Bê được 98% đại biểu có mặt nhất trí giới thiệu bầu giữ chức Phó Chủ tịch UBND tỉnh."
    )
    assert vote["percent_for"] == 98
    assert vote["method"] is None
    assert vote["subject"] == "giới thiệu bầu giữ chức Phó Chủ tịch UBND tỉnh"


def test_vote_secret_from_the_paragraph():
    text = (
        "Hội nghị tiến hành bỏ phiếu kín theo quy định.\n"
        "Kết quả 100% đại biểu đồng ý thông qua danh sách nhân sự.\n"
        "Hội nghị bế mạc. Có 100% đại biểu đồng ý biểu quyết công khai bằng giơ tay."
    )
    votes = find_votes(text.replace("quy định.\n", "quy định. "))
    assert [(v["percent_for"], v["method"]) for v in votes] == [(100, "secret"), (100, "open")]
    assert votes[0]["subject"] == "thông qua danh sách nhân sự"
