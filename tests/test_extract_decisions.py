"""Conclusions and directives from meeting articles: genre sentences of every level and portal style."""

import pytest

from hoinghi.ingest.clauses import read_article
from hoinghi.ingest.conclusions import find_conclusions as conclusions_of
from hoinghi.ingest.directives import find_directives as directives_of


def find_conclusions(text):
    return conclusions_of(read_article(text))


def find_directives(text, *args, **kwargs):
    return directives_of(read_article(text), *args, **kwargs)


PROVINCE = "Ban Thường vụ Tỉnh ủy"


# --- conclusions ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "outcome", "item"),
    [
        (
            "Ban Thường vụ Thành ủy cơ bản thống nhất với dự thảo Đề án phát triển giao thông đô thị giai đoạn "
            "2021-2025.",
            "basically_approved",
            "dự thảo Đề án phát triển giao thông đô thị giai đoạn 2021-2025",
        ),
        (
            "Ban Thường vụ Huyện uỷ đã đồng ý chủ trương đầu tư xây dựng trụ sở Đảng ủy xã Tân Phong.",
            "approved",
            "chủ trương đầu tư xây dựng trụ sở Đảng ủy xã Tân Phong",
        ),
        ("Kỳ họp đã biểu quyết thông qua 15 nghị quyết quan trọng.", "approved", "15 nghị quyết quan trọng"),
        (
            "HĐND tỉnh khóa X đã thông qua Nghị quyết về kế hoạch đầu tư công năm 2024.",
            "approved",
            "Nghị quyết về kế hoạch đầu tư công năm 2024",
        ),
        (
            "Hội nghị thống nhất cao với báo cáo tình hình kinh tế - xã hội 6 tháng đầu năm.",
            "approved",
            "báo cáo tình hình kinh tế - xã hội 6 tháng đầu năm",
        ),
        (
            "Về đề án sáp nhập thôn, tổ dân phố, Ban Thường vụ Tỉnh ủy giao Ban cán sự đảng UBND tỉnh tiếp tục "
            "rà soát, báo cáo tại phiên họp sau.",
            "returned",
            "đề án sáp nhập thôn",
        ),
        (
            "Ban Thường vụ Tỉnh ủy chưa thông qua phương án điều chỉnh quy hoạch khu du lịch hồ Núi Cốc.",
            "returned",
            "phương án điều chỉnh quy hoạch khu du lịch hồ Núi Cốc",
        ),
        (
            "Ban Chấp hành Đảng bộ tỉnh đồng ý với báo cáo, đồng thời yêu cầu Ban cán sự đảng UBND tỉnh tiếp "
            "thu ý kiến, bổ sung, hoàn thiện trước khi ban hành.",
            "approved_with_revisions",
            "báo cáo",
        ),
        (
            "Ban Thường vụ Thành ủy yêu cầu Ban Tuyên giáo Thành ủy tiếp thu đầy đủ ý kiến tham gia, hoàn thiện "
            "dự thảo Chỉ thị để ban hành.",
            "approved_with_revisions",
            "Ban Tuyên giáo Thành ủy tiếp thu đầy đủ ý kiến tham gia",
        ),
        (
            "Tại phiên họp, Ban Thường vụ Thành ủy cũng cho ý kiến về Quy chế phối hợp giữa Thành ủy và UBND "
            "thành phố.",
            "noted",
            "Quy chế phối hợp giữa Thành ủy và UBND thành phố",
        ),
        (
            "Thường trực Tỉnh ủy nhất trí với đề xuất của Ban Tổ chức Tỉnh ủy về công tác cán bộ.",
            "approved",
            "đề xuất của Ban Tổ chức Tỉnh ủy về công tác cán bộ",
        ),
        (
            "Sau khi thảo luận, Ban Thường vụ Huyện ủy đã thống nhất thông qua Kế hoạch tổ chức Đại hội Đảng bộ huyện.",
            "approved",
            "Kế hoạch tổ chức Đại hội Đảng bộ huyện",
        ),
        (
            "Ban Chấp hành Đảng bộ thành phố đã biểu quyết thông qua Nghị quyết hội nghị.",
            "approved",
            "Nghị quyết hội nghị",
        ),
        (
            "Cho ý kiến về Đề án xây dựng nông thôn mới kiểu mẫu, Ban Thường vụ Huyện ủy cơ bản đồng ý và giao "
            "UBND huyện hoàn thiện.",
            "basically_approved",
            "Đề án xây dựng nông thôn mới kiểu mẫu",
        ),
        (
            "Hội nghị đã nhất trí giới thiệu đồng chí Vũ Đức Hạnh ứng cử chức danh Phó Chủ tịch UBND huyện.",
            "approved",
            "giới thiệu đồng chí Vũ Đức Hạnh ứng cử chức danh Phó Chủ tịch UBND huyện",
        ),
        (
            "Nghị quyết về giá dịch vụ khám bệnh đã được HĐND tỉnh thông qua với 100% đại biểu có mặt tán thành.",
            "approved",
            "Nghị quyết về giá dịch vụ khám bệnh",
        ),
        (
            "Ban Thường vụ Tỉnh ủy Lào Cai (khóa XVI) thống nhất chủ trương sắp xếp đơn vị hành chính cấp xã.",
            "approved",
            "chủ trương sắp xếp đơn vị hành chính cấp xã",
        ),
        (
            "Ban Thường vụ Thị ủy đã thảo luận, về cơ bản nhất trí với Đề án chỉnh trang đô thị.",
            "basically_approved",
            "Đề án chỉnh trang đô thị",
        ),
        (
            "Kỳ họp thứ 12 HĐND huyện đã thông qua 9 nghị quyết về kinh tế - xã hội.",
            "approved",
            "9 nghị quyết về kinh tế - xã hội",
        ),
        (
            "Kỳ họp đã xem xét, thông qua 25 nghị quyết quan trọng.",
            "approved",
            "25 nghị quyết quan trọng",
        ),
        (
            "Về công tác cán bộ, Ban Thường vụ Thành ủy đã xem xét, quyết định nhân sự theo thẩm quyền.",
            "other",
            "công tác cán bộ",
        ),
        (
            "Kết luận hội nghị, đồng chí Bí thư Huyện ủy Hoàng Văn Sơn nhất trí với báo cáo sơ kết 6 tháng.",
            "approved",
            "báo cáo sơ kết 6 tháng",
        ),
        (
            "Các nghị quyết đã được biểu quyết thông qua với tỷ lệ tán thành cao.",
            "approved",
            "Các nghị quyết",
        ),
    ],
)
def test_conclusion_outcome_and_item(sentence, outcome, item):
    [conclusion] = find_conclusions(sentence)
    assert conclusion["outcome"] == outcome
    assert conclusion["item"] == item
    assert conclusion["text"] == sentence.rstrip(".")


