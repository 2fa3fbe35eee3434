"""Draft invoices made directly with the ORM (as the bill run would), and short-hands for the stories."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from opcms_desktop.models import Customer, Invoice, InvoiceLine
from opcms_desktop.services.billing import invoices
from opcms_desktop.services.receivables import receipts


def D(text: str) -> Decimal:
    return Decimal(text)


def draft(session, customer: Customer, period: str = "2026-01", lines=(("X系列 单层拍摄", "100.00"),),
          kind: str = "usage", terms: int | None = None, total: str | None = None) -> Invoice:
    """A draft with one line per (description, amount); quantity 1, unit price = amount."""
    amounts = [D(a) for _, a in lines]
    invoice = Invoice(customer_id=customer.id, period=period, kind=kind, status="draft",
                      total=D(total) if total is not None else sum(amounts, D("0.00")),
                      payment_terms_days=terms if terms is not None else customer.payment_terms_days)
    session.add(invoice)
    session.flush()
    for seq, (description, amount) in enumerate(lines, start=1):
        session.add(InvoiceLine(invoice_id=invoice.id, seq=seq, series="X", description=description,
                                quantity=D("1"), unit_price=D(amount), amount=D(amount)))
    session.flush()
    return invoice


def issued(session, actor, customer: Customer, amount: str, issue_date: dt.date, period: str = "2026-01",
           terms: int | None = None) -> invoices.IssuedInvoice:
    invoice = draft(session, customer, period, lines=((f"{period} 拍摄", amount),), terms=terms)
    return invoices.issue_invoices(session, actor, invoice_ids=[invoice.id], issue_date=issue_date).issued[0]


def receipt(session, actor, customer: Customer, amount: str, on: dt.date, reference: str | None = None,
            payer: str | None = None) -> receipts.ReceiptRow:
    return receipts.record_receipt(session, actor, receipts.ReceiptInput(
        customer_id=customer.id, receipt_date=on, amount=amount, method="银行转账", reference=reference, payer=payer))
