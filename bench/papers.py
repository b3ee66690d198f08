"""Confidential papers: what drawing their pages costs the worker, what a watermarked page costs a request, and
what becomes of the ZIP bomb (a 0.3 MB DOCX that unpacks to 120 MB).

Builds in a fresh database (SQLite in a temporary directory; with DATABASE_URL, a scratch PostgreSQL database
dropped at the end) a meeting with a confidential item, then:
- the worker's jobs on a DOCX of about --pages pages and on the PDF LibreOffice makes of it: reading the text,
  converting, drawing the pages (each in a child process under the paper limits), seconds per page;
- a member reading the pages through the viewer's URL, in-process through Django's test client: p50/p95 per
  page (the watermark burnt in, PNG encoded), the first page of a minute (its watermark drawn) apart, bytes;
- the bomb: refused at upload, in how long; then, with the unpacked limit raised past it, what the worker's
  jobs make of it within their limits, and an item page holding a version with 120 MB of stored text.

    .venv/bin/python bench/papers.py [--pages 12] [--requests 40] [--json]
"""

import argparse
import datetime
import io
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import percentile, prepare_site, scratch_database

ROOT = Path(__file__).resolve().parent.parent
PARAGRAPH = (
    "Ban Thường vụ Tỉnh ủy thống nhất giới thiệu đồng chí Nguyễn Văn An, Phó Giám đốc Sở, để bổ nhiệm giữ chức "
    "Giám đốc Sở nhiệm kỳ 2025-2030; giao Ban Tổ chức Tỉnh ủy hoàn thiện hồ sơ theo quy định. "
)


def docx_of(pages: int) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("PHƯƠNG ÁN NHÂN SỰ", 1)
    for n in range(pages * 9):  # about nine paragraphs of four lines to a page
        document.add_paragraph(f"{n + 1}. {PARAGRAPH * 2}")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def setting():
    """A scheduled meeting with a confidential item; the office, and a member who reads."""
    from django.utils import timezone

    from hoinghi.directory.models import Body, Membership, Organization, Person, Term, User
    from hoinghi.meetings import services

    committee = Organization.objects.create(name="Tỉnh ủy Thử nghiệm", kind="party", document_code="TU")
    body = Body.objects.create(organization=committee, name="Ban Thường vụ Tỉnh ủy", kind="standing_committee")
    term = Term.objects.create(body=body, ordinal="I", start=datetime.date(2020, 1, 1))
    office = User.objects.create(username="vanphong", role="office")
    person = Person.objects.create(full_name="Lê Thị Ủy")
    Membership.objects.create(person=person, term=term)
    member = User.objects.create(username="uyvien", role="member", person=person)
    meeting = services.do_create_meeting(
        office,
        body=body,
        term=term,
        number=None,
        kind="regular",
        starts_at=timezone.now() + datetime.timedelta(days=3),
        place="",
        title="Hội nghị thử",
    )
    item = services.do_add_item(office, meeting, title="Công tác cán bộ", kind="personnel", confidentiality="secret")
    services.do_take_step(office, meeting, "schedule")
    return office, member, item


def upload(office, item, name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from hoinghi.meetings import documents

    document = documents.do_upload_document(
        office, item, title=name, kind="report", confidentiality="secret", uploaded_file=SimpleUploadedFile(name, data)
    )
    return document, document.versions.get()


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return result, round(time.perf_counter() - start, 2)


def worker_jobs(office, item, pages: int) -> dict:
    """Reading and drawing a DOCX, then the PDF LibreOffice made of it (as a PDF upload)."""
    from hoinghi.meetings import pages as drawn
    from hoinghi.meetings.models import DocumentVersion
    from hoinghi.meetings.tasks import draw_pages, extract_text

    figures = {}
    _docx, version = upload(office, item, "phuong-an.docx", docx_of(pages))
    _, figures["docx_text_s"] = timed(extract_text.call, version.pk)
    _, figures["docx_draw_s"] = timed(draw_pages.call, version.pk)
    version = DocumentVersion.objects.get(pk=version.pk)
    figures["docx_pages"] = version.pages_drawn
    figures["docx_draw_s_per_page"] = round(figures["docx_draw_s"] / max(1, version.pages_drawn), 3)
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "phuong-an.docx"
        source.write_bytes(docx_of(pages))
        pdf = drawn.to_pdf(source, Path(work)).read_bytes()
    document, version = upload(office, item, "phuong-an.pdf", pdf)
    _, figures["pdf_text_s"] = timed(extract_text.call, version.pk)
    _, figures["pdf_draw_s"] = timed(draw_pages.call, version.pk)
    version = DocumentVersion.objects.get(pk=version.pk)
    figures["pdf_draw_s_per_page"] = round(figures["pdf_draw_s"] / max(1, version.pages_drawn), 3)
    figures["stored_page_kb"] = round(
        statistics.mean(path.stat().st_size for path in drawn.folder(version).iterdir()) / 1024
    )
    return figures, document, version


def reading(member, document, version, requests: int) -> dict:
    """A member turning the pages: the first request of a minute draws the watermark, the next reuse it."""
    from django.test import Client
    from django.urls import reverse

    from hoinghi.meetings import pages as drawn

    client = Client()
    client.force_login(member)
    client.get(reverse("meetings:document_view", args=[document.pk]))
    times, sizes, first = [], [], []
    for n in range(requests):
        number = n % version.pages_drawn + 1
        if n % version.pages_drawn == 0:
            drawn.watermark_mask.cache_clear()  # as at the turn of a minute: the watermark's text changes
        url = reverse("meetings:document_page", args=[document.pk, version.number, number])
        start = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - start) * 1000
        assert response.status_code == 200, response.status_code
        (first if n % version.pages_drawn == 0 else times).append(elapsed)
        sizes.append(len(response.content))
    return {
        "page_p50_ms": round(statistics.median(times), 1),
        "page_p95_ms": round(percentile(times, 0.95), 1),
        "first_page_of_a_minute_ms": round(statistics.median(first), 1),
        "page_kb": round(statistics.mean(sizes) / 1024),
    }


