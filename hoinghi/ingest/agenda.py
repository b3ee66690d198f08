"""Agenda items of a meeting article and who presented them: pure genre rules on its sentences.

The genre states what a meeting heard in a few ways: a list after the meeting's verb ("Hội nghị đã
nghe và cho ý kiến vào: A; B"), the purpose of the meeting in the lead ("UBND tỉnh tổ chức Phiên
họp tháng 11 để xem xét X", "tổ chức kỳ họp thứ 33 thực hiện quy trình bầu ...", "họp để bầu X",
"sơ kết X và bàn Y"), "với nội dung X; Y", a list after a plural head ("các tờ trình, gồm: A; B",
"Các Nghị quyết được thông qua ... gồm:", "nhiều nội dung như: A"), a presenter at the head of a
sentence ("Ban cán sự đảng UBND tỉnh trình ...", "Đồng chí A trình bày Báo cáo ..."), a bulleted
list after a colon, a personnel action ("thông qua việc miễn nhiệm X đối với bà B", "được bầu bổ
sung chức X") and what a decision was about ("hội nghị nhất trí với các báo cáo ... do A trình").
An item named twice is one item; the pieces of one list are never merged with each other.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from hoinghi.core.text import match_key
from hoinghi.ingest.clauses import Article, Sentence
from hoinghi.ingest.folding import UPPER, insensitive
from hoinghi.ingest.lists import DOCUMENT, NUMBERING, shared_head, top_level
from hoinghi.ingest.meeting import MEETING_NOUN
from hoinghi.ingest.mentions import HONORIFIC, TITLE_START, person_at
from hoinghi.ingest.numbers import NUMBER_WORD
from hoinghi.ingest.scanning import led
from hoinghi.ingest.similarity import similarity, syllables

_SPAN = 1500  # characters of a sentence read for items: bounded for huge pages
_CAP = f"[{UPPER}]"

# Verbs whose object is the item and that stay in its title ("Bầu bổ sung ...", "Sơ kết ...")...
_ACTION = (
    r"(?:bầu(?: cử)?(?: bổ sung)?|miễn nhiệm|bãi nhiệm|lấy phiếu tín nhiệm|sơ kết|tổng kết|đánh giá|góp ý|"
    r"tuyên dương|thành lập|kiện toàn|giải trình|chất vấn|phê duyệt|triển khai(?!\s+thực hiện))"
)
# ... and verbs of hearing and deciding, which do not
_HEAR = (
    r"(?:nghe(?:\s+(?:các\s+)?báo cáo(?=\s+(?:và|về|,)))?|xem xét|cho ý kiến|thảo luận|bàn|quyết nghị|quyết định|"
    r"(?:biểu quyết,?\s+)?thông qua|thống nhất(?=\s+(?:nội dung|chương trình))|tham gia ý kiến|"
    r"(?:đóng góp|tham gia)\s+(?:nhiều\s+)?ý kiến(?:\s+bổ sung)?|thực hiện(?=\s+quy trình)|trao đổi)"
)
# a decision: what it was about is an item where nothing else says what was heard
_DECIDE = re.compile(
    r"(?<!\w)(?:cơ bản\s+)?(?:nhất trí|đồng ý|thống nhất)(?:\s+đề ra)?(?:\s+với)?(?:\s+nội dung)?\s+"
    r"(?!cho\b|với\b|và\b|cao\b|giao\b|miễn\b|bầu\b)"
)
_VERB = rf"(?:{_ACTION}|{_HEAR})"
# a word of one of those verbs, or a list's head: the cheap test before the costly patterns
_VERB_WORD = insensitive(
    r"nghe|xem xet|cho y kien|thao luan|ban|quyet|thong qua|thong nhat|y kien|thuc hien|trao doi|bau|nhiem|"
    r"phieu|so ket|tong ket|danh gia|gop y|tuyen duong|thanh lap|kien toan|giai trinh|chat van|phe duyet|"
    r"trien khai|noi dung|chuong trinh|gom"
)
_VERB_CHAIN = re.compile(
    rf"(?i:{_VERB})(?:\s*,?\s*(?:và\s+)?(?:dự kiến\s+)?(?i:{_HEAR}))*(?:\s+(?:vào|về|đối với|cho))?(?!\w)"
    rf"(?:\s*(?:,|và)\s+(?=(?i:{_ACTION})(?!\w)))?"  # "xem xét, phê duyệt X": the action stays with its object
)
_STARTS_WITH_VERB = re.compile(rf"(?:tiến hành\s+|đã\s+|sẽ\s+|cũng\s+)*({_VERB})(?!\w)", re.I)

# The meeting's own verb for what it heard or decided, after its subject ("Hội nghị đã nghe ...").
_MEETING_VERB = led(
    rf"(?<!\w)(?<!chưa )(?<!không )((?i:{_VERB}))(?:\s*,?\s*(?:và\s+)?(?:dự kiến\s+)?{_HEAR})*(?!\w)",
    "bBcCđĐgGkKlLmMnNpPqQsStTxX",  # "chưa xem xét X": X was not heard
)
_NOT_ITEMS = re.compile(
    r"\s*(?:,|(?:và|,)\s*(?:giao|yêu cầu|đề nghị)\b|(?:tại|trong|ở)\s+[^,;:]{0,40},|(?:sôi nổi|dân chủ|"
    r"thẳng thắn|nghiêm túc|kỹ|sâu|tâm huyết|trách nhiệm|nhiều(?! nội dung| ý kiến)|cụ thể|rất|cao|xuất sắc)\b)"
)
_ADVERBS = re.compile(r"(?:(?<!\w)(?:đã|sẽ|cũng|được|tập trung|tiến hành|lần lượt|còn)\s+)+$", re.I)
# Who may be the subject of that verb: the meeting, its body or its members.
_SUBJECT = re.compile(
    r"(?:(?:tại|trong)\s+(?:kỳ họp|hội nghị|phiên họp)(?:\s+này)?\s+)?"
    r"(?:(?:đồng thời|tiếp đó|sau đó)\s+)?(?:các\s+)?(?:vị\s+)?(?:hội nghị|kỳ họp|phiên họp|cuộc họp|ban thường vụ|"
    r"ban chấp hành|thường trực|hđnd|hội đồng nhân dân|ubnd|ủy ban nhân dân|đại biểu|tỉnh [uủ]y|thành [uủ]y|"
    r"huyện [uủ]y|thị [uủ]y|quận [uủ]y|đảng [uủ]y)\b|(?:đồng thời|tiếp đó|sau đó)$",
    re.I,
)
# a sentence may open with where or when before its verb ("Tại kỳ họp, ...", "Đồng thời, ...")
_INTRO_ONLY = re.compile(
    r"(?:(?:Tại|Trong|Cũng tại|Bên cạnh đó|Đồng thời|Tiếp đó|Sau đó|Ngoài ra|Tiếp theo)[^,;:]{0,40}[,:]\s*)+", re.I
)
# what may follow the subject before its verb: its name, level, term, an aside, adverbs
_SUBJECT_WORDS = frozenset(
    "tỉnh thành phố huyện xã phường thị ủy uỷ khóa khoá nhiệm kỳ thường vụ chấp hành nhân dân đảng bộ các đại biểu đã "
    "cũng sẽ tập trung tiến hành lần lượt còn được thứ lần hội đồng ủy ban - – ,".split()
)


_NUMBER = re.compile(NUMBER_WORD)


def _subject_rest(rest: str) -> bool:
    """The words between a subject and its verb are its name, level, term and adverbs only."""
    for token in re.sub(r"\([^)]*\)", " ", rest).split():
        word = token.lower().strip(",")
        if not (token[:1].isupper() or token[:1].isdigit() or word in _SUBJECT_WORDS or _NUMBER.fullmatch(word)):
            return False
    return True


_SPEECH = re.compile(
    r"(?<!\w)(?:phát biểu|khẳng định|nhấn mạnh|cho rằng|cho biết|đề nghị|yêu cầu|đồng chí|đ/c)(?!\w)", re.I
)
# ", Ban Thường vụ Tỉnh ủy cơ bản nhất trí ...": the sentence's main clause after its topic
_MAIN_CLAUSE = re.compile(
    r",\s+(?=(?:Ban Thường vụ|Ban Chấp hành|Thường trực|Hội nghị|Kỳ họp|HĐND|Hội đồng nhân dân|"
    r"UBND|Tỉnh ủy|Thành ủy|Huyện ủy|đồng chí|Đồng chí)\b)"
)
# "các báo cáo của Thường trực HĐND, UBND xã về X": a list of bodies, not a new clause
_BODY_LISTED = re.compile(r"(?:HĐND|UBND|Thường trực|[Uủ]y ban|Ủy ban|Uỷ ban|Mặt trận|MTTQ)(?:\s+[^\s,;]+){0,3}$")


def _before_main_clause(rest: str) -> str:
    for clause in _MAIN_CLAUSE.finditer(rest):
        if not _BODY_LISTED.search(rest, 0, clause.start()):
            return rest[: clause.start()]
    return rest


# Words that make the sentence a task, not a report of what was heard.
_NOT_AGENDA = re.compile(
    r"(?<!\w)(?:yêu cầu|giao|đề nghị|chỉ đạo|cần|phải|kết luận|sau khi|trước khi|trong đó|khi)(?!\w)"
)
# A body that presents: "Ban cán sự đảng UBND tỉnh", "Sở Tài chính", "Ban Tổ chức Tỉnh ủy".
_BODY = (
    rf"(?:Ban cán sự đảng|Ban Cán sự [Đđ]ảng|Đảng đoàn|Ban Thường vụ|Ban Chấp hành|Thường trực|Ban Chỉ đạo|"
    rf"Ban {_CAP}|Sở {_CAP}|UBND|Ủy ban|Uỷ ban|Văn phòng|Bộ Chỉ huy|Công an|Đảng ủy|Đảng uỷ|Tòa án|Toà án|"
    rf"Viện|Thanh tra|Cục|Liên đoàn|Mặt trận|Tỉnh đoàn|Thành đoàn|Kho bạc|Tiểu ban|Tổ công tác|"
    rf"Hội đồng|Hội {_CAP}|Trường Chính trị|Đoàn (?:đại biểu|ĐBQH))"
)
_BODY_START = re.compile(_BODY)
_PRESENT_VERB = re.compile(
    r"(?=[bđrt])(?<!\w)(?<![Cc]hương )(?<![Tt]ờ )(?<![Qq]uy )(?<![Cc]ông )(?<![Ll]ộ )(?<![Hh]ành )(?<![Gg]iải )"
    r"(?:báo cáo tóm tắt|trình bày tóm tắt|báo cáo|trình bày|trình|đọc)(?!\w)(?! độ)"
)
_SPOKE_FIRST = re.compile(
    r"(?<!\w)(?:phát biểu|cho rằng|cho biết|đề nghị|nhấn mạnh|khẳng định|yêu cầu|giao|được|"
    r"chủ trì|kết luận|chỉ đạo|cần|phải|nhất trí|đồng ý|tổ chức|dự)(?!\w)"
)
_INTRO = re.compile(r"^[^,;:.]{1,80},\s*")
# "thay mặt UBND xã ông A trình ...": whom the presenter speaks for comes first
_ON_BEHALF = re.compile(
    r"^(?:[^,;:]{0,40},\s*)?(?:thay mặt|thừa [uủ]y quyền(?: của)?)\s+[^,;]{1,80}?"
    r"(?:,\s*|\s+(?=(?:ông|bà|đồng chí|Đồng chí|đ/c)\s))",
    re.I,
)  # "Thừa ủy quyền của ..., ", "Tiếp đó, "
_DELEGATE = re.compile(r"^(?:lãnh đạo|đại diện)\s+", re.I)  # "lãnh đạo Sở Tài chính báo cáo"
# "... và các nội dung về công tác cán bộ", "... và báo cáo Kế hoạch ...": a new item after "và".
_AND_ITEM = re.compile(
    rf",\s+(?={DOCUMENT}\b|dự kiến\s+(?:chương trình|kế hoạch))|"
    rf"\s+và\s+(?=(?i:(?:một số|các|những)\s+(?:nội dung|vấn đề|tờ trình|báo cáo|đề án))\b|{DOCUMENT}\b|"
    rf"(?:báo cáo|tờ trình|đề án)\s+{_CAP}|"
    r"báo cáo\s+(?:tổng hợp|kết quả|tình hình|thẩm tra|về|đánh giá|sơ kết|tổng kết)\b)"
)
# "A và B" where both name their kind alike ("các báo cáo về X và báo cáo Y", "một số nội dung X và công tác Y")
_PARALLEL = re.compile(
    r"^(?:(?:các|những)\s+)?(?P<kind>báo cáo|tờ trình|đề án|dự thảo)\b.*?\s+và\s+(?=(?P=kind)\b)|"
    r"^(?:một số|các|những)\s+(?:nội dung|vấn đề)\s+\S+(?:\s+\S+)?\s+và\s+(?=công tác|tình hình)",
    re.I,
)
_LEAD = re.compile(
    r"^(?:(?:[Cc]ho ý kiến|[Xx]em xét|[Tt]hảo luận|[Nn]ghe|[Tt]hông qua|[Gg]óp ý|[Bb]iểu quyết thông qua|[Bb]àn)"
    r"(?:,?\s*(?:và\s+)?(?:cho ý kiến|thảo luận|thông qua|quyết nghị))*\s*(?:vào|về|đối với)?\s+|"
    rf"(?:về|vào|đối với|việc|nội dung|bằng văn bản)\s+|(?:báo cáo|trình bày)\s+(?={_CAP})|(?:tóm tắt|vắn tắt)\s+)+"
)
# the words before a list: "các nội dung:", "các tờ trình, gồm:", "nhiều nội dung cấp thiết như:"
_LIST_INTRO = re.compile(
    r"^(?:(?:về|vào|đối với)\s*)?(?:(?:báo cáo\s+)?(?:các|một số|những|nhiều|\d+)\s+"
    r"(?:nội dung|vấn đề|báo cáo|tờ trình|đề án|nghị quyết|dự thảo|văn bản|chức danh)"
    r"(?:(?!\s(?:và|tiến hành)\s)[^:;]){0,60})?:\s*",
    re.I,
)
_ASPECTS = re.compile(r"\s+như(?:\s+sau)?\s*:")  # "Dự thảo X như: sửa đổi ...": what was said about one item
_GENERIC = re.compile(
    r"^(?:(?:các|một số|những|nhiều|\d+)\s+)?(?:dự thảo\s+)?(?:nội dung|vấn đề|báo cáo|tờ trình|đề án|"
    r"nghị quyết|dự thảo|văn bản|tờ trình)?(?:\s+(?:quan trọng|khác|liên quan|sau|trên|này|đó|cấp thiết|"
    r"quan trọng khác|thuộc thẩm quyền|theo thẩm quyền))*\s*"
    r"(?:(?:của|phục vụ|theo|thuộc|liên quan đến|mà)\s+(?:(?!\s(?:về|việc|đối với|đề nghị)\s).){0,60})?$|"
    r"^\d+\s+(?:dự thảo\s+)?(?:nghị quyết|tờ trình|báo cáo|văn bản|nội dung|vấn đề)\b(?!\s+(?:về|việc))|"
    r"^(?:số lượng|tình hình|công tác|kết quả|nội dung)$|"
    r"^(?:bế mạc|khai mạc|kết thúc)\b|^dự kiến$|"
    r"^thẩm tra\s+(?:về\s+)?(?:các\s+)?(?:tờ trình|báo cáo)(?:\s+của\s+[^,;]{0,60})?$",
    re.I,
)
_RECIPIENT = re.compile(
    r"^(?:tại\s+|trước\s+|với\s+)?(?:hội nghị|kỳ họp|HĐND \w+|UBND \w+|Ban Thường vụ [^ ]+ [uủ]y|"
    r"Ban Chấp hành [^,]{0,30}?"
    r"(?=\s+về)|Thường trực [^ ]+ [uủ]y)\s*(?:về\s+)?",
    re.I,
)
_TAIL_PRESENTER = re.compile(
    rf"\s*(?:\(\s*)?(?:do|theo đề nghị của|theo đề xuất của)\s+((?:{_BODY}|đồng chí|đ/c)[^;()]{{0,150}}?)"
    r"(?:\s+(?:trình bày|trình|báo cáo|đề nghị|đề xuất|chuẩn bị))?(?:\s+(?:hội nghị|kỳ họp))?\s*\)?\s*$"
)
_OWNER_PRESENTER = re.compile(
    rf"^(?:các\s+)?(?:Tờ trình|tờ trình|Báo cáo|báo cáo)(?:\s+số\s+\S+)?(?:\s+ngày\s+\S+)?\s+của\s+"
    rf"({_BODY}[^,;]{{0,80}}?)\s+(?:về|đối với)\s"
)
_CUT = re.compile(
    r",\s*(?:trong đó|nhằm|theo đó|đồng thời|nêu rõ|nhấn mạnh|với mục tiêu|mang tính|tạo|giao|yêu cầu)\s|"
    r"\s+(?:nhằm|để)\s+(?:đảm bảo|bảo đảm|tập trung|phục vụ|tạo|góp phần|nâng cao)"
)
_AGENDA_HEAD = re.compile(  # "Nội dung kỳ họp gồm:", "Chương trình hội nghị gồm các nội dung:"
    r"^(?:Nội dung|Chương trình)\s+(?:của\s+)?(?:hội nghị|kỳ họp|phiên họp|cuộc họp)\b[^:;.]{0,60}?"
    r"(?:gồm|bao gồm|có)\b"
)
# "Các Nghị quyết được thông qua tại kỳ họp ... gồm: A; B", "... với nội dung giải trình ...; thông qua ..."
_PLURAL_HEAD = re.compile(
    r"(?:^|,\s*)(?:[Cc]ác|[Nn]hững|\d+)\s+(?:dự thảo\s+)?(?:[Nn]ghị quyết|tờ trình|báo cáo|nội dung|đề án)"
    r"[^:;.]{0,120}?(?:gồm|bao gồm)\s*:\s*|(?:với|gồm)\s+(?:các\s+)?nội dung\s*:?\s+"
)
_BULLET = re.compile(rf"^\s*[-–+•*]\s*|{NUMBERING.pattern}")
_TOPIC = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))(?:Về|Đối với|Cho ý kiến (?:về|đối với)|Thảo luận về)\s+([^;.\n]{5,300}?),\s+"
    r"(?=(?:Ban Thường vụ|Ban Chấp hành|Thường trực|Hội nghị|Kỳ họp|HĐND|Hội đồng nhân dân|Bí thư|Chủ tịch|"
    r"[Đđ]ồng chí)\b)"
)
_ASPECT = re.compile(r"(?:các|những)\s+(?:nhóm|giải pháp|nhiệm vụ|mục tiêu|vấn đề|kiến nghị|ý kiến|hạn chế)", re.I)
_REPORTED = re.compile(r"\s*(?:[,:]|cho biết|cho thấy|nêu rõ|khẳng định)")
_AT_MEETING = re.compile(r"\s+(?:tại|trước)\s+(?:hội nghị|kỳ họp|phiên họp|cuộc họp)(?:\s+này)?\s*$", re.I)
_FOLLOW_ON = re.compile(r"^Về\s+(.{3,300})$")
_LEAD_PARAGRAPHS = 4  # the meeting's purpose is told in the lead, under a headline and a sapo
_DOCUMENT_LED = re.compile(rf"(?:{DOCUMENT})\s(?![^,.;]*\b(?:được|đã|cho biết|nêu)\b)")
_GOES_ON = re.compile(
    r"^(?:Đồng thời|Sau đó|Tiếp đó|Tiếp theo|Ngoài ra),?\s+(?:cũng\s+)?(?:trình bày|báo cáo|trình)\s+"
)
# "các tờ trình quan trọng của Ban Thường vụ về Chương trình A; Đề án B": the documents are the items
_PLURAL_ABOUT = re.compile(
    rf"^(?:các|những|\d+)\s+(?:tờ trình|báo cáo|đề án|nội dung|văn bản)[^;:]{{0,80}}?\s+(?:về|đối với)\s+"
    rf"(?={DOCUMENT}\b)"
)
_END_PUNCT = " .;,:…\"'”“"
_DANGLING = re.compile(r"\s+(?:về|về việc|đối với|của|và|cho)$")  # the page cut right after it
# an office, not a topic: the pieces of "bầu các chức danh: Chủ tịch; Phó Chủ tịch HĐND xã; Trưởng ban"
_OFFICE = re.compile(
    r"^(?:các\s+)?(?:chức danh\s+)?(?:Phó\s+|phó\s+)?"
    r"(?:Chủ tịch|Trưởng|Ủy viên|Uỷ viên|Hội thẩm|Phó trưởng|Chánh|Thư ký)\b"
)
# the meeting was held to do something: "tổ chức Phiên họp tháng 11 để xem xét X", "họp để bầu X"
_KIND_WORDS = (
    "thứ lần tháng năm khóa khoá nhiệm kỳ chuyên đề thường bất hành chính trực tuyến mở rộng phiên giữa cuối đầu "
    "quý của tỉnh huyện xã thành phố lệ họp nhiệm vụ chấp hành ủy uỷ đồng nhân dân trực"
)
_OCCASION = led(
    rf"(?<!\w)(?:(?:tổ chức|khai mạc|chủ trì|triệu tập|tiến hành|tiếp tục)\s+{MEETING_NOUN}|"
    r"(?<=\s)(?<![Kk]ỳ )(?<![Pp]hiên )(?<![Cc]uộc )họp)(?!\w)",
    "tkcth",
)
# the words that name the meeting after its noun: "lần thứ 7, khoá XXII", "thường kỳ tháng 5", "(chuyên đề)"
_OCCASION_WORD = re.compile(
    rf"\s*,?\s*(?:\([^)]{{0,40}}\)|[\d/.-]+|{_CAP}[^\s,;.()]*|(?i:{NUMBER_WORD})(?!\w)|"
    rf"(?:{'|'.join(_KIND_WORDS.split())})(?!\w))"
)
_PURPOSE = re.compile(rf"\s*,?\s*(?:và\s+|để\s+|nhằm\s+|về\s+(?=\w+\s+\w+))?(?=(?i:{_VERB}|giải quyết)(?!\w))")


@lru_cache(maxsize=2048)
def _topic(title: str) -> str:
    """'Tờ trình của Ban Tổ chức về công tác cán bộ' → 'công tác cán bộ'."""
    parts = re.split(r"\s(?:về|đối với)\s", title, maxsplit=1)
    return match_key(parts[1]) if len(parts) == 2 else ""


_NEGATED = re.compile(r"(?:chưa|không)\s", re.I)  # "quyết định chưa xem xét X": X was not taken up


def _item(text: str, presenter: str | None, verb: str = "") -> dict | None:
    """A cleaned item from a piece of a list (an action verb stays before it), or None for a generic piece."""
    text = _DANGLING.sub("", _CUT.split(text, maxsplit=1)[0].strip(_END_PUNCT))
    text = _AT_MEETING.sub("", NUMBERING.sub("", text))
    tail = _TAIL_PRESENTER.search(text)
    if tail:
        presenter = presenter or _presenter(tail.group(1))
        text = text[: tail.start()]
    text = _LEAD.sub("", _RECIPIENT.sub("", _LEAD.sub("", text.strip(_END_PUNCT)))).strip(_END_PUNCT)
    owner = _OWNER_PRESENTER.match(text)
    if owner and not presenter:
        presenter = owner.group(1).strip()
    if len(text.split()) < (1 if verb else 2) or (not verb and _GENERIC.match(text)) or _NEGATED.match(text):
        return None
    if text.count("“") > text.count("”"):
        text += "”"
    title = f"{verb} {text}" if verb else text
    return {"title": title[:1].upper() + title[1:], "presenter": presenter}


def _presenter(text: str) -> str | None:
    """'đồng chí A, chức vụ' → 'A'; a body stays as written, without a trailing 'và'."""
    text = re.sub(r"\s+(?:và|đã|sẽ|cũng)\s*$", "", text.strip(_END_PUNCT))
    stripped = _without_honorific(text)
    if stripped != text or not _BODY_START.match(_DELEGATE.sub("", text)):
        name, _positions, _end = person_at(stripped)
        if name is None and TITLE_START.match(stripped) and len(stripped.split()) <= 10:
            return stripped  # "đồng chí Phó Bí thư Thường trực Tỉnh ủy báo cáo ...": known by the title
        return name
    return text or None


def _without_honorific(text: str) -> str:
    honorific = HONORIFIC.match(text)
    return text[honorific.end() :] if honorific else text


def _action(verb: str) -> str:
    """The verb an item keeps ("bầu", "sơ kết"); "" for one of hearing or deciding."""
    verb = verb.strip().lower()
    return verb if re.fullmatch(_ACTION, verb) and verb not in ("quyết định",) else ""


def _split_items(rest: str, presenter: str | None, verb: str = "") -> list[dict]:
    """The items of a list after a verb: one per piece of a list, "X và <verb> Y" two, the offices
    after "bầu" one ("Bầu Chủ tịch, Phó Chủ tịch HĐND tỉnh"), a shared head spread over its topics."""
    listed = _LIST_INTRO.match(rest.strip()) or _PLURAL_ABOUT.match(rest.strip())
    rest = rest.strip()[listed.end() :] if listed else rest
    if not listed:
        aspects = _ASPECTS.search(rest)
        rest = rest[: aspects.start()] if aspects else rest
    items: list[dict] = []
    offices: list[str] = []  # the offices of the election being listed
    current = verb
    for piece in _pieces(rest):
        piece = NUMBERING.sub("", piece.strip())
        own = _presenter_at(_LEAD.sub("", piece))  # "...; nghe Sở Y tế báo cáo B"
        if own:
            items += [i for i in (_item(p, own[0]) for p in _AND_ITEM.split(own[1])) if i]
            continue
        starts = _STARTS_WITH_VERB.match(piece.strip())
        if starts:
            _elect(items, offices, presenter, current)
            chain = _VERB_CHAIN.match(piece.strip(), starts.start(1))
            current, piece = _action(starts.group(1)), piece.strip()[chain.end() if chain else starts.end() :]
            intro = _LIST_INTRO.match(piece.strip())  # "bầu các chức danh: Chủ tịch"
            piece = piece.strip()[intro.end() :] if intro else piece
        if current.startswith("bầu") and _OFFICE.match(piece.strip()):
            offices.append(piece.strip(_END_PUNCT))
            continue
        for part in _parts(piece):
            for topic in shared_head(part.strip(_END_PUNCT)):
                item = _item(topic, presenter, current)
                if item:
                    items.append(item)
    _elect(items, offices, presenter, current)
    return items


def _elect(items: list[dict], offices: list[str], presenter: str | None, verb: str) -> None:
    """The offices listed for one election ("bầu", "bầu bổ sung") become one item."""
    if offices:
        items.append({"title": f"{verb[:1].upper()}{verb[1:]} {', '.join(offices)}", "presenter": presenter})
        offices.clear()


def _parts(piece: str) -> list[str]:
    """A piece split where a new document's name begins ("A, Nghị quyết B", "A và Báo cáo B"); a piece that
    names only kinds of document ("Tờ trình và Đề án", "dự thảo Nghị quyết") takes the topic of the next."""
    kinds = _KINDS_ONLY.match(piece.strip())
    if kinds and re.match(r"\s+(?:về|đối với)\s", piece.strip()[kinds.end() :]):
        return [piece]  # "Tờ trình và Đề án về X": one item
    parts: list[str] = []
    for part in _AND_ITEM.split(piece):
        parallel = _PARALLEL.match(part.strip())
        if parallel:
            parts += [part.strip()[: parallel.end()].rsplit(" và ", 1)[0], part.strip()[parallel.end() :]]
        else:
            parts.append(part)
    return _with_topics(parts)


_PLURAL = re.compile(r"(?:các|những|\d+)\s", re.I)
_KINDS_ONLY = re.compile(
    rf"(?:(?:các|những)\s+)?(?:dự thảo\s+)?(?:{DOCUMENT}|tờ trình|báo cáo|đề án|nghị quyết)"
    rf"(?:\s*(?:,|và)\s*(?:dự thảo\s+)?(?:{DOCUMENT}|tờ trình|báo cáo|đề án|nghị quyết))*",
    re.I,
)


def _with_topics(parts: list[str]) -> list[str]:
    out: list[str] = []
    for index, part in enumerate(parts):
        following = parts[index + 1] if index + 1 < len(parts) else ""
        bare = _RECIPIENT.sub("", _LEAD.sub("", part.strip())).strip(_END_PUNCT)
        if (
            following
            and _KINDS_ONLY.fullmatch(bare)
            and not _PLURAL.match(bare)
            and not _STARTS_WITH_VERB.match(following.strip())
        ):
            about = re.search(r"\s(?:về|đối với)\s.*$", following)
            if about:
                out.append(part.strip(_END_PUNCT) + about.group(0))
            else:
                parts[index + 1] = f"{part.strip()}, {following.strip()}"
            continue
        out.append(part)
    return out


_ONE_DOCUMENT = re.compile(rf"(?:{DOCUMENT})\s")  # a capital, no "các": one document named
_GOES_ON_REPORT = re.compile(rf"\s*(?:nhiệm vụ|phương hướng|kết quả|dự toán)\b(?!\s+(?:{_VERB}))")
_NEXT_HEARING = re.compile(rf"\s+và\s+(?=(?i:{_HEAR})(?!\w))")
_NEXT_VERB = re.compile(rf"\s+và\s+(?:tiến hành\s+)?(?=(?i:{_VERB})(?!\w))|,\s+(?=(?i:{_ACTION})(?!\w))")


def _pieces(rest: str) -> list[str]:
    """A list's pieces: at ";" outside brackets and quotation marks, and before "và <verb>" (not inside a
    document's name: "Nghị quyết về việc xác nhận ... và miễn nhiệm ...", nor after a bare word: "thảo luận
    về tình hình và bàn các giải pháp" is one piece)."""
    out: list[str] = []
    for piece in top_level(rest, ";"):
        if out and _GOES_ON_REPORT.match(piece) and _ONE_DOCUMENT.match(_LEAD.sub("", out[-1].strip())):
            out[-1] = f"{out[-1]};{piece}"  # "Báo cáo A 6 tháng đầu năm; nhiệm vụ 6 tháng cuối năm": one report
            continue
        if re.match(
            rf"\s*(?:{DOCUMENT})\b", _LEAD.sub("", piece.strip())
        ):  # "Đề án X và bàn Y", not "... và miễn nhiệm"
            out += [p for p in _NEXT_HEARING.split(piece) if p.strip()]
            continue
        split = [p for p in _NEXT_VERB.split(piece) if p.strip()]
        for index, part in enumerate(split):
            before = split[index - 1].strip() if index else ""
            verb = _STARTS_WITH_VERB.match(before)
            if index and out and len(_LEAD.sub("", before[verb.end() :] if verb else before).split()) <= 2:
                out[-1] = f"{out[-1]} và {part}"
            else:
                out.append(part)
    return _with_topics(out)


