"""The vote-count record (biên bản kiểm phiếu) of a closed poll, as a DOCX in the page of the Party's
documents (the conclusion notice's layout and heading)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from docx.shared import Mm, Pt

from hoinghi.core import docx_layout as layout
from hoinghi.core.docx_layout import CENTER, JUSTIFY, paragraph
from hoinghi.core.errors import invalid
from hoinghi.core.text import trim
from hoinghi.voting import wording
from hoinghi.voting.models import Poll
from hoinghi.voting.wording import BASE_NAMES, LEVEL_KINDS, METHOD_NAMES

from . import wording as record_wording
from .notice import party_header, signature, verification_code

COUNTED = (Poll.Status.CLOSED, Poll.Status.PUBLISHED)
COLUMNS = [Mm(80), Mm(30), Mm(55)]  # a subject's table: the longest option ("Hoàn thành xuất sắc nhiệm vụ") on one line


def build_count_record(poll: Poll) -> bytes:
    """The record of a closed or published poll; refused before the count."""
    poll = Poll.objects.select_related("meeting__body__organization", "meeting__term", "item").get(pk=poll.pk)
    if poll.status not in COUNTED or poll.result is None:
        invalid(_("The vote-count record is made once the ballots are counted."))
    paper = poll.paper_tallies.select_related("entered_by__person").first()
    board = _board(poll)
    day = timezone.localdate(poll.counted_at or poll.closed_at)
    doc = layout.new_document()
    _header(doc, poll, day)
    _title(doc, poll)
    for line in _facts(poll, day, board):
        paragraph(doc, line, align=JUSTIFY, indent=True)
    for line in _figures(poll, paper):
        paragraph(doc, f"- {line}", align=JUSTIFY, indent=True, space_after=0)
    paragraph(doc, f"Nguyên tắc xác định kết quả: {_rule(poll.result)}.", align=JUSTIFY, indent=True)
    paragraph(doc, "Kết quả kiểm phiếu như sau:", align=JUSTIFY, indent=True)
    subjects = {str(s.pk): s for s in poll.subjects.all()}
    for number, entry in enumerate(poll.result["subjects"], start=1):
        subject = subjects[entry["id"]]
        name = wording.subject_name(subject.label, subject.person_id is not None)
        heading = paragraph(doc, f"{number}. {name}", bold=True, align=JUSTIFY, indent=True)
        heading.paragraph_format.keep_with_next = True  # a subject's name on the page of its table
        _subject_table(doc, poll.result, entry, poll.method)
    paragraph(doc, "")
    closing = paragraph(doc, "Ban kiểm phiếu lập biên bản này để báo cáo Hội nghị.", align=JUSTIFY, indent=True)
    closing.paragraph_format.keep_with_next = True
    _signatures(doc, board)
    verification_code(doc, "vote_count")
    return layout.to_bytes(doc)


def _board(poll: Poll) -> list[str]:
    """The counting board's members, its head first, as the office named it for the poll. A poll made before the
    board was named has none: the record then leaves the names to be written by hand, rather than name the chair
    or the clerk who typed the paper count, who did not count."""
    seats = sorted(poll.board.select_related("person"), key=lambda seat: (not seat.is_head, seat.order))
    return [seat.person.full_name for seat in seats]


def _signatures(doc, board: list[str]) -> None:
    """Every member of the board signs: the head on the right of the first row, the others two to a row; each row
    a signature block that is never split across pages, and the blocks kept on one page with the closing line."""
    head, others = (board[0], board[1:]) if board else ("", [""])
    blocks = [("ỦY VIÊN BAN KIỂM PHIẾU", others[0] if others else None), ("TRƯỞNG BAN KIỂM PHIẾU", head)]
    blocks += [("ỦY VIÊN BAN KIỂM PHIẾU", name) for name in others[1:]]
    table = layout.borderless_table(doc, [Mm(82), Mm(83)])
    for number, (heading, name) in enumerate(blocks):
        if number % 2 == 0 and number:
            table.add_row()
        if name is not None:
            cell = table.rows[-1].cells[number % 2]
            signature(cell, [heading], name)
            if number > 1:  # room between a row of names and the headings below it
                cell.paragraphs[0].paragraph_format.space_before = Pt(18)
    layout.keep_together(table)


def _header(doc, poll: Poll, day) -> None:
    organization = poll.meeting.body.organization
    left = party_header(doc, organization, day)
    paragraph(left, organization.name.upper(), bold=True, align=CENTER, space_after=0)
    paragraph(left, "BAN KIỂM PHIẾU", bold=True, align=CENTER, space_after=0)
    paragraph(left, "*", align=CENTER, space_after=0)
    # A vote on a secret item is as secret as the item.
    if mark := record_wording.strongest_mark([poll.item.confidentiality] if poll.item else []):
        paragraph(left, mark, bold=True, align=CENTER, space_after=0)


def _title(doc, poll: Poll) -> None:
    paragraph(doc, "")
    paragraph(doc, "BIÊN BẢN KIỂM PHIẾU", bold=True, size=15, align=CENTER, space_after=0)
    paragraph(doc, trim(poll.title), bold=True, align=CENTER, space_after=0)
    paragraph(doc, "-----", align=CENTER)


def _facts(poll: Poll, day, board: list[str]) -> list[str]:
    meeting, body = poll.meeting, poll.meeting.body
    sitting = record_wording.sitting_name(meeting.number, meeting.title, body.name, meeting.kind, body.kind)
    where = f", tại {meeting.place}" if meeting.place else ""
    lines = [
        f"Ngày {record_wording.full_date(day)}{where}, {body.name} (khóa {meeting.term.ordinal}) tổ chức {sitting}.",
        f"Nội dung {METHOD_NAMES[poll.method]}: {trim(poll.title)}.",
    ]
    if poll.item:
        lines.append(f"Thuộc nội dung: {trim(poll.item.title)}.")
    if board:
        head, *others = board
        members = "".join(f"; đồng chí {name}, Ủy viên" for name in others)
        lines.append(f"Ban kiểm phiếu gồm: đồng chí {head}, Trưởng ban{members}.")
    else:
        lines.append("Ban kiểm phiếu gồm: " + "." * 60)  # not named in the application: written by hand
    return lines


def _figures(poll: Poll, paper) -> list[str]:
    result = poll.result
    figures = [("Tổng số thành viên được triệu tập", result["convened"]), ("Số thành viên có mặt", result["present"])]
    if poll.method == Poll.Method.OPEN:
        figures.append(("Số thành viên biểu quyết", result["returned"]))
        return [f"{label}: {wording.number(value)}." for label, value in figures]
    # An electronic ballot is handed to every member present.
    issued = paper.issued if paper else result["present"]
    invalid_count = paper.invalid if paper else result["returned"] - result["valid"]
    figures += [
        ("Số phiếu phát ra", issued),
        ("Số phiếu thu về", result["returned"]),
        ("Số phiếu hợp lệ", result["valid"]),
        ("Số phiếu không hợp lệ", invalid_count),
    ]
    return [f"{label}: {wording.number(value)}." for label, value in figures]


def _rule(result: dict) -> str:
    if result["kind"] == Poll.Kind.CONFIDENCE:
        return wording.CONFIDENCE_RULE
    if result["kind"] in LEVEL_KINDS:
        return wording.level_rule_phrase(result["share"], result["strict"], result["base"])
    return wording.rule_phrase(result["share"], result["strict"], result["base"])


def _subject_table(doc, result: dict, entry: dict, method: str) -> None:
    """Counts and percentages of each option, then the outcome or the level reached."""
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    table.autofit = False
    unit = wording.UNITS[method]
    _fill(table.rows[0], ["Phương án", f"Số {unit}", f"Tỷ lệ trên {BASE_NAMES[result['base']]}"], bold=True)
    for option in wording.options(result["kind"]):
        count, share = wording.number(entry["counts"][option]), wording.percent(entry["percent"][option])
        _fill(table.add_row(), [wording.option_label(option), count, share])
    heading = "Kết luận" if "finding" in entry else "Mức đạt được" if "level" in entry else "Kết quả"
    _fill(table.add_row(), [heading, "", wording.outcome_label(entry)])
    for column, width in zip(table.columns, COLUMNS, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width
    layout.keep_together(table)
    paragraph(doc, "", space_after=0)


def _fill(row, texts: list[str], bold=False) -> None:
    for position, (cell, text) in enumerate(zip(row.cells, texts, strict=True)):
        # A new cell holds one empty paragraph: write into it rather than below it.
        run = cell.paragraphs[0].add_run(text)
        run.bold = bold or None
        cell.paragraphs[0].alignment = CENTER if bold or position else None
