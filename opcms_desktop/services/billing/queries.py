"""Reading invoices: the filtered, paged list (for a table model), detail, credit notes and allocations.

Every query is scoped with `visible_customers(actor, Invoice.customer_id)`; filtering, sorting and
paging run in SQL. Payment status, outstanding and overdue are derived (see `balances`).

**Decision: credit notes (冲正) are rows of the bill list.** The list reads bills and credit notes as one
UNION ALL: a credit note row has kind 'credit_note', its own number, date and negative total, the
period of the bill it credits, `credit_note_id` set and `credits_invoice_id` naming that bill; its `id`
is the credited bill's id, so opening it shows that bill with its credit notes (detail). It owes nothing,
takes no allocation and no tax invoice, and allows no action of the state table. The list's sum is of
the bills that are not cancelled and the credit notes are left out of it (the cancelled bill and its
credit note cancel out), as before.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Integer,
    String,
    and_,
    case,
    exists,
    func,
    literal,
    select,
    union_all,
)
from sqlalchemy.orm import Session, aliased

from ...models import (
    Allocation,
    CreditNote,
    CreditNoteLine,
    Customer,
    CustomerOwner,
    Invoice,
    InvoiceLine,
    Receipt,
    User,
)
from ..platform.errors import NotFound, Problem, ValidationError
from ..platform.money import money
from ..platform.operations import reads
from ..platform.periods import check_period
from ..security.permissions import Actor, require
from ..security.scope import visible_customers
from . import states
from .balances import (
    PAYMENT_STATUSES,
    allocated_by_invoice,
    days_overdue,
    is_overdue,
    outstanding_of,
    payment_status,
    rounded,
)

INVOICE_STATES = states.STATES
TAX_INVOICE_STATUSES = ("none", "issued")  # 未开票 / 已开票
TAX_STATUS_LABELS = {"none": "billing.tax_status.none", "issued": "billing.tax_status.issued"}  # message codes
CREDIT_NOTE_KIND = "credit_note"
KIND_LABELS = {"usage": "billing.kind.usage", "package": "billing.kind.package",
               CREDIT_NOTE_KIND: "billing.kind.credit_note"}  # message codes
SORT_KEYS = ("number", "period", "company_id", "customer_name", "status", "total", "outstanding",
             "issue_date", "due_date", "tax_invoice_date")


def tax_invoice_status(status: str, tax_invoice_number: str | None) -> str | None:
    """'issued' (已开票) when a 发票 is recorded, 'none' (未开票) for an issued bill without one, None for
    drafts and for cancelled bills without one (nothing to invoice)."""
    if tax_invoice_number is not None:
        return "issued"
    return "none" if status == states.ISSUED else None


@dataclass(frozen=True)
class InvoiceFilter:
    """What the invoice list shows; every field is optional and they combine with AND."""

    period: str | None = None
    status: str | None = None  # draft / issued / cancelled
    customer_id: int | None = None
    company_id: int | None = None
    customer_name: str | None = None  # case-insensitive substring of the customer name
    owner_user_id: int | None = None  # the customer's sales owner
    overdue_only: bool = False
    open_only: bool = False  # issued with something still owed
    payment_status: str | None = None  # unpaid / partially_paid / paid
    tax_invoice: str | None = None  # none: issued bills still without a 发票; issued: bills with one


@dataclass(frozen=True)
class InvoiceRow:
    id: int
    number: str | None
    customer_id: int
    company_id: int
    customer_name: str
    period: str
    kind: str
    status: str
    total: Decimal
    allocated: Decimal
    outstanding: Decimal
    payment_status: str | None  # None for drafts and cancelled invoices
    issue_date: dt.date | None
    due_date: dt.date | None
    overdue: bool
    days_overdue: int
    version: int
    tax_invoice_status: str | None = None  # none (未开票) / issued (已开票); None for drafts
    tax_invoice_number: str | None = None  # 发票号码, entered by hand
    tax_invoice_date: dt.date | None = None  # 开票日期 of the 发票
    actions: frozenset[str] = frozenset()  # what the state table allows on this bill (states.ACTIONS)
    credit_note_id: int | None = None  # set on a credit note row (kind 'credit_note'; `id` is the credited bill)
    credits_invoice_id: int | None = None  # a credit note row: the bill it credits
    replaces_invoice_id: int | None = None  # a replacement bill: the credited bill it replaces
    linked_number: str | None = None  # the number of the bill credited (credit note) or replaced (replacement)

    @property
    def is_credit_note(self) -> bool:
        return self.credit_note_id is not None


@dataclass(frozen=True)
class InvoicePage:
    rows: tuple[InvoiceRow, ...]
    total_count: int  # rows matching the filter, all pages
    sum_total: Decimal  # over all matching rows except cancelled ones
    sum_outstanding: Decimal  # still owed on the matching issued invoices
    offset: int
    as_of: dt.date


@dataclass(frozen=True)
class InvoiceLineRow:
    id: int
    seq: int
    series: str | None
    description: str
    quantity: Decimal
    unit_price: Decimal | None
    formula: str | None
    amount: Decimal


@dataclass(frozen=True)
class AllocationRow:
    id: int
    receipt_id: int
    invoice_id: int
    invoice_number: str | None
    customer_id: int
    amount: Decimal
    allocated_on: dt.date
    receipt_date: dt.date
    receipt_reference: str | None
    payer: str | None
    created_by: str | None
    active: bool
    reversed_at: dt.datetime | None
    reversed_by: str | None
    reversal_reason: str | None


@dataclass(frozen=True)
class CreditNoteLineRow:
    seq: int
    series: str | None
    description: str
    quantity: Decimal
    unit_price: Decimal | None
    amount: Decimal


@dataclass(frozen=True)
class CreditNoteRow:
    id: int
    number: str
    invoice_id: int
    invoice_number: str | None
    customer_id: int
    issue_date: dt.date
    reason: str
    total: Decimal
    created_by: str | None
    lines: tuple[CreditNoteLineRow, ...]


@dataclass(frozen=True)
class InvoiceDetail:
    invoice: InvoiceRow
    payment_terms_days: int
    issued_by: str | None
    bill_run_id: int | None
    lines: tuple[InvoiceLineRow, ...]
    allocations: tuple[AllocationRow, ...]  # active and reversed, oldest first
    credit_notes: tuple[CreditNoteRow, ...]


def _check_filter(filters: InvoiceFilter) -> None:
    problems = []
    if filters.period is not None:
        check_period(filters.period)
    for name, value, allowed in (("status", filters.status, INVOICE_STATES),
                                 ("payment_status", filters.payment_status, PAYMENT_STATUSES),
                                 ("tax_invoice", filters.tax_invoice, TAX_INVOICE_STATUSES)):
        if value is not None and value not in allowed:
            problems.append(Problem("billing.filter.one_of", field=name, value=value, params={"allowed": allowed}))
    if problems:
        raise ValidationError("billing.filter.invalid", problems)


def _bills_and_credit_notes(actor: Actor) -> Any:
    """Bills and credit notes as one set of rows (UNION ALL), scoped to the visible customers."""
    credited, replaced = aliased(Invoice), aliased(Invoice)
    null_int = literal(None, Integer())
    bills = select(
        Invoice.id, Invoice.number, Invoice.customer_id, Invoice.period, Invoice.kind, Invoice.status,
        Invoice.total, Invoice.issue_date, Invoice.due_date, Invoice.version, Invoice.tax_invoice_number,
        Invoice.tax_invoice_date, null_int.label("credit_note_id"), null_int.label("credits_invoice_id"),
        replaced.number.label("linked_number"), Invoice.replaces_invoice_id,
    ).outerjoin(replaced, replaced.id == Invoice.replaces_invoice_id).where(
        visible_customers(actor, Invoice.customer_id))
    notes = select(
        CreditNote.invoice_id, CreditNote.number, CreditNote.customer_id, credited.period,
        literal(CREDIT_NOTE_KIND, String()), literal(states.ISSUED, String()), CreditNote.total,
        CreditNote.issue_date, literal(None, Date()), literal(1, Integer()), literal(None, String()),
        literal(None, Date()), CreditNote.id, CreditNote.invoice_id, credited.number, null_int,
    ).join(credited, credited.id == CreditNote.invoice_id).where(visible_customers(actor, CreditNote.customer_id))
    return union_all(bills, notes).subquery("bills")


def _list_query(actor: Actor, filters: InvoiceFilter, as_of: dt.date) -> tuple[Any, dict[str, Any]]:
    """The filtered list query and its sortable expressions."""
    b = _bills_and_credit_notes(actor)
    alloc = allocated_by_invoice()
    allocated = func.coalesce(alloc.c.allocated, 0)
    owed = b.c.total - allocated
    issued = and_(b.c.status == states.ISSUED, b.c.credit_note_id.is_(None))
    outstanding = case((issued, owed), else_=0)
    stmt = (
        select(b.c.id, b.c.number, b.c.customer_id, Customer.company_id, Customer.name,
               b.c.period, b.c.kind, b.c.status, b.c.total, allocated.label("allocated"),
               b.c.issue_date, b.c.due_date, b.c.version, b.c.tax_invoice_number,
               b.c.tax_invoice_date, b.c.credit_note_id, b.c.credits_invoice_id, b.c.linked_number,
               b.c.replaces_invoice_id)
        .join(Customer, Customer.id == b.c.customer_id)
        .outerjoin(alloc, and_(alloc.c.invoice_id == b.c.id, b.c.credit_note_id.is_(None)))
    )
    conditions: list[ColumnElement[bool]] = []
    if filters.period:
        conditions.append(b.c.period == filters.period)
    if filters.status:
        conditions.append(and_(b.c.status == filters.status, b.c.credit_note_id.is_(None)))
    if filters.customer_id is not None:
        conditions.append(b.c.customer_id == filters.customer_id)
    if filters.company_id is not None:
        conditions.append(Customer.company_id == filters.company_id)
    if filters.customer_name and filters.customer_name.strip():
        conditions.append(Customer.name.icontains(filters.customer_name.strip(), autoescape=True))
    if filters.owner_user_id is not None:
        conditions.append(exists(select(CustomerOwner.id).where(
            CustomerOwner.customer_id == b.c.customer_id, CustomerOwner.kind == "sales",
            CustomerOwner.user_id == filters.owner_user_id)))
    if filters.overdue_only:
        conditions.append(and_(issued, rounded(owed) > 0, b.c.due_date < as_of))
    if filters.open_only:
        conditions.append(and_(issued, rounded(owed) > 0))
    if filters.payment_status == "paid":
        conditions.append(and_(issued, rounded(owed) <= 0))
    elif filters.payment_status == "partially_paid":
        conditions.append(and_(issued, rounded(allocated) > 0, rounded(owed) > 0))
    elif filters.payment_status == "unpaid":
        conditions.append(and_(issued, rounded(allocated) == 0, rounded(b.c.total) > 0))
    if filters.tax_invoice == "none":
        conditions.append(and_(issued, b.c.tax_invoice_number.is_(None)))
    elif filters.tax_invoice == "issued":
        conditions.append(b.c.tax_invoice_number.is_not(None))
    sortable = {
        "number": b.c.number, "period": b.c.period, "company_id": Customer.company_id,
        "customer_name": Customer.name, "status": b.c.status, "total": b.c.total,
        "outstanding": outstanding, "issue_date": b.c.issue_date, "due_date": b.c.due_date,
        "tax_invoice_date": b.c.tax_invoice_date,
    }
    return stmt.where(*conditions), sortable


def _row(r: Any, as_of: dt.date) -> InvoiceRow:
    if r.credit_note_id is not None:
        return InvoiceRow(
            id=r.id, number=r.number, customer_id=r.customer_id, company_id=r.company_id, customer_name=r.name,
            period=r.period, kind=r.kind, status=r.status, total=money(r.total), allocated=money(0),
            outstanding=money(0), payment_status=None, issue_date=r.issue_date, due_date=None, overdue=False,
            days_overdue=0, version=r.version, actions=states.CREDIT_NOTE_ACTIONS, credit_note_id=r.credit_note_id,
            credits_invoice_id=r.credits_invoice_id, linked_number=r.linked_number)
    total, allocated = money(r.total), money(r.allocated)
    outstanding = outstanding_of(r.status, total, allocated)
    overdue = is_overdue(r.status, r.due_date, outstanding, as_of)
    return InvoiceRow(
        id=r.id, number=r.number, customer_id=r.customer_id, company_id=r.company_id, customer_name=r.name,
        period=r.period, kind=r.kind, status=r.status, total=total, allocated=allocated,
        outstanding=outstanding, payment_status=payment_status(r.status, total, allocated),
        issue_date=r.issue_date, due_date=r.due_date, overdue=overdue,
        days_overdue=days_overdue(r.due_date, as_of) if overdue else 0, version=r.version,
        tax_invoice_status=tax_invoice_status(r.status, r.tax_invoice_number),
        tax_invoice_number=r.tax_invoice_number, tax_invoice_date=r.tax_invoice_date,
        actions=states.allowed_actions(r.status, r.tax_invoice_number is not None),
        replaces_invoice_id=r.replaces_invoice_id, linked_number=r.linked_number,
    )


@reads
def list_invoices(
    session: Session, actor: Actor, filters: InvoiceFilter | None = None, *, offset: int = 0,
    limit: int | None = 200, sort: str = "period", descending: bool = True, as_of: dt.date | None = None,
) -> InvoicePage:
    """One page of the invoice list; `limit=None` returns every matching row. Overdue is as of `as_of`."""
    require(actor, "invoices.view")
    filters = filters or InvoiceFilter()
    _check_filter(filters)
    if sort not in SORT_KEYS:
        raise ValidationError("billing.filter.invalid_sort", [Problem("billing.filter.one_of", field="sort",
                                                                      value=sort, params={"allowed": SORT_KEYS})])
    as_of = as_of or dt.date.today()
    stmt, sortable = _list_query(actor, filters, as_of)
    inner = stmt.subquery()
    count, sum_total, sum_outstanding = session.execute(
        select(func.count(), func.sum(case((and_(inner.c.status != states.CANCELLED,
                                                 inner.c.credit_note_id.is_(None)), inner.c.total), else_=0)),
               func.sum(case((and_(inner.c.status == states.ISSUED, inner.c.credit_note_id.is_(None)),
                              inner.c.total - inner.c.allocated), else_=0)))
    ).one()
    key = sortable[sort]
    ordered = stmt.order_by(key.desc().nulls_last() if descending else key.asc().nulls_last(),
                            Customer.company_id, stmt.selected_columns.id,
                            stmt.selected_columns.credit_note_id.asc().nulls_first())
    if offset:
        ordered = ordered.offset(offset)
    if limit is not None:
        ordered = ordered.limit(limit)
    rows = tuple(_row(r, as_of) for r in session.execute(ordered))
    return InvoicePage(rows=rows, total_count=int(count or 0), sum_total=money(sum_total),
                       sum_outstanding=money(sum_outstanding), offset=offset, as_of=as_of)


@reads
def invoice_id_by_number(session: Session, actor: Actor, number: str) -> int:
    """The id of the invoice numbered `number` that the actor may see, else NotFound."""
    require(actor, "invoices.view")
    number = number.strip().upper()
    found = session.scalar(select(Invoice.id).where(Invoice.number == number,
                                                    visible_customers(actor, Invoice.customer_id)))
    if found is None:  # a credit note's number opens the bill it credits (its row's id, see the module doc)
        found = session.scalar(select(CreditNote.invoice_id).where(
            CreditNote.number == number, visible_customers(actor, CreditNote.customer_id)))
    if found is None:
        raise NotFound("billing.number_not_found", number=number)
    return found


@reads
def invoice_row(session: Session, actor: Actor, invoice_id: int, as_of: dt.date | None = None) -> InvoiceRow:
    require(actor, "invoices.view")
    as_of = as_of or dt.date.today()
    stmt, _ = _list_query(actor, InvoiceFilter(), as_of)
    found = session.execute(stmt.where(stmt.selected_columns.id == invoice_id,
                                       stmt.selected_columns.credit_note_id.is_(None))).first()
    if found is None:
        raise NotFound("billing.not_found", bill_id=invoice_id)
    return _row(found, as_of)


@reads
def get_invoice(session: Session, actor: Actor, invoice_id: int, as_of: dt.date | None = None) -> InvoiceDetail:
    """Header, lines, allocations (with reversals) and credit notes of one invoice."""
    row = invoice_row(session, actor, invoice_id, as_of)
    invoice = session.get(Invoice, invoice_id)
    assert invoice is not None
    issued_by = session.scalar(select(User.username).where(User.id == invoice.issued_by)) if invoice.issued_by else None
    lines = tuple(
        InvoiceLineRow(id=ln.id, seq=ln.seq, series=ln.series, description=ln.description, quantity=ln.quantity,
                       unit_price=ln.unit_price, formula=ln.formula, amount=money(ln.amount))
        for ln in session.scalars(select(InvoiceLine).where(InvoiceLine.invoice_id == invoice_id)
                                  .order_by(InvoiceLine.seq))
    )
    return InvoiceDetail(
        invoice=row, payment_terms_days=invoice.payment_terms_days, issued_by=issued_by,
        bill_run_id=invoice.bill_run_id, lines=lines,
        allocations=tuple(allocation_rows(session, Allocation.invoice_id == invoice_id)),
        credit_notes=tuple(credit_note_rows(session, CreditNote.invoice_id == invoice_id)),
    )


@reads
def get_invoice_by_number(session: Session, actor: Actor, number: str,
                          as_of: dt.date | None = None) -> InvoiceDetail:
    return get_invoice(session, actor, invoice_id_by_number(session, actor, number), as_of)


def allocation_rows(session: Session, *conditions: ColumnElement[bool]) -> list[AllocationRow]:
    """Allocations matching `conditions` (callers scope them), oldest first. No permission check."""
    creator, reverser = aliased(User), aliased(User)
    stmt = (
        select(Allocation, Invoice.number, Invoice.customer_id, Receipt.receipt_date, Receipt.reference,
               Receipt.payer, creator.username, reverser.username)
        .join(Invoice, Invoice.id == Allocation.invoice_id)
        .join(Receipt, Receipt.id == Allocation.receipt_id)
        .outerjoin(creator, creator.id == Allocation.created_by)
        .outerjoin(reverser, reverser.id == Allocation.reversed_by)
        .where(*conditions)
        .order_by(Allocation.id)
    )
    return [
        AllocationRow(
            id=a.id, receipt_id=a.receipt_id, invoice_id=a.invoice_id, invoice_number=number,
            customer_id=customer_id, amount=money(a.amount), allocated_on=a.allocated_on, receipt_date=rdate,
            receipt_reference=reference, payer=payer, created_by=created_by, active=a.reversed_at is None,
            reversed_at=a.reversed_at, reversed_by=reversed_by, reversal_reason=a.reversal_reason,
        )
        for a, number, customer_id, rdate, reference, payer, created_by, reversed_by in session.execute(stmt)
    ]


def credit_note_rows(session: Session, *conditions: ColumnElement[bool]) -> list[CreditNoteRow]:
    """Credit notes matching `conditions` with their lines, oldest first. No permission check."""
    notes = session.execute(
        select(CreditNote, Invoice.number, User.username)
        .join(Invoice, Invoice.id == CreditNote.invoice_id)
        .outerjoin(User, User.id == CreditNote.created_by)
        .where(*conditions).order_by(CreditNote.id)
    ).all()
    lines: dict[int, list[CreditNoteLineRow]] = {}
    if notes:
        for ln in session.scalars(select(CreditNoteLine).where(
                CreditNoteLine.credit_note_id.in_([n.id for n, _, _ in notes])).order_by(CreditNoteLine.seq)):
            lines.setdefault(ln.credit_note_id, []).append(CreditNoteLineRow(
                seq=ln.seq, series=ln.series, description=ln.description, quantity=ln.quantity,
                unit_price=ln.unit_price, amount=money(ln.amount)))
    return [
        CreditNoteRow(id=n.id, number=n.number, invoice_id=n.invoice_id, invoice_number=inv_number,
                      customer_id=n.customer_id, issue_date=n.issue_date, reason=n.reason, total=money(n.total),
                      created_by=username, lines=tuple(lines.get(n.id, ())))
        for n, inv_number, username in notes
    ]
