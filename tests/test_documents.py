"""Papers of an item: uploads checked by content and size, text extraction, versions, and the
confidential viewer (who may open, the opening log, the watermark, losing access at once)."""

import datetime
import hashlib
import io
import zipfile

import docx
import pypdfium2 as pdfium
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from hoinghi.core import filetypes
from hoinghi.core.models import AuditEvent
from hoinghi.directory.models import Membership
from hoinghi.meetings import documents, pages, services
from hoinghi.meetings.models import AgendaItem, DocumentVersion
from hoinghi.meetings.tasks import extract_text

ROLES = ["office", "chair", "member", "member2", "invitee", "unit", "leader", "admin", "outsider"]
MAY_OPEN_SECRET = {"chair", "member", "member2", "invitee"}


# Real files, made in memory.


def text_pdf(*lines: str) -> bytes:
    """A one-page PDF showing `lines` (ASCII), written by hand: a PDF library would need a font file to do it."""
    shown = " ".join(f"({line}) Tj 0 -20 Td" for line in lines)
    stream = f"BT /F1 14 Tf 72 720 Td {shown} ET"
    bodies = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        " /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO(b"%PDF-1.4\n")
    out.seek(0, io.SEEK_END)
    offsets = []
    for number, body in enumerate(bodies, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode())
    xref = out.tell()
    out.write(f"xref\n0 {len(bodies) + 1}\n0000000000 65535 f \n".encode())
    out.write("".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode())
    out.write(f"trailer\n<< /Size {len(bodies) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def blank_pdf(pages: int = 1) -> bytes:
    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(595, 842)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def png(size=(40, 30), color="white") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "PNG")
    return out.getvalue()


def docx_file(*paragraphs: str, picture: bytes | None = None) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if picture:
        document.add_picture(io.BytesIO(picture))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def zip_file(parts: dict) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, text in parts.items():
            package.writestr(name, text)
    return out.getvalue()


def xlsx_file(rows) -> bytes:
    """The smallest workbook a reader accepts: one sheet of inline strings and numbers."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"

    def cell(value):
        if isinstance(value, int | float):
            return f"<c><v>{value}</v></c>"
        return f'<c t="inlineStr"><is><t>{value}</t></is></c>'

    data = "".join(f"<row>{''.join(cell(value) for value in row)}</row>" for row in rows)
    return zip_file(
        {
            "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/></Types>',
            "_rels/.rels": f'<Relationships xmlns="{pkg}"><Relationship Id="r1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
            "xl/workbook.xml": f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="Chỉ tiêu" sheetId="1" r:id="r1"/></sheets></workbook>',
            "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{pkg}"><Relationship Id="r1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
            "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{main}"><sheetData>{data}</sheetData></worksheet>',
        }
    )


EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00" + b"\x00" * 200


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


# The meeting: scheduled, with a normal item and a secret item; the invitee is invited to both.


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploads go to a folder of the test's own; messages are checked in their English source form."""
    settings.MEDIA_ROOT = tmp_path
    settings.LANGUAGE_CODE = "en"
    return tmp_path


@pytest.fixture
def setting(world):
    meeting = world.meeting()
    item = world.item(meeting)
    secret_item = world.item(meeting, title="Công tác cán bộ", kind="personnel", confidentiality="secret")
    other_item = world.item(meeting, title="Báo cáo tình hình kinh tế - xã hội")
    services.check_add_participant(
        world.users["office"], meeting, world.people["invitee"], "invitee", [item, secret_item]
    )
    services.check_take_step(world.users["office"], meeting, "schedule")
    # Read back what the step changed, as the next request would.
    meeting.refresh_from_db()
    item, secret_item, other_item = (AgendaItem.objects.get(pk=i.pk) for i in (item, secret_item, other_item))
    return meeting, item, secret_item, other_item


