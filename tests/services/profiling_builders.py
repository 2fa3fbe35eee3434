"""Builders of usage, bills and receipts for the profiling tests (inside the test's session)."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from sqlalchemy.orm import Session

from opcms_desktop.models import Allocation, Invoice, Receipt, UsageMonthly, UsageOrder
from opcms_desktop.services.platform.periods import Period

_numbers = itertools.count(1)


def monthly(session: Session, customer_id: int, shoots_by_month: dict[str, int], series: str = "X") -> None:
    """Monthly summaries: single-floor shoots per 'YYYY-MM'."""
    for period, shoots in shoots_by_month.items():
        session.add(
            UsageMonthly(
                customer_id=customer_id,
                period=period,
                series=series,
                single_shoots=shoots,
                multi_shoots=0,
                multi_floors=0,
                area=Decimal("0"),
            )
        )
    session.flush()


def orders(
    session: Session, customer_id: int, days: list[dt.date], series: str = "X", floors: int = 1
) -> None:
    for day in days:
        session.add(
            UsageOrder(
                order_no=f"P{next(_numbers):08d}",
                customer_id=customer_id,
                upload_date=day,
                series=series,
                floors=floors,
            )
        )
    session.flush()


def bill(
    session: Session,
    customer_id: int,
    period: str,
    total: str,
    *,
    status: str = "issued",
    paid: str | None = None,
    terms: int = 30,
) -> Invoice:
    """An issued bill dated on the first day after its period, due `terms` days later, `paid` allocated."""
    issue = Period.parse(period).next_start
    invoice = Invoice(
        customer_id=customer_id,
        period=period,
        kind="usage",
        status=status,
        total=Decimal(total),
        payment_terms_days=terms,
        issue_date=issue if status != "draft" else None,
        due_date=issue + dt.timedelta(days=terms) if status != "draft" else None,
        number=f"INV-T-{next(_numbers):06d}" if status != "draft" else None,
    )
    session.add(invoice)
    session.flush()
    if paid is not None:
        receipt = Receipt(
            customer_id=customer_id, receipt_date=issue + dt.timedelta(days=5), amount=Decimal(paid)
        )
        session.add(receipt)
        session.flush()
        session.add(
            Allocation(
                receipt_id=receipt.id,
                invoice_id=invoice.id,
                amount=Decimal(paid),
                allocated_on=issue + dt.timedelta(days=5),
            )
        )
        session.flush()
    return invoice


def months(first: str, count: int) -> list[str]:
    p, out = Period.parse(first), []
    for _ in range(count):
        out.append(str(p))
        p = p.next
    return out


def random_book(session: Session, make, rng, sales, months: list[str], customers: int = 40) -> list[int]:
    """Random customers for the oracle tests: monthly summaries in up to two series (0 shoots too), orders,
    bills part paid, cooperation statuses, every third customer in `sales`'s book, a few disabled."""
    ids = []
    for i in range(customers):
        customer = make.customer(
            f"随机客户{i}",
            sales=sales if i % 3 == 0 else None,
            disabled=True if i % 11 == 5 else None,
            coop_status=rng.choice([None, "active", "trial", "pending", "dormant", "terminated", "其他"]),
        )
        ids.append(customer.id)
        for series in rng.sample(["X", "N", "L"], rng.randint(0, 2)):
            picked = rng.sample(months, rng.randint(0, 12))
            monthly(session, customer.id, {m: rng.choice([0, 1, 3, 10, 17, 30]) for m in picked}, series)
        days = []
        for _ in range(rng.randint(0, 5)):
            month = Period.parse(rng.choice(months))
            days.append(month.start + dt.timedelta(days=rng.randint(0, month.end.day - 1)))
        orders(session, customer.id, days)
        for period in rng.sample(months, rng.randint(0, 4)):
            total = rng.choice(["800.00", "5000.00", "30000.00", "70000.00"])
            paid = rng.choice([None, total, "100.00"])
            bill(session, customer.id, period, total, paid=paid)
    return ids
