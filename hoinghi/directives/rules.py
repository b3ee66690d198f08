"""The follow-up's arithmetic, without Django: working days, the deadline in force, the four-way split of
the Government's task tracking, days late and the update rate.

Statuses are plain strings here (the model's choices use the same values).
"""

from collections.abc import Iterable, Set
from dataclasses import dataclass
from datetime import date, datetime, timedelta

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
REPORTED_DONE = "reported_done"
DONE = "done"
CANCELLED = "cancelled"
RETURNED = "returned"

OPEN_STATUSES = frozenset({NOT_STARTED, IN_PROGRESS, REPORTED_DONE, RETURNED})
CLOSED_STATUSES = frozenset({DONE, CANCELLED})

# The four-way split; a directive with no deadline is never overdue, and is counted apart while open.
DONE_ON_TIME = "done_on_time"
DONE_LATE = "done_late"
OPEN_IN_TIME = "open_in_time"
OPEN_OVERDUE = "open_overdue"
OPEN_NO_DEADLINE = "open_no_deadline"
SPLIT = (DONE_ON_TIME, DONE_LATE, OPEN_IN_TIME, OPEN_OVERDUE, OPEN_NO_DEADLINE)

# Which moves each status allows; the services add who may make them.
MOVES = {
    NOT_STARTED: {IN_PROGRESS, REPORTED_DONE, CANCELLED},
    IN_PROGRESS: {IN_PROGRESS, REPORTED_DONE, CANCELLED},
    RETURNED: {IN_PROGRESS, REPORTED_DONE, CANCELLED},
    REPORTED_DONE: {DONE, RETURNED, CANCELLED, IN_PROGRESS},
    DONE: set(),
    CANCELLED: set(),
}


def status_after_report(status: str, done: bool, withdraws_done: bool = False) -> str:
    """The status a unit's progress report leaves: reported done when it says so (the office then confirms);
    the first report, or one after the office returned the work, starts it; a correction withdrawing "done"
    takes the work back in progress. Any other report leaves the status as it is."""
    if status in CLOSED_STATUSES:
        raise ValueError("no report on a closed directive")
    if done:
        return REPORTED_DONE
    if status in {NOT_STARTED, RETURNED} or (status == REPORTED_DONE and withdraws_done):
        return IN_PROGRESS
    return status


def is_working_day(day: date, holidays: Set[date], workdays: Set[date] = frozenset()) -> bool:
    """Monday to Friday, or a weekend day in `workdays` (swapped for a bridge day off), and not a holiday."""
    return (day.weekday() < 5 or day in workdays) and day not in holidays


def add_working_days(start: date, days: int, holidays: Set[date], workdays: Set[date] = frozenset()) -> date:
    """The day on which `days` working days after `start` end (start itself not counted); 0 gives `start`."""
    if days < 0:
        raise ValueError("days must be zero or more")
    day = start
    while days:
        day += timedelta(days=1)
        if is_working_day(day, holidays, workdays):
            days -= 1
    return day


def deadline_in_force(history: Iterable[tuple[datetime, date | None]], at: datetime) -> date | None:
    """The deadline set last at or before `at`; `history` holds (set at, deadline) pairs in any order.

    Two entries set at the same instant: the later one in `history` wins (callers pass it in the order written).
    """
    earlier = [(when, position, deadline) for position, (when, deadline) in enumerate(history) if when <= at]
    return max(earlier)[2] if earlier else None


def is_overdue(status: str, deadline: date | None, today: date) -> bool:
    return status in OPEN_STATUSES and deadline is not None and today > deadline


def days_late(deadline: date | None, finished_or_today: date) -> int:
    """Whole days past the deadline (0 when in time or when there is no deadline)."""
    if deadline is None:
        return 0
    return max(0, (finished_or_today - deadline).days)


def split(status: str, deadline: date | None, done_on: date | None, deadline_at_close: date | None, today: date):
    """Where a directive falls in the four-way split, or None when it was cancelled (it counts in none).

    Done is judged by the day the unit reported it done against the deadline then in force (whenever the office
    confirmed it); open against today's deadline.
    """
    if status == CANCELLED:
        return None
    if status == DONE:
        if deadline_at_close is None or done_on is None or done_on <= deadline_at_close:
            return DONE_ON_TIME
        return DONE_LATE
    if deadline is None:
        return OPEN_NO_DEADLINE
    return OPEN_OVERDUE if today > deadline else OPEN_IN_TIME


@dataclass(frozen=True)
class Counts:
    assigned: int = 0
    done_on_time: int = 0
    done_late: int = 0
    open_in_time: int = 0
    open_overdue: int = 0
    open_no_deadline: int = 0
    cancelled: int = 0

    @property
    def done(self) -> int:
        return self.done_on_time + self.done_late

    @property
    def open(self) -> int:
        return self.open_in_time + self.open_overdue + self.open_no_deadline

    @property
    def on_time_rate(self) -> float | None:
        """Share of the directives done that were done on time; None when none is done."""
        return share(self.done_on_time, self.done)


def share(part: int, whole: int) -> float | None:
    return None if whole == 0 else part / whole


def update_rate(open_directives: int, reported_recently: int) -> float | None:
    """Share of a unit's open directives with a progress report in the period; None when it has none open."""
    if reported_recently > open_directives:
        raise ValueError("more reported than open")
    return share(reported_recently, open_directives)


# Reminders go to the unit while the directive waits on it: not once it has reported the work done.
REMINDED_STATUSES = frozenset({NOT_STARTED, IN_PROGRESS, RETURNED})
REMIND_BEFORE = "before"
REMIND_OVERDUE = "overdue"


def reminder_windows(today: date, days_before: int) -> dict[str, tuple[date | None, date]]:
    """The deadlines each reminder is due for today, as (first, last) day; None: no first day.

    "before" from `days_before` days ahead up to the deadline day itself; "overdue" any day after it, so that
    a job that missed days still sends the overdue reminder, and the "before" one only while it is not late.
    """
    if days_before < 0:
        raise ValueError("days_before must be zero or more")
    return {
        REMIND_BEFORE: (today, today + timedelta(days=days_before)),
        REMIND_OVERDUE: (None, today - timedelta(days=1)),
    }
