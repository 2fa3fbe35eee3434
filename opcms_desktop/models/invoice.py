"""Invoices (账单, bills) and their lines, the tax invoice (发票) recorded on them, credit notes (冲正), the yearly number counter and bill-run records."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, BigId, Json, Period, created_at_column

INVOICE_STATES = ("draft", "issued", "cancelled")
INVOICE_KINDS = ("usage", "package")


class Invoice(Base):
    """A bill (账单) of one customer for one period and kind.

    **Decision (migration 0005): one live bill per customer x period x kind.** The uniqueness is a
    partial unique index over the bills that are not cancelled (`uq_invoices_live_customer_period_kind`,
    `WHERE status <> 'cancelled'`, on SQLite and PostgreSQL alike), so a bill cancelled by a credit note
    (冲正) leaves room for its replacement: the next bill run makes a new draft for that customer and
    period whose `replaces_invoice_id` names the cancelled bill, and issuing numbers it as usual. Re-running
    the bill run stays idempotent, since there is still at most one live bill per key.
    """

    __tablename__ = "invoices"
    __table_args__ = (
        Index("uq_invoices_live_customer_period_kind", "customer_id", "period", "kind", unique=True,
              sqlite_where=text("status <> 'cancelled'"), postgresql_where=text("status <> 'cancelled'")),
        CheckConstraint("total >= 0", name="total_non_negative"),
        CheckConstraint("status IN ('draft','issued','cancelled')", name="status_known"),
        CheckConstraint("status = 'draft' OR number IS NOT NULL", name="issued_has_number"),
        Index("ix_invoices_period_status", "period", "status"),
        Index("ix_invoices_status_due", "status", "due_date"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    number: Mapped[str | None] = mapped_column(String(20), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    period: Mapped[Period]
    kind: Mapped[str] = mapped_column(String(12), default="usage")
    status: Mapped[str] = mapped_column(String(12), default="draft")
    total: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    payment_terms_days: Mapped[int] = mapped_column(Integer, default=30)
    issue_date: Mapped[dt.date | None] = mapped_column(Date)
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    issued_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    bill_run_id: Mapped[int | None] = mapped_column(ForeignKey("bill_runs.id"))
    created_at: Mapped[dt.datetime] = created_at_column()
    version: Mapped[int] = mapped_column(Integer, default=1)
    # The tax invoice (发票) issued for this bill outside the app, entered by hand (migration 0004).
    tax_invoice_number: Mapped[str | None] = mapped_column(String(40))
    tax_invoice_date: Mapped[dt.date | None] = mapped_column(Date)
    # The cancelled (credited) bill this one replaces (migration 0005); None for a first bill.
    replaces_invoice_id: Mapped[int | None] = mapped_column(ForeignKey("invoices.id"), index=True)
    # What a bill-run draft holds (total, terms, lines) as a digest (migration 0018): written by the bill run,
    # cleared by a manual edit, so that an unchanged re-run compares one value instead of every line.
    content_fingerprint: Mapped[str | None] = mapped_column(String(32))

    lines: Mapped[list[InvoiceLine]] = relationship(
        back_populates="invoice", cascade="all, delete-orphan", order_by="InvoiceLine.seq", lazy="raise"
    )

    __mapper_args__ = {"version_id_col": version}


class InvoiceLine(Base):
    __tablename__ = "invoice_lines"
    __table_args__ = (
        UniqueConstraint("invoice_id", "seq"),
        CheckConstraint("amount >= 0", name="amount_non_negative"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    series: Mapped[str | None] = mapped_column(String(3))
    description: Mapped[str] = mapped_column(String(400))
    quantity: Mapped[Decimal] = mapped_column(Numeric(14, 4))
    unit_price: Mapped[Decimal | None] = mapped_column(Numeric(14, 4))
    formula: Mapped[str | None] = mapped_column(String(200))
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("price_plans.id"))

    invoice: Mapped[Invoice] = relationship(back_populates="lines", lazy="raise")


class CreditNote(Base):
    """冲正: reverses an issued invoice with negative lines; the invoice itself stays."""

    __tablename__ = "credit_notes"
    __table_args__ = (CheckConstraint("total <= 0", name="total_not_positive"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    issue_date: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    total: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = created_at_column()

    lines: Mapped[list[CreditNoteLine]] = relationship(
        back_populates="credit_note", cascade="all, delete-orphan", order_by="CreditNoteLine.seq", lazy="raise"
    )


class CreditNoteLine(Base):
    __tablename__ = "credit_note_lines"
    __table_args__ = (
        UniqueConstraint("credit_note_id", "seq"),
        CheckConstraint("amount <= 0", name="amount_not_positive"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    credit_note_id: Mapped[int] = mapped_column(ForeignKey("credit_notes.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    series: Mapped[str | None] = mapped_column(String(3))
    description: Mapped[str] = mapped_column(String(400))
    quantity: Mapped[Decimal] = mapped_column(Numeric(14, 4))
    unit_price: Mapped[Decimal | None] = mapped_column(Numeric(14, 4))
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 2))

    credit_note: Mapped[CreditNote] = relationship(back_populates="lines", lazy="raise")


class NumberSequence(Base):
    """Gap-free counters, e.g. ('INV', 2026) -> 123; bumped with UPDATE ... RETURNING in the issuing transaction."""

    __tablename__ = "number_sequences"
    __table_args__ = (CheckConstraint("last_value >= 0", name="non_negative"),)

    prefix: Mapped[str] = mapped_column(String(8), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_value: Mapped[int] = mapped_column(Integer, default=0)


class BillRun(Base):
    __tablename__ = "bill_runs"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    period: Mapped[Period] = mapped_column(index=True)
    started_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    started_at: Mapped[dt.datetime] = created_at_column()
    finished_at: Mapped[dt.datetime | None]
    summary: Mapped[Json | None]


class BillingPeriodLock(Base):
    """One row per period; a bill run holds it so two runs of a period cannot both write.

    PostgreSQL holds the row lock (SELECT ... FOR UPDATE NOWAIT) for the run's transaction. SQLite has no
    row locks: the run writes its holder (user name, host, process id, start time) into the row in a short
    transaction of its own before its long one, and clears it when its transaction ends (migration 0005;
    see services/billing/period_lock.py for when a left-behind holder is stale).
    """

    __tablename__ = "billing_period_locks"

    period: Mapped[str] = mapped_column(String(7), primary_key=True)
    last_run_id: Mapped[int | None] = mapped_column(ForeignKey("bill_runs.id"))
    note: Mapped[str | None] = mapped_column(Text)
    holder: Mapped[str | None] = mapped_column(String(100))
    holder_host: Mapped[str | None] = mapped_column(String(255))
    holder_pid: Mapped[int | None] = mapped_column(Integer)
    locked_at: Mapped[dt.datetime | None]
