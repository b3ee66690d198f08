from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hoinghi.meetings import rules


def test_two_thirds_of_fifteen_is_ten():
    assert rules.quorum(15, 10).reached
    assert not rules.quorum(15, 9).reached


def test_empty_body_has_no_quorum():
    assert not rules.quorum(0, 0).reached


@given(st.integers(0, 500), st.data(), st.integers(1, 9), st.integers(1, 9))
def test_required_is_the_smallest_count_reaching_the_share(convened, data, num, den):
    share = Fraction(min(num, den), max(num, den))
    present = data.draw(st.integers(0, convened))
    result = rules.quorum(convened, present, share)
    assert Fraction(result.required, max(convened, 1)) >= share or convened == 0
    if result.required > 0:
        assert Fraction(result.required - 1, convened) < share
    assert result.reached == (convened > 0 and Fraction(present, convened) >= share)


def test_present_cannot_exceed_convened():
    with pytest.raises(ValueError):
        rules.quorum(3, 4)


def test_lifecycle_steps():
    assert rules.steps_from("draft") == ["schedule", "record_held"]
    assert rules.steps_from("scheduled") == ["unschedule", "start"]
    assert rules.steps_from("notice_issued") == []
