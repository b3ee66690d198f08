"""A snippet the engine marked on the folded text, carried back onto the original: pure, no Django.

Both engines index the folded copy of a text (hoinghi.core.text.fold: one character in, one out), so the words
they mark lie at the same offsets in the original, which keeps its diacritics and case.
"""

from html import escape

START, STOP, GAP = "\x02", "\x03", "\x1f"  # what the engines are asked to put around marked words and between parts


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
        for char in part:
            if char == START:
                html.append("<mark>")
            elif char == STOP:
                html.append("</mark>")
            else:
                html.append(escape(original[position]))
                position += 1
        text = " ".join("".join(html).split())
        shown.append(("… " if at > 0 else "") + text + (" …" if position < len(original) else ""))
    return " ".join(shown).replace("… …", "…")
