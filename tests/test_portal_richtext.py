"""An article's HTML keeps only the allow-list: no script, handler, style, javascript:/data: URL, svg or math."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hoinghi.portal.richtext import from_plain, plain_text, sanitize

XSS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<p onclick=alert(1)>x</p>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    "<svg onload=alert(1)><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    '<p style="width: expression(alert(1))">x</p>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<style>@import 'javascript:alert(1)';</style>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<body onload=alert(1)>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<link rel=stylesheet href="javascript:alert(1)">',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<template><script>alert(1)</script></template>",
    '<a href="https://example.vn" onmouseover="alert(1)">x</a>',
    "<!--<img src=x onerror=alert(1)>-->",
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<a href="&#106;avascript:alert(1)">x</a>',
]
DANGEROUS = ["<script", "onerror", "onload", "onclick", "onfocus", "ontoggle", "onmouseover", "javascript:",
             "vbscript:", "data:", "<svg", "<math", "style=", "<style", "<iframe", "<object", "<embed", "<img",
             "<form", "<input", "<meta", "<base", "<link", "expression("]  # fmt: skip


@pytest.mark.parametrize("attack", XSS)
def test_no_attack_survives_sanitizing(attack):
    clean = sanitize(attack).lower()
    assert not [d for d in DANGEROUS if d in clean], clean


def test_the_editors_formatting_and_web_links_survive():
    markup = (
        '<h2>Tiêu đề</h2><p><strong>Đậm</strong> <em>nghiêng</em> <a href="https://hoinghi.example.vn/a">liên kết</a>'
        "</p><ul><li>một</li></ul><blockquote>trích</blockquote>"
    )
    clean = sanitize(markup)
    for kept in ("<h2>", "<strong>", "<em>", 'href="https://hoinghi.example.vn/a"', "<ul>", "<li>", "<blockquote>"):
        assert kept in clean
    assert 'rel="noopener noreferrer nofollow"' in clean


@given(st.text())
def test_sanitizing_is_stable_and_its_plain_text_has_no_markup(text):
    once = sanitize(text)
    assert sanitize(once) == once
    assert "<" not in plain_text(f"<p>{text.replace('<', '')}</p>")


WORDS = st.text(alphabet=st.characters(whitelist_categories=("L", "M", "N", "P", "S", "Zs")), min_size=1)


@given(st.lists(WORDS, min_size=1))
def test_a_plain_draft_becomes_paragraphs_with_the_same_words(paragraphs):
    text = "\n\n".join(paragraphs)
    markup = from_plain(text)
    assert sanitize(markup) == markup
    assert plain_text(markup).split() == text.split()
