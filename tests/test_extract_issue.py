"""Issue 19: each failure form the issue lists, on sentences of the genre written for these tests."""

import pytest

from hoinghi.ingest.extract import extract


def record(text):
    return extract(text)


def names(people):
    return [p["name"] for p in people]


# --- chairs ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "chairs"),
    [
        (
            "Sáng 3/6, HĐND tỉnh khai mạc kỳ họp thứ 9. Chủ trì Kỳ họp, có đồng chí Lục Văn Đông - Chủ tịch HĐND "
            "tỉnh; đồng chí Hà Thị Ngân - Phó Chủ tịch HĐND tỉnh.",
            ["Lục Văn Đông", "Hà Thị Ngân"],
        ),
        (
            "HĐND tỉnh tổ chức kỳ họp thứ 12. Các đồng chí: Mông Văn Sáu - Chủ tịch và các Phó Chủ tịch HĐND tỉnh "
            "Vi Thị Hoa, Nông Đức Tài chủ tọa.",
            ["Mông Văn Sáu", "Vi Thị Hoa", "Nông Đức Tài"],
        ),
        (
            "Ngày 5/8, HĐND huyện tổ chức kỳ họp thứ 7. Hai Phó Chủ tịch HĐND huyện là ông Đàm Quang Vinh và Lò Thị "
            "Xuân điều hành kỳ họp.",
            ["Đàm Quang Vinh", "Lò Thị Xuân"],
        ),
    ],
)
def test_chairs_written_every_way(text, chairs):
    assert names(record(text)["meeting"]["chairs"]) == chairs


# --- agenda items ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "items"),
    [
        (
            "Sáng 2/3, đồng chí Kha Văn Trọng, Bí thư Huyện ủy chủ trì hội nghị Ban Thường vụ Huyện ủy để cho ý kiến "
            "vào: Đề án sắp xếp trường học; công tác cán bộ.",
            ["Đề án sắp xếp trường học", "Công tác cán bộ"],
        ),
        (
            "Ban Thường vụ Thành ủy đã nghe báo cáo tình hình kinh tế quý I. Đồng thời, tham gia ý kiến vào các dự "
            "thảo như: Quy chế làm việc; Chương trình kiểm tra, giám sát năm 2025.",
            ["Báo cáo tình hình kinh tế quý I", "Quy chế làm việc", "Chương trình kiểm tra, giám sát năm 2025"],
        ),
        (
            "Chiều 9/4, Ban Thường vụ Tỉnh ủy họp, xem xét Đề án phát triển cảng cạn và bàn phương án bố trí cán bộ "
            "cấp xã.",
            ["Đề án phát triển cảng cạn", "Phương án bố trí cán bộ cấp xã"],
        ),
        (
            "Tại kỳ họp, HĐND huyện đã xem xét, thông qua 2 dự thảo Nghị quyết về giá dịch vụ thu gom rác và "
            "điều chỉnh kế hoạch đầu tư công năm 2025.",
            [
                "Dự thảo Nghị quyết về giá dịch vụ thu gom rác",
                "Dự thảo Nghị quyết về điều chỉnh kế hoạch đầu tư công năm 2025",
            ],
        ),
        (
            "Ngày 14/5, HĐND thị xã tổ chức kỳ họp thứ 8 nhằm đánh giá tình hình kinh tế - xã hội quý I và bầu "
            "bổ sung Ủy viên UBND thị xã.",
            ["Đánh giá tình hình kinh tế - xã hội quý I", "Bầu bổ sung Ủy viên UBND thị xã"],
        ),
    ],
)
def test_agenda_in_the_lead_and_in_list_shapes(text, items):
    assert [i["title"] for i in record(text)["agenda_items"]] == items


def test_a_personnel_action_is_an_item_and_a_vote_without_a_share():
    found = record(
        "Ngày 3/7, HĐND huyện khai mạc kỳ họp thứ 15. Kỳ họp biểu quyết miễn nhiệm Phó Chủ tịch UBND huyện đối với ông Khúc Văn Tĩnh."
    )
    assert [i["title"] for i in found["agenda_items"]] == [
        "Miễn nhiệm Phó Chủ tịch UBND huyện đối với ông Khúc Văn Tĩnh"
    ]
    [vote] = found["votes"]
    assert (vote["percent_for"], vote["method"]) == (None, None)
    assert "Khúc Văn Tĩnh" in vote["subject"]


