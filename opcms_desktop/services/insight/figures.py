"""The SQL aggregates behind the KPIs and the dashboard: a few GROUP BY queries, folded in Python.

Every function takes the customer filter (`customer_filter`: the actor's scope and the owner picker) and
groups by dates (a few hundred groups even at 100,000 customers), so any window or month end
is answered from the same rows without another round trip.

Receivables as of a day D follow the AR aging report (services/receivables/reports.py) exactly: bills
issued (or issued and later cancelled) on or before D, except those credited by a credit note dated on or
before D; less the active allocations dated on or before D. Allocations never exceed a bill's total, so
the sum of (total - allocated) equals the report's sum of positive outstanding amounts.

These read a scope's own rows (a sales book, a picked owner); the whole company's figures come from the
totals kept by triggers instead (company_totals.py), which give the same numbers.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from sqlalchemy import func, select, union
from sqlalchemy.orm import Session

from ...models import Allocation, CreditNote, Invoice, Receipt, UsageOrder
from ...models.usage_summary import UsageCustomerMonth
from ..platform.money import ZERO, money
from ..platform.periods import Period
from ..receivables.reports import AGING_BUCKETS, aging_bucket
from ..security.permissions import Actor
from .profile_customers import profiled_customers
from .profile_usage import CustomerFilter

USAGE_SERIES = ("X", "N", "L")  # the device series usage_monthly accepts (a CHECK constraint)
LIVE_BILL = ("issued", "cancelled")  # what the AR aging report counts (cancelled: until its credit note)


def customer_filter(actor: Actor, owner_id: int | None) -> CustomerFilter:
    """The actor's customers (sales: their own), of this sales owner if one is given; disabled ones included."""
    return profiled_customers(actor, owner_id, include_disabled=True)


def company_wide(actor: Actor, owner_id: int | None) -> bool:
    """Every customer, disabled ones too (no sales scope, no owner picked): what company_totals.py sums."""
    return owner_id is None and not actor.sees_own_customers_only


