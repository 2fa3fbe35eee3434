"""The job runner: run the automation rules that are due at a moment, each action once.

`opcms jobs run-due` (Task Scheduler / cron) and the open app call `run_due`. Two runners never double an
action: the runner holds the `run-due` row of job_locks for its whole transaction (PostgreSQL: a row lock
the second runner waits for; SQLite: the write transaction is already exclusive), and every action is
guarded by a rule_once key (rule, customer or 0, period or event key) that a database constraint keeps
unique. A failed action is logged with its error and its key released, so the next run retries it.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ...models import AuditEntry, Customer, Invoice, Receipt, UsageMonthly, UsageOrder
from ...models.worklist import AutomationRule, JobLock, RuleExecution, RuleOnce
from ..audit import trail as audit
from ..billing.balances import allocated_by_invoice, rounded
from ..insight import conditions, tags
from ..platform.errors import OpcmsError
from ..platform.messages import Message
from ..platform.operations import writes
from ..security.permissions import Actor, require
from ..security.scope import visible_customers
from .rule_actions import GLOBAL_ACTIONS, perform_for_customer, perform_global, stored
from .rules import parse_schedule
from .sla import utc

LOCK_NAME = "run-due"
LOCK_MINUTES = 30
EVENT_LOOKBACK = dt.timedelta(days=2)  # a rule enabled today also sees yesterday's events


@dataclass
class JobRun:
    now: dt.datetime
    rules_run: int = 0
    actions: int = 0
    skipped: int = 0
    failed: int = 0
    log: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "now": self.now.isoformat(timespec="minutes"),
            "rules_run": self.rules_run,
            "actions": self.actions,
            "skipped": self.skipped,
            "failed": self.failed,
            "log": self.log,
        }


def _take_lock(session: Session, now: dt.datetime, holder: str) -> None:
    if session.get(JobLock, LOCK_NAME) is None:
        try:
            with session.begin_nested():
                session.add(JobLock(name=LOCK_NAME))
        except IntegrityError:
            pass
    lock = session.scalar(
        select(JobLock)
        .where(JobLock.name == LOCK_NAME)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    assert lock is not None
    lock.holder, lock.acquired_at, lock.expires_at = holder, now, now + dt.timedelta(minutes=LOCK_MINUTES)
    session.flush()


def _release_lock(session: Session) -> None:
    lock = session.get(JobLock, LOCK_NAME)
    if lock is not None:
        lock.holder = lock.acquired_at = lock.expires_at = None
        session.flush()


def schedule_key(spec: str, now: dt.datetime) -> str | None:
    """The period a schedule is due for at local time `now` ("2026-12-03" daily, "2026-12" monthly), or None."""
    day, at = parse_schedule(spec)
    if now.time() < at:
        return None
    if day is None:
        return f"{now:%Y-%m-%d}"
    return f"{now:%Y-%m}" if now.day >= day else None


def _since(rule: AutomationRule, now: dt.datetime) -> dt.datetime:
    last = rule.last_run_at
    start = (last if last.tzinfo else last.replace(tzinfo=dt.UTC)) if last else now
    return start - EVENT_LOOKBACK


def event_keys(
    session: Session, actor: Actor, event: str, since: dt.datetime, now: dt.datetime
) -> list[tuple[int, str]]:
    """(customer id, event key) of the events that happened between `since` and `now`."""
    seen = visible_customers(actor, Customer.id)
    if event in ("bill_issued", "bill_overdue", "receipt_recorded"):
        if event == "bill_issued":
            query: Any = select(Invoice.customer_id, Invoice.id).where(
                Invoice.status == "issued",
                Invoice.issue_date >= since.date(),
                Invoice.issue_date <= now.date(),
            )
        elif event == "bill_overdue":
            paid = allocated_by_invoice(now.date())
            query = (
                select(Invoice.customer_id, Invoice.id)
                .outerjoin(paid, paid.c.invoice_id == Invoice.id)
                .where(
                    Invoice.status == "issued",
                    Invoice.due_date >= since.date(),
                    Invoice.due_date < now.date(),
                    rounded(Invoice.total - func.coalesce(paid.c.allocated, 0)) > 0,
                )
            )
        else:
            query = select(Receipt.customer_id, Receipt.id).where(
                Receipt.created_at >= since, Receipt.created_at <= now
            )
        prefix = {"bill_issued": "bill", "bill_overdue": "overdue", "receipt_recorded": "receipt"}[event]
        customer_column = query.selected_columns[0]
        rows = session.execute(query.where(visible_customers(actor, customer_column)))
        return [(cid, f"{prefix}:{entity_id}") for cid, entity_id in rows]
    if event == "usage_imported":
        ids = set(
            session.execute(
                select(UsageOrder.customer_id).where(
                    UsageOrder.created_at >= since, UsageOrder.created_at <= now
                )
            ).scalars()
        )
        ids |= set(
            session.execute(
                select(UsageMonthly.customer_id).where(
                    UsageMonthly.created_at >= since, UsageMonthly.created_at <= now
                )
            ).scalars()
        )
        key = f"usage:{now:%Y-%m-%d}"
    else:  # customer_changed
        key = f"changed:{now:%Y-%m-%d}"
        changed = session.execute(
            select(AuditEntry.entity_id)
            .where(AuditEntry.entity == "customer", AuditEntry.at >= since, AuditEntry.at <= now)
            .distinct()
        ).scalars()
        ids = {int(x) for x in changed if x and x.isdigit()}
    visible = (
        set(session.scalars(select(Customer.id).where(Customer.id.in_(sorted(ids)), seen))) if ids else set()
    )
    return [(cid, key) for cid in sorted(visible)]


def no_usage_customers(session: Session, actor: Actor, days: int, today: dt.date) -> list[int]:
    """Customers that had usage, none in the last `days` days, and are not dormant yet."""
    cutoff = today - dt.timedelta(days=days)
    last_order = (
        select(UsageOrder.customer_id.label("cid"), func.max(UsageOrder.upload_date).label("last"))
        .group_by(UsageOrder.customer_id)
        .subquery()
    )
    last_month = (
        select(UsageMonthly.customer_id.label("cid"), func.max(UsageMonthly.period).label("last"))
        .where((UsageMonthly.single_shoots + UsageMonthly.multi_shoots) > 0)
        .group_by(UsageMonthly.customer_id)
        .subquery()
    )
    rows = session.execute(
        select(Customer.id, last_order.c.last, last_month.c.last)
        .outerjoin(last_order, last_order.c.cid == Customer.id)
        .outerjoin(last_month, last_month.c.cid == Customer.id)
        .where(
            (last_order.c.last.is_not(None)) | (last_month.c.last.is_not(None)),
            (Customer.coop_status.is_(None)) | (Customer.coop_status != "dormant"),
            visible_customers(actor),
        )
    )
    found = []
    for customer_id, order_day, month in rows:
        last = _as_date(order_day)
        if month:
            year, number = int(month[:4]), int(month[5:7])
            month_end = dt.date(year + number // 12, number % 12 + 1, 1) - dt.timedelta(days=1)
            last = max(last, month_end) if last else month_end
        if last is not None and last < cutoff:
            found.append(customer_id)
    return sorted(found)


def _as_date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _matching(
    session: Session, actor: Actor, condition: Any, today: dt.date, candidates: list[int] | None
) -> list[int]:
    """Customer ids meeting the condition: among the event's customers, or among all visible ones."""
    if condition is None:
        if candidates is not None:
            return candidates
        return list(
            session.scalars(select(Customer.id).where(visible_customers(actor)).order_by(Customer.id))
        )
    if isinstance(condition, dict) and set(condition) == {"no_usage_days"}:
        found = no_usage_customers(session, actor, int(condition["no_usage_days"]), today)
    else:
        found = sorted(conditions.matching_customer_ids(session, actor, condition, as_of=today))
    if candidates is not None:
        allowed = set(candidates)
        found = [c for c in found if c in allowed]
    return found


