"""Allocation (核销): applying receipts to invoices, un-allocating, suggestions and the customer balance.

Rules (DOMAIN.md section 5): partial amounts; one receipt to many invoices and many receipts to one
invoice; never more than the receipt's unallocated amount nor the invoice's outstanding amount; the
invoice must be issued (not draft, not cancelled) and belong to the receipt's customer. Un-allocating
sets reversed_at/by/reason and is audited; allocations are never deleted.

Concurrency: `allocate` locks the receipt row, then the invoice row (always in that order, so two
allocations cannot deadlock) with SELECT ... FOR UPDATE before it sums the active allocations. On
PostgreSQL a second allocation of the same receipt or invoice waits for the first to commit and then
sees its amount; SQLite serialises writers (BEGIN IMMEDIATE).

`allocated_on` is the date the money counts as applied (used by AR aging "as of"); it defaults to the
later of the receipt date and the invoice's issue date, and may not be earlier than either.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...models import Allocation, Customer, Invoice, Receipt
from ..audit import trail as audit
from ..billing.balances import active_allocations
from ..billing.queries import AllocationRow, InvoiceFilter, allocation_rows, list_invoices
from ..billing.states import CANCELLED, DRAFT, can_allocate
from ..platform.errors import NotFound, Problem, UserError, ValidationError
from ..platform.money import ZERO, money, parse_amount
from ..platform.operations import reads, writes
from ..security.permissions import Actor, require
from ..security.scope import visible_customers
from .receipts import receipt_row


@dataclass(frozen=True)
class AllocationSuggestion:
    invoice_id: int
    number: str
    issue_date: dt.date | None
    due_date: dt.date | None
    outstanding: Decimal
    amount: Decimal  # suggested amount to allocate from the receipt
    reason: str  # "exact" (amount matches the outstanding exactly) or "oldest" (oldest due first)


@dataclass(frozen=True)
class CustomerBalance:
    customer_id: int
    company_id: int
    customer_name: str
    receipts_total: Decimal
    allocated: Decimal
    credit_balance: Decimal  # received but not allocated: usable against later invoices
    invoiced: Decimal  # issued invoices (cancelled ones excluded)
    outstanding: Decimal  # still owed on issued invoices
    open_invoices: int
    overdue: Decimal  # outstanding past its due date, as of `as_of`
    as_of: dt.date


def _allocated_to_receipt(session: Session, receipt_id: int) -> Decimal:
    return money(session.scalar(select(func.sum(Allocation.amount))
                                .where(Allocation.receipt_id == receipt_id, *active_allocations())))


def _allocated_to_invoice(session: Session, invoice_id: int) -> Decimal:
    return money(session.scalar(select(func.sum(Allocation.amount))
                                .where(Allocation.invoice_id == invoice_id, *active_allocations())))


def _locked_receipt(session: Session, actor: Actor, receipt_id: int) -> Receipt:
    receipt = session.scalar(
        select(Receipt).where(Receipt.id == receipt_id, visible_customers(actor, Receipt.customer_id))
        .with_for_update().execution_options(populate_existing=True))
    if receipt is None:
        raise NotFound("receivables.receipt_not_found", receipt_id=receipt_id)
    return receipt


def _locked_invoice(session: Session, actor: Actor, invoice_id: int) -> Invoice:
    invoice = session.scalar(
        select(Invoice).where(Invoice.id == invoice_id, visible_customers(actor, Invoice.customer_id))
        .with_for_update().execution_options(populate_existing=True))
    if invoice is None:
        raise NotFound("receivables.bill_not_found", bill_id=invoice_id)
    return invoice


def _check_allocatable(status: str, bill: str) -> None:
    """Billing's state table decides (issued bills only); the refusal says why in finance words."""
    if can_allocate(status):
        return
    if status == DRAFT:
        raise UserError("receivables.allocate.draft_bill", bill=bill)
    if status == CANCELLED:
        raise UserError("receivables.allocate.cancelled_bill", bill=bill)
    raise UserError("receivables.allocate.bill_not_issued", bill=bill)


@writes("allocations", "receipts", "bills", "audit")
def allocate(session: Session, actor: Actor, receipt_id: int, invoice_id: int, amount: Decimal | str,
             allocated_on: dt.date | None = None) -> AllocationRow:
    """Apply `amount` of a receipt to an invoice of the same customer."""
    require(actor, "receipts.allocate")
    value = parse_amount(amount)
    receipt = _locked_receipt(session, actor, receipt_id)
    invoice = _locked_invoice(session, actor, invoice_id)
    bill = invoice.number or f"#{invoice.id}"
    _check_allocatable(invoice.status, bill)
    if invoice.customer_id != receipt.customer_id:
        raise UserError("receivables.allocate.different_customers", receipt_id=receipt.id, bill=bill)
    unallocated = money(receipt.amount) - _allocated_to_receipt(session, receipt.id)
    if value > unallocated:
        raise UserError("receivables.allocate.over_receipt", amount=value, receipt_id=receipt.id, left=unallocated)
    outstanding = money(invoice.total) - _allocated_to_invoice(session, invoice.id)
    if value > outstanding:
        raise UserError("receivables.allocate.over_bill", amount=value, bill=bill, outstanding=outstanding)
    earliest = max(receipt.receipt_date, invoice.issue_date or receipt.receipt_date)
    on = allocated_on or earliest
    if on < earliest:
        raise ValidationError("receivables.allocate.invalid_date", [Problem(
            "receivables.allocate.date_too_early", field="allocated_on", value=on.isoformat(),
            params={"earliest": earliest.isoformat()})])
    row = Allocation(receipt_id=receipt.id, invoice_id=invoice.id, amount=value, allocated_on=on,
                     created_by=actor.id)
    session.add(row)
    session.flush()
    audit.record(session, actor, "allocate", "allocation", row.id, {
        "receipt_id": [None, receipt.id], "invoice": [None, invoice.number], "amount": [None, value],
        "allocated_on": [None, on]}, summary=f"receipt #{receipt.id} -> {invoice.number}: {value}")
    return allocation_rows(session, Allocation.id == row.id)[0]


