"""The audit trail: written in the same transaction as the change it records, hash-chained.

Each row's hash covers its content and the previous row's hash, so editing or deleting any row
behind the application's back breaks the chain at that row (`verify_chain`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from ..models import AuditEntry
from .permissions import Actor

GENESIS = "0" * 64


def jsonable(value: Any) -> Any:
    """Plain JSON form of a field value: Decimals and dates as strings, so the hash is stable."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.datetime):
        return _utc(value).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    return value


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Per-field [before, after] for the fields that differ."""
    return {
        key: [jsonable(before.get(key)), jsonable(after.get(key))]
        for key in sorted(set(before) | set(after))
        if jsonable(before.get(key)) != jsonable(after.get(key))
    }


def _digest(prev_hash: str, at: dt.datetime, user_id: int | None, username: str, action: str,
            entity: str, entity_id: str | None, changes: Any, summary: str | None) -> str:
    payload = json.dumps(
        [prev_hash, _utc(at).strftime("%Y-%m-%dT%H:%M:%S.%f"), user_id, username, action, entity,
         entity_id, changes, summary],
        ensure_ascii=False, sort_keys=True, separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _lock_chain(session: Session) -> None:
    # Serialise writers of the chain; SQLite already holds the write lock (BEGIN IMMEDIATE).
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(7262001)"))


def record(
    session: Session,
    actor: Actor | None,
    action: str,
    entity: str,
    entity_id: object = None,
    changes: Any = None,
    summary: str | None = None,
) -> None:
    """Append one audit row. `changes` is {"field": [before, after]} or event details."""
    _lock_chain(session)
    prev = session.scalar(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)) or GENESIS
    at = dt.datetime.now(dt.UTC)
    user_id = actor.id if actor else None
    username = actor.username if actor else "system"
    entity_key = None if entity_id is None else str(entity_id)
    payload = jsonable(changes) if changes is not None else None
    session.add(
        AuditEntry(
            at=at, user_id=user_id, username=username, action=action, entity=entity,
            entity_id=entity_key, changes=payload, summary=summary, prev_hash=prev,
            hash=_digest(prev, at, user_id, username, action, entity, entity_key, payload, summary),
        )
    )
    session.flush()


@dataclass(frozen=True)
class ChainReport:
    rows: int
    ok: bool
    broken_id: int | None = None
    reason: str | None = None


def verify_chain(session: Session, batch: int = 5000) -> ChainReport:
    prev = GENESIS
    count = 0
    last_id = 0
    while True:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.id > last_id).order_by(AuditEntry.id).limit(batch)
        ).all()
        if not entries:
            return ChainReport(rows=count, ok=True)
        for e in entries:
            count += 1
            if e.prev_hash != prev:
                return ChainReport(count, False, e.id, "previous hash does not match (a row was removed or reordered)")
            expected = _digest(e.prev_hash, e.at, e.user_id, e.username, e.action, e.entity, e.entity_id,
                               e.changes, e.summary)
            if expected != e.hash:
                return ChainReport(count, False, e.id, "content does not match its hash (the row was edited)")
            prev = e.hash
            last_id = e.id
        session.expunge_all()
