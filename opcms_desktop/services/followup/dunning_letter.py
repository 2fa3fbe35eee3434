"""The data of a reminder letter (催款函): the customer's open bills and a statement of account (对账单).

The statement lists, over the last STATEMENT_MONTHS months up to the letter date, every issued bill
(debit), credit note (冲正, credit) and receipt (credit), with a running balance that starts from the
opening balance of everything before the window. The PDF is drawn by the UI layer (Qt); nothing here
imports Qt.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import CreditNote, Customer, Invoice, Receipt
from ..billing.queries import invoice_id_by_number
from ..platform.errors import NotFound
from ..platform.money import ZERO, money
from ..platform.operations import reads
from ..security.permissions import Actor, require
from ..security.scope import visible_customers
from .dunning import OpenBill, _open_bills

STATEMENT_MONTHS = 12


@dataclass(frozen=True)
class StatementLine:
    date: dt.date
    kind: str  # bill / credit_note / receipt
    reference: str
    debit: Decimal
    credit: Decimal
    balance: Decimal


@dataclass(frozen=True)
class DunningLetter:
    number: str  # the bill the letter was asked for
    letter_date: dt.date
    company_id: int
    customer_name: str
    open_bills: tuple[OpenBill, ...]
    total_open: Decimal
    statement_from: dt.date
    opening_balance: Decimal
    statement: tuple[StatementLine, ...]
    closing_balance: Decimal


def _months_before(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)


@reads
def letter_data(session: Session, actor: Actor, number: str, letter_date: dt.date) -> DunningLetter:
    """The letter for the customer of bill `number`, as of `letter_date`; NotFound for a bill not visible."""
    require(actor, "invoices.view")
    invoice_id = invoice_id_by_number(session, actor, number)
    found = session.execute(
        select(Invoice.number, Invoice.customer_id, Customer.company_id, Customer.name)
        .join(Customer, Customer.id == Invoice.customer_id)
        .where(Invoice.id == invoice_id, visible_customers(actor, Invoice.customer_id))
    ).first()
    if found is None or found[0] is None:
        raise NotFound("billing.number_not_found", number=number)
    bill_number: str = found[0]
    customer_id, company_id, name = found[1], found[2], found[3]
    bills = tuple(_open_bills(session, actor, letter_date, Invoice.customer_id == customer_id))
    start = _months_before(letter_date, STATEMENT_MONTHS - 1)
    movements = _movements(session, customer_id, letter_date)
    opening = sum((debit - credit for day, _, _, debit, credit in movements if day < start), ZERO)
    lines: list[StatementLine] = []
    running = opening
    for day, kind, reference, debit, credit in movements:
        if day < start:
            continue
        running += debit - credit
        lines.append(StatementLine(day, kind, reference, debit, credit, running))
    return DunningLetter(
        bill_number,
        letter_date,
        company_id,
        name,
        bills,
        sum((b.balance for b in bills), ZERO),
        start,
        opening,
        tuple(lines),
        running,
    )


def _movements(
    session: Session, customer_id: int, until: dt.date
) -> list[tuple[dt.date, str, str, Decimal, Decimal]]:
    rows: list[tuple[dt.date, str, str, Decimal, Decimal]] = []
    for number, period, issued, total in session.execute(
        select(Invoice.number, Invoice.period, Invoice.issue_date, Invoice.total).where(
            Invoice.customer_id == customer_id,
            Invoice.status.in_(("issued", "cancelled")),
            Invoice.issue_date <= until,
        )
    ):
        if issued is not None:
            rows.append((issued, "bill", f"{number} ({period})", money(total), ZERO))
    for number, issued, total in session.execute(
        select(CreditNote.number, CreditNote.issue_date, CreditNote.total).where(
            CreditNote.customer_id == customer_id, CreditNote.issue_date <= until
        )
    ):
        rows.append((issued, "credit_note", number, ZERO, -money(total)))
    for receipt_id, day, amount, reference in session.execute(
        select(Receipt.id, Receipt.receipt_date, Receipt.amount, Receipt.reference).where(
            Receipt.customer_id == customer_id, Receipt.receipt_date <= until
        )
    ):
        rows.append((day, "receipt", reference or f"#{receipt_id}", ZERO, money(amount)))
    order = {"bill": 0, "credit_note": 1, "receipt": 2}
    rows.sort(key=lambda r: (r[0], order[r[1]], r[2]))
    return rows