@writes("allocations", "receipts", "bills", "audit")
def unallocate(session: Session, actor: Actor, allocation_id: int, reason: str) -> AllocationRow:
    """Reverse an allocation (取消核销): the money returns to the receipt's unallocated amount."""
    require(actor, "receipts.unallocate")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("receivables.unallocate.reason_required",
                              [Problem("receivables.unallocate.reason_empty", field="reason")])
    row = session.scalar(
        select(Allocation).join(Invoice, Invoice.id == Allocation.invoice_id)
        .where(Allocation.id == allocation_id, visible_customers(actor, Invoice.customer_id))
        .with_for_update(of=Allocation).execution_options(populate_existing=True))
    if row is None:
        raise NotFound("receivables.allocation_not_found", allocation_id=allocation_id)
    if row.reversed_at is not None:
        raise UserError("receivables.unallocate.already_reversed", allocation_id=row.id)
    row.reversed_at = dt.datetime.now(dt.UTC)
    row.reversed_by = actor.id
    row.reversal_reason = reason
    session.flush()
    audit.record(session, actor, "unallocate", "allocation", row.id, {
        "reversed_at": [None, row.reversed_at], "reversed_by": [None, actor.id], "reversal_reason": [None, reason]},
        summary=f"receipt #{row.receipt_id}, invoice #{row.invoice_id}: {money(row.amount)}")
    return allocation_rows(session, Allocation.id == row.id)[0]


@reads
def suggest_allocations(session: Session, actor: Actor, receipt_id: int) -> tuple[AllocationSuggestion, ...]:
    """How to use a receipt's unallocated money: an invoice owing exactly that amount if there is one,
    else the customer's open invoices oldest first (due date, then issue date) until it is used up."""
    require(actor, "receipts.allocate")
    receipt = receipt_row(session, actor, receipt_id)
    remaining = receipt.unallocated
    if remaining <= ZERO:
        return ()
    page = list_invoices(session, actor, InvoiceFilter(customer_id=receipt.customer_id, open_only=True), limit=None)
    open_rows = sorted(page.rows, key=lambda r: (r.due_date or dt.date.max, r.issue_date or dt.date.max,
                                                 r.number or "", r.id))
    for r in open_rows:
        if r.outstanding == remaining:
            return (AllocationSuggestion(r.id, r.number or "", r.issue_date, r.due_date, r.outstanding,
                                         remaining, "exact"),)
    suggestions = []
    for r in open_rows:
        if remaining <= ZERO:
            break
        amount = min(remaining, r.outstanding)
        suggestions.append(AllocationSuggestion(r.id, r.number or "", r.issue_date, r.due_date, r.outstanding,
                                                amount, "oldest"))
        remaining -= amount
    return tuple(suggestions)


@reads
def customer_balance(session: Session, actor: Actor, customer_id: int,
                     as_of: dt.date | None = None) -> CustomerBalance:
    """Receipts, allocations, credit balance and what is still owed, for one customer."""
    require(actor, "receipts.view")
    customer = session.scalar(select(Customer).where(Customer.id == customer_id, visible_customers(actor)))
    if customer is None:
        raise NotFound("receivables.customer_not_found", customer_id=customer_id)
    as_of = as_of or dt.date.today()
    receipts_total = money(session.scalar(select(func.sum(Receipt.amount)).where(Receipt.customer_id == customer_id)))
    allocated = money(session.scalar(
        select(func.sum(Allocation.amount)).join(Receipt, Receipt.id == Allocation.receipt_id)
        .where(Receipt.customer_id == customer_id, *active_allocations())))
    page = list_invoices(session, actor, InvoiceFilter(customer_id=customer_id, status="issued"), limit=None,
                         as_of=as_of)
    return CustomerBalance(
        customer_id=customer.id, company_id=customer.company_id, customer_name=customer.name,
        receipts_total=receipts_total, allocated=allocated, credit_balance=receipts_total - allocated,
        invoiced=page.sum_total, outstanding=page.sum_outstanding,
        open_invoices=sum(1 for r in page.rows if r.outstanding > ZERO),
        overdue=sum((r.outstanding for r in page.rows if r.overdue), ZERO), as_of=as_of,
    )


@writes("allocations", "receipts", "bills", "audit")
def allocate_many(session: Session, actor: Actor, receipt_id: int,
                  amounts: tuple[tuple[int, Decimal], ...]) -> tuple[AllocationRow, ...]:
    """Allocate parts of one receipt to several invoices in one transaction: all or nothing."""
    return tuple(allocate(session, actor, receipt_id, invoice_id, amount) for invoice_id, amount in amounts)
