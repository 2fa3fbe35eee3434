"""The audit trail: who changed what, when, before and after; each row hash-chained to the one before."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, BigId, Json


class AuditEntry(Base):
    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_entity", "entity", "entity_id"),
        Index("ix_audit_log_at", "at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    username: Mapped[str] = mapped_column(String(63))
    action: Mapped[str] = mapped_column(String(20))  # create / update / delete / event
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str | None] = mapped_column(String(64))
    changes: Mapped[Json | None]  # {"field": [before, after]} or event details
    summary: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditCheckpoint(Base):
    """An anchor of a hash chain ("audit", "access"): its row count and head hash at a moment (a bill run,
    an issue, a backup, the first write of a day), so that a chain cut at the end no longer verifies.

    PostgreSQL: written only by the SECURITY DEFINER function opcms_audit_checkpoint() (migration 0011),
    which counts the rows itself; no application role may write the table. SQLite: `mac` is an HMAC with a
    key kept in the OS keyring (services/audit/anchors.py).
    """

    __tablename__ = "audit_checkpoints"
    __table_args__ = (Index("ix_audit_checkpoints_chain", "chain", "id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    chain: Mapped[str] = mapped_column(String(20))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    rows: Mapped[int] = mapped_column(BigInteger)
    head_hash: Mapped[str | None] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(String(40))
    mac: Mapped[str | None] = mapped_column(String(64))


class PasswordVault(Base):
    """PostgreSQL mode: the bcrypt hashes of users made before the secure set-up, moved out of `users`
    (which every login may read) by `opcms init --pg-security`; only the owner's connection reads them,
    to move a user's password to the server at that user's first login."""

    __tablename__ = "password_vault"

    username: Mapped[str] = mapped_column(String(63), primary_key=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    moved_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