@dataclass
class _Heard:
    items: list[dict] = field(default_factory=list)
    presenter: str | None = None
    opens_list: bool = False  # "... các nội dung sau:" ends the line: the items are bullets below


def _heard(sentence: str) -> _Heard | None:
    """'Hội nghị đã nghe/xem xét/cho ý kiến vào: A; B', 'Nội dung kỳ họp gồm: A; B' → items."""
    head = _AGENDA_HEAD.match(sentence) or _PLURAL_HEAD.search(sentence, 0, 300)
    if head:
        return _listed(sentence[head.end() :], None)
    verb = _MEETING_VERB.search(sentence, 0, 300)
    if not verb:
        return None
    subject = sentence[: verb.start()]
    if subject and not _ADVERBS.sub("", subject).strip():
        return None  # "Tập trung thảo luận ...": an exhortation, not a report
    clause = re.split(r"[,;:]", subject)[-1].strip()
    if subject.strip() and not clause and not _INTRO_ONLY.fullmatch(subject.strip()):
        return None  # "Toàn tỉnh có 99% cử tri đi bỏ phiếu, bầu đủ ...": a clause of another subject
    named = _SUBJECT.match(clause)
    if clause and (not named or not _subject_rest(clause[named.end() :]) or _SPEECH.search(clause)):
        return None
    if _NOT_AGENDA.search(subject):
        return None
    rest = sentence[verb.start() : verb.start() + _SPAN]
    chain = _VERB_CHAIN.match(rest)
    rest = rest[chain.end() :] if chain else rest[len(verb.group(1)) :]
    if _NOT_ITEMS.match(rest):
        return None  # "Thảo luận tại tổ, đại biểu A ...", "thảo luận sôi nổi, ...": no item
    rest = _before_main_clause(rest)
    presenter = None
    if verb.group(1).lower().startswith("nghe"):
        found = _presenter_first(rest)
        if found:
            presenter, rest = found
        elif HONORIFIC.match(rest.strip()):
            return _Heard()  # "nghe đồng chí A phát biểu": a speech, not an item
    return _listed(rest, presenter, _action(verb.group(1)))


