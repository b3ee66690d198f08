"""Numbers as the genre writes them: digits, Roman numerals, words ("ba mươi mốt", "Mười bẩy"), and
figures in the Vietnamese format ("1.600" is sixteen hundred, "81,6" a decimal). Pure functions."""

import re

from hoinghi.core.roman import roman_to_int

_DIGITS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9}
# the forms a unit takes after "mười"/"mươi" ("hai mươi mốt", "mười lăm", "ba mươi tư")
_AFTER_TEN = {**_DIGITS, "mốt": 1, "tư": 4, "lăm": 5, "nhăm": 5}
_WORDS = ["mười", "mươi", "trăm", "linh", "lẻ", "nhất", *_AFTER_TEN]
NUMBER_WORD = "|".join(sorted(_WORDS, key=len, reverse=True))
# a run of number words, as a pattern to search text with (case-insensitive)
NUMBER_WORDS = rf"(?:{NUMBER_WORD})(?:\s+(?:{NUMBER_WORD}))*(?!\w)"
ROMAN = r"[IVXLC]+"


def _below_hundred(words: list[str]) -> int | None:
    """'chín' 9, 'mười lăm' 15, 'hai mươi' 20, 'ba mươi mốt' 31."""
    if len(words) == 1:
        return _DIGITS.get(words[0], 10 if words[0] == "mười" else None)
    if words[0] == "mười" and len(words) == 2 and words[1] != "mốt":
        unit = _AFTER_TEN.get(words[1])
        return None if unit is None else 10 + unit
    tens = _DIGITS.get(words[0])
    if tens is None or tens == 1 or len(words) > 3 or words[1] != "mươi":
        return None
    unit = _AFTER_TEN.get(words[2]) if len(words) == 3 else 0
    return None if unit is None else tens * 10 + unit


def from_words(text: str) -> int | None:
    """A whole number written in words (1-999), or None: 'ba mươi mốt' 31, 'một trăm linh năm' 105."""
    words = text.lower().split()
    if not words:
        return None
    if len(words) >= 2 and words[1] == "trăm":
        hundreds, rest = _DIGITS.get(words[0]), words[2:]
        if hundreds is None:
            return None
        if not rest:
            return hundreds * 100
        if rest[0] in ("linh", "lẻ"):
            unit = _DIGITS.get(rest[1]) if len(rest) == 2 else None
            return None if unit is None else hundreds * 100 + unit
        below = _below_hundred(rest)
        return None if below is None or below < 10 else hundreds * 100 + below
    return _below_hundred(words)


def ordinal(token: str) -> int | None:
    """The number of 'thứ N' / 'lần thứ N': digits, a Roman numeral or words ('nhất' is the first)."""
    token = token.strip()
    if token.isdigit():
        return int(token) or None
    if re.fullmatch(ROMAN, token):
        return roman(token)
    return 1 if token.lower() == "nhất" else (4 if token.lower() == "tư" else from_words(token))


def roman(token: str) -> int | None:
    try:
        return roman_to_int(token)
    except ValueError:
        return None


def to_roman(number: int) -> str:
    """16 → 'XVI' (a term written in digits: "khóa 16")."""
    out = []
    for value, letters in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV")):
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out) + "I" * number


FIGURE = r"\d+(?:[.,]\d+)*"
_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")


def figure(token: str) -> int | float:
    """'1.600' 1600, '367.000' 367000, '81,6' 81.6, '9' 9."""
    if _THOUSANDS.fullmatch(token):
        return int(token.replace(".", ""))
    number = float(token.replace(".", "").replace(",", ".") if token.count(",") == 1 else token.replace(",", "."))
    return int(number) if number.is_integer() else number
