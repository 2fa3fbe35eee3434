"""Reads on record (the access log, hash-chained like the audit trail), field permissions per role,
export policies and export requests awaiting a second person, and the per-user "password again" flag."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, BigId, Json

FIELD_MODES = ("hidden", "read_only", "editable")
EXPORT_REQUEST_STATES = ("pending", "approved", "rejected", "used")


class AccessEntry(Base):
    """One recorded read: who, when, what (entity and target) and how many rows; or an unusual-access alert."""

    __tablename__ = "access_log"
    __table_args__ = (
        Index("ix_access_log_at", "at"),
        Index("ix_access_log_user_at", "user_id", "at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    username: Mapped[str] = mapped_column(String(63))
    action: Mapped[str] = mapped_column(String(20))  # view / export / print / reveal / report / alert / ...
    entity: Mapped[str] = mapped_column(String(40))
    target: Mapped[str | None] = mapped_column(String(64))
    row_count: Mapped[int] = mapped_column(Integer, default=0)
    details: Mapped[Json | None]
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class FieldPermission(Base):
    """How a role may use one customer field or the money figures ("amounts"); no row means editable."""

    __tablename__ = "field_permissions"
    __table_args__ = (
        UniqueConstraint("role", "field"),
        CheckConstraint("mode IN ('hidden', 'read_only', 'editable')", name="mode"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    role: Mapped[str] = mapped_column(String(40))
    field: Mapped[str] = mapped_column(String(40))
    mode: Mapped[str] = mapped_column(String(12))


class ExportPolicy(Base):
    """A role's export rule: above `row_threshold` rows (or with masked fields) a second person approves."""

    __tablename__ = "export_policies"

    role: Mapped[str] = mapped_column(String(40), primary_key=True)
    row_threshold: Mapped[int | None] = mapped_column(Integer)
    masked_needs_approval: Mapped[bool] = mapped_column(Boolean, default=False)


class ExportRequest(Base):
    __tablename__ = "export_requests"
    __table_args__ = (
        CheckConstraint("status IN ('pending', 'approved', 'rejected', 'used')", name="status"),
        Index("ix_export_requests_status", "status", "requested_by"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    requested_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    requested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    kind: Mapped[str] = mapped_column(String(40))
    row_count: Mapped[int] = mapped_column(Integer)
    masked: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(12))
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class AccessFlag(Base):
    """An admin asked this user to give the password again before the next recorded operation."""

    __tablename__ = "access_flags"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    reauth_required: Mapped[bool] = mapped_column(Boolean, default=False)
    reason: Mapped[str | None] = mapped_column(String(200))
    set_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    set_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