def _purpose(sentence: str) -> list[dict]:
    """'... tổ chức Phiên họp tháng 11 để xem xét X', '... họp để bầu X', '... Hội nghị lần thứ 7 sơ kết X
    và bàn Y': what the meeting was held for."""
    occasion = _OCCASION.search(sentence, 0, 600)
    if not occasion:
        return []
    at = occasion.end()
    for _word in range(10):  # the meeting's name, a word at a time: no backtracking over a long sentence
        word = _OCCASION_WORD.match(sentence, at)
        if not word or _PURPOSE.match(sentence, at):
            break
        at = word.end()
    purpose = _PURPOSE.match(sentence, at)
    if not purpose:
        return []
    rest = sentence[purpose.end() : purpose.end() + _SPAN]
    rest = re.split(r",\s+(?=(?:đồng chí|Đồng chí|đ/c)\s)", rest, maxsplit=1)[0]  # ", đồng chí A chủ trì"
    chain = _VERB_CHAIN.match(rest)
    verb = _action(rest[: chain.end()] if chain else "")
    return _listed(rest[chain.end() :] if chain else rest, None, verb).items


def _listed(rest: str, presenter: str | None, verb: str = "") -> _Heard:
    if re.fullmatch(r"\s*(?:(?:về|vào|đối với)\s*)?(?:(?:các|một số|những)\s+[^:;]{0,80})?:\s*", rest):
        return _Heard([], presenter, opens_list=True)
    return _Heard(_split_items(rest, presenter, verb), presenter)