def _once(session: Session, rule_id: int, customer_key: int, period_key: str) -> bool:
    """Claim the key; False if it was claimed before (by this runner or another)."""
    if (
        session.scalar(
            select(RuleOnce.id).where(
                RuleOnce.rule_id == rule_id,
                RuleOnce.customer_key == customer_key,
                RuleOnce.period_key == period_key,
            )
        )
        is not None
    ):
        return False
    try:
        with session.begin_nested():
            session.add(RuleOnce(rule_id=rule_id, customer_key=customer_key, period_key=period_key))
            session.flush()
    except IntegrityError:
        return False
    return True


@writes("rules", "jobs", "dunning", "followups", "tickets", "customers", "tags", "bills", "audit")
def run_due(session: Session, actor: Actor, now: dt.datetime | None = None) -> JobRun:
    """Run every enabled rule due at `now` (local time; default the present)."""
    require(actor, "jobs.run")
    local = (now if now is not None else dt.datetime.now()).astimezone()
    stamp = utc(local)
    run = JobRun(now=local)
    _take_lock(session, stamp, f"{actor.username}@{socket.gethostname()}:{os.getpid()}")
    _refresh_rule_tags(session, actor, local.date())
    for rule in session.scalars(
        select(AutomationRule).where(AutomationRule.enabled.is_(True)).order_by(AutomationRule.id)
    ).all():
        _run_rule(session, actor, rule, local, stamp, run)
    _release_lock(session)
    if run.actions or run.failed:
        audit.record(
            session,
            actor,
            "event",
            "jobs_run",
            None,
            {
                "now": local.isoformat(timespec="minutes"),
                "rules_run": run.rules_run,
                "actions": run.actions,
                "skipped": run.skipped,
                "failed": run.failed,
            },
        )
    return run