def as_date(value: Any) -> dt.date:
    """SQLite returns grouped dates as text."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


@dataclass(frozen=True)
class Window:
    """Days first..last, both included."""

    first: dt.date
    last: dt.date

    def holds(self, day: dt.date) -> bool:
        return self.first <= day <= self.last


class ReceivablesAsOf(Protocol):
    """Receivables as of any day: from a scope's bills (Receivables) or the company's ledger (company_totals.py)."""

    def aging(self, day: dt.date) -> dict[str, Decimal]: ...

    def outstanding(self, day: dt.date) -> tuple[Decimal, Decimal]: ...


@dataclass(frozen=True)
class Receivables:
    """Per bill: (issue day, due day, credit day or None, total); per allocation: (day, those three, amount)."""

    bills: tuple[tuple[dt.date, dt.date | None, dt.date | None, Decimal], ...]
    allocations: tuple[tuple[dt.date, dt.date, dt.date | None, dt.date | None, Decimal], ...]

    def aging(self, day: dt.date) -> dict[str, Decimal]:
        """Outstanding per aging bucket as of `day` (the AR aging report's total line)."""
        buckets = dict.fromkeys(AGING_BUCKETS, ZERO)
        for issued, due, credited, total in self.bills:
            if issued <= day and (credited is None or credited > day):
                buckets[aging_bucket(due, day)] += total
        for allocated, issued, due, credited, amount in self.allocations:
            if allocated <= day and issued <= day and (credited is None or credited > day):
                buckets[aging_bucket(due, day)] -= amount
        return buckets

    def outstanding(self, day: dt.date) -> tuple[Decimal, Decimal]:
        """(outstanding, overdue) as of `day`: overdue is everything but the 'current' bucket."""
        buckets = self.aging(day)
        total = sum(buckets.values(), ZERO)
        return total, total - buckets["current"]


def receivables(session: Session, visible: CustomerFilter) -> Receivables:
    credit = (
        select(CreditNote.invoice_id.label("invoice_id"), func.min(CreditNote.issue_date).label("day"))
        .group_by(CreditNote.invoice_id)
        .subquery("credit")
    )
    live = (Invoice.status.in_(LIVE_BILL), Invoice.issue_date.is_not(None), visible(Invoice.customer_id))
    bills = session.execute(
        select(Invoice.issue_date, Invoice.due_date, credit.c.day, func.sum(Invoice.total))
        .outerjoin(credit, credit.c.invoice_id == Invoice.id)
        .where(*live)
        .group_by(Invoice.issue_date, Invoice.due_date, credit.c.day)
    ).all()
    allocations = session.execute(
        select(
            Allocation.allocated_on,
            Invoice.issue_date,
            Invoice.due_date,
            credit.c.day,
            func.sum(Allocation.amount),
        )
        .join(Invoice, Invoice.id == Allocation.invoice_id)
        .outerjoin(credit, credit.c.invoice_id == Invoice.id)
        .where(Allocation.reversed_at.is_(None), *live)
        .group_by(Allocation.allocated_on, Invoice.issue_date, Invoice.due_date, credit.c.day)
    ).all()
    return Receivables(
        bills=tuple((as_date(i), _maybe_date(d), _maybe_date(c), money(t)) for i, d, c, t in bills),
        allocations=tuple(
            (as_date(a), as_date(i), _maybe_date(d), _maybe_date(c), money(t))
            for a, i, d, c, t in allocations
        ),
    )


def _maybe_date(value: Any) -> dt.date | None:
    return None if value is None else as_date(value)


@dataclass(frozen=True)
class DailyAmounts:
    """Amounts per day: billed (bills issued, net of credit notes) and received (receipts)."""

    billed: dict[dt.date, Decimal]
    received: dict[dt.date, Decimal]

    @staticmethod
    def total(amounts: dict[dt.date, Decimal], window: Window) -> Decimal:
        return sum((v for day, v in amounts.items() if window.holds(day)), ZERO)


def daily_amounts(session: Session, visible: CustomerFilter, since: dt.date) -> DailyAmounts:
    billed: dict[dt.date, Decimal] = defaultdict(lambda: ZERO)
    for day, total in session.execute(
        select(Invoice.issue_date, func.sum(Invoice.total))
        .where(Invoice.status.in_(LIVE_BILL), Invoice.issue_date >= since, visible(Invoice.customer_id))
        .group_by(Invoice.issue_date)
    ):
        billed[as_date(day)] += money(total)
    for day, total in session.execute(
        select(CreditNote.issue_date, func.sum(CreditNote.total))
        .where(CreditNote.issue_date >= since, visible(CreditNote.customer_id))
        .group_by(CreditNote.issue_date)
    ):
        billed[as_date(day)] += money(total)  # credit-note totals are negative
    received = {
        as_date(day): money(total)
        for day, total in session.execute(
            select(Receipt.receipt_date, func.sum(Receipt.amount))
            .where(Receipt.receipt_date >= since, visible(Receipt.customer_id))
            .group_by(Receipt.receipt_date)
        )
    }
    return DailyAmounts(dict(billed), received)


@dataclass(frozen=True)
class Usage:
    """Shoots: monthly summaries per (month, series) and orders per (day, series); active customers per window."""

    monthly: dict[tuple[str, str], int]  # (YYYY-MM, series) -> shoots of the summaries
    orders: dict[tuple[dt.date, str], int]  # (day, series) -> shoots of the orders

    def shoots(self, window: Window) -> int:
        """Orders inside the window, plus monthly summaries: whole when the window covers their month,
        prorated by the days covered otherwise (a summary carries no days; see kpis module doc)."""
        count = sum(n for (day, _), n in self.orders.items() if window.holds(day))
        for (month, _), n in self.monthly.items():
            count += _prorated(n, Period.parse(month), window)
        return count

    def by_month_and_series(self, months: Iterable[Period]) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {str(m): {} for m in months}
        for (month, series), n in self.monthly.items():
            if month in out:
                out[month][series] = out[month].get(series, 0) + n
        for (day, series), n in self.orders.items():
            month = str(Period.of(day))
            if month in out:
                out[month][series] = out[month].get(series, 0) + n
        return out


def _prorated(count: int, month: Period, window: Window) -> int:
    first, last = max(month.start, window.first), min(month.end, window.last)
    if last < first:
        return 0
    covered, days = (last - first).days + 1, month.end.day
    return count if covered == days else round(count * covered / days)


def usage(session: Session, visible: CustomerFilter, first_month: Period) -> Usage:
    # Monthly summaries per month and series from the summary table, month by month off its (month,
    # customer) index; orders per day from usage_orders (a window may cover part of a month).
    summary = UsageCustomerMonth
    monthly: dict[tuple[str, str], int] = {}
    for p, *counts in session.execute(
        select(
            summary.period,
            func.sum(summary.monthly_x),
            func.sum(summary.monthly_n),
            func.sum(summary.monthly_l),
        )
        .where(summary.period >= str(first_month), visible(summary.customer_id))
        .group_by(summary.period)
    ):
        monthly.update({(str(p), s): int(n) for s, n in zip(USAGE_SERIES, counts, strict=True) if n})
    return Usage(monthly, orders_by_day(session, visible, first_month))


def orders_by_day(session: Session, visible: CustomerFilter, first_month: Period) -> dict[tuple[dt.date, str], int]:
    """(day, series) -> orders uploaded that day, from the first month on."""
    return {
        (as_date(d), s): int(n)
        for d, s, n in session.execute(
            select(UsageOrder.upload_date, UsageOrder.series, func.count())
            .where(UsageOrder.upload_date >= first_month.start, visible(UsageOrder.customer_id))
            .group_by(UsageOrder.upload_date, UsageOrder.series)
        )
    }


def active_customers(session: Session, visible: CustomerFilter, windows: list[Window]) -> list[int]:
    """Per window: customers with at least one shoot in it (an order in the window, or a monthly summary
    with shoots for the month of its first or last day), counted by the database."""
    summary = UsageCustomerMonth
    monthly = summary.monthly_x + summary.monthly_n + summary.monthly_l
    counts = []
    for w in windows:
        months = sorted({str(Period.of(w.first)), str(Period.of(w.last))})
        found = union(
            select(summary.customer_id).where(
                summary.period.in_(months), monthly > 0, visible(summary.customer_id)
            ),
            select(UsageOrder.customer_id).where(
                UsageOrder.upload_date.between(w.first, w.last), visible(UsageOrder.customer_id)
            ),
        ).subquery("active")
        counts.append(int(session.scalar(select(func.count()).select_from(found)) or 0))
    return counts


def monthly_active_customers(
    session: Session, visible: CustomerFilter, months: list[Period]
) -> dict[str, int]:
    """Customers with usage per whole month: summary rows with shoots (one per customer and month, either
    source), counted per month off the summary's (month, customer) index."""
    if not months:
        return {}
    summary = UsageCustomerMonth
    found = {
        str(m): int(n)
        for m, n in session.execute(
            select(summary.period, func.count())
            .where(
                summary.period.between(str(months[0]), str(months[-1])),
                summary.shoots > 0,
                visible(summary.customer_id),
            )
            .group_by(summary.period)
        )
    }
    return {str(m): found.get(str(m), 0) for m in months}