def _presenter_first(text: str) -> tuple[str, str] | None:
    """'Ban cán sự đảng UBND tỉnh báo cáo X' / 'đồng chí A, chức vụ trình bày X' → (presenter, X),
    after at most two leading clauses ("Thừa ủy quyền của ..., đồng chí A ...")."""
    head = _ON_BEHALF.sub("", text.strip(), count=1)
    for _clause in range(3):
        found = _presenter_at(head)
        if found:
            return found
        intro = _INTRO.match(head)
        if not intro:
            return None
        head = head[intro.end() :]
    return None


_ABOUT = re.compile(r"\s(?:về|đối với)\s")


def _presenter_at(head: str) -> tuple[str, str] | None:
    if (
        _without_honorific(head) == head
        and not _BODY_START.match(_DELEGATE.sub("", head))
        and not TITLE_START.match(head)
    ):
        return None
    semicolon = head.find(";", 0, 400)
    verb = _PRESENT_VERB.search(head, 0, 400 if semicolon < 0 else semicolon)  # its verb, in its own piece
    if not verb or _SPOKE_FIRST.search(head, 0, verb.start()) or _NOT_AGENDA.search(head, 0, verb.start()):
        return None
    if _ABOUT.search(head, 0, verb.start()):
        return None  # "UBND xã về tình hình X ... báo cáo": a topic, not who presents
    if _REPORTED.match(head, verb.end()):
        return None  # "UBND tỉnh báo cáo, năm 2024 ...", "báo cáo cho biết": what it said, not an item
    presenter = _presenter(head[: verb.start()])
    rest = re.sub(r"^\s*(?:xin ý kiến\s+[^,]{0,60}?\s+(?=về\b))", "", head[verb.end() :])  # "trình xin ý kiến X về"
    return (presenter, rest) if presenter else None


