"""The list behind a KPI card: the customers that make up the number, with their share of it.

Same windows, definitions and scope as kpis.py; the rows of a money KPI add up to the KPI. For
active_customers and shoots each row is a customer's shoots in the window; for churn_risk it is the days
since the customer's last usage.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from ...models import CreditNote, Customer, Invoice, Receipt, UsageMonthly, UsageOrder
from ..billing.balances import allocated_by_invoice
from ..platform.errors import Problem, ValidationError
from ..platform.money import ZERO, money
from ..platform.operations import reads
from ..platform.periods import Period
from ..security.permissions import Actor, require
from .churn import churn_warnings
from .figures import LIVE_BILL, Window, customer_filter
from .kpis import KPI_NAMES, windows
from .profile_usage import CustomerFilter

MAX_ROWS = 5000


@dataclass(frozen=True)
class KpiDetailRow:
    customer_id: int
    company_id: int
    name: str
    value: int | Decimal


@reads
def kpi_details(
    session: Session,
    actor: Actor,
    period: str,
    kpi: str,
    owner_id: int | None = None,
    as_of: dt.date | None = None,
) -> tuple[KpiDetailRow, ...]:
    """The customers behind one KPI of the month, largest first (at most MAX_ROWS)."""
    require(actor, "insight.view")
    if kpi not in KPI_NAMES:
        raise ValidationError(
            "insight.kpis.invalid", [Problem("insight.kpis.unknown_kpi", field="kpi", value=kpi)]
        )
    window = windows(Period.parse(period), as_of or dt.date.today())[0]
    visible = customer_filter(actor, owner_id)
    values: dict[int, int | Decimal]
    if kpi == "churn_risk":
        values = {
            w.customer_id: w.days_without_usage for w in churn_warnings(session, actor, window.last, owner_id)
        }
    elif kpi in ("outstanding", "overdue"):
        values = _owed(session, visible, window.last, overdue_only=kpi == "overdue")
    elif kpi == "invoiced":
        values = _billed(session, visible, window)
    elif kpi == "received":
        values = {
            cid: money(total)
            for cid, total in session.execute(
                select(Receipt.customer_id, func.sum(Receipt.amount))
                .where(Receipt.receipt_date.between(window.first, window.last), visible(Receipt.customer_id))
                .group_by(Receipt.customer_id)
            )
        }
    else:
        values = {cid: n for cid, n in _shoots(session, visible, window).items() if n > 0}
    return _rows(session, values)


def _owed(
    session: Session, visible: CustomerFilter, day: dt.date, *, overdue_only: bool
) -> dict[int, int | Decimal]:
    """Outstanding (or overdue) per customer as of `day`, by the AR aging report's rules (see figures.py)."""
    alloc = allocated_by_invoice(day)
    credited = exists(
        select(CreditNote.id).where(CreditNote.invoice_id == Invoice.id, CreditNote.issue_date <= day)
    )
    conditions = [
        Invoice.status.in_(LIVE_BILL),
        Invoice.issue_date <= day,
        ~credited,
        visible(Invoice.customer_id),
    ]
    if overdue_only:
        conditions.append(Invoice.due_date < day)
    rows = session.execute(
        select(Invoice.customer_id, func.sum(Invoice.total - func.coalesce(alloc.c.allocated, 0)))
        .outerjoin(alloc, alloc.c.invoice_id == Invoice.id)
        .where(*conditions)
        .group_by(Invoice.customer_id)
    )
    return {cid: money(amount) for cid, amount in rows if money(amount) > ZERO}


def _billed(session: Session, visible: CustomerFilter, window: Window) -> dict[int, int | Decimal]:
    billed: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for cid, total in session.execute(
        select(Invoice.customer_id, func.sum(Invoice.total))
        .where(
            Invoice.status.in_(LIVE_BILL),
            Invoice.issue_date.between(window.first, window.last),
            visible(Invoice.customer_id),
        )
        .group_by(Invoice.customer_id)
    ):
        billed[cid] += money(total)
    for cid, total in session.execute(
        select(CreditNote.customer_id, func.sum(CreditNote.total))
        .where(CreditNote.issue_date.between(window.first, window.last), visible(CreditNote.customer_id))
        .group_by(CreditNote.customer_id)
    ):
        billed[cid] += money(total)
    return {cid: amount for cid, amount in billed.items() if amount != ZERO}


def _shoots(session: Session, visible: CustomerFilter, window: Window) -> dict[int, int]:
    month = Period.of(window.first)
    days, covered = month.end.day, (window.last - window.first).days + 1
    counts: dict[int, int] = defaultdict(int)
    for cid, n in session.execute(
        select(UsageMonthly.customer_id, func.sum(UsageMonthly.single_shoots + UsageMonthly.multi_shoots))
        .where(UsageMonthly.period == str(month), visible(UsageMonthly.customer_id))
        .group_by(UsageMonthly.customer_id)
    ):
        counts[cid] += int(n) if covered == days else round(int(n) * covered / days)
    for cid, n in session.execute(
        select(UsageOrder.customer_id, func.count())
        .where(UsageOrder.upload_date.between(window.first, window.last), visible(UsageOrder.customer_id))
        .group_by(UsageOrder.customer_id)
    ):
        counts[cid] += int(n)
    return counts


def _rows(session: Session, values: dict[int, int | Decimal]) -> tuple[KpiDetailRow, ...]:
    best = sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_ROWS]
    names: dict[int, tuple[int, str]] = {}
    ids = [cid for cid, _ in best]
    for start in range(0, len(ids), 1000):
        names.update(
            {
                cid: (company_id, name)
                for cid, company_id, name in session.execute(
                    select(Customer.id, Customer.company_id, Customer.name).where(
                        Customer.id.in_(ids[start : start + 1000])
                    )
                )
            }
        )
    return tuple(KpiDetailRow(cid, names[cid][0], names[cid][1], value) for cid, value in best)
