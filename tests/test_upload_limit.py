"""An oversize upload over HTTP: refused by size with a clear message, and not kept past the limit."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from hoinghi.core.uploads import SizeLimitHandler
from hoinghi.meetings import services
from hoinghi.meetings.models import Document


def test_oversize_upload_over_http(world, settings):
    settings.UPLOAD_MAX_BYTES = 64 * 1024
    settings.LANGUAGE_CODE = "en"
    meeting = world.meeting()
    item = world.item(meeting)
    services.check_take_step(world.users["office"], meeting, "schedule")
    client = Client()
    client.force_login(world.users["office"])
    big = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.7\n" + b"0" * (200 * 1024), content_type="application/pdf")
    response = client.post(
        reverse("meetings:document_upload", args=[item.pk]),
        {"file": big, "title": "Báo cáo", "kind": "report", "confidentiality": "normal"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "larger than 0.0625 MB" in response.content.decode()
    assert not Document.objects.exists()


class _Request:
    pass


def test_the_handler_stops_passing_bytes_past_the_limit(settings):
    settings.UPLOAD_MAX_BYTES = 10
    handler = SizeLimitHandler(_Request())
    handler.new_file("file", "a.pdf", "application/pdf", None)
    assert handler.receive_data_chunk(b"12345", 0) == b"12345"
    assert handler.receive_data_chunk(b"6789012", 5) is None
    placeholder = handler.file_complete(12)
    assert placeholder.size == 12 and placeholder.read() == b""
