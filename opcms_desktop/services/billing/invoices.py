"""Invoices after the bill run: issue (draft -> issued), credit note (冲正, issued -> cancelled), draft edits.

States, transitions and which action each state allows are declared once in `states` (Tryton's
`_transitions`); every workflow step here is guarded by `states.check`. Only drafts are editable; an
issued invoice is frozen and is corrected by crediting it and billing again. The tax invoice (发票)
issued outside the app is recorded on issued bills (`record_tax_invoice`) and cleared with a reason.

Decisions:
- A number (INV-YYYY-NNNNNN, year of the issue date) is given only on issue, from `invoice_numbers`.
- Issuing a period skips drafts whose total is 0.00 (they stay drafts and are reported as skipped):
  a zero invoice would use up a number and tell the customer nothing. Naming such a draft explicitly
  by id issues it.
- Issuing checks that the total equals the sum of the lines; a mismatch refuses the whole batch.
- Due date = issue date + the invoice's payment_terms_days (copied from the customer by the bill run).
- An invoice with active allocations cannot be credited: un-allocate first (the money then stays with
  the customer as credit balance and can be allocated to the corrected invoice).
- The credit note mirrors every line with negated quantity and amount; its number is CN-YYYY-NNNNNN
  (year of the credit date); the original invoice stays, with status `cancelled`.

The read side (list, detail, credit notes, allocations) lives in `invoice_queries` and is re-exported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...models import (
    Allocation,
    BillingPeriodLock,
    CreditNote,
    CreditNoteLine,
    Customer,
    Invoice,
    InvoiceLine,
)
from ..audit import trail as audit
from ..platform.errors import Cancelled, NotFound, Problem, UserError, ValidationError
from ..platform.messages import Message
from ..platform.money import ZERO, money, parse_amount
from ..platform.operations import writes
from ..platform.periods import check_period
from ..platform.progress import Progress
from ..security.permissions import Actor, require
from ..security.scope import visible_customers
from . import states
from .numbers import CREDIT_NOTE_PREFIX, INVOICE_PREFIX, next_number, next_numbers
from .queries import (  # noqa: F401 - the read side, re-exported for callers of `invoices`
    AllocationRow,
    CreditNoteLineRow,
    CreditNoteRow,
    InvoiceDetail,
    InvoiceFilter,
    InvoiceLineRow,
    InvoicePage,
    InvoiceRow,
    credit_note_rows,
    get_invoice,
    get_invoice_by_number,
    invoice_id_by_number,
    invoice_row,
    list_invoices,
)

_AUDITED = ("status", "number", "issue_date", "due_date", "issued_by", "total")
_TAX_AUDITED = ("tax_invoice_number", "tax_invoice_date")
TAX_NUMBER_MAX = 40


@dataclass(frozen=True)
class IssuedInvoice:
    invoice_id: int
    number: str
    customer_id: int
    company_id: int
    customer_name: str
    amount: Decimal
    issue_date: dt.date
    due_date: dt.date


@dataclass(frozen=True)
class SkippedInvoice:
    invoice_id: int
    company_id: int
    customer_name: str
    reason: Message


@dataclass(frozen=True)
class IssueResult:
    issued: tuple[IssuedInvoice, ...]
    skipped: tuple[SkippedInvoice, ...]


def label(invoice: Invoice) -> str | Message:
    """The bill's number, or 草稿 #id (a message) while it has none."""
    return invoice.number or states.draft_label(invoice.id)


def check_transition(invoice: Invoice, action: str) -> str:
    """The state `action` moves the invoice to; UserError when the state table does not allow it."""
    return states.check(action, invoice.status, label(invoice), invoice.tax_invoice_number is not None)


def ensure_editable(invoice: Invoice) -> None:
    """Refuse any change of an issued or cancelled invoice (its content is frozen)."""
    states.check("edit", invoice.status, label(invoice))


def _snapshot(invoice: Invoice) -> dict[str, Any]:
    return {key: getattr(invoice, key) for key in _AUDITED}


def _line_sums(session: Session, ids: list[int]) -> dict[int, Decimal]:
    sums: dict[int, Decimal] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        sums.update((i, money(s)) for i, s in session.execute(
            select(InvoiceLine.invoice_id, func.sum(InvoiceLine.amount))
            .where(InvoiceLine.invoice_id.in_(chunk)).group_by(InvoiceLine.invoice_id)))
    return sums