# --- votes ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "percent", "method"),
    [
        (
            "Bằng bỏ phiếu kín, 38/40 đại biểu có mặt đã thống nhất bầu ông Tòng Văn Hưởng giữ chức Chủ tịch UBND xã.",
            95,
            "secret",
        ),
        (
            "Kỳ họp thông qua Nghị quyết về học phí năm học 2025-2026 và được 100% đại biểu nhất trí tán thành.",
            100,
            None,
        ),
        ("HĐND xã thông qua Nghị quyết về giá nước sạch với 19/20 đại biểu tán thành, tương đương 95%.", 95, None),
    ],
)
def test_vote_wordings(text, percent, method):
    [vote] = record(text)["votes"]
    assert (vote["percent_for"], vote["method"]) == (percent, method)


# --- decisions ------------------------------------------------------------------------------------------
def test_decisions_voiced_by_the_delegates_or_without_a_subject_and_a_deferral():
    text = (
        "Ngày 20/6, HĐND huyện tổ chức kỳ họp thứ 11. Các đại biểu đã thảo luận, thống nhất thông qua Nghị quyết "
        "về phí tham quan di tích. Tại phiên họp, đã thông qua Kế hoạch giám sát năm 2026. Riêng Đề án đổi tên "
        "đường lùi sang phiên họp sau."
    )
    found = record(text)["conclusions"]
    assert [(c["outcome"], c["item"]) for c in found] == [
        ("approved", "Nghị quyết về phí tham quan di tích"),
        ("approved", "Kế hoạch giám sát năm 2026"),
        ("other", "Đề án đổi tên đường"),
    ]


def test_a_submission_the_meeting_decided_not_to_consider_is_a_deferral_and_no_item():
    found = record(
        "Sáng 4/11, HĐND xã họp kỳ họp thứ 8. Kỳ họp quyết định chưa xem xét Tờ trình về giá dịch vụ thu gom rác "
        "do hồ sơ chưa hoàn chỉnh."
    )
    assert [(c["outcome"], c["item"]) for c in found["conclusions"]] == [
        ("other", "Tờ trình về giá dịch vụ thu gom rác")
    ]
    assert found["agenda_items"] == []


def test_a_count_of_resolutions_is_a_decision_not_an_item():
    found = record("Chiều 12/12, HĐND tỉnh bế mạc kỳ họp thứ 20, thông qua 12 nghị quyết.")
    assert found["agenda_items"] == []
    assert [c["outcome"] for c in found["conclusions"]] == ["approved"]


# --- another meeting's facts ------------------------------------------------------------------------------------
def test_another_meetings_number_and_term_are_not_this_meetings():
    text = (
        "Sáng 4/12, Ban Thường vụ Thành ủy tổ chức hội nghị. Ban Thường vụ Thành ủy cho ý kiến các tờ trình sẽ "
        "trình Kỳ họp thứ 15 HĐND thành phố khóa XVI."
    )
    meeting = record(text)["meeting"]
    assert meeting["body"] == "Ban Thường vụ Thành ủy"
    assert (meeting["session_number"], meeting["term"]) == (None, None)


def test_a_meeting_preparing_a_session_does_not_take_its_number():
    meeting = record("Chiều 2/6, Thường trực HĐND tỉnh họp chuẩn bị kỳ họp thứ 8, HĐND tỉnh khóa XVII.")["meeting"]
    assert meeting["body"] == "Thường trực HĐND tỉnh"
    assert (meeting["session_number"], meeting["term"]) == (None, None)


def test_kỳ_họp_nhất_trí_is_not_session_one():
    assert record("HĐND huyện họp. Kỳ họp nhất trí thông qua 5 nghị quyết.")["meeting"]["session_number"] is None


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("HĐND tỉnh khai mạc kỳ họp thứ ba mươi mốt.", 31),
        ("Ngày 7/4, HĐND tỉnh tổ chức Kỳ họp thứ Mười bẩy (bất thường).", 17),
        ("Hội đồng nhân dân xã khai mạc kỳ họp thứ Mười Lăm.", 15),
        ("Hội đồng nhân dân tỉnh tổ chức Kỳ họp lần thứ XVII.", 17),
    ],
)
def test_numbers_in_words_and_roman(text, number):
    assert record(text)["meeting"]["session_number"] == number


# --- people ------------------------------------------------------------------------------------------------------------
def test_a_person_after_the_provinces_name_is_not_the_province():
    text = (
        "Chiều 15/3, HĐND tỉnh tổ chức kỳ họp thứ 7. Phát biểu chỉ đạo, đồng chí Chủ tịch UBND tỉnh Hà Giang "
        "Lò Văn Thắm đề nghị các sở khẩn trương triển khai nghị quyết."
    )
    found = record(text)
    assert found["meeting"]["organization"] == "Hà Giang"
    assert names(found["meeting"]["attendees"]) == ["Lò Văn Thắm"]


