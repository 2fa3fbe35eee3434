"""Dunning (催款): levels relative to the due date, the daily run, and holds on disputed bills.

Decisions where the issue was silent:
- The run requires `dunning.run` (ops and admin); sales do not hold it, and the run is scoped with
  `visible_customers` all the same, so a custom role with `own` scope only touches its own customers.
- A bill is open on the run date when it is issued (not cancelled), issued on or before that date and
  its balance (total minus allocations made by then) is above zero; paying or crediting it ends dunning.
- A bill that has passed several levels gets one record at the highest level reached; lower levels
  are not back-filled. A bill whose highest reached level (or a higher one) was already recorded is
  counted as `skipped`; a bill on hold is counted as `on_hold` and gets nothing.
- `days_overdue` in an item is the signed number of days since the due date (-3 = due in three days).
- The unique (invoice_id, level_days) constraint is the last word when two runners meet: each insert
  runs in a savepoint, and a duplicate counts as skipped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import ColumnElement, delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ...models import Customer, Invoice
from ...models.base import utcnow
from ...models.worklist import DunningHold, DunningLevel, DunningRecord
from ..audit import trail as audit
from ..billing.balances import allocated_by_invoice
from ..platform.errors import NotFound, Problem, ValidationError
from ..platform.money import ZERO, money, money_text
from ..platform.operations import reads, writes
from ..security.permissions import Actor, require
from ..security.scope import visible_customers
from .followups import create_followup

MIN_DAYS, MAX_DAYS, MAX_LEVELS = -90, 730, 12
REASON_LIMIT = 500


@dataclass(frozen=True)
class Level:
    days: int
    creates_followup: bool = True
    sends_letter: bool = False

    @property
    def action(self) -> str:
        parts = [
            name for name, on in (("followup", self.creates_followup), ("letter", self.sends_letter)) if on
        ]
        return "+".join(parts) or "none"


@dataclass(frozen=True)
class DunningItem:
    invoice_id: int
    number: str
    company_id: int
    customer_name: str
    level: int
    due_date: dt.date
    days_overdue: int
    balance: Decimal
    action: str

    def to_json(self) -> dict[str, object]:
        return {
            "number": self.number,
            "company_id": self.company_id,
            "level": self.level,
            "due_date": self.due_date.isoformat(),
            "days_overdue": self.days_overdue,
            "balance": money_text(self.balance),
            "action": self.action,
        }


@dataclass(frozen=True)
class DunningRun:
    as_of: dt.date
    created: tuple[DunningItem, ...]
    skipped: int
    on_hold: int

    def to_json(self) -> dict[str, object]:
        return {
            "as_of": self.as_of.isoformat(),
            "created": len(self.created),
            "skipped": self.skipped,
            "on_hold": self.on_hold,
            "items": [item.to_json() for item in self.created],
        }


@dataclass(frozen=True)
class OpenBill:
    """A bill in dunning on a date: open, due, with its last level and hold."""

    invoice_id: int
    number: str
    customer_id: int
    company_id: int
    customer_name: str
    period: str
    issue_date: dt.date
    due_date: dt.date
    total: Decimal
    balance: Decimal
    days_overdue: int
    last_level: int | None
    on_hold: bool
    hold_reason: str


# ---- levels -------------------------------------------------------------------------------------------


@reads
def list_levels(session: Session, actor: Actor) -> tuple[Level, ...]:
    if not actor.can("dunning.manage"):
        require(actor, "dunning.run")
    rows = session.scalars(select(DunningLevel).order_by(DunningLevel.days))
    return tuple(Level(r.days, r.creates_followup, r.sends_letter) for r in rows)


def parse_levels(text: str) -> tuple[int, ...]:
    """ "-3,1,15,30,60" -> (-3, 1, 15, 30, 60); ValidationError naming the bad part."""
    days: list[int] = []
    problems: list[Problem] = []
    for part in (text or "").split(","):
        piece = part.strip()
        try:
            days.append(int(piece))
        except ValueError:
            problems.append(Problem("worklist.dunning.level_not_number", field="levels", value=piece))
    if problems:
        raise ValidationError("worklist.dunning.levels_invalid", problems)
    return tuple(days)


@writes("dunning", "audit")
def set_levels(session: Session, actor: Actor, levels: Sequence[Level]) -> tuple[Level, ...]:
    """Replace the levels. Records already made stay (they name their level's days, not a row)."""
    require(actor, "dunning.manage")
    problems: list[Problem] = []
    if not levels:
        problems.append(Problem("worklist.dunning.no_levels", field="levels"))
    if len(levels) > MAX_LEVELS:
        problems.append(
            Problem("worklist.dunning.too_many_levels", field="levels", params={"maximum": MAX_LEVELS})
        )
    seen: set[int] = set()
    for level in levels:
        if not MIN_DAYS <= level.days <= MAX_DAYS:
            problems.append(
                Problem(
                    "worklist.dunning.level_out_of_range",
                    field="levels",
                    value=str(level.days),
                    params={"minimum": MIN_DAYS, "maximum": MAX_DAYS},
                )
            )
        if level.days in seen:
            problems.append(
                Problem("worklist.dunning.level_duplicate", field="levels", value=str(level.days))
            )
        seen.add(level.days)
    if problems:
        raise ValidationError("worklist.dunning.levels_invalid", problems)
    before = [lv.__dict__ for lv in list_levels(session, actor)]
    session.execute(delete(DunningLevel))
    ordered = sorted(levels, key=lambda lv: lv.days)
    session.add_all(
        DunningLevel(days=lv.days, creates_followup=lv.creates_followup, sends_letter=lv.sends_letter)
        for lv in ordered
    )
    session.flush()
    after = [lv.__dict__ for lv in ordered]
    audit.record(session, actor, "update", "dunning_levels", None, {"levels": [before, after]})
    return tuple(ordered)


def default_level(days: int) -> Level:
    """A new level made from a bare number: a follow-up always, a letter from 15 days overdue on."""
    return Level(days, creates_followup=True, sends_letter=days >= 15)


# ---- open bills -----------------------------------------------------------------------------------------


def _open_bills(
    session: Session, actor: Actor, as_of: dt.date, *conditions: ColumnElement[bool]
) -> list[OpenBill]:
    alloc = allocated_by_invoice(as_of)
    last_level = (
        select(DunningRecord.invoice_id, func.max(DunningRecord.level_days).label("level"))
        .group_by(DunningRecord.invoice_id)
        .subquery("last_level")
    )
    rows = session.execute(
        select(
            Invoice.id,
            Invoice.number,
            Invoice.customer_id,
            Customer.company_id,
            Customer.name,
            Invoice.period,
            Invoice.issue_date,
            Invoice.due_date,
            Invoice.total,
            func.coalesce(alloc.c.allocated, 0),
            last_level.c.level,
            DunningHold.on_hold,
            DunningHold.reason,
        )
        .join(Customer, Customer.id == Invoice.customer_id)
        .outerjoin(alloc, alloc.c.invoice_id == Invoice.id)
        .outerjoin(last_level, last_level.c.invoice_id == Invoice.id)
        .outerjoin(DunningHold, DunningHold.invoice_id == Invoice.id)
        .where(
            Invoice.status == "issued",
            Invoice.issue_date <= as_of,
            Invoice.due_date.is_not(None),
            visible_customers(actor, Invoice.customer_id),
            *conditions,
        )
        .order_by(Invoice.due_date, Invoice.number)
    )
    found = []
    for (
        invoice_id,
        number,
        customer_id,
        company_id,
        name,
        period,
        issue_date,
        due_date,
        total,
        allocated,
        level,
        on_hold,
        reason,
    ) in rows:
        balance = money(total) - money(allocated)
        if balance <= ZERO or number is None or due_date is None or issue_date is None:
            continue
        found.append(
            OpenBill(
                invoice_id,
                number,
                customer_id,
                company_id,
                name,
                period,
                issue_date,
                due_date,
                money(total),
                balance,
                (as_of - due_date).days,
                level,
                bool(on_hold),
                (reason or "") if on_hold else "",
            )
        )
    return found


@reads
def open_bills(session: Session, actor: Actor, as_of: dt.date) -> tuple[OpenBill, ...]:
    """The open bills with a due date, as the dunning screen lists them (paid and credited ones drop out)."""
    require(actor, "invoices.view")
    return tuple(_open_bills(session, actor, as_of))


# ---- the run -------------------------------------------------------------------------------------------


@writes("dunning", "followups", "audit")
def run_dunning(session: Session, actor: Actor, as_of: dt.date) -> DunningRun:
    """Dun every open bill that reached a level by `as_of`: one record per bill and level, never twice."""
    require(actor, "dunning.run")
    levels = sorted(
        (Level(r.days, r.creates_followup, r.sends_letter) for r in session.scalars(select(DunningLevel))),
        key=lambda lv: lv.days,
    )
    created: list[DunningItem] = []
    skipped = on_hold = 0
    audit_items: list[audit.AuditItem] = []
    for bill in _open_bills(session, actor, as_of):
        reached = [lv for lv in levels if lv.days <= bill.days_overdue]
        if not reached:
            continue
        if bill.on_hold:
            on_hold += 1
            continue
        level = reached[-1]
        if bill.last_level is not None and bill.last_level >= level.days:
            skipped += 1
            continue
        record = _insert_record(session, actor, bill, level, as_of)
        if record is None:
            skipped += 1
            continue
        created.append(
            DunningItem(
                bill.invoice_id,
                bill.number,
                bill.company_id,
                bill.customer_name,
                level.days,
                bill.due_date,
                bill.days_overdue,
                bill.balance,
                level.action,
            )
        )
        audit_items.append(
            audit.AuditItem(
                "create",
                "dunning_record",
                record.id,
                {
                    "number": [None, bill.number],
                    "level": [None, level.days],
                    "action": [None, level.action],
                    "balance": [None, money_text(bill.balance)],
                    "as_of": [None, as_of.isoformat()],
                },
                None,
            )
        )
    if audit_items:
        audit.record_many(session, actor, audit_items)
    return DunningRun(as_of, tuple(created), skipped, on_hold)


def _insert_record(
    session: Session, actor: Actor, bill: OpenBill, level: Level, as_of: dt.date
) -> DunningRecord | None:
    """The record with its follow-up, or None when another runner recorded this bill and level first."""
    try:
        with session.begin_nested():
            record = DunningRecord(
                invoice_id=bill.invoice_id,
                customer_id=bill.customer_id,
                level_days=level.days,
                as_of=as_of,
                action=level.action,
                balance=money_text(bill.balance) or "0.00",
                created_by=actor.id,
            )
            session.add(record)
            session.flush()
    except IntegrityError:
        return None
    if level.creates_followup:
        when = "before" if bill.days_overdue < 0 else "after"
        content = f"催款：账单 {bill.number}（{bill.period}）余额 {money_text(bill.balance)} 元，" + (
            f"{-bill.days_overdue} 天后到期" if when == "before" else f"已逾期 {bill.days_overdue} 天"
        )
        followup = create_followup(
            session,
            actor,
            bill.customer_id,
            due_on=as_of,
            method="phone",
            content=content,
            source=f"dunning:{bill.number}:{level.days}",
        )
        record.followup_id = followup.id
        session.flush()
    return record


# ---- holds ---------------------------------------------------------------------------------------------


def _visible_bill(session: Session, actor: Actor, invoice_id: int) -> Invoice:
    bill = session.scalar(
        select(Invoice).where(Invoice.id == invoice_id, visible_customers(actor, Invoice.customer_id))
    )
    if bill is None or bill.number is None:
        raise NotFound("worklist.dunning.bill_not_found", invoice_id=invoice_id)
    return bill


def _clean_reason(reason: str | None, required: bool) -> str:
    text = (reason or "").strip()
    if required and not text:
        raise ValidationError(
            "worklist.dunning.hold_invalid", [Problem("worklist.dunning.reason_required", field="reason")]
        )
    if len(text) > REASON_LIMIT:
        raise ValidationError(
            "worklist.dunning.hold_invalid",
            [Problem("worklist.dunning.reason_too_long", field="reason", params={"limit": REASON_LIMIT})],
        )
    return text


@writes("dunning", "audit")
def set_hold(session: Session, actor: Actor, invoice_id: int, on_hold: bool, reason: str | None) -> bool:
    """Put a bill on hold (a reason is required) or release it; audited. Returns the new hold state."""
    require(actor, "dunning.run")
    bill = _visible_bill(session, actor, invoice_id)
    text = _clean_reason(reason, required=on_hold)
    hold = session.get(DunningHold, invoice_id)
    before = {"on_hold": bool(hold and hold.on_hold), "reason": hold.reason if hold else ""}
    if hold is None:
        hold = DunningHold(invoice_id=invoice_id, customer_id=bill.customer_id)
        session.add(hold)
    hold.on_hold, hold.reason, hold.changed_by, hold.changed_at = on_hold, text, actor.id, utcnow()
    session.flush()
    audit.record(
        session,
        actor,
        "update",
        "dunning_hold",
        invoice_id,
        audit.diff(before, {"on_hold": on_hold, "reason": text}) or {"on_hold": [on_hold, on_hold]},
        bill.number,
    )
    return on_hold


@reads
def bill_dunning_history(
    session: Session, actor: Actor, invoice_id: int
) -> tuple[tuple[int, dt.date, str], ...]:
    """(level, as_of, action) of each record of one bill, oldest first."""
    require(actor, "invoices.view")
    _visible_bill(session, actor, invoice_id)
    rows = session.execute(
        select(DunningRecord.level_days, DunningRecord.as_of, DunningRecord.action)
        .where(DunningRecord.invoice_id == invoice_id)
        .order_by(DunningRecord.level_days)
    )
    return tuple((level, as_of, action) for level, as_of, action in rows)
