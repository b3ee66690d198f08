"""Hostile papers, shared by the tests and bench/papers.py: the ZIP bomb of issue 14."""

import io
import zipfile

import docx

BODY_OPEN = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'


def bomb(unpacked_mb: int = 120) -> bytes:
    """A well-formed DOCX of about 0.3 MB whose text unpacks to `unpacked_mb` MB (python-docx's own package, its
    document part replaced), written part by part so that the test never holds the 120 MB."""
    blank = io.BytesIO()
    docx.Document().save(blank)
    paragraph = b"<w:p><w:r><w:t>" + b"A" * 1000 + b"</w:t></w:r></w:p>"
    chunk = paragraph * 1000
    out = io.BytesIO()
    with zipfile.ZipFile(blank) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bombed:
        for part in source.infolist():
            if part.filename != "word/document.xml":
                bombed.writestr(part.filename, source.read(part))
                continue
            with bombed.open("word/document.xml", "w") as written:
                written.write(BODY_OPEN)
                for _ in range(unpacked_mb * 1024 * 1024 // len(chunk)):
                    written.write(chunk)
                written.write(b"</w:body></w:document>")
    return out.getvalue()
