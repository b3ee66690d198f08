"""Pages saved from a portal: the article's own headline and day from the page's markup, never its menu; a
warning when no meeting day is found; a document, image or program under a text name refused for what it is."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from hoinghi.ingest import services
from hoinghi.ingest.models import ArticleImport
from hoinghi.ingest.page import page_facts
from hoinghi.ingest.warning_text import translated
from tests.clients import client_for

HEADLINE = "Ban Thường vụ Tỉnh ủy họp phiên thường kỳ tháng 3"
BODY = (
    "<p>Sáng 5/3, Ban Thường vụ Tỉnh ủy Bắc Nam họp phiên thường kỳ. "
    "Đồng chí Trần Văn Chủ, Bí thư Tỉnh ủy chủ trì.</p>"
    "<p>Hội nghị cho ý kiến vào Đề án phát triển du lịch giai đoạn 2031 - 2035 do Ban cán sự đảng UBND tỉnh trình.</p>"
)


def portal_page(head: str = "", top: str = "", body: str = BODY) -> bytes:
    """A portal's page as saved from the browser: its menu above the article, as portals write it."""
    menu = "<div class='menu'><a href='/'>Trang chủ</a> | <a href='/tin'>Tin tức</a> | <a href='/lh'>Liên hệ</a></div>"
    nav = "<nav><ul><li>Giới thiệu</li><li>Văn bản</li></ul></nav>"
    return f"<html><head>{head}</head><body>{nav}{menu}{top}{body}</body></html>".encode()


def imported(world, content: bytes, name="trang.html") -> ArticleImport:
    return services.check_import_article(world.users["office"], name=name, content=content).article


@pytest.mark.parametrize(
    "head",
    [
        f'<title>{HEADLINE} | Cổng thông tin điện tử tỉnh Bắc Nam</title><meta property="article:published_time" '
        'content="2021-03-06T17:49:00+07:00">',
        f'<meta property="og:title" content="{HEADLINE}"><meta name="pubdate" content="06/03/2021 17:49">',
        f'<title>Cổng TTĐT - {HEADLINE}</title><meta itemprop="datePublished" content="2021-03-06">',
    ],
)
def test_the_pages_own_headline_and_day_not_its_menu(world, head):
    article = imported(world, portal_page(head))
    assert article.title == HEADLINE
    assert article.record["meeting"]["date"] == "2021-03-05"  # "Sáng 5/3": the year from the page's meta tags
    assert "no meeting date found" not in article.record["warnings"]
    assert "Trang chủ" not in article.title


def test_an_h1_the_title_repeats_is_the_headline_a_logo_in_an_h1_is_not(world):
    head = f"<title>{HEADLINE} - Báo Bắc Nam điện tử</title>"
    top = f"<h1>Báo Bắc Nam điện tử cơ quan của Đảng bộ</h1><h1>{HEADLINE}</h1>"
    assert page_facts(portal_page(head, top).decode()).headline == HEADLINE
    assert page_facts(portal_page("<title>Trang chủ | Tin tức | Liên hệ</title>", top).decode()).headline == (
        "Báo Bắc Nam điện tử cơ quan của Đảng bộ"  # no title to tell: the first headline-like h1
    )


def test_a_page_with_no_day_anywhere_is_kept_with_a_warning(world):
    body = "<p>Ban Thường vụ Tỉnh ủy Bắc Nam họp phiên thường kỳ. Đồng chí Trần Văn Chủ, Bí thư Tỉnh ủy chủ trì.</p>"
    article = imported(world, portal_page("<title>Trang chủ | Tin tức | Liên hệ</title>", body=body))
    assert article.record["meeting"]["date"] is None
    assert "no meeting date found" in article.record["warnings"]
    assert not article.title.startswith("Trang chủ")
    with translation.override("vi"):
        said = translated("no meeting date found")
    assert said == "Không tìm thấy ngày họp trong bài viết: hãy nhập ngày diễn ra cuộc họp."
    page = client_for(world.users["office"]).get(reverse("ingest:review", args=[article.pk])).content.decode()
    assert said in page.split('id="warnings"')[1].split("</div>")[0]  # in the box "check before accepting"


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n", "là tệp PDF"),
        (b"\n\n%PDF-1.7\n1 0 obj\n", "là tệp PDF"),
        (_docx(), "là văn bản Word (DOCX)"),
        (b"\x89PNG\r\n\x1a\n" + b"IHDR" * 10, "là hình ảnh"),
        (b"MZ\x90\x00\x03", "là một tệp chương trình"),
    ],
)
def test_a_document_renamed_html_is_refused_for_what_it_is(world, content, said):
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        imported(world, content, name="bai-viet.html")
    [message] = refused.value.messages
    assert message.startswith(f"bai-viet.html {said}, không phải bài viết")
    assert not ArticleImport.objects.exists()


@given(st.lists(st.text(alphabet="abcdeđôư ", min_size=1, max_size=12), min_size=2, max_size=6))
def test_a_menu_of_short_entries_is_never_a_headline(entries):
    entries = [" ".join(entry.split()[:3]) or "x" for entry in entries]
    assert page_facts(f"<title>{' | '.join(entries)}</title>").headline is None
