"""The targets' arithmetic against oracles written another way: periods from literal month tables, shares in
high-precision decimals, the trend by the centred least-squares formula, the on-track rule read from its text,
and "at most" targets as mirrored "at least" ones."""

from datetime import date, timedelta
from decimal import Decimal, localcontext
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from hoinghi.core.roman import roman_to_int
from hoinghi.targets import rules

FREQUENCIES = [rules.MONTHLY, rules.QUARTERLY, rules.HALF_YEARLY, rules.YEARLY]
FIRST_MONTHS = {
    rules.MONTHLY: (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12),
    rules.QUARTERLY: (1, 4, 7, 10),
    rules.HALF_YEARLY: (1, 7),
    rules.YEARLY: (1,),
}
DIRECTIONS = [rules.AT_LEAST, rules.AT_MOST]

days_ = st.dates(date(2000, 1, 1), date(2099, 12, 31))
years = st.integers(2000, 2099)
frequencies = st.sampled_from(FREQUENCIES)
directions = st.sampled_from(DIRECTIONS)
# Figures as the models hold them (four decimal places), and as callers may pass them.
decimals = st.decimals(min_value=-(10**6), max_value=10**6, places=4)
# Floats rounded as a measure is (a gap of 1e-300 between baseline and target would make a share overflow a float).
floats = st.floats(-1e6, 1e6, allow_nan=False).map(lambda value: round(value, 6))
numbers = st.one_of(decimals, st.integers(-(10**6), 10**6), floats)
positive = st.decimals(min_value=Decimal("0.0001"), max_value=10**4, places=4)


def wide():
    """A decimal context that holds exactly any sum or product of the numbers drawn here."""
    return localcontext(prec=2500)


def better(value, delta, direction):
    return value + delta if direction == rules.AT_LEAST else value - delta


# Periods


def starts_by_table(frequency, year):
    return [date(year, month, 1) for month in FIRST_MONTHS[frequency]]


def label(parts):
    """A period's label as the templates write it."""
    return {
        rules.MONTHLY: f"Tháng {parts.numeral}/{parts.year}",
        rules.QUARTERLY: f"Quý {parts.numeral}/{parts.year}",
        rules.HALF_YEARLY: f"6 tháng {'đầu' if parts.index == 1 else 'cuối'} năm {parts.year}",
        rules.YEARLY: f"Năm {parts.year}",
    }[parts.frequency]


@given(days_, frequencies)
def test_period_start_is_the_last_listed_start_on_or_before_the_day(day, frequency):
    expected = max(start for start in starts_by_table(frequency, day.year) if start <= day)
    assert rules.period_start(day, frequency) == expected
    assert rules.is_period_start(day, frequency) == (day in starts_by_table(frequency, day.year))


@given(years, st.integers(0, 5), frequencies)
def test_periods_list_every_start_of_every_year_in_order(from_year, span, frequency):
    listed = rules.periods(frequency, from_year, from_year + span)
    per_year = {rules.MONTHLY: 12, rules.QUARTERLY: 4, rules.HALF_YEARLY: 2, rules.YEARLY: 1}[frequency]
    assert len(listed) == (span + 1) * per_year
    assert listed == [
        start for year in range(from_year, from_year + span + 1) for start in starts_by_table(frequency, year)
    ]
    assert all(rules.is_period_start(start, frequency) for start in listed)
    assert all(not rules.is_period_start(start + timedelta(days=1), frequency) for start in listed)


@given(years, frequencies)
def test_period_parts_number_the_periods_of_a_year_from_one(year, frequency):
    for index, start in enumerate(rules.periods(frequency, year, year), start=1):
        assert rules.period_parts(start, frequency) == (frequency, index, year)
        assert rules.period_parts(start + timedelta(days=27), frequency) == (frequency, index, year)
        numeral = rules.period_parts(start, frequency).numeral
        assert (roman_to_int(numeral) if frequency == rules.QUARTERLY else int(numeral)) == index
    assert rules.milestone_period(year, frequency) == starts_by_table(frequency, year)[-1]


def test_period_labels_for_each_frequency():
    def labels(frequency):
        return [label(rules.period_parts(start, frequency)) for start in rules.periods(frequency, 2025, 2025)]

    assert labels(rules.QUARTERLY) == ["Quý I/2025", "Quý II/2025", "Quý III/2025", "Quý IV/2025"]
    assert labels(rules.HALF_YEARLY) == ["6 tháng đầu năm 2025", "6 tháng cuối năm 2025"]
    assert labels(rules.YEARLY) == ["Năm 2025"]
    assert labels(rules.MONTHLY) == [f"Tháng {month}/2025" for month in range(1, 13)]
    frequency, index, year = rules.period_parts(date(2026, 8, 1), rules.HALF_YEARLY)
    assert (frequency, index, year) == (rules.HALF_YEARLY, 2, 2026)
    with pytest.raises(KeyError):
        rules.period_start(date(2025, 1, 1), "weekly")


