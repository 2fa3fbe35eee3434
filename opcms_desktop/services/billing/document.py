"""What a printed bill (账单) shows, as plain data for the PDF renderer (ui/invoice_pdf.py): no SQL there.

Only the bill's own (frozen) content and the seller's details from the settings are printed, not its
payment or tax-invoice state, so a reprint is identical (unless an admin changed the seller details).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from ..platform.operations import writes
from ..security.access_log import record_access
from ..security.permissions import Actor, require
from ..security.settings import SellerDetails, seller_details
from .queries import get_invoice, invoice_id_by_number


@dataclass(frozen=True)
class InvoiceDocumentLine:
    seq: int
    description: str
    series: str | None
    quantity: Decimal
    unit_price: Decimal | None
    formula: str | None
    amount: Decimal


@dataclass(frozen=True)
class InvoiceDocument:
    invoice_id: int
    number: str | None  # None for a draft (printed as a preview)
    status: str
    period: str
    kind: str
    seller: SellerDetails
    customer_name: str
    company_id: int
    issue_date: dt.date | None
    due_date: dt.date | None
    payment_terms_days: int
    lines: tuple[InvoiceDocumentLine, ...]
    total: Decimal
    credit_notes: tuple[str, ...]  # "CN-2026-000001 2026-03-02 -120.00 原因"


@writes("access_log")
def invoice_document(session: Session, actor: Actor, number: str | None = None,
                     invoice_id: int | None = None) -> InvoiceDocument:
    """The printable content of one bill, by number or id."""
    require(actor, "invoices.export")
    if invoice_id is None:
        invoice_id = invoice_id_by_number(session, actor, number or "")
    detail = get_invoice(session, actor, invoice_id)
    row = detail.invoice
    record_access(session, actor, "print", "invoice", row.number or row.id, 1)  # a print is read on record
    return InvoiceDocument(
        invoice_id=row.id, number=row.number, status=row.status, period=row.period, kind=row.kind,
        seller=seller_details(session, actor), customer_name=row.customer_name, company_id=row.company_id,
        issue_date=row.issue_date, due_date=row.due_date, payment_terms_days=detail.payment_terms_days,
        lines=tuple(InvoiceDocumentLine(ln.seq, ln.description, ln.series, ln.quantity, ln.unit_price, ln.formula,
                                        ln.amount) for ln in detail.lines),
        total=row.total,
        credit_notes=tuple(f"{cn.number} {cn.issue_date.isoformat()} {cn.total} {cn.reason}"
                           for cn in detail.credit_notes),
    )
