"""Billing periods ('YYYY-MM') the month pickers and period combos offer."""

from __future__ import annotations

import datetime as dt

RECENT_MONTHS = 24


def last_month(today: dt.date | None = None) -> str:
    first = (today or dt.date.today()).replace(day=1)
    previous = first - dt.timedelta(days=1)
    return f"{previous.year:04d}-{previous.month:02d}"


def recent_periods(today: dt.date | None = None, count: int = RECENT_MONTHS) -> list[str]:
    """Next month, this month and the months before it, newest first ('YYYY-MM')."""
    today = today or dt.date.today()
    year, month = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
    periods = []
    for _ in range(count):
        periods.append(f"{year:04d}-{month:02d}")
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return periods
