"""Damaged and hostile files for the upload fuzz, made here from sound ones: truncated at many offsets, bits
flipped, ZIP entries whose recorded sizes lie, a ZIP bomb, huge declared image dimensions, deeply nested and
self-expanding XML in a DOCX, a PDF that claims a huge page count. Pure: bytes in, bytes out."""

import io
import random
import struct
import zipfile
import zlib

import docx
from PIL import Image

from tests.test_documents import text_pdf


def sound_docx() -> bytes:
    document = docx.Document()
    document.add_heading("Tờ trình về kế hoạch năm 2025", 1)
    for n in range(20):
        document.add_paragraph(f"Đoạn {n}: nội dung tờ trình của Sở Kế hoạch và Đầu tư.")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).text = "Chỉ tiêu"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def sound_image(kind: str) -> bytes:
    image = Image.new("RGB", (300, 200), "white")
    for x in range(0, 300, 7):
        image.putpixel((x, x % 200), (200, 30, 30))
    out = io.BytesIO()
    image.save(out, kind)
    return out.getvalue()


def sound_pdf() -> bytes:
    return text_pdf("To trinh ke hoach nam 2025", "Noi dung", "Trang 1")


def truncations(data: bytes, count: int = 6) -> list[bytes]:
    """`data` cut at `count` offsets spread from the first bytes to the last."""
    offsets = sorted({1, 16, len(data) // 3, len(data) // 2, len(data) - 64, len(data) - 1})
    return [data[:offset] for offset in offsets[:count] if 0 < offset < len(data)]


def flipped(data: bytes, seed: int, flips: int = 8) -> bytes:
    """`data` with `flips` bits flipped at places drawn from `seed`."""
    chosen = random.Random(seed)
    out = bytearray(data)
    for _ in range(flips):
        out[chosen.randrange(len(out))] ^= 1 << chosen.randrange(8)
    return bytes(out)


def lying_sizes(package: bytes, member: str, size: int) -> bytes:
    """The ZIP package with `member`'s recorded sizes (local header and central directory) set to `size`."""
    out = bytearray(package)
    name = member.encode()
    local = out.find(b"PK\x03\x04" + b"")
    while local != -1:
        name_length = struct.unpack_from("<H", out, local + 26)[0]
        if bytes(out[local + 30 : local + 30 + name_length]) == name:
            struct.pack_into("<II", out, local + 18, size, size)
        local = out.find(b"PK\x03\x04", local + 4)
    central = out.find(b"PK\x01\x02")
    while central != -1:
        name_length = struct.unpack_from("<H", out, central + 28)[0]
        if bytes(out[central + 46 : central + 46 + name_length]) == name:
            struct.pack_into("<II", out, central + 20, size, size)
        central = out.find(b"PK\x01\x02", central + 4)
    return bytes(out)


def replaced(package: bytes, member: str, content: bytes) -> bytes:
    """The ZIP package with `member` holding `content`."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, content if info.filename == member else old.read(info.filename))
    return out.getvalue()


def bomb(package: bytes, member: str, megabytes: int) -> bytes:
    """The package with one more member of `megabytes` MB of zeros, deflated to a few hundred KB."""
    out = io.BytesIO(package)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr(member, b"\0" * (megabytes * 1024 * 1024))
    return out.getvalue()


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def nested_document(depth: int) -> bytes:
    """A DOCX body of tables within tables, `depth` deep."""
    opened = "<w:tbl><w:tr><w:tc>" * depth
    closed = "<w:p/></w:tc></w:tr></w:tbl>" * depth
    return f'<?xml version="1.0"?><w:document {W}><w:body>{opened}<w:p/>{closed}</w:body></w:document>'.encode()


def laughing_document() -> bytes:
    """A DOCX body whose entities expand to gigabytes if a parser resolves them (billion laughs)."""
    entities = '<!ENTITY l0 "ha">' + "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    return (
        f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]>'
        f"<w:document {W}><w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>"
    ).encode()


def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header declares `width` × `height` pixels, with a few bytes of picture."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    )


def pdf_claiming_pages(count: int) -> bytes:
    """A one-page PDF whose page tree says it has `count` pages."""
    return sound_pdf().replace(b"/Count 1", b"/Count " + str(count).encode())


def pdf_of_huge_page() -> bytes:
    """A PDF whose one page is 200 × 200 inches."""
    return sound_pdf().replace(b"/MediaBox [0 0 595 842]", b"/MediaBox [0 0 14400 14400]")