@pytest.mark.parametrize(
    "sentence",
    [
        "Hội nghị sẽ thảo luận, cho ý kiến về dự thảo Báo cáo chính trị trình Đại hội.",
        "Ban Thường vụ Tỉnh ủy tổ chức hội nghị để nghe và cho ý kiến về một số nội dung quan trọng.",
        "Đồng chí Giám đốc Sở Tài chính nhất trí với dự thảo và đề nghị bổ sung nguồn vốn.",
        "Đồng chí Phó Bí thư Tỉnh ủy đồng ý với đề xuất của Sở Nội vụ.",
        "Kết quả, 100% đại biểu có mặt tán thành.",
        "Thảo luận tại hội nghị, các đại biểu cơ bản nhất trí với dự thảo báo cáo và đề nghị bổ sung giải pháp.",
        "Các đại biểu đề nghị UBND tỉnh tiếp thu ý kiến cử tri, bổ sung, hoàn thiện dự thảo.",
        "Đồng chí Lê Văn Tâm được 100% đại biểu dự hội nghị đồng ý giới thiệu tái cử.",
        "Ban Thường vụ Tỉnh ủy yêu cầu Ban cán sự đảng UBND tỉnh chỉ đạo khẩn trương triển khai dự án.",
        "Mục tiêu là hình thành kho dữ liệu thống nhất trong toàn tỉnh.",
        "Đồng chí Ủy viên Ban Thường vụ Tỉnh ủy đồng ý với ý kiến của các đại biểu.",
        "Chiều 14/3, Ban Thường vụ Thành ủy tổ chức hội nghị cho ý kiến về một số nội dung quan trọng.",
        "Tại hội nghị, các đại biểu đã thảo luận, cho ý kiến về dự thảo Báo cáo chính trị.",
        "Đồng chí Chủ tịch HĐND tỉnh đề nghị UBND tỉnh triển khai các nghị quyết vừa được thông qua.",
    ],
)
def test_no_conclusion_in_plans_speeches_and_ballots(sentence):
    assert find_conclusions(sentence) == []


