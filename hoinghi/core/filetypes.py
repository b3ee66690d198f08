"""What an uploaded file really is, from its bytes (never from its name). Pure: no Django.

Papers may be PDF, DOCX, XLSX or an image. Office files are ZIP packages, so a ZIP is accepted as
DOCX or XLSX only when it holds the part that makes it one.
"""

import zipfile
from dataclasses import dataclass
from typing import BinaryIO

import puremagic

HEAD_SIZE = 8192
# An Office file that unpacks to more than this is refused: a ZIP bomb would exhaust the readers. (The readers
# stop at the sizes a package declares, so the declared sizes are what counts.)
MAX_UNPACKED = 64 * 1024 * 1024


@dataclass(frozen=True)
class FileType:
    kind: str  # "pdf", "docx", "xlsx" or "image"
    media_type: str
    extension: str

    @property
    def is_paged(self) -> bool:
        """Shown as page images (PDF, image) rather than as HTML (DOCX, XLSX)."""
        return self.kind in {"pdf", "image"}


PDF = FileType("pdf", "application/pdf", ".pdf")
DOCX = FileType("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx")
XLSX = FileType("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx")
PNG = FileType("image", "image/png", ".png")
JPEG = FileType("image", "image/jpeg", ".jpg")
GIF = FileType("image", "image/gif", ".gif")
WEBP = FileType("image", "image/webp", ".webp")

BY_EXTENSION = {t.extension: t for t in (PDF, DOCX, XLSX, PNG, JPEG, GIF, WEBP)}
_PREFIXES = [(b"%PDF-", PDF), (b"\x89PNG\r\n\x1a\n", PNG), (b"\xff\xd8\xff", JPEG), (b"GIF87a", GIF), (b"GIF89a", GIF)]
_OFFICE_PARTS = [("word/document.xml", DOCX), ("xl/workbook.xml", XLSX)]


class Unsupported(Exception):
    """Not an accepted paper. `code` names what it is for the message; `name` is a library's label."""

    def __init__(self, code: str, name: str = ""):
        super().__init__(code, name)
        self.code = code
        self.name = name


def sniff(stream: BinaryIO, max_unpacked: int = MAX_UNPACKED) -> FileType:
    """The type of a seekable binary stream, read from its content; raises Unsupported."""
    stream.seek(0)
    head = stream.read(HEAD_SIZE)
    stream.seek(0)
    for prefix, file_type in _PREFIXES:
        if head.startswith(prefix):
            return file_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"PK\x03\x04"):
        return _office(stream, max_unpacked)
    raise _describe(head)


def _office(stream: BinaryIO, max_unpacked: int) -> FileType:
    try:
        with zipfile.ZipFile(stream) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):  # the last: a version or method unknown
        raise Unsupported("damaged_zip") from None
    finally:
        stream.seek(0)
    if sum(member.file_size for member in members) > max_unpacked:
        raise Unsupported("oversized_zip")
    names = {member.filename for member in members}
    for part, file_type in _OFFICE_PARTS:
        if part in names:
            return file_type
    raise Unsupported("zip")


def _describe(head: bytes) -> Unsupported:
    if head.startswith((b"MZ", b"\x7fELF", b"#!")):
        return Unsupported("program")
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return Unsupported("legacy_office")
    try:
        best = puremagic.magic_string(head)[0]
    except (puremagic.PureError, IndexError, ValueError):
        return Unsupported("unknown")
    return Unsupported("other", best.name)
