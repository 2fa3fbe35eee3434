"""Automation rules: WHEN (a schedule or an event) IF (a condition over the customer) THEN (actions).

Schedules are "daily HH:MM" and "monthly D HH:MM" (local wall-clock time of the runner). Events are
derived from the data, not from an outbox: the services that would raise them sit below this domain,
and data cannot miss an event that a crashed writer forgot to post. Each event has a stable key, so the
idempotency records make a second look at the same data a no-op:

- usage_imported: customers with usage rows created since the rule last looked (key: the day);
- bill_issued: bills issued since then (key: the bill); receipt_recorded: receipts created since then
  (key: the receipt); customer_changed: customers with a change in the audit trail since then (key:
  the day); bill_overdue: bills that became overdue since then (key: the bill).

A condition is either null (every customer the event or schedule names), the built-in
{"no_usage_days": N}, or a segment condition of the insight area (services/insight/conditions.py).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import Customer
from ...models.worklist import AutomationRule, RuleExecution
from ..audit import trail as audit
from ..insight import conditions
from ..platform.errors import NotFound, Problem, ValidationError
from ..platform.operations import reads, writes
from ..security.permissions import Actor, require
from ..security.scope import visible_customers
from .rule_actions import GLOBAL_ACTIONS, check_action, shown

EVENTS = ("usage_imported", "bill_issued", "bill_overdue", "receipt_recorded", "customer_changed")
NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,59}$")
SCHEDULE_PATTERN = re.compile(
    r"^(daily (?P<dtime>\d{1,2}:\d{2})|monthly (?P<day>\d{1,2}) (?P<mtime>\d{1,2}:\d{2}))$"
)


@dataclass(frozen=True)
class RuleView:
    id: int
    name: str
    label: str
    builtin: bool
    enabled: bool
    trigger_kind: str
    schedule: str | None
    event: str | None
    condition: Any
    actions: tuple[dict[str, Any], ...]
    last_run_at: dt.datetime | None

    @property
    def trigger(self) -> str:
        return (self.schedule or "") if self.trigger_kind == "schedule" else f"event {self.event}"

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "label": self.label,
            "enabled": self.enabled,
            "builtin": self.builtin,
            "trigger": self.trigger,
            "trigger_kind": self.trigger_kind,
            "schedule": self.schedule,
            "event": self.event,
            "condition": self.condition,
            "actions": list(self.actions),
            "last_run_at": self.last_run_at.isoformat() if self.last_run_at else None,
        }


@dataclass(frozen=True)
class RuleInput:
    name: str
    trigger_kind: str
    actions: tuple[dict[str, Any], ...]
    schedule: str | None = None
    event: str | None = None
    condition: Any = None
    label: str = ""


@dataclass(frozen=True)
class ExecutionView:
    at: dt.datetime
    rule: str
    company_id: int | None
    customer_name: str | None
    period_key: str
    action: str
    result: str
    detail: str
    error: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "at": self.at.isoformat(),
            "rule": self.rule,
            "company_id": self.company_id,
            "customer_name": self.customer_name,
            "key": self.period_key,
            "action": self.action,
            "result": self.result,
            "detail": self.detail,
            "error": self.error,
        }


def view(rule: AutomationRule) -> RuleView:
    return RuleView(
        rule.id,
        rule.name,
        rule.label,
        rule.builtin,
        rule.enabled,
        rule.trigger_kind,
        rule.schedule,
        rule.event,
        rule.condition,
        tuple(rule.actions or ()),
        rule.last_run_at,
    )


def parse_schedule(spec: str) -> tuple[int | None, dt.time]:
    """ "daily 06:00" -> (None, 06:00); "monthly 1 06:00" -> (1, 06:00); ValueError otherwise."""
    found = SCHEDULE_PATTERN.match(spec.strip())
    if found is None:
        raise ValueError(spec)
    day = int(found["day"]) if found["day"] else None
    hours, minutes = (int(x) for x in (found["dtime"] or found["mtime"]).split(":"))
    if day is not None and not 1 <= day <= 28:
        raise ValueError(spec)
    return day, dt.time(hours, minutes)


def check_condition(condition: Any) -> None:
    """A built-in condition, or one the insight area validates (its ValidationError passes through)."""
    if condition is None:
        return
    if isinstance(condition, dict) and set(condition) == {"no_usage_days"}:
        days = condition["no_usage_days"]
        if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= 3650:
            raise ValidationError(
                "worklist.rule.invalid",
                [Problem("worklist.rule.bad_condition", field="condition", value=str(days))],
            )
        return
    conditions.validate_condition(condition)


def _problems(data: RuleInput) -> list[Problem]:
    problems: list[Problem] = []
    if not NAME_PATTERN.match(data.name or ""):
        problems.append(Problem("worklist.rule.bad_name", field="name", value=data.name))
    if data.trigger_kind == "schedule":
        try:
            parse_schedule(data.schedule or "")
        except ValueError:
            problems.append(Problem("worklist.rule.bad_schedule", field="schedule", value=data.schedule))
    elif data.trigger_kind == "event":
        if data.event not in EVENTS:
            problems.append(
                Problem(
                    "worklist.rule.unknown_event",
                    field="event",
                    value=data.event,
                    params={"known": ", ".join(EVENTS)},
                )
            )
    else:
        problems.append(Problem("worklist.rule.unknown_trigger", field="trigger", value=data.trigger_kind))
    if not data.actions:
        problems.append(Problem("worklist.rule.no_actions", field="actions"))
    for index, action in enumerate(data.actions, start=1):
        problems.extend(check_action(action, index))
    if data.trigger_kind == "event" and any(a.get("type") in GLOBAL_ACTIONS for a in data.actions):
        problems.append(
            Problem(
                "worklist.rule.global_action_on_event",
                field="actions",
                params={"actions": ", ".join(GLOBAL_ACTIONS)},
            )
        )
    return problems


@reads
def list_rules(session: Session, actor: Actor) -> tuple[RuleView, ...]:
    if not actor.can("rules.manage"):
        require(actor, "jobs.run")
    return tuple(
        view(r)
        for r in session.scalars(
            select(AutomationRule).order_by(AutomationRule.builtin.desc(), AutomationRule.name)
        )
    )


def _by_name(session: Session, name: str) -> AutomationRule:
    rule = session.scalar(select(AutomationRule).where(AutomationRule.name == name.strip()))
    if rule is None:
        raise NotFound("worklist.rule.not_found", name=name)
    return rule


@writes("rules", "audit")
def set_rule_enabled(session: Session, actor: Actor, name: str, enabled: bool) -> RuleView:
    require(actor, "rules.manage")
    rule = _by_name(session, name)
    if rule.enabled != enabled:
        audit.record(
            session, actor, "update", "automation_rule", rule.name, {"enabled": [rule.enabled, enabled]}
        )
        rule.enabled = enabled
        session.flush()
    return view(rule)


@writes("rules", "audit")
def add_rule(session: Session, actor: Actor, data: RuleInput) -> RuleView:
    """An admin's own rule, enabled at once (built-ins start off)."""
    require(actor, "rules.manage")
    problems = _problems(data)
    if session.scalar(select(AutomationRule.id).where(AutomationRule.name == data.name)) is not None:
        problems.append(Problem("worklist.rule.name_taken", field="name", value=data.name))
    if problems:
        raise ValidationError("worklist.rule.invalid", problems)
    check_condition(data.condition)
    rule = AutomationRule(
        name=data.name,
        label=data.label.strip(),
        builtin=False,
        enabled=True,
        trigger_kind=data.trigger_kind,
        schedule=data.schedule.strip() if data.trigger_kind == "schedule" and data.schedule else None,
        event=data.event if data.trigger_kind == "event" else None,
        condition=data.condition,
        actions=[dict(a) for a in data.actions],
        created_by=actor.id,
    )
    session.add(rule)
    session.flush()
    audit.record(
        session,
        actor,
        "create",
        "automation_rule",
        rule.name,
        {
            "trigger": [None, view(rule).trigger],
            "condition": [None, data.condition],
            "actions": [None, rule.actions],
        },
    )
    return view(rule)


