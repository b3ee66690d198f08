"""The follow-up's arithmetic against oracles written another way: calendars enumerated rather than stepped, the
deadline in force by sorting, the split by a truth table."""

from collections import Counter
from datetime import date, datetime, timedelta
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hoinghi.directives import rules

STATUSES = sorted(rules.OPEN_STATUSES | rules.CLOSED_STATUSES)
SATURDAY, SUNDAY = 6, 7

days_ = st.dates(date(2000, 1, 1), date(2099, 12, 31))
maybe_day = st.none() | days_


@st.composite
def calendars(draw):
    """A start day, holidays scattered over the next months, and weekend days swapped into working days."""
    start = draw(days_)
    near = st.integers(-5, 120).map(lambda offset: start + timedelta(days=offset))
    holidays = draw(st.frozensets(near, max_size=30))
    weekend = near.filter(lambda day: day.isoweekday() in (SATURDAY, SUNDAY))
    workdays = draw(st.frozensets(weekend, max_size=5))
    return start, holidays, workdays


def works(day, holidays, workdays):
    off = day in holidays or (day.isoweekday() in (SATURDAY, SUNDAY) and day not in workdays)
    return not off


def working_days_after(start, holidays, workdays, count):
    """The first `count` working days after `start`, by listing a window of the calendar long enough to hold them:
    every week has five weekdays, and each holiday costs at most one of them."""
    window = 2 * (count + len(holidays)) + 7
    listed = (start + timedelta(days=offset) for offset in range(1, window + 1))
    return [day for day in listed if works(day, holidays, workdays)][:count]


def count_working(first_excluded, last_included, holidays, workdays):
    span = range(1, (last_included - first_excluded).days + 1)
    return sum(works(first_excluded + timedelta(days=offset), holidays, workdays) for offset in span)


# Working days


@given(calendars(), st.integers(0, 150))
def test_add_working_days_matches_the_listed_calendar(calendar, days):
    start, holidays, workdays = calendar
    result = rules.add_working_days(start, days, holidays, workdays)
    expected = working_days_after(start, holidays, workdays, days)
    assert result == (expected[-1] if days else start)


@given(calendars(), st.integers(0, 150))
def test_add_working_days_counts_exactly_that_many_working_days(calendar, days):
    start, holidays, workdays = calendar
    result = rules.add_working_days(start, days, holidays, workdays)
    assert count_working(start, result, holidays, workdays) == days
    if days:
        assert rules.is_working_day(result, holidays, workdays)
        assert works(result, holidays, workdays)


@given(calendars(), st.integers(0, 150))
def test_add_working_days_grows_with_the_days(calendar, days):
    start, holidays, workdays = calendar
    assert rules.add_working_days(start, days, holidays, workdays) < rules.add_working_days(
        start, days + 1, holidays, workdays
    )


@given(days_, st.booleans(), st.booleans(), st.frozensets(days_, max_size=10))
def test_is_working_day_matches_the_oracle(day, holiday, swapped, elsewhere):
    holidays = elsewhere | {day} if holiday else elsewhere - {day}
    workdays = {day} if swapped else set()
    assert rules.is_working_day(day, holidays, workdays) == works(day, holidays, workdays)


def test_working_days_edge_cases():
    friday = date(2026, 3, 13)
    assert rules.add_working_days(friday, 1, set()) == date(2026, 3, 16)
    assert rules.add_working_days(friday, 1, set(), {date(2026, 3, 14)}) == date(2026, 3, 14)
    assert rules.add_working_days(friday, 1, {date(2026, 3, 16)}) == date(2026, 3, 17)
    # A holiday on a Saturday swapped into a working day still rests.
    assert rules.add_working_days(friday, 1, {date(2026, 3, 14)}, {date(2026, 3, 14)}) == date(2026, 3, 16)
    assert rules.add_working_days(date(2026, 3, 14), 0, set()) == date(2026, 3, 14)
    with pytest.raises(ValueError):
        rules.add_working_days(friday, -1, set())


# The deadline in force

moments = st.integers(0, 50).map(lambda minute: datetime(2026, 1, 1) + timedelta(minutes=minute))
histories = st.lists(st.tuples(moments, maybe_day), max_size=8)


def in_force_by_sorting(history, at):
    # sorted() is stable: among entries set at the same instant the later one written stays last.
    applicable = sorted((entry for entry in history if entry[0] <= at), key=lambda entry: entry[0])
    return applicable[-1][1] if applicable else None


@given(histories, moments)
def test_deadline_in_force_matches_sorting(history, at):
    assert rules.deadline_in_force(history, at) == in_force_by_sorting(history, at)


@given(st.lists(st.tuples(moments, maybe_day), max_size=8, unique_by=lambda entry: entry[0]), moments, st.randoms())
def test_deadline_in_force_ignores_the_order_of_distinct_times(history, at, random):
    shuffled = list(history)
    random.shuffle(shuffled)
    assert rules.deadline_in_force(shuffled, at) == rules.deadline_in_force(history, at)


