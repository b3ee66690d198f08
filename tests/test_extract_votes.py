"""Reported votes: shares in favour written before or after the subject, counts, and ratings by ballot."""

import pytest

from hoinghi.ingest.clauses import read_article
from hoinghi.ingest.votes import find_votes as votes_of


def find_votes(text):
    return votes_of(read_article(text))


@pytest.mark.parametrize(
    ("sentence", "subject", "percent"),
    [
        (
            "Hội nghị đã biểu quyết thông qua Nghị quyết về nhiệm vụ năm 2024 với 100% đại biểu có mặt tán thành.",
            "thông qua Nghị quyết về nhiệm vụ năm 2024",
            100,
        ),
        (
            "HĐND tỉnh đã thông qua Nghị quyết về bảng giá đất với 48/50 đại biểu có mặt tán thành.",
            "thông qua Nghị quyết về bảng giá đất",
            96,
        ),
        (
            "Kỳ họp thông qua Nghị quyết về chính sách hỗ trợ giáo viên với 47/47 đại biểu tán thành, đạt 100%.",
            "thông qua Nghị quyết về chính sách hỗ trợ giáo viên",
            100,
        ),
        (
            "Hội nghị đã bầu đồng chí Nguyễn Văn Hải giữ chức Phó Bí thư Huyện ủy với 100% số phiếu.",
            "bầu Phó Bí thư Huyện ủy đối với Nguyễn Văn Hải",
            100,
        ),
        (
            "HĐND thành phố miễn nhiệm chức danh Phó Chủ tịch UBND thành phố với tỷ lệ 98,5% đại biểu tán thành.",
            "miễn nhiệm chức danh Phó Chủ tịch UBND thành phố",
            98.5,
        ),
        (
            "Kết quả có 95% Ủy viên Ban Chấp hành Đảng bộ huyện nhất trí giới thiệu nhân sự bầu Chủ tịch UBND huyện.",
            "giới thiệu nhân sự bầu Chủ tịch UBND huyện",
            95,
        ),
        (
            "Hội nghị bầu đồng chí Đỗ Minh Tuấn giữ chức Bí thư Thị ủy với số phiếu tán thành đạt 100%.",
            "bầu đồng chí Đỗ Minh Tuấn giữ chức Bí thư Thị ủy",
            100,
        ),
        (
            "Kỳ họp đã thông qua Nghị quyết về biên chế công chức, 45/45 đại biểu có mặt tán thành.",
            "thông qua Nghị quyết về biên chế công chức",
            100,
        ),
        (
            "Các đại biểu biểu quyết nhất trí thông qua chương trình kỳ họp với 2/3 đại biểu tán thành.",
            "thông qua chương trình kỳ họp",
            66.67,
        ),
        (  # the share after the office, or said first
            "Ông Vũ Đình Lâm trúng cử Phó Chủ tịch UBND huyện với 31/33 phiếu bầu.",
            "bầu Phó Chủ tịch UBND huyện đối với Vũ Đình Lâm",
            93.94,
        ),
        (
            "Với 96,5% số phiếu, bà Lường Thị Mai được bầu làm Trưởng Ban Pháp chế HĐND tỉnh.",
            "bầu Trưởng Ban Pháp chế HĐND tỉnh đối với Lường Thị Mai",
            96.5,
        ),
    ],
)
def test_share_in_favour_and_subject(sentence, subject, percent):
    [vote] = find_votes(sentence)
    assert (vote["subject"], vote["percent_for"]) == (subject, percent)
    assert vote["method"] is None


def test_result_in_the_next_sentence_takes_the_ballot_named_before():
    text = (
        "HĐND huyện biểu quyết thông qua Nghị quyết về dự toán ngân sách năm 2025. "
        "Kết quả, 30/32 đại biểu có mặt tán thành, đạt 93,75%."
    )
    [vote] = find_votes(text)
    assert (vote["subject"], vote["percent_for"]) == ("thông qua Nghị quyết về dự toán ngân sách năm 2025", 93.75)
    assert vote["result_text"] == "30/32 đại biểu có mặt tán thành"


def test_a_passive_result_names_what_was_voted_on_before_được():
    text = (
        "Kỳ họp đã thông qua 20 nghị quyết. Trong đó, Nghị quyết về chính sách hỗ trợ người lao động được "
        "100% đại biểu có mặt biểu quyết tán thành."
    )
    [vote] = find_votes(text)
    assert (vote["subject"], vote["percent_for"]) == ("Nghị quyết về chính sách hỗ trợ người lao động", 100)