def _refresh_rule_tags(session: Session, actor: Actor, today: dt.date) -> None:
    if actor.can("tags.manage"):
        tags.refresh_rule_tags(session, actor, as_of=today)


def _run_rule(
    session: Session, actor: Actor, rule: AutomationRule, local: dt.datetime, stamp: dt.datetime, run: JobRun
) -> None:
    today = local.date()
    if rule.trigger_kind == "schedule":
        key = schedule_key(rule.schedule or "", local)
        if key is None:
            return
        targets: list[tuple[int, str]] | None = None
        candidates = None
    else:
        targets = event_keys(session, actor, rule.event or "", _since(rule, stamp), stamp)
        candidates = sorted({cid for cid, _ in targets})
        key = ""
    global_actions = [a for a in rule.actions if a.get("type") in GLOBAL_ACTIONS]
    customer_actions = [a for a in rule.actions if a.get("type") not in GLOBAL_ACTIONS]
    acted = False
    if global_actions and targets is None:
        if _once(session, rule.id, 0, key):
            acted = True
            _perform(
                session,
                run,
                rule,
                None,
                key,
                global_actions,
                stamp,
                lambda action: perform_global(session, actor, action, today),
            )
        else:
            run.skipped += 1
    if customer_actions:
        try:
            matching = _matching(session, actor, rule.condition, today, candidates)
        except OpcmsError as error:
            _log(session, run, rule, None, key, "condition", "failed", None, reason(error), stamp)
            return
        keys = targets if targets is not None else [(cid, key) for cid in matching]
        allowed = set(matching)
        for customer_id, period_key in keys:
            if customer_id not in allowed:
                continue
            if not _once(session, rule.id, customer_id, period_key):
                run.skipped += 1
                continue
            acted = True
            _perform(
                session,
                run,
                rule,
                customer_id,
                period_key,
                customer_actions,
                stamp,
                lambda action, cid=customer_id: perform_for_customer(
                    session, actor, rule.name, action, cid, today
                ),
            )
    if acted:
        run.rules_run += 1
    rule.last_run_at = stamp
    session.flush()


def _perform(
    session: Session,
    run: JobRun,
    rule: AutomationRule,
    customer_id: int | None,
    period_key: str,
    actions: list[dict[str, Any]],
    stamp: dt.datetime,
    do: Any,
) -> None:
    """All actions of one (rule, customer, key) in a savepoint: all done, or none and the key released."""
    done: list[tuple[str, Message]] = []
    try:
        with session.begin_nested():
            for action in actions:
                done.append((action["type"], do(action)))
    except OpcmsError as error:
        session.execute(
            delete(RuleOnce).where(
                RuleOnce.rule_id == rule.id,
                RuleOnce.customer_key == (customer_id or 0),
                RuleOnce.period_key == period_key,
            )
        )
        failed_action = actions[len(done)]["type"] if len(done) < len(actions) else actions[-1]["type"]
        run.failed += 1
        _log(session, run, rule, customer_id, period_key, failed_action, "failed", None, reason(error), stamp)
        return
    for action_type, detail in done:
        run.actions += 1
        _log(session, run, rule, customer_id, period_key, action_type, "done", detail, None, stamp)


def reason(error: OpcmsError) -> Message:
    """What went wrong, as specific as the error says: its first problem, else its own message."""
    problems = getattr(error, "problems", None)
    if problems:
        return Message(problems[0].code, problems[0].params)
    return error.message


def _log(
    session: Session,
    run: JobRun,
    rule: AutomationRule,
    customer_id: int | None,
    period_key: str,
    action: str,
    result: str,
    detail: Message | None,
    error: Message | None,
    stamp: dt.datetime,
) -> None:
    session.add(
        RuleExecution(
            at=stamp,
            rule_id=rule.id,
            customer_id=customer_id,
            period_key=period_key,
            action=action,
            result=result,
            detail=stored(detail) or "",
            error=stored(error),
        )
    )
    detail_text = detail.text() if detail else ""
    error_text = error.text() if error else None
    company_id = (
        session.scalar(select(Customer.company_id).where(Customer.id == customer_id)) if customer_id else None
    )
    run.log.append(
        {
            "rule": rule.name,
            "company_id": company_id,
            "key": period_key,
            "action": action,
            "result": result,
            "detail": detail_text,
            "error": error_text,
        }
    )