def _presented(sentence: str) -> list[dict]:
    """A sentence that opens with its presenter: 'Sở Tài chính trình bày Tờ trình về ...'."""
    found = _presenter_first(sentence[:_SPAN])
    if not found:
        return []
    presenter, rest = found
    return _split_items(rest, presenter)


# --- personnel actions -------------------------------------------------------------------------
_PERSONNEL = re.compile(
    r"(?:thông qua\s+(?:việc\s+)?|biểu quyết\s+|thống nhất\s+|nhất trí\s+|đồng thời\s+)"
    r"(?P<item>(?:miễn nhiệm|bãi nhiệm|bầu(?: cử)?(?: bổ sung)?|cho thôi)\s+[^.;]{3,160}?\s+đối với\s+"
    rf"(?:ông|bà|đồng chí)\s+(?:{_CAP}\w*\s*){{2,4}})|"
    r"được\s+(?P<added>bầu(?: cử)? bổ sung\s+[^.;,]{3,160})"
)


def _personnel(sentence: str) -> list[dict]:
    """'thông qua việc miễn nhiệm X đối với bà B', 'được bầu bổ sung chức X': one item each."""
    if "đối với" not in sentence and "bổ sung" not in sentence:
        return []  # the cheap test first
    out = []
    for match in _PERSONNEL.finditer(sentence):
        item = _item(match.group("item") or match.group("added"), None)
        if item:
            out.append(item)
    return out