def test_a_result_written_first_names_the_ballot_after_it():
    [vote] = find_votes("Với 52/52 đại biểu có mặt tán thành, HĐND tỉnh đã thông qua Nghị quyết về biên chế năm 2025.")
    assert (vote["subject"], vote["percent_for"]) == ("thông qua Nghị quyết về biên chế năm 2025", 100)


def test_open_vote_by_show_of_hands():
    [vote] = find_votes("Các đại biểu biểu quyết bằng hình thức giơ tay, 100% đồng ý thông qua chương trình kỳ họp.")
    assert (vote["subject"], vote["method"], vote["percent_for"]) == ("thông qua chương trình kỳ họp", "open", 100)


def test_secret_ballot_said_in_an_earlier_sentence_of_the_paragraph():
    text = (
        "Hội nghị tiến hành bỏ phiếu kín giới thiệu nhân sự. "
        "Hội nghị đã bầu bổ sung đồng chí Lê Thị Hoa vào Ban Thường vụ Thành ủy với 97% số phiếu tán thành."
    )
    [vote] = find_votes(text)
    assert vote["method"] == "secret"
    assert vote["subject"] == "bầu bổ sung đồng chí Lê Thị Hoa vào Ban Thường vụ Thành ủy"
    assert vote["result_text"] == "97% số phiếu tán thành"


def test_yearly_rating_by_secret_ballot_one_vote_per_rated_group():
    text = (
        "Ban Thường vụ Huyện ủy đã bỏ phiếu kín đánh giá, xếp loại tập thể Ban Thường vụ Huyện ủy năm 2023 "
        "đạt mức hoàn thành xuất sắc nhiệm vụ; 5 đồng chí Ủy viên Ban Thường vụ Huyện ủy đạt mức hoàn thành "
        "xuất sắc nhiệm vụ, số còn lại hoàn thành tốt nhiệm vụ."
    )
    votes = find_votes(text)
    assert [(v["subject"], v["method"], v["percent_for"]) for v in votes] == [
        ("đánh giá, xếp loại tập thể Ban Thường vụ Huyện ủy năm 2023", "secret", None),
        ("đánh giá, xếp loại 5 đồng chí Ủy viên Ban Thường vụ Huyện ủy", "secret", None),
    ]
    assert votes[1]["result_text"] == (
        "5 đồng chí Ủy viên Ban Thường vụ Huyện ủy đạt mức hoàn thành xuất sắc nhiệm vụ, "
        "số còn lại hoàn thành tốt nhiệm vụ"
    )


def test_rating_announced_after_a_colon():
    [vote] = find_votes("Kết quả bỏ phiếu kín: tập thể Ban Thường vụ Thành ủy được xếp loại “Hoàn thành tốt nhiệm vụ”.")
    assert vote["subject"] == "đánh giá, xếp loại tập thể Ban Thường vụ Thành ủy"
    assert vote["result_text"] == "tập thể Ban Thường vụ Thành ủy được xếp loại “Hoàn thành tốt nhiệm vụ"
    assert (vote["method"], vote["percent_for"]) == ("secret", None)


@pytest.mark.parametrize(
    "sentence",
    [
        "Tỷ lệ giải ngân vốn đầu tư công đạt 100% kế hoạch.",
        "Thu hút 12 doanh nghiệp với 100% vốn nước ngoài.",
        "Hội nghị thông qua chủ trương đầu tư dự án với 100% vốn ngân sách tỉnh.",
        "Kết quả, 100% đại biểu có mặt tán thành.",
        "Năm 2023, Đảng bộ huyện được xếp loại hoàn thành tốt nhiệm vụ.",
        "Kỳ họp đã thông qua 12 nghị quyết với tỷ lệ tán thành cao.",
        "Hội nghị sẽ tiến hành bỏ phiếu kín đánh giá, xếp loại cán bộ.",
    ],
)
def test_no_vote_without_a_reported_result(sentence):
    assert find_votes(sentence) == []


