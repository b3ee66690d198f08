"""The Vietnamese wording of the office's outputs: dates, headings, verbs. Pure functions, no Django.

This text is domain content (what the document says), not user interface, so it is Vietnamese here.
"""

import datetime

from hoinghi.core.text import fold, lower_first, match_key, trim
from hoinghi.directives import rules

# How a conclusion's outcome reads in a sentence: "Ban Thường vụ Tỉnh ủy <verb>."
OUTCOME_VERBS = {
    "approved": "đồng ý",
    "basically_approved": "cơ bản đồng ý",
    "approved_with_revisions": "đồng ý, đề nghị tiếp thu ý kiến, chỉnh sửa, hoàn thiện",
    "returned": "đề nghị rà soát, hoàn thiện thêm",
    "noted": "cho ý kiến",
    "other": "kết luận",
}

KIND_WORDS = {"regular": "thường kỳ", "thematic": "chuyên đề", "extraordinary": "bất thường"}

CONFIDENTIALITY_MARKS = {"secret": "MẬT", "top_secret": "TỐI MẬT"}

DEFAULT_HEADINGS = {"standing_committee": "T/M BAN THƯỜNG VỤ"}


# Names that keep their capital inside a sentence (GLOSSARY.md): bodies, commissions, posts, the Party and the
# State's institutions. A title opening with one of them is not lowered: "Ban Thường vụ Tỉnh ủy ...", "Bí thư".
PROPER_OPENINGS = (
    "Ban Thường vụ",
    "Ban Chấp hành",
    "Ban cán sự đảng",
    "Ban Tổ chức",
    "Ban Dân vận",
    "Ban Tuyên giáo",
    "Ban Kinh tế",
    "Ban Nội chính",
    "Ban Bí thư",
    "Bộ Chính trị",
    "Thường trực",
    "Văn phòng",
    "Tỉnh ủy",
    "Huyện ủy",
    "Thành ủy",
    "Đảng",
    "Trung ương",
    "Quốc hội",
    "Chính phủ",
    "Hội đồng nhân dân",
    "Ủy ban nhân dân",
    "Ủy ban Kiểm tra",
    "Mặt trận Tổ quốc",
    "Bí thư",
    "Phó Bí thư",
    "Chủ tịch",
    "Phó Chủ tịch",
    "Ủy viên",
    "Giám đốc",
    "Sở",
)


def in_sentence(text: str, names=()) -> str:
    """A title or text put inside a sentence: its first letter lowered ("Đối với chương trình ..."), unless it
    opens with a proper name of the glossary or one of `names` (the organizations and people the record knows)."""
    text = trim(text)
    key = match_key(text) + " "
    # Whole words, tones kept: "Sổ tay" does not open with "Sở", nor "Đăng ký" with "Đảng".
    if any(key.startswith(match_key(name) + " ") for name in (*PROPER_OPENINGS, *names) if name.strip()):
        return text
    return lower_first(text)


def presenter_phrase(organization: str, person: str, person_titles: list[str]) -> str:
    """Who presented an item, as the articles say it: a body presents through a person, the person presents.

    "đồng chí X, Phó Chủ tịch UBND tỉnh, thay mặt Ban cán sự đảng UBND tỉnh trình bày"; "do Ban cán sự đảng UBND
    tỉnh trình bày"; "đồng chí X, Giám đốc Sở Tài chính trình bày"."""
    if not person:
        return f"do {organization} trình bày" if organization else ""
    who = ", ".join([f"đồng chí {person}", *person_titles])
    if organization:
        return (
            f"{who}, thay mặt {organization} trình bày" if person_titles else f"{who} thay mặt {organization} trình bày"
        )
    return f"{who} trình bày"


