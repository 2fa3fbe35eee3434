"""How values read on screen: money, counts, areas, dates, rates and times (pure text, no widgets)."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def plain_number(value: Decimal) -> str:
    """12.5000 -> 12.5, 100 -> 100 (no exponent)."""
    return format(value.normalize(), "f")


def money_text(value: Decimal | int | None) -> str:
    """12345.605 -> '12,345.61' (2 decimals, half up, thousands separators); None -> ''."""
    if value is None:
        return ""
    amount = value if isinstance(value, Decimal) else Decimal(value)
    return f"{amount.quantize(CENT, rounding=ROUND_HALF_UP):,.2f}"


def yuan(amount: Decimal | None) -> str:
    return f"¥{money_text(amount)}"


def count_text(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def area_text(value: Decimal | None) -> str:
    return money_text(value)


def date_text(value: dt.date | None) -> str:
    return "" if value is None else value.isoformat()


def rate_text(rate: Decimal | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def local_time_text(value: dt.datetime | None) -> str:
    """Stored times are UTC (SQLite gives them back naive); show them in the PC's time zone."""
    if value is None:
        return ""
    aware = value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value
    return aware.astimezone().strftime("%Y-%m-%d %H:%M")
