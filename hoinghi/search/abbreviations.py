"""The abbreviations of the genre and their full forms, folded (hoinghi.core.text.fold): pure, no Django.

An abbreviation is recognised only when written in capitals ("HĐND", "TU"): "tu" in lower case is a word of its
own (tu, tú, tự, từ...). The index adds the full form of every abbreviation a text writes, and a query's
abbreviation asks for its full form, so "HĐND" and "Hội đồng nhân dân" find the same texts.
"""

import re

from hoinghi.core.text import fold

ABBREVIATIONS = {
    "hdnd": "hoi dong nhan dan",
    "ubnd": "uy ban nhan dan",
    "btv": "ban thuong vu",
    "bch": "ban chap hanh",
    "mttq": "mat tran to quoc",
    "ubmttq": "uy ban mat tran to quoc",
    "tu": "tinh uy",
    "tw": "trung uong",
    "bct": "bo chinh tri",
    "ubkt": "uy ban kiem tra",
    "nq": "nghi quyet",
    "hdqt": "hoi dong quan tri",
}
# Abbreviations that are not also common words: recognised in a query however they are typed ("hdnd").
UNAMBIGUOUS = frozenset(ABBREVIATIONS) - {"tu", "nq", "tw"}


# The abbreviations as a text writes them, in capitals (Đ or D), as whole words: found by one expression, since a
# paper has thousands of words.
def _in_capitals(key: str) -> str:
    return "".join("[DĐ]" if c == "d" else c.upper() for c in key)


_WRITTEN = re.compile(
    r"(?<![^\W_])(?:" + "|".join(sorted(map(_in_capitals, ABBREVIATIONS), key=len, reverse=True)) + r")(?![^\W_])"
)


def full_form(word: str, *, typed: bool = False) -> str | None:
    """The folded full form of `word` if it is an abbreviation, else None. In a text an abbreviation counts only
    in capitals; a query (`typed`) may also write the unambiguous ones in lower case."""
    key = fold(word)
    if key not in ABBREVIATIONS:
        return None
    if word.isupper() or (typed and key in UNAMBIGUOUS):
        return ABBREVIATIONS[key]
    return None


def abbreviations_of(words: frozenset[str]) -> frozenset[str]:
    """The folded abbreviations, not also common words, whose full form's words are all among `words`."""
    return frozenset(key for key in UNAMBIGUOUS if words.issuperset(ABBREVIATIONS[key].split()))


def full_forms(text: str) -> str:
    """The full forms of the abbreviations `text` writes, one per line, each once: indexed beside the text."""
    return "\n".join(dict.fromkeys(ABBREVIATIONS[fold(word)] for word in _WRITTEN.findall(text)))