# --- one list, many sentences ------------------------------------------------------------------------
def _same(a: dict, b: dict, listed: bool = False) -> bool:
    """One item named twice: near-equal titles, one inside the other, or the same topic; in one list
    (`listed`) only a repeat or one inside the other."""
    small, large = sorted((syllables(a["title"]), syllables(b["title"])), key=len)
    if len(small) >= 4 and small <= large:
        return True
    if listed:
        return similarity(a["title"], b["title"]) >= 0.9
    topic = _topic(a["title"])
    return similarity(a["title"], b["title"]) >= 0.7 or (bool(topic) and topic == _topic(b["title"]))


_MAX_ITEMS = 80  # no meeting hears more; bounds the pairwise comparison on a huge page


def _add(items: list[dict], new: list[dict]) -> None:
    """Add the items of one list: an item already there from another sentence is not added twice."""
    before = len(items)
    for item in new[: max(0, _MAX_ITEMS - len(items))]:
        twin = next((old for at, old in enumerate(items) if _same(old, item, listed=at >= before)), None)
        if twin is None:
            items.append(item)
        elif twin["presenter"] is None:
            twin["presenter"] = item["presenter"]


def find_agenda_items(article: Article) -> list[dict]:
    """What the meeting heard or discussed, one per item, with the presenter where said."""
    items: list[dict] = []
    opened: _Heard | None = None  # the line that announced a bulleted list
    for paragraph in article.paragraphs():
        if paragraph[0].caption:
            continue
        text = " ".join(s.text for s in paragraph)
        if opened and _BULLET.match(text):
            _add(items, _split_items(_BULLET.sub("", text), opened.presenter))
            continue
        opened = None
        previous: list[dict] = []
        for sentence in paragraph:
            found, opens = _sentence_items(sentence, previous)
            opened = opens or opened
            _add(items, found)
            _add(items, _personnel(sentence.text) if "agenda" in sentence.roles else [])
            previous = found or previous
    _add(items, _decided(article))
    return items or _topics(article)


