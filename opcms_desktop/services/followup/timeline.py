"""A customer's timeline: follow-ups, bills, credit notes, receipts and work orders, newest first.

Decisions: each kind shows only with the permission to view it (followups.view is needed for the
timeline at all; bills and credit notes need invoices.view, receipts receipts.view, work orders
tickets.view). Draft bills are left out (they are not yet a fact for the customer); an issued bill is
dated by its issue date, an open follow-up by its due date, a done one by the day it was done.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import CreditNote, Customer, Invoice, Receipt, User, worklist
from ...models.followup import Contact, Followup
from ..platform.errors import NotFound
from ..platform.money import money
from ..platform.operations import reads
from ..security.permissions import Actor, require
from ..security.scope import visible_customers

KINDS = ("followup", "bill", "credit_note", "receipt", "ticket")


@dataclass(frozen=True)
class TimelineEntry:
    kind: str  # one of KINDS
    item_id: int
    on: dt.date
    title: str  # follow-up content, bill / credit note number, receipt reference, work-order subject
    detail: str | None = None  # follow-up result, bill period, receipt method, ticket status
    amount: Decimal | None = None
    state: str | None = None  # follow-up: open / done; bill: its status
    method: str | None = None  # follow-up method
    person: str | None = None  # follow-up contact / assignee


@reads
def customer_timeline(session: Session, actor: Actor, customer_id: int, *, limit: int = 500) -> tuple[TimelineEntry, ...]:
    """What happened with a customer the actor can see, newest first (at most `limit` entries)."""
    require(actor, "followups.view")
    if session.scalar(select(Customer.id).where(Customer.id == customer_id, visible_customers(actor))) is None:
        raise NotFound("followup.customer_not_found", customer_id=customer_id)
    entries = _followups(session, customer_id, limit)
    if actor.can("invoices.view"):
        entries += _bills(session, customer_id, limit) + _credit_notes(session, customer_id, limit)
    if actor.can("receipts.view"):
        entries += _receipts(session, customer_id, limit)
    if actor.can("tickets.view"):
        entries += _tickets(session, customer_id, limit)
    entries.sort(key=lambda e: (e.on, KINDS.index(e.kind), e.item_id), reverse=True)
    return tuple(entries[:limit])


def _followups(session: Session, customer_id: int, limit: int) -> list[TimelineEntry]:
    stmt = (select(Followup, Contact.name, User.display_name).outerjoin(Contact, Contact.id == Followup.contact_id)
            .outerjoin(User, User.id == Followup.assignee_id).where(Followup.customer_id == customer_id)
            .order_by(Followup.id.desc()).limit(limit))
    return [TimelineEntry(kind="followup", item_id=f.id, on=f.done_at.date() if f.done_at else f.due_on,
                          title=f.content or "", detail=f.result, state="done" if f.done_at else "open",
                          method=f.method, person=contact or assignee)
            for f, contact, assignee in session.execute(stmt)]


def _bills(session: Session, customer_id: int, limit: int) -> list[TimelineEntry]:
    stmt = (select(Invoice).where(Invoice.customer_id == customer_id, Invoice.issue_date.is_not(None))
            .order_by(Invoice.issue_date.desc()).limit(limit))
    return [TimelineEntry(kind="bill", item_id=i.id, on=i.issue_date, title=i.number or "", detail=i.period,
                          amount=money(i.total), state=i.status)
            for i in session.scalars(stmt) if i.issue_date is not None]


def _credit_notes(session: Session, customer_id: int, limit: int) -> list[TimelineEntry]:
    stmt = (select(CreditNote).where(CreditNote.customer_id == customer_id)
            .order_by(CreditNote.issue_date.desc()).limit(limit))
    return [TimelineEntry(kind="credit_note", item_id=c.id, on=c.issue_date, title=c.number, detail=c.reason,
                          amount=money(c.total)) for c in session.scalars(stmt)]


def _receipts(session: Session, customer_id: int, limit: int) -> list[TimelineEntry]:
    stmt = (select(Receipt).where(Receipt.customer_id == customer_id)
            .order_by(Receipt.receipt_date.desc()).limit(limit))
    return [TimelineEntry(kind="receipt", item_id=r.id, on=r.receipt_date, title=r.reference or r.payer or "",
                          detail=r.method, amount=money(r.amount)) for r in session.scalars(stmt)]


def _tickets(session: Session, customer_id: int, limit: int) -> list[TimelineEntry]:
    ticket = getattr(worklist, "Ticket", None)
    if ticket is None:
        return []
    stmt = select(ticket).where(ticket.customer_id == customer_id).order_by(ticket.id.desc()).limit(limit)
    return [TimelineEntry(kind="ticket", item_id=t.id, on=t.created_at.date(), title=t.subject, state=t.status)
            for t in session.scalars(stmt)]
