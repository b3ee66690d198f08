"""Matching text regardless of case, diacritics and tone placement ("Ủy ban Nhân dân" = "uy ban nhan
dan", "uỷ" = "ủy"), without folding the text: a pattern written in plain lower-case letters is compiled
so that each letter also matches every marked form of it, in either case. The text is read as it is,
so an offset found is an offset in the original (and the article is not copied to be folded)."""

import re
import unicodedata


def _forms() -> dict[str, str]:
    """Each plain letter and every letter that folds to it ("a": "aàáảãạăằ...AÀÁ...")."""
    forms: dict[str, list[str]] = {}
    for code in range(0x41, 0x1F00):
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[0].lower()
        if len(base) == 1 and "a" <= base <= "z" and char.isalpha():
            forms.setdefault(base, []).append(char)
    forms["d"] += ["đ", "Đ"]
    return {base: "".join(chars) for base, chars in forms.items()}


_FORMS = _forms()


def insensitive(pattern: str, flags: int = 0) -> re.Pattern:
    """`pattern`, written in plain lower-case letters, compiled to match them with any case and marks.
    Escapes ("\\s", "\\b") and character classes are kept as they are."""
    out, index, in_class = [], 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            out.append(pattern[index : index + 2])
            index += 2
            continue
        if char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        out.append(f"[{_FORMS[char]}]" if not in_class and char in _FORMS else char)
        index += 1
    return re.compile("".join(out), flags)


_PLAIN = {ord(form): base for base, forms in _FORMS.items() for form in forms}


def plain(text: str) -> str:
    """The plain lower-case letters of a short text ("Chủ Trì" → "chu tri"): to name what was found."""
    return text.translate(_PLAIN)


def forms_of(letters: str) -> str:
    """The inside of a character class of every form of these plain letters (for a look-ahead)."""
    return "".join(_FORMS.get(char, re.escape(char)) for char in letters)


# Every capital and small letter of Vietnamese (A-Z and Latin letters with their marks, Đ), for patterns.
UPPER = "".join(c for c in map(chr, range(0x41, 0x1EFA)) if c.isupper() and c.isalpha())
LOWER = "".join(c for c in map(chr, range(0x61, 0x1EFA)) if c.islower() and c.isalpha())
