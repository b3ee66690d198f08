"""Reading a confidential paper: page images only, the reader's name burnt in so that no grey-level threshold or
colour channel removes it; and the limits that keep a hostile file from costing the server (the ZIP bomb, work
past its time or memory, text too long, pages too many, a worker killed in the middle of a job)."""

import io
import itertools
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import xlsxwriter
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult
from PIL import Image

from hoinghi.core import confine, jobs
from hoinghi.meetings import documents, pages, services
from hoinghi.meetings.models import AgendaItem, Document, DocumentVersion
from hoinghi.meetings.tasks import extract_text
from tests.clients import client_for
from tests.paper_files import bomb
from tests.test_documents import blank_pdf, docx_file, upload

READER = "Lê Thị Ủy"  # world's "member"
SECRET_TEXT = "Zqdocx Phương án nhân sự khóa mới"


@pytest.fixture
def secret_item(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"
    settings.PAGES_DIR = tmp_path / "pages"
    meeting = world.meeting()
    item = world.item(meeting, title="Công tác cán bộ", kind="personnel", confidentiality="secret")
    services.check_take_step(world.users["office"], meeting, "schedule")
    return AgendaItem.objects.select_related("meeting").get(pk=item.pk)


def add(world, item, data: bytes, name: str, confidentiality="secret") -> Document:
    """Upload as the office; the worker's jobs run as the upload commits."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        document = documents.check_upload_document(
            world.users["office"],
            item,
            title="Tờ trình nhân sự",
            kind="report",
            confidentiality=confidentiality,
            uploaded_file=upload(name, data),
        )
    return Document.objects.select_related("item__meeting").get(pk=document.pk)


def page_of(client, document, number=1) -> Image.Image:
    response = client.get(reverse("meetings:document_page", args=[document.pk, 1, number]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert "no-store" in response["Cache-Control"]
    assert b"tEXt" not in response.content and b"iTXt" not in response.content and b"zTXt" not in response.content
    return Image.open(io.BytesIO(response.content))


def long_docx() -> bytes:
    """Two pages and more of a personnel paper, with a red heading (a page in colour)."""
    document = docx_file(*[f"{SECRET_TEXT}, đoạn {n}: giới thiệu nhân sự nhiệm kỳ 2025-2030." for n in range(70)])
    import docx
    from docx.shared import RGBColor

    edited = docx.Document(io.BytesIO(document))
    heading = edited.paragraphs[0].insert_paragraph_before("PHƯƠNG ÁN NHÂN SỰ")
    heading.runs[0].font.color.rgb = RGBColor(0xC0, 0x10, 0x10)
    heading.runs[0].font.bold = True
    out = io.BytesIO()
    edited.save(out)
    return out.getvalue()


def workbook() -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out)
    book.add_worksheet("Chỉ tiêu").write_row(0, 0, ["Zqxlsx Chỉ tiêu nhân sự", 12])
    book.close()
    return out.getvalue()


# The browser gets images only.


def test_a_confidential_docx_and_xlsx_reach_the_browser_as_images_only(world, secret_item):
    member = client_for(world.users["member"])
    for data, name in ((long_docx(), "nhan-su.docx"), (workbook(), "bang.xlsx")):
        document = add(world, secret_item, data, name)
        version = document.versions.get()
        assert version.pages == DocumentVersion.Pages.READY and version.pages_drawn >= 1
        html = member.get(reverse("meetings:document_view", args=[document.pk])).content.decode()
        assert "Zqdocx" not in html and "Zqxlsx" not in html and "watermark-layer" not in html
        assert html.count('class="viewer-page"><img') == version.pages_drawn
        for number in range(1, version.pages_drawn + 1):
            image = page_of(member, document, number)
            assert image.width == 1240
        download = member.get(reverse("meetings:document_download", args=[document.pk]))
        assert download.status_code == 403
    assert DocumentVersion.objects.get(extension=".docx").pages_drawn >= 2


def test_the_pages_kept_on_disk_are_the_servers_alone(world, secret_item, settings):
    document = add(world, secret_item, blank_pdf(2), "ho-so.pdf")
    folder = pages.folder(document.versions.get())
    assert settings.PAGES_DIR.stat().st_mode & 0o777 == 0o700
    assert folder.stat().st_mode & 0o777 == 0o700
    assert {path.name: path.stat().st_mode & 0o777 for path in folder.iterdir()} == {"1.png": 0o600, "2.png": 0o600}


def _reads_the_name(image: Image.Image) -> bool:
    """Whether tesseract (Vietnamese) reads the reader's name on a page whose watermark was turned back level, at a
    third, a quarter or half of its size, read as a block or as scattered text (as whoever looks for it would try
    each: where the lines of the watermark cross the page's print depends on the width of the time it names)."""
    level = image.rotate(-pages.ANGLE, expand=True, fillcolor=255)
    env = os.environ | {"OMP_THREAD_LIMIT": "1"}
    for shrink, layout in itertools.product((3, 4, 2), ("6", "11")):
        small = level.resize((level.width // shrink, level.height // shrink), Image.Resampling.BOX)
        buffer = io.BytesIO()
        small.save(buffer, "PNG")
        command = ["tesseract", "stdin", "stdout", "-l", "vie", "--psm", layout]
        if READER in subprocess.run(command, input=buffer.getvalue(), capture_output=True, env=env).stdout.decode():
            return True
    return False


@pytest.mark.skipif(not shutil.which("tesseract"), reason="tesseract-ocr and tesseract-ocr-vie: make system-packages")
def test_the_readers_name_survives_every_grey_threshold_and_colour_channel(world, secret_item):
    """The attack: one grey level keeps the page's print and drops a light watermark. At every level that keeps
    anything, and in each colour channel alone, the reader's name is still read back from the page."""
    document = add(world, secret_item, long_docx(), "nhan-su.docx")
    page = page_of(client_for(world.users["member"]), document).convert("RGB")
    grey = page.convert("L")
    attempts = {
        f"grey below {level}": grey.point(lambda v, t=level: 0 if v < t else 255) for level in (32, 96, 160, 224)
    }
    for name, channel in zip("RGB", page.split(), strict=True):
        attempts[f"{name} channel below 128"] = channel.point(lambda v: 0 if v < 128 else 255)
    unread = [name for name, image in attempts.items() if not _reads_the_name(image)]
    assert not unread


# Limits.


def test_a_zip_bomb_is_refused_before_anything_reads_it(world, secret_item, settings):
    data = bomb()
    assert len(data) < 400_000
    with pytest.raises(ValidationError) as refusal:
        add(world, secret_item, data, "bom.docx", confidentiality="secret")
    assert "64 MB" in " ".join(refusal.value.messages)
    assert not Document.objects.exists() and not any(settings.MEDIA_ROOT.rglob("*.docx"))


def test_work_past_its_time_is_stopped_and_the_reader_told(world, secret_item, settings):
    settings.PAPER_WORK_SECONDS = 0.05  # LibreOffice alone takes far longer to start (1 s did not, once, in CI)
    document = add(world, secret_item, docx_file(SECRET_TEXT), "nhan-su.docx")
    version = document.versions.get()
    assert version.pages == DocumentVersion.Pages.TOO_LARGE and version.pages_drawn == 0
    html = client_for(world.users["member"], "en").get(reverse("meetings:document_view", args=[document.pk]))
    assert "This paper is too large to be shown here." in html.content.decode()
    leftovers = subprocess.run(["pgrep", "-f", "soffice.bin.*hoinghi"], capture_output=True, text=True).stdout
    assert not leftovers  # the converter's whole process group went with it


def running(pid: int) -> bool:
    """Alive, not a zombie waiting for a parent to reap it."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_a_child_past_its_memory_or_time_is_stopped(tmp_path):
    hungry = ["python3", "-c", "x = bytearray(400 * 1024 * 1024)"]
    with pytest.raises(confine.Exceeded):
        confine.run(hungry, confine.Limits(seconds=20, memory_mb=200))
    assert confine.run(["python3", "-c", "print('ok')"], confine.Limits(seconds=20, memory_mb=200)) == "ok\n"
    marker = tmp_path / "still-running"
    sleeper = ["sh", "-c", f"sleep 30 & echo $! > {marker}; wait"]
    with pytest.raises(confine.Exceeded):
        confine.run(sleeper, confine.Limits(seconds=1, memory_mb=200))
    orphan = int(marker.read_text())
    for _ in range(20):  # killed with the group; the kernel may take a moment to end it under load
        if not running(orphan):
            break
        time.sleep(0.1)
    assert not running(orphan)  # its child was killed too
    with pytest.raises(confine.Failed):
        confine.run(["python3", "-c", "raise SystemExit(3)"], confine.Limits(seconds=20, memory_mb=200))


def test_text_past_the_limit_is_cut_and_said(world, secret_item, settings):
    settings.PAPER_TEXT_MAX_CHARS = 50
    item = world.item(secret_item.meeting, title="Báo cáo dài")
    document = add(
        world, item, docx_file(*[f"Đoạn {n} của một báo cáo rất dài." for n in range(100)]), "dai.docx", "normal"
    )
    version = DocumentVersion.objects.get(document=document)
    assert version.extraction == DocumentVersion.Extraction.CUT
    assert len(DocumentVersion.objects.values_list("extracted_text", flat=True).get(pk=version.pk)) == 50
    english = client_for(world.users["member"], "en")
    assert (
        "Text read; too long, its beginning is kept"
        in english.get(reverse("meetings:item", args=[item.pk])).content.decode()
    )
    # Too long to be turned into a page of HTML at every request: the reader is told, the file may be downloaded.
    viewer = english.get(reverse("meetings:document_view", args=[document.pk])).content.decode()
    assert "This paper is too large to be shown here." in viewer and "Đoạn 99" not in viewer


def test_pages_past_the_limit_are_not_drawn(world, secret_item, settings):
    settings.PAPER_MAX_PAGES = 2
    document = add(world, secret_item, blank_pdf(3), "ba-trang.pdf")
    version = document.versions.get()
    assert (version.pages_drawn, version.page_count) == (2, 3)
    member = client_for(world.users["member"], "en")
    assert (
        "Only the first 2 of its 3 pages are shown."
        in member.get(reverse("meetings:document_view", args=[document.pk])).content.decode()
    )
    assert member.get(reverse("meetings:document_page", args=[document.pk, 1, 3])).status_code == 404


def test_no_page_loads_the_extracted_text(world, secret_item):
    """A paper of 120 MB of text made every view of its item slow: the pages that do not show it never read it."""
    item = world.item(secret_item.meeting, title="Báo cáo")
    document = add(world, item, docx_file("Báo cáo"), "bao-cao.docx", "normal")
    DocumentVersion.objects.filter(document=document).update(extracted_text="Zqbulk " * 200_000)
    member = client_for(world.users["member"])
    for url in (reverse("meetings:item", args=[item.pk]), reverse("meetings:document_view", args=[document.pk])):
        with CaptureQueriesContext(connection) as queries:
            response = member.get(url)
        assert response.status_code == 200
        read = [query["sql"] for query in queries if "extracted_text" in query["sql"]]
        assert not read, read
    assert "extracted_text" in document.versions.get().get_deferred_fields()


def test_a_paper_of_an_item_made_confidential_later_is_drawn_when_first_opened(world, secret_item):
    item = world.item(secret_item.meeting, title="Báo cáo chung")
    document = add(world, item, blank_pdf(), "chung.pdf", "normal")
    assert document.versions.get().pages == DocumentVersion.Pages.NONE
    services.check_update_item(world.users["office"], AgendaItem.objects.get(pk=item.pk), confidentiality="secret")
    member = client_for(world.users["member"])
    with TestCase.captureOnCommitCallbacks(execute=True):
        member.get(reverse("meetings:document_view", args=[document.pk]))
    assert document.versions.get().pages == DocumentVersion.Pages.READY
    assert page_of(member, document).width == 1240
    assert member.get(reverse("meetings:document_download", args=[document.pk])).status_code == 403


# A worker killed in the middle of a job.


def _dead_pid() -> int:
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


@pytest.mark.django_db(transaction=True)  # the worker commits, and closes its connections as it goes
def test_jobs_a_killed_worker_left_running_are_run_again_when_the_worker_starts(world, secret_item, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    item = world.item(secret_item.meeting, title="Báo cáo")
    document = add(world, item, docx_file("Báo cáo quý"), "bao-cao.docx", "normal")
    version = document.versions.get()
    DocumentVersion.objects.filter(pk=version.pk).update(extraction=DocumentVersion.Extraction.PENDING)
    killed = extract_text.enqueue(version.pk)
    other_host = extract_text.enqueue(version.pk)
    alive = extract_text.enqueue(version.pk)
    started = timezone.now()
    for result, worker in (
        (killed, f"{jobs.worker_id().rpartition(':')[0]}:{_dead_pid()}"),
        (other_host, "elsewhere:1"),
    ):
        DBTaskResult.objects.filter(pk=result.id).update(
            status=TaskResultStatus.RUNNING, worker_ids=[worker], started_at=started
        )
    DBTaskResult.objects.filter(pk=alive.id).update(
        status=TaskResultStatus.RUNNING, worker_ids=[jobs.worker_id()], started_at=started
    )
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    statuses = {str(pk): status for pk, status in DBTaskResult.objects.values_list("pk", "status")}
    assert statuses[killed.id] == TaskResultStatus.SUCCESSFUL  # run again, to its end
    # Another machine's worker, or a live one, may still be at it: left alone until it is long overdue.
    assert statuses[other_host.id] == statuses[alive.id] == TaskResultStatus.RUNNING
    assert DocumentVersion.objects.get(pk=version.pk).extraction == DocumentVersion.Extraction.DONE
    DBTaskResult.objects.filter(pk=other_host.id).update(started_at=started - jobs.STALE_AFTER * 2)
    assert jobs.recover_stale() == (1, 0)


@task()
def not_repeatable() -> None:
    """A job that must not run twice (not marked retry-safe)."""


def test_a_stale_job_not_safe_to_repeat_is_marked_failed(world, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    job = not_repeatable.enqueue()
    DBTaskResult.objects.filter(pk=job.id).update(
        status=TaskResultStatus.RUNNING, worker_ids=[f"{jobs.worker_id().rpartition(':')[0]}:{_dead_pid()}"]
    )
    assert jobs.recover_stale() == (0, 1)
    failed = DBTaskResult.objects.get(pk=job.id)
    assert failed.status == TaskResultStatus.FAILED and failed.exception_class_path == "hoinghi.core.jobs.StaleJob"
