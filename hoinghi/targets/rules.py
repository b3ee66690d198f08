"""The arithmetic of resolution targets, without Django: progress from baseline to target, roll-up of
district figures, the trend forecast and the on-track rule, and reporting periods.

Values may be Decimals (the models'), floats or ints: the sums are done exactly (as fractions), so mixing them
is safe and a verdict never flips on a rounding; computed values are returned as floats. Kinds, directions,
frequencies and roll-ups are plain strings (the models use the same).
"""

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

Number = Decimal | float | int

PERCENT = "percent"
COUNT = "count"
AMOUNT = "amount"
RANK = "rank"

AT_LEAST = "at_least"
AT_MOST = "at_most"

MONTHLY = "monthly"
QUARTERLY = "quarterly"
HALF_YEARLY = "half"
YEARLY = "yearly"

NO_ROLLUP = "none"
SUM = "sum"
WEIGHTED_SHARE = "weighted"

ON_TRACK = "on_track"
AT_RISK = "at_risk"
OFF_TRACK = "off_track"
NOT_ENOUGH_DATA = "not_enough_data"
# Once the milestone's year is over or its last period reported, the verdict is final.
ACHIEVED = "achieved"
MISSED = "missed"
STANDINGS = (ACHIEVED, ON_TRACK, AT_RISK, OFF_TRACK, MISSED, NOT_ENOUGH_DATA)

# A forecast short of the milestone that still covers this share of the way is "at risk", not "off track".
AT_RISK_SHARE = Fraction(4, 5)


def gettext_noop(message: str) -> str:
    """Marks a msgid for makemessages (it looks for this name) without importing Django; the UI translates it."""
    return message


RULE = gettext_noop(
    "On track: the latest figure already reaches the milestone, or the straight-line trend of all figures "
    "reported so far reaches it by the milestone year's last period. At risk: the trend falls short but covers "
    "at least 80% of the way from the baseline (or the first figure, without a baseline) to the milestone. "
    "Off track: the trend covers less. Once the milestone's year is over or its last period reported, the verdict "
    "is final: achieved when the latest figure reaches the milestone, missed when it does not. "
    "Not enough data: figures for fewer than two periods, and the milestone not reached."
)

ROLLUP_RULES = {
    SUM: gettext_noop("The province figure is the sum of the district figures."),
    WEIGHTED_SHARE: gettext_noop(
        "The province figure is the district shares weighted by each district's base (Σ share × base ÷ Σ base); "
        "it is left blank while a district's base is missing."
    ),
}

MONTHS_PER_PERIOD = {MONTHLY: 1, QUARTERLY: 3, HALF_YEARLY: 6, YEARLY: 12}
QUARTER_NUMERALS = {1: "I", 2: "II", 3: "III", 4: "IV"}


# Periods: a figure is dated by the first day of its month, quarter, half or year.


