"""An article's sentences and the roles each may play, behind a cheap cue prefilter.

One pass of one pattern over the folded article finds the cue words of every role ("chủ trì" a
chair, "giao" a directive, "bầu" a ballot, "%" a target or a ballot...); each sentence gets the
roles of the cues inside it, and each part of the extractor reads only the sentences of its roles.
A cue only makes a sentence a candidate: the part that reads it decides.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from hoinghi.ingest.folding import LOWER, UPPER, forms_of, insensitive, plain
from hoinghi.ingest.layout import Layout, layout
from hoinghi.ingest.scanning import first_letters, trie

# cue words, folded (no diacritics, lower case), by role
_CUES = {
    "chair": ("chu tri", "chu toa", "dieu hanh"),
    "people": (
        "dong chi", "d/c", "ong", "ba", "cac ong", "cac ba", "bi thu", "chu tich", "giam doc", "truong",
        "uy vien", "pho", "chanh", "cuc truong", "chu nhiem", "tong", "uvtw", "vien truong", "dai ta", "dai bieu",
        "db", "cac vi", "thieu tuong", "trung tuong",
    ),
    "agenda": (
        "nghe", "xem xet", "cho y kien", "thao luan", "gop y", "tham gia y kien", "trinh", "bao cao", "gom",
        "danh gia", "so ket", "tong ket", "thong qua", "bau", "mien nhiem", "quyet nghi", "quy trinh",
        "lay phieu", "giai trinh", "chat van", "thong nhat", "trao doi", "quyet dinh", "phe duyet",
        "trien khai", "nhat tri", "dong y",
    ),
    "decision": (
        "thong qua", "nhat tri", "thong nhat", "dong y", "tan thanh", "dong tinh", "phe chuan", "quyet nghi",
        "quyet dinh", "cho y kien", "gop y", "ghi nhan", "giao", "yeu cau", "de nghi", "lui", "hoan", "chua",
        "bieu quyet",
    ),
    "directive": ("giao", "yeu cau", "de nghi", "chi dao", "luu y"),
    "ballot": (
        "bau", "bo phieu", "bieu quyet", "mien nhiem", "bai nhiem", "tin nhiem", "phieu", "tan thanh", "dac cu",
        "trung cu", "ung cu", "cho thoi", "thoi giu", "phe chuan", "xep loai",
    ),
    "target": ("muc tieu", "chi tieu", "phan dau", "den nam", "ke hoach", "nham dat", "de dat", "cuoi nam"),
    "other_meeting": ("dai hoi", "chuan bi", "sap toi", "ky hop toi", "ky hop sau", "phien hop sau"),
}  # fmt: skip
_ROLES: dict[str, set[str]] = {}
for _role, _words in _CUES.items():
    for _word in _words:
        _ROLES.setdefault(_word, set()).add(_role)
_CUE = insensitive(
    rf"(?=[{forms_of(first_letters(_ROLES))}%\d])(?:(?<![\w/])({trie(_ROLES)})(?![\w/])|(%)|(\d\s?/\s?\d))"
)
_plain = lru_cache(maxsize=1024)(plain)  # the cue word as it is listed
_FIGURE_ROLES = {2: frozenset({"ballot", "target"}), 3: frozenset({"ballot"})}

# a sentence ends at . ! ? … before a capital; also "lần thứ 4.Đồng chí" where the space was lost
_BREAK = re.compile(rf"(?<=[.!?…])\s+(?=[{UPPER}\d\"“(])|(?<=[{LOWER}\d][{LOWER}\d]\.)(?=[{UPPER}][{LOWER}])")
_ABBREVIATION = re.compile(r"(?:^|\s)(?:TP|Tp|TS|ThS|PGS|GS|BS|ĐC|St|Q|P|ông|bà|Đ/c|đ/c|v\.v)\.$")


@dataclass(frozen=True)
class Sentence:
    text: str
    paragraph: int  # 0 is the headline's (or the lead's, where there is no headline)
    index: int  # its place in the paragraph
    roles: frozenset[str]
    caption: bool = False
    title: bool = False


@dataclass
class Article:
    layout: Layout
    sentences: list[Sentence] = field(default_factory=list)

    def having(self, *roles: str) -> list[Sentence]:
        """The sentences with a cue of any of `roles`."""
        wanted = set(roles)
        return [s for s in self.sentences if s.roles & wanted]

    def paragraphs(self) -> list[list[Sentence]]:
        out: list[list[Sentence]] = []
        for sentence in self.sentences:
            if not out or out[-1][0].paragraph != sentence.paragraph:
                out.append([])
            out[-1].append(sentence)
        return out


def split_sentences(paragraph: str) -> list[str]:
    """A paragraph's sentences; an abbreviation ("TP. Nha Trang") does not end one."""
    pieces = [p for p in _BREAK.split(paragraph.strip()) if p.strip()]
    out: list[str] = []
    for piece in pieces:
        if out and _ABBREVIATION.search(out[-1]):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece.strip())
    return out


def read_article(text: str) -> Article:
    """The article's layout and its sentences with their roles."""
    found = layout(text)
    parts = [(found.title, False)] if found.title else []
    parts += [(p.text, p.caption) for p in found.paragraphs]
    article = Article(found)
    texts, meta, starts = [], [], []
    offset = 0
    for number, (paragraph, caption) in enumerate(parts):
        for index, sentence in enumerate(split_sentences(paragraph)):
            texts.append(sentence)
            meta.append((number, index, caption, number == 0 and found.title is not None))
            starts.append(offset)
            offset += len(sentence) + 1
    roles: list[set[str]] = [set() for _ in texts]
    for cue in _CUE.finditer("\n".join(texts)):  # one pass over the whole article
        roles[bisect_right(starts, cue.start()) - 1] |= (
            _ROLES[_plain(cue.group(1))] if cue.group(1) else _FIGURE_ROLES[cue.lastindex]
        )
    article.sentences = [
        Sentence(text, number, index, frozenset(found_roles), caption, title)
        for text, (number, index, caption, title), found_roles in zip(texts, meta, roles, strict=True)
    ]
    return article
