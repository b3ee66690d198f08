"""What a child process of the worker does with a paper's file: read its text, or draw its pages as images.

No Django here: the worker runs `python -m hoinghi.meetings.reading text|pages ...` under `core.confine`'s limits,
so that a damaged or hostile file (a ZIP bomb, a page that takes minutes to draw) costs a child, never the worker.
The answer is one JSON object on standard output.
"""

import argparse
import json
import sys
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageChops, ImageOps

from hoinghi.core.text import nfc

PAGE_WIDTH = 1240  # pixels: an A4 page at 150 dpi, sharp enough to read, light enough to send
MAX_SIDE = 4000


def _plain(text: str, max_chars: int) -> tuple[str, bool]:
    # NUL cannot be stored in PostgreSQL text; NFC is the form every stored text takes.
    text = nfc(text.replace("\x00", "")).strip()
    return text[:max_chars], len(text) > max_chars


def _pdf_text(path: Path, max_chars: int) -> dict:
    pdf = pdfium.PdfDocument(str(path))
    try:
        if not len(pdf):
            raise ValueError("a PDF without pages")
        parts, size = [], 0
        for page in pdf:
            if size > max_chars:
                break  # enough: the rest would be cut anyway
            parts.append(page.get_textpage().get_text_bounded())
            size += len(parts[-1])
        text, cut = _plain("\n\n".join(parts), max_chars)
        return {"status": "cut" if cut or size > max_chars else "done", "text": text, "pages": len(pdf)}
    finally:
        pdf.close()


def _docx_text(path: Path, max_chars: int) -> dict:
    import docx  # here: a child reads one file, and python-docx takes longer to import than a PDF to read

    document = docx.Document(str(path))
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        lines.extend(" | ".join(cell.text for cell in row.cells) for row in table.rows)
    text, cut = _plain("\n".join(lines), max_chars)
    return {"status": "cut" if cut else "done", "text": text, "pages": 1}  # shown as one HTML page


def _xlsx_text(path: Path, max_chars: int) -> dict:
    import python_calamine

    workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    return {"status": "n/a", "text": "", "pages": len(workbook.sheet_names)}


def _image_text(path: Path, max_chars: int) -> dict:
    with Image.open(path) as image:
        image.verify()
    return {"status": "n/a", "text": "", "pages": 1}


TEXT_READERS = {"pdf": _pdf_text, "docx": _docx_text, "xlsx": _xlsx_text, "image": _image_text}


def stored_page(image: Image.Image) -> Image.Image:
    """An upright page no larger than PAGE_WIDTH, in grey when it has no colour (half the bytes to send)."""
    image = ImageOps.exif_transpose(image)
    if image.mode in {"RGBA", "LA", "P"}:
        image = image.convert("RGBA")
        image = Image.alpha_composite(Image.new("RGBA", image.size, "white"), image)
    image = image.convert("RGB")
    image.thumbnail((PAGE_WIDTH, MAX_SIDE))
    grey = image.convert("L")
    return grey if ImageChops.difference(grey.convert("RGB"), image).getbbox() is None else image


def _pdf_pages(path: Path, out: Path, max_pages: int) -> dict:
    pdf = pdfium.PdfDocument(str(path))
    try:
        total = len(pdf)
        for number in range(1, min(total, max_pages) + 1):
            page = pdf[number - 1]
            width, height = page.get_size()
            scale = min(PAGE_WIDTH / width, MAX_SIDE / height)
            stored_page(page.render(scale=scale).to_pil()).save(out / f"{number}.png", optimize=False)
        return {"pages": total, "drawn": min(total, max_pages)}
    finally:
        pdf.close()


def _image_pages(path: Path, out: Path, max_pages: int) -> dict:
    with Image.open(path) as image:
        stored_page(image).save(out / "1.png")
    return {"pages": 1, "drawn": 1}


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m hoinghi.meetings.reading")
    jobs = parser.add_subparsers(dest="job", required=True)
    text = jobs.add_parser("text", help="the text and page count of a paper")
    text.add_argument("path", type=Path)
    text.add_argument("kind", choices=sorted(TEXT_READERS))
    text.add_argument("--max-chars", type=int, required=True)
    pages = jobs.add_parser("pages", help="the pages of a PDF or an image as PNG files, without watermark")
    pages.add_argument("path", type=Path)
    pages.add_argument("kind", choices=["pdf", "image"])
    pages.add_argument("out", type=Path)
    pages.add_argument("--max-pages", type=int, required=True)
    args = parser.parse_args(argv)
    if args.job == "text":
        answer = TEXT_READERS[args.kind](args.path, args.max_chars)
    else:
        draw = _pdf_pages if args.kind == "pdf" else _image_pages
        answer = draw(args.path, args.out, args.max_pages)
    json.dump(answer, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1:])