# Progress and reaching the target


def meets(value, target, direction):
    return Fraction(value) >= Fraction(target) if direction == rules.AT_LEAST else Fraction(value) <= Fraction(target)


@st.composite
def ways(draw, values=numbers):
    """A baseline, and a target still to reach from it in the direction drawn."""
    baseline, target = draw(values), draw(values)
    assume(baseline != target)
    direction = rules.AT_LEAST if target > baseline else rules.AT_MOST
    return baseline, target, direction


@given(ways())
def test_progress_is_zero_at_the_baseline_and_one_at_the_target(way):
    baseline, target, direction = way
    assert rules.progress(baseline, target, baseline, direction) == 0
    assert rules.progress(baseline, target, target, direction) == 1


@given(ways(decimals), decimals)
def test_progress_is_the_share_of_the_way_in_decimals(way, value):
    baseline, target, direction = way
    with wide():
        expected = (value - baseline) / (target - baseline)
    assert rules.progress(baseline, target, value, direction) == float(expected)  # both correctly rounded


@given(ways(), numbers, numbers)
def test_progress_grows_as_the_figure_gets_better(way, first, second):
    baseline, target, direction = way
    low, high = sorted([first, second])
    at_low, at_high = (
        rules.progress(baseline, target, low, direction),
        rules.progress(baseline, target, high, direction),
    )
    assert at_low <= at_high if direction == rules.AT_LEAST else at_low >= at_high


@given(ways(), numbers)
def test_progress_for_at_most_targets_and_ranks_is_at_least_mirrored(way, value):
    baseline, target, direction = way
    mirrored = rules.AT_LEAST if direction == rules.AT_MOST else rules.AT_MOST
    assert rules.progress(baseline, target, value, direction) == rules.progress(-baseline, -target, -value, mirrored)


@given(ways(decimals), decimals)
def test_reached_is_progress_of_one_or_more(way, value):
    baseline, target, direction = way
    # Four decimal places within a million: a value short of the target is never within a rounding of 1.
    assert rules.reached(value, target, direction) == (rules.progress(baseline, target, value, direction) >= 1)


@given(numbers, numbers, directions)
def test_reached_compares_in_the_target_direction(value, target, direction):
    assert rules.reached(value, target, direction) == meets(value, target, direction)
    assert not rules.reached(None, target, direction)


@given(numbers, numbers, numbers, directions)
def test_no_progress_without_a_way_to_go(baseline, target, value, direction):
    if meets(baseline, target, direction):
        assert rules.progress(baseline, target, value, direction) is None
    else:
        assert rules.progress(baseline, target, value, direction) is not None
    assert rules.progress(None, target, value, direction) is None
    assert rules.progress(baseline, target, None, direction) is None


def test_progress_edge_cases():
    assert rules.progress(Decimal("40"), Decimal("80"), Decimal("60"), rules.AT_LEAST) == 0.5
    assert rules.progress(40, 80, 30.0, rules.AT_LEAST) == -0.25
    assert rules.progress(Decimal("40"), 80, 100, rules.AT_LEAST) == 1.5
    assert rules.progress(25, 15, 20, rules.AT_MOST) == 0.5  # rank 25 towards 15: halfway at 20
    assert rules.progress(19, 20, 19, rules.AT_MOST) is None  # rank 19 already within the top 20
    assert rules.progress(80, 80, 80, rules.AT_LEAST) is None
    assert rules.reached(19, 20, rules.AT_MOST) and not rules.reached(21, 20, rules.AT_MOST)
    assert rules.reached(Decimal("80.0000"), 80.0, rules.AT_LEAST)
    with pytest.raises(ValueError):
        rules.reached(1, 2, "about")


# Roll-up


@given(st.lists(st.tuples(numbers, st.none() | positive), min_size=1, max_size=30))
def test_sum_rollup_is_the_sum_of_the_values(figures):
    with wide():
        expected = sum(Decimal(value) for value, _weight in figures)
    assert rules.rollup(rules.SUM, figures) == float(expected)


shares = st.decimals(min_value=0, max_value=100, places=4)
bases = st.decimals(min_value=0, max_value=10**6, places=4)


