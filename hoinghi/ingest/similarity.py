"""How alike two texts are, as the corpus scorer measures it: the F1 of their syllable sets, after one
tone placement and case folding. Used to tell one item, decision or ballot told twice."""

import re
from functools import lru_cache

from hoinghi.core.text import match_key


@lru_cache(maxsize=4096)  # an item is compared with every other one: key it once
def syllables(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", match_key(text)))


def similarity(a: str, b: str) -> float:
    sa, sb = syllables(a), syllables(b)
    common = len(sa & sb)
    if not common:
        return 0.0
    precision, recall = common / len(sb), common / len(sa)
    return 2 * precision * recall / (precision + recall)
