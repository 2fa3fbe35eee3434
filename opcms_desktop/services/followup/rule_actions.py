"""What an automation rule can do (THEN), checked when the rule is saved and performed by the runner.

Per-customer actions: followup {content, due_in_days}, ticket {ticket_type, priority, subject},
set_tag / remove_tag {tag}, set_status {status}, notify_owner {message}. Whole-run actions (once per
period, no customer): bill_run_preview, bill_run_drafts (the month before the run date), dunning_run.

Decision: "notify the owner" is a follow-up of method `other` assigned to the customer's sales owner,
so that it lands on their today pane; the app has no other inbox.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy.orm import Session

from ...models.worklist import TICKET_PRIORITIES, TICKET_TYPES
from ..billing.run import generate_bill_run, preview_bill_run
from ..customers.batch import set_coop_status
from ..insight import tags
from ..platform.errors import Problem
from ..platform.messages import Message, json_params, msg, render
from ..platform.periods import Period
from ..security.permissions import Actor
from .dunning import run_dunning
from .followups import create_followup
from .tickets import TicketInput, add_ticket

CUSTOMER_ACTIONS = ("followup", "ticket", "set_tag", "remove_tag", "set_status", "notify_owner")
GLOBAL_ACTIONS = ("bill_run_preview", "bill_run_drafts", "dunning_run")
ACTION_TYPES = CUSTOMER_ACTIONS + GLOBAL_ACTIONS
COOP_STATUSES = ("active", "dormant", "pending", "trial", "terminated")
TEXT_LIMIT = 500


def _text(
    action: dict[str, Any], key: str, index: int, problems: list[Problem], required: bool = True
) -> None:
    value = action.get(key)
    if value is None and not required:
        return
    if not isinstance(value, str) or not value.strip() or len(value) > TEXT_LIMIT:
        problems.append(
            Problem(
                "worklist.rule.bad_action_field",
                field="actions",
                params={"index": index, "key": key, "limit": TEXT_LIMIT},
            )
        )


def check_action(action: Any, index: int) -> list[Problem]:
    """Problems of the index-th action (1-based) of a rule."""
    problems: list[Problem] = []
    kind = action.get("type") if isinstance(action, dict) else None
    if kind not in ACTION_TYPES:
        return [
            Problem(
                "worklist.rule.unknown_action",
                field="actions",
                value=str(kind),
                params={"index": index, "known": ", ".join(ACTION_TYPES)},
            )
        ]
    assert isinstance(action, dict)
    if kind == "followup":
        _text(action, "content", index, problems)
        days = action.get("due_in_days", 0)
        if not isinstance(days, int) or isinstance(days, bool) or not 0 <= days <= 365:
            problems.append(
                Problem(
                    "worklist.rule.bad_action_field",
                    field="actions",
                    params={"index": index, "key": "due_in_days", "limit": 365},
                )
            )
    elif kind == "ticket":
        _text(action, "subject", index, problems)
        if action.get("ticket_type", "other") not in TICKET_TYPES:
            problems.append(
                Problem(
                    "worklist.rule.bad_action_field",
                    field="actions",
                    params={"index": index, "key": "ticket_type", "limit": TEXT_LIMIT},
                )
            )
        if action.get("priority", "normal") not in TICKET_PRIORITIES:
            problems.append(
                Problem(
                    "worklist.rule.bad_action_field",
                    field="actions",
                    params={"index": index, "key": "priority", "limit": TEXT_LIMIT},
                )
            )
    elif kind in ("set_tag", "remove_tag"):
        _text(action, "tag", index, problems)
    elif kind == "set_status":
        if action.get("status") not in COOP_STATUSES:
            problems.append(
                Problem(
                    "worklist.rule.bad_action_field",
                    field="actions",
                    params={"index": index, "key": "status", "limit": TEXT_LIMIT},
                )
            )
    elif kind == "notify_owner":
        _text(action, "message", index, problems)
    return problems


def perform_for_customer(
    session: Session, actor: Actor, rule_name: str, action: dict[str, Any], customer_id: int, today: dt.date
) -> Message:
    """Do one per-customer action; returns what it did, for the log."""
    kind = action["type"]
    source = f"rule:{rule_name}"
    if kind == "followup":
        due = today + dt.timedelta(days=int(action.get("due_in_days", 0)))
        made = create_followup(
            session, actor, customer_id, due_on=due, content=action["content"], source=source
        )
        return msg("worklist.log.followup", followup_id=made.id)
    if kind == "notify_owner":
        made = create_followup(
            session,
            actor,
            customer_id,
            due_on=today,
            method="other",
            content=action["message"],
            source=f"{source}:notify",
        )
        return msg("worklist.log.followup", followup_id=made.id)
    if kind == "ticket":
        ticket = add_ticket(
            session,
            actor,
            TicketInput(
                customer_id,
                action.get("ticket_type", "other"),
                action.get("priority", "normal"),
                action["subject"],
            ),
        )
        return msg("worklist.log.ticket", ticket_id=ticket.id)
    if kind == "set_status":
        changed = set_coop_status(session, actor, [customer_id], action["status"])
        return msg("worklist.log.status", status=action["status"], changed=changed.changed)
    if kind == "set_tag":
        tags.apply_tag(session, actor, [customer_id], action["tag"], source=source)
    else:
        tags.remove_tag(session, actor, [customer_id], action["tag"])
    return msg("worklist.log.tag_set" if kind == "set_tag" else "worklist.log.tag_removed", tag=action["tag"])


def perform_global(session: Session, actor: Actor, action: dict[str, Any], today: dt.date) -> Message:
    """Do one whole-run action; returns what it did, for the log."""
    kind = action["type"]
    if kind == "dunning_run":
        run = run_dunning(session, actor, today)
        return msg("worklist.log.dunning", created=len(run.created), skipped=run.skipped, on_hold=run.on_hold)
    period = str(Period.parse(f"{today:%Y-%m}").previous)
    if kind == "bill_run_preview":
        preview = preview_bill_run(session, actor, period)
        return msg("worklist.log.preview", period=period, customers=len(preview.customers))
    result = generate_bill_run(session, actor, period, today=today)
    return msg(
        "worklist.log.drafts",
        period=period,
        created=result.created,
        replaced=result.replaced,
        unchanged=result.unchanged,
    )


def stored(message: Message | None) -> str | None:
    """A message as the log keeps it: its code and parameters (shown in the reader's language)."""
    return (
        None
        if message is None
        else json.dumps({"code": message.code, "params": json_params(message.params)}, ensure_ascii=False)
    )


def shown(text: str | None) -> str | None:
    """A stored message in the current language (text stored otherwise stays as it is)."""
    if not text:
        return text
    try:
        found = json.loads(text)
        return render(found["code"], found.get("params") or {})
    except (ValueError, TypeError, KeyError):
        return text
