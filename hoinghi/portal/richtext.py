"""An article's rich text: the editor's HTML reduced to an allow-list, and its plain words. Pure (no Django).

The allow-list is what the editor (Trix) writes and what a news article needs: paragraphs, emphasis, headings,
lists, quotations and links. No attribute but a link's target survives, and a link only to the web or e-mail:
no script, no event handler, no style, no javascript:/data: URL, no svg or math, no image (photos go through the
photo library, resized)."""

import html

import nh3

TAGS = {
    "p", "div", "br", "strong", "b", "em", "i", "u", "del", "s",
    "h1", "h2", "h3", "h4", "blockquote", "pre", "ul", "ol", "li", "a",
}  # fmt: skip
ATTRIBUTES = {"a": {"href"}}
SCHEMES = {"http", "https", "mailto"}
# Dropped with everything inside, not just unwrapped: their text is code or markup, never the article's words.
DROPPED = {"script", "style", "svg", "math", "template", "iframe", "object", "embed", "noscript", "textarea", "title"}
BLOCKS = ("</p>", "</div>", "<br>", "</li>", "</h1>", "</h2>", "</h3>", "</h4>", "</blockquote>", "</pre>")


def sanitize(markup: str) -> str:
    return nh3.clean(
        markup,
        tags=TAGS,
        clean_content_tags=DROPPED,
        attributes=ATTRIBUTES,
        url_schemes=SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    ).strip()


def plain_text(markup: str) -> str:
    """The words a reader sees, one block a line: what the confidentiality check and the summary read."""
    marked = sanitize(markup)
    for end in BLOCKS:
        marked = marked.replace(end, end + "\n")
    return html.unescape(nh3.clean(marked, tags=set(), clean_content_tags=DROPPED)).strip()


def from_plain(text: str) -> str:
    """A plain text (paragraphs separated by a blank line, as records.news writes) as the editor's HTML."""
    paragraphs = [" ".join(block.split()) for block in text.split("\n\n")]
    return "".join(f"<p>{html.escape(paragraph, quote=False)}</p>" for paragraph in paragraphs if paragraph)
