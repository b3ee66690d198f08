"""Poll results in the meeting's documents: their wording, the vote-count record (DOCX), the conclusion
notice and the news draft, read back from the files."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document
from docx.oxml.ns import qn

from hoinghi.meetings import services as meetings
from hoinghi.meetings.models import Participant
from hoinghi.records import issue
from hoinghi.records import permissions as record_perm
from hoinghi.records.news import news_draft
from hoinghi.records.vote_count import build_count_record
from hoinghi.voting import board, services, wording
from hoinghi.voting.rules import DEFAULT_RULES, Base, Kind
from hoinghi.voting.tally import tally_counts
from tests.voting_helpers import close_poll, ready_board

QUESTION = "Thông qua Nghị quyết chuyên đề về chuyển đổi số"
WITHHELD = "Thông qua Quy chế làm việc"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def sitting(world):
    """A meeting in progress, its three members present."""
    office = world.users["office"]
    meeting = world.meeting(number=36)
    item = world.item(meeting)
    meetings.check_take_step(office, meeting, "schedule")
    meetings.check_take_step(world.users["chair"], meeting, "start")
    for seat in meeting.participants.filter(is_member=True):
        meetings.check_record_attendance(office, seat, Participant.Attendance.PRESENT)
    return meeting, item


def run(world, meeting, *, title, kind, ballots, subjects=(), item=None, method="secret", publish=True):
    """A poll through the services: created, opened, cast ({user key: marks in subject order}), closed."""
    poll = services.check_create_poll(
        world.users["office"], meeting, title=title, kind=kind, method=method, subjects=list(subjects), item=item
    )
    chair = world.users["chair"]
    if method == "secret":
        ready_board(poll)
    poll = services.check_open_poll(chair, poll)
    ids = [str(pk) for pk in poll.subjects.values_list("pk", flat=True)]
    for voter, marks in ballots.items():
        services.cast(world.users[voter], poll, dict(zip(ids, marks, strict=True)), services.new_token())
    poll = close_poll(world, poll)
    return services.check_publish_poll(chair, poll) if publish else poll


def read(content: bytes) -> tuple[list[str], list[list[list[str]]]]:
    """The paragraphs' text, and each table as rows of cell texts."""
    doc = Document(io.BytesIO(content))
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in doc.tables]
    return [p.text for p in doc.paragraphs], tables


def result_of(kind, counts, *, convened, returned):
    rule = DEFAULT_RULES[kind]
    return tally_counts(
        kind, list(counts), counts, rule, convened=convened, present=convened, returned=returned, valid=returned
    )


# The wording


def test_numbers_take_a_decimal_comma_and_dots_between_thousands():
    assert wording.percent(90) == "90,00%"
    assert wording.percent(66.67) == "66,67%"
    assert wording.percent(0) == "0,00%"
    assert wording.number(1234567) == "1.234.567"


def test_the_rule_in_words():
    assert wording.rule_phrase([1, 2], True, Base.CONVENED) == "quá một nửa tổng số thành viên được triệu tập"
    assert wording.rule_phrase([2, 3], False, Base.PRESENT) == "ít nhất hai phần ba số thành viên có mặt"
    assert wording.rule_phrase([3, 5], True, Base.VALID) == "quá 3/5 số phiếu hợp lệ"


def test_a_candidate_gets_the_share_of_the_members_convened_and_the_outcome():
    result = result_of(Kind.CANDIDATES, {"7": {"yes": 45, "no": 5}}, convened=50, returned=50)
    assert wording.subject_sentence("Đồng chí X", result["subjects"][0], result, "secret") == (
        "Đồng chí X: 45/50 phiếu đồng ý (90,00% tổng số thành viên được triệu tập), 5 phiếu không đồng ý (10,00%) "
        "— thông qua."
    )


def test_exactly_half_of_the_members_convened_does_not_pass():
    # 25 of 50 returned agree: half of those convened, which is not more than half.
    result = result_of(Kind.CANDIDATES, {"7": {"yes": 25}}, convened=50, returned=40)
    assert wording.subject_sentence("Đồng chí X", result["subjects"][0], result, "secret") == (
        "Đồng chí X: 25/50 phiếu đồng ý (50,00% tổng số thành viên được triệu tập) — không thông qua."
    )