def test_one_conclusion_per_sentence_in_a_paragraph():
    text = (
        "Ban Thường vụ Huyện ủy đồng ý với Kế hoạch chuyển đổi số. Đây là nhiệm vụ trọng tâm của huyện.\n"
        "Hội nghị cũng thống nhất điều chỉnh lịch tiếp công dân của Bí thư Huyện ủy."
    )
    found = find_conclusions(text)
    assert [c["outcome"] for c in found] == ["approved", "approved"]
    assert found[1]["text"].startswith("Hội nghị cũng thống nhất")


# --- directives ----------------------------------------------------------------------------
def _pairs(directives):
    return [(d["assignee"], d["content"]) for d in directives]


def test_directive_assignee_content_and_deadline():
    [directive] = find_directives(
        "Ban Thường vụ Tỉnh ủy giao UBND tỉnh chỉ đạo các sở, ngành hoàn thành hồ sơ trước ngày 30/9/2021.",
        PROVINCE,
    )
    assert directive == {
        "assignee": "UBND tỉnh",
        "content": "chỉ đạo các sở, ngành hoàn thành hồ sơ trước ngày 30/9/2021",
        "deadline": "2021-09-30",
    }


def test_two_named_assignees_give_two_directives():
    text = "Ban Thường vụ Thành ủy giao UBND thành phố và Ban Tuyên giáo Thành ủy phối hợp tổ chức tuyên truyền."
    assert _pairs(find_directives(text, "Ban Thường vụ Thành ủy")) == [
        ("UBND thành phố", "phối hợp tổ chức tuyên truyền"),
        ("Ban Tuyên giáo Thành ủy", "phối hợp tổ chức tuyên truyền"),
    ]


def test_semicolon_hands_the_next_task_to_the_next_assignee():
    text = "Kỳ họp yêu cầu Sở Tài chính rà soát lại dự toán; Sở Kế hoạch và Đầu tư tham mưu phân bổ vốn trong tháng 10."
    found = find_directives(text, "HĐND tỉnh", held="2022-09-20")
    assert _pairs(found) == [
        ("Sở Tài chính", "rà soát lại dự toán"),
        ("Sở Kế hoạch và Đầu tư", "tham mưu phân bổ vốn trong tháng 10"),
    ]
    assert [d["deadline"] for d in found] == [None, None]


def test_a_list_of_kinds_and_a_place_stay_one_assignee():
    text = (
        "Ban Thường vụ Thành ủy giao các sở, ngành, địa phương triển khai thực hiện nghiêm túc. "
        "Đồng chí Bí thư Thành ủy yêu cầu Ban Chỉ đạo phòng chống thiên tai ở cấp huyện và các xã cần "
        "chuẩn bị đủ vật tư."
    )
    assert [d["assignee"] for d in find_directives(text, "Ban Thường vụ Thành ủy")] == [
        "các sở, ngành, địa phương",
        "Ban Chỉ đạo phòng chống thiên tai ở cấp huyện và các xã",
    ]


def test_closing_remarks_of_the_chair_are_directives():
    text = (
        "Kết luận hội nghị, đồng chí Nguyễn Văn An, Bí thư Huyện ủy yêu cầu các cấp ủy, chính quyền cần "
        "tập trung lãnh đạo thu hoạch lúa vụ mùa."
    )
    assert _pairs(find_directives(text, "Ban Thường vụ Huyện ủy")) == [
        ("các cấp ủy, chính quyền", "tập trung lãnh đạo thu hoạch lúa vụ mùa")
    ]


def test_the_chair_known_by_name():
    chairs = [{"name": "Trần Thị Bình", "positions": ["Phó Bí thư Huyện ủy"]}]
    text = "Đồng chí Trần Thị Bình đề nghị UBND huyện khẩn trương hoàn thiện hồ sơ xét công nhận."
    assert _pairs(find_directives(text, "Ban Thường vụ Huyện ủy", chairs)) == [
        ("UBND huyện", "hoàn thiện hồ sơ xét công nhận")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Đồng chí Lê Minh, Giám đốc Sở Xây dựng đề nghị UBND tỉnh sớm ban hành quy định về cấp phép.",
        "Đồng chí Bí thư Tỉnh ủy đề nghị các đại biểu phát huy dân chủ, thẳng thắn góp ý.",
        "Yêu cầu cần phải đánh giá đầy đủ, khách quan kết quả thực hiện.",
        "Đồng chí Phó Bí thư Tỉnh ủy đề nghị UBND tỉnh bổ sung giải pháp.",
        "Đồng chí Trưởng Ban Dân vận, Ủy viên Ban Thường vụ Tỉnh ủy đề nghị các hội đoàn thể cần vào cuộc.",
        "Ban Thường vụ Tỉnh ủy nghe báo cáo về giao đất cho hộ gia đình theo đề nghị của UBND xã.",
        "Các đại biểu đề nghị UBND tỉnh quan tâm đầu tư đường giao thông nông thôn.",
    ],
)
def test_no_directive_from_guests_delegates_or_without_assignee(text):
    assert find_directives(text, PROVINCE) == []


