"""axe-core (vendored from npm, see tests/browser/vendor/README.md) run in a page: WCAG 2.1 A and AA rules."""

import re
from pathlib import Path
from urllib.parse import urlsplit

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Links a crawl does not follow: files (the portal's documents and photos too), feeds and sitemaps, actions reached
# by GET, Django's own admin site, and the API (its docs page is django-ninja's Swagger UI, for programmers:
# tests/browser/test_api_browser.py opens it).
SKIP = re.compile(
    r"(/api/|\.docx|\.xlsx|\.json|\.pdf|\.xml|\.jpg|/tep/|/events/|/files/|/logout/|/admin/|/download|/attachment|/evidence/)"
)


def settled(page) -> None:
    """Wait for two drawn frames: handlers of a resize (the scrolling tables' one) have run by then. A fixed wait
    was too short on a loaded machine."""
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")


def audit(page) -> list[dict]:
    """The violations axe-core finds on the page as it is now (AXE added to the page's context as an init script)."""
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
        ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + n.failureSummary.split('\\n').slice(0, 2).join(' '))})))",
        TAGS,
    )


def crawlable(href: str, base: str) -> str | None:
    """The URL's pattern (numbers as N) when a crawl should visit it, else None."""
    if not href.startswith(base) or SKIP.search(href):
        return None
    path = urlsplit(href).path
    return re.sub(r"\d+", "N", path)
