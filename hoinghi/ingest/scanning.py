"""Patterns searched over long text, made fast: a look-ahead for the characters a match can begin with.

Python's re has no quick skip for a pattern that starts with a look-behind, a word boundary or a large
alternation: it tries the whole pattern at every position of the text. The extractor's rules are such patterns.
"""

import re
from re import _constants as _sre  # re's own parse tree (Python 3.11+): what a match can begin with
from re import _parser as _sre_parser

_ZERO_WIDTH = (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT)
_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT)
_CATEGORIES = {
    _sre.CATEGORY_DIGIT: r"\d", _sre.CATEGORY_NOT_DIGIT: r"\D", _sre.CATEGORY_SPACE: r"\s",
    _sre.CATEGORY_NOT_SPACE: r"\S", _sre.CATEGORY_WORD: r"\w", _sre.CATEGORY_NOT_WORD: r"\W",
}  # fmt: skip


def _class_item(op, av) -> str | None:
    """One item of a parsed character class written back as class syntax (None: a negated class)."""
    if op is _sre.LITERAL:
        return re.escape(chr(av))
    if op is _sre.RANGE:
        return f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}"
    return _CATEGORIES.get(av) if op is _sre.CATEGORY else None


def _first_chars(items) -> tuple[list[str] | None, bool]:
    """The class items a match of a parsed pattern can begin with (None where it cannot tell),
    and whether the pattern can match the empty string."""
    found: list[str] = []
    for op, av in items:
        if op in _ZERO_WIDTH:  # look-arounds and anchors: the next item gives the character
            continue
        if op in (_sre.LITERAL, _sre.IN):
            first = [_class_item(op, av)] if op is _sre.LITERAL else [_class_item(*item) for item in av]
            return (None if None in first else found + first), False
        if op is _sre.BRANCH:
            branches = [_first_chars(branch.data) for branch in av[1]]
            first = None if any(f is None for f, _ in branches) else [i for f, _ in branches for i in f]
            empty = any(empty for _, empty in branches)
        elif op is _sre.SUBPATTERN and not av[1] and not av[2]:  # a group without its own flags
            first, empty = _first_chars(av[3].data)
        elif op in _REPEATS:
            first, empty = _first_chars(av[2].data)
            empty = empty or av[0] == 0
        else:
            return None, False
        if first is None:
            return None, False
        found += first
        if not empty:
            return found, False
    return found, True


def first_chars(pattern: str, flags: int = 0) -> str | None:
    """The characters a match of `pattern` can begin with, as the inside of a character class;
    None where that cannot be told or where the pattern can match the empty string."""
    parsed = _sre_parser.parse(pattern, flags)
    first, empty = _first_chars(parsed.data)
    if first is None or empty or (parsed.state.flags ^ flags) & ~re.UNICODE:  # "(?i)..." must stay first
        return None
    return "".join(dict.fromkeys(first))


def scanning(pattern: str, flags: int = 0) -> re.Pattern:
    """`re.compile(pattern)` for searching long text when the pattern starts with an alternation
    or a look-behind: Python's re then tries the whole pattern at every position, so a look-ahead
    for the characters a match can begin with rejects most positions at once (several times faster)."""
    chars = first_chars(pattern, flags)
    return re.compile(f"(?=[{chars}])(?:{pattern})" if chars else pattern, flags)