# --- the issue's wordings: results without a share, shares said other ways (sentences written for the tests) ---
@pytest.mark.parametrize(
    ("text", "subject_words", "percent", "method"),
    [
        (
            "Bằng bỏ phiếu kín, 38/40 đại biểu có mặt đã thống nhất bầu ông Vương Đình Khải giữ chức Phó Chủ tịch "
            "UBND huyện.",
            "bầu Phó Chủ tịch UBND huyện đối với Vương Đình Khải",
            95,
            "secret",
        ),
        (
            "Kỳ họp thông qua Nghị quyết về phí tham quan các điểm du lịch và được 100% đại biểu nhất trí tán thành.",
            "Nghị quyết về phí tham quan",
            100,
            None,
        ),
        (
            "HĐND huyện thông qua Nghị quyết về biên chế với 29/31 đại biểu tán thành, tương đương 93,5%.",
            "Nghị quyết về biên chế",
            93.5,
            None,
        ),
        (
            "Kỳ họp biểu quyết miễn nhiệm Phó Chủ tịch UBND huyện đối với ông Lục Văn Thành.",
            "miễn nhiệm Phó Chủ tịch UBND huyện đối với Lục Văn Thành",
            None,
            None,
        ),
        (
            "Bà Quan Thị Mến, Trưởng Ban Dân vận Huyện ủy, được bầu làm Chủ tịch Ủy ban MTTQ huyện.",
            "bầu Chủ tịch Ủy ban MTTQ huyện đối với Quan Thị Mến",
            None,
            None,
        ),
        (
            "Các đại biểu đã biểu quyết thông qua Nghị quyết về kế hoạch đầu tư công năm 2026.",
            "thông qua Nghị quyết về kế hoạch đầu tư công năm 2026",
            None,
            None,
        ),
    ],
)
def test_ballots_the_issue_lists(text, subject_words, percent, method):
    [vote] = find_votes(text)
    assert subject_words in vote["subject"]
    assert (vote["percent_for"], vote["method"]) == (percent, method)


def test_one_election_told_in_the_sapo_and_again_in_the_body_is_one_vote():
    text = (
        "Ông Đào Văn Tiến tái đắc cử Chủ tịch HĐND huyện, còn bà Mạc Thị Duyên được bầu làm Chủ tịch UBND huyện.\n"
        "Ông Đào Văn Tiến, Chủ tịch HĐND huyện khóa trước, tiếp tục được bầu làm Chủ tịch HĐND huyện nhiệm kỳ mới. "
        "Bà Mạc Thị Duyên được bầu làm Chủ tịch UBND huyện với 27/28 đại biểu tán thành."
    )
    votes = find_votes(text)
    assert [(v["subject"].rsplit(" đối với ", 1)[1], v["percent_for"]) for v in votes] == [
        ("Đào Văn Tiến", None),
        ("Mạc Thị Duyên", 96.43),
    ]


def test_a_result_in_the_next_sentence_gives_its_share_to_the_dismissal_before():
    text = (
        "Tại kỳ họp, các đại biểu thống nhất miễn nhiệm Ủy viên UBND huyện đối với ông Lã Văn Hậu, nguyên Trưởng "
        "phòng Nội vụ, do nghỉ hưu. Kết quả biểu quyết đạt 100% đại biểu có mặt tán thành."
    )
    [vote] = find_votes(text)
    assert vote["subject"].startswith("miễn nhiệm Ủy viên UBND huyện")
    assert vote["percent_for"] == 100


@pytest.mark.parametrize(
    "text",
    [
        "Chiều 11/12, HĐND thành phố bế mạc kỳ họp với việc thông qua 30 nghị quyết.",
        "Ông Kiều Văn Lâm tặng hoa chúc mừng các đại biểu vừa được bầu.",
        "Kỳ họp thực hiện quy trình bầu đồng chí Lò Văn Pấng giữ chức Chủ tịch UBND huyện.",
        "Tiếp đó, HĐND huyện bầu Chủ tịch UBND huyện, các Phó Chủ tịch UBND huyện nhiệm kỳ mới.",
        "Có 49/50 đại biểu tham gia bỏ phiếu kín.",
    ],
)
def test_no_vote_where_no_result_is_reported(text):
    assert find_votes(text) == []


def test_an_elections_office_named_with_the_ballot_before_its_result():
    text = "Kỳ họp bỏ phiếu kín bầu bổ sung Ủy viên UBND tỉnh. Kết quả, ông Đinh Công Sơn trúng cử với 97,2% số phiếu."
    [vote] = find_votes(text)
    assert (vote["subject"], vote["percent_for"], vote["method"]) == (
        "bầu bổ sung Ủy viên UBND tỉnh đối với Đinh Công Sơn",
        97.2,
        "secret",
    )
