"""The pure rule of a successor's derived figure (`lineage.derive`), on random predecessors and figures: derived
exactly when every expected predecessor reported (with a base above 0 for a weighted share) and the indicator
adds up; a sum is the sum, a weighted share lies between the smallest and largest share and does not depend on
the order; figures of organizations not expected change nothing."""

from hypothesis import given
from hypothesis import strategies as st

from hoinghi.targets import lineage, rules

KEYS = st.lists(st.integers(1, 50), min_size=1, max_size=8, unique=True)
VALUE = st.integers(0, 10_000)
BASE = st.integers(1, 5_000_000)


@st.composite
def reported(draw, base=BASE):
    expected = draw(KEYS)
    figures = {key: (draw(VALUE), draw(base)) for key in expected}
    return expected, figures


@given(reported())
def test_a_sum_is_the_sum_of_every_predecessor(case):
    expected, figures = case
    found = lineage.derive(rules.SUM, expected, figures)
    assert found.derived and found.value == sum(value for value, _base in figures.values())


@given(reported(), st.randoms())
def test_a_weighted_share_lies_between_the_shares_whatever_the_order(case, rng):
    expected, figures = case
    found = lineage.derive(rules.WEIGHTED_SHARE, expected, figures)
    values = [value for value, _base in figures.values()]
    assert min(values) - 1e-9 <= found.value <= max(values) + 1e-9
    shuffled = list(expected)
    rng.shuffle(shuffled)
    assert lineage.derive(rules.WEIGHTED_SHARE, shuffled, figures).value == found.value


@given(reported(), st.sampled_from([rules.SUM, rules.WEIGHTED_SHARE]), st.data())
def test_a_missing_predecessor_derives_nothing_and_is_named(case, kind, data):
    expected, figures = case
    gone = data.draw(st.sampled_from(expected))
    del figures[gone]
    found = lineage.derive(kind, expected, figures)
    assert not found.derived and found.why == lineage.INCOMPLETE and found.missing == (gone,)


@given(reported())
def test_a_missing_base_leaves_a_weighted_share_underived_but_not_a_sum(case):
    expected, figures = case
    value, _base = figures[expected[0]]
    figures[expected[0]] = (value, None)
    found = lineage.derive(rules.WEIGHTED_SHARE, expected, figures)
    assert found.why == lineage.NO_BASE and found.missing == (expected[0],)
    assert lineage.derive(rules.SUM, expected, figures).derived


@given(reported(), st.dictionaries(st.integers(51, 99), st.tuples(VALUE, BASE), max_size=3))
def test_figures_of_organizations_not_expected_change_nothing(case, others):
    expected, figures = case
    for kind in (rules.SUM, rules.WEIGHTED_SHARE):
        assert lineage.derive(kind, expected, {**figures, **others}) == lineage.derive(kind, expected, figures)


@given(reported())
def test_an_indicator_that_does_not_add_up_derives_nothing(case):
    expected, figures = case
    assert lineage.derive(rules.NO_ROLLUP, expected, figures).why == lineage.NOT_ALLOWED
    assert lineage.derive(rules.SUM, [], figures).why == lineage.NOTHING
