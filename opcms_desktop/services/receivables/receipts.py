"""Receipts (收款): recording money received, and the receipt list and detail.

A receipt belongs to one customer. What is not allocated to invoices is the customer's credit balance
(see `allocation.customer_balance`). Receipts are never deleted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from ...models import Allocation, Customer, Receipt, User
from ..audit import trail as audit
from ..billing.balances import allocated_by_receipt, rounded
from ..billing.queries import AllocationRow, allocation_rows
from ..platform.cells import clean_text
from ..platform.errors import NotFound, Problem, ProblemList, ValidationError
from ..platform.money import ZERO, money, parse_amount
from ..platform.operations import reads, writes
from ..security.permissions import Actor, require
from ..security.scope import visible_customers

TEXT_LIMITS = {"method": 40, "reference": 200, "payer": 200}
EARLIEST_DATE = dt.date(2000, 1, 1)  # a receipt dated before it is a typing or a sheet error (0001-01-01)


def date_bounds(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The receipt dates accepted: from EARLIEST_DATE to one year after today."""
    today = today or dt.date.today()
    try:
        latest = today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        latest = today + dt.timedelta(days=365)
    return EARLIEST_DATE, latest


def date_in_bounds(value: dt.date) -> bool:
    earliest, latest = date_bounds()
    return earliest <= value <= latest



@dataclass(frozen=True)
class ReceiptInput:
    customer_id: int
    receipt_date: dt.date
    amount: Decimal | str
    method: str | None = None
    reference: str | None = None
    payer: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class ReceiptRow:
    id: int
    customer_id: int
    company_id: int
    customer_name: str
    receipt_date: dt.date
    amount: Decimal
    allocated: Decimal
    unallocated: Decimal
    method: str | None
    reference: str | None
    payer: str | None
    note: str | None
    created_by: str | None
    version: int


@dataclass(frozen=True)
class ReceiptDetail:
    receipt: ReceiptRow
    allocations: tuple[AllocationRow, ...]  # active and reversed, oldest first


@dataclass(frozen=True)
class ReceiptFilter:
    customer_id: int | None = None
    company_id: int | None = None
    customer_name: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None  # inclusive
    unallocated_only: bool = False


@dataclass(frozen=True)
class ReceiptPage:
    rows: tuple[ReceiptRow, ...]
    total_count: int
    sum_amount: Decimal
    sum_unallocated: Decimal
    offset: int


def _clean(value: str | None, *, multiline: bool = False) -> str | None:
    """Trimmed text without control characters (NUL breaks PostgreSQL); None when nothing is left."""
    if value is None:
        return None
    return clean_text(value, multiline=multiline)[0] or None


def validate_receipt(data: ReceiptInput, row: int | None = None) -> tuple[Decimal, dict[str, str | None]]:
    """The amount and cleaned text fields of `data`, or ValidationError with every problem."""
    problems = ProblemList()
    amount = ZERO
    try:
        amount = parse_amount(data.amount)
    except ValidationError as exc:
        problems.items.extend(Problem(p.code, p.field, row, p.value, p.params) for p in exc.problems)
    if not isinstance(data.receipt_date, dt.date):
        problems.add("receivables.receipt.date_required", field="receipt_date", row=row, value=data.receipt_date)
    elif not date_in_bounds(data.receipt_date):
        earliest, latest = date_bounds()
        problems.add("receivables.receipt.date_out_of_range", field="receipt_date", row=row,
                     value=data.receipt_date.isoformat(), earliest=earliest.isoformat(), latest=latest.isoformat())
    texts = {"method": _clean(data.method), "reference": _clean(data.reference), "payer": _clean(data.payer),
             "note": _clean(data.note, multiline=True)}
    for key, limit in TEXT_LIMITS.items():
        value = texts[key]
        if value is not None and len(value) > limit:
            problems.add("receivables.receipt.text_too_long", field=key, row=row, value=value[:20] + "…", limit=limit)
    problems.raise_if_any("receivables.receipt.invalid")
    return amount, texts


@writes("receipts", "audit")
def add_receipt(session: Session, actor: Actor, data: ReceiptInput, *, amount: Decimal,
                texts: dict[str, str | None], action: str = "create") -> Receipt:
    """Insert a validated receipt and its audit row (shared by `record_receipt` and the import)."""
    require(actor, "receipts.record")
    if not session.scalar(select(Customer.id).where(Customer.id == data.customer_id, visible_customers(actor))):
        raise NotFound("receivables.customer_not_found", customer_id=data.customer_id)
    receipt = Receipt(customer_id=data.customer_id, receipt_date=data.receipt_date, amount=amount,
                      created_by=actor.id, **texts)
    session.add(receipt)
    session.flush()
    audit.record(session, actor, action, "receipt", receipt.id, {
        "customer_id": [None, receipt.customer_id], "receipt_date": [None, receipt.receipt_date],
        "amount": [None, amount], **{k: [None, v] for k, v in texts.items() if v is not None}})
    return receipt