@given(histories, moments, st.integers(1, 30), maybe_day)
def test_a_deadline_set_later_does_not_change_the_one_in_force(history, at, after, deadline):
    later = history + [(at + timedelta(minutes=after), deadline)]
    assert rules.deadline_in_force(later, at) == rules.deadline_in_force(history, at)


def test_deadline_in_force_edge_cases():
    noon = datetime(2026, 5, 4, 12)
    first, extended = date(2026, 6, 1), date(2026, 7, 1)
    history = [(noon, first), (noon + timedelta(days=3), extended)]
    assert rules.deadline_in_force(history, noon - timedelta(seconds=1)) is None
    assert rules.deadline_in_force(history, noon) == first
    assert rules.deadline_in_force(history, noon + timedelta(days=3)) == extended
    assert rules.deadline_in_force(reversed(history), noon + timedelta(days=5)) == extended
    assert rules.deadline_in_force([(noon, first), (noon, extended)], noon) == extended
    assert rules.deadline_in_force([(noon, first), (noon, None)], noon) is None  # the deadline was removed
    assert rules.deadline_in_force([], noon) is None


# Overdue and days late


@given(maybe_day, days_, st.integers(-400, 400))
def test_days_late_counts_the_calendar_days_after_the_deadline(deadline, today, offset):
    finished = (deadline or today) + timedelta(days=offset)
    late = rules.days_late(deadline, finished)
    if deadline is None:
        assert late == 0
    else:
        listed = (deadline + timedelta(days=after) for after in range(1, 401))
        assert late == sum(day <= finished for day in listed)


@given(st.sampled_from(STATUSES), maybe_day, days_)
def test_is_overdue_matches_the_truth_table(status, deadline, today):
    open_ = status not in (rules.DONE, rules.CANCELLED)
    past = deadline is not None and today.toordinal() - deadline.toordinal() >= 1
    assert rules.is_overdue(status, deadline, today) == (open_ and past)
    assert rules.is_overdue(status, deadline, today) == (open_ and rules.days_late(deadline, today) > 0)


def test_overdue_edge_cases():
    deadline = date(2026, 4, 29)
    assert not rules.is_overdue(rules.IN_PROGRESS, deadline, deadline)
    assert rules.is_overdue(rules.IN_PROGRESS, deadline, deadline + timedelta(days=1))
    assert rules.is_overdue(rules.REPORTED_DONE, deadline, deadline + timedelta(days=1))
    assert rules.is_overdue(rules.RETURNED, deadline, deadline + timedelta(days=1))
    assert not rules.is_overdue(rules.DONE, deadline, deadline + timedelta(days=1))
    assert not rules.is_overdue(rules.IN_PROGRESS, None, date(2099, 1, 1))
    assert rules.days_late(deadline, deadline) == 0
    assert rules.days_late(deadline, date(2026, 5, 4)) == 5
    assert rules.days_late(None, date(2099, 1, 1)) == 0


# The four-way split


def split_by_table(status, deadline, done_on, deadline_at_close, today):
    """Closed directives are judged on the day they closed against the deadline then in force; open ones on
    today against today's deadline."""
    if status == rules.CANCELLED:
        return None
    closed = status == rules.DONE
    judged_deadline, judged_day = (deadline_at_close, done_on) if closed else (deadline, today)
    has_deadline = judged_deadline is not None and judged_day is not None  # a done one missing its day: on time
    past = has_deadline and judged_day.toordinal() > judged_deadline.toordinal()
    return {
        (True, False, False): rules.DONE_ON_TIME,
        (True, True, False): rules.DONE_ON_TIME,
        (True, True, True): rules.DONE_LATE,
        (False, False, False): rules.OPEN_NO_DEADLINE,
        (False, True, False): rules.OPEN_IN_TIME,
        (False, True, True): rules.OPEN_OVERDUE,
    }[(closed, has_deadline, past)]


@st.composite
def directives(draw):
    """What the split looks at, as a directive would hold it: closed ones have the day they closed."""
    status = draw(st.sampled_from(STATUSES))
    closed = status in rules.CLOSED_STATUSES
    return {
        "status": status,
        "deadline": draw(maybe_day),
        "done_on": draw(days_) if closed else None,
        "deadline_at_close": draw(maybe_day) if closed else None,
        "today": draw(days_),
    }


@given(directives())
def test_split_matches_the_truth_table(directive):
    assert rules.split(**directive) == split_by_table(**directive)


@given(directives())
def test_split_agrees_with_is_overdue_and_never_overdue_without_a_deadline(directive):
    verdict = rules.split(**directive)
    assert verdict is None or verdict in rules.SPLIT
    assert (verdict == rules.OPEN_OVERDUE) == rules.is_overdue(
        directive["status"], directive["deadline"], directive["today"]
    )
    if directive["deadline"] is None:
        assert verdict != rules.OPEN_OVERDUE
    if directive["deadline_at_close"] is None:
        assert verdict != rules.DONE_LATE


