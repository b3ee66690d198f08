"""Damaged and hostile uploads (tests/fuzz_files.py) never crash anything, nor run past the limits: the upload
check refuses them with a Vietnamese message or lets them through; a paper let through is read and drawn by the
worker's child process under hoinghi.core.confine's limits and marked "could not read" or "too large" when it
cannot be, its pages still answering; the archive reader reads any bytes; the figures import refuses a damaged
workbook with a message, never an exception of the Excel reader.

Hypothesis draws the damage where a try is cheap (in this process); the papers, each read by a child process,
are a fixed set of damages at many offsets.
"""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.utils import translation
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from hoinghi.core import uploads
from hoinghi.ingest import reading as article_reading
from hoinghi.meetings import documents
from hoinghi.meetings.models import DocumentVersion
from hoinghi.targets import importing
from tests import fuzz_files as fuzz
from tests.figure_sheets import written
from tests.target_helpers import Q1, build_plan
from tests.test_target_import import KEYS

SOUND = {
    "pdf": fuzz.sound_pdf(),
    "docx": fuzz.sound_docx(),
    "png": fuzz.sound_image("PNG"),
    "jpg": fuzz.sound_image("JPEG"),
}
Extraction, Pages = DocumentVersion.Extraction, DocumentVersion.Pages
# Bounded: each example is a few milliseconds, the whole draw a few seconds.
BOUNDED = hypothesis_settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def damaged(sound: bytes):
    """A truncation anywhere, or up to 32 bits flipped anywhere."""
    cut = st.integers(1, len(sound) - 1).map(lambda offset: sound[:offset])
    flips = st.tuples(st.integers(0, 2**32), st.integers(1, 32)).map(lambda d: fuzz.flipped(sound, *d))
    return st.one_of(cut, flips)


