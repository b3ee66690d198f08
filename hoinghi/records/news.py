"""A news-article draft of the meeting, in the style of the office's published articles.

Items marked secret or top secret are news only as "một số nội dung khác": their titles, conclusions
and votes stay out of a text written for publication. Only published polls are news (see outline.py).
"""

from hoinghi.core import docx_layout as layout
from hoinghi.core.docx_layout import JUSTIFY, paragraph
from hoinghi.core.text import fold, lower_first, trim
from hoinghi.directives.transfer import as_given

from . import wording
from .outline import Chair, ItemOutline, MeetingRecord, load_record

VOTE_VERBS = {"open": "biểu quyết", "secret": "bỏ phiếu kín", "paper": "bỏ phiếu"}
OTHER_MATTERS = "một số nội dung khác"


def news_draft(meeting) -> dict:
    """{"title": ..., "body": ...}: plain text, paragraphs separated by a blank line."""
    record = load_record(meeting)
    public = [outline for outline in record.items if not outline.confidential]
    paragraphs = [_lead(record), _heard(record, public)]
    paragraphs += [_conclusion(record, outline) for outline in public if outline.conclusion]
    paragraphs += [_vote(record, vote) for outline in public for vote in outline.votes]
    polls = [poll for outline in public for poll in outline.polls] + record.polls
    paragraphs += [" ".join(poll.summary_lines()) for poll in polls]
    others = [outline for outline in public if not outline.conclusion]
    if others:
        listed = "; ".join(in_sentence(record, o.item.title) + _opinions(o) for o in others)
        paragraphs.append(f"Tại {record.noun}, {record.body.name} cũng cho ý kiến vào {listed}.")
    paragraphs.append(f"(Văn phòng {record.organization_short_name})")
    return {"title": _title(record), "body": "\n\n".join(p for p in paragraphs if p)}


def news_docx(draft: dict) -> bytes:
    doc = layout.new_document()
    paragraph(doc, draft["title"], bold=True, size=16)
    for text in draft["body"].split("\n\n"):
        paragraph(doc, text, align=JUSTIFY)
    return layout.to_bytes(doc)


def _title(record: MeetingRecord) -> str:
    meeting = record.meeting
    if meeting.number and record.body.kind == "council":
        return f"Kỳ họp thứ {meeting.number}, {record.body.name} khóa {meeting.term.ordinal}"
    if meeting.number:
        return f"Hội nghị {record.body.name} lần thứ {meeting.number}"
    return record.meeting.title


def _who(chair: Chair) -> str:
    titles = ", ".join(position.title for position in chair.positions)
    return f"{chair.person.full_name} - {titles}" if titles else chair.person.full_name


def _lead(record: MeetingRecord) -> str:
    meeting = record.meeting
    sentence = (
        f"Ngày {wording.day_month(record.day)}, {record.body.name} (khóa {meeting.term.ordinal}) đã tổ chức "
        f"{record.sitting} để nghe báo cáo và cho ý kiến đối với một số nội dung quan trọng."
    )
    chairs = [_who(chair) for chair in record.chairs]
    if len(chairs) == 1:
        separator = "," if record.chairs[0].positions else ""
        sentence += f" Đồng chí {chairs[0]}{separator} chủ trì {record.noun}."
    elif chairs:
        separator = "," if record.chairs[-1].positions else ""
        sentence += f" Các đồng chí: {'; '.join(chairs)}{separator} chủ trì {record.noun}."
    return sentence


def _known_names(record: MeetingRecord) -> list[str]:
    """The organizations and people of this record, whose names keep their capitals inside a sentence."""
    names = [record.body.name, record.organization.name, *(chair.person.full_name for chair in record.chairs)]
    for outline in record.items:
        item = outline.item
        names += [str(who) for who in (item.presenter_organization, item.presenter_person) if who]
        names += [as_given(directive).lead.name for directive in outline.directives]
    return names


def in_sentence(record: MeetingRecord, text: str) -> str:
    return wording.in_sentence(text, _known_names(record))


def _presenter(item) -> str:
    organization, person = item.presenter_organization, item.presenter_person
    titles = [position.title for position in person.active_positions] if person else []
    return wording.presenter_phrase(
        organization.name if organization else "", person.full_name if person else "", titles
    )


def _heard(record: MeetingRecord, public: list[ItemOutline]) -> str:
    topics = []
    for outline in public:
        presenter = _presenter(outline.item)
        title = in_sentence(record, outline.item.title)
        topics.append(title + (f" ({presenter})" if presenter else ""))
    if len(public) < len(record.items):
        topics.append(OTHER_MATTERS)
    return f"{record.noun} đã nghe và cho ý kiến về: {'; '.join(topics)}." if topics else ""


def _opinions(outline: ItemOutline) -> str:
    count = outline.opinion_count
    return f" (có {count} lượt ý kiến tham gia)" if count else ""


def _assignment(record: MeetingRecord, directive) -> str:
    given = as_given(directive)
    text = given.lead.name
    if given.coordinating:
        text += f" chủ trì, phối hợp với {', '.join(org.name for org in given.coordinating)}"
    text += f" {in_sentence(record, directive.content)}"
    if given.deadline:
        text += f" (thời hạn {wording.deadline_date(given.deadline)})"
    return text


def _conclusion(record: MeetingRecord, outline: ItemOutline) -> str:
    body = record.body.name
    verb = wording.OUTCOME_VERBS.get(outline.conclusion.outcome, wording.OUTCOME_VERBS["other"])
    text = trim(" ".join(line.strip() for line in outline.conclusion.text.splitlines() if line.strip()))
    opening = f"Đối với {in_sentence(record, outline.item.title)}{_opinions(outline)},"
    # A conclusion worded "Ban Thường vụ Tỉnh ủy yêu cầu ..." already says who decided what.
    if fold(text).startswith(fold(body)):
        sentence = f"{opening} {text}."
    else:
        sentence = f"{opening} {body} {verb}. {text}."
    if outline.directives:
        sentence += f" {body} giao {'; giao '.join(_assignment(record, d) for d in outline.directives)}."
    return sentence


def _vote(record: MeetingRecord, vote) -> str:
    verb = VOTE_VERBS.get(vote.method, VOTE_VERBS["open"])
    subject = in_sentence(record, vote.subject)
    return f"{record.noun} đã {verb} {subject}, kết quả: {lower_first(trim(vote.result_text))}."
