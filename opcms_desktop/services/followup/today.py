"""The today pane (今日待办) of one user: what needs them today, and snoozing an item for a day or a week.

Decisions where the issue was silent:
- "Their customers": for a sales user (scope "own") every customer they can see; for anyone else the
  customers where they are the sales or the ops owner.
- Follow-ups: open, due today or earlier, assigned to the user or on their customers.
- Bills: issued, overdue on `today` (DOMAIN.md 5), of their customers; shown only with invoices.view.
- Work orders: not resolved or closed, resolution deadline within TICKET_HORIZON of `now` (or past),
  assigned to the user or on their customers; shown only with tickets.view and once the model exists.
- A snooze hides one item for one user until today + 1 or + 7 days (it shows again on that day);
  snoozing again replaces the date. Snoozes are the user's own view, not business data: not audited.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, exists, or_, select, true
from sqlalchemy.orm import Session

from ...models import Customer, CustomerOwner, Invoice, worklist
from ...models.followup import SNOOZE_KINDS, Followup, TodaySnooze
from ..billing.queries import InvoiceFilter, list_invoices
from ..platform.errors import NotFound, UserError
from ..platform.operations import reads, writes
from ..security.permissions import Actor, require
from ..security.scope import visible_customers

SNOOZE_DAYS = (1, 7)
TICKET_HORIZON = dt.timedelta(hours=24)
CLOSED_TICKET_STATUSES = ("resolved", "closed")


@dataclass(frozen=True)
class TodayItem:
    kind: str  # followup / bill / ticket
    item_id: int
    customer_id: int
    company_id: int
    customer_name: str
    title: str  # the follow-up's content, the bill number, the work order's subject
    due: dt.date  # follow-up due date, bill due date, ticket resolution deadline (date)
    overdue: bool
    days_overdue: int
    amount: Decimal | None = None  # a bill's outstanding amount
    detail: str | None = None  # follow-up method, ticket status


@dataclass(frozen=True)
class TodayList:
    as_of: dt.date
    items: tuple[TodayItem, ...]  # overdue first (oldest first), then due today, then the rest by due
    snoozed: int  # items hidden by a snooze

    def of_kind(self, kind: str) -> tuple[TodayItem, ...]:
        return tuple(i for i in self.items if i.kind == kind)


def _theirs(actor: Actor, customer_column: Any) -> ColumnElement[bool]:
    if actor.sees_own_customers_only:
        return true()
    return exists(select(CustomerOwner.id).where(CustomerOwner.customer_id == customer_column,
                                                 CustomerOwner.user_id == actor.id))


def _followups(session: Session, actor: Actor, today: dt.date) -> list[TodayItem]:
    stmt = (select(Followup, Customer.company_id, Customer.name).join(Customer, Customer.id == Followup.customer_id)
            .where(Followup.done_at.is_(None), Followup.due_on <= today,
                   visible_customers(actor, Followup.customer_id),
                   or_(Followup.assignee_id == actor.id, _theirs(actor, Followup.customer_id)))
            .order_by(Followup.due_on, Followup.id))
    return [TodayItem(kind="followup", item_id=f.id, customer_id=f.customer_id, company_id=company, customer_name=name,
                      title=f.content or "", due=f.due_on, overdue=f.due_on < today,
                      days_overdue=max((today - f.due_on).days, 0), detail=f.method)
            for f, company, name in session.execute(stmt)]


def _bills(session: Session, actor: Actor, today: dt.date) -> list[TodayItem]:
    if not actor.can("invoices.view"):
        return []
    page = list_invoices(session, actor, InvoiceFilter(overdue_only=True), limit=None, sort="due_date",
                         descending=False, as_of=today)
    mine: set[int] | None = None
    if not actor.sees_own_customers_only:
        mine = set(session.scalars(select(CustomerOwner.customer_id).where(CustomerOwner.user_id == actor.id)))
    return [TodayItem(kind="bill", item_id=r.id, customer_id=r.customer_id, company_id=r.company_id,
                      customer_name=r.customer_name, title=r.number or "", due=r.due_date or today, overdue=True,
                      days_overdue=r.days_overdue, amount=r.outstanding)
            for r in page.rows if r.credit_note_id is None and (mine is None or r.customer_id in mine)]


def _tickets(session: Session, actor: Actor, now: dt.datetime) -> list[TodayItem]:
    ticket = getattr(worklist, "Ticket", None)
    if ticket is None or not actor.can("tickets.view"):
        return []
    stmt = (select(ticket, Customer.company_id, Customer.name).join(Customer, Customer.id == ticket.customer_id)
            .where(ticket.status.not_in(CLOSED_TICKET_STATUSES), ticket.resolution_due <= now + TICKET_HORIZON,
                   visible_customers(actor, ticket.customer_id),
                   or_(ticket.assignee_id == actor.id, _theirs(actor, ticket.customer_id)))
            .order_by(ticket.resolution_due, ticket.id))
    items = []
    for t, company, name in session.execute(stmt):
        due = _aware(t.resolution_due)
        items.append(TodayItem(kind="ticket", item_id=t.id, customer_id=t.customer_id, company_id=company,
                               customer_name=name, title=t.subject, due=due.date(), overdue=due < now,
                               days_overdue=max((now - due).days, 0), detail=t.status))
    return items


def _aware(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value


@reads
def today_items(session: Session, actor: Actor, today: dt.date, now: dt.datetime | None = None) -> TodayList:
    """The actor's today pane as of `today` (work-order deadlines as of `now`, default: the current time)."""
    require(actor, "followups.view")
    now = _aware(now) if now is not None else dt.datetime.now(dt.UTC)
    items = _followups(session, actor, today) + _bills(session, actor, today) + _tickets(session, actor, now)
    snoozed = {(kind, item_id) for kind, item_id in session.execute(
        select(TodaySnooze.item_kind, TodaySnooze.item_id).where(TodaySnooze.user_id == actor.id,
                                                                 TodaySnooze.until > today))}
    shown = [i for i in items if (i.kind, i.item_id) not in snoozed]
    shown.sort(key=lambda i: (not i.overdue, i.due, i.kind, i.item_id))
    return TodayList(as_of=today, items=tuple(shown), snoozed=len(items) - len(shown))


