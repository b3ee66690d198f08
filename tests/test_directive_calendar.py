from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hoinghi.directives import calendar

# Real dates, from the Government's announcements of the days off for 2025 and 2026.
TET_2025 = [date(2025, 1, 27), date(2025, 1, 28), date(2025, 1, 29), date(2025, 1, 30), date(2025, 1, 31)]
TET_2026 = [date(2026, 2, 16), date(2026, 2, 17), date(2026, 2, 18), date(2026, 2, 19), date(2026, 2, 20)]
FIXED_2026 = [date(2026, 1, 1), date(2026, 4, 30), date(2026, 5, 1), date(2026, 9, 1), date(2026, 9, 2)]
# The tenth day of the third lunar month: a Monday in 2025; a Sunday in 2026, so the Monday after is off.
HUNG_KINGS = [date(2025, 4, 7), date(2026, 4, 27)]


@pytest.mark.parametrize("day", TET_2025 + TET_2026 + FIXED_2026 + HUNG_KINGS + [date(2025, 9, 1), date(2025, 9, 2)])
def test_public_holidays_are_not_working_days(day):
    assert day.weekday() < 5
    assert day in calendar.public_holidays(day.year, day.year)
    assert not calendar.is_working_day(day)


def test_weekends_are_off_and_ordinary_weekdays_work():
    assert not calendar.is_working_day(date(2026, 3, 14))  # Saturday
    assert not calendar.is_working_day(date(2026, 3, 15))  # Sunday
    assert calendar.is_working_day(date(2026, 3, 16))
    assert calendar.is_working_day(date(2026, 4, 29))


def test_a_saturday_swapped_for_a_bridge_day_is_a_working_day():
    # Friday 2 May 2025 was given off in exchange for working on Saturday 26 April 2025.
    assert not calendar.is_working_day(date(2025, 5, 2))
    assert calendar.is_working_day(date(2025, 4, 26))
    assert calendar.working_deadline(date(2025, 4, 25), 1) == date(2025, 4, 26)
    assert calendar.working_deadline(date(2025, 4, 29), 1) == date(2025, 5, 5)


def test_deadlines_skip_tet_and_the_may_holidays():
    assert calendar.working_deadline(date(2026, 2, 13), 1) == date(2026, 2, 23)
    assert calendar.working_deadline(date(2026, 4, 24), 3) == date(2026, 5, 4)  # 27/4, 30/4, 1/5 off
    assert calendar.working_deadline(date(2025, 1, 24), 5) == date(2025, 2, 7)


def test_zero_working_days_is_the_start_itself():
    assert calendar.working_deadline(date(2026, 2, 17), 0) == date(2026, 2, 17)


def test_public_holidays_of_a_range_are_those_of_its_years():
    both = calendar.public_holidays(2025, 2026)
    assert both == calendar.public_holidays(2025, 2025) | calendar.public_holidays(2026, 2026)
    assert {day.year for day in both} == {2025, 2026}
    assert calendar.public_holidays(2025, 2026) is both  # cached


def assert_working_days_between(start, deadline, working_days):
    # Counted day by day with each day's own year, so a deadline reaching a later year sees that year's holidays.
    span = [start + timedelta(days=offset) for offset in range(1, (deadline - start).days + 1)]
    assert sum(calendar.is_working_day(day) for day in span) == working_days
    if working_days:
        assert calendar.is_working_day(deadline)


def test_a_deadline_years_away_counts_the_holidays_of_every_year_crossed():
    deadline = calendar.working_deadline(date(2025, 12, 31), 600)
    assert deadline.year == 2028
    assert_working_days_between(date(2025, 12, 31), deadline, 600)


@given(st.dates(date(1996, 1, 1), date(2090, 12, 31)), st.integers(0, 700))
def test_deadline_is_exactly_that_many_working_days_later(start, working_days):
    assert_working_days_between(start, calendar.working_deadline(start, working_days), working_days)
