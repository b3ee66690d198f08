"""The conclusion notice (Thông báo kết luận) as a DOCX laid out per Hướng dẫn 36-HD/VPTW."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from docx.shared import Mm

from hoinghi.core import audit
from hoinghi.core import docx_layout as layout
from hoinghi.core.docx_layout import CENTER, JUSTIFY, paragraph
from hoinghi.core.text import trim
from hoinghi.directives.review import Line, review
from hoinghi.directives.transfer import as_given

from . import wording
from .outline import ItemOutline, MeetingRecord, load_record

CLOSING = "thông báo để các cấp ủy, tổ chức đảng, cơ quan, đơn vị liên quan biết, thực hiện."


@dataclass(frozen=True)
class NoticeOptions:
    """What the office chooses for a notice: its date, who signs it, who receives it, whether it reviews the
    directives of earlier meetings."""

    dated: datetime.date
    heading: str  # "T/M BAN THƯỜNG VỤ"
    signer_title: str  # "BÍ THƯ"
    signer_name: str
    recipients: tuple[str, ...]  # names only: the layout adds "- " and the punctuation
    include_review: bool = False


def default_options(meeting, today: datetime.date) -> NoticeOptions:
    """The form's proposal: dated today but never before the meeting; the first chair signs for the body; the
    lead and coordinating units of the meeting's directives, the body's members and the office's file receive it."""
    record = load_record(meeting)
    signer = record.chairs[0] if record.chairs else None
    position = signer.signing_position(record.organization) if signer else None
    return NoticeOptions(
        dated=max(today, record.day),
        heading=heading_choices(record)[0],
        signer_title=wording.signer_title(position.title, record.organization_short_name) if position else "",
        signer_name=signer.person.full_name if signer else "",
        recipients=tuple(_recipients(record)),
    )


def heading_choices(record: MeetingRecord) -> list[str]:
    """ "T/M BAN THƯỜNG VỤ" / "T/M TỈNH ỦY": the body's own heading first."""
    body, short = record.body, record.organization_short_name
    choices = [
        wording.signature_heading(body.signature_heading, body.kind, short),
        wording.signature_heading("", "standing_committee", short),
        wording.signature_heading("", "", short),
    ]
    return list(dict.fromkeys(choices))


def earlier_directives(meeting, day: datetime.date) -> list[Line]:
    """The directives of earlier meetings still open or closed since the last one; those of confidential items
    stay in the room."""
    return review(meeting, public_only=True, today=day).lines


def build_notice_docx(meeting, reference: str, options: NoticeOptions, *, issued: bool = False) -> bytes:
    """The notice of `meeting`, numbered `reference` ("12-TB/TU"), as `options` say; when `issued`, with the
    audit log's verification code."""
    record = load_record(meeting)
    issued_on = options.dated
    earlier = earlier_directives(meeting, issued_on) if options.include_review else []
    doc = layout.new_document()
    _header(doc, record, reference, issued_on)
    _title(doc, record)
    paragraph(doc, _opening(record), align=JUSTIFY, indent=True)
    for number, outline in enumerate(record.reported, start=1):
        _section(doc, number, outline)
    for poll in record.polls:
        poll_paragraphs(doc, poll)
    if earlier:
        _review_section(doc, len(record.reported) + 1, record, earlier)
    paragraph(doc, f"{record.body.name} {CLOSING}", align=JUSTIFY, indent=True)
    _recipients_and_signature(doc, options)
    if issued:
        verification_code(doc, "notice")
    return layout.to_bytes(doc)


