"""Derived money state (DOMAIN.md section 5): allocated, outstanding, payment status and overdue.

Nothing here is stored: an invoice's payment status and overdue flag follow from its status, total,
due date and the *active* allocations (reversed_at IS NULL) that point at it. The SQL building blocks
are shared by the invoice list, allocation, receipts and the reports, so all of them agree.

SQLite keeps NUMERIC as floating point, so comparisons of computed amounts in SQL go through
ROUND(x, 2) and amounts read back are quantized to the fen.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Subquery, func, select

from ...models import Allocation
from ..platform.money import ZERO, money
from .states import ISSUED

PAYMENT_STATUSES = ("unpaid", "partially_paid", "paid")
PAYMENT_LABELS = {"unpaid": "billing.payment.unpaid", "partially_paid": "billing.payment.partially_paid",
                  "paid": "billing.payment.paid"}  # message codes of the payment statuses


def active_allocations(as_of: dt.date | None = None) -> list[ColumnElement[bool]]:
    """Conditions for allocations that count: not reversed (and, with as_of, allocated by then)."""
    conditions: list[ColumnElement[bool]] = [Allocation.reversed_at.is_(None)]
    if as_of is not None:
        conditions.append(Allocation.allocated_on <= as_of)
    return conditions


def allocated_by_invoice(as_of: dt.date | None = None) -> Subquery:
    """(invoice_id, allocated): the active allocations per invoice."""
    return (
        select(Allocation.invoice_id.label("invoice_id"), func.sum(Allocation.amount).label("allocated"))
        .where(*active_allocations(as_of))
        .group_by(Allocation.invoice_id)
        .subquery("allocated_by_invoice")
    )


def allocated_by_receipt() -> Subquery:
    """(receipt_id, allocated): the active allocations per receipt."""
    return (
        select(Allocation.receipt_id.label("receipt_id"), func.sum(Allocation.amount).label("allocated"))
        .where(*active_allocations())
        .group_by(Allocation.receipt_id)
        .subquery("allocated_by_receipt")
    )


def rounded(expr: Any) -> ColumnElement[Any]:
    return func.round(expr, 2)


def outstanding_of(status: str, total: Decimal, allocated: Decimal) -> Decimal:
    """What the customer still owes on one invoice; drafts and cancelled invoices owe nothing."""
    if status != ISSUED:
        return ZERO
    return max(money(total) - money(allocated), ZERO)


def payment_status(status: str, total: Decimal, allocated: Decimal) -> str | None:
    """unpaid / partially_paid / paid for issued invoices; None for drafts and cancelled ones."""
    if status != ISSUED:
        return None
    if outstanding_of(status, total, allocated) == ZERO:
        return "paid"
    return "partially_paid" if money(allocated) > ZERO else "unpaid"


def days_overdue(due_date: dt.date | None, as_of: dt.date) -> int:
    if due_date is None:
        return 0
    return max((as_of - due_date).days, 0)


def is_overdue(status: str, due_date: dt.date | None, outstanding: Decimal, as_of: dt.date) -> bool:
    """Issued, something still owed, and the due date has passed (the due date itself is not late)."""
    return status == ISSUED and outstanding > ZERO and due_date is not None and due_date < as_of
