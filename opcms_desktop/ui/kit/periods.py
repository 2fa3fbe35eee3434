"""Billing periods ('YYYY-MM') the month pickers and period combos offer, built on the one Period."""

from __future__ import annotations

import datetime as dt

from ...services.platform.periods import Period

RECENT_MONTHS = 24


def last_month(today: dt.date | None = None) -> str:
    return str(Period.of(today or dt.date.today()).previous)


def recent_periods(today: dt.date | None = None, count: int = RECENT_MONTHS) -> list[str]:
    """Next month, this month and the months before it, newest first ('YYYY-MM')."""
    period = Period.of(today or dt.date.today()).next
    periods = []
    for _ in range(count):
        periods.append(str(period))
        period = period.previous
    return periods
