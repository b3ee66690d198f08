"""Portal content for tests: articles in every status, notices, a schedule, documents public and not."""

import datetime

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from hoinghi.core import shutdown
from hoinghi.portal import counter, services, services_library
from hoinghi.portal.models import Article

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"


@pytest.fixture
def fresh_portal():
    """An empty cache and a new counter. (A write's after-commit work, the cache's generation, runs only where a
    test wraps the write in django_capture_on_commit_callbacks(execute=True): a test's transaction never commits.)"""
    cache.clear()
    counter.INSTANCES.clear()
    yield
    for instance in counter.INSTANCES.values():
        shutdown.unregister(instance.flush)  # the test database will be gone at exit
    counter.INSTANCES.clear()


def write(office, title, body="<p>Nội dung bài viết về hội nghị.</p>", **fields) -> Article:
    return services.check_save_article(office, None, title=title, summary=f"Tóm tắt {title}", body=body, **fields)


def published(office, title, **fields) -> Article:
    article = write(office, title, **fields)
    services.check_move_article(office, article, "review")
    return services.check_move_article(office, article, "published")


def every_status(office) -> dict[str, Article]:
    """One article per status a visitor must not see, and one he must."""
    articles = {"live": published(office, "Bài đã đăng công khai")}
    articles["draft"] = write(office, "Bài nháp chưa duyệt")
    articles["review"] = write(office, "Bài đang chờ duyệt")
    services.check_move_article(office, articles["review"], "review")
    articles["future"] = write(office, "Bài hẹn giờ ngày mai")
    services.check_move_article(office, articles["future"], "review")
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    services.check_move_article(office, articles["future"], "scheduled", tomorrow)
    articles["withdrawn"] = published(office, "Bài đã gỡ xuống")
    services.check_move_article(office, articles["withdrawn"], "withdrawn")
    return {name: Article.objects.get(pk=a.pk) for name, a in articles.items()}


def document(office, number, public, summary="Quyết định về chuyển đổi số"):
    upload = SimpleUploadedFile("qd.pdf", PDF, content_type="application/pdf")
    return services_library.check_add_document(
        office,
        upload,
        number=number,
        issued_on=datetime.date(2026, 11, 2),
        issuer="UBND tỉnh Bắc Nam",
        doc_type="issued",
        summary=summary,
        is_public=public,
    )
