"""Recurring follow-up plans: "every 2 weeks" per customer.

Decisions: one plan per customer (setting it again changes it); the interval counts from the day a
follow-up is completed (`followups.complete_followup` creates the next one); stopping a plan keeps its row
(active = false) so the follow-ups it created still name it. Setting a plan with `first_due` also plans the
first follow-up on that day unless the customer already has an open one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import Customer
from ...models.followup import PLAN_UNITS, Followup, FollowupPlan
from ..audit import trail as audit
from ..platform.errors import NotFound, ProblemList
from ..platform.operations import reads, writes
from ..security.permissions import Actor, require
from ..security.scope import visible_customers
from .followups import FollowupView, check_due, check_method, create_followup, get_followup

MAX_EVERY = {"day": 366, "week": 52}


@dataclass(frozen=True)
class PlanView:
    id: int
    customer_id: int
    every_n: int
    unit: str
    method: str
    assignee_id: int | None
    active: bool
    version: int


@dataclass(frozen=True)
class PlanResult:
    plan: PlanView
    first: FollowupView | None  # the first follow-up planned with it, if any


def _view(plan: FollowupPlan) -> PlanView:
    return PlanView(id=plan.id, customer_id=plan.customer_id, every_n=plan.every_n, unit=plan.unit,
                    method=plan.method, assignee_id=plan.assignee_id, active=plan.active, version=plan.version)


def _snapshot(plan: FollowupPlan) -> dict[str, Any]:
    return {"every_n": plan.every_n, "unit": plan.unit, "method": plan.method, "assignee_id": plan.assignee_id,
            "active": plan.active}


def _check_customer(session: Session, actor: Actor, customer_id: int) -> None:
    if session.scalar(select(Customer.id).where(Customer.id == customer_id, visible_customers(actor))) is None:
        raise NotFound("followup.customer_not_found", customer_id=customer_id)


@writes("followups", "audit")
def set_followup_plan(session: Session, actor: Actor, customer_id: int, *, every_n: int, unit: str,
                      method: str = "phone", assignee_id: int | None = None,
                      first_due: dt.date | None = None) -> PlanResult:
    """Create or change the customer's plan (and plan the first follow-up on `first_due`)."""
    require(actor, "followups.edit")
    _check_customer(session, actor, customer_id)
    problems = ProblemList()
    if unit not in PLAN_UNITS:
        problems.add("followup.plan.bad_unit", field="unit", value=unit, known=", ".join(PLAN_UNITS))
    elif not isinstance(every_n, int) or isinstance(every_n, bool) or not 1 <= every_n <= MAX_EVERY[unit]:
        problems.add("followup.plan.bad_every", field="every_n", value=every_n, maximum=MAX_EVERY[unit])
    check_method(problems, method)
    if first_due is not None:
        check_due(problems, "first_due", first_due)
    problems.raise_if_any("followup.plan.invalid")
    plan = session.scalar(select(FollowupPlan).where(FollowupPlan.customer_id == customer_id))
    before = _snapshot(plan) if plan else {}
    if plan is None:
        plan = FollowupPlan(customer_id=customer_id, created_by=actor.id, every_n=every_n, unit=unit,
                            method=method, assignee_id=assignee_id or actor.id, active=True)
        session.add(plan)
    else:
        plan.every_n, plan.unit, plan.method, plan.active = every_n, unit, method, True
        plan.assignee_id = assignee_id or plan.assignee_id or actor.id
    session.flush()
    changes = audit.diff(before, _snapshot(plan))
    if changes:
        audit.record(session, actor, "update" if before else "create", "followup_plan", plan.id,
                     changes | {"customer_id": [None, customer_id]} if not before else changes)
    first = None
    open_exists = session.scalar(select(Followup.id).where(
        Followup.customer_id == customer_id, Followup.done_at.is_(None)).limit(1))
    if first_due is not None and open_exists is None:
        first = create_followup(session, actor, customer_id, due_on=first_due, method=method,
                                assignee_id=plan.assignee_id, source=f"plan:{plan.id}")
        session.get_one(Followup, first.id).plan_id = plan.id
        session.flush()
        first = get_followup(session, actor, first.id)
    return PlanResult(plan=_view(plan), first=first)


@writes("followups", "audit")
def stop_followup_plan(session: Session, actor: Actor, customer_id: int) -> PlanView | None:
    """Stop the customer's plan (no more follow-ups are created from it); None when it has none."""
    require(actor, "followups.edit")
    _check_customer(session, actor, customer_id)
    plan = session.scalar(select(FollowupPlan).where(FollowupPlan.customer_id == customer_id))
    if plan is None:
        return None
    if plan.active:
        plan.active = False
        session.flush()
        audit.record(session, actor, "stop", "followup_plan", plan.id, {"active": [True, False]})
    return _view(plan)


@reads
def get_followup_plan(session: Session, actor: Actor, customer_id: int) -> PlanView | None:
    require(actor, "followups.view")
    _check_customer(session, actor, customer_id)
    plan = session.scalar(select(FollowupPlan).where(FollowupPlan.customer_id == customer_id))
    return _view(plan) if plan else None
