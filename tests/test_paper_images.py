"""A normal paper's pages sized to the screen, in WebP, kept by the browser and asked for again with their ETag
(the permission checked every time); a confidential paper's pages never kept; the text of a normal paper on its
page for screen readers, never a confidential one's."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from PIL import Image

from hoinghi.meetings import documents, services
from tests.clients import client_for
from tests.test_confidential_papers import add
from tests.test_documents import text_pdf

WEBP = "image/webp,image/png,*/*"


def normal_paper(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PAGES_DIR = tmp_path / "pages"
    meeting = world.meeting()
    item = world.item(meeting, title="Tình hình kinh tế - xã hội")
    with TestCase.captureOnCommitCallbacks(execute=True):  # the worker reads its text
        paper = documents.check_upload_document(
            world.users["office"],
            item,
            title="Báo cáo quý III",
            kind="report",
            confidentiality="normal",
            uploaded_file=SimpleUploadedFile("bao-cao.pdf", text_pdf("Zqnormal Quarterly report on the economy")),
        )
    services.check_take_step(world.users["office"], meeting, "schedule")  # the members see it from now on
    return paper


def test_a_normal_page_is_sized_compressed_and_revalidated(world, settings, tmp_path):
    paper = normal_paper(world, settings, tmp_path)
    member = client_for(world.users["member"])
    url = reverse("meetings:document_page", args=[paper.pk, 1, 1])
    full_png = member.get(url)
    phone = member.get(url, {"w": "640"}, HTTP_ACCEPT=WEBP)
    assert full_png["Content-Type"] == "image/png" and Image.open(io.BytesIO(full_png.content)).width == 1240
    assert phone["Content-Type"] == "image/webp" and Image.open(io.BytesIO(phone.content)).width == 640
    assert len(phone.content) * 5 < len(full_png.content)
    assert phone["Cache-Control"] == "private, no-cache" and "Accept" in phone["Vary"]
    again = member.get(url, {"w": "640"}, HTTP_ACCEPT=WEBP, HTTP_IF_NONE_MATCH=phone["ETag"])
    assert again.status_code == 304 and again.content == b""
    # Another width or format is another image: never answered "not modified" with the phone's tag.
    assert member.get(url, {"w": "1000"}, HTTP_ACCEPT=WEBP, HTTP_IF_NONE_MATCH=phone["ETag"]).status_code == 200
    assert member.get(url, {"w": "9999"}).status_code == 200  # an unknown width: the full drawing
    # Someone outside the meeting who learnt the tag (a shared computer's cache) is refused, not told "not modified".
    outsider = client_for(world.users["outsider"])
    assert outsider.get(url, {"w": "640"}, HTTP_ACCEPT=WEBP, HTTP_IF_NONE_MATCH=phone["ETag"]).status_code == 403


def test_the_viewer_offers_sizes_and_the_text_of_a_normal_paper_only(world, settings, tmp_path):
    paper = normal_paper(world, settings, tmp_path)
    member = client_for(world.users["member"])
    html = member.get(reverse("meetings:document_view", args=[paper.pk])).content.decode()
    assert "?w=640 640w" in html and "?w=1240 1240w" in html
    assert "Văn bản của tài liệu (cho trình đọc màn hình)" in html and "Zqnormal Quarterly report" in html

    secret_item = world.item(paper.item.meeting, title="Công tác cán bộ", kind="personnel", confidentiality="secret")
    secret = add(world, secret_item, text_pdf("Zqsecret Personnel plan"), "nhan-su.pdf")
    html = member.get(reverse("meetings:document_view", args=[secret.pk])).content.decode()
    assert "Zqsecret" not in html and "srcset" not in html
    assert "chỉ hiển thị dưới dạng ảnh trang, không kèm văn bản" in html
    page = member.get(reverse("meetings:document_page", args=[secret.pk, 1, 1]), {"w": "640"}, HTTP_ACCEPT=WEBP)
    assert page["Content-Type"] == "image/png" and "no-store" in page["Cache-Control"] and not page.has_header("ETag")
    # The watermarked drawing as it was, never resized or re-encoded (the watermark: test_confidential_papers.py).
    assert Image.open(io.BytesIO(page.content)).width > 640
