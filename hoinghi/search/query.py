"""A person's query read into clauses, and written as an FTS5 MATCH expression or a PostgreSQL tsquery: pure.

The query is read as search boxes are (like PostgreSQL's websearch_to_tsquery): words must all appear, anywhere
in the text; "words in quotes" appear together as a phrase; a word or phrase after a minus must not appear; OR
between two words or phrases lets either do. Each word is folded (hoinghi.core.text.fold) as the index is, so
diacritics, tone placement and đ/d do not matter; an abbreviation asks for its full form (abbreviations.py).
Words are the runs of letters and digits (punctuation splits them: "06-NQ/TU" is the phrase "06 nq tu"),
which is also how both engines split the indexed text. The last word, while it is still being typed (nothing
after it: "thuong v", "chuyển đ", an unclosed "quoted phr), is the beginning of a word: "v" asks for any word
starting with v.
"""

import re
from dataclasses import dataclass

from hoinghi.core.text import fold

from .abbreviations import abbreviations_of, full_form

_TOKEN = re.compile(r"[^\W_]+")
# A quoted phrase, or a run of anything but space and quotes; either may follow a minus.
_PART = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')
MAX_CLAUSES = 12  # a pasted paragraph is not a query; its first words are


@dataclass(frozen=True)
class Clause:
    """One of several phrases (each a tuple of folded words) must appear, or, when `negated`, none of them."""

    phrases: tuple[tuple[str, ...], ...]
    negated: bool = False
    # The last word of the last phrase is the beginning of a word (the query's last word, typed on).
    prefix: bool = False


def words(text: str) -> list[str]:
    """The folded words of `text`, as the engines split it."""
    return _TOKEN.findall(fold(text))


def _phrase(raw: str) -> tuple[tuple[str, ...], bool]:
    """The words of a part, and whether it was an abbreviation. A word alone that is an abbreviation asks for its
    full form, which the index adds beside every text that writes the abbreviation; inside a phrase ("06-NQ/TU")
    words are taken as written, as the text is indexed."""
    found = _TOKEN.findall(raw)
    form = full_form(found[0], typed=True) if len(found) == 1 else None
    return (tuple(form.split()), True) if form else (tuple(fold(word) for word in found), False)


def parse(text: str) -> list[Clause]:
    """The clauses of the query; [] when it asks for nothing (empty, or only exclusions)."""
    clauses: list[Clause] = []
    pending_or = whole = False
    for match in _PART.finditer(text or ""):
        negated = bool(match.group(1) or match.group(3))
        raw = match.group(2) if match.group(2) is not None else match.group(4)
        if match.group(4) is not None and raw.lower() == "or" and not negated:
            pending_or = bool(clauses) and not clauses[-1].negated
            whole = True  # the last word is OR, not a word typed on
            continue
        phrase, whole = _phrase(raw)
        if not phrase:
            continue
        if pending_or:
            clauses[-1] = Clause(clauses[-1].phrases + (phrase,))
        else:
            clauses.append(Clause((phrase,), negated))
        pending_or = False
    # Typed on: the text ends in a letter or digit, a word asked for (an exclusion of every word beginning with
    # "d" would leave nothing), not a whole abbreviation (its full form is asked) nor OR.
    if clauses and _TOKEN.fullmatch(fold(text)[-1]) and not clauses[-1].negated and not whole:
        clauses[-1] = Clause(clauses[-1].phrases, prefix=True)
    clauses = clauses[:MAX_CLAUSES]
    return clauses if any(not c.negated for c in clauses) else []


def _alternatives(clause: Clause, phrase, join: str) -> str:
    last = len(clause.phrases) - 1
    parts = [phrase(p, clause.prefix and n == last) for n, p in enumerate(clause.phrases)]
    return parts[0] if len(parts) == 1 else "(" + join.join(parts) + ")"


def to_fts5(clauses: list[Clause]) -> str:
    """An FTS5 MATCH expression: phrases in double quotes (the words are letters and digits only); a * after a
    phrase makes its last word a prefix."""

    def phrase(words, prefix):
        return '"' + " ".join(words) + '"' + ("*" if prefix else "")

    wanted = " AND ".join(_alternatives(c, phrase, " OR ") for c in clauses if not c.negated)
    unwanted = [_alternatives(c, phrase, " OR ") for c in clauses if c.negated]
    return wanted + "".join(f" NOT {u}" for u in unwanted)


def to_tsquery(clauses: list[Clause]) -> str:
    """A PostgreSQL tsquery for to_tsquery('simple', ...): a phrase's words joined by <->, a prefix marked :*."""

    def phrase(words, prefix):
        joined = " <-> ".join(words) + (":*" if prefix else "")
        return joined if len(words) == 1 else "(" + joined + ")"

    parts = [("!" if c.negated else "") + _alternatives(c, phrase, " | ") for c in clauses]
    return " & ".join(parts)


def tiers(clauses: list[Clause], written) -> tuple[str, str, list[str]]:
    """The query in an engine's syntax (`written`: to_fts5 or to_tsquery) as its ranking asks it: the whole query,
    the words asked (the title tier's), and the whole query again where it excludes words ([] where it does not)."""
    everything = written(clauses)
    asked = written([c for c in clauses if not c.negated])
    return everything, asked, [everything] if any(c.negated for c in clauses) else []


def highlighted(clauses: list[Clause]) -> tuple[frozenset[tuple[str, ...]], tuple[str, ...]]:
    """What a result's snippet marks: the phrases asked (not excluded) and the abbreviations whose full form's
    words are all asked, which a text may write instead ("HĐND" for "hội đồng nhân dân"); and apart, the phrase
    whose last word is being typed (() when none is)."""
    asked = [p for c in clauses if not c.negated for p in c.phrases]
    typed = clauses[-1].phrases[-1] if clauses and clauses[-1].prefix else ()
    words = frozenset(word for p in asked for word in p)
    return frozenset(p for p in asked if p != typed) | {(key,) for key in abbreviations_of(words)}, typed
