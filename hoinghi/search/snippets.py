"""A snippet the engine marked on the folded text, carried back onto the original: pure, no Django.

Both engines index the folded copy of a text (hoinghi.core.text.fold: one character in, one out), so the words
they mark lie at the same offsets in the original, which keeps its diacritics and case.
"""

import re
from html import escape

START, STOP, GAP = "\x02", "\x03", "\x1f"  # what the engines are asked to put around marked words and between parts
TAGS = {START: "<mark>", STOP: "</mark>"}
_MARKS = re.compile(f"([{START}{STOP}])")


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