def test_follow_up_sentence_after_the_chair_instruction():
    text = (
        "Bí thư Tỉnh ủy yêu cầu Công an tỉnh tăng cường bảo đảm an ninh trật tự dịp Tết. "
        "Đồng thời, các địa phương cần chủ động rà soát các điểm nóng."
    )
    assert _pairs(find_directives(text, PROVINCE)) == [
        ("Công an tỉnh", "tăng cường bảo đảm an ninh trật tự dịp Tết"),
        ("các địa phương", "chủ động rà soát các điểm nóng"),
    ]


def test_no_follow_up_after_a_guest_opinion():
    text = "Đồng chí Giám đốc Sở Y tế cho biết tỷ lệ tiêm chủng còn thấp. Các địa phương cần chủ động tiêm bù."
    assert find_directives(text, PROVINCE) == []


def test_a_conclusion_then_two_instructions_in_one_sentence():
    text = (
        "Ban Thường vụ Tỉnh ủy đồng ý chủ trương, giao Ban cán sự đảng UBND tỉnh lãnh đạo triển khai; "
        "yêu cầu Ủy ban Kiểm tra Tỉnh ủy theo dõi, giám sát."
    )
    assert _pairs(find_directives(text, PROVINCE)) == [
        ("Ban cán sự đảng UBND tỉnh", "lãnh đạo triển khai"),
        ("Ủy ban Kiểm tra Tỉnh ủy", "theo dõi, giám sát"),
    ]


@pytest.mark.parametrize(
    ("task", "held", "deadline"),
    [
        ("trước ngày 15/12", "2023-12-05", "2023-12-15"),
        ("trước ngày 15/1", "2023-12-05", "2024-01-15"),
        ("trước ngày 30 tháng 9 năm 2022", None, "2022-09-30"),
        ("trong tháng 10", "2022-09-01", None),
        ("trong ngày 5/10", "2022-09-01", "2022-10-05"),
        ("trong 5-10 ngày", "2022-09-01", None),
        ("trước ngày 20/11", None, None),
    ],
)
def test_deadline_iso_only_with_a_day(task, held, deadline):
    text = f"Kỳ họp yêu cầu UBND tỉnh chỉ đạo giải quyết dứt điểm kiến nghị của cử tri {task}."
    [directive] = find_directives(text, "HĐND tỉnh", held=held)
    assert directive["deadline"] == deadline


def test_the_chair_instructs_after_a_colon_and_a_time_phrase_then_per_assignee():
    text = (
        "Kết luận hội nghị, đồng chí Bí thư Huyện ủy yêu cầu: thời gian tới, các cấp ủy, tổ chức đảng, chính "
        "quyền cần tập trung hoàn thành các chỉ tiêu năm 2023; UBND huyện chỉ đạo đẩy nhanh giải ngân vốn đầu "
        "tư công, hoàn thành trước ngày 31/12/2023."
    )
    found = find_directives(text, "Ban Chấp hành Đảng bộ huyện")
    assert _pairs(found) == [
        ("các cấp ủy, tổ chức đảng, chính quyền", "tập trung hoàn thành các chỉ tiêu năm 2023"),
        ("UBND huyện", "chỉ đạo đẩy nhanh giải ngân vốn đầu tư công, hoàn thành trước ngày 31/12/2023"),
    ]
    assert found[1]["deadline"] == "2023-12-31"


def test_the_chair_goes_on_as_đồng_chí_and_the_next_sentence_names_other_units():
    text = (
        "Phát biểu kết luận, đồng chí Bí thư Thành ủy đánh giá cao sự chuẩn bị của các cơ quan. Đồng chí đề "
        "nghị UBND thành phố giao nhiệm vụ cụ thể cho từng sở. Các quận ủy, huyện ủy cần tăng cường lãnh đạo "
        "công tác phòng chống thiên tai."
    )
    assert _pairs(find_directives(text, "Ban Thường vụ Thành ủy")) == [
        ("UBND thành phố", "giao nhiệm vụ cụ thể cho từng sở"),
        ("Các quận ủy, huyện ủy", "tăng cường lãnh đạo công tác phòng chống thiên tai"),
    ]


