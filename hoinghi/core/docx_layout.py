"""The page of Party documents (Hướng dẫn 36-HD/VPTW) in python-docx: A4, margins, Times New Roman."""

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table

FONT = "Times New Roman"
BODY_SIZE = Pt(14)
# Within the ranges of HD36: top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm.
MARGINS = {"top_margin": Mm(20), "bottom_margin": Mm(20), "left_margin": Mm(30), "right_margin": Mm(15)}
FIRST_LINE_INDENT = Mm(10)

CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY


def _set_fonts(r_pr) -> None:
    # Explicit fonts for every script, replacing the template's theme fonts, which would win otherwise.
    fonts = r_pr.get_or_add_rFonts()
    for name in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(name), None)
    for name in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(name), FONT)


def new_document() -> Document:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for name, value in MARGINS.items():
        setattr(section, name, value)
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(defaults)
    # Vietnamese, so that Word's spelling check reads the text in the right language.
    defaults.find(qn("w:lang")).set(qn("w:val"), "vi-VN")
    normal = doc.styles["Normal"]
    _set_fonts(normal.element.get_or_add_rPr())
    normal.font.size = BODY_SIZE
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.0
    _page_numbers(section)
    return doc


def _page_numbers(section) -> None:
    """HD36 numbers pages from the second one, at the top centre."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    # python-docx has no API for fields: the paragraph's XML element takes it (its `_p`, by the library's own use).
    paragraph._p.append(field)


def paragraph(
    container,
    text: str = "",
    *,
    bold=False,
    italic=False,
    underline=False,
    size=None,
    align=None,
    indent=False,
    space_after=None,
):
    """One paragraph of one run: the documents here never mix styles inside a line.

    A table cell is made with one empty paragraph: the first paragraph written in a cell is that one."""
    fresh = container.paragraphs if hasattr(container, "vertical_alignment") else []
    para = fresh[0] if len(fresh) == 1 and not fresh[0].runs else container.add_paragraph()
    if text:
        run = para.add_run(text)
        run.bold, run.italic, run.underline = bold or None, italic or None, underline or None
        if size:
            run.font.size = Pt(size)
    if align is not None:
        para.alignment = align
    if indent:
        para.paragraph_format.first_line_indent = FIRST_LINE_INDENT
    if space_after is not None:
        para.paragraph_format.space_after = Pt(space_after)
    return para


def borderless_table(doc, widths: list) -> Table:
    """A layout table (header, signature): columns side by side, no lines drawn (the document's default table
    style, "Normal Table", has none)."""
    table = doc.add_table(rows=1, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, cell, width in zip(table.columns, table.rows[0].cells, widths, strict=True):
        column.width = cell.width = width
    return table


def keep_together(table: Table) -> None:
    """No row split across pages, and every row kept on the page of the next: a signature block or a small table
    of figures moves to the next page whole."""
    rows = list(table.rows)
    for position, row in enumerate(rows):
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        if position < len(rows) - 1:
            for cell in row.cells:
                for para in cell.paragraphs:
                    para.paragraph_format.keep_with_next = True


def to_bytes(doc) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
