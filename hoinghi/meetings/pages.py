"""Confidential papers are read as page images, never as text.

The worker draws every page of a confidential version once (a DOCX or XLSX through LibreOffice to PDF first), in
a child process under limits (hoinghi.core.confine, hoinghi.meetings.reading), into a folder of its own that only
the server's user may read. What is kept there has no watermark: it shows no more than the stored file it comes
from, which lies beside it on the same disk. Each request for a page then burns the reader's name and the time
into a copy of it, which is sent with no-store and never kept.

The watermark is black in every channel, set in a checkerboard over the letters: the eye reads it as a grey that
leaves the page readable, while a grey-level threshold that keeps the page's text (black) keeps it too, at any
level, and no colour channel drops it. It covers the whole page, in lines a fifth of a page apart, so any part of
the page a screen or a photograph shows carries it, at every width the page is scaled to.
"""

import datetime
import io
import json
import math
import os
import shutil
import sys
import tempfile
import time
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from PIL import Image, ImageChops, ImageDraw, ImageFont

from hoinghi.core import confine
from hoinghi.core.filetypes import BY_EXTENSION

from .models import DocumentVersion

FONT_PATH = settings.BASE_DIR / "core" / "fonts" / "DejaVuSans.ttf"
ANGLE = 30
CONVERTED = {"docx", "xlsx"}  # drawn from LibreOffice's PDF of them
LEFT_BEHIND_SECONDS = 3600  # longer than any job runs


class Missing(Exception):
    """No such page: not drawn (yet), or past the last one."""


def watermark_text(user, at: datetime.datetime | None = None) -> str:
    person = getattr(user, "person", None)
    name = person.full_name if person else (user.get_full_name() or user.get_username())
    return f"{name} · {timezone.localtime(at):%d/%m/%Y %H:%M}"


def kind_of(version: DocumentVersion) -> str:
    return BY_EXTENSION[version.extension].kind


def _limits() -> confine.Limits:
    return confine.Limits(settings.PAPER_WORK_SECONDS, settings.PAPER_WORK_MEMORY_MB)


def _private(path: Path) -> Path:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.chmod(0o700)
    return path


def folder(version: DocumentVersion) -> Path:
    return settings.PAGES_DIR / str(version.pk)


def staged(version: DocumentVersion, work: Path) -> Path:
    """A copy of the version's file in `work`, for a child process to read (whatever the storage)."""
    path = work / f"source{version.extension}"
    with version.file.open("rb") as stream, open(path, "wb") as copy:
        shutil.copyfileobj(stream, copy)
    return path


def child(*args: str, env: dict | None = None) -> dict:
    """Run `python -m hoinghi.meetings.reading ARGS` under the paper limits; its JSON answer."""
    command = [sys.executable, "-m", "hoinghi.meetings.reading", *args]
    return json.loads(confine.run(command, _limits(), env=env))


def _workspace() -> tempfile.TemporaryDirectory:
    """A private folder for one job, beside the pages (never /tmp: it holds a copy of the paper). What a killed
    worker left behind is removed by the next job."""
    root = _private(settings.PAGES_DIR)
    for left in root.glob("work-*"):
        if time.time() - left.stat().st_mtime > LEFT_BEHIND_SECONDS:
            shutil.rmtree(left, ignore_errors=True)
    return tempfile.TemporaryDirectory(prefix="work-", dir=root)


def read_text(version: DocumentVersion) -> dict:
    """{"status", "text", "pages"} of the version, read by a child process; raises confine.Failed/Exceeded."""
    with _workspace() as work:
        source = staged(version, Path(work))
        return child("text", str(source), kind_of(version), "--max-chars", str(settings.PAPER_TEXT_MAX_CHARS))


def to_pdf(source: Path, work: Path) -> Path:
    """LibreOffice's PDF of a DOCX or XLSX, with a profile of its own (two conversions never share one)."""
    profile = work / "profile"
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(work), "LANG": "C.UTF-8"}
    command = ["soffice", "--headless", "--norestore", "--nolockcheck", f"-env:UserInstallation={profile.as_uri()}"]
    confine.run([*command, "--convert-to", "pdf", "--outdir", str(work), str(source)], _limits(), env=env)
    pdf = source.with_suffix(".pdf")
    if not pdf.exists():  # LibreOffice says it could not load the file, and exits 0
        raise confine.Failed("LibreOffice wrote no PDF")
    return pdf


