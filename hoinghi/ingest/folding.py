"""Text folded for matching: lower case, no diacritics, đ→d ("Ủy ban Nhân dân" → "uy ban nhan dan"),
so that case, marks and the two tone placements ("uỷ", "ủy") all match alike. What is not a
letter of Vietnamese may be dropped: a folded text is for matching, never for offsets."""

import unicodedata


def fold(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")  # str.replace, not translate: many times faster
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()


# Every capital and small letter of Vietnamese (A-Z and Latin letters with their marks, Đ), for patterns.
UPPER = "".join(c for c in map(chr, range(0x41, 0x1EFA)) if c.isupper() and c.isalpha())
LOWER = "".join(c for c in map(chr, range(0x61, 0x1EFA)) if c.islower() and c.isalpha())