def party_header(doc, organization, day: datetime.date):
    """The heading of HD36: the Party's name and the place and date on the right; returns the left
    cell, where each document names its issuer."""
    left, right = layout.borderless_table(doc, [Mm(75), Mm(90)]).rows[0].cells
    paragraph(right, "ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, underline=True, size=15, align=CENTER, space_after=12)
    date_line = wording.hd36_date(day)
    place = organization.place_name
    date_line = f"{place}, {date_line}" if place else date_line.capitalize()
    paragraph(right, date_line, italic=True, align=CENTER, space_after=0)
    return left


def _header(doc, record: MeetingRecord, reference: str, issued_on: datetime.date) -> None:
    left = party_header(doc, record.organization, issued_on)
    paragraph(left, record.organization.name.upper(), bold=True, align=CENTER, space_after=0)
    paragraph(left, "*", align=CENTER, space_after=0)
    paragraph(left, f"Số {reference}", align=CENTER, space_after=0)
    # The opening names every item heard: the most restricted of them marks the notice.
    mark = wording.strongest_mark([outline.item.confidentiality for outline in record.items])
    if mark:
        paragraph(left, mark, bold=True, align=CENTER, space_after=0)


def _title(doc, record: MeetingRecord) -> None:
    subject = f"kết luận của {record.body.name} tại {record.sitting}"
    if not record.meeting.number:
        subject += f" ngày {wording.full_date(record.day)}"
    paragraph(doc, "")
    paragraph(doc, "THÔNG BÁO", bold=True, size=15, align=CENTER, space_after=0)
    paragraph(doc, subject, bold=True, align=CENTER, space_after=0)
    paragraph(doc, "-----", align=CENTER)


def _chaired_by(record: MeetingRecord) -> str:
    names = []
    for chair in record.chairs:
        position = chair.signing_position(record.organization)
        names.append(f"{chair.person.full_name}, {position.title}" if position else chair.person.full_name)
    if not names:
        return ""
    who = f"đồng chí {names[0]}" if len(names) == 1 else f"các đồng chí: {'; '.join(names)}"
    return f" dưới sự chủ trì của {who},"


def _opening(record: MeetingRecord) -> str:
    meeting, body = record.meeting, record.body.name
    where = f", tại {meeting.place}" if meeting.place else ""
    heard = "; ".join(trim(outline.item.title) for outline in record.items)
    return (
        f"Ngày {wording.full_date(record.day)}{where}, {body} (khóa {meeting.term.ordinal}) tổ chức {record.sitting}"
        f"{_chaired_by(record)} nghe báo cáo và cho ý kiến về: {heard}. Sau khi thảo luận, {body} kết luận như sau:"
    )


def directive_text(directive) -> str:
    given = as_given(directive)
    coordinating = [org.name for org in given.coordinating]
    return wording.directive_phrase(given.lead.name, coordinating, directive.content, given.deadline)


def poll_paragraphs(doc, poll) -> None:
    """A published poll's result (see Poll.summary_lines): its heading, then one indented line each."""
    heading, *lines = poll.summary_lines()
    paragraph(doc, heading, align=JUSTIFY, indent=True)
    for line in lines:
        paragraph(doc, f"- {line}", align=JUSTIFY, indent=True)


def _section(doc, number: int, outline: ItemOutline) -> None:
    paragraph(doc, f"{number}. {trim(outline.item.title)}", bold=True, align=JUSTIFY, indent=True)
    text = outline.conclusion.text if outline.conclusion else ""
    for line in filter(None, (line.strip() for line in text.splitlines())):
        paragraph(doc, line, align=JUSTIFY, indent=True)
    for poll in outline.polls:
        poll_paragraphs(doc, poll)
    for directive in outline.directives:
        paragraph(doc, f"- {directive_text(directive)}.", align=JUSTIFY, indent=True)


def _review_section(doc, number: int, record: MeetingRecord, earlier: list[Line]) -> None:
    heading = f"{number}. Về tình hình thực hiện các nhiệm vụ {record.body.name} giao tại các hội nghị trước"
    paragraph(doc, heading, bold=True, align=JUSTIFY, indent=True)
    for line in earlier:
        directive = line.directive
        meeting = directive.conclusion.item.meeting
        sitting = wording.sitting_name(meeting.number, meeting.title, record.body.name, meeting.kind, record.body.kind)
        state = wording.directive_state(
            directive.status, line.split, line.days_late, directive.done_on, directive.status_reason
        )
        day = wording.full_date(timezone.localdate(meeting.starts_at))
        text = f"- {directive_text(directive)} (giao tại {sitting} ngày {day}): {state}."
        paragraph(doc, text, align=JUSTIFY, indent=True)


def _recipients(record: MeetingRecord) -> list[str]:
    units = {}
    for directive in (d for outline in record.concluded for d in outline.directives):
        given = as_given(directive)
        units.setdefault(given.lead.pk, given.lead.name)
        for organization in given.coordinating:
            units.setdefault(organization.pk, organization.name)
    code = record.organization.document_code
    office = f"VP{code}" if code else f"Văn phòng {record.organization_short_name}"
    return [*units.values(), f"Các đồng chí Ủy viên {record.body.name}", f"Lưu {office}"]


def recipient_lines(names) -> list[str]:
    """HD36's list: one recipient a line, "- " before, a comma after, a full stop after the last."""
    names = [name for name in (wording.bare_recipient(name) for name in names) if name]
    return [f"- {name}{'.' if n == len(names) - 1 else ','}" for n, name in enumerate(names)]


def _recipients_and_signature(doc, options: NoticeOptions) -> None:
    paragraph(doc, "")
    table = layout.borderless_table(doc, [Mm(80), Mm(85)])
    layout.keep_together(table)  # the recipients and the signature on one page, never the name alone on the next
    left, right = table.rows[0].cells
    # HD36: "Nơi nhận:" small, bold and italic at the bottom left; the recipients smaller still.
    paragraph(left, "Nơi nhận:", bold=True, italic=True, size=12, space_after=0)
    for line in recipient_lines(options.recipients):
        paragraph(left, line, size=11, space_after=0)
    signature(right, [options.heading, options.signer_title.upper()], options.signer_name)


def verification_code(doc, reason: str) -> None:
    """The audit log's head as this document is issued, printed last: `hoinghi audit verify --code` shows that a
    paper copy proves the log up to that event and date, and that nothing before it was rewritten since."""
    if code := audit.issue_head(reason):
        paragraph(doc, f"Mã xác minh nhật ký: {code}", italic=True, size=9, space_after=0)


def signature(cell, headings: list[str], name: str) -> None:
    """The signing block: the headings, room for the hand-written signature, the signer's name."""
    for line in headings:
        paragraph(cell, line, bold=True, align=CENTER, space_after=0)
    for _blank in range(4):
        paragraph(cell, "", space_after=0)
    paragraph(cell, name, bold=True, align=CENTER, space_after=0)
