"""Vietnam's working days: Monday to Friday less the public holidays (Tết and Hùng Kings' day follow the lunar
calendar), plus the Saturdays the government turns into working days when it bridges a holiday. The dates come
from the maintained `holidays` package; the counting is `rules`.
"""

from datetime import date
from functools import lru_cache

import holidays

from . import rules

# A year always holds more working days than this (about 250): it bounds how many years a deadline can reach.
MIN_WORKING_DAYS_A_YEAR = 200


@lru_cache(maxsize=64)
def _calendar(start_year: int, end_year: int) -> tuple[frozenset[date], frozenset[date]]:
    """The public holidays and the weekend days made working days, from 1 January `start_year` to 31 December
    `end_year`."""
    years = range(start_year, end_year + 1)
    vietnam = holidays.Vietnam(years=years)
    return frozenset(vietnam), frozenset(day for day in vietnam.weekend_workdays if day.year in years)


def public_holidays(start_year: int, end_year: int) -> frozenset[date]:
    return _calendar(start_year, end_year)[0]


def is_working_day(day: date) -> bool:
    return rules.is_working_day(day, *_calendar(day.year, day.year))


def working_deadline(start: date, working_days: int) -> date:
    """The deadline of a task given `working_days` working days from `start` (start itself not counted)."""
    end_year = start.year + 1 + working_days // MIN_WORKING_DAYS_A_YEAR
    return rules.add_working_days(start, working_days, *_calendar(start.year, end_year))
