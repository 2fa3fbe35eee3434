"""Receivables reports: AR aging as of a date, settlement status of a period, receipts by month.

All are scoped (sales see their own customers only) and return frozen dataclasses with exact Decimals.

AR aging as of D (documented simplification):
- invoices issued on or before D; an invoice credited (冲正) by a credit note dated on or before D is
  excluded (so aging as of a date before the credit note still shows it);
- paid = active allocations (not un-allocated, as the data stands now) with allocated_on <= D;
- outstanding = total - paid; buckets by days past the due date: current (not yet due, the due date
  itself included), 1-30, 31-60, 61-90, 90+.

Settlement of period P: invoiced = totals of P's issued invoices (cancelled ones are reversed and not
counted); received = active allocations to them (any date); outstanding = invoiced - received;
overdue = outstanding of those past their due date as of D (default today); collection rate =
received / invoiced to 4 places, None when nothing was invoiced.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import exists, extract, func, select
from sqlalchemy.orm import Session

from ...models import CreditNote, Customer, Invoice, Receipt
from ..billing.balances import allocated_by_invoice
from ..platform.errors import Problem, ValidationError
from ..platform.money import ZERO, money
from ..platform.operations import writes
from ..platform.periods import Period, check_period
from ..security.access_log import record_access
from ..security.permissions import Actor, require
from ..security.scope import visible_customers

AGING_BUCKETS = ("current", "1-30", "31-60", "61-90", "90+")
RATE_PLACES = Decimal("0.0001")
MAX_MONTHS = 120


def aging_bucket(due_date: dt.date | None, as_of: dt.date) -> str:
    days = 0 if due_date is None else (as_of - due_date).days
    if days <= 0:
        return "current"
    if days <= 30:
        return "1-30"
    if days <= 60:
        return "31-60"
    return "61-90" if days <= 90 else "90+"


@dataclass(frozen=True)
class AgingLine:
    customer_id: int | None  # None for the total line
    company_id: int | None
    customer_name: str
    amounts: dict[str, Decimal]  # bucket name (AGING_BUCKETS) -> outstanding

    @property
    def total(self) -> Decimal:
        return sum(self.amounts.values(), ZERO)


@dataclass(frozen=True)
class AgingReport:
    as_of: dt.date
    total: AgingLine
    customers: tuple[AgingLine, ...]  # customers with anything outstanding, by 公司id


@writes("access_log")
def ar_aging(session: Session, actor: Actor, as_of: dt.date) -> AgingReport:
    require(actor, "reports.view")
    alloc = allocated_by_invoice(as_of)
    credited = exists(select(CreditNote.id).where(CreditNote.invoice_id == Invoice.id, CreditNote.issue_date <= as_of))
    rows = session.execute(
        select(Invoice.customer_id, Customer.company_id, Customer.name, Invoice.total, Invoice.due_date,
               func.coalesce(alloc.c.allocated, 0))
        .join(Customer, Customer.id == Invoice.customer_id)
        .outerjoin(alloc, alloc.c.invoice_id == Invoice.id)
        .where(Invoice.status.in_(("issued", "cancelled")), Invoice.issue_date <= as_of, ~credited,
               visible_customers(actor, Invoice.customer_id))
    )
    per_customer: dict[int, tuple[int, str, dict[str, Decimal]]] = {}
    totals = dict.fromkeys(AGING_BUCKETS, ZERO)
    for customer_id, company_id, name, total, due_date, allocated in rows:
        outstanding = money(total) - money(allocated)
        if outstanding <= ZERO:
            continue
        bucket = aging_bucket(due_date, as_of)
        amounts = per_customer.setdefault(customer_id, (company_id, name, dict.fromkeys(AGING_BUCKETS, ZERO)))[2]
        amounts[bucket] += outstanding
        totals[bucket] += outstanding
    customers = tuple(AgingLine(cid, company_id, name, amounts)
                      for cid, (company_id, name, amounts) in sorted(per_customer.items(), key=lambda kv: kv[1][0]))
    record_access(session, actor, "report", "ar_aging", as_of.isoformat(), len(customers))
    return AgingReport(as_of=as_of, total=AgingLine(None, None, "合计", totals), customers=customers)


@dataclass(frozen=True)
class SettlementLine:
    customer_id: int | None  # None for the total line
    company_id: int | None
    customer_name: str
    invoices: int
    invoiced: Decimal
    received: Decimal
    outstanding: Decimal
    overdue: Decimal

    @property
    def collection_rate(self) -> Decimal | None:
        return collection_rate(self.received, self.invoiced)


@dataclass(frozen=True)
class SettlementReport:
    period: str
    as_of: dt.date
    total: SettlementLine
    drafts: int  # invoices of the period not issued yet
    cancelled: int
    customers: tuple[SettlementLine, ...]


def collection_rate(received: Decimal, invoiced: Decimal) -> Decimal | None:
    if invoiced == ZERO:
        return None
    return (received / invoiced).quantize(RATE_PLACES, ROUND_HALF_UP)


@writes("access_log")
def settlement_status(session: Session, actor: Actor, period: str, as_of: dt.date | None = None) -> SettlementReport:
    require(actor, "reports.view")
    period = check_period(period)
    as_of = as_of or dt.date.today()
    alloc = allocated_by_invoice()
    rows = session.execute(
        select(Invoice.customer_id, Customer.company_id, Customer.name, Invoice.status, Invoice.total,
               Invoice.due_date, func.coalesce(alloc.c.allocated, 0))
        .join(Customer, Customer.id == Invoice.customer_id)
        .outerjoin(alloc, alloc.c.invoice_id == Invoice.id)
        .where(Invoice.period == period, visible_customers(actor, Invoice.customer_id))
    ).all()
    counts = {"draft": 0, "cancelled": 0}
    per_customer: dict[int, list] = {}
    for customer_id, company_id, name, status, total, due_date, allocated in rows:
        if status != "issued":
            counts[status] = counts.get(status, 0) + 1
            continue
        invoiced, received = money(total), money(allocated)
        outstanding = invoiced - received
        acc = per_customer.setdefault(customer_id, [company_id, name, 0, ZERO, ZERO, ZERO, ZERO])
        acc[2] += 1
        acc[3] += invoiced
        acc[4] += received
        acc[5] += outstanding
        if due_date is not None and due_date < as_of:
            acc[6] += outstanding
    customers = tuple(SettlementLine(cid, *acc) for cid, acc in sorted(per_customer.items(), key=lambda kv: kv[1][0]))
    total = SettlementLine(None, None, "合计", sum(c.invoices for c in customers),
                           *(sum((getattr(c, f) for c in customers), ZERO)
                             for f in ("invoiced", "received", "outstanding", "overdue")))
    record_access(session, actor, "report", "settlement", period, len(customers))
    return SettlementReport(period=period, as_of=as_of, total=total, drafts=counts["draft"],
                            cancelled=counts["cancelled"], customers=customers)


@dataclass(frozen=True)
class ReceiptsByMonthLine:
    customer_id: int | None  # None for the total line
    company_id: int | None
    customer_name: str
    amounts: dict[str, Decimal] = field(default_factory=dict)  # 'YYYY-MM' -> received, every month present

    @property
    def total(self) -> Decimal:
        return sum(self.amounts.values(), ZERO)


@dataclass(frozen=True)
class ReceiptsByMonthReport:
    month_from: str
    month_to: str
    months: tuple[str, ...]
    total: ReceiptsByMonthLine
    customers: tuple[ReceiptsByMonthLine, ...]  # customers with receipts in the range, by 公司id


def months_between(month_from: str, month_to: str) -> tuple[str, ...]:
    start, end = Period.parse(month_from, "from"), Period.parse(month_to, "to")
    if end < start:
        raise ValidationError("receivables.report.invalid_month_range", [Problem(
            "receivables.report.from_after_to", field="from", value=str(month_from))])
    months: list[str] = []
    month = start
    while month <= end:
        if len(months) == MAX_MONTHS:
            raise ValidationError("receivables.report.invalid_month_range", [Problem(
                "receivables.report.too_many_months", field="to", value=str(month_to),
                params={"maximum": MAX_MONTHS})])
        months.append(str(month))
        month = month.next
    return tuple(months)


@writes("access_log")
def receipts_by_month(session: Session, actor: Actor, month_from: str, month_to: str) -> ReceiptsByMonthReport:
    require(actor, "reports.view")
    months = months_between(month_from, month_to)
    start, end = Period.parse(months[0]).start, Period.parse(months[-1]).next_start
    year, month = extract("year", Receipt.receipt_date), extract("month", Receipt.receipt_date)
    rows = session.execute(
        select(Receipt.customer_id, Customer.company_id, Customer.name, year, month, func.sum(Receipt.amount))
        .join(Customer, Customer.id == Receipt.customer_id)
        .where(Receipt.receipt_date >= start, Receipt.receipt_date < end,
               visible_customers(actor, Receipt.customer_id))
        .group_by(Receipt.customer_id, Customer.company_id, Customer.name, year, month)
    )
    per_customer: dict[int, ReceiptsByMonthLine] = {}
    totals = dict.fromkeys(months, ZERO)
    for customer_id, company_id, name, y, m, amount in rows:
        key = f"{int(y):04d}-{int(m):02d}"
        line = per_customer.setdefault(customer_id, ReceiptsByMonthLine(customer_id, company_id, name,
                                                                         dict.fromkeys(months, ZERO)))
        line.amounts[key] += money(amount)
        totals[key] += money(amount)
    customers = tuple(sorted(per_customer.values(), key=lambda line: line.company_id or 0))
    record_access(session, actor, "report", "receipts_by_month", f"{months[0]}~{months[-1]}", len(customers))
    return ReceiptsByMonthReport(month_from=months[0], month_to=months[-1], months=months,
                                 total=ReceiptsByMonthLine(None, None, "合计", totals), customers=customers)
