"""Vietnamese text normalisation: pure functions, no Django.

Stored text is NFC as the author wrote it; matching and search use `match_key` (one tone
placement) and `fold` (no diacritics, đ→d, lower case).
"""

import re
import unicodedata

from underthesea.pipeline.text_normalize import token_normalize

_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")


def nfc(text: str) -> str:
    """Unicode NFC, the form every stored text takes."""
    return unicodedata.normalize("NFC", text)


def clean(text: str) -> str:
    """NFC with outer white space trimmed and inner runs collapsed: for titles and names."""
    return _SPACE.sub(" ", nfc(text)).strip()


def one_tone_placement(text: str) -> str:
    """Rewrite each word with the modern tone placement (uỷ→ủy, hoà→hòa), keeping the layout."""
    return _WORD.sub(lambda m: token_normalize(m.group(0)), nfc(text))


def _fold_char(char: str) -> str:
    if char in "đĐ":
        return "d"
    return unicodedata.normalize("NFD", char)[0].lower()


def fold(text: str) -> str:
    """Search key: one character in, one out, so offsets map back onto the NFC original."""
    return "".join(_fold_char(c) for c in nfc(text))


def match_key(text: str) -> str:
    """Key for de-duplication: tone placement unified, case folded, white space collapsed."""
    return _SPACE.sub(" ", one_tone_placement(text).casefold()).strip()


def trim(text: str) -> str:
    """Text without trailing punctuation, ready to be put in a longer sentence."""
    return text.strip().rstrip(" .;,:")


def lower_first(text: str) -> str:
    """ "Phiên họp đầu tháng" → "phiên họp đầu tháng"; acronyms such as "UBND" stay as written."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]
