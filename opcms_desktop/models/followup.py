"""Contacts, follow-ups and follow-up plans, and what each user snoozed on their today pane."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, BigId, created_at_column

CONTACT_CHANNELS = ("phone", "mobile", "email", "wechat", "visit")
FOLLOWUP_METHODS = ("phone", "visit", "wechat", "email", "other")
PLAN_UNITS = ("day", "week")
SNOOZE_KINDS = ("followup", "bill", "ticket")


class Contact(Base):
    """A person at a customer. Never deleted once created: deactivated (active = false) instead."""

    __tablename__ = "contacts"
    __table_args__ = (
        # One primary contact per customer; deactivating a contact clears its primary mark.
        Index("uq_contacts_primary_per_customer", "customer_id", unique=True,
              sqlite_where=text("is_primary"), postgresql_where=text("is_primary")),
        CheckConstraint("NOT (is_primary AND NOT active)", name="primary_is_active"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    title: Mapped[str | None] = mapped_column(String(100))
    mobile: Mapped[str | None] = mapped_column(String(40))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(200))
    wechat: Mapped[str | None] = mapped_column(String(100))
    preferred_channel: Mapped[str | None] = mapped_column(String(20))
    notes: Mapped[str | None] = mapped_column(Text)
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = created_at_column()
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class FollowupPlan(Base):
    """A recurring follow-up of one customer: every N days or weeks, counted from the last one done."""

    __tablename__ = "followup_plans"
    __table_args__ = (
        CheckConstraint("every_n > 0", name="every_positive"),
        CheckConstraint("unit IN ('day', 'week')", name="unit_known"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), unique=True)
    every_n: Mapped[int] = mapped_column(Integer)
    unit: Mapped[str] = mapped_column(String(5))
    method: Mapped[str] = mapped_column(String(20))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = created_at_column()
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class Followup(Base):
    """A follow-up (跟进): planned for `due_on`; done when `done_at` is set, with its result."""

    __tablename__ = "followups"
    __table_args__ = (
        Index("ix_followups_assignee_open", "assignee_id", "done_at", "due_on"),
        Index("ix_followups_customer_due", "customer_id", "due_on"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    due_on: Mapped[dt.date] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(20))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"), index=True)
    content: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[str | None] = mapped_column(Text)
    done_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    next_due: Mapped[dt.date | None] = mapped_column(Date)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    source: Mapped[str] = mapped_column(String(200), default="manual")
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("followup_plans.id"), index=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = created_at_column()
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class TodaySnooze(Base):
    """One user hid one item of their today pane until a date (the item shows again on `until`)."""

    __tablename__ = "today_snoozes"
    __table_args__ = (UniqueConstraint("user_id", "item_kind", "item_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    item_kind: Mapped[str] = mapped_column(String(20))
    item_id: Mapped[int] = mapped_column(BigInteger)
    until: Mapped[dt.date] = mapped_column(Date)