def draw(version: DocumentVersion) -> tuple[int, int]:
    """Draw the version's pages into its folder (up to settings.PAPER_MAX_PAGES); (pages in all, pages drawn).
    Raises confine.Failed (unreadable) or confine.Exceeded (past the limits)."""
    with _workspace() as work:
        work = Path(work)
        source = staged(version, work)
        kind = kind_of(version)
        if kind in CONVERTED:
            source, kind = to_pdf(source, work), "pdf"
        out = _private(work / "pages")
        answer = child("pages", str(source), kind, str(out), "--max-pages", str(settings.PAPER_MAX_PAGES))
        for page in out.iterdir():
            page.chmod(0o600)
        target = folder(version)
        shutil.rmtree(target, ignore_errors=True)
        try:
            out.rename(target)
        except OSError:
            if not target.is_dir():  # else a job drawing the same version at the same time put its pages there
                raise
    return answer["pages"], answer["drawn"]


def forget(version: DocumentVersion) -> None:
    shutil.rmtree(folder(version), ignore_errors=True)


def page_png(version: DocumentVersion, number: int, text: str) -> bytes:
    """Page `number` (from 1) with `text` burnt in, as PNG; raises Missing."""
    path = folder(version) / f"{number}.png"
    if not 1 <= number <= version.pages_drawn or not path.is_file():
        raise Missing(number)
    with Image.open(path) as base:
        page = burn(base, text)
    out = io.BytesIO()
    page.save(out, "PNG", compress_level=1)  # fast: the page is made anew for every request
    return out.getvalue()


def burn(image: Image.Image, text: str) -> Image.Image:
    """A copy of the page with `text` burnt across it."""
    page = image.convert("L" if image.mode == "L" else "RGB")
    page.paste(0 if page.mode == "L" else (0, 0, 0), mask=watermark_mask(text, page.width, page.height))
    return page


@lru_cache(maxsize=8)
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_PATH), size)


@lru_cache(maxsize=8)
def watermark_mask(text: str, width: int, height: int) -> Image.Image:
    """Where the watermark is black: the text in lines across the page, a checkerboard inside the letters.
    Kept for the minute the text names, for the pages of one size: a reader turning pages pays it once."""
    size = max(14, width // 30)
    tile = _tile(text, size)
    # Tile corners on a lattice: `along` the slanted line of text, `across` from one line to the next.
    along = tile.width / math.cos(math.radians(ANGLE)) + size * 2
    across = size * 3
    cos, sin = math.cos(math.radians(ANGLE)), math.sin(math.radians(ANGLE))
    reach = math.ceil(math.hypot(width, height) / across) + 1
    letters = Image.new("L", (width + 2 * tile.width, height + 2 * tile.height), 0)
    for j in range(-reach, reach + 1):
        for i in range(-reach, reach + 1):
            step = i + (j % 2) / 2
            x = round(width / 2 + step * along * cos + j * across * sin + tile.width / 2)
            y = round(height / 2 - step * along * sin + j * across * cos + tile.height / 2)
            if 0 <= x <= letters.width - tile.width and 0 <= y <= letters.height - tile.height:
                letters.paste(255, (x, y), tile)
    letters = letters.crop((tile.width, tile.height, tile.width + width, tile.height + height))
    return ImageChops.multiply(letters, _checkerboard(width, height))


def _tile(text: str, size: int) -> Image.Image:
    """The text once, in solid letters, turned 30 degrees."""
    font = _font(size)
    length = math.ceil(ImageDraw.Draw(Image.new("L", (1, 1))).textlength(text, font=font))
    tile = Image.new("L", (length + 8, math.ceil(size * 1.5)), 0)
    ImageDraw.Draw(tile).text((4, 4), text, font=font, fill=255)
    turned = tile.rotate(ANGLE, expand=True, resample=Image.Resampling.BICUBIC)
    return turned.point(lambda value: 255 if value >= 128 else 0)


@lru_cache(maxsize=4)
def _checkerboard(width: int, height: int) -> Image.Image:
    even, odd = (b"\xff\x00" * (width // 2 + 1))[:width], (b"\x00\xff" * (width // 2 + 1))[:width]
    return Image.frombytes("L", (width, height), (even + odd) * (height // 2) + (even if height % 2 else b""))