@writes("rules", "audit")
def delete_rule(session: Session, actor: Actor, name: str) -> None:
    """Remove an admin's rule with its log; built-ins can only be disabled."""
    require(actor, "rules.manage")
    rule = _by_name(session, name)
    if rule.builtin:
        raise ValidationError(
            "worklist.rule.invalid", [Problem("worklist.rule.builtin_kept", field="name", value=rule.name)]
        )
    audit.record(session, actor, "delete", "automation_rule", rule.name, {"actions": [rule.actions, None]})
    session.delete(rule)
    session.flush()


@reads
def execution_log(
    session: Session, actor: Actor, rule_name: str | None = None, limit: int = 500
) -> tuple[ExecutionView, ...]:
    """The newest executions first; customer rows only for customers the actor may see."""
    if not actor.can("rules.manage"):
        require(actor, "jobs.run")
    query = (
        select(RuleExecution, AutomationRule.name, Customer.company_id, Customer.name)
        .join(AutomationRule, AutomationRule.id == RuleExecution.rule_id)
        .outerjoin(Customer, Customer.id == RuleExecution.customer_id)
        .where((RuleExecution.customer_id.is_(None)) | visible_customers(actor, RuleExecution.customer_id))
    )
    if rule_name:
        query = query.where(AutomationRule.name == rule_name)
    rows = session.execute(query.order_by(RuleExecution.id.desc()).limit(max(1, min(limit, 5000))))
    return tuple(
        ExecutionView(
            e.at if e.at.tzinfo else e.at.replace(tzinfo=dt.UTC),
            name,
            company_id,
            cname,
            e.period_key,
            e.action,
            e.result,
            shown(e.detail) or "",
            shown(e.error),
        )
        for e, name, company_id, cname in rows
    )