def the_bomb(office, member, item) -> dict:
    from django.conf import settings
    from django.core.exceptions import ValidationError
    from django.test import Client
    from django.urls import reverse

    from hoinghi.meetings.models import DocumentVersion
    from hoinghi.meetings.tasks import draw_pages, extract_text
    from tests.paper_files import bomb

    data = bomb()
    figures = {"bomb_bytes": len(data), "bomb_unpacked_mb": 120}
    start = time.perf_counter()
    try:
        upload(office, item, "bom.docx", data)
        figures["bomb_at_upload"] = "accepted"
    except ValidationError:
        figures["bomb_at_upload"] = "refused"
    figures["bomb_refusal_ms"] = round((time.perf_counter() - start) * 1000, 1)
    # Past the upload check (its limit raised), the worker's limits still hold.
    settings.PAPER_UNPACKED_MAX_BYTES = 200 * 1024 * 1024
    _document, version = upload(office, item, "bom.docx", data)
    status, figures["bomb_text_s"] = timed(extract_text.call, version.pk)
    figures["bomb_text"] = status
    figures["bomb_stored_text_chars"] = len(
        DocumentVersion.objects.values_list("extracted_text", flat=True).get(pk=version.pk)
    )
    status, figures["bomb_draw_s"] = timed(draw_pages.call, version.pk)
    figures["bomb_pages"] = status
    # The item page, with 120 MB of text stored in a version (as before the limits): never read.
    DocumentVersion.objects.filter(pk=version.pk).update(extracted_text="A" * (120 * 1024 * 1024))
    client = Client()
    client.force_login(member)
    url = reverse("meetings:item", args=[item.pk])
    times = []
    for _ in range(10):
        start = time.perf_counter()
        assert client.get(url).status_code == 200
        times.append((time.perf_counter() - start) * 1000)
    figures["item_page_with_120mb_text_p50_ms"] = round(statistics.median(times), 1)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=12, help="pages of the DOCX drawn")
    parser.add_argument("--requests", type=int, default=40, help="page requests by the reader")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="hoinghi-bench-")
    os.environ["HOINGHI_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hoinghi.settings")
    os.environ.setdefault("HOINGHI_LOG_LEVEL", "ERROR")
    os.environ["HOINGHI_TASK_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"  # the jobs are called here
    sys.path.insert(0, str(ROOT))
    scratch = scratch_database()
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    try:
        prepare_site()
        office, member, item = setting()
        jobs, document, version = worker_jobs(office, item, args.pages)
        results = {
            "database": connection.vendor,
            "limits": {
                "unpacked_mb": settings.PAPER_UNPACKED_MAX_BYTES // (1024 * 1024),
                "text_chars": settings.PAPER_TEXT_MAX_CHARS,
                "pages": settings.PAPER_MAX_PAGES,
                "work_seconds": settings.PAPER_WORK_SECONDS,
                "work_memory_mb": settings.PAPER_WORK_MEMORY_MB,
            },
            **jobs,
            **reading(member, document, version, args.requests),
            **the_bomb(office, member, item),
        }
    finally:
        if scratch:
            scratch()
    if args.json:
        print(json.dumps(results))
        return
    print(f"database: {results['database']}; limits: {results['limits']}")
    rows = [
        ("DOCX: text read (child process)", f"{results['docx_text_s']} s"),
        (
            f"DOCX: converted and drawn, {results['docx_pages']} pages",
            f"{results['docx_draw_s']} s ({results['docx_draw_s_per_page']} s a page)",
        ),
        ("PDF: text read", f"{results['pdf_text_s']} s"),
        ("PDF: drawn", f"{results['pdf_draw_s']} s ({results['pdf_draw_s_per_page']} s a page)"),
        ("a page kept on disk (no watermark)", f"{results['stored_page_kb']} KB"),
        ("a watermarked page, p50 / p95", f"{results['page_p50_ms']} / {results['page_p95_ms']} ms"),
        ("the first page of a minute", f"{results['first_page_of_a_minute_ms']} ms"),
        ("a watermarked page sent", f"{results['page_kb']} KB"),
        (
            f"the bomb ({results['bomb_bytes'] // 1000} KB → 120 MB) at upload",
            f"{results['bomb_at_upload']} in {results['bomb_refusal_ms']} ms",
        ),
        (
            "the bomb past the upload: text",
            f"{results['bomb_text']} in {results['bomb_text_s']} s, {results['bomb_stored_text_chars']} chars kept",
        ),
        ("the bomb past the upload: pages", f"{results['bomb_pages']} in {results['bomb_draw_s']} s"),
        ("item page, a version holding 120 MB of text", f"{results['item_page_with_120mb_text_p50_ms']} ms"),
    ]
    for label, value in rows:
        print(f"{label:<52} {value}")


if __name__ == "__main__":
    main()
