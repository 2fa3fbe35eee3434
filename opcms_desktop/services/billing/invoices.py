"""Invoices after the bill run: issue (draft -> issued), credit note (冲正, issued -> cancelled), draft edits.

States and transitions are data (Tryton's `_transitions`): `TRANSITIONS` says which action moves an
invoice from which state to which; `check_transition` guards every workflow step. Only drafts are
editable; an issued invoice is frozen and is corrected by crediting it and billing again.

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
from ..platform.progress import Progress
from ..security.permissions import Actor, require
from ..security.scope import visible_customers
from .balances import ZERO, check_period, money, parse_amount
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

# action: (from state, to state)
TRANSITIONS: dict[str, tuple[str, str]] = {"issue": ("draft", "issued"), "cancel": ("issued", "cancelled")}
EDITABLE_STATES = frozenset({"draft"})
_VERBS = {"issue": "issue", "cancel": "credit (冲正)"}
_AUDITED = ("status", "number", "issue_date", "due_date", "issued_by", "total")


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
    reason: str


@dataclass(frozen=True)
class IssueResult:
    issued: tuple[IssuedInvoice, ...]
    skipped: tuple[SkippedInvoice, ...]


def label(invoice: Invoice) -> str:
    return invoice.number or f"draft #{invoice.id}"


def check_transition(invoice: Invoice, action: str) -> str:
    """The state `action` moves the invoice to; UserError when its current state does not allow it."""
    source, target = TRANSITIONS[action]
    if invoice.status != source:
        raise UserError(f"You cannot {_VERBS[action]} invoice {label(invoice)} because it is {invoice.status}.")
    return target


def ensure_editable(invoice: Invoice) -> None:
    """Refuse any change of an issued or cancelled invoice (its content is frozen)."""
    if invoice.status not in EDITABLE_STATES:
        raise UserError(f"You cannot change invoice {label(invoice)} because it is {invoice.status}; "
                        "to correct it, credit it (冲正) and bill again.")


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
    stmt = stmt.where(Invoice.id.in_(ids)) if ids is not None else stmt.where(Invoice.status == "draft")
    stmt = (stmt.order_by(Customer.company_id, Invoice.kind, Invoice.id)
            .with_for_update(of=Invoice).execution_options(populate_existing=True))
    return [(inv, company_id, name) for inv, company_id, name in session.execute(stmt)]


def issue_invoices(
    session: Session, actor: Actor, period: str | None = None, invoice_ids: Iterable[int] | None = None,
    issue_date: dt.date | None = None, *, progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> IssueResult:
    """Issue the drafts of `period`, or the drafts `invoice_ids` (optionally within `period`)."""
    require(actor, "invoices.issue")
    if period is None and invoice_ids is None:
        raise UserError("To issue invoices, you must name a period or the invoices.")
    period = check_period(period) if period is not None else None
    issue_date = issue_date or dt.date.today()
    ids = sorted(set(invoice_ids)) if invoice_ids is not None else None
    found = _lock_candidates(session, actor, period, ids)
    if ids is not None:
        missing = sorted(set(ids) - {inv.id for inv, _, _ in found})
        if missing:
            raise NotFound(f"There is no invoice {', '.join(f'#{i}' for i in missing)} that you can see"
                           + (f" in {period}." if period else "."))
        for inv, _, _ in found:
            check_transition(inv, "issue")
    sums = _line_sums(session, [inv.id for inv, _, _ in found])
    problems = [
        Problem(f"total {money(inv.total)} but its lines add up to {sums.get(inv.id, ZERO)}",
                field="total", value=f"{name} ({company_id}), draft #{inv.id}")
        for inv, company_id, name in found if money(inv.total) != sums.get(inv.id, ZERO)
    ]
    if problems:
        raise ValidationError("You cannot issue invoices whose total does not match their lines", problems)
    skipped = tuple(
        SkippedInvoice(inv.id, company_id, name, "total is 0.00: left as a draft (issue it by id to send it)")
        for inv, company_id, name in found if ids is None and money(inv.total) == ZERO
    )
    skipped_ids = {s.invoice_id for s in skipped}
    to_issue = [item for item in found if item[0].id not in skipped_ids]
    if cancel and cancel():
        raise Cancelled("Issuing was cancelled; no invoice was issued.")
    numbers = next_numbers(session, INVOICE_PREFIX, issue_date.year, len(to_issue))
    issued: list[IssuedInvoice] = []
    for done, ((inv, company_id, name), number) in enumerate(zip(to_issue, numbers, strict=True), start=1):
        if cancel and done % 50 == 0 and cancel():
            raise Cancelled("Issuing was cancelled; no invoice was issued.")
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
        raise NotFound(f"There is no invoice #{invoice_id} that you can see.")
    return invoice


def credit_invoice(session: Session, actor: Actor, invoice_id: int, reason: str,
                   issue_date: dt.date | None = None) -> CreditNoteRow:
    """Cancel an issued invoice by a credit note (冲正) with negative lines mirroring it."""
    require(actor, "invoices.credit_note")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("A credit note needs a reason", [Problem("must not be empty", field="reason")])
    invoice = _lock_invoice(session, actor, invoice_id)
    target = check_transition(invoice, "cancel")
    active = session.scalars(select(Allocation.id).where(
        Allocation.invoice_id == invoice.id, Allocation.reversed_at.is_(None)).order_by(Allocation.id)).all()
    if active:
        raise UserError(f"To credit invoice {label(invoice)}, you must first un-allocate its receipts "
                        f"(allocations {', '.join(f'#{a}' for a in active)}); the money then stays with the "
                        "customer as credit balance.")
    issue_date = issue_date or dt.date.today()
    if invoice.issue_date is not None and issue_date < invoice.issue_date:
        raise ValidationError("Invalid credit note date", [Problem(
            f"must not be before the invoice's issue date {invoice.issue_date}", field="issue_date",
            value=issue_date.isoformat())])
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


def update_draft_line(
    session: Session, actor: Actor, line_id: int, *, description: str | None = None,
    quantity: Decimal | None = None, unit_price: Decimal | None = None, amount: Decimal | str | None = None,
) -> InvoiceLineRow:
    """Change a line of a draft (the invoice total follows); issued and cancelled invoices are refused."""
    require(actor, "invoices.edit")
    line = session.get(InvoiceLine, line_id)
    invoice = None if line is None else _lock_invoice(session, actor, line.invoice_id)
    if line is None or invoice is None:
        raise NotFound(f"There is no invoice line #{line_id} that you can see.")
    ensure_editable(invoice)
    before = {"description": line.description, "quantity": line.quantity, "unit_price": line.unit_price,
              "amount": line.amount}
    if description is not None:
        if not description.strip():
            raise ValidationError("Invalid line", [Problem("must not be empty", field="description")])
        line.description = description.strip()
    if quantity is not None:
        line.quantity = quantity
    if unit_price is not None:
        line.unit_price = unit_price
    if amount is not None:
        line.amount = parse_amount(amount, positive=False)
        if line.amount < 0:
            raise ValidationError("Invalid line", [Problem("must not be negative", field="amount", value=str(amount))])
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
