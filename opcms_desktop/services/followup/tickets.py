"""Work orders (工单): create, list (with SLA breaches), and move through their states.

Decisions where the issue was silent:
- Sales see and change only the tickets of their own customers (`visible_customers`), like every other
  customer-owned row; a foreign ticket id is NotFound.
- A ticket without an assignee goes to the customer's sales owner, else to its creator.
- The first response is the first move out of `new` (or the first note); `resolved` -> `in_progress`
  reopens; `closed` is final.
- Every change takes an explicit time (`at`, default now) so that pauses can be replayed exactly; a time
  before the ticket's creation or before its running pause began is refused.
- `breached` lists every ticket that missed a deadline by `as_of`, open or not (a late resolution stays
  a breach); deadlines are those in force at `as_of`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from ...models import Customer, CustomerOwner, User
from ...models.followup import Contact
from ...models.worklist import TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TYPES, Ticket, TicketNote
from ..audit import trail as audit
from ..platform.errors import NotFound, Problem, ValidationError
from ..platform.operations import reads, writes
from ..security.permissions import Actor, require
from ..security.scope import visible_customers
from .sla import aware, breaches, deadlines, paused_seconds_at, terms_for, utc

SUBJECT_LIMIT, TEXT_LIMIT = 200, 4000
OPEN_STATUSES = ("new", "in_progress", "waiting_for_customer")


@dataclass(frozen=True)
class TicketInput:
    customer_id: int
    ticket_type: str
    priority: str
    subject: str
    description: str = ""
    contact_id: int | None = None
    assignee_id: int | None = None
    at: dt.datetime | None = None


@dataclass(frozen=True)
class TicketView:
    id: int
    customer_id: int
    company_id: int
    customer_name: str
    contact_id: int | None
    ticket_type: str
    priority: str
    status: str
    subject: str
    description: str
    assignee_id: int | None
    assignee_name: str | None
    created_at: dt.datetime
    first_response_due: dt.datetime
    resolution_due: dt.datetime
    responded_at: dt.datetime | None
    resolved_at: dt.datetime | None
    closed_at: dt.datetime | None
    paused_seconds: int
    paused: bool
    first_response_breached: bool
    resolution_breached: bool
    version: int

    @property
    def breached(self) -> bool:
        return self.first_response_breached or self.resolution_breached


@dataclass(frozen=True)
class TicketFilter:
    company_id: int | None = None
    customer_id: int | None = None
    status: str | None = None
    assignee_id: int | None = None
    breached_only: bool = False
    open_only: bool = False
    as_of: dt.datetime | None = None


@dataclass(frozen=True)
class NoteView:
    at: dt.datetime
    author: str | None
    status_from: str | None
    status_to: str | None
    note: str


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _view(ticket: Ticket, company_id: int, name: str, assignee: str | None, at: dt.datetime) -> TicketView:
    first_due, resolution_due = deadlines(ticket, at)
    first_breached, resolution_breached = breaches(ticket, at)
    return TicketView(
        ticket.id,
        ticket.customer_id,
        company_id,
        name,
        ticket.contact_id,
        ticket.ticket_type,
        ticket.priority,
        ticket.status,
        ticket.subject,
        ticket.description,
        ticket.assignee_id,
        assignee,
        aware(ticket.created_at),
        aware(ticket.first_response_due) if ticket.responded_at else first_due,
        aware(ticket.resolution_due) if ticket.resolved_at else resolution_due,
        aware(ticket.responded_at) if ticket.responded_at else None,
        aware(ticket.resolved_at) if ticket.resolved_at else None,
        aware(ticket.closed_at) if ticket.closed_at else None,
        paused_seconds_at(ticket, at),
        ticket.paused_since is not None,
        first_breached,
        resolution_breached,
        ticket.version,
    )


def _query(actor: Actor) -> Any:
    assignee = aliased(User)
    return (
        select(Ticket, Customer.company_id, Customer.name, assignee.display_name, assignee.username)
        .join(Customer, Customer.id == Ticket.customer_id)
        .outerjoin(assignee, assignee.id == Ticket.assignee_id)
        .where(visible_customers(actor, Ticket.customer_id))
    )


def _name(display: str | None, username: str | None) -> str | None:
    return (display or username) if username else None


def _problems_of(session: Session, data: TicketInput) -> list[Problem]:
    problems: list[Problem] = []
    if data.ticket_type not in TICKET_TYPES:
        problems.append(
            Problem(
                "worklist.ticket.unknown_type",
                field="type",
                value=data.ticket_type,
                params={"known": ", ".join(TICKET_TYPES)},
            )
        )
    if data.priority not in TICKET_PRIORITIES:
        problems.append(
            Problem(
                "worklist.ticket.unknown_priority",
                field="priority",
                value=data.priority,
                params={"known": ", ".join(TICKET_PRIORITIES)},
            )
        )
    subject = data.subject.strip()
    if not subject:
        problems.append(Problem("worklist.ticket.subject_required", field="subject"))
    elif len(subject) > SUBJECT_LIMIT:
        problems.append(
            Problem("worklist.ticket.text_too_long", field="subject", params={"limit": SUBJECT_LIMIT})
        )
    if len(data.description) > TEXT_LIMIT:
        problems.append(
            Problem("worklist.ticket.text_too_long", field="description", params={"limit": TEXT_LIMIT})
        )
    if (
        data.contact_id is not None
        and session.scalar(
            select(Contact.id).where(Contact.id == data.contact_id, Contact.customer_id == data.customer_id)
        )
        is None
    ):
        problems.append(
            Problem("worklist.ticket.contact_not_of_customer", field="contact", value=str(data.contact_id))
        )
    if data.assignee_id is not None:
        _check_assignee(session, problems, data.assignee_id)
    return problems


def _check_assignee(session: Session, problems: list[Problem], assignee_id: int) -> None:
    if session.scalar(select(User.id).where(User.id == assignee_id, User.active.is_(True))) is None:
        problems.append(Problem("worklist.ticket.unknown_assignee", field="assignee", value=str(assignee_id)))


def _audit_row(ticket: Ticket) -> dict[str, object]:
    return {
        "customer_id": ticket.customer_id,
        "type": ticket.ticket_type,
        "priority": ticket.priority,
        "status": ticket.status,
        "subject": ticket.subject,
        "assignee_id": ticket.assignee_id,
    }


@reads
def assignee_id_by_username(session: Session, actor: Actor, username: str) -> int:
    """The id of the active user `username` (to assign a ticket), else NotFound."""
    require(actor, "tickets.view")
    found = session.scalar(select(User.id).where(User.username == username.strip(), User.active.is_(True)))
    if found is None:
        raise NotFound("worklist.ticket.user_not_found", username=username)
    return found


@writes("tickets", "audit")
def add_ticket(session: Session, actor: Actor, data: TicketInput) -> TicketView:
    require(actor, "tickets.edit")
    if (
        session.scalar(select(Customer.id).where(Customer.id == data.customer_id, visible_customers(actor)))
        is None
    ):
        raise NotFound("worklist.ticket.customer_not_found", customer_id=data.customer_id)
    problems = _problems_of(session, data)
    if problems:
        raise ValidationError("worklist.ticket.invalid", problems)
    terms = terms_for(session, data.ticket_type, data.priority)
    at = utc(data.at) if data.at else _now()
    assignee = (
        data.assignee_id
        or session.scalar(
            select(CustomerOwner.user_id)
            .where(
                CustomerOwner.customer_id == data.customer_id,
                CustomerOwner.kind == "sales",
                CustomerOwner.user_id.is_not(None),
            )
            .order_by(CustomerOwner.id)
            .limit(1)
        )
        or actor.id
    )
    ticket = Ticket(
        customer_id=data.customer_id,
        contact_id=data.contact_id,
        ticket_type=data.ticket_type,
        priority=data.priority,
        status="new",
        subject=data.subject.strip(),
        description=data.description.strip(),
        assignee_id=assignee,
        created_by=actor.id,
        created_at=at,
        first_response_minutes=terms.first_response_minutes,
        resolution_minutes=terms.resolution_minutes,
        first_response_due=at + dt.timedelta(minutes=terms.first_response_minutes),
        resolution_due=at + dt.timedelta(minutes=terms.resolution_minutes),
        paused_seconds=0,
    )
    session.add(ticket)
    session.flush()
    audit.record(
        session, actor, "create", "ticket", ticket.id, {k: [None, v] for k, v in _audit_row(ticket).items()}
    )
    return get_ticket(session, actor, ticket.id, at)


@reads
def get_ticket(
    session: Session, actor: Actor, ticket_id: int, as_of: dt.datetime | None = None
) -> TicketView:
    require(actor, "tickets.view")
    row = session.execute(_query(actor).where(Ticket.id == ticket_id)).first()
    if row is None:
        raise NotFound("worklist.ticket.not_found", ticket_id=ticket_id)
    ticket, company_id, name, display, username = row
    return _view(ticket, company_id, name, _name(display, username), utc(as_of) if as_of else _now())


@reads
def list_tickets(
    session: Session, actor: Actor, filters: TicketFilter, limit: int = 1000
) -> tuple[TicketView, ...]:
    require(actor, "tickets.view")
    if filters.status is not None and filters.status not in TICKET_STATUSES:
        raise ValidationError(
            "worklist.ticket.invalid",
            [
                Problem(
                    "worklist.ticket.unknown_status",
                    field="status",
                    value=filters.status,
                    params={"known": ", ".join(TICKET_STATUSES)},
                )
            ],
        )
    at = utc(filters.as_of) if filters.as_of else _now()
    query = _query(actor).where(Ticket.created_at <= at)
    if filters.company_id is not None:
        query = query.where(Customer.company_id == filters.company_id)
    if filters.customer_id is not None:
        query = query.where(Ticket.customer_id == filters.customer_id)
    if filters.status is not None:
        query = query.where(Ticket.status == filters.status)
    if filters.open_only:
        query = query.where(Ticket.status.in_(OPEN_STATUSES))
    if filters.assignee_id is not None:
        query = query.where(Ticket.assignee_id == filters.assignee_id)
    views = [
        _view(t, cid, name, _name(display, username), at)
        for t, cid, name, display, username in session.execute(query.order_by(Ticket.id))
    ]
    if filters.breached_only:
        views = [v for v in views if v.breached]
    views.sort(key=lambda v: (v.status not in OPEN_STATUSES, v.resolution_due, v.id))
    return tuple(views[:limit])


def _load(session: Session, actor: Actor, ticket_id: int) -> Ticket:
    ticket = session.scalar(
        select(Ticket)
        .where(Ticket.id == ticket_id, visible_customers(actor, Ticket.customer_id))
        .with_for_update()
    )
    if ticket is None:
        raise NotFound("worklist.ticket.not_found", ticket_id=ticket_id)
    return ticket


@writes("tickets", "audit")
def update_ticket(
    session: Session,
    actor: Actor,
    ticket_id: int,
    *,
    status: str | None = None,
    assignee_id: int | None = None,
    note: str | None = None,
    at: dt.datetime | None = None,
) -> TicketView:
    """Change status and/or assignee, or add a note, at `at` (default now). Pauses follow the status."""
    require(actor, "tickets.edit")
    ticket = _load(session, actor, ticket_id)
    when = utc(at) if at else _now()
    problems: list[Problem] = []
    if status is not None and status not in TICKET_STATUSES:
        problems.append(
            Problem(
                "worklist.ticket.unknown_status",
                field="status",
                value=status,
                params={"known": ", ".join(TICKET_STATUSES)},
            )
        )
    if ticket.status == "closed" and status is not None and status != "closed":
        problems.append(Problem("worklist.ticket.closed_is_final", field="status", value=status))
    if when < aware(ticket.created_at) or (
        ticket.paused_since is not None and when < aware(ticket.paused_since)
    ):
        problems.append(
            Problem(
                "worklist.ticket.time_before_last_change",
                field="at",
                value=when.isoformat(timespec="minutes"),
            )
        )
    if assignee_id is not None:
        _check_assignee(session, problems, assignee_id)
    text = (note or "").strip()
    if len(text) > TEXT_LIMIT:
        problems.append(Problem("worklist.ticket.text_too_long", field="note", params={"limit": TEXT_LIMIT}))
    if status is None and assignee_id is None and not text:
        problems.append(Problem("worklist.ticket.nothing_to_change", field="status"))
    if problems:
        raise ValidationError("worklist.ticket.invalid", problems)
    before = _audit_row(ticket)
    old_status = ticket.status
    if status is not None and status != old_status:
        _move(ticket, status, when)
    elif text and ticket.responded_at is None:
        ticket.responded_at = when
    if assignee_id is not None:
        ticket.assignee_id = assignee_id
    session.add(
        TicketNote(
            ticket_id=ticket.id,
            at=when,
            author_id=actor.id,
            note=text,
            status_from=old_status if ticket.status != old_status else None,
            status_to=ticket.status if ticket.status != old_status else None,
        )
    )
    session.flush()
    changes = audit.diff(before, _audit_row(ticket))
    if text:
        changes["note"] = [None, text]
    audit.record(session, actor, "update", "ticket", ticket.id, changes)
    return get_ticket(session, actor, ticket.id, when)


def _move(ticket: Ticket, status: str, when: dt.datetime) -> None:
    """Apply a status change at `when`: end or start a pause, stamp response, resolution and closing."""
    if ticket.paused_since is not None:
        ticket.paused_seconds = paused_seconds_at(ticket, when)
        ticket.paused_since = None
    first_due, resolution_due = deadlines(ticket, when)
    if ticket.responded_at is None:
        ticket.first_response_due = first_due
        ticket.responded_at = when
    if ticket.resolved_at is None:
        ticket.resolution_due = resolution_due
    if status == "waiting_for_customer":
        ticket.paused_since = when
    if status in ("resolved", "closed") and ticket.resolved_at is None:
        ticket.resolved_at = when
    if status in ("new", "in_progress", "waiting_for_customer") and ticket.resolved_at is not None:
        ticket.resolved_at = None  # reopened: the resolution clock runs on from where it stood
        ticket.resolution_due = deadlines(ticket, when)[1]
    if status == "closed":
        ticket.closed_at = when
    ticket.status = status


@reads
def ticket_notes(session: Session, actor: Actor, ticket_id: int) -> tuple[NoteView, ...]:
    require(actor, "tickets.view")
    _load_visible = session.scalar(
        select(Ticket.id).where(Ticket.id == ticket_id, visible_customers(actor, Ticket.customer_id))
    )
    if _load_visible is None:
        raise NotFound("worklist.ticket.not_found", ticket_id=ticket_id)
    rows = session.execute(
        select(TicketNote, User.display_name, User.username)
        .outerjoin(User, User.id == TicketNote.author_id)
        .where(TicketNote.ticket_id == ticket_id)
        .order_by(TicketNote.at, TicketNote.id)
    )
    return tuple(NoteView(aware(n.at), _name(d, u), n.status_from, n.status_to, n.note) for n, d, u in rows)