def test_a_rating_names_the_level_reached():
    result = result_of(Kind.RATING, {"1": {"excellent": 2, "good": 3, "completed": 1}}, convened=8, returned=6)
    assert wording.subject_sentence("Tập thể", result["subjects"][0], result, "secret") == (
        "Tập thể: 2/6 phiếu hoàn thành xuất sắc nhiệm vụ (33,33% số phiếu thu về), 3 phiếu hoàn thành tốt nhiệm vụ "
        "(50,00%), 1 phiếu hoàn thành nhiệm vụ (16,67%) — đạt mức hoàn thành tốt nhiệm vụ."
    )


def test_an_empty_rating_reaches_no_level():
    result = result_of(Kind.RATING, {"1": {}}, convened=8, returned=0)
    assert wording.subject_sentence("Tập thể", result["subjects"][0], result, "secret") == (
        "Tập thể: 0/0 phiếu hoàn thành xuất sắc nhiệm vụ (0,00% số phiếu thu về) — không có mức nào đạt tỷ lệ quy định."
    )
    assert wording.outcome_label(result["subjects"][0]) == "Không có mức nào đạt tỷ lệ quy định"


def test_an_open_question_in_full():
    result = result_of(Kind.QUESTION, {"1": {"yes": 2, "no": 1}}, convened=3, returned=3)
    assert wording.summary_lines("open", f"{QUESTION}?", result, {"1": QUESTION}) == [
        f"Kết quả biểu quyết công khai {QUESTION[0].lower()}{QUESTION[1:]}:",
        "Tổng số thành viên được triệu tập 3, có mặt 3; số thành viên biểu quyết 3.",
        "Kết quả: 2/3 thành viên đồng ý (66,67% tổng số thành viên được triệu tập), 1 thành viên không đồng ý "
        "(33,33%) — thông qua.",
    ]


# The vote-count record


def test_count_record_of_a_candidates_poll(world, sitting):
    meeting, item = sitting
    subjects = [("Lê Thị Ủy", world.people["member"]), ("Phạm Văn Viên", world.people["member2"])]
    ballots = {"chair": ["yes", "no"], "member": ["yes", "yes"], "member2": ["yes", "no"]}
    poll = run(world, meeting, title="Giới thiệu nhân sự", kind=Kind.CANDIDATES, subjects=subjects, ballots=ballots)
    paragraphs, tables = read(build_count_record(poll))
    header, first, second, signature = tables
    assert "BAN KIỂM PHIẾU" in header[0][0] and "ĐẢNG CỘNG SẢN VIỆT NAM" in header[0][1]
    assert "BIÊN BẢN KIỂM PHIẾU" in paragraphs and "Giới thiệu nhân sự" in paragraphs
    # The default board: the members who do not chair the meeting first, the first of them its head.
    board = "Ban kiểm phiếu gồm: đồng chí Lê Thị Ủy, Trưởng ban; đồng chí Phạm Văn Viên, Ủy viên; đồng chí Trần Văn Chủ, Ủy viên."
    assert board in paragraphs
    for figure in ("Tổng số thành viên được triệu tập: 3.", "Số phiếu thu về: 3.", "Số phiếu không hợp lệ: 0."):
        assert f"- {figure}" in paragraphs
    assert "Nguyên tắc xác định kết quả: quá một nửa tổng số thành viên được triệu tập." in paragraphs
    assert ["1. Đồng chí Lê Thị Ủy", "2. Đồng chí Phạm Văn Viên"] == [p for p in paragraphs if p[:3] in ("1. ", "2. ")]
    assert first == [
        ["Phương án", "Số phiếu", "Tỷ lệ trên tổng số thành viên được triệu tập"],
        ["Đồng ý", "3", "100,00%"],
        ["Không đồng ý", "0", "0,00%"],
        ["Kết quả", "", "Thông qua"],
    ]
    assert second[1:] == [
        ["Đồng ý", "1", "33,33%"],
        ["Không đồng ý", "2", "66,67%"],
        ["Kết quả", "", "Không thông qua"],
    ]
    assert signature[0][1].split("\n")[0] == "TRƯỞNG BAN KIỂM PHIẾU"
    assert signature[0][1].split("\n")[-1] == "Lê Thị Ủy"


