"""A goal's length in months and the term the board's table gives it (R-G2).

Apart from the rules so that what a signer agrees to (plan_content) can tell a term that only
followed its goal's dates from a term the coach chose."""

from __future__ import annotations

import calendar
from datetime import date

from iep_desktop.domain.models import GoalTerm
from iep_desktop.profiles.schema import BoardProfile


def months_between(start: date, end: date) -> int:
    """Whole months from start to end; a partial month counts as a month (R-G2).

    Jan 15 -> Feb 15 is 1, Jan 15 -> Feb 16 is 2, the same day is 0. A month from Jan 31 ends
    on the last day of February. End before start gives the negative count.
    """
    if end < start:
        return -months_between(end, start)
    months = (end.year - start.year) * 12 + end.month - start.month
    # Stepping that many months may overshoot (Jan 20 -> Feb 10): then the last one is partial.
    return months + (1 if _add_months(start, months) < end else 0)


def _add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def derive_term(profile: BoardProfile, established: date, completion: date) -> GoalTerm:
    """The term the board's month table gives a goal with these dates (the UI's default)."""
    return profile.term_for_months(max(0, months_between(established, completion)))