@given(st.lists(st.tuples(shares, bases), min_size=1, max_size=30))
def test_weighted_share_matches_the_direct_computation_and_lies_between_the_shares(figures):
    counted = [value for value, weight in figures if weight > 0]
    result = rules.rollup(rules.WEIGHTED_SHARE, figures)
    if not counted:
        assert result is None
        return
    with wide():
        expected = sum(value * weight for value, weight in figures) / sum(weight for _value, weight in figures)
    assert result == float(expected)  # both correctly rounded
    assert float(min(counted)) <= result <= float(max(counted))


@given(shares, st.lists(bases, min_size=1, max_size=20), st.randoms())
def test_weighted_share_of_equal_shares_is_that_share_in_any_order(share, weights, random):
    assume(any(weights))
    figures = [(share, weight) for weight in weights]
    assert rules.rollup(rules.WEIGHTED_SHARE, figures) == float(share)
    mixed = [(share + index, weight) for index, weight in enumerate(weights)]
    shuffled = list(mixed)
    random.shuffle(shuffled)
    assert rules.rollup(rules.WEIGHTED_SHARE, shuffled) == rules.rollup(rules.WEIGHTED_SHARE, mixed)


@given(st.lists(st.tuples(shares, bases), min_size=1, max_size=10), st.data())
def test_weighted_share_needs_every_weight(figures, data):
    missing = data.draw(st.integers(0, len(figures) - 1))
    figures[missing] = (figures[missing][0], None)
    assert rules.rollup(rules.WEIGHTED_SHARE, figures) is None
    assert rules.rollup(rules.NO_ROLLUP, figures) is None


def test_rollup_edge_cases():
    assert rules.rollup(rules.SUM, [(Decimal("700"), None), (12, None), (0.5, None)]) == 712.5
    assert rules.rollup(rules.WEIGHTED_SHARE, [(Decimal("90"), Decimal("300")), (Decimal("60"), 100)]) == 82.5
    assert rules.rollup(rules.WEIGHTED_SHARE, [(90, 0), (60, 0)]) is None
    assert rules.rollup(rules.SUM, []) is None
    assert rules.rollup(rules.WEIGHTED_SHARE, []) is None
    with pytest.raises(ValueError):
        rules.rollup(rules.WEIGHTED_SHARE, [(90, -1), (60, 2)])
    with pytest.raises(ValueError):
        rules.rollup("average", [(90, 1)])


# Trend and forecast


def fit_centred(points):
    """Least squares by the centred formula, exactly; None with fewer than two different days."""
    xs = [Fraction(day.toordinal()) for day, _value in points]
    ys = [Fraction(value) for _day, value in points]
    if len(set(xs)) < 2:
        return None
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum((x - mean_x) ** 2 for x in xs)
    return slope, mean_y - slope * mean_x


series = st.lists(st.tuples(days_, numbers), max_size=12)
distinct_series = st.lists(st.tuples(days_, decimals), min_size=2, max_size=12, unique_by=lambda point: point[0])


@given(st.lists(days_, min_size=2, max_size=12, unique=True), decimals, st.decimals(-100, 100, places=4))
def test_trend_is_exact_on_collinear_points(days, intercept, slope):
    points = [(day, intercept + slope * day.toordinal()) for day in days]
    assert rules.trend(points) == (float(slope), float(intercept))
    assert rules.forecast(points, date(2150, 1, 1)) == float(intercept + slope * date(2150, 1, 1).toordinal())


@given(series, days_, st.randoms())
def test_trend_and_forecast_match_the_centred_formula_in_any_order(points, day, random):
    expected = fit_centred(points)
    shuffled = list(points)
    random.shuffle(shuffled)
    if expected is None:
        assert rules.trend(points) is None and rules.forecast(shuffled, day) is None
    else:
        slope, intercept = expected
        assert rules.trend(shuffled) == (float(slope), float(intercept))
        assert rules.forecast(shuffled, day) == float(slope * day.toordinal() + intercept)


@given(days_, st.lists(numbers, min_size=1, max_size=5), days_)
def test_no_forecast_from_a_single_day(day, values, later):
    points = [(day, value) for value in values]
    assert rules.trend(points) is None
    assert rules.forecast(points, later) is None


@given(distinct_series, days_, days_)
def test_forecast_moves_with_the_slope(points, first, second):
    slope, _intercept = rules.trend(points)
    earlier, later = sorted([first, second])
    at_earlier, at_later = rules.forecast(points, earlier), rules.forecast(points, later)
    assert at_earlier <= at_later if slope >= 0 else at_earlier >= at_later


@given(distinct_series, positive, st.integers(0, 3000))
def test_a_higher_latest_figure_raises_the_forecast_from_then_on(points, delta, days_after):
    points = sorted(points)
    latest_day, latest = points[-1]
    raised = points[:-1] + [(latest_day, latest + delta)]
    day = latest_day + timedelta(days=days_after)
    assert rules.forecast(raised, day) >= rules.forecast(points, day)