def test_a_task_given_with_giao_nhiem_vu_cho_and_the_weekly_briefing_is_not_one():
    text = (
        "Ban Thường vụ Tỉnh ủy giao nhiệm vụ cho Ban Tổ chức Tỉnh ủy hướng dẫn quy trình nhân sự. "
        "Ban Thường vụ Tỉnh ủy họp giao ban định kỳ hằng tháng."
    )
    assert _pairs(find_directives(text, PROVINCE)) == [("Ban Tổ chức Tỉnh ủy", "hướng dẫn quy trình nhân sự")]


def test_named_bodies_then_their_remit_are_one_task_each():
    text = (
        "Ban Thường vụ Tỉnh ủy giao Ban Tổ chức Tỉnh ủy, Ủy ban Kiểm tra Tỉnh ủy, Văn phòng Tỉnh ủy theo chức "
        "năng, nhiệm vụ hướng dẫn, kiểm tra việc thực hiện."
    )
    found = find_directives(text, PROVINCE)
    assert [d["assignee"] for d in found] == ["Ban Tổ chức Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy", "Văn phòng Tỉnh ủy"]
    assert {d["content"] for d in found} == {"theo chức năng, nhiệm vụ hướng dẫn, kiểm tra việc thực hiện"}


def test_the_council_hands_its_resolutions_to_the_executive_and_to_its_own_organs():
    text = (
        "HĐND thành phố giao UBND thành phố tổ chức thực hiện các nghị quyết; giao Thường trực HĐND, các Ban "
        "HĐND, các Tổ đại biểu và đại biểu HĐND thành phố giám sát việc thực hiện."
    )
    assert _pairs(find_directives(text, "HĐND thành phố")) == [
        ("UBND thành phố", "tổ chức thực hiện các nghị quyết"),
        ("Thường trực HĐND, các Ban HĐND, các Tổ đại biểu và đại biểu HĐND thành phố", "giám sát việc thực hiện"),
    ]


def test_an_organ_of_the_council_is_an_assignee():
    text = "Ban Thường vụ Tỉnh ủy giao cho Đảng đoàn HĐND tỉnh lãnh đạo HĐND tỉnh ban hành nghị quyết."
    assert _pairs(find_directives(text, PROVINCE)) == [
        ("Đảng đoàn HĐND tỉnh", "lãnh đạo HĐND tỉnh ban hành nghị quyết")
    ]


def test_a_long_page_of_long_sentences():
    text = ("Ban Thường vụ Tỉnh ủy đồng ý, giao UBND tỉnh " + "rà soát, " * 200 + "báo cáo. ") * 300
    assert len(find_directives(text, PROVINCE)) == 300
    assert len(find_conclusions(text)) == 1  # the same decision told 300 times is one


def test_a_listed_instruction_one_directive_per_item():
    text = (
        "Phát biểu kết luận hội nghị, đồng chí Bí thư Tỉnh ủy yêu cầu:\n"
        "- Các cấp ủy, tổ chức đảng tập trung lãnh đạo hoàn thành chỉ tiêu năm 2024.\n"
        "- UBND tỉnh chỉ đạo đẩy nhanh giải ngân vốn đầu tư công.\n"
        "Ban Thường vụ Tỉnh ủy đề nghị các sở, ngành:\n"
        "- Tập trung tháo gỡ khó khăn cho doanh nghiệp.\n"
        "- Hoàn thành quy hoạch trước ngày 30/6/2024.\n"
        "Tin liên quan:\n"
        "- Ban Thường vụ Tỉnh ủy làm việc với UBND tỉnh"
    )
    found = find_directives(text, PROVINCE, held="2024-03-01")
    assert _pairs(found) == [
        ("Các cấp ủy, tổ chức đảng", "tập trung lãnh đạo hoàn thành chỉ tiêu năm 2024"),
        ("UBND tỉnh", "chỉ đạo đẩy nhanh giải ngân vốn đầu tư công"),
        ("các sở, ngành", "Tập trung tháo gỡ khó khăn cho doanh nghiệp"),
        ("các sở, ngành", "Hoàn thành quy hoạch trước ngày 30/6/2024"),
    ]
    assert found[-1]["deadline"] == "2024-06-30"
