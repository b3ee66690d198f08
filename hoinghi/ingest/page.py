"""What a saved web page says of itself: its headline and its publication day, read from its markup.

Pure, no Django. A portal's page carries its navigation, banners and lists around the article; its own
`<title>`, `<h1>` and meta tags (Open Graph, Dublin Core, schema.org, article:published_time) name the
article and its day whatever the portal. A menu ("Trang chủ | Tin tức | Liên hệ") is never a headline.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from hoinghi.core.text import clean

from .dates import safe_date
from .reading import fed

# meta names (name, property or itemprop, lower case) that give the headline, best first
_TITLE_METAS = ["og:title", "twitter:title", "title", "dc.title", "headline"]
# ... and the publication day, best first
_DATE_METAS = [
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "pubdate",
    "publishdate",
    "publish_date",
    "publish-date",
    "article.published",
    "parsely-pub-date",
    "sailthru.date",
    "citation_publication_date",
    "date",
]
# "Headline | Portal", "Headline - Portal", "Portal » Section » Headline"; not "giai đoạn 2021 - 2025"
_SEPARATORS = re.compile(r"\s*(?:\||—|::|»|>>)\s*|(?<!\d)\s+[-–]\s+|\s+[-–]\s+(?!\d)")
MIN_WORDS = 4  # a headline of the genre is longer than a menu entry or a section's name
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DMY = re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)")


@dataclass(frozen=True)
class PageFacts:
    headline: str | None = None
    published: str | None = None  # ISO day


class _Markup(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.metas: dict[str, str] = {}
        self.title: list[str] = []
        self.headings: list[list[str]] = []
        self.open: str | None = None  # "title" or "h1" while inside one

    def handle_starttag(self, tag, attrs):
        attrs = {name.lower(): value or "" for name, value in attrs}
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").strip().lower()
        value = attrs.get("content") or attrs.get("datetime") or ""
        if key and value and key not in self.metas:
            self.metas[key] = value
        if tag in ("title", "h1") and self.open is None:
            self.open = tag
            if tag == "h1":
                self.headings.append([])

    def handle_endtag(self, tag):
        if tag == self.open:
            self.open = None

    def handle_data(self, data):
        if self.open == "title":
            self.title.append(data)
        elif self.open == "h1":
            self.headings[-1].append(data)


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def headline_of(text: str | None) -> str | None:
    """The article's headline in a title as pages write it (the portal's name cut off), or None for a menu."""
    parts = [clean(part) for part in _SEPARATORS.split(clean(text or ""))]
    parts = [part for part in parts if len(part.split()) >= MIN_WORDS]
    return max(parts, key=len) if parts else None


def _day(value: str) -> str | None:
    for pattern, order in ((_ISO, (0, 1, 2)), (_DMY, (2, 1, 0))):
        found = pattern.search(value)
        if found:
            year, month, day = (int(found.group(i + 1)) for i in order)
            day = safe_date(year, month, day)
            return day.isoformat() if day else None
    return None


def page_facts(html: str) -> PageFacts:
    """The page's headline and publication day, each None when the markup does not say."""
    markup = fed(_Markup(), html)
    title = "".join(markup.title)
    headings = [h for h in (headline_of("".join(parts)) for parts in markup.headings) if h]
    named = [headline_of(markup.metas.get(name)) for name in _TITLE_METAS]
    # An <h1> the <title> repeats is the article's (a portal's logo in an <h1> is not in the title).
    repeated = [h for h in headings if _words(h) and len(_words(h) & _words(title)) / len(_words(h)) >= 0.5]
    candidates = [*named, max(repeated, key=len, default=None), headline_of(title), *headings]
    published = next(filter(None, (_day(markup.metas.get(name, "")) for name in _DATE_METAS)), None)
    return PageFacts(next(filter(None, candidates), None), published)
