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