@given(days_, days_, maybe_day, days_, maybe_day)
def test_done_is_judged_against_the_deadline_at_close_only(done_on, deadline_at_close, deadline, today, other_today):
    # An extension granted after the close moves `deadline`, not `deadline_at_close`: the verdict stays.
    verdict = rules.split(rules.DONE, deadline, done_on, deadline_at_close, today)
    assert verdict == rules.split(rules.DONE, None, done_on, deadline_at_close, other_today)
    assert verdict == (rules.DONE_ON_TIME if done_on <= deadline_at_close else rules.DONE_LATE)


@given(maybe_day, maybe_day, maybe_day, days_)
def test_cancelled_counts_nowhere(deadline, done_on, deadline_at_close, today):
    assert rules.split(rules.CANCELLED, deadline, done_on, deadline_at_close, today) is None


def test_split_edge_cases():
    deadline = date(2026, 4, 29)
    after = deadline + timedelta(days=1)
    assert rules.split(rules.DONE, None, deadline, deadline, after) == rules.DONE_ON_TIME
    assert rules.split(rules.DONE, None, after, deadline, after) == rules.DONE_LATE
    # Late against the deadline at close, though a later extension would have covered it.
    assert rules.split(rules.DONE, date(2026, 6, 1), after, deadline, after) == rules.DONE_LATE
    assert rules.split(rules.DONE, None, after, None, after) == rules.DONE_ON_TIME
    assert rules.split(rules.IN_PROGRESS, deadline, None, None, deadline) == rules.OPEN_IN_TIME
    assert rules.split(rules.REPORTED_DONE, deadline, None, None, after) == rules.OPEN_OVERDUE
    assert rules.split(rules.NOT_STARTED, None, None, None, after) == rules.OPEN_NO_DEADLINE


# Counts and rates

counts = st.builds(rules.Counts, *[st.integers(0, 10_000)] * 7)


@given(counts)
def test_counts_sum_their_parts(tally):
    assert tally.done == tally.done_on_time + tally.done_late
    assert tally.open == tally.open_in_time + tally.open_overdue + tally.open_no_deadline
    if tally.done:
        assert tally.on_time_rate == float(Fraction(tally.done_on_time, tally.done))  # both correctly rounded
        assert 0 <= tally.on_time_rate <= 1
    else:
        assert tally.on_time_rate is None


@given(st.lists(directives(), max_size=40))
def test_every_directive_but_the_cancelled_lands_in_one_count(batch):
    verdicts = Counter(rules.split(**directive) for directive in batch)
    cancelled = verdicts.pop(None, 0)
    tally = rules.Counts(assigned=len(batch) - cancelled, cancelled=cancelled, **verdicts)
    assert tally.done + tally.open == tally.assigned
    assert cancelled == sum(directive["status"] == rules.CANCELLED for directive in batch)


@given(st.integers(0, 10_000), st.data())
def test_update_rate_is_the_share_of_open_directives_reported(open_directives, data):
    reported = data.draw(st.integers(0, open_directives))
    rate = rules.update_rate(open_directives, reported)
    if open_directives == 0:
        assert rate is None
    else:
        assert 0 <= rate <= 1
        assert rate == float(Fraction(reported, open_directives))


def test_update_rate_edge_cases():
    assert rules.update_rate(0, 0) is None
    assert rules.update_rate(4, 4) == 1
    assert rules.update_rate(4, 0) == 0
    with pytest.raises(ValueError):
        rules.update_rate(2, 3)
    assert rules.share(1, 0) is None
    assert rules.share(1, 4) == 0.25


# Moves between statuses


def test_closed_statuses_are_final_and_every_move_is_known():
    assert set(rules.MOVES) == rules.OPEN_STATUSES | rules.CLOSED_STATUSES
    assert not rules.OPEN_STATUSES & rules.CLOSED_STATUSES
    assert all(not rules.MOVES[status] for status in rules.CLOSED_STATUSES)
    assert all(targets <= set(rules.MOVES) for targets in rules.MOVES.values())


def test_only_a_reported_done_directive_can_be_confirmed_or_returned():
    confirmable = {status for status, targets in rules.MOVES.items() if rules.DONE in targets}
    returnable = {status for status, targets in rules.MOVES.items() if rules.RETURNED in targets}
    assert confirmable == returnable == {rules.REPORTED_DONE}


def test_every_open_status_can_be_cancelled_and_can_still_reach_done():
    for status in rules.OPEN_STATUSES:
        assert rules.CANCELLED in rules.MOVES[status]
        reached, frontier = {status}, [status]
        while frontier:
            for target in rules.MOVES[frontier.pop()] - reached:
                reached.add(target)
                frontier.append(target)
        assert rules.DONE in reached