def hd36_date(day: datetime.date) -> str:
    """The date line of Hướng dẫn 36-HD/VPTW: days 1-9 and months 1-2 take a leading zero."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def day_month(day: datetime.date) -> str:
    """The news style: "10/9"."""
    return f"{day.day}/{day.month}"


def full_date(day: datetime.date) -> str:
    return f"{day.day}/{day.month}/{day.year}"


def deadline_date(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def sitting_noun(body_kind: str) -> str:
    """A People's Council holds sessions ("Kỳ họp"); the Party's committees hold conferences ("Hội nghị")."""
    return "Kỳ họp" if body_kind == "council" else "Hội nghị"


def sitting_name(number: int | None, title: str, body_name: str, kind: str, body_kind: str = "") -> str:
    """How the texts name the sitting: "Hội nghị lần thứ 36" ("Kỳ họp thứ 15" of a council), else the title when
    it says more than the body."""
    if number:
        return f"Kỳ họp thứ {number}" if body_kind == "council" else f"Hội nghị lần thứ {number}"
    if fold(body_name) in fold(title):
        return " ".join(filter(None, [sitting_noun(body_kind).lower(), KIND_WORDS.get(kind, "")]))
    return lower_first(trim(title))


def signature_heading(heading: str, body_kind: str, organization_short_name: str) -> str:
    """ "T/M BAN THƯỜNG VỤ": the body's own heading, else one derived from its kind."""
    if heading:
        return heading
    return DEFAULT_HEADINGS.get(body_kind) or f"T/M {organization_short_name.upper()}"


def signer_title(position_title: str, organization_short_name: str) -> str:
    """ "Bí thư Tỉnh ủy" signs for the Tỉnh ủy as "BÍ THƯ": the organization's name is not repeated."""
    title = position_title.strip()
    suffix = organization_short_name.strip()
    if suffix and fold(title).endswith(" " + fold(suffix)):
        title = title[: -len(suffix)].strip()
    return title.upper()


def directive_phrase(lead: str, coordinating: list[str], content: str, deadline: datetime.date | None) -> str:
    """ "Giao <lead> (phối hợp: a, b) <content>; thời hạn: dd/mm/yyyy" """
    parts = [f"Giao {lead}"]
    if coordinating:
        parts.append(f"(phối hợp: {', '.join(coordinating)})")
    parts.append(lower_first(trim(content)))
    phrase = " ".join(parts)
    if deadline:
        phrase += f"; thời hạn: {deadline_date(deadline)}"
    return phrase


def strongest_mark(levels: list[str]) -> str:
    """The confidentiality mark a document takes from the most restricted part it contains."""
    for level in ("top_secret", "secret"):
        if level in levels:
            return CONFIDENTIALITY_MARKS[level]
    return ""


# Where a directive of an earlier meeting stands, in the notice's review of them.
OPEN_STATES = {
    rules.NOT_STARTED: "chưa báo cáo kết quả",
    rules.IN_PROGRESS: "đang thực hiện",
    rules.REPORTED_DONE: "đơn vị đã báo cáo hoàn thành, chờ xác nhận",
    rules.RETURNED: "được trả lại để đơn vị hoàn thiện",
}


def directive_state(status: str, split: str | None, days_late: int, done_on: datetime.date | None, reason: str):
    """ "đã hoàn thành ngày 24/9/2021, đúng hạn", "đang thực hiện, quá hạn 12 ngày", "dừng thực hiện (lý do)"."""
    if status == rules.CANCELLED:
        return f"dừng thực hiện ({trim(reason)})" if reason.strip() else "dừng thực hiện"
    if status == rules.DONE:
        timing = "đúng hạn" if split == rules.DONE_ON_TIME else f"chậm {days_late} ngày"
        return f"đã hoàn thành ngày {full_date(done_on)}, {timing}"
    state = OPEN_STATES[status]
    if split == rules.OPEN_OVERDUE:
        return f"{state}, quá hạn {days_late} ngày"
    return f"{state}, trong hạn" if split == rules.OPEN_IN_TIME else state


def bare_recipient(line: str) -> str:
    """A recipient as the office typed it ("- UBND tỉnh,") without the list's dash and punctuation."""
    return trim(line.strip().lstrip("-–•+* \t").rstrip(",.; \t"))
