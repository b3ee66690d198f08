"""A successor's figure for a period before the reorganization that made it, from its predecessors' figures,
without Django: when it can be derived (the indicator rolls up, every predecessor of the period reported, with
its base for a weighted share) and what it is (`rules.rollup`: a sum, or a share weighted by the bases).

Organizations are plain keys (the models' ids): `expected` are the ones that existed in the period and whose
figures make up the successor's; `figures` maps a key to its (value, base) for the period.
"""

from collections.abc import Collection, Mapping
from typing import NamedTuple

from . import rules

# Why no figure is derived.
NOT_ALLOWED = "not_allowed"  # the indicator does not add up (a rank, a share without a base...)
INCOMPLETE = "incomplete"  # a predecessor did not report the period
NO_BASE = "no_base"  # a weighted share, and a predecessor's base is missing
NOTHING = "nothing"  # no predecessor existed in the period

DERIVED_RULES = {
    rules.SUM: rules.gettext_noop(
        "Derived, not reported: before the reorganization, the figure is the sum of its predecessors' figures for "
        "the period; it is given only when every predecessor reported that period."
    ),
    rules.WEIGHTED_SHARE: rules.gettext_noop(
        "Derived, not reported: before the reorganization, the figure is its predecessors' shares weighted by "
        "%(weight)s (Σ share × %(weight)s ÷ Σ %(weight)s); it is given only when every predecessor reported that "
        "period with its %(weight)s."
    ),
}
NOT_DERIVED = rules.gettext_noop(
    "This indicator does not add up from one organization to another: no figure is derived for the periods "
    "before the reorganization."
)


class Derived(NamedTuple):
    value: float | None
    missing: tuple = ()  # the expected keys without a figure (or without a base), in the order given
    why: str = ""  # empty when derived, else one of the reasons above

    @property
    def derived(self) -> bool:
        return self.value is not None


def derive(kind: str, expected: Collection, figures: Mapping) -> Derived:
    """The successor's figure from its predecessors' `figures` ({key: (value, base)}) for one period.

    Derived only when the indicator rolls up (`kind` SUM or WEIGHTED_SHARE), at least one predecessor existed,
    and every one of `expected` has a figure (and, for a weighted share, a base above 0); figures of keys not
    expected are ignored."""
    if kind not in DERIVED_RULES:
        return Derived(None, why=NOT_ALLOWED)
    if not expected:
        return Derived(None, why=NOTHING)
    missing = tuple(key for key in expected if key not in figures)
    if missing:
        return Derived(None, missing, INCOMPLETE)
    pairs = [figures[key] for key in expected]
    if kind == rules.WEIGHTED_SHARE:
        unweighed = tuple(key for key in expected if figures[key][1] is None or figures[key][1] <= 0)
        if unweighed:
            return Derived(None, unweighed, NO_BASE)
    return Derived(rules.rollup(kind, pairs))
