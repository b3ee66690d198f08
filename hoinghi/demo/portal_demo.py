"""The demo's public portal: news articles started from the held meetings' news drafts and published as the
office would (dated the day after each meeting), this week's work schedule of the leaders, a few notices, public
documents (and one kept internal) and photos, all through the portal's services. Every text says it is demo
material where it is not drawn from the meetings."""

import datetime
import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from hoinghi.meetings.models import Meeting
from hoinghi.portal import services, services_library
from hoinghi.portal.models import Article

NOTE = "Nội dung mẫu của bản demo."
SECRETARY = "Đồng chí Bí thư Thành ủy"
SCHEDULE = [  # weekday (0 = Monday), hour, leader, content, place, chair
    (0, 8, SECRETARY, "Giao ban Thường trực Thành ủy", "Phòng họp Thường trực", SECRETARY),
    (1, 14, "Đồng chí Phó Bí thư Thường trực", "Làm việc với Ban Tổ chức Thành ủy về công tác cán bộ",
     "Phòng họp số 2", "Đồng chí Phó Bí thư Thường trực"),
    (2, 8, SECRETARY, "Dự Hội nghị tổng kết công tác chuyển đổi số", "Hội trường Thành ủy",
     "Đồng chí Chủ tịch UBND thành phố"),
    (3, 9, "Đồng chí Phó Bí thư Thường trực", "Tiếp công dân định kỳ", "Trụ sở Tiếp công dân thành phố", ""),
    (4, 15, "Thường trực Thành ủy", "Họp Ban Thường vụ Thành ủy", "Phòng họp Ban Thường vụ", SECRETARY),
]  # fmt: skip
NOTICES = [
    "Thông báo lịch tiếp công dân của Bí thư Thành ủy tháng này",
    "Thông báo về việc nghỉ Tết Dương lịch của các cơ quan Đảng",
    "Thông báo tuyển dụng công chức cơ quan Đảng năm nay",
]
DOCUMENTS = [  # number, type, summary, public
    ("15-KH/TU", "issued", "Kế hoạch thực hiện chuyển đổi số trong các cơ quan Đảng", True),
    ("12/2025/NQ-HĐND", "legal", "Nghị quyết quy định mức chi hỗ trợ công tác chuyển đổi số", True),
    ("Công báo số 45", "gazette", "Công báo thành phố, số 45", True),
    ("08-CV/VPTU", "issued", "Công văn nội bộ về chuẩn bị hội nghị (không công khai)", False),
]
PHOTOS = [("Quang cảnh hội nghị Ban Chấp hành", (165, 14, 14)), ("Các đại biểu dự hội nghị", (11, 79, 156))]


def pdf(text: str) -> bytes:
    """A one-page PDF saying `text` (ASCII), drawn by Pillow."""
    page = Image.new("RGB", (595, 842), "white")
    ImageDraw.Draw(page).text((60, 80), text, fill="black")
    output = io.BytesIO()
    page.save(output, "PDF")
    return output.getvalue()


def photo(colour) -> bytes:
    image = Image.new("RGB", (1600, 1000), colour)
    ImageDraw.Draw(image).rectangle((200, 300, 1400, 700), outline="white", width=12)
    output = io.BytesIO()
    image.save(output, "JPEG", quality=85)
    return output.getvalue()


class PortalDemo:
    def __init__(self, office, today: datetime.date):
        self.office, self.today = office, today

    def run(self) -> None:
        self.articles()
        self.schedule()
        for title in NOTICES:
            services_library.do_add_notice(self.office, title=title, body=NOTE)
        for number, doc_type, summary, public in DOCUMENTS:
            upload = SimpleUploadedFile("van-ban.pdf", pdf(f"{number} - demo"), content_type="application/pdf")
            services_library.do_add_document(
                self.office, upload, number=number, issued_on=self.today - datetime.timedelta(days=20),
                issuer="Thành ủy Hải Phòng" if doc_type == "issued" else "HĐND thành phố Hải Phòng",
                doc_type=doc_type, summary=summary, is_public=public,
            )  # fmt: skip
        for caption, colour in PHOTOS:
            upload = SimpleUploadedFile("anh.jpg", photo(colour), content_type="image/jpeg")
            services_library.do_add_photo(self.office, upload, caption=f"{caption} ({NOTE.lower()[:-1]})")

    def articles(self) -> None:
        """A published article for each held meeting whose draft passes the confidentiality check."""
        held = Meeting.objects.filter(status__in=(Meeting.Status.CLOSED, Meeting.Status.NOTICE_ISSUED))
        for meeting in held.order_by("starts_at"):
            try:
                article = services.do_start_from_meeting(self.office, meeting)
            except ValidationError:
                continue  # the system refuses a text that gives a confidential part away: that meeting is not news
            services.do_move_article(self.office, article, "review")
            services.do_move_article(self.office, article, "published")
            # Dated as published the day after the meeting, as the office did then.
            Article.objects.filter(pk=article.pk).update(publish_at=meeting.starts_at + datetime.timedelta(days=1))

    def schedule(self) -> None:
        monday = self.today - datetime.timedelta(days=self.today.weekday())
        entry = None
        for weekday, hour, leader, content, place, chair in SCHEDULE:
            entry = services_library.do_add_schedule_entry(
                self.office, day=monday + datetime.timedelta(days=weekday), time=datetime.time(hour),
                leader=leader, content=content, place=place, chair=chair,
            )  # fmt: skip
        services_library.do_publish_week(self.office, entry.schedule)
