"""Snippets: the words asked marked on the folded copy of a text, then carried back onto the original: pure, no
Django.

Both engines index the folded copy of a text (hoinghi.core.text.fold: one character in, one out), so the words
marked on it lie at the same offsets in the original, which keeps its diacritics and case. The marking is done
here, not by the engines: the page's twenty texts are read anyway, and PostgreSQL's ts_headline parses each one
again (35 ms a page at 100,000 papers, a third of the search).
"""

import functools
import re
from collections import Counter
from html import escape

START, STOP, GAP = "\x02", "\x03", "\x1f"  # put around marked words and between parts
TAGS = {START: "<mark>", STOP: "</mark>"}
_MARKS = re.compile(f"([{START}{STOP}])")
# A part of a snippet: about thirty words of Vietnamese (a syllable and its space: five characters on average),
# from a few words before the match it is chosen for.
SPAN, LEAD, PARTS = 160, 24, 2
# The matches a snippet is chosen among: a long paper's first ones (a broad word stands hundreds of times in it).
CHOSEN_AMONG = 100
_WORD_START = re.compile(r"(?<![^\W_])[^\W_]")
_INSIDE_WORD = re.compile(r"(?<=[^\W_])[^\W_]")
_PARTIAL_WORD = re.compile(r"[^\W_]+$")


@functools.lru_cache(maxsize=256)
def pattern(phrases: frozenset[tuple[str, ...]], typed: tuple[str, ...] = ()) -> re.Pattern:
    """The phrases asked as whole words of a folded text, whatever separates their words (as the engines split
    words: runs of letters and digits), the longest first; `typed`: a phrase whose last word is a beginning."""
    written = [r"[\W_]+".join(map(re.escape, p)) for p in phrases if p]
    if typed:
        written.append(r"[\W_]+".join(map(re.escape, typed)) + r"[^\W_]*")
    if not written:
        return re.compile("(?!)")  # nothing asked: matches nowhere
    # That a match begins a word is asked in `matches`: a look behind in front of the pattern keeps the engine
    # from skipping to the letters the phrases begin with (a page's snippets 2 to 3 times slower).
    return re.compile("(?:" + "|".join(sorted(written, key=len, reverse=True)) + r")(?![^\W_])")


def matches(folded: str, asked: re.Pattern, limit: int | None) -> list[re.Match]:
    """The first `limit` (None: all) matches of pattern() in `folded` that begin a word."""
    found, at = [], 0
    while (limit is None or len(found) < limit) and (match := asked.search(folded, at)):
        start = match.start()
        if start and folded[start - 1].isalnum():  # inside a word: no phrase asked begins here
            at = start + 1
            continue
        found.append(match)
        at = max(match.end(), start + 1)
    return found


def mark(folded: str, asked: re.Pattern, *, parts: int | None = PARTS) -> str:
    """`folded` with START and STOP around what `asked` (pattern()) finds: the whole of it when `parts` is None (a
    title), else at most `parts` runs of about SPAN characters, cut at words, holding the most of the different
    phrases asked among the first CHOSEN_AMONG matches, in the text's order with GAP between them (the text's
    beginning when nothing is found). Only the matches are looked for, never every word: a paper is 2 to 20 KB."""
    found = matches(folded, asked, None if parts is None else CHOSEN_AMONG)
    if parts is None:
        runs = [(0, len(folded))]
    elif found:
        runs = [(_word_start(folded, start), end) for start, end in best_runs(found, parts)]
    else:
        runs = [(0, SPAN)]
    shown = []
    for start, end in runs:
        text, at = [], start
        for match in found:
            if start <= match.start() and match.end() <= end:
                text += [folded[at : match.start()], START, match.group(), STOP]
                at = match.end()
        tail = folded[at:end]
        text.append(_PARTIAL_WORD.sub("", tail) if _INSIDE_WORD.match(folded, end) else tail)
        shown.append("".join(text).strip())
    return GAP.join(part for part in shown if part)


def _word_start(text: str, at: int) -> int:
    """`at`, or past the word it falls in."""
    found = _WORD_START.search(text, at) if at else None
    return found.start() if found else at


def best_runs(found: list[re.Match], parts: int) -> list[tuple[int, int]]:
    """The runs of SPAN characters (from LEAD before a match) holding the most different phrases found, then the
    most matches; none overlapping another; in the text's order. One pass: a window slides over the matches."""
    keys = [" ".join(match.group().split()) for match in found]
    scored, inside, end = [], Counter(), 0
    for first, match in enumerate(found):
        while end < len(found) and found[end].end() <= match.start() + SPAN - LEAD:
            inside[keys[end]] += 1
            end += 1
        scored.append((-len(inside), -(end - first), match.start()))
        if first < end:
            inside[keys[first]] -= 1
            if not inside[keys[first]]:
                del inside[keys[first]]
    runs: list[tuple[int, int]] = []
    for *_, position in sorted(scored):
        run = (max(0, position - LEAD), max(0, position - LEAD) + SPAN)
        if all(run[1] <= other[0] or other[1] <= run[0] for other in runs):
            runs.append(run)
            if len(runs) == parts:
                break
    return sorted(runs)


def restore(original: str, folded: str, marked: str) -> str:
    """HTML of the original's parts that `marked` (parts of `folded` with START/STOP around words, GAP between
    parts) shows, with <mark> around the marked words and … where the text goes on."""
    shown = []
    for part in marked.split(GAP):
        plain = part.replace(START, "").replace(STOP, "")
        at = folded.find(plain) if plain.strip() else -1
        if at < 0:
            continue
        html, position = [], at
        for piece in _MARKS.split(part):  # runs of text between the marks: sliced from the original, escaped whole
            if piece in TAGS:
                html.append(TAGS[piece])
            elif piece:
                html.append(escape(original[position : position + len(piece)]))
                position += len(piece)
        text = " ".join("".join(html).split())
        shown.append(("… " if at > 0 else "") + text + (" …" if position < len(original) else ""))
    return " ".join(shown).replace("… …", "…")