@pytest.mark.parametrize(
    ("text", "present"),
    [
        (
            "Tại hội nghị, thừa ủy quyền của Chủ tịch UBND tỉnh, Giám đốc Sở Nội vụ Hầu Văn Lực trình bày tờ trình "
            "về sắp xếp đơn vị hành chính.",
            ["Hầu Văn Lực"],
        ),
        ("Đồng chí Bạc Cầm Hà, Trưởng Ban Tổ chức Huyện ủy đã giới thiệu nhân sự.", ["Bạc Cầm Hà"]),
        (
            "Chủ tịch HĐND tỉnh chúc mừng bà Chu Thị Mến và ông Sầm Văn Lợi (Ảnh: TTXVN).",
            ["Chu Thị Mến", "Sầm Văn Lợi"],
        ),
        ("Kỳ họp xem xét tờ trình theo đề nghị của đồng chí Ma Văn Đức, Chủ tịch UBND huyện.", ["Ma Văn Đức"]),
        ("Ông Tô Văn Ngà được bầu làm Phó Chủ tịch UBND huyện.", []),
    ],
)
def test_presence_shown_every_way(text, present):
    assert names(extract("HĐND huyện họp.\n" + text)["meeting"]["attendees"]) == present


# --- layouts ------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "day"),
    [
        (" date 2024-05-21 Sáng 20/5, HĐND tỉnh khai mạc kỳ họp thứ 18.", "2024-05-20"),
        (" date 2024-05 Sáng ngày 09/5, UBND tỉnh họp phiên thường kỳ.", "2024-05-09"),
        (
            "HĐND tỉnh khai mạc kỳ họp thứ 18\nNgày đăng 21/05/2024 | 09:30\nSáng 20/5, HĐND tỉnh khai mạc kỳ họp.",
            "2024-05-20",
        ),
        ("Khai mạc kỳ họp thứ 18\n21/05/2024Sáng 20/5, HĐND tỉnh Yên Bái khai mạc kỳ họp thứ 18.", "2024-05-20"),
        ("Sáng nay 20.5, HĐND tỉnh khai mạc kỳ họp thứ 18.", None),
    ],
)
def test_the_publication_line_in_its_shapes(text, day):
    assert record(text)["meeting"]["date"] == day


def test_no_headline_the_lead_is_the_first_line():
    found = record("Sáng 11/9, HĐND huyện Mường Tè tổ chức kỳ họp thứ 10.\nCác đại biểu đã thảo luận.")
    assert (found["meeting"]["body"], found["meeting"]["organization"]) == ("HĐND huyện", "Mường Tè")


def test_a_council_heading_over_a_government_meeting():
    text = "Hội đồng nhân dân\nChiều 30/9, UBND tỉnh họp phiên thường kỳ tháng 9 do Chủ tịch UBND tỉnh chủ trì."
    assert record(text)["meeting"]["body"] == "UBND tỉnh"


# --- tasks and goals ------------------------------------------------------------------------------------------------
def test_chỉ_đạo_to_an_assignee_and_the_chair_named_as_đồng_chí():
    text = (
        "Sáng 6/5, UBND tỉnh họp phiên thường kỳ. Chủ tịch UBND tỉnh chỉ đạo Sở Tài chính rà soát nguồn vốn "
        "trước ngày 30/5/2025. Đồng chí đề nghị các huyện đẩy nhanh giải ngân vốn đầu tư công."
    )
    found = record(text)["directives"]
    assert [(d["assignee"], d["deadline"]) for d in found] == [("Sở Tài chính", "2025-05-30"), ("các huyện", None)]


