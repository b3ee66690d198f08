"""Thresholds and tallies, with hypothesis where the inputs vary."""

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from hoinghi.voting.rules import DEFAULT_RULES, OPTIONS, Base, Finding, Kind, Rule
from hoinghi.voting.tally import confidence_finding, level_reached, passes, tally

HALF = Rule(Fraction(1, 2), strict=True, base=Base.CONVENED)
TWO_THIRDS = Rule(Fraction(2, 3), strict=False, base=Base.CONVENED)


def test_exact_half_is_not_more_than_half():
    assert not passes(5, 10, HALF)
    assert passes(6, 10, HALF)
    assert passes(5, 10, Rule(Fraction(1, 2), strict=False, base=Base.CONVENED))


def test_two_thirds_at_least():
    assert passes(10, 15, TWO_THIRDS) and not passes(9, 15, TWO_THIRDS)


def test_empty_base_never_passes():
    assert not passes(0, 0, HALF)
    assert not passes(0, 0, Rule(Fraction(0, 1), strict=False, base=Base.VALID))


@given(st.integers(0, 1000), st.integers(0, 1000), st.integers(1, 9), st.integers(1, 9), st.booleans())
def test_passes_matches_exact_fractions(count, base, num, den, strict):
    share = Fraction(min(num, den), max(num, den))
    rule = Rule(share, strict, Base.CONVENED)
    expected = base > 0 and (
        count * share.denominator > share.numerator * base
        if strict
        else count * share.denominator >= share.numerator * base
    )
    assert passes(count, base, rule) == expected


@given(st.integers(0, 200), st.integers(1, 200))
def test_passing_is_monotone_in_the_count(count, base):
    if passes(count, base, HALF):
        assert passes(count + 1, base, HALF)


def test_nomination_needs_more_than_half_of_those_convened_not_of_the_valid_ballots():
    # 50 convened, 30 ballots, 26 yes: more than half of the valid ballots but not of the convened.
    ballots = [{"c1": "yes"}] * 26 + [{"c1": "no"}] * 4
    result = tally(Kind.CANDIDATES, ["c1"], ballots, DEFAULT_RULES[Kind.CANDIDATES], convened=50, present=30)
    assert result["subjects"][0]["counts"] == {"yes": 26, "no": 4}
    assert result["subjects"][0]["passed"] is True  # 26 > 25
    ballots = [{"c1": "yes"}] * 25 + [{"c1": "no"}] * 5
    result = tally(Kind.CANDIDATES, ["c1"], ballots, DEFAULT_RULES[Kind.CANDIDATES], convened=50, present=30)
    assert result["subjects"][0]["passed"] is False


def test_a_bad_mark_for_one_candidate_still_counts_for_the_others():
    ballots = [{"a": "yes", "b": "??"}, {"a": "yes", "b": "yes"}, {"a": "no", "b": "yes"}]
    result = tally(Kind.CANDIDATES, ["a", "b"], ballots, DEFAULT_RULES[Kind.CANDIDATES], convened=3, present=3)
    a, b = result["subjects"]
    assert a["counts"] == {"yes": 2, "no": 1} and b["counts"] == {"yes": 2, "no": 0}
    assert result["valid"] == 3


def test_abstentions_count_in_the_base_but_not_for():
    ballots = [{"q": "yes"}] * 4 + [{"q": "abstain"}] * 4
    result = tally(Kind.QUESTION, ["q"], ballots, DEFAULT_RULES[Kind.QUESTION], convened=8, present=8)
    assert result["subjects"][0]["passed"] is False
    assert result["subjects"][0]["percent"]["yes"] == 50.0


def test_choose_more_than_allowed_voids_the_ballot():
    rule = Rule(Fraction(1, 2), strict=True, base=Base.VALID)
    ballots = [{"a": "chosen", "b": "chosen"}, {"a": "chosen", "b": "not_chosen"}]
    result = tally(Kind.CHOOSE, ["a", "b"], ballots, rule, convened=2, present=2, max_choices=1)
    assert result["returned"] == 2 and result["valid"] == 1
    assert result["subjects"][0]["counts"]["chosen"] == 1


def test_empty_poll():
    result = tally(Kind.QUESTION, ["q"], [], DEFAULT_RULES[Kind.QUESTION], convened=0, present=0)
    assert result["subjects"][0]["passed"] is False and result["subjects"][0]["percent"]["yes"] == 0.0