def test_count_record_of_a_rating_gives_the_level_reached(world, sitting):
    meeting, item = sitting
    ballots = {"chair": ["good", "excellent"], "member": ["good", "excellent"], "member2": ["completed", "good"]}
    subjects = [("Tập thể Ban Thường vụ Tỉnh ủy", None), ("Lê Thị Ủy", world.people["member"])]
    poll = run(world, meeting, title="Xếp loại năm 2020", kind=Kind.RATING, subjects=subjects, ballots=ballots)
    paragraphs, (_header, collective, member, _signature) = read(build_count_record(poll))
    assert collective[0][2] == "Tỷ lệ trên số phiếu thu về"
    assert collective[1:] == [
        ["Hoàn thành xuất sắc nhiệm vụ", "0", "0,00%"],
        ["Hoàn thành tốt nhiệm vụ", "2", "66,67%"],
        ["Hoàn thành nhiệm vụ", "1", "33,33%"],
        ["Không hoàn thành nhiệm vụ", "0", "0,00%"],
        ["Mức đạt được", "", "Hoàn thành tốt nhiệm vụ"],
    ]
    assert member[-1] == ["Mức đạt được", "", "Hoàn thành xuất sắc nhiệm vụ"]
    assert any(p.startswith("Nguyên tắc xác định kết quả: mỗi đối tượng đạt mức cao nhất") for p in paragraphs)


def test_count_record_of_a_paper_poll_uses_the_boards_figures(world, sitting):
    meeting, _item = sitting
    office = world.users["office"]
    office.first_name, office.last_name = "Nguyễn Thị", "Kiểm"
    office.save()
    poll = services.check_create_poll(office, meeting, title=QUESTION, kind=Kind.QUESTION, method="paper", subjects=[])
    # The office names the real board: two members, the chair of the meeting as its head.
    people = world.people
    board.check_set_board(
        office, poll, members=[people["member2"], people["chair"]], head=people["chair"], shares_required=2
    )
    poll = services.check_open_poll(world.users["chair"], poll)
    subject = str(poll.subjects.get().pk)
    counts = {subject: {"yes": 1, "no": 1}}
    services.check_enter_paper_tally(office, poll, issued=3, returned=3, valid=2, invalid=1, counts=counts)
    poll = services.check_close_poll(world.users["chair"], poll)
    paragraphs, tables = read(build_count_record(poll))
    for figure in ("Số phiếu phát ra: 3.", "Số phiếu hợp lệ: 2.", "Số phiếu không hợp lệ: 1."):
        assert f"- {figure}" in paragraphs
    assert "Ban kiểm phiếu gồm: đồng chí Trần Văn Chủ, Trưởng ban; đồng chí Phạm Văn Viên, Ủy viên." in paragraphs
    assert tables[-1][0][1].split("\n")[-1] == "Trần Văn Chủ"
    # One of three convened is not more than half: a closed poll has its record before it is published.
    assert tables[1][1] == ["Đồng ý", "1", "33,33%"] and tables[1][-1] == ["Kết quả", "", "Không thông qua"]


def test_no_count_record_before_the_close(world, sitting):
    meeting, _item = sitting
    poll = services.check_create_poll(
        world.users["office"], meeting, title=QUESTION, kind=Kind.QUESTION, method="secret", subjects=[]
    )
    with pytest.raises(ValidationError):
        build_count_record(poll)
    ready_board(poll)
    poll = services.check_open_poll(world.users["chair"], poll)
    with pytest.raises(ValidationError):
        build_count_record(poll)
    poll = services.check_close_poll(world.users["chair"], poll)
    assert poll.awaiting_board
    with pytest.raises(ValidationError):  # closed, awaiting the board's shares: not counted yet
        build_count_record(poll)


# The notice and the news draft


def held_with_polls(world, sitting, *, confidential=False):
    """A closed meeting: a published poll on the item and one on the whole meeting, one left unpublished."""
    meeting, item = sitting
    yes = {voter: ["yes"] for voter in ("chair", "member", "member2")}
    run(world, meeting, title=f"{QUESTION}?", kind=Kind.QUESTION, ballots=yes, item=item)
    run(world, meeting, title=WITHHELD, kind=Kind.QUESTION, ballots=yes, item=item, publish=False)
    run(world, meeting, title="Thông qua chương trình Hội nghị", kind=Kind.QUESTION, ballots=yes, method="open")
    if confidential:
        meetings.check_update_item(world.users["office"], item, confidentiality="secret")
    heard = world.item(meeting, title="Báo cáo tình hình kinh tế - xã hội")
    meetings.check_record_conclusion(world.users["chair"], heard, "noted", "Ban Thường vụ Tỉnh ủy cho ý kiến.")
    meetings.check_take_step(world.users["chair"], meeting, "close")
    return meeting