def period_start(day: date, frequency: str) -> date:
    """The first day of the period of `frequency` that contains `day`."""
    months = MONTHS_PER_PERIOD[frequency]
    return date(day.year, (day.month - 1) // months * months + 1, 1)


def period_end(period: date, frequency: str) -> date:
    """The last day of the period that starts on `period`."""
    months = period.month - 1 + MONTHS_PER_PERIOD[frequency]
    return date(period.year + months // 12, months % 12 + 1, 1) - timedelta(days=1)


def is_period_start(day: date, frequency: str) -> bool:
    return period_start(day, frequency) == day


def periods(frequency: str, from_year: int, to_year: int) -> list[date]:
    """Every period start from the first of `from_year` to the last of `to_year`, in order."""
    months = MONTHS_PER_PERIOD[frequency]
    return [date(year, month, 1) for year in range(from_year, to_year + 1) for month in range(1, 13, months)]


def milestone_period(year: int, frequency: str) -> date:
    """The period whose figure is judged against a milestone of `year`: the last one of that year."""
    return period_start(date(year, 12, 31), frequency)


class PeriodParts(NamedTuple):
    """What a label is made of: "Tháng 3/2025", "Quý I/2025", "6 tháng đầu năm 2025" (index 1 of a half), "Năm 2025"."""

    frequency: str
    index: int  # the month, quarter or half in its year, from 1; always 1 for a year
    year: int

    @property
    def numeral(self) -> str:
        """The index as a label writes it: Roman for a quarter ("Quý I"), Arabic otherwise."""
        return QUARTER_NUMERALS[self.index] if self.frequency == QUARTERLY else str(self.index)


def period_parts(period: date, frequency: str) -> PeriodParts:
    return PeriodParts(frequency, (period.month - 1) // MONTHS_PER_PERIOD[frequency] + 1, period.year)


# Progress


def _reached(value: Fraction, target: Fraction, direction: str) -> bool:
    if direction == AT_LEAST:
        return value >= target
    if direction == AT_MOST:
        return value <= target
    raise ValueError(f"unknown direction {direction!r}")


def reached(value: Number | None, target: Number, direction: str) -> bool:
    """Whether the value meets the target: at least it, or at most it (ranks: lower is better). No value: no."""
    return value is not None and _reached(Fraction(value), Fraction(target), direction)


def _progress(start: Fraction, target: Fraction, value: Fraction, direction: str) -> Fraction | None:
    if _reached(start, target, direction):
        return None  # no way to go: the start already meets the target
    return (value - start) / (target - start)


def progress(baseline: Number | None, target: Number, value: Number | None, direction: str) -> float | None:
    """The share of the way from the baseline to the target that the value has come: 0 at the baseline, 1 at the
    target, below 0 when it went backwards, above 1 beyond the target.

    None without a baseline or a value, or when the baseline already meets the target (there is no way to go).
    """
    if baseline is None or value is None:
        return None
    share = _progress(Fraction(baseline), Fraction(target), Fraction(value), direction)
    return None if share is None else float(share)


# Roll-up of district figures into the province figure


def rollup(kind: str, figures: Iterable[tuple[Number, Number | None]]) -> float | None:
    """The province figure from the districts' (value, weight) pairs, or None when it cannot be stated.

    Sum: the sum of the values. Weighted share: Σ value × weight ÷ Σ weight, None while any weight is missing or
    the weights add up to 0. None without figures, and for a target that does not roll up.
    """
    figures = list(figures)
    if kind == NO_ROLLUP or not figures:
        return None
    if kind == SUM:
        return float(sum(Fraction(value) for value, _weight in figures))
    if kind != WEIGHTED_SHARE:
        raise ValueError(f"unknown roll-up {kind!r}")
    if any(weight is None for _value, weight in figures):
        return None
    if any(weight < 0 for _value, weight in figures):
        raise ValueError("a weight is the base of a share: it cannot be negative")
    total = sum(Fraction(weight) for _value, weight in figures)
    if total == 0:
        return None
    return float(sum(Fraction(value) * Fraction(weight) for value, weight in figures) / total)


# Trend and forecast


def _fit(points: Iterable[tuple[date, Number]]) -> tuple[Fraction, Fraction] | None:
    """Least squares over (day ordinal, value), exactly; None with fewer than two different days."""
    xs, ys = [], []
    for day, value in points:
        xs.append(day.toordinal())
        ys.append(Fraction(value))
    if len(set(xs)) < 2:
        return None
    n = len(xs)
    sum_x, sum_y = sum(xs), sum(ys)
    spread = n * sum(x * x for x in xs) - sum_x * sum_x
    slope = (n * sum(x * y for x, y in zip(xs, ys, strict=True)) - sum_x * sum_y) / spread
    return slope, (sum_y - slope * sum_x) / n


def trend(points: Iterable[tuple[date, Number]]) -> tuple[float, float] | None:
    """The least-squares line through the (day, value) points as (slope per day, intercept): the line's value on
    a day is slope × day.toordinal() + intercept. None with points on fewer than two different days."""
    fit = _fit(points)
    return None if fit is None else (float(fit[0]), float(fit[1]))


def _forecast(points: Iterable[tuple[date, Number]], day: date) -> Fraction | None:
    fit = _fit(points)
    return None if fit is None else fit[0] * day.toordinal() + fit[1]


def forecast(points: Iterable[tuple[date, Number]], day: date) -> float | None:
    """The trend's value on `day`; None with points on fewer than two different days."""
    expected = _forecast(points, day)
    return None if expected is None else float(expected)


# The on-track rule


def standing(
    baseline: Number | None,
    milestone_value: Number,
    milestone_day: date,
    points: Iterable[tuple[date, Number]],
    today: date,
    direction: str,
) -> str:
    """Where a target stands against a milestone, from its (period, value) figures (see `RULE`).

    `milestone_day` is the period whose figure is judged against the milestone (`milestone_period`); figures
    dated after `today` are not counted (their period has not begun). The verdict is final once the milestone's
    year is over or the milestone's period reported. In order:
    1. no figure: NOT_ENOUGH_DATA;
    2. the latest figure reaches the milestone: ACHIEVED when final, else ON_TRACK;
    3. final (and not reached): MISSED;
    4. figures on fewer than two different days: NOT_ENOUGH_DATA;
    5. the least-squares trend's forecast for the milestone's period reaches the milestone: ON_TRACK;
    6. it covers at least AT_RISK_SHARE of the way from the baseline (the first figure when there is no
       baseline) to the milestone: AT_RISK; otherwise OFF_TRACK (also when that start already met the milestone:
       the target slipped back and there is no way to measure).
    A better latest figure never makes the standing worse: it can only reach the milestone sooner, and its
    weight in a forecast beyond the last figure is positive.
    """
    counted = sorted(((day, Fraction(value)) for day, value in points if day <= today), key=lambda point: point[0])
    if not counted:
        return NOT_ENOUGH_DATA
    milestone = Fraction(milestone_value)
    latest_day, latest = counted[-1]
    final = latest_day >= milestone_day or today.year > milestone_day.year
    if _reached(latest, milestone, direction):
        return ACHIEVED if final else ON_TRACK
    if final:
        return MISSED
    expected = _forecast(counted, milestone_day)
    if expected is None:
        return NOT_ENOUGH_DATA
    if _reached(expected, milestone, direction):
        return ON_TRACK
    start = counted[0][1] if baseline is None else Fraction(baseline)
    share = _progress(start, milestone, expected, direction)
    return AT_RISK if share is not None and share >= AT_RISK_SHARE else OFF_TRACK
