"""Dunning levels and records, work orders and SLA rules, automation rules and their run log."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, BigId, Json, created_at_column

TICKET_TYPES = ("complaint", "billing_question", "renewal", "technical", "other")
TICKET_PRIORITIES = ("low", "normal", "high", "urgent")
TICKET_STATUSES = ("new", "in_progress", "waiting_for_customer", "resolved", "closed")


class DunningLevel(Base):
    """A dunning step: `days` relative to the bill's due date (-3 = three days before), with its actions."""

    __tablename__ = "dunning_levels"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    days: Mapped[int] = mapped_column(Integer, unique=True)
    creates_followup: Mapped[bool] = mapped_column(Boolean, default=True)
    sends_letter: Mapped[bool] = mapped_column(Boolean, default=False)


class DunningRecord(Base):
    """One bill reaching one level; the unique key keeps two runners from dunning a bill twice."""

    __tablename__ = "dunning_records"
    __table_args__ = (UniqueConstraint("invoice_id", "level_days"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    level_days: Mapped[int] = mapped_column(Integer)
    as_of: Mapped[dt.date] = mapped_column(Date)
    action: Mapped[str] = mapped_column(String(20))  # followup / letter / followup+letter / none
    balance: Mapped[str] = mapped_column(String(20))  # the open balance on the run date, as text ("1200.00")
    followup_id: Mapped[int | None] = mapped_column(ForeignKey("followups.id"))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = created_at_column()


class DunningHold(Base):
    """A bill put on hold (disputed): dunning skips it until released. History lives in the audit trail."""

    __tablename__ = "dunning_holds"

    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"), primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    on_hold: Mapped[bool] = mapped_column(Boolean, default=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    changed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    changed_at: Mapped[dt.datetime] = created_at_column()


class SlaRule(Base):
    """Deadlines of a work order by type and priority, in minutes after creation (paused time added)."""

    __tablename__ = "sla_rules"
    __table_args__ = (UniqueConstraint("ticket_type", "priority"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    ticket_type: Mapped[str] = mapped_column(String(20))
    priority: Mapped[str] = mapped_column(String(10))
    first_response_minutes: Mapped[int] = mapped_column(Integer)
    resolution_minutes: Mapped[int] = mapped_column(Integer)


class Ticket(Base):
    """A work order (工单). The SLA minutes are copied from the rule at creation; the deadlines are
    created_at + minutes + paused_seconds, recomputed whenever a pause ends."""

    __tablename__ = "tickets"
    __table_args__ = (
        CheckConstraint("paused_seconds >= 0", name="paused_non_negative"),
        Index("ix_tickets_status_resolution_due", "status", "resolution_due"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"))
    ticket_type: Mapped[str] = mapped_column(String(20))
    priority: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(24), default="new")
    subject: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = created_at_column()
    first_response_minutes: Mapped[int] = mapped_column(Integer)
    resolution_minutes: Mapped[int] = mapped_column(Integer)
    first_response_due: Mapped[dt.datetime]
    resolution_due: Mapped[dt.datetime]
    responded_at: Mapped[dt.datetime | None]
    resolved_at: Mapped[dt.datetime | None]
    closed_at: Mapped[dt.datetime | None]
    paused_seconds: Mapped[int] = mapped_column(Integer, default=0)
    paused_since: Mapped[dt.datetime | None]
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class TicketNote(Base):
    """A note or status change on a work order."""

    __tablename__ = "ticket_notes"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), index=True)
    at: Mapped[dt.datetime]
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    status_from: Mapped[str | None] = mapped_column(String(24))
    status_to: Mapped[str | None] = mapped_column(String(24))
    note: Mapped[str] = mapped_column(Text, default="")


class AutomationRule(Base):
    """WHEN (schedule or event) IF (a segment-style condition) THEN (actions)."""

    __tablename__ = "automation_rules"
    __table_args__ = (CheckConstraint("trigger_kind IN ('schedule','event')", name="trigger_known"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    label: Mapped[str] = mapped_column(String(120), default="")
    builtin: Mapped[bool] = mapped_column(Boolean, default=False)
    enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    trigger_kind: Mapped[str] = mapped_column(String(10))
    schedule: Mapped[str | None] = mapped_column(String(40))  # "daily 06:00", "monthly 1 06:00"
    event: Mapped[str | None] = mapped_column(String(30))
    condition: Mapped[Json | None]
    actions: Mapped[Json]
    last_run_at: Mapped[dt.datetime | None]
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = created_at_column()
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class RuleExecution(Base):
    """The run log: one row per action a rule took (or failed, or skipped) for a customer."""

    __tablename__ = "rule_executions"
    __table_args__ = (Index("ix_rule_executions_at", "at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    at: Mapped[dt.datetime]
    rule_id: Mapped[int] = mapped_column(ForeignKey("automation_rules.id", ondelete="CASCADE"), index=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    period_key: Mapped[str] = mapped_column(String(60))
    action: Mapped[str] = mapped_column(String(40))
    result: Mapped[str] = mapped_column(String(10))  # done / skipped / failed
    detail: Mapped[str] = mapped_column(Text, default="")
    error: Mapped[str | None] = mapped_column(Text)


class RuleOnce(Base):
    """Idempotency: a rule acts once per customer (0 = none) and period or event key."""

    __tablename__ = "rule_once"
    __table_args__ = (UniqueConstraint("rule_id", "customer_key", "period_key"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    rule_id: Mapped[int] = mapped_column(ForeignKey("automation_rules.id", ondelete="CASCADE"))
    customer_key: Mapped[int] = mapped_column(Integer)
    period_key: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[dt.datetime] = created_at_column()


class JobLock(Base):
    """A named lock row (holder and expiry) so that two job runners never run at once."""

    __tablename__ = "job_locks"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    holder: Mapped[str | None] = mapped_column(String(200))
    acquired_at: Mapped[dt.datetime | None]
    expires_at: Mapped[dt.datetime | None]