def vietnamese(error: ValidationError) -> str:
    message = " ".join(error.messages)
    assert message and any(ch in message for ch in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệịọỏốồổỗộớờởỡợụủứừửữựỳỷỹý"), message
    return message


@BOUNDED
@given(kind=st.sampled_from(sorted(SOUND)), data=st.data())
def test_the_upload_check_passes_or_names_any_damaged_file(kind, data):
    content = data.draw(damaged(SOUND[kind]))
    with translation.override("vi"):
        try:
            uploads.checked_file(SimpleUploadedFile(f"giay-to.{kind}", content))
        except ValidationError as refusal:
            vietnamese(refusal)


@BOUNDED
@given(data=st.binary(max_size=4000) | st.text(max_size=4000).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_the_archive_reader_reads_any_bytes(data):
    text, warnings = article_reading.read_text(data)
    assert isinstance(text, str) and all(isinstance(warning, str) for warning in warnings)


@pytest.mark.parametrize(
    "content",
    [
        b"<div>" * 100_000 + "Hội nghị Ban Thường vụ".encode() + b"</div>" * 100_000,
        b"<p>" + "Kết luận".encode() * 200_000 + b"</p>",
        "<html><meta charset=windows-1258><p>Hội nghị</p>".encode() + bytes(range(128, 256)) * 50,
    ],
    ids=["nested", "long", "mixed encodings"],
)
def test_the_archive_reader_reads_deep_and_long_pages(content):
    text, _warnings = article_reading.read_text(content)
    assert "Hội nghị" in text or "Kết luận" in text


@pytest.fixture
def figures(world):
    """A sound figures workbook of the unit, whose damaged copies the import is given."""
    plan = build_plan(world)
    rows = [[plan.services.pk, Q1, world.department.pk, 62.5, None, "Theo báo cáo"]]
    return world.users["unit"], written(KEYS, [key.title() for key in KEYS], rows)


@BOUNDED
@given(data=st.data())
def test_the_figures_import_refuses_a_damaged_workbook_with_a_message(figures, data):
    unit, sound = figures
    strategies = [
        damaged(sound),
        st.sampled_from(["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "[Content_Types].xml"]).flatmap(
            lambda member: st.integers(0, 2**31).map(lambda size: fuzz.lying_sizes(sound, member, size))
        ),
    ]
    content = data.draw(st.one_of(strategies))
    with translation.override("vi"):
        try:
            importing.check_import_figures(unit, SimpleUploadedFile("so-lieu.xlsx", content), dry_run=True)
        except ValidationError as refusal:
            vietnamese(refusal)


def papers() -> list[tuple[str, str, bytes]]:
    """(name, file name, content): every damage of every kind, and the hostile files."""
    made = []
    for kind, sound in SOUND.items():
        made += [(f"{kind} cut at {len(cut)}", f"giay-to.{kind}", cut) for cut in fuzz.truncations(sound)]
        made += [(f"{kind} flipped {seed}", f"giay-to.{kind}", fuzz.flipped(sound, seed)) for seed in range(3)]
    docx = SOUND["docx"]
    made += [
        ("docx with lying sizes", "giay-to.docx", fuzz.lying_sizes(docx, "word/document.xml", 5)),
        ("docx with huge sizes", "giay-to.docx", fuzz.lying_sizes(docx, "word/document.xml", 2**31)),
        ("docx bomb", "giay-to.docx", fuzz.bomb(docx, "word/media/image1.png", 200)),
        (
            "docx nested 100000 deep",
            "giay-to.docx",
            fuzz.replaced(docx, "word/document.xml", fuzz.nested_document(100_000)),
        ),
        ("docx billion laughs", "giay-to.docx", fuzz.replaced(docx, "word/document.xml", fuzz.laughing_document())),
        ("png of 60000 × 60000", "anh.png", fuzz.png_claiming(60_000, 60_000)),
        ("png of 12000 × 12000", "anh.png", fuzz.png_claiming(12_000, 12_000)),
        ("pdf of 2000000000 pages", "giay-to.pdf", fuzz.pdf_claiming_pages(2_000_000_000)),
        ("pdf of a 200-inch page", "giay-to.pdf", fuzz.pdf_of_huge_page()),
    ]
    return made


PAPERS = papers()


@pytest.fixture
def item(world, settings, tmp_path):
    settings.MEDIA_ROOT, settings.PAGES_DIR = tmp_path / "files", tmp_path / "pages"
    # The limits a damaged file meets: short, so that one that would run on is stopped soon.
    settings.PAPER_WORK_SECONDS, settings.PAPER_WORK_MEMORY_MB = 15, 768
    return world.item(world.meeting())


@pytest.mark.parametrize("name, file_name, content", PAPERS, ids=[paper[0] for paper in PAPERS])
def test_a_damaged_paper_is_refused_or_marked_never_raised(world, item, client, name, file_name, content):
    office = world.users["office"]
    # A DOCX is drawn by LibreOffice (seconds each): its damaged copies are read as normal papers, hostile ones drawn.
    damaged_docx = name.startswith("docx ") and ("cut" in name or "flipped" in name)
    confidentiality = "normal" if damaged_docx else "secret"
    with translation.override("vi"), TestCase.captureOnCommitCallbacks(execute=True):
        try:
            paper = documents.check_upload_document(
                office,
                item,
                title="Tờ trình",
                kind="report",
                confidentiality=confidentiality,
                uploaded_file=SimpleUploadedFile(file_name, content),
            )
        except ValidationError as refusal:
            vietnamese(refusal)
            return
    version = paper.versions.get()
    assert version.extraction in {
        Extraction.DONE,
        Extraction.CUT,
        Extraction.NOT_APPLICABLE,
        Extraction.FAILED,
        Extraction.TOO_LARGE,
    }
    if confidentiality == "secret":
        assert version.pages in {Pages.READY, Pages.UNREADABLE, Pages.TOO_LARGE}
    client.force_login(office)
    assert client.get(f"/meetings/items/{item.pk}/").status_code == 200  # the paper listed with its state
    assert client.get(f"/meetings/documents/{paper.pk}/").status_code in (200, 403)  # (a secret one: the room's)
