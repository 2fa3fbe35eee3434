"""The company-wide figures from the totals kept by triggers (migration 0022): the money ledger by day
(models/receivable_ledger.py) and usage per month (models/usage_month_totals.py).

Unscoped readers (no sales scope, no owner picked: figures.company_wide) sum a few thousand rows instead
of every bill, credit note, receipt, allocation and customer-month; a scoped reader has no totals of its
own and reads its customers' rows (figures.py). Both give the same figures: the AR aging report's to the
fen, the usage rows' to the shoot.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select, true
from sqlalchemy.orm import Session

from ...models.receivable_ledger import NO_DUE_DAY, MoneyDay, ReceivableChange
from ...models.usage_month_totals import UsageMonthTotal
from ..platform.money import ZERO
from ..platform.periods import Period
from ..receivables.reports import AGING_BUCKETS, aging_bucket
from .figures import USAGE_SERIES, DailyAmounts, Usage, as_date, orders_by_day


def from_cents(cents: int) -> Decimal:
    return Decimal(int(cents)).scaleb(-2)


@dataclass(frozen=True)
class LedgerReceivables:
    """Per (day, due day or None): the change of the outstanding amount that day, oldest first."""

    changes: tuple[tuple[dt.date, dt.date | None, Decimal], ...]

    def aging(self, day: dt.date) -> dict[str, Decimal]:
        buckets = dict.fromkeys(AGING_BUCKETS, ZERO)
        for changed, due, amount in self.changes:
            if changed > day:
                break
            buckets[aging_bucket(due, day)] += amount
        return buckets

    def outstanding(self, day: dt.date) -> tuple[Decimal, Decimal]:
        buckets = self.aging(day)
        total = sum(buckets.values(), ZERO)
        return total, total - buckets["current"]


def receivables(session: Session) -> LedgerReceivables:
    rows = session.execute(
        select(ReceivableChange.day, ReceivableChange.due_day, ReceivableChange.amount_cents)
        .where(ReceivableChange.amount_cents != 0)
        .order_by(ReceivableChange.day)
    )
    changes = []
    for day, due, cents in rows:
        due_day = as_date(due)
        changes.append((as_date(day), None if due_day == NO_DUE_DAY else due_day, from_cents(cents)))
    return LedgerReceivables(tuple(changes))


def daily_amounts(session: Session, since: dt.date) -> DailyAmounts:
    billed: dict[dt.date, Decimal] = {}
    received: dict[dt.date, Decimal] = {}
    for day, billed_cents, received_cents in session.execute(
        select(MoneyDay.day, MoneyDay.billed_cents, MoneyDay.received_cents).where(MoneyDay.day >= since)
    ):
        if billed_cents:
            billed[as_date(day)] = from_cents(billed_cents)
        if received_cents:
            received[as_date(day)] = from_cents(received_cents)
    return DailyAmounts(billed, received)


def usage(session: Session, first_month: Period) -> Usage:
    """figures.usage for every customer: the monthly summaries per month from the totals, orders per day."""
    totals = UsageMonthTotal
    monthly: dict[tuple[str, str], int] = {}
    for period, *counts in session.execute(
        select(totals.period, totals.monthly_x, totals.monthly_n, totals.monthly_l).where(
            totals.period >= str(first_month)
        )
    ):
        monthly.update({(str(period), s): int(n) for s, n in zip(USAGE_SERIES, counts, strict=True) if n})
    return Usage(monthly, orders_by_day(session, lambda column: true(), first_month))


def monthly_active_customers(session: Session, months: list[Period]) -> dict[str, int]:
    """figures.monthly_active_customers for every customer."""
    if not months:
        return {}
    found = {
        str(period): int(n)
        for period, n in session.execute(
            select(UsageMonthTotal.period, UsageMonthTotal.active_customers).where(
                UsageMonthTotal.period.between(str(months[0]), str(months[-1]))
            )
        )
    }
    return {str(m): found.get(str(m), 0) for m in months}
