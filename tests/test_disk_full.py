"""A full disk: the data folder's `files/` on a small tmpfs of its own, filled. An upload that cannot be written is
refused with a message the sender can act on, leaves no half-written file and no row, and nothing else changes;
once there is room again the same upload goes through."""

import os
import subprocess

import pytest
from django.urls import reverse

from hoinghi.core.models import AuditEvent
from hoinghi.meetings.models import Document, DocumentVersion
from tests.test_documents import setting, text_pdf, upload

__all__ = ["setting"]  # the papers' meeting, scheduled, as tests/test_documents.py has it

SIZE = 512 * 1024
PAPER = text_pdf("Budget 2026") + b"%" + os.urandom(96 * 1024)  # a PDF with 96 KB of trailing bytes: still a PDF


@pytest.fixture
def small_disk(settings, tmp_path):
    # Mounting needs root, as the CI machine and the test command's own installs do: elsewhere this fails, not skips.
    files = tmp_path / "files"
    files.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={SIZE}", "tmpfs", str(files)], check=True)
    settings.MEDIA_ROOT = files
    settings.LANGUAGE_CODE = "vi"
    try:
        yield files
    finally:
        subprocess.run(["umount", str(files)], check=True)


def fill(folder, leave: int):
    """Fill the file system of `folder` but for about `leave` bytes."""
    free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
    filler = folder / "filler"
    filler.write_bytes(b"\0" * max(0, free - leave))
    return filler


def test_a_paper_that_does_not_fit_is_refused_whole_and_fits_once_there_is_room(world, setting, small_disk, client):
    _, item, _, _ = setting
    filler = fill(small_disk, leave=32 * 1024)
    client.force_login(world.users["office"])
    events = AuditEvent.objects.count()
    url = reverse("meetings:document_upload", args=[item.pk])
    form = {"title": "Báo cáo", "kind": "report", "confidentiality": "normal"}
    response = client.post(url, form | {"file": upload("Báo cáo.pdf", PAPER)}, follow=True)
    assert "Ổ đĩa của máy chủ đã đầy" in response.content.decode()
    assert not Document.objects.exists() and not DocumentVersion.objects.exists()
    assert list(AuditEvent.objects.order_by("pk").values_list("verb", flat=True)[events:]) == []
    assert [path.name for path in small_disk.rglob("*") if path.is_file()] == ["filler"]  # no half-written file

    filler.unlink()
    response = client.post(url, form | {"file": upload("Báo cáo.pdf", PAPER)})
    assert response.status_code == 302
    version = DocumentVersion.objects.get()
    assert (small_disk / version.file.name).read_bytes() == PAPER
