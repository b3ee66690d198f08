"""Pure voting rules: kinds, options, bases, thresholds. No Django imports.

Options are fixed per kind; a ballot maps each subject (the question, a candidate, a rated member,
an office holder) to one option code.
"""

from dataclasses import dataclass
from fractions import Fraction


class Kind:
    QUESTION = "question"  # đồng ý / không đồng ý / không biểu quyết
    CANDIDATES = "candidates"  # one yes/no per candidate ("đồng ý giới thiệu")
    CHOOSE = "choose"  # choose up to N of a list
    RATING = "rating"  # four levels per subject
    CONFIDENCE = "confidence"  # three levels per office holder


class Method:
    OPEN = "open"
    SECRET = "secret"
    PAPER = "paper"


class Base:
    """The denominator of a threshold."""

    CONVENED = "convened"  # all members of the body for the term (tổng số thành viên được triệu tập)
    PRESENT = "present"  # members present when the poll opened
    RETURNED = "returned"  # ballots returned
    VALID = "valid"  # valid ballots


class Status:
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"
    PUBLISHED = "published"


OPTIONS = {
    Kind.QUESTION: ["yes", "no", "abstain"],
    Kind.CANDIDATES: ["yes", "no"],
    Kind.CHOOSE: ["chosen", "not_chosen"],
    Kind.RATING: ["excellent", "good", "completed", "not_completed"],
    Kind.CONFIDENCE: ["high", "medium", "low"],
}

# The option whose share decides "passed" for each kind (ratings report a level, confidence votes a finding).
DECIDING_OPTION = {Kind.QUESTION: "yes", Kind.CANDIDATES: "yes", Kind.CHOOSE: "chosen"}


@dataclass(frozen=True)
class Rule:
    """Passed when the deciding count is more than (strict) or at least `share` of the base."""

    share: Fraction
    strict: bool
    base: str


# The Party's rules are the defaults (Quy định thi hành Điều lệ Đảng; HĐND's Luật Tổ chức chính quyền địa phương):
# an election or nomination needs more than half of the members convened; a question more than half of them;
# a confidence vote reports its levels over the ballots returned.
DEFAULT_RULES = {
    Kind.QUESTION: Rule(Fraction(1, 2), strict=True, base=Base.CONVENED),
    Kind.CANDIDATES: Rule(Fraction(1, 2), strict=True, base=Base.CONVENED),
    Kind.CHOOSE: Rule(Fraction(1, 2), strict=True, base=Base.CONVENED),
    Kind.RATING: Rule(Fraction(1, 2), strict=True, base=Base.RETURNED),
    # Quy định 96-QĐ/TW: each level's share of the ballots returned, whatever the poll was set to (tally.py).
    Kind.CONFIDENCE: Rule(Fraction(1, 2), strict=True, base=Base.RETURNED),
}


class Finding:
    """What a confidence vote finds of an office holder (Quy định 96-QĐ/TW): the share of "tín nhiệm thấp" among
    the ballots returned, against the rule's two thresholds."""

    LOW_TWO_THIRDS = "low_two_thirds"  # two thirds or more rate him low
    LOW_MAJORITY = "low_majority"  # more than half, less than two thirds
    NOT_LOW = "not_low"  # half or fewer
    NONE = "none"  # no ballot returned


LOW_MAJORITY_SHARE = Fraction(1, 2)  # more than
LOW_TWO_THIRDS_SHARE = Fraction(2, 3)  # at least
