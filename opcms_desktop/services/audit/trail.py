"""The audit trail: written in the same transaction as the change it records, hash-chained.

Each row's hash covers its content and the previous row's hash, so editing or deleting any row
behind the application's back breaks the chain at that row (`verify_chain`); checkpoints (anchors.py)
catch a chain cut at its end. On PostgreSQL an application login's rows are sealed by the server
(migration 0011's trigger recomputes id, time and hashes with this same digest), so a login that
inserts with psql cannot forge a hash or a date.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple, cast

from sqlalchemy import Table, select, text
from sqlalchemy.orm import Session

from ...models import AuditEntry
from ..platform.actor import Actor
from ..platform.bulk import bulk_insert
from ..platform.messages import render
from ..platform.operations import reads, writes
from . import anchors

GENESIS = "0" * 64
_PLAIN = frozenset({str, int, bool, float})


def jsonable(value: Any) -> Any:
    """Plain JSON form of a field value: Decimals and dates as strings, so the hash is stable."""
    if value is None or type(value) in _PLAIN:
        return value
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.datetime):
        return _utc(value).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    # Plain leaves and [before, after] pairs of plain values are taken as they are, without a call
    # each: bulk writers (imports, bill runs) pass ~100k of these dicts.
    if isinstance(value, dict):
        return {k if type(k) is str else str(k): v if v is None or type(v) in _PLAIN or _plain_pair(v)
                else jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [v if v is None or type(v) in _PLAIN else jsonable(v) for v in value]
    return value


def _plain_pair(value: Any) -> bool:
    if type(value) is not list or len(value) != 2:
        return False
    before, after = value
    return (before is None or type(before) in _PLAIN) and (after is None or type(after) in _PLAIN)


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
    return _stamped_digest(prev_hash, _stamp(at), user_id, username, action, entity, entity_id, changes, summary)


def _stamp(at: dt.datetime) -> str:
    return _utc(at).strftime("%Y-%m-%dT%H:%M:%S.%f")


def _stamped_digest(prev_hash: str, stamp: str, user_id: int | None, username: str, action: str,
                    entity: str, entity_id: str | None, changes: Any, summary: str | None) -> str:
    payload = _DUMPS([prev_hash, stamp, user_id, username, action, entity, entity_id, changes, summary])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


_DUMPS = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode


def _lock_chain(session: Session) -> None:
    # Serialise writers of the chain; SQLite already holds the write lock (BEGIN IMMEDIATE). PostgreSQL:
    # a lock on audit_checkpoints through a SECURITY DEFINER function (no login can take it otherwise,
    # unlike an advisory lock), its wait bounded by lock_timeout (platform/db.py).
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT opcms_audit_lock()"))


def _anchor(session: Session, actions: Iterable[tuple[str, str]]) -> None:
    for action, entity in actions:
        reason = anchors.reason_for(action, entity)
        if reason is not None:
            anchors.mark_due(session, reason)
    anchors.mark_daily_if_due(session)


@reads
def last_hash(session: Session) -> str | None:
    """The newest row's hash (bulk writers chain after it; call after taking the chain lock)."""
    if session.get_bind().dialect.name == "postgresql":
        # SECURITY DEFINER function (migration 0002): roles that may only append can still chain.
        return session.scalar(text("SELECT opcms_audit_last_hash()"))
    return session.scalar(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1))


@writes("audit")
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
    prev = last_hash(session) or GENESIS
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
    _anchor(session, [(action, entity)])


@dataclass(frozen=True)
class ChainReport:
    rows: int
    ok: bool
    broken_id: int | None = None
    # a message code: audit.chain_removed or audit.chain_edited (a row), audit.chain_truncated,
    # audit.chain_rewritten or audit.checkpoint_forged (against the checkpoints; broken_id None)
    reason: str | None = None
    head_hash: str | None = None  # the last row's hash, when the chain verified
    reason_params: dict[str, Any] | None = None

    @property
    def reason_text(self) -> str | None:
        """The reason in the current language."""
        return render(self.reason, self.reason_params or {}) if self.reason else None


@reads
def verify_chain(session: Session, batch: int = 5000) -> ChainReport:
    prev = GENESIS
    count = 0
    last_id = 0
    while True:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.id > last_id).order_by(AuditEntry.id).limit(batch)
        ).all()
        if not entries:
            return ChainReport(rows=count, ok=True, head_hash=None if prev == GENESIS else prev)
        for e in entries:
            count += 1
            if e.prev_hash != prev:
                return ChainReport(count, False, e.id, "audit.chain_removed")
            expected = _digest(e.prev_hash, e.at, e.user_id, e.username, e.action, e.entity, e.entity_id,
                               e.changes, e.summary)
            if expected != e.hash:
                return ChainReport(count, False, e.id, "audit.chain_edited")
            prev = e.hash
            last_id = e.id
        session.expunge_all()


class AuditItem(NamedTuple):
    """One row for `record_many`: what `record` takes after (session, actor)."""

    action: str
    entity: str
    entity_id: object = None
    changes: Any = None
    summary: str | None = None


@writes("audit")
def record_many(session: Session, actor: Actor | None, items: Iterable[AuditItem], batch: int = 5000,
                prepared: bool = False) -> int:
    """Append many audit rows with bulk inserts (imports, bill runs); the same chain as `record`.

    `prepared=True`: every `changes` is already plain JSON (no Decimals, dates or sets), so it is
    stored as given. `batch` is not used any more (bulk.bulk_insert batches); kept for callers.
    """
    items = list(items)
    if not items:
        return 0
    _lock_chain(session)
    session.flush()
    prev = last_hash(session) or GENESIS
    at = dt.datetime.now(dt.UTC)
    user_id = actor.id if actor else None
    username = actor.username if actor else "system"
    stamp = _stamp(at)
    rows: list[dict[str, Any]] = []
    for item in items:
        entity_key = None if item.entity_id is None else str(item.entity_id)
        payload = item.changes if prepared or item.changes is None else jsonable(item.changes)
        digest = _stamped_digest(prev, stamp, user_id, username, item.action, item.entity, entity_key, payload,
                                 item.summary)
        rows.append({"at": at, "user_id": user_id, "username": username, "action": item.action,
                     "entity": item.entity, "entity_id": entity_key, "changes": payload, "summary": item.summary,
                     "prev_hash": prev, "hash": digest})
        prev = digest
    bulk_insert(session, cast(Table, AuditEntry.__table__), rows)
    _anchor(session, {(item.action, item.entity) for item in items})
    return len(rows)