def _sentence_items(sentence: Sentence, previous: list[dict]) -> tuple[list[dict], _Heard | None]:
    text = sentence.text
    follow = previous and text.startswith("Về ") and _FOLLOW_ON.match(text)
    if follow and not _NOT_AGENDA.search(text) and "," not in text:
        item = _item(follow.group(1), previous[-1]["presenter"])
        return ([item] if item else []), None
    if "agenda" not in sentence.roles:
        return [], None
    goes_on = _GOES_ON.match(text)
    if previous and goes_on:  # "Đồng thời, trình bày X": the presenter of the sentence before
        return _split_items(text[goes_on.end() :], previous[-1]["presenter"]), None
    heard = _heard(text) if _VERB_WORD.search(text, 0, 300) else None
    if heard:
        return heard.items, heard if heard.opens_list else None
    if previous and len(previous) > 1 and _DOCUMENT_LED.match(text):  # "Báo cáo X." after a list: its next item
        item = _item(text, previous[-1]["presenter"])
        return ([item] if item else []), None
    return (_purpose(text) if sentence.paragraph <= _LEAD_PARAGRAPHS else []) or _presented(text), None


def _decided(article: Article) -> list[dict]:
    """The documents the body agreed to ("hội nghị nhất trí với các báo cáo ... do A trình", "HĐND tỉnh
    thống nhất đề ra 12 chỉ tiêu ..."): items the meeting heard, where no list named them."""
    items: list[dict] = []
    for sentence in article.having("decision"):
        decided = _DECIDE.search(sentence.text)
        if not decided or sentence.caption or not _SUBJECT.search(sentence.text, 0, decided.start()):
            continue
        if _DOCUMENT_START.match(sentence.text, decided.end()):
            _add(items, _split_items(sentence.text[decided.end() : decided.end() + _SPAN], None))
    return items


_DOCUMENT_START = re.compile(
    rf"(?:{DOCUMENT}|dự thảo|(?:các|những|\d+)\s+(?:báo cáo|tờ trình|đề án|dự thảo|chỉ tiêu|nhiệm vụ))\b"
)


def _topics(article: Article) -> list[dict]:
    """Where no list says what was heard: the items the decisions are about ('Về Đề án A, Ban
    Thường vụ Tỉnh ủy nhất trí ...'), one per decision sentence."""
    items: list[dict] = []
    for match in _TOPIC.finditer(article.layout.body):
        if _ASPECT.match(match.group(1)):
            continue  # "Về các nhóm giải pháp ...": an aspect of an item, not an item
        item = _item(match.group(1), None)
        _add(items, [item] if item else [])
    return items
