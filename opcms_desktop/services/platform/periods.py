"""A billing period: one calendar month, written YYYY-MM. The one definition every area uses.

    p = Period.parse("2026-01")      # ValidationError (code period.invalid) for anything else
    p.start, p.end                   # 2026-01-01, 2026-01-31 (both days included)
    p.next_start                     # 2026-02-01 (the half-open bound SQL filters want)
    p.previous, p.next               # Period("2025-12"), Period("2026-02")

Years run from 1900 to 9998 so that every period has a next one (`bill-run --period 9999-12` is a
clear message, not an overflow).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from .errors import Problem, ValidationError

_PERIOD = re.compile(r"^(\d{4})-(\d{2})$")
FIRST_YEAR, LAST_YEAR = 1900, 9998


@dataclass(frozen=True, order=True)
class Period:
    year: int
    month: int

    @classmethod
    def parse(cls, text: object, field: str = "period") -> Period:
        if isinstance(text, Period):
            return text
        m = _PERIOD.match(str(text if text is not None else "").strip())
        if not m or not 1 <= int(m.group(2)) <= 12 or not FIRST_YEAR <= int(m.group(1)) <= LAST_YEAR:
            raise ValidationError("period.invalid", [Problem("period.format", field=field, value=str(text),
                                                            params={"first": FIRST_YEAR, "last": LAST_YEAR})])
        return cls(int(m.group(1)), int(m.group(2)))

    @classmethod
    def of(cls, day: dt.date) -> Period:
        return cls(day.year, day.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def next_start(self) -> dt.date:
        return self.next.start

    @property
    def next(self) -> Period:
        return Period(self.year + 1, 1) if self.month == 12 else Period(self.year, self.month + 1)

    @property
    def previous(self) -> Period:
        return Period(self.year - 1, 12) if self.month == 1 else Period(self.year, self.month - 1)

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def check_period(text: object, field: str = "period") -> str:
    """The period as its canonical 'YYYY-MM' text, or ValidationError."""
    return str(Period.parse(text, field))


def period_bounds(period: object) -> tuple[dt.date, dt.date]:
    """First day of the period and first day of the next one (half-open, for SQL)."""
    p = Period.parse(period)
    return p.start, p.next_start


def periods_between(start: dt.date, end: dt.date) -> list[str]:
    """The periods whose first day lies in [start, end]."""
    p = Period.of(start) if start.day == 1 else Period.of(start).next
    out = []
    while p.start <= end:
        out.append(str(p))
        p = p.next
    return out
