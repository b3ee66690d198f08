"""Vietnamese text normalisation: pure functions, no Django.

Stored text is NFC as the author wrote it; matching and search use `match_key` (one tone
placement) and `fold` (no diacritics, đ→d, lower case).
"""

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")

# The five tone marks (huyền, sắc, ngã, hỏi, nặng) as Unicode combining marks.
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_VOWELS = frozenset("aăâeêioôơuưy")
_MARKED_VOWELS = frozenset("ăâêôơư")
# "gi" and "qu" are initials: their i and u are not part of the vowel cluster ("giá", "quý").
_INITIALS = sorted("ngh ng nh ch gh gi kh ph qu th tr b c d đ g h k l m n p q r s t v x".split(), key=len, reverse=True)
_FINALS = ("ch", "ng", "nh", "c", "m", "n", "p", "t")
_LONGEST_SYLLABLE = 7  # "nghiêng"


def nfc(text: str) -> str:
    """Unicode NFC, the form every stored text takes."""
    return unicodedata.normalize("NFC", text)


def clean(text: str) -> str:
    """NFC with outer white space trimmed and inner runs collapsed: for titles and names."""
    return _SPACE.sub(" ", nfc(text)).strip()


def _without_tone(char: str) -> tuple[str, str]:
    """(the letter without its tone mark, the tone mark or "")."""
    parts = unicodedata.normalize("NFD", char)
    tone = "".join(c for c in parts if c in _TONE_MARKS)
    return unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONE_MARKS)), tone


def _tone_position(syllable: str) -> int | None:
    """Where the usual placement puts the tone of a toneless, lower-case syllable; None if it is not one.

    On the vowel with a hat, breve or horn (ơ of "ươ"); else, before a final consonant, on the cluster's last
    vowel ("hoàn"); else on the middle of three vowels ("hoài") and the first of two ("hòa", "thủy", "khỏe")."""
    initial = next((i for i in _INITIALS if syllable.startswith(i)), "")
    rest = syllable[len(initial) :]
    if initial == "gi" and not any(c in _VOWELS for c in rest):  # "gìn": g, then the vowel i
        initial, rest = "g", syllable[1:]
    final = next((f for f in _FINALS if rest.endswith(f) and len(rest) > len(f)), "")
    cluster = rest[: len(rest) - len(final)]
    if not 1 <= len(cluster) <= 3 or any(c not in _VOWELS for c in cluster):
        return None
    start = len(initial)
    if "ươ" in cluster:
        return start + cluster.index("ơ")
    marked = [n for n, c in enumerate(cluster) if c in _MARKED_VOWELS]
    if marked:
        return start + marked[-1]
    if final:
        return start + len(cluster) - 1
    return start + (1 if len(cluster) == 3 else 0)


@lru_cache(maxsize=16384)
def _placed(word: str) -> str:
    if word.isascii() or len(word) > _LONGEST_SYLLABLE:
        return word
    letters, tones = zip(*(_without_tone(c) for c in word), strict=True)
    marks = [tone for tone in tones if tone]
    if len(marks) != 1:
        return word
    position = _tone_position("".join(letters).lower())
    if position is None:
        return word
    placed = list(letters)
    placed[position] = unicodedata.normalize("NFC", placed[position] + marks[0])
    return "".join(placed)


def one_tone_placement(text: str) -> str:
    """Rewrite each word with the usual tone placement (uỷ→ủy, hoà→hòa, khoẻ→khỏe; quý stays), keeping the layout
    and the case; a word that is not one Vietnamese syllable is left as written."""
    return _WORD.sub(lambda m: _placed(m.group(0)), nfc(text))


def _fold_char(char: str) -> str:
    if char in "đĐ":
        return "d"
    return unicodedata.normalize("NFD", char)[0].lower()


class _FoldTable(dict):
    """Code point -> its fold, filled as characters are met: `str.translate` looks each one up in C, and the search
    folds whole papers, megabytes at a time."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLDS = _FoldTable()


def fold(text: str) -> str:
    """Search key: one character in, one out, so offsets map back onto the NFC original."""
    return nfc(text).translate(_FOLDS)


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


# Vietnamese alphabetical order (with the Latin letters Vietnamese borrows): ă, â after a, đ after d, ê after e,
# ô, ơ after o, ư after u. The tones order words that are otherwise the same: none, huyền, hỏi, ngã, sắc, nặng.
_ALPHABET = {letter: rank for rank, letter in enumerate("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")}
_TONE_ORDER = {"": 0, "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


@lru_cache(maxsize=16384)
def _collation_char(char: str) -> tuple[tuple[int, int], int, int]:
    letter, tone = _without_tone(char)
    lower = letter.lower() or char  # a tone mark with no letter to sit on sorts as punctuation
    if lower in _ALPHABET:
        primary = (2, _ALPHABET[lower])
    elif lower.isdigit():
        primary = (1, ord(lower))
    elif lower.isalpha():
        primary = (3, ord(lower))
    else:  # spaces and punctuation come before letters and digits
        primary = (0, ord(lower))
    return primary, _TONE_ORDER.get(tone, 0), int(letter != lower)


def collation_key(text: str) -> tuple:
    """Sort key in Vietnamese dictionary order ("HĐND" before "Huyện", "Đ" after "D"): the letters first, then
    the tones, then the case (lower before upper), as ICU's Vietnamese collation orders them."""
    chars = [_collation_char(c) for c in clean(text)]
    return tuple(c[0] for c in chars), tuple(c[1] for c in chars), tuple(c[2] for c in chars)


def collated(items, name=lambda item: item):
    """`items` sorted by `name(item)` in Vietnamese order; ties keep their order."""
    return sorted(items, key=lambda item: collation_key(name(item)))
