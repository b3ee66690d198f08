"""Roman numerals, which name terms (khóa XVII = 17th)."""

import re

_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_VALID = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")


def roman_to_int(text: str) -> int:
    numeral = text.strip().upper()
    if not numeral or not _VALID.match(numeral):
        raise ValueError(f"not a Roman numeral: {text!r}")
    total = 0
    for char, following in zip(numeral, numeral[1:] + " ", strict=True):
        value = _VALUES[char]
        total += -value if following != " " and _VALUES[following] > value else value
    return total