def test_forecast_edge_cases():
    points = [(date(2024, 1, 1), 10), (date(2024, 1, 11), Decimal("20")), (date(2024, 1, 21), 30.0)]
    assert rules.trend(points) == (1.0, 10 - date(2024, 1, 1).toordinal())
    assert rules.forecast(points, date(2024, 1, 31)) == 40
    assert rules.forecast([], date(2024, 1, 31)) is None
    assert rules.forecast([(date(2024, 1, 1), 10)], date(2024, 1, 31)) is None


# The on-track rule

RANK_OF = {rules.MISSED: 0, rules.OFF_TRACK: 0, rules.AT_RISK: 1, rules.ON_TRACK: 2, rules.ACHIEVED: 3}


def standing_by_rule(baseline, milestone_value, milestone_day, points, today, direction):
    """The rule as RULE states it, with the centred least squares and the target direction as a comparison."""
    counted = [(day, value) for day, value in points if day <= today]
    if not counted:
        return rules.NOT_ENOUGH_DATA
    last_day = max(day for day, _value in counted)
    latest = [value for day, value in counted if day == last_day][-1]
    year_over = today > date(milestone_day.year, 12, 31)
    if meets(latest, milestone_value, direction):
        return rules.ACHIEVED if year_over or last_day >= milestone_day else rules.ON_TRACK
    if year_over or last_day >= milestone_day:
        return rules.MISSED
    fit = fit_centred(counted)
    if fit is None:
        return rules.NOT_ENOUGH_DATA
    expected = fit[0] * milestone_day.toordinal() + fit[1]
    if meets(expected, milestone_value, direction):
        return rules.ON_TRACK
    first_day = min(day for day, _value in counted)
    start = Fraction(baseline if baseline is not None else [value for day, value in counted if day == first_day][0])
    if meets(start, milestone_value, direction):
        return rules.OFF_TRACK
    covered = (expected - start) / (Fraction(milestone_value) - start)
    return rules.AT_RISK if covered >= Fraction(8, 10) else rules.OFF_TRACK


@st.composite
def situations(draw, values=numbers, points=series):
    return {
        "baseline": draw(st.none() | values),
        "milestone_value": draw(values),
        "milestone_day": draw(days_),
        "points": draw(points),
        "today": draw(days_),
        "direction": draw(directions),
    }


@given(situations())
def test_standing_matches_the_rule(situation):
    assert rules.standing(**situation) == standing_by_rule(**situation)


@given(situations(points=distinct_series), positive)
def test_a_better_latest_figure_never_makes_the_standing_worse(situation, delta):
    counted = sorted(point for point in situation["points"] if point[0] <= situation["today"])
    assume(counted)
    latest_day, latest = counted[-1]
    improved = [
        (day, better(value, delta, situation["direction"]) if day == latest_day else value)
        for day, value in situation["points"]
    ]
    before = rules.standing(**situation)
    after = rules.standing(**{**situation, "points": improved})
    if before == rules.NOT_ENOUGH_DATA:
        assert after in (rules.NOT_ENOUGH_DATA, rules.ON_TRACK, rules.ACHIEVED)
    else:
        assert RANK_OF[after] >= RANK_OF[before]


@given(situations())
def test_an_at_most_target_stands_as_the_mirrored_at_least_one(situation):
    mirrored = {
        **situation,
        "baseline": None if situation["baseline"] is None else -situation["baseline"],
        "milestone_value": -situation["milestone_value"],
        "points": [(day, -value) for day, value in situation["points"]],
        "direction": rules.AT_MOST if situation["direction"] == rules.AT_LEAST else rules.AT_LEAST,
    }
    assert rules.standing(**situation) == rules.standing(**mirrored)


@given(situations(), days_)
def test_figures_after_today_are_not_counted(situation, later):
    assume(later > situation["today"])
    future = situation["points"] + [(later, situation["milestone_value"])]
    assert rules.standing(**{**situation, "points": future}) == rules.standing(**situation)


@given(st.none() | numbers, numbers, days_, days_, st.lists(numbers, min_size=1, max_size=3), directions)
def test_a_single_period_is_not_enough_unless_the_milestone_is_reached_or_its_period_reported(
    baseline, milestone_value, milestone_day, day, values, direction
):
    points = [(day, value) for value in values]
    verdict = rules.standing(baseline, milestone_value, milestone_day, points, day, direction)
    final = day >= milestone_day or day.year > milestone_day.year
    if meets(values[-1], milestone_value, direction):
        assert verdict == (rules.ACHIEVED if final else rules.ON_TRACK)
    elif final:
        assert verdict == rules.MISSED
    else:
        assert verdict == rules.NOT_ENOUGH_DATA