def test_rating_levels_accumulate_from_the_best():
    rule = DEFAULT_RULES[Kind.RATING]
    levels = OPTIONS[Kind.RATING]
    assert level_reached({"excellent": 6, "good": 4}, levels, 10, rule) == "excellent"
    assert level_reached({"excellent": 5, "good": 5}, levels, 10, rule) == "good"
    assert (
        level_reached({"excellent": 2, "good": 2, "completed": 2, "not_completed": 4}, levels, 10, rule) == "completed"
    )
    assert level_reached({"excellent": 4, "not_completed": 6}, levels, 10, rule) == "not_completed"


@given(st.lists(st.sampled_from(OPTIONS[Kind.RATING]), max_size=60))
def test_rating_counts_sum_to_the_ballots_and_a_level_is_always_reached(marks):
    ballots = [{"s": mark} for mark in marks]
    result = tally(Kind.RATING, ["s"], ballots, DEFAULT_RULES[Kind.RATING], convened=len(marks), present=len(marks))
    subject = result["subjects"][0]
    assert sum(subject["counts"].values()) == len(marks)
    assert (subject["level"] is not None) == bool(marks)


@given(st.lists(st.sampled_from(OPTIONS[Kind.QUESTION]), max_size=80), st.integers(0, 40))
def test_question_tally_agrees_with_a_plain_count(marks, absent):
    ballots = [{"q": m} for m in marks]
    convened = len(marks) + absent
    result = tally(Kind.QUESTION, ["q"], ballots, DEFAULT_RULES[Kind.QUESTION], convened=convened, present=len(marks))
    yes = marks.count("yes")
    assert result["subjects"][0]["counts"]["yes"] == yes
    assert result["subjects"][0]["passed"] == (convened > 0 and 2 * yes > convened)


def test_one_high_and_one_low_is_not_a_finding_of_low_confidence():
    ballots = [{"s": "high"}, {"s": "low"}]
    result = tally(Kind.CONFIDENCE, ["s"], ballots, DEFAULT_RULES[Kind.CONFIDENCE], convened=2, present=2)
    subject = result["subjects"][0]
    assert subject["finding"] == Finding.NOT_LOW and "level" not in subject and subject["passed"] is None
    assert subject["percent"] == {"high": 50.0, "medium": 0.0, "low": 50.0}


def test_the_thresholds_of_the_rule():
    assert confidence_finding(6, 10) == Finding.LOW_MAJORITY
    assert confidence_finding(5, 10) == Finding.NOT_LOW  # half is not more than half
    assert confidence_finding(2, 3) == Finding.LOW_TWO_THIRDS  # two thirds exactly
    assert confidence_finding(13, 20) == Finding.LOW_MAJORITY  # 65%: more than half, less than two thirds
    assert confidence_finding(0, 0) == Finding.NONE


@given(
    st.lists(st.sampled_from(OPTIONS[Kind.CONFIDENCE]), max_size=60),
    st.integers(0, 30),
    st.sampled_from([Base.CONVENED, Base.PRESENT, Base.VALID]),
    st.integers(1, 9),
)
def test_a_confidence_finding_is_the_share_of_low_over_the_ballots_returned(marks, absent, base, numerator):
    # Whatever threshold or base the poll was set to, Quy định 96-QĐ/TW decides, over the ballots returned.
    rule = Rule(Fraction(numerator, 10), strict=False, base=base)
    ballots = [{"s": mark} for mark in marks]
    result = tally(Kind.CONFIDENCE, ["s"], ballots, rule, convened=len(marks) + absent, present=len(marks))
    subject, low, returned = result["subjects"][0], marks.count("low"), len(marks)
    assert result["base"] == Base.RETURNED and result["base_count"] == returned
    if not returned:
        expected = Finding.NONE
    elif 3 * low >= 2 * returned:
        expected = Finding.LOW_TWO_THIRDS
    elif 2 * low > returned:
        expected = Finding.LOW_MAJORITY
    else:
        expected = Finding.NOT_LOW
    assert subject["finding"] == expected
    # Each level's share is its count over the ballots returned.
    for option in OPTIONS[Kind.CONFIDENCE]:
        assert subject["percent"][option] == (round(100 * marks.count(option) / returned, 2) if returned else 0.0)
