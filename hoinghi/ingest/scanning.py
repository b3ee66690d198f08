"""Word lists as fast patterns: a list of words becomes one regular expression factored by common
prefixes ("B(?:í thư|ộ trưởng)"), led by a look-ahead for the letters a match can begin with.

Python's re tries every branch of an alternation at every position of the text; the look-ahead
rejects most positions at once and the factoring leaves one branch per letter. Public `re` only.
"""

import re
from collections.abc import Iterable


def trie(words: Iterable[str]) -> str:
    """A pattern matching any of `words` (escaped), longest first where one is a prefix of another."""
    heads: dict[str, list[str]] = {}
    for word in words:
        heads.setdefault(word[:1], []).append(word[1:])
    branches = []
    for head, tails in sorted(heads.items()):
        rest = [tail for tail in tails if tail]
        inner = trie(rest) if rest else ""
        if rest and "" in tails:
            inner = f"(?:{inner})?"
        branches.append(re.escape(head) + inner)
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def first_letters(words: Iterable[str], ignore_case: bool = False) -> str:
    """The inside of a character class of the letters the words begin with."""
    letters = {word[:1] for word in words if word}
    if ignore_case:
        letters |= {case for letter in letters for case in (letter.lower(), letter.upper()) if len(case) == 1}
    return "".join(re.escape(letter) for letter in sorted(letters))


def led(pattern: str, first: str, flags: int = 0) -> re.Pattern:
    """`pattern` with a look-ahead for `first`, the letters its matches begin with (the caller knows
    them: a pattern that starts with a look-behind or an alternation is otherwise tried everywhere)."""
    return re.compile(f"(?=[{first}])(?:{pattern})", flags)