def yearly(*values, first=2023):
    return [(date(first + offset, 1, 1), value) for offset, value in enumerate(values)]


def test_standing_of_ranks():
    by_2027 = rules.milestone_period(2027, rules.YEARLY)
    today = date(2025, 6, 1)

    def rank(*ranks, baseline=25, target=15):
        return rules.standing(baseline, target, by_2027, yearly(*ranks), today, rules.AT_MOST)

    # Rank 19 against "among the top 20": reached from the first figure.
    assert rank(19, baseline=19, target=20) == rules.ON_TRACK
    assert rank(22, 21, baseline=19, target=20) == rules.ON_TRACK  # slipped out, climbing back: 19 by 2027
    assert rank(21, 22, baseline=19, target=20) == rules.OFF_TRACK  # slipping further
    # Rank 25 falling towards 15 by 2027.
    assert rank(25, 22, 19) == rules.ON_TRACK  # about 13 by 2027
    assert rank(25, Decimal("22.8"), Decimal("20.6")) == rules.AT_RISK  # about 16.2: 88% of the way
    assert rank(25, Decimal("23.5"), 22) == rules.OFF_TRACK  # about 19: 60%
    assert rank(25, 24, 23) == rules.OFF_TRACK
    assert rank(25, 14) == rules.ON_TRACK
    assert rank(25) == rules.NOT_ENOUGH_DATA
    assert rules.standing(25, 15, by_2027, [], today, rules.AT_MOST) == rules.NOT_ENOUGH_DATA


def test_standing_of_shares_and_missed_milestones():
    by_2025 = rules.milestone_period(2025, rules.QUARTERLY)
    assert by_2025 == date(2025, 10, 1)
    quarters = [(start, 50 + 5 * index) for index, start in enumerate(rules.periods(rules.QUARTERLY, 2024, 2024))]
    today = date(2025, 1, 15)
    assert rules.standing(40, 80, by_2025, quarters, today, rules.AT_LEAST) == rules.ON_TRACK  # 5 points a quarter
    assert rules.standing(40, 95, by_2025, quarters, today, rules.AT_LEAST) == rules.AT_RISK  # about 85 of 95
    # Without a baseline, the way is measured from the first figure (50), not the latest (65).
    assert rules.standing(None, 95, by_2025, quarters, today, rules.AT_LEAST) == rules.OFF_TRACK  # 35 of 45
    assert rules.standing(None, 92, by_2025, quarters, today, rules.AT_LEAST) == rules.AT_RISK  # 35 of 42
    assert rules.standing(40, 99, by_2025, quarters, today, rules.AT_LEAST) == rules.OFF_TRACK
    # Late dossiers at most so many percent: falling from 12% by one point a quarter, about 5% by the end of 2025.
    late = [(start, 12 - index) for index, start in enumerate(rules.periods(rules.QUARTERLY, 2024, 2024))]
    assert rules.standing(12, 6, by_2025, late, today, rules.AT_MOST) == rules.ON_TRACK
    assert rules.standing(12, 4, by_2025, late, today, rules.AT_MOST) == rules.AT_RISK  # 7 of 8 points
    assert rules.standing(12, 2, by_2025, late, today, rules.AT_MOST) == rules.OFF_TRACK  # 7 of 10
    # The milestone's own period reported short of it: missed, whatever the trend; reached: achieved.
    reported = quarters + [(start, 70) for start in rules.periods(rules.QUARTERLY, 2025, 2025)]
    assert rules.standing(40, 80, by_2025, reported, date(2026, 1, 15), rules.AT_LEAST) == rules.MISSED
    assert rules.standing(40, 70, by_2025, reported, date(2026, 1, 15), rules.AT_LEAST) == rules.ACHIEVED
    # The year over with its last quarter not yet reported: 81% of the way is missed, not "off track".
    earlier = reported[:-1]
    assert rules.standing(40, 80, by_2025, earlier, date(2026, 1, 15), rules.AT_LEAST) == rules.MISSED
    assert rules.standing(40, 80, by_2025, earlier, date(2025, 9, 15), rules.AT_LEAST) == rules.AT_RISK  # (in time)


def test_the_rule_is_stated_for_users():
    assert f"at least {int(rules.AT_RISK_SHARE * 100)}% of the way" in rules.RULE
    assert set(rules.ROLLUP_RULES) == {rules.SUM, rules.WEIGHTED_SHARE}
