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


class FixedClock:
    """A clock that only moves when told to (tests, demos with a seed)."""

    def __init__(self, at: datetime) -> None:
        self._at = at if at.tzinfo else at.replace(tzinfo=timezone.utc)

    def now(self) -> datetime:
        return self._at

    def today(self) -> date:
        return self._at.date()

    def advance(self, **delta: float) -> None:
        from datetime import timedelta

        self._at += timedelta(**delta)