def _customer_of(session: Session, actor: Actor, kind: str, item_id: int) -> int | None:
    if kind == "followup":
        column, key = Followup.customer_id, Followup.id
    elif kind == "bill":
        column, key = Invoice.customer_id, Invoice.id
    else:
        ticket = getattr(worklist, "Ticket", None)
        if ticket is None:
            return None
        column, key = ticket.customer_id, ticket.id
    return session.scalar(select(column).where(key == item_id, visible_customers(actor, column)))


@writes("followups")
def snooze_item(session: Session, actor: Actor, kind: str, item_id: int, days: int, today: dt.date) -> dt.date:
    """Hide an item of the actor's today pane until today + `days` (1 or 7); returns that date."""
    require(actor, "followups.view")
    if kind not in SNOOZE_KINDS:
        raise UserError("followup.today.unknown_kind", kind=kind, known=", ".join(SNOOZE_KINDS))
    if days not in SNOOZE_DAYS:
        raise UserError("followup.today.bad_snooze", days=days)
    if _customer_of(session, actor, kind, item_id) is None:
        raise NotFound("followup.today.item_not_found", kind=kind, item_id=item_id)
    until = today + dt.timedelta(days=days)
    snooze = session.scalar(select(TodaySnooze).where(TodaySnooze.user_id == actor.id, TodaySnooze.item_kind == kind,
                                                      TodaySnooze.item_id == item_id))
    if snooze is None:
        session.add(TodaySnooze(user_id=actor.id, item_kind=kind, item_id=item_id, until=until))
    else:
        snooze.until = until
    session.flush()
    return until
