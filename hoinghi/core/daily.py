"""When a daily job is due (pure): once per local day, at or after its time of day."""

from datetime import datetime, time


def parse_time(text: str) -> time:
    """The time of day "07:00" as 07:00; a clear error for anything else (read from the environment)."""
    try:
        hours, minutes = text.strip().split(":")
        return time(int(hours), int(minutes))
    except ValueError as error:
        raise ValueError(f"expected a time of day as HH:MM, got {text!r}") from error


def due(now: datetime, at: time, last_queued: datetime | None) -> bool:
    """Is today's run due at `now`, the last run having been queued at `last_queued` (same time zone)?"""
    return now.time() >= at and (last_queued is None or last_queued.date() < now.date())
