"""Follow-ups (跟进记录): planned for a day, done with a result, and the next one they lead to.

Decisions where the issue was silent:
- A follow-up is open until it is completed (`done_at` set); it is never deleted.
- Assignee by default: a manual follow-up goes to the person who records it; one created by a rule or by
  dunning (`source` other than "manual") goes to the customer's sales owner, else to the actor.
- Completing a follow-up creates the next one: on `next_due` when given, otherwise, when the customer has
  an active plan (followup_plans), on the completion day plus the plan's interval. It inherits the
  method, contact and assignee (the plan's assignee for a plan follow-up).
- Sales see and change the follow-ups of their own customers only (whoever is assigned).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, aliased

from ...models import Customer, CustomerOwner, User
from ...models.followup import FOLLOWUP_METHODS, Contact, Followup, FollowupPlan
from ..audit import trail as audit
from ..platform.cells import clean_text
from ..platform.errors import ConflictError, NotFound, ProblemList, UserError
from ..platform.operations import reads, writes
from ..security.permissions import Actor, require
from ..security.scope import visible_customers

TEXT_LIMIT = 4000
SOURCE_LIMIT = 200
EARLIEST_DUE = dt.date(2000, 1, 1)
LATEST_DUE_YEARS = 5


@dataclass(frozen=True)
class FollowupView:
    id: int
    customer_id: int
    company_id: int
    customer_name: str
    due_on: dt.date
    method: str
    contact_id: int | None
    contact_name: str | None
    content: str
    result: str | None
    done_at: dt.datetime | None
    next_due: dt.date | None
    assignee_id: int | None
    assignee_name: str | None
    source: str
    plan_id: int | None
    version: int

    @property
    def done(self) -> bool:
        return self.done_at is not None

    def overdue_on(self, today: dt.date) -> bool:
        return self.done_at is None and self.due_on < today


@dataclass(frozen=True)
class Completion:
    done: FollowupView
    next: FollowupView | None  # the follow-up the completion created, if any


@dataclass(frozen=True)
class FollowupFilter:
    customer_id: int | None = None
    company_id: int | None = None
    assignee_id: int | None = None
    state: str = "all"  # "all", "open", "done", "due" (open, due on or before as_of), "overdue" (before as_of)
    as_of: dt.date | None = None  # default: today


@dataclass(frozen=True)
class FollowupPage:
    rows: tuple[FollowupView, ...]
    total_count: int
    offset: int


STATES = ("all", "open", "done", "due", "overdue")


def _clean(value: str | None, *, multiline: bool = True) -> str | None:
    if value is None:
        return None
    return clean_text(value, multiline=multiline)[0] or None


def _latest_due(today: dt.date) -> dt.date:
    try:
        return today.replace(year=today.year + LATEST_DUE_YEARS)
    except ValueError:  # 29 February
        return today + dt.timedelta(days=365 * LATEST_DUE_YEARS)


def check_due(problems: ProblemList, field: str, value: object) -> None:
    """A due date must be a date between 2000-01-01 and five years from today."""
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        problems.add("followup.date_required", field=field, value=value)
        return
    latest = _latest_due(dt.date.today())
    if not EARLIEST_DUE <= value <= latest:
        problems.add("followup.date_out_of_range", field=field, value=value.isoformat(),
                     earliest=EARLIEST_DUE.isoformat(), latest=latest.isoformat())


def check_method(problems: ProblemList, value: object) -> None:
    if value not in FOLLOWUP_METHODS:
        problems.add("followup.unknown_method", field="method", value=value, known=", ".join(FOLLOWUP_METHODS))


def check_text(problems: ProblemList, field: str, value: str | None, limit: int = TEXT_LIMIT) -> None:
    if value is not None and len(value) > limit:
        problems.add("followup.text_too_long", field=field, value=value[:20] + "…", limit=limit)


def _visible_customer(session: Session, actor: Actor, customer_id: int) -> Customer:
    customer = session.scalar(select(Customer).where(Customer.id == customer_id, visible_customers(actor)))
    if customer is None:
        raise NotFound("followup.customer_not_found", customer_id=customer_id)
    return customer


def sales_owner_id(session: Session, customer_id: int) -> int | None:
    return session.scalar(select(CustomerOwner.user_id).where(
        CustomerOwner.customer_id == customer_id, CustomerOwner.kind == "sales", CustomerOwner.user_id.is_not(None))
        .order_by(CustomerOwner.id).limit(1))


def _check_contact(session: Session, problems: ProblemList, customer_id: int, contact_id: int | None) -> None:
    if contact_id is None:
        return
    found = session.execute(select(Contact.customer_id, Contact.active).where(Contact.id == contact_id)).first()
    if found is None or found.customer_id != customer_id:
        problems.add("followup.contact_not_of_customer", field="contact_id", value=contact_id)
    elif not found.active:
        problems.add("followup.contact_inactive", field="contact_id", value=contact_id)


def _check_assignee(session: Session, problems: ProblemList, assignee_id: int | None) -> None:
    if assignee_id is None:
        return
    if session.scalar(select(User.id).where(User.id == assignee_id)) is None:
        problems.add("followup.unknown_assignee", field="assignee_id", value=assignee_id)


def _query(actor: Actor, *conditions: ColumnElement[bool]) -> Any:
    assignee = aliased(User)
    return (
        select(Followup, Customer.company_id, Customer.name, Contact.name, assignee.display_name, assignee.username)
        .join(Customer, Customer.id == Followup.customer_id)
        .outerjoin(Contact, Contact.id == Followup.contact_id)
        .outerjoin(assignee, assignee.id == Followup.assignee_id)
        .where(visible_customers(actor, Followup.customer_id), *conditions)
    )


def _view(f: Followup, company_id: int, customer_name: str, contact_name: str | None, display: str | None,
          username: str | None) -> FollowupView:
    return FollowupView(
        id=f.id, customer_id=f.customer_id, company_id=company_id, customer_name=customer_name, due_on=f.due_on,
        method=f.method, contact_id=f.contact_id, contact_name=contact_name, content=f.content or "",
        result=f.result, done_at=f.done_at, next_due=f.next_due, assignee_id=f.assignee_id,
        assignee_name=display or username, source=f.source, plan_id=f.plan_id, version=f.version)


def _load(session: Session, actor: Actor, followup_id: int) -> Followup:
    followup = session.scalar(select(Followup).where(
        Followup.id == followup_id, visible_customers(actor, Followup.customer_id)))
    if followup is None:
        raise NotFound("followup.not_found", followup_id=followup_id)
    return followup


def _audit_row(f: Followup) -> dict[str, Any]:
    return {"customer_id": f.customer_id, "due_on": f.due_on, "method": f.method, "contact_id": f.contact_id,
            "content": f.content, "result": f.result, "done_at": f.done_at, "next_due": f.next_due,
            "assignee_id": f.assignee_id, "source": f.source, "plan_id": f.plan_id}


def _insert_followup(session: Session, actor: Actor, customer_id: int, *, due_on: dt.date, method: str,
                    content: str, contact_id: int | None, assignee_id: int | None, source: str,
                    plan_id: int | None = None) -> Followup:
    """Validate and insert one follow-up with its audit row (the customer was checked by the caller)."""
    problems = ProblemList()
    check_due(problems, "due_on", due_on)
    check_method(problems, method)
    text = _clean(content) or ""
    check_text(problems, "content", text)
    clean_source = _clean(source, multiline=False) or "manual"
    check_text(problems, "source", clean_source, SOURCE_LIMIT)
    _check_contact(session, problems, customer_id, contact_id)
    _check_assignee(session, problems, assignee_id)
    problems.raise_if_any("followup.invalid")
    if assignee_id is None:
        assignee_id = actor.id if clean_source == "manual" else (sales_owner_id(session, customer_id) or actor.id)
    followup = Followup(customer_id=customer_id, due_on=due_on, method=method, contact_id=contact_id,
                        content=text, assignee_id=assignee_id, source=clean_source, plan_id=plan_id,
                        created_by=actor.id)
    session.add(followup)
    session.flush()
    audit.record(session, actor, "create", "followup", followup.id,
                 {k: [None, v] for k, v in _audit_row(followup).items() if v is not None})
    return followup


@writes("followups", "audit")
def create_followup(session: Session, actor: Actor, customer_id: int, *, due_on: dt.date, method: str = "phone",
                    content: str = "", contact_id: int | None = None, assignee_id: int | None = None,
                    source: str = "manual") -> FollowupView:
    """Plan a follow-up of a customer the actor can see. `source` says who created it ("manual",
    "dunning:<bill number>:<level>", "rule:<name>", ...)."""
    require(actor, "followups.edit")
    _visible_customer(session, actor, customer_id)
    followup = _insert_followup(session, actor, customer_id, due_on=due_on, method=method, content=content,
                               contact_id=contact_id, assignee_id=assignee_id, source=source)
    return get_followup(session, actor, followup.id)


@reads
def get_followup(session: Session, actor: Actor, followup_id: int) -> FollowupView:
    require(actor, "followups.view")
    found = session.execute(_query(actor, Followup.id == followup_id)).first()
    if found is None:
        raise NotFound("followup.not_found", followup_id=followup_id)
    return _view(*found)


def plan_interval(plan: FollowupPlan) -> dt.timedelta:
    return dt.timedelta(days=plan.every_n * (7 if plan.unit == "week" else 1))


@writes("followups", "audit")
def complete_followup(session: Session, actor: Actor, followup_id: int, *, result: str,
                      done_at: dt.datetime | None = None, next_due: dt.date | None = None,
                      method: str | None = None, contact_id: int | None = None, content: str | None = None,
                      version: int | None = None) -> Completion:
    """Record a follow-up as done (with its result) and create the next one (see the module's decisions)."""
    require(actor, "followups.edit")
    followup = _load(session, actor, followup_id)
    if followup.done_at is not None:
        raise UserError("followup.already_done", followup_id=followup_id)
    if version is not None and version != followup.version:
        raise ConflictError("followup.changed", followup_id=followup_id)
    before = _audit_row(followup)
    problems = ProblemList()
    clean_result = _clean(result)
    if clean_result is None:
        problems.add("followup.result_required", field="result")
    check_text(problems, "result", clean_result)
    if method is not None:
        check_method(problems, method)
    if content is not None:
        check_text(problems, "content", _clean(content))
    if next_due is not None:
        check_due(problems, "next_due", next_due)
    _check_contact(session, problems, followup.customer_id, contact_id)
    at = done_at or dt.datetime.now(dt.UTC)
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    if next_due is not None and isinstance(next_due, dt.date) and next_due <= at.date():
        problems.add("followup.next_not_after_done", field="next_due", value=next_due.isoformat(),
                     done=at.date().isoformat())
    problems.raise_if_any("followup.invalid")
    plan = session.scalar(select(FollowupPlan).where(FollowupPlan.customer_id == followup.customer_id,
                                                      FollowupPlan.active.is_(True)))
    if next_due is None and plan is not None:
        next_due = at.date() + plan_interval(plan)
    followup.done_at = at
    followup.result = clean_result
    followup.next_due = next_due
    if method is not None:
        followup.method = method
    if contact_id is not None:
        followup.contact_id = contact_id
    if content is not None:
        followup.content = _clean(content) or ""
    session.flush()
    audit.record(session, actor, "complete", "followup", followup.id, audit.diff(before, _audit_row(followup)))
    created = None
    if next_due is not None:
        from_plan = plan is not None
        created = _insert_followup(
            session, actor, followup.customer_id, due_on=next_due, method=plan.method if plan else followup.method,
            content="", contact_id=followup.contact_id,
            assignee_id=(plan.assignee_id if plan and plan.assignee_id else followup.assignee_id),
            source=f"plan:{plan.id}" if from_plan and plan else f"next:{followup.id}",
            plan_id=plan.id if plan else None)
    return Completion(done=get_followup(session, actor, followup.id),
                      next=get_followup(session, actor, created.id) if created else None)


@writes("followups", "audit")
def reschedule_followup(session: Session, actor: Actor, followup_id: int, *, due_on: dt.date,
                        assignee_id: int | None = None, version: int | None = None) -> FollowupView:
    """Move an open follow-up to another day (and optionally to another person)."""
    require(actor, "followups.edit")
    followup = _load(session, actor, followup_id)
    if followup.done_at is not None:
        raise UserError("followup.already_done", followup_id=followup_id)
    if version is not None and version != followup.version:
        raise ConflictError("followup.changed", followup_id=followup_id)
    problems = ProblemList()
    check_due(problems, "due_on", due_on)
    _check_assignee(session, problems, assignee_id)
    problems.raise_if_any("followup.invalid")
    before = _audit_row(followup)
    followup.due_on = due_on
    if assignee_id is not None:
        followup.assignee_id = assignee_id
    session.flush()
    audit.record(session, actor, "update", "followup", followup.id, audit.diff(before, _audit_row(followup)))
    return get_followup(session, actor, followup.id)


def state_conditions(state: str, as_of: dt.date) -> list[ColumnElement[bool]]:
    if state not in STATES:
        raise UserError("followup.unknown_state", state=state, known=", ".join(STATES))
    open_ = Followup.done_at.is_(None)
    by_state: dict[str, list[ColumnElement[bool]]] = {
        "all": [],
        "open": [open_],
        "done": [Followup.done_at.is_not(None)],
        "due": [open_, Followup.due_on <= as_of],
        "overdue": [open_, Followup.due_on < as_of],
    }
    return by_state[state]


@reads
def list_followups(session: Session, actor: Actor, filters: FollowupFilter | None = None, *, offset: int = 0,
                   limit: int | None = 500) -> FollowupPage:
    """Follow-ups the actor can see: open ones by due date first, then done ones newest first."""
    require(actor, "followups.view")
    f = filters or FollowupFilter()
    conditions = state_conditions(f.state, f.as_of or dt.date.today())
    if f.customer_id is not None:
        conditions.append(Followup.customer_id == f.customer_id)
    if f.company_id is not None:
        conditions.append(Customer.company_id == f.company_id)
    if f.assignee_id is not None:
        conditions.append(Followup.assignee_id == f.assignee_id)
    stmt = _query(actor, *conditions)
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    stmt = stmt.order_by(Followup.done_at.is_not(None), Followup.due_on, Followup.id).offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    rows = tuple(_view(*r) for r in session.execute(stmt))
    return FollowupPage(rows=rows, total_count=int(total), offset=offset)