def test_a_task_for_the_leaders_of_a_body_and_a_lower_case_list_of_heads_is_one_assignee():
    text = (
        "Sáng 8/7, HĐND thành phố khai mạc kỳ họp thứ 9. Phát biểu khai mạc, ông Trần Minh Tâm, Chủ tịch HĐND "
        "thành phố đề nghị lãnh đạo UBND thành phố, thủ trưởng các sở ngành chuẩn bị kỹ nội dung trả lời chất vấn."
    )
    [task] = record(text)["directives"]
    assert task["assignee"] == "lãnh đạo UBND thành phố, thủ trưởng các sở ngành"
    assert task["content"] == "chuẩn bị kỹ nội dung trả lời chất vấn"


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        ("Phấn đấu năm 2026 tăng trưởng kinh tế đạt 8 - 8,5%.", [(8, "%", 2026)]),
        (
            "UBND tỉnh yêu cầu các chủ đầu tư khẩn trương để giải ngân đạt 100% vốn đầu tư công năm 2025.",
            [(100, "%", 2025)],
        ),
        ("Tăng trưởng kinh tế 9 tháng năm 2025 ước đạt 6,79%.", []),
    ],
)
def test_goals_ranges_and_results(text, targets):
    found = record("HĐND tỉnh họp.\n" + text)["targets"]
    assert [(t["value"], t["unit"], t["year"]) for t in found] == targets


# --- shapes found while checking sentences written for the genre ---------------------------------------------------
def test_the_term_after_the_district_a_communes_council_lies_in():
    found = record("Ngày 18/12/2023, HĐND xã Hòa Bình, huyện Tân Yên khóa XXI tổ chức kỳ họp thứ 8.")
    assert (found["meeting"]["organization"], found["meeting"]["term"]) == ("Hòa Bình", "XXI")


def test_reports_of_several_bodies_about_one_topic_are_one_item():
    found = record(
        "HĐND xã tổ chức kỳ họp thứ 8.\nTại kỳ họp, các đại biểu đã nghe và thảo luận các báo cáo của Thường trực "
        "HĐND, UBND xã về kết quả thu ngân sách năm 2023; báo cáo quyết toán ngân sách xã năm 2022."
    )
    assert [(i["title"], i["presenter"]) for i in found["agenda_items"]] == [
        ("Các báo cáo của Thường trực HĐND, UBND xã về kết quả thu ngân sách năm 2023", None),
        ("Báo cáo quyết toán ngân sách xã năm 2022", None),
    ]


def test_a_decided_document_ends_before_the_task_and_a_vague_headline_is_no_conclusion():
    found = record(
        "Ban Thường vụ Huyện ủy cho ý kiến nhiều nội dung quan trọng\nNgày 5/3/2024, Ban Thường vụ Huyện ủy họp cho "
        "ý kiến vào dự thảo Đề án chuyển đổi số huyện đến năm 2030.\nBan Thường vụ Huyện ủy cơ bản nhất trí với dự "
        "thảo Đề án, giao UBND huyện tiếp thu ý kiến, hoàn thiện trước ngày 30/3/2024."
    )
    assert [i["title"] for i in found["agenda_items"]] == ["Dự thảo Đề án chuyển đổi số huyện đến năm 2030"]
    assert [c["outcome"] for c in found["conclusions"]] == ["basically_approved"]


@pytest.mark.parametrize(
    ("text", "organization", "term"),
    [
        ("Thành ủy TP.HCM họp\nChiều 3/6/2024, Ban Thường vụ Thành ủy TP.HCM họp chuyên đề.", "Hồ Chí Minh", None),
        ("Hội nghị Tỉnh ủy lần thứ 9\nNgày 5/1/2025, Ban Chấp hành Đảng bộ tỉnh Yên Bái khóa XX họp.", "Yên Bái", "XX"),
        (
            "Gia Lai: Khai mạc kỳ họp thứ 21 HĐND tỉnh\nSáng 6/12/2024, HĐND tỉnh khóa XII khai mạc kỳ họp.",
            "Gia Lai",
            "XII",
        ),
    ],
)
def test_a_citys_short_name_the_executive_as_its_committee_and_a_province_before_the_headline(text, organization, term):
    meeting = record(text)["meeting"]
    assert (meeting["organization"], meeting["term"]) == (organization, term)


def test_a_submission_agreed_to_with_a_task_in_the_same_sentence():
    found = record(
        "Chiều 28/5/2024, UBND tỉnh họp phiên thường kỳ tháng 5.\nUBND tỉnh thống nhất thông qua Tờ trình về việc "
        "điều chỉnh bảng giá đất và giao Sở Tài chính hoàn thiện hồ sơ. Phiên họp thống nhất cao với dự thảo Kế "
        "hoạch phát triển nhà ở năm 2025."
    )
    assert [(c["outcome"], c["item"]) for c in found["conclusions"]] == [
        ("approved", "Tờ trình về việc điều chỉnh bảng giá đất"),
        ("approved", "dự thảo Kế hoạch phát triển nhà ở năm 2025"),
    ]
    assert [(d["assignee"], d["content"]) for d in found["directives"]] == [("Sở Tài chính", "hoàn thiện hồ sơ")]