@writes("receipts", "audit")
def record_receipt(session: Session, actor: Actor, data: ReceiptInput) -> ReceiptRow:
    """Record money received from a customer the actor can see."""
    require(actor, "receipts.record")
    amount, texts = validate_receipt(data)
    if not session.scalar(select(Customer.id).where(Customer.id == data.customer_id, visible_customers(actor))):
        raise NotFound("receivables.customer_not_found", customer_id=data.customer_id)
    receipt = add_receipt(session, actor, data, amount=amount, texts=texts)
    return receipt_row(session, actor, receipt.id)


def _query(actor: Actor, *conditions: ColumnElement[bool]) -> tuple[Any, ColumnElement[Any]]:
    alloc = allocated_by_receipt()
    allocated = func.coalesce(alloc.c.allocated, 0)
    return (
        select(Receipt, Customer.company_id, Customer.name, User.username, allocated.label("allocated"))
        .join(Customer, Customer.id == Receipt.customer_id)
        .outerjoin(alloc, alloc.c.receipt_id == Receipt.id)
        .outerjoin(User, User.id == Receipt.created_by)
        .where(visible_customers(actor, Receipt.customer_id), *conditions)
    ), allocated


def _row(receipt: Receipt, company_id: int, name: str, username: str | None, allocated: Any) -> ReceiptRow:
    amount, used = money(receipt.amount), money(allocated)
    return ReceiptRow(id=receipt.id, customer_id=receipt.customer_id, company_id=company_id, customer_name=name,
                      receipt_date=receipt.receipt_date, amount=amount, allocated=used, unallocated=amount - used,
                      method=receipt.method, reference=receipt.reference, payer=receipt.payer, note=receipt.note,
                      created_by=username, version=receipt.version)


@reads
def receipt_row(session: Session, actor: Actor, receipt_id: int) -> ReceiptRow:
    require(actor, "receipts.view")
    stmt, _ = _query(actor, Receipt.id == receipt_id)
    found = session.execute(stmt).first()
    if found is None:
        raise NotFound("receivables.receipt_not_found", receipt_id=receipt_id)
    return _row(*found)


@reads
def get_receipt(session: Session, actor: Actor, receipt_id: int) -> ReceiptDetail:
    row = receipt_row(session, actor, receipt_id)
    return ReceiptDetail(receipt=row, allocations=tuple(allocation_rows(session, Allocation.receipt_id == receipt_id)))


@reads
def list_receipts(session: Session, actor: Actor, filters: ReceiptFilter | None = None, *, offset: int = 0,
                  limit: int | None = 200) -> ReceiptPage:
    """Receipts newest first, filtered and paged in SQL."""
    require(actor, "receipts.view")
    f = filters or ReceiptFilter()
    conditions: list[ColumnElement[bool]] = []
    if f.customer_id is not None:
        conditions.append(Receipt.customer_id == f.customer_id)
    if f.company_id is not None:
        conditions.append(Customer.company_id == f.company_id)
    if f.customer_name and f.customer_name.strip():
        conditions.append(Customer.name.icontains(f.customer_name.strip(), autoescape=True))
    if f.date_from is not None:
        conditions.append(Receipt.receipt_date >= f.date_from)
    if f.date_to is not None:
        conditions.append(Receipt.receipt_date <= f.date_to)
    stmt, allocated = _query(actor, *conditions)
    if f.unallocated_only:
        stmt = stmt.where(rounded(Receipt.amount - allocated) > 0)
    inner = stmt.subquery()
    count, sum_amount, sum_allocated = session.execute(
        select(func.count(), func.sum(inner.c.amount), func.sum(inner.c.allocated))).one()
    stmt = stmt.order_by(Receipt.receipt_date.desc(), Receipt.id.desc()).offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    rows = tuple(_row(*r) for r in session.execute(stmt))
    return ReceiptPage(rows=rows, total_count=int(count or 0), sum_amount=money(sum_amount),
                       sum_unallocated=money(sum_amount) - money(sum_allocated), offset=offset)