def _lock_candidates(session: Session, actor: Actor, period: str | None,
                     ids: list[int] | None) -> list[tuple[Invoice, int, str]]:
    if period is not None:
        # Wait for a bill run of the period (it holds this row) so its new drafts are seen whole.
        session.execute(select(BillingPeriodLock.period).where(BillingPeriodLock.period == period).with_for_update())
    stmt = (select(Invoice, Customer.company_id, Customer.name)
            .join(Customer, Customer.id == Invoice.customer_id)
            .where(visible_customers(actor, Invoice.customer_id)))
    if period is not None:
        stmt = stmt.where(Invoice.period == period)
    stmt = stmt.where(Invoice.id.in_(ids)) if ids is not None else stmt.where(Invoice.status == states.DRAFT)
    stmt = (stmt.order_by(Customer.company_id, Invoice.kind, Invoice.id)
            .with_for_update(of=Invoice).execution_options(populate_existing=True))
    return [(inv, company_id, name) for inv, company_id, name in session.execute(stmt)]


@writes("bills", "audit")
def issue_invoices(
    session: Session, actor: Actor, period: str | None = None, invoice_ids: Iterable[int] | None = None,
    issue_date: dt.date | None = None, *, progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> IssueResult:
    """Issue the drafts of `period`, or the drafts `invoice_ids` (optionally within `period`)."""
    require(actor, "invoices.issue")
    if period is None and invoice_ids is None:
        raise UserError("billing.issue.needs_target")
    period = check_period(period) if period is not None else None
    issue_date = issue_date or dt.date.today()
    ids = sorted(set(invoice_ids)) if invoice_ids is not None else None
    found = _lock_candidates(session, actor, period, ids)
    if ids is not None:
        missing = sorted(set(ids) - {inv.id for inv, _, _ in found})
        if missing:
            bills = [f"#{i}" for i in missing]
            if period:
                raise NotFound("billing.issue.not_found_in_period", bills=bills, period=period)
            raise NotFound("billing.issue.not_found", bills=bills)
        for inv, _, _ in found:
            check_transition(inv, "issue")
    sums = _line_sums(session, [inv.id for inv, _, _ in found])
    problems = [
        Problem("billing.issue.total_mismatch_row", field="total", params={
            "customer": name, "company_id": company_id, "bill_id": inv.id, "total": money(inv.total),
            "lines": sums.get(inv.id, ZERO)})
        for inv, company_id, name in found if money(inv.total) != sums.get(inv.id, ZERO)
    ]
    if problems:
        raise ValidationError("billing.issue.total_mismatch", problems)
    skipped = tuple(
        SkippedInvoice(inv.id, company_id, name, Message("billing.issue.skipped_zero"))
        for inv, company_id, name in found if ids is None and money(inv.total) == ZERO
    )
    skipped_ids = {s.invoice_id for s in skipped}
    to_issue = [item for item in found if item[0].id not in skipped_ids]
    if cancel and cancel():
        raise Cancelled("billing.issue.cancelled")
    numbers = next_numbers(session, INVOICE_PREFIX, issue_date.year, len(to_issue))
    issued: list[IssuedInvoice] = []
    for done, ((inv, company_id, name), number) in enumerate(zip(to_issue, numbers, strict=True), start=1):
        if cancel and done % 50 == 0 and cancel():
            raise Cancelled("billing.issue.cancelled")
        before = _snapshot(inv)
        inv.status = check_transition(inv, "issue")
        inv.number = number
        inv.issue_date = issue_date
        inv.due_date = issue_date + dt.timedelta(days=inv.payment_terms_days or 0)
        inv.issued_by = actor.id
        audit.record(session, actor, "issue", "invoice", inv.id, audit.diff(before, _snapshot(inv)), summary=number)
        issued.append(IssuedInvoice(inv.id, number, inv.customer_id, company_id, name, money(inv.total),
                                    issue_date, inv.due_date))
        if progress and (done % 50 == 0 or done == len(to_issue)):
            progress(done, len(to_issue), number)
    session.flush()
    return IssueResult(issued=tuple(issued), skipped=skipped)


def _lock_invoice(session: Session, actor: Actor, invoice_id: int) -> Invoice:
    invoice = session.scalar(
        select(Invoice).where(Invoice.id == invoice_id, visible_customers(actor, Invoice.customer_id))
        .with_for_update().execution_options(populate_existing=True)
    )
    if invoice is None:
        raise NotFound("billing.not_found", bill_id=invoice_id)
    return invoice


@writes("bills", "audit")
def credit_invoice(session: Session, actor: Actor, invoice_id: int, reason: str,
                   issue_date: dt.date | None = None) -> CreditNoteRow:
    """Cancel an issued invoice by a credit note (冲正) with negative lines mirroring it."""
    require(actor, "invoices.credit_note")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("billing.credit.reason_required", [Problem("billing.credit.reason_empty",
                                                                        field="reason")])
    invoice = _lock_invoice(session, actor, invoice_id)
    target = check_transition(invoice, "credit")
    active = session.scalars(select(Allocation.id).where(
        Allocation.invoice_id == invoice.id, Allocation.reversed_at.is_(None)).order_by(Allocation.id)).all()
    if active:
        raise UserError("billing.credit.allocated", bill=label(invoice), allocations=[f"#{a}" for a in active])
    issue_date = issue_date or dt.date.today()
    if invoice.issue_date is not None and issue_date < invoice.issue_date:
        raise ValidationError("billing.credit.invalid_date", [Problem(
            "billing.credit.date_before_issue", field="issue_date", value=issue_date.isoformat(),
            params={"issue_date": invoice.issue_date.isoformat()})])
    note = CreditNote(number=next_number(session, CREDIT_NOTE_PREFIX, issue_date.year), invoice_id=invoice.id,
                      customer_id=invoice.customer_id, issue_date=issue_date, reason=reason,
                      total=ZERO - money(invoice.total), created_by=actor.id)
    session.add(note)
    session.flush()
    for line in session.scalars(select(InvoiceLine).where(InvoiceLine.invoice_id == invoice.id)
                                .order_by(InvoiceLine.seq)):
        session.add(CreditNoteLine(credit_note_id=note.id, seq=line.seq, series=line.series,
                                   description=line.description, quantity=-line.quantity,
                                   unit_price=line.unit_price, amount=ZERO - money(line.amount)))
    before = _snapshot(invoice)
    invoice.status = target
    audit.record(session, actor, "create", "credit_note", note.id,
                 {"number": [None, note.number], "invoice": [None, invoice.number], "reason": [None, reason],
                  "total": [None, note.total], "issue_date": [None, issue_date]}, summary=note.number)
    audit.record(session, actor, "cancel", "invoice", invoice.id, audit.diff(before, _snapshot(invoice)),
                 summary=f"{invoice.number} credited by {note.number}: {reason}")
    return credit_note_rows(session, CreditNote.id == note.id)[0]


@writes("bills", "audit")
def update_draft_line(
    session: Session, actor: Actor, line_id: int, *, description: str | None = None,
    quantity: Decimal | None = None, unit_price: Decimal | None = None, amount: Decimal | str | None = None,
) -> InvoiceLineRow:
    """Change a line of a draft (the invoice total follows); issued and cancelled invoices are refused."""
    require(actor, "invoices.edit")
    line = session.get(InvoiceLine, line_id)
    invoice = None if line is None else _lock_invoice(session, actor, line.invoice_id)
    if line is None or invoice is None:
        raise NotFound("billing.line.not_found", line_id=line_id)
    ensure_editable(invoice)
    before = {"description": line.description, "quantity": line.quantity, "unit_price": line.unit_price,
              "amount": line.amount}
    if description is not None:
        if not description.strip():
            raise ValidationError("billing.line.invalid", [Problem("billing.line.description_empty",
                                                                   field="description")])
        line.description = description.strip()
    if quantity is not None:
        line.quantity = quantity
    if unit_price is not None:
        line.unit_price = unit_price
    if amount is not None:
        line.amount = parse_amount(amount, positive=False)
        if line.amount < 0:
            raise ValidationError("billing.line.invalid", [Problem("billing.line.amount_negative", field="amount",
                                                                   value=str(amount))])
    session.flush()
    old_total = invoice.total
    invoice.total = money(session.scalar(select(func.sum(InvoiceLine.amount))
                                         .where(InvoiceLine.invoice_id == invoice.id)))
    after = {"description": line.description, "quantity": line.quantity, "unit_price": line.unit_price,
             "amount": line.amount}
    changes = audit.diff(before, after) | audit.diff({"total": old_total}, {"total": invoice.total})
    audit.record(session, actor, "update", "invoice_line", line.id, changes, summary=f"draft #{invoice.id}")
    return InvoiceLineRow(id=line.id, seq=line.seq, series=line.series, description=line.description,
                          quantity=line.quantity, unit_price=line.unit_price, formula=line.formula,
                          amount=money(line.amount))


# --- the tax invoice (发票) recorded next to a bill -----------------------------------------------------

def _lock_bills(session: Session, actor: Actor, invoice_ids: Iterable[int]) -> list[Invoice]:
    ids = sorted(set(invoice_ids))
    if not ids:
        raise UserError("billing.tax_invoice.no_bills")
    found: list[Invoice] = []
    for start in range(0, len(ids), 500):
        found.extend(session.scalars(
            select(Invoice).where(Invoice.id.in_(ids[start:start + 500]), visible_customers(actor, Invoice.customer_id))
            .order_by(Invoice.id).with_for_update().execution_options(populate_existing=True)))
    missing = sorted(set(ids) - {inv.id for inv in found})
    if missing:
        raise NotFound("billing.issue.not_found", bills=[f"#{i}" for i in missing])
    return found


def _tax_snapshot(invoice: Invoice) -> dict[str, Any]:
    return {key: getattr(invoice, key) for key in _TAX_AUDITED}


def parse_tax_invoice_number(number: object) -> str:
    """The 发票号码 as typed, trimmed: required, at most 40 characters (formats differ: 8 or 20 digits...)."""
    text = str(number or "").strip()
    if not text:
        raise ValidationError("billing.tax_invoice.invalid", [Problem("billing.tax_invoice.number_required",
                                                                      field="tax_invoice_number")])
    if len(text) > TAX_NUMBER_MAX:
        raise ValidationError("billing.tax_invoice.invalid", [Problem(
            "billing.tax_invoice.number_too_long", field="tax_invoice_number", value=text,
            params={"limit": TAX_NUMBER_MAX})])
    return text


@writes("bills", "audit")
def record_tax_invoice(session: Session, actor: Actor, invoice_ids: Iterable[int], number: str,
                       date: dt.date) -> tuple[InvoiceRow, ...]:
    """Record the 发票 (tax invoice) issued for one or many issued bills: its number and date, audited.

    One 发票 may cover several bills of a customer (or several customers' bills are entered at once with
    the same number when finance says so): the number is not required to be unique. A bill that already
    has one is refused (clear it first); drafts and cancelled bills are refused.
    """
    require(actor, "invoices.edit")
    number = parse_tax_invoice_number(number)
    if not isinstance(date, dt.date):
        raise ValidationError("billing.tax_invoice.invalid", [Problem("billing.tax_invoice.date_required",
                                                                      field="tax_invoice_date")])
    bills = _lock_bills(session, actor, invoice_ids)
    for invoice in bills:
        check_transition(invoice, "record_tax_invoice")
    too_early = [inv for inv in bills if inv.issue_date is not None and date < inv.issue_date]
    if too_early:
        raise ValidationError("billing.tax_invoice.invalid", [Problem(
            "billing.tax_invoice.date_before_issue", field="tax_invoice_date", value=date.isoformat(),
            params={"bill": label(inv), "issue_date": inv.issue_date.isoformat() if inv.issue_date else ""})
            for inv in too_early])
    for invoice in bills:
        before = _tax_snapshot(invoice)
        invoice.tax_invoice_number = number
        invoice.tax_invoice_date = date
        audit.record(session, actor, "tax_invoice", "invoice", invoice.id, audit.diff(before, _tax_snapshot(invoice)),
                     summary=f"{invoice.number}: 发票 {number} {date.isoformat()}")
    session.flush()
    return tuple(invoice_row(session, actor, inv.id) for inv in bills)


@writes("bills", "audit")
def clear_tax_invoice(session: Session, actor: Actor, invoice_ids: Iterable[int], reason: str
                      ) -> tuple[InvoiceRow, ...]:
    """Remove a 发票 entered by mistake from one or many bills; the reason goes to the audit trail."""
    require(actor, "invoices.edit")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("billing.tax_invoice.reason_required", [Problem("billing.tax_invoice.reason_empty",
                                                                              field="reason")])
    bills = _lock_bills(session, actor, invoice_ids)
    for invoice in bills:
        check_transition(invoice, "clear_tax_invoice")
    for invoice in bills:
        before = _tax_snapshot(invoice)
        invoice.tax_invoice_number = None
        invoice.tax_invoice_date = None
        audit.record(session, actor, "tax_invoice_cleared", "invoice", invoice.id,
                     audit.diff(before, _tax_snapshot(invoice)) | {"reason": [None, reason]},
                     summary=f"{invoice.number}: 发票 {before['tax_invoice_number']} cleared: {reason}")
    session.flush()
    return tuple(invoice_row(session, actor, inv.id) for inv in bills)
