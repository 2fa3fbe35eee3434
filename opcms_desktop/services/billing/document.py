"""What a printed invoice shows, as plain data for the PDF renderer (ui/invoice_pdf.py): no SQL there.

Only the invoice's own (frozen) content is printed, not its payment state, so a reprint is identical.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from ...models import Setting
from ..security.permissions import Actor, require
from .queries import get_invoice, invoice_id_by_number

SELLER_SETTING = "invoice.seller_name"
DEFAULT_SELLER = "OP_CMS"


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
    seller_name: str
    customer_name: str
    company_id: int
    issue_date: dt.date | None
    due_date: dt.date | None
    payment_terms_days: int
    lines: tuple[InvoiceDocumentLine, ...]
    total: Decimal
    credit_notes: tuple[str, ...]  # "CN-2026-000001 2026-03-02 -120.00 原因"


def invoice_document(session: Session, actor: Actor, number: str | None = None,
                     invoice_id: int | None = None) -> InvoiceDocument:
    """The printable content of one invoice, by number or id."""
    require(actor, "invoices.export")
    if invoice_id is None:
        invoice_id = invoice_id_by_number(session, actor, number or "")
    detail = get_invoice(session, actor, invoice_id)
    setting = session.get(Setting, SELLER_SETTING)
    seller = str(setting.value) if setting is not None and setting.value else DEFAULT_SELLER
    row = detail.invoice
    return InvoiceDocument(
        invoice_id=row.id, number=row.number, status=row.status, period=row.period, kind=row.kind,
        seller_name=seller, customer_name=row.customer_name, company_id=row.company_id,
        issue_date=row.issue_date, due_date=row.due_date, payment_terms_days=detail.payment_terms_days,
        lines=tuple(InvoiceDocumentLine(ln.seq, ln.description, ln.series, ln.quantity, ln.unit_price, ln.formula,
                                        ln.amount) for ln in detail.lines),
        total=row.total,
        credit_notes=tuple(f"{cn.number} {cn.issue_date.isoformat()} {cn.total} {cn.reason}"
                           for cn in detail.credit_notes),
    )
