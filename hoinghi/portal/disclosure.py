"""Does an article's text give away what a meeting keeps confidential? Pure (no Django).

The secrets are the titles and words of a meeting's confidential items, papers, conclusions and opinions, and
the voters of its secret ballots. Text is compared on the diacritic fold (`core.text.fold`), words only, so that
a change of case, tone mark or punctuation does not slip a secret through. A long text (a conclusion, an
opinion) is given away by any one of its sentences of at least `MIN_WORDS` words; a short one (a title) only
whole, since a title's few common words are not a secret by themselves, and one of fewer than `MIN_SHORT_WORDS`
words not at all. A secret ballot is given away by a
sentence that names one of its voters beside a choice ("tán thành", "bỏ phiếu cho", ...)."""

import re
from dataclasses import dataclass

from hoinghi.core.text import fold

MIN_WORDS = 6
MIN_SHORT_WORDS = 3  # a secret of fewer words ("Tán thành", "Đồng ý") is common speech, not a secret
SENTENCE = re.compile(r"[.;:!?\n]+")
WORD = re.compile(r"\w+")
VOTE_WORDS = ("tan thanh", "khong tan thanh", "phan doi", "dong y", "khong dong y", "bo phieu", "bau cho", "gach ten")


@dataclass(frozen=True)
class Secret:
    kind: str  # what it is, for the refusal: "item", "paper", "conclusion", "opinion", "directive", "poll"
    label: str  # how the refusal names it (a title)
    text: str


@dataclass(frozen=True)
class Leak:
    kind: str
    label: str


def words(text: str) -> str:
    return " ".join(WORD.findall(fold(text)))


def sentences(text: str) -> list[str]:
    return [words(part) for part in SENTENCE.split(text) if words(part)]


def fragments(secret: Secret) -> list[str]:
    """The pieces of a secret whose presence alone gives it away."""
    whole = words(secret.text)
    if len(whole.split()) < MIN_WORDS * 2:
        return [whole] if len(whole.split()) >= MIN_SHORT_WORDS else []
    return [s for s in sentences(secret.text) if len(s.split()) >= MIN_WORDS] or [whole]


def contains(haystack: str, needle: str) -> bool:
    """Whole words: "ban" is not found in "bang"."""
    return f" {needle} " in f" {haystack} "


def leaks(text: str, secrets: list[Secret], secret_voters: list[str] = ()) -> list[Leak]:
    """What `text` gives away, each once, in the order of `secrets` then the voters."""
    folded = words(text)
    found = []
    for secret in secrets:
        if any(contains(folded, fragment) for fragment in fragments(secret)):
            found.append(Leak(secret.kind, secret.label))
    voters = [(name, words(name)) for name in secret_voters if words(name)]
    for sentence in sentences(text):
        if not any(contains(sentence, vote_word) for vote_word in VOTE_WORDS):
            continue
        found += [Leak("ballot", name) for name, key in voters if contains(sentence, key)]
    return list(dict.fromkeys(found))
