"""Derived money state (DOMAIN.md section 5): allocated, outstanding, payment status and overdue.

Nothing here is stored: an invoice's payment status and overdue flag follow from its status, total,
due date and the *active* allocations (reversed_at IS NULL) that point at it. The SQL building blocks
are shared by the invoice list, allocation, receipts and the reports, so all of them agree.

SQLite keeps NUMERIC as floating point, so comparisons of computed amounts in SQL go through
ROUND(x, 2) and amounts read back are quantized to the fen.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from sqlalchemy import ColumnElement, Subquery, func, select

from ...models import Allocation
from ..platform.errors import Problem, ValidationError

CENT = Decimal("0.01")
ZERO = Decimal("0.00")

PAYMENT_STATUSES = ("unpaid", "partially_paid", "paid")
PAYMENT_LABELS = {"unpaid": "未付款", "partially_paid": "部分付款", "paid": "已付清"}
STATUS_LABELS = {"draft": "草稿", "issued": "已开具", "cancelled": "已冲正"}
_PERIOD = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def money(value: Any) -> Decimal:
    """A database or user amount as a Decimal exact to the fen (None -> 0.00)."""
    if value is None:
        return ZERO
    return Decimal(str(value)).quantize(CENT, ROUND_HALF_UP)


def parse_amount(value: object, field: str = "amount", *, positive: bool = True) -> Decimal:
    """A user-entered amount ("1,234.50", "¥12", Decimal) with at most 2 decimals; > 0 unless told."""
    text = str(value).strip().replace(",", "").replace("，", "").lstrip("¥￥")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValidationError("Invalid amount", [Problem("is not a number", field=field, value=str(value))]) from None
    if not amount.is_finite():
        raise ValidationError("Invalid amount", [Problem("is not a number", field=field, value=str(value))])
    if amount != amount.quantize(CENT):
        raise ValidationError("Invalid amount", [Problem("has more than 2 decimals", field=field, value=text)])
    if positive and amount <= 0:
        raise ValidationError("Invalid amount", [Problem("must be greater than 0", field=field, value=text)])
    return amount.quantize(CENT)


def check_period(period: str, field: str = "period") -> str:
    if not isinstance(period, str) or not _PERIOD.match(period.strip()):
        raise ValidationError("Invalid period", [Problem("must be YYYY-MM", field=field, value=str(period))])
    return period.strip()


def period_bounds(period: str) -> tuple[dt.date, dt.date]:
    """First day of the period and first day of the next one."""
    year, month = (int(p) for p in check_period(period).split("-"))
    start = dt.date(year, month, 1)
    end = dt.date(year + (month == 12), month % 12 + 1, 1)
    return start, end


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
    if status != "issued":
        return ZERO
    return max(money(total) - money(allocated), ZERO)


def payment_status(status: str, total: Decimal, allocated: Decimal) -> str | None:
    """unpaid / partially_paid / paid for issued invoices; None for drafts and cancelled ones."""
    if status != "issued":
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
    return status == "issued" and outstanding > ZERO and due_date is not None and due_date < as_of


def fmt(amount: Decimal | None) -> str | None:
    """JSON form of an amount: "12.50"."""
    return None if amount is None else format(money(amount), "f")
