"""Counting ballots and applying the threshold: pure functions, no Django.

A ballot is {subject id (str): option}. A mark that is not an option of the poll's kind spoils that
subject only: the ballot still counts for the others (the Party's rule for candidate lists).
"""

from collections import Counter
from fractions import Fraction

from .rules import (
    DECIDING_OPTION,
    DEFAULT_RULES,
    LOW_MAJORITY_SHARE,
    LOW_TWO_THIRDS_SHARE,
    OPTIONS,
    Base,
    Finding,
    Kind,
    Rule,
)


def passes(count: int, base_count: int, rule: Rule) -> bool:
    """More than (strict) or at least `rule.share` of the base; an empty base never passes."""
    if base_count <= 0:
        return False
    ratio = Fraction(count, base_count)
    return ratio > rule.share if rule.strict else ratio >= rule.share


def percent(count: int, base_count: int) -> float:
    return round(100 * count / base_count, 2) if base_count else 0.0


def valid_ballot(kind: str, ballot: dict, subject_ids: list[str], max_choices: int | None) -> bool:
    """A choose-up-to-N ballot with too many choices is void; other kinds are judged per subject."""
    if kind != Kind.CHOOSE or max_choices is None:
        return True
    return sum(1 for s in subject_ids if ballot.get(s) == "chosen") <= max_choices


def level_reached(counts: dict, levels: list[str], base_count: int, rule: Rule) -> str | None:
    """The best level whose votes, added to those of the better levels, pass the rule."""
    total = 0
    for level in levels:
        total += counts.get(level, 0)
        if passes(total, base_count, rule):
            return level
    return None


def confidence_finding(low: int, returned: int) -> str:
    """Quy định 96-QĐ/TW: more than half of the ballots returned rating "tín nhiệm thấp", or two thirds or more of
    them. The other levels do not weigh: one "cao" and one "thấp" is half, not a finding of low confidence."""
    if returned <= 0:
        return Finding.NONE
    share = Fraction(low, returned)
    if share >= LOW_TWO_THIRDS_SHARE:
        return Finding.LOW_TWO_THIRDS
    return Finding.LOW_MAJORITY if share > LOW_MAJORITY_SHARE else Finding.NOT_LOW


def base_count(base: str, *, convened: int, present: int, returned: int, valid: int) -> int:
    return {Base.CONVENED: convened, Base.PRESENT: present, Base.RETURNED: returned, Base.VALID: valid}[base]


def tally(
    kind: str,
    subject_ids: list[str],
    ballots: list[dict],
    rule: Rule,
    *,
    convened: int,
    present: int,
    max_choices: int | None = None,
) -> dict:
    """Counts per subject and option, the percentages over the base and the outcome."""
    options = OPTIONS[kind]
    valid_ballots = [b for b in ballots if valid_ballot(kind, b, subject_ids, max_choices)]
    return tally_counts(
        kind,
        subject_ids,
        {s: Counter(b[s] for b in valid_ballots if b.get(s) in options) for s in subject_ids},
        rule,
        convened=convened,
        present=present,
        returned=len(ballots),
        valid=len(valid_ballots),
    )


def tally_counts(
    kind: str,
    subject_ids: list[str],
    counts: dict,
    rule: Rule,
    *,
    convened: int,
    present: int,
    returned: int,
    valid: int,
) -> dict:
    """The same result from counts already made (a paper tally entered by the counting board)."""
    options = OPTIONS[kind]
    if kind == Kind.CONFIDENCE:
        rule = DEFAULT_RULES[kind]  # the Party's rule, not a threshold chosen on the form
    denominator = base_count(rule.base, convened=convened, present=present, returned=returned, valid=valid)
    deciding = DECIDING_OPTION.get(kind)
    subjects = []
    for subject in subject_ids:
        per_option = {option: int(counts.get(subject, {}).get(option, 0)) for option in options}
        entry = {
            "id": subject,
            "counts": per_option,
            "percent": {option: percent(n, denominator) for option, n in per_option.items()},
            "passed": passes(per_option[deciding], denominator, rule) if deciding else None,
        }
        if kind == Kind.RATING:
            entry["level"] = level_reached(per_option, options, denominator, rule)
        elif kind == Kind.CONFIDENCE:
            entry["finding"] = confidence_finding(per_option["low"], returned)
        subjects.append(entry)
    return {
        "kind": kind,
        "base": rule.base,
        "base_count": denominator,
        "share": [rule.share.numerator, rule.share.denominator],
        "strict": rule.strict,
        "convened": convened,
        "present": present,
        "returned": returned,
        "valid": valid,
        "subjects": subjects,
    }
