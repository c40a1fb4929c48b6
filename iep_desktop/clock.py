"""Time as an injectable edge of the system, so tests can fix it."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...  # aware, UTC
    def today(self) -> date: ...    # the coach's local calendar date


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(timezone.utc)

    def today(self) -> date:
        return date.today()


def local_day(moment: datetime) -> date:
    """The calendar day a person there and then calls the moment's: moments are stored in UTC, so
    a plan signed at 7:30 pm in Chicago is 01:30 the next day in UTC, yet was signed that evening.
    In this machine's time zone, the one ``SystemClock.today`` counts days in; a naive moment is
    taken as it is."""
    return moment.astimezone().date() if moment.tzinfo is not None else moment.date()


class FixedClock:
    """A clock that only moves when told to (tests, demos with a seed)."""

    def __init__(self, at: datetime) -> None:
        self._at = at if at.tzinfo else at.replace(tzinfo=timezone.utc)

    def now(self) -> datetime:
        return self._at

    def today(self) -> date:
        return local_day(self._at)  # as SystemClock: the day in this machine's zone

    def advance(self, **delta: float) -> None:
        from datetime import timedelta

        self._at += timedelta(**delta)