RESULT = "Kết quả: 3/3 phiếu đồng ý (100,00% tổng số thành viên được triệu tập) — thông qua."
PUBLISHED = [
    f"Kết quả bỏ phiếu kín {QUESTION[0].lower()}{QUESTION[1:]}:",
    "Tổng số thành viên được triệu tập 3, có mặt 3; số phiếu thu về 3, hợp lệ 3.",
    RESULT,
]
MEETING_WIDE = [
    "Kết quả biểu quyết công khai thông qua chương trình Hội nghị:",
    "Tổng số thành viên được triệu tập 3, có mặt 3; số thành viên biểu quyết 3.",
    "Kết quả: 3/3 thành viên đồng ý (100,00% tổng số thành viên được triệu tập) — thông qua.",
]


def test_notice_lists_the_published_results_under_their_item(world, sitting):
    meeting = held_with_polls(world, sitting)
    paragraphs, _tables = read(issue.preview_conclusion_notice(meeting))
    start = paragraphs.index(f"1. {sitting[1].title}")
    assert paragraphs[start + 1 : start + 4] == [PUBLISHED[0], *(f"- {line}" for line in PUBLISHED[1:])]
    assert paragraphs[start + 4].startswith("2. Báo cáo tình hình kinh tế")
    end = paragraphs.index(MEETING_WIDE[0])
    assert paragraphs[end + 1 : end + 3] == [f"- {line}" for line in MEETING_WIDE[1:]]
    assert not any(WITHHELD.lower() in p.lower() for p in paragraphs)


def test_news_draft_tells_the_published_results(world, sitting):
    body = news_draft(held_with_polls(world, sitting))["body"]
    paragraphs = body.split("\n\n")
    assert " ".join(PUBLISHED) in paragraphs and " ".join(MEETING_WIDE) in paragraphs
    assert WITHHELD.lower() not in body.lower()


def test_a_result_on_a_secret_item_marks_the_notice_and_stays_out_of_the_news(world, sitting):
    meeting = held_with_polls(world, sitting, confidential=True)
    assert RESULT not in news_draft(meeting)["body"]
    issued = issue.check_issue_conclusion_notice(world.users["office"], meeting)
    with issued.file.open("rb") as handle:
        paragraphs, tables = read(handle.read())
    assert tables[0][0][0].split("\n")[-1] == "MẬT" and f"- {RESULT}" in paragraphs
    assert record_perm.is_confidential(issued)
    _paragraphs, tables = read(build_count_record(sitting[1].polls.get(status="published")))
    assert tables[0][0][0].split("\n")[-1] == "MẬT"


def test_reading_the_record_takes_the_same_queries_for_more_polls(world, sitting):
    meeting, item = sitting
    yes = {voter: ["yes"] for voter in ("chair", "member", "member2")}
    run(world, meeting, title="Thông qua lần một", kind=Kind.QUESTION, ballots=yes, item=item)
    counts = []
    for more in ("Thông qua lần hai", "Thông qua lần ba"):
        with CaptureQueriesContext(connection) as queries:
            news_draft(meeting)
        counts.append(len(queries))
        other = world.item(meeting, title=more)
        run(world, meeting, title=more, kind=Kind.QUESTION, ballots=yes, item=other)
    assert counts[0] == counts[1]


def test_a_confidence_vote_states_its_finding_and_the_rule():
    result = result_of(Kind.CONFIDENCE, {"1": {"high": 1, "low": 1}}, convened=2, returned=2)
    entry = result["subjects"][0]
    assert wording.subject_sentence("Đồng chí X", entry, result, "secret") == (
        "Đồng chí X: 1/2 phiếu tín nhiệm cao (50,00% số phiếu thu về), 1 phiếu tín nhiệm thấp (50,00%) — "
        "không quá một nửa số phiếu đánh giá tín nhiệm thấp."
    )
    result = result_of(Kind.CONFIDENCE, {"1": {"medium": 1, "low": 2}}, convened=3, returned=3)
    assert wording.outcome_label(result["subjects"][0]) == "Có từ hai phần ba số phiếu trở lên đánh giá tín nhiệm thấp"
    assert "96-QĐ/TW" in wording.CONFIDENCE_RULE and "số phiếu thu về" in wording.CONFIDENCE_RULE


