"""What the allocation panel reads and writes, as worker-side functions composed of service calls.

`load_allocation_view` gathers one receipt, its allocations, the customer's open invoices (oldest due
first), the service's suggestions and the customer's balance in one operation (one transaction, so the
figures agree). Several amounts are applied by `services.allocation.allocate_many` (all or nothing).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from ...services.billing.queries import AllocationRow, InvoiceFilter, InvoiceRow, list_invoices
from ...services.platform.operations import reads
from ...services.receivables.allocation import (
    AllocationSuggestion,
    CustomerBalance,
    customer_balance,
    suggest_allocations,
)
from ...services.receivables.receipts import ReceiptRow, get_receipt
from ...services.security.permissions import Actor


@dataclass(frozen=True)
class AllocationView:
    receipt: ReceiptRow
    allocations: tuple[AllocationRow, ...]  # active and reversed, oldest first
    open_invoices: tuple[InvoiceRow, ...]  # issued with something owed, oldest due first
    suggestions: tuple[AllocationSuggestion, ...]  # empty for actors who may not allocate
    balance: CustomerBalance


@reads
def load_allocation_view(session: Session, actor: Actor, receipt_id: int) -> AllocationView:
    detail = get_receipt(session, actor, receipt_id)
    customer_id = detail.receipt.customer_id
    page = list_invoices(session, actor, InvoiceFilter(customer_id=customer_id, open_only=True), limit=None,
                         sort="due_date", descending=False)
    suggestions = suggest_allocations(session, actor, receipt_id) if actor.can("receipts.allocate") else ()
    return AllocationView(receipt=detail.receipt, allocations=detail.allocations, open_invoices=page.rows,
                          suggestions=suggestions, balance=customer_balance(session, actor, customer_id))
