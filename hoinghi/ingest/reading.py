"""Read an article file as clean text: decode, strip HTML, NFC, drop portal chrome.

Pure functions, no Django. Chrome rules describe the genre of provincial portals (font-size
controls, print/back links, "other articles" lists, visit counters), never one page's text.
"""

import re
from html.parser import HTMLParser

from hoinghi.core.text import nfc

_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "tr", "td", "th", "table", "h1", "h2", "h3", "h4",
    "h5", "h6", "section", "article", "header", "footer", "blockquote", "figcaption", "dd", "dt",
}  # fmt: skip
# a page's navigation ("Trang chủ | Tin tức | Liên hệ") is never the article
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "head", "iframe", "select", "nav"}


_SPACES = re.compile(r"\s+")
_BLANKS = re.compile(r"[ \t\r\f\v]+")


class _TextParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP_TAGS:
            self.skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(_SPACES.sub(" ", data))  # HTML line breaks are spaces


_HTML_HINT = re.compile(r"<\s*(!doctype|html|body|div|p|span|table|head|br)\b", re.I)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_HINT.search(text[:5000]))


def fed(parser: HTMLParser, html: str) -> HTMLParser:
    """The parser once it has read the page; from malformed markup, what was parsed before it."""
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # malformed markup: keep what was parsed
        pass
    return parser


def html_to_text(html: str) -> str:
    parser = fed(_TextParser(), html)
    text = _BLANKS.sub(" ", "".join(parser.parts).replace("\xa0", " "))  # once, not line by line
    lines = (line.strip() for line in text.split("\n"))
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def decode(data: bytes) -> tuple[str, list[str]]:
    """Bytes to text: UTF-8 (with or without BOM), else charset_normalizer's best guess."""
    warnings: list[str] = []
    try:
        return data.decode("utf-8-sig"), warnings
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except Exception:  # pragma: no cover - library failure
        best = None
    if best is not None:
        warnings.append(f"encoding detected as {best.encoding}")
        return str(best), warnings
    warnings.append("undecodable bytes replaced")
    return data.decode("utf-8", errors="replace"), warnings


# --- portal chrome -------------------------------------------------------------------------
_END_MARKERS = re.compile(
    r"^\s*(các|những)\s+(bài viết|tin|tin bài)\s+(khác|liên quan|cùng chuyên mục)\b|"
    r"^\s*(tin|bài)\s+(liên quan|khác|cùng chuyên mục)\s*:?\s*$",
    re.I,
)
_CHROME_LINE = re.compile(
    r"^\s*(?:"
    r"(?:A\s*){2,4}[+-]?\s*|"  # font-size controls "A A A"
    r"xem với cỡ chữ.*|cỡ chữ.*|"
    r"(?:in trang|in bài|quay lại|lên trên|về trang trước|gửi email|chia sẻ|bản in)"
    r"(?:\s*[|/]?\s*(?:in trang|in bài|quay lại|lên trên|về trang trước|gửi email|chia sẻ|bản in))*\s*|"
    r"(?:tất cả|hôm nay|tháng này|đang online|đang truy cập|tổng (?:số )?lượt truy cập|"
    r"lượt truy cập|số lượt truy cập)\s*:?\s*[\d.,\s]*|"
    r"lượt truy cập|thư viện ảnh|liên kết web(?:site)?|"
    r"[+]{2}\s*.*"  # "++ MENU" headings of side menus
    r")\s*$",
    re.I,
)
_DATED_NEWS = re.compile(r"\(\s*\d{1,2}/\d{1,2}/\d{4}\s*\)\s*$")


def strip_chrome(text: str) -> str:
    """Drop portal chrome lines and everything after an "other articles" heading."""
    lines = text.split("\n")
    kept: list[str] = []
    for line in lines:
        if _END_MARKERS.match(line):
            break
        if _CHROME_LINE.match(line):
            continue
        if _DATED_NEWS.search(line) and len(line) < 300:
            continue
        kept.append(line.rstrip())
    out: list[str] = []
    for line in kept:
        if line.strip() or (out and out[-1].strip()):
            out.append(line)
    return "\n".join(out).strip()


def read_text(data: bytes) -> tuple[str, list[str]]:
    """Article bytes to clean NFC text plus warnings."""
    warnings: list[str] = []
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "", ["binary file: no text"]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        text, warnings = decode(data)
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    if looks_like_html(text):
        text = html_to_text(text)
    text = strip_chrome(text)
    return text, warnings


def read_file(path) -> tuple[str, list[str]]:
    """Read a file (raises OSError when it cannot be read)."""
    with open(path, "rb") as handle:
        data = handle.read()
    return read_text(data)
