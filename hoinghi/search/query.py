"""A person's query read into clauses, and written as an FTS5 MATCH expression or a PostgreSQL tsquery: pure.

The query is read as search boxes are (like PostgreSQL's websearch_to_tsquery): words must all appear, anywhere
in the text; "words in quotes" appear together as a phrase; a word or phrase after a minus must not appear; OR
between two words or phrases lets either do. Each word is folded (hoinghi.core.text.fold) as the index is, so
diacritics, tone placement and đ/d do not matter; an abbreviation asks for its full form (abbreviations.py).
Words are the runs of letters and digits (punctuation splits them: "06-NQ/TU" is the phrase "06 nq tu"),
which is also how both engines split the indexed text.
"""

import re
from dataclasses import dataclass

from hoinghi.core.text import fold

from .abbreviations import full_form

_TOKEN = re.compile(r"[^\W_]+")
# A quoted phrase, or a run of anything but space and quotes; either may follow a minus.
_PART = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')
MAX_CLAUSES = 12  # a pasted paragraph is not a query; its first words are


@dataclass(frozen=True)
class Clause:
    """One of several phrases (each a tuple of folded words) must appear, or, when `negated`, none of them."""

    phrases: tuple[tuple[str, ...], ...]
    negated: bool = False


def words(text: str) -> list[str]:
    """The folded words of `text`, as the engines split it."""
    return _TOKEN.findall(fold(text))


def _phrase(raw: str) -> tuple[str, ...]:
    """A word alone that is an abbreviation asks for its full form, which the index adds beside every text that
    writes the abbreviation; inside a phrase ("06-NQ/TU") words are taken as written, as the text is indexed."""
    found = _TOKEN.findall(raw)
    form = full_form(found[0], typed=True) if len(found) == 1 else None
    return tuple(form.split()) if form else tuple(fold(word) for word in found)


def parse(text: str) -> list[Clause]:
    """The clauses of the query; [] when it asks for nothing (empty, or only exclusions)."""
    clauses: list[Clause] = []
    pending_or = False
    for match in _PART.finditer(text or ""):
        negated = bool(match.group(1) or match.group(3))
        raw = match.group(2) if match.group(2) is not None else match.group(4)
        if match.group(4) is not None and raw.lower() == "or" and not negated:
            pending_or = bool(clauses) and not clauses[-1].negated
            continue
        phrase = _phrase(raw)
        if not phrase:
            continue
        if pending_or:
            clauses[-1] = Clause(clauses[-1].phrases + (phrase,))
        else:
            clauses.append(Clause((phrase,), negated))
        pending_or = False
    clauses = clauses[:MAX_CLAUSES]
    return clauses if any(not c.negated for c in clauses) else []


def _alternatives(clause: Clause, phrase, join: str) -> str:
    parts = [phrase(p) for p in clause.phrases]
    return parts[0] if len(parts) == 1 else "(" + join.join(parts) + ")"


def to_fts5(clauses: list[Clause]) -> str:
    """An FTS5 MATCH expression: phrases in double quotes (the words are letters and digits only)."""

    def phrase(words):
        return '"' + " ".join(words) + '"'

    wanted = " AND ".join(_alternatives(c, phrase, " OR ") for c in clauses if not c.negated)
    unwanted = [_alternatives(c, phrase, " OR ") for c in clauses if c.negated]
    return wanted + "".join(f" NOT {u}" for u in unwanted)


def to_tsquery(clauses: list[Clause]) -> str:
    """A PostgreSQL tsquery for to_tsquery('simple', ...): a phrase's words joined by <->."""

    def phrase(words):
        return " <-> ".join(words) if len(words) == 1 else "(" + " <-> ".join(words) + ")"

    parts = [("!" if c.negated else "") + _alternatives(c, phrase, " | ") for c in clauses]
    return " & ".join(parts)


def highlight_words(clauses: list[Clause]) -> frozenset[str]:
    """The folded words a result's snippet marks."""
    return frozenset(word for c in clauses if not c.negated for p in c.phrases for word in p)