def add(world, item, data=None, name="bao-cao.pdf", confidentiality="normal", title="Báo cáo"):
    """Upload a paper as the office, and let the worker read it (and draw a confidential one's pages)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return documents.check_upload_document(
            world.users["office"],
            item,
            title=title,
            kind="report",
            confidentiality=confidentiality,
            uploaded_file=upload(name, data if data is not None else text_pdf("Budget 2025")),
        )


# Sniffing.


@pytest.mark.parametrize(
    "data, expected",
    [
        (text_pdf("x"), filetypes.PDF),
        (png(), filetypes.PNG),
        (docx_file("Xin chào"), filetypes.DOCX),
        (xlsx_file([["a"]]), filetypes.XLSX),
    ],
)
def test_sniff_reads_the_content(data, expected):
    assert filetypes.sniff(io.BytesIO(data)) == expected


def needing_zip_version(version: int, data: bytes) -> bytes:
    """`data`, a zip, whose central directory says its first member needs that version of the format to extract."""
    at = data.index(b"PK\x01\x02") + 6
    return data[:at] + version.to_bytes(2, "little") + data[at + 2 :]


@pytest.mark.parametrize(
    "data, code",
    [
        (EXE, "program"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 100, "program"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "legacy_office"),
        (zip_file({"word/other.xml": "<x/>"}), "zip"),
        (docx_file("x")[:200], "damaged_zip"),
        (needing_zip_version(84, docx_file("x")), "damaged_zip"),  # zipfile: NotImplementedError (found by a fuzz test)
        (b"just some words", "unknown"),
    ],
)
def test_sniff_refuses_other_content(data, code):
    with pytest.raises(filetypes.Unsupported) as refusal:
        filetypes.sniff(io.BytesIO(data))
    assert refusal.value.code == code


# Uploads.


def test_upload_stores_a_version_under_a_neutral_name_and_reads_its_text(
    world, setting, media, django_capture_on_commit_callbacks
):
    _, item, _, _ = setting
    data = text_pdf("Budget 2025", "Digital transformation")
    with django_capture_on_commit_callbacks(execute=True):
        document = add(world, item, data, name="../../Báo cáo <mật>.pdf")
    version = document.current
    version.refresh_from_db()
    assert (version.number, version.media_type, version.extension) == (1, "application/pdf", ".pdf")
    assert version.sha256 == hashlib.sha256(data).hexdigest() and version.size == len(data)
    assert version.original_name == "Báo cáo <mật>.pdf"
    assert version.file.name == f"documents/{document.pk}/1-{version.sha256[:16]}.pdf"
    assert (media / version.file.name).read_bytes() == data
    assert version.extraction == DocumentVersion.Extraction.DONE
    assert "Budget 2025" in version.extracted_text and version.page_count == 1
    assert AuditEvent.objects.filter(verb="document.upload", object_id=str(document.pk)).exists()


def test_the_content_decides_the_type_not_the_name(world, setting):
    _, item, _, _ = setting
    version = add(world, item, png(), name="to-trinh.pdf").current
    assert (version.media_type, version.extension) == ("image/png", ".png")


@pytest.mark.parametrize(
    "name, data, says",
    [
        ("bao-cao.pdf", EXE, "a program"),
        ("bao-cao.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "old Word or Excel"),
        ("bao-cao.xlsx", zip_file({"a.txt": "hi"}), "not a DOCX or XLSX"),
    ],
)
def test_a_renamed_file_is_refused_and_nothing_is_kept(world, setting, media, name, data, says):
    _, item, _, _ = setting
    with pytest.raises(ValidationError) as error:
        add(world, item, data, name=name)
    message = " ".join(error.value.messages)
    assert "This file is not a PDF, DOCX, XLSX or image" in message and says in message
    assert not item.documents.exists()
    assert not (media / "documents").exists()


def test_an_oversize_file_is_refused_before_it_is_read(world, setting, settings):
    _, item, _, _ = setting
    settings.UPLOAD_MAX_BYTES = 2 * 1024 * 1024

    class Huge(SimpleUploadedFile):
        def read(self, *args):
            raise AssertionError("the content was read")

        chunks = read

    huge = Huge("lon.pdf", b"%PDF-1.4")
    huge.size = settings.UPLOAD_MAX_BYTES + 1
    with pytest.raises(ValidationError) as error:
        documents.check_upload_document(
            world.users["office"], item, title="", kind="report", confidentiality="normal", uploaded_file=huge
        )
    assert error.value.messages == ["This file is larger than 2 MB."]
    assert not item.documents.exists()


def test_a_truncated_pdf_is_kept_and_marked_unreadable(world, setting, client, django_capture_on_commit_callbacks):
    _, item, _, _ = setting
    with django_capture_on_commit_callbacks(execute=True):
        document = add(world, item, text_pdf("Budget")[:300])
    version = document.current
    version.refresh_from_db()
    assert version.extraction == DocumentVersion.Extraction.FAILED and version.file.size == 300
    client.force_login(world.users["member"])
    page = client.get(reverse("meetings:document_view", args=[document.pk]))
    assert page.status_code == 200
    assert "This file could not be read" in page.content.decode()
    image = client.get(reverse("meetings:document_page", args=[document.pk, 1, 1]))
    assert image.status_code == 404


def test_docx_text_is_extracted_in_nfc(world, setting, django_capture_on_commit_callbacks):
    _, item, _, _ = setting
    decomposed = "Nghi\u0323 quyê\u0301t chuyển đổi số"
    with django_capture_on_commit_callbacks(execute=True):
        document = add(world, item, docx_file("Dự thảo", decomposed), name="du-thao.docx")
    version = DocumentVersion.objects.get(document=document)
    assert version.extraction == DocumentVersion.Extraction.DONE
    assert "Nghị quyết chuyển đổi số" in version.extracted_text and "Dự thảo" in version.extracted_text


def test_a_corrupt_docx_is_marked_failed_and_the_task_does_not_raise(world, setting):
    _, item, _, _ = setting
    document = add(world, item, zip_file({"word/document.xml": "<not really"}), name="hong.docx")
    version = document.current
    assert version.extension == ".docx"
    assert extract_text.call(version.pk) == DocumentVersion.Extraction.FAILED
    version.refresh_from_db()
    assert version.extraction == DocumentVersion.Extraction.FAILED and version.file.size > 0


def test_a_missing_file_is_marked_failed(world, setting):
    _, item, _, _ = setting
    version = add(world, item).current
    version.file.storage.delete(version.file.name)
    assert extract_text.call(version.pk) == DocumentVersion.Extraction.FAILED


def test_a_new_version_keeps_the_old_ones(world, setting, media):
    _, item, _, _ = setting
    document = add(world, item, text_pdf("First"))
    first = document.current
    second = documents.check_add_version(world.users["office"], document, upload("v2.pdf", text_pdf("Second")))
    assert [v.number for v in document.versions.all()] == [2, 1]
    assert document.current == second
    assert (media / first.file.name).exists() and (media / second.file.name).exists()
    with pytest.raises(ValidationError, match="same as the current version"):
        documents.check_add_version(world.users["office"], document, upload("v3.pdf", text_pdf("Second")))
    assert AuditEvent.objects.filter(verb="document.version", object_id=str(document.pk)).count() == 1


@pytest.mark.parametrize("role", [r for r in ROLES if r not in {"office", "admin"}])
def test_only_the_office_adds_papers(world, setting, role):
    _, item, _, _ = setting
    with pytest.raises(PermissionDenied):
        documents.check_upload_document(
            world.users[role],
            item,
            title="x",
            kind="report",
            confidentiality="normal",
            uploaded_file=upload("x.pdf", text_pdf("x")),
        )


def test_papers_of_a_closed_meeting_cannot_change(world, setting):
    meeting, item, _, _ = setting
    document = add(world, item)
    services.check_take_step(world.users["chair"], meeting, "start")
    services.check_take_step(world.users["chair"], meeting, "close")
    item.refresh_from_db()
    with pytest.raises(ValidationError, match="closed meeting"):
        add(world, item)
    with pytest.raises(ValidationError, match="closed meeting"):
        documents.check_add_version(world.users["office"], document, upload("v2.pdf", text_pdf("v2")))


def test_a_paper_is_at_least_as_confidential_as_its_item(world, setting):
    _, _, secret_item, _ = setting
    with pytest.raises(ValidationError, match="less confidential"):
        add(world, secret_item, confidentiality="normal")
    assert add(world, secret_item, confidentiality="top_secret").is_confidential


def test_upload_view_shows_the_refusal_on_the_item_page(world, setting, client):
    _, item, _, _ = setting
    client.force_login(world.users["office"])
    url = reverse("meetings:document_upload", args=[item.pk])
    response = client.post(
        url, {"title": "", "kind": "report", "confidentiality": "normal", "file": upload("a.pdf", EXE)}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("meetings:item", args=[item.pk])
    assert "its content is a program" in response.content.decode()
    response = client.post(
        url, {"kind": "annex", "confidentiality": "normal", "file": upload("Phụ lục.pdf", text_pdf("x"))}
    )
    assert response.status_code == 302
    assert item.documents.get().title == "Phụ lục"


# Who may open a confidential paper, and the record of every opening.


@pytest.mark.parametrize("role", ROLES)
def test_confidential_paper_by_role(world, setting, client, role):
    _, _, secret_item, _ = setting
    document = add(world, secret_item, blank_pdf(), confidentiality="secret")
    client.force_login(world.users[role])
    view = client.get(reverse("meetings:document_view", args=[document.pk]))
    page = client.get(reverse("meetings:document_page", args=[document.pk, 1, 1]))
    expected = 200 if role in MAY_OPEN_SECRET else 403
    assert (view.status_code, page.status_code) == (expected, expected)
    opens = AuditEvent.objects.filter(verb="document.open", object_id=str(document.pk))
    assert list(opens.values_list("actor_username", flat=True)) == (
        [world.users[role].username] if expected == 200 else []
    )


def test_an_invitee_opens_only_the_papers_of_his_items(world, setting, client):
    meeting, _, _, other_item = setting
    secret_other = world.item(meeting, title="Kỷ luật", confidentiality="secret")
    for paper_item in (other_item, secret_other):
        document = add(world, paper_item, confidentiality=paper_item.confidentiality)
        client.force_login(world.users["invitee"])
        assert client.get(reverse("meetings:document_view", args=[document.pk])).status_code == 403


def test_every_opening_is_logged_and_the_office_reads_the_log(world, setting, client):
    _, _, secret_item, _ = setting
    document = add(world, secret_item, blank_pdf(), confidentiality="secret")
    client.force_login(world.users["member"])
    for _ in range(2):
        client.get(reverse("meetings:document_view", args=[document.pk]))
    assert (
        AuditEvent.objects.filter(
            verb="document.open", object_id=str(document.pk), actor_id=world.users["member"].pk
        ).count()
        == 2
    )
    log_url = reverse("meetings:document_access_log", args=[document.pk])
    assert client.get(log_url).status_code == 403
    client.force_login(world.users["office"])
    log = client.get(log_url)
    assert log.status_code == 200 and log.content.decode().count("Lê Thị Ủy") == 2


def test_a_page_fetched_without_the_viewer_is_an_opening_too(world, setting, client):
    _, _, secret_item, _ = setting
    document = add(world, secret_item, blank_pdf(2), confidentiality="secret")
    client.force_login(world.users["chair"])
    for page in (1, 2):
        assert client.get(reverse("meetings:document_page", args=[document.pk, 1, page])).status_code == 200
    assert AuditEvent.objects.filter(verb="document.open", object_id=str(document.pk)).count() == 1


def test_confidential_pages_are_watermarked_images_never_cached_never_the_file(world, setting, client):
    _, _, secret_item, _ = setting
    data = blank_pdf()
    document = add(world, secret_item, data, confidentiality="secret")
    client.force_login(world.users["member"])
    response = client.get(reverse("meetings:document_page", args=[document.pk, 1, 1]))
    assert response["Content-Type"] == "image/png"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith("inline")
    assert response.content != data and response.content.startswith(b"\x89PNG")
    image = Image.open(io.BytesIO(response.content)).convert("L")
    # The page is blank: every dark pixel is the burnt-in watermark, as dark as print.
    dark = sum(1 for value in image.get_flattened_data() if value < 32)
    assert dark > image.width * image.height * 0.02
    download = client.get(reverse("meetings:document_download", args=[document.pk]))
    assert download.status_code == 403
    assert "cannot be downloaded" in download.content.decode()


def test_a_normal_paper_downloads_as_itself(world, setting, client):
    _, item, _, _ = setting
    data = text_pdf("Budget")
    document = add(world, item, data, name="Báo cáo.pdf")
    client.force_login(world.users["member"])
    response = client.get(reverse("meetings:document_download", args=[document.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == data
    assert response["Content-Disposition"].startswith("attachment")
    client.force_login(world.users["outsider"])
    assert client.get(reverse("meetings:document_download", args=[document.pk])).status_code == 403


def test_the_watermark_names_the_reader_and_the_local_time(world):
    at = datetime.datetime(2025, 3, 5, 7, 30, tzinfo=datetime.UTC)
    assert pages.watermark_text(world.users["member"], at) == "Lê Thị Ủy · 05/03/2025 14:30"
    assert pages.watermark_text(world.users["office"], at) == "office · 05/03/2025 14:30"


def test_a_member_who_loses_his_seat_loses_access_at_once(world, setting, client):
    _, _, secret_item, _ = setting
    document = add(world, secret_item, blank_pdf(), confidentiality="secret")
    client.force_login(world.users["member"])
    check = reverse("meetings:document_access_check", args=[document.pk])
    viewer_page = client.get(reverse("meetings:document_view", args=[document.pk])).content.decode()
    assert f'hx-get="{check}"' in viewer_page and 'hx-trigger="every 2s"' in viewer_page
    assert client.get(check).status_code == 204
    Membership.objects.filter(person=world.people["member"]).update(
        end=datetime.date.today() - datetime.timedelta(days=1)
    )
    gone = client.get(check)
    assert gone.status_code == 200 and "You no longer have access to this document" in gone.content.decode()
    assert 'id="document-viewer"' in gone.content.decode()
    assert client.get(reverse("meetings:document_page", args=[document.pk, 1, 1])).status_code == 403


def test_an_ended_session_blanks_the_viewer_instead_of_loading_the_login_page(world, setting, client):
    _, _, secret_item, _ = setting
    document = add(world, secret_item, confidentiality="secret")
    response = client.get(reverse("meetings:document_access_check", args=[document.pk]))
    assert response.status_code == 200 and "You no longer have access" in response.content.decode()


def test_a_normal_docx_is_shown_as_clean_html(world, setting, client):
    _, item, _, _ = setting
    data = docx_file("Phương án phát triển", "<script>alert(1)</script>", picture=png((80, 60), "navy"))
    document = add(world, item, data, name="phuong-an.docx")
    client.force_login(world.users["invitee"])
    response = client.get(reverse("meetings:document_view", args=[document.pk]))
    html = response.content.decode()
    assert "Phương án phát triển" in html and "<script>alert" not in html
    assert 'src="data:image/png;base64,' in html


def test_xlsx_is_shown_as_a_table(world, setting, client):
    _, item, _, _ = setting
    document = add(world, item, xlsx_file([["Chỉ tiêu", "Năm"], ["Dịch vụ công trực tuyến", 2025]]), name="bang.xlsx")
    client.force_login(world.users["leader"])
    html = client.get(reverse("meetings:document_view", args=[document.pk])).content.decode()
    assert "<td>Dịch vụ công trực tuyến</td><td>2025</td>" in html
    assert "watermark-layer" not in html


# The list on the item page.


def test_the_list_says_what_each_reader_may_do(world, setting):
    _, _, secret_item, _ = setting
    normal = add(world, secret_item, confidentiality="secret", title="Tờ trình")
    office = documents.documents_for(world.users["office"], secret_item)
    member = documents.documents_for(world.users["member"], secret_item)
    assert office.can_upload and not member.can_upload
    assert [(r.document, r.can_open, r.can_download, r.can_read_log) for r in office.rows] == [
        (normal, False, False, True)
    ]
    assert [(r.can_open, r.can_download, r.can_add_version) for r in member.rows] == [(True, False, False)]
    assert [value for value, _ in office.levels] == ["secret", "top_secret"]


def test_the_list_takes_a_fixed_number_of_queries(world, setting):
    _, item, _, _ = setting

    def queries():
        with CaptureQueriesContext(connection) as captured:
            documents.documents_for(world.users["member"], item)
        return len(captured)

    add(world, item)
    few = queries()
    for n in range(4):
        add(world, item, confidentiality="secret" if n % 2 else "normal", title=f"Phụ lục {n}")
    assert queries() <= few + 2  # at most one more permission question per confidentiality level


def test_the_item_page_lists_papers_and_offers_the_upload_form_to_the_office(world, setting, client):
    _, item, _, _ = setting
    add(world, item, title="Báo cáo tổng kết")
    client.force_login(world.users["office"])
    html = client.get(reverse("meetings:item", args=[item.pk])).content.decode()
    assert "Báo cáo tổng kết" in html and reverse("meetings:document_upload", args=[item.pk]) in html
    client.force_login(world.users["member"])
    html = client.get(reverse("meetings:item", args=[item.pk])).content.decode()
    assert "Báo cáo tổng kết" in html and reverse("meetings:document_upload", args=[item.pk]) not in html