def signature_blocks(table) -> list[list[str]]:
    """Each signature block of the record's last table: [heading, name] per cell that has one."""
    return [cell.text.split("\n")[::5] for row in table.rows for cell in row.cells if cell.text.strip("\n")]


@pytest.mark.parametrize("method", ["open", "secret", "paper"])
def test_every_member_of_the_board_signs_and_each_block_stays_on_one_page(world, sitting, method):
    meeting, _item = sitting
    office = world.users["office"]
    poll = services.check_create_poll(office, meeting, title=QUESTION, kind=Kind.QUESTION, method=method, subjects=[])
    people = world.people
    board.check_set_board(
        office,
        poll,
        members=[people["member"], people["member2"], people["chair"]],
        head=people["member2"],
        shares_required=2,
    )
    if method == "secret":
        ready_board(poll)
    poll = services.check_open_poll(world.users["chair"], poll)
    if method == "paper":
        counts = {str(poll.subjects.get().pk): {"yes": 3}}
        services.check_enter_paper_tally(office, poll, issued=3, returned=3, valid=3, invalid=0, counts=counts)
    else:
        subject = str(poll.subjects.get().pk)
        for name in ("chair", "member", "member2"):
            services.cast(world.users[name], poll, {subject: "yes"}, services.new_token())
    poll = close_poll(world, poll) if method == "secret" else services.check_close_poll(world.users["chair"], poll)
    doc = Document(io.BytesIO(build_count_record(poll)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert (
        "Ban kiểm phiếu gồm: đồng chí Phạm Văn Viên, Trưởng ban; đồng chí Lê Thị Ủy, Ủy viên; đồng chí Trần Văn Chủ, Ủy viên."
        in text
    )
    signatures = doc.tables[-1]
    # The board named for the poll signs, its head on the right; never the office's login.
    assert signature_blocks(signatures) == [
        ["ỦY VIÊN BAN KIỂM PHIẾU", "Lê Thị Ủy"],
        ["TRƯỞNG BAN KIỂM PHIẾU", "Phạm Văn Viên"],
        ["ỦY VIÊN BAN KIỂM PHIẾU", "Trần Văn Chủ"],
    ]
    assert "office" not in text + "".join(c.text for r in signatures.rows for c in r.cells)
    # No block is split across pages, and the blocks stay with each other and with the closing line.
    for row in signatures.rows:
        assert row._tr.trPr.find(qn("w:cantSplit")) is not None
    first_row = [p for cell in signatures.rows[0].cells for p in cell.paragraphs]
    assert all(p.paragraph_format.keep_with_next for p in first_row)
    closing = next(p for p in doc.paragraphs if p.text.startswith("Ban kiểm phiếu lập biên bản"))
    assert closing.paragraph_format.keep_with_next
    # Each subject's table stays on one page with its name.
    heading = next(p for p in doc.paragraphs if p.text.startswith("1. "))
    assert heading.paragraph_format.keep_with_next


def test_a_poll_without_a_board_leaves_the_names_to_be_written_by_hand(world, sitting):
    meeting, _item = sitting
    office = world.users["office"]
    office.first_name, office.last_name = "Nguyễn Thị", "Văn Phòng"
    office.save()
    poll = services.check_create_poll(office, meeting, title=QUESTION, kind=Kind.QUESTION, method="paper", subjects=[])
    poll = services.check_open_poll(world.users["chair"], poll)
    counts = {str(poll.subjects.get().pk): {"yes": 2}}
    services.check_enter_paper_tally(office, poll, issued=3, returned=3, valid=2, invalid=1, counts=counts)
    poll = services.check_close_poll(world.users["chair"], poll)
    poll.board.all().delete()  # a poll counted before boards were named (migration)
    doc = Document(io.BytesIO(build_count_record(poll)))
    text = "\n".join(p.text for p in doc.paragraphs) + "".join(c.text for r in doc.tables[-1].rows for c in r.cells)
    assert "Ban kiểm phiếu gồm: ......" in text
    # Neither the clerk who typed the figures nor the chair is made to sign for a board that was not named.
    for name in ("Văn Phòng", "office", "Trần Văn Chủ"):
        assert name not in text
    assert signature_blocks(doc.tables[-1]) == [["ỦY VIÊN BAN KIỂM PHIẾU", ""], ["TRƯỞNG BAN KIỂM PHIẾU", ""]]
