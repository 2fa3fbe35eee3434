"""Reads on record (查询留痕): who opened, exported, printed, revealed or reported what, and how many rows.

Decisions:
- A recorded read is declared `@writes("access_log")` and writes its access row in the same transaction
  as the read: if the row cannot be written, the data is not shown either. Lists and searches are not
  recorded (one row per page would slow them and say nothing); what leaves the list (detail, export,
  print, report) is, once per operation with its row count.
- The chain is the audit trail's: the same digest helpers (`audit.trail`), a chain of its own (its own
  genesis, and the audit chain's lock on PostgreSQL), verified by `verify_access_chain`, and anchored by
  checkpoints (audit/anchors.py, chain "access") at the first row of each day and at every backup.
- An admin may ask a user for the password again (unusual access): the next recorded operation of that
  user is refused with `access.reauth_required` until `confirm_password` succeeds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from ...models.access import AccessEntry, AccessFlag
from ..audit import anchors
from ..audit.trail import GENESIS, ChainReport, _stamp, _stamped_digest, jsonable
from ..platform.actor import Actor
from ..platform.errors import PermissionDenied
from ..platform.operations import reads, writes
from .permissions import require

ACTIONS = ("view", "export", "print", "reveal", "report", "export_request", "export_decision", "alert")


def _lock_chain(session: Session) -> None:
    # The audit chain's lock (migration 0011): a table lock taken through a SECURITY DEFINER function,
    # which no application login can take directly, and waits bounded by lock_timeout. An advisory lock
    # could be held by any login for as long as its session lives.
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT opcms_audit_lock()"))


def _last_hash(session: Session) -> str:
    return session.scalar(select(AccessEntry.hash).order_by(AccessEntry.id.desc()).limit(1)) or GENESIS


def _payload(row_count: int, details: Any) -> dict[str, Any]:
    return {"rows": row_count, "details": jsonable(details) if details is not None else None}


def _digest(
    prev: str,
    at: dt.datetime,
    user_id: int | None,
    username: str,
    action: str,
    entity: str,
    target: str | None,
    row_count: int,
    details: Any,
) -> str:
    return _stamped_digest(
        prev, _stamp(at), user_id, username, action, entity, target, _payload(row_count, details), None
    )


def reauth_pending(session: Session, user_id: int) -> bool:
    return bool(session.scalar(select(AccessFlag.reauth_required).where(AccessFlag.user_id == user_id)))


@writes("access_log")
def append_entry(
    session: Session,
    actor: Actor | None,
    action: str,
    entity: str,
    target: object = None,
    rows: int = 0,
    details: Any = None,
) -> AccessEntry:
    """Append one chained row without the password-again check (alerts are written about other users)."""
    _lock_chain(session)
    session.flush()
    prev = _last_hash(session)
    at = dt.datetime.now(dt.UTC)
    user_id = actor.id if actor else None
    username = actor.username if actor else "system"
    key = None if target is None else str(target)[:64]
    stored = jsonable(details) if details is not None else None
    entry = AccessEntry(
        at=at,
        user_id=user_id,
        username=username,
        action=action,
        entity=entity,
        target=key,
        row_count=rows,
        details=stored,
        prev_hash=prev,
        hash=_digest(prev, at, user_id, username, action, entity, key, rows, stored),
    )
    session.add(entry)
    session.flush()
    if session.get_bind().dialect.name == "postgresql":
        # an application login's row is sealed by the server (migration 0014): its time and hashes
        session.expire(entry, ["at", "prev_hash", "hash"])
    _anchor_daily(session, at)
    return entry


def _anchor_daily(session: Session, now: dt.datetime) -> None:
    """A checkpoint of the access chain at its first row of a (UTC) day, as the audit trail has. On
    PostgreSQL only logins that may read the checkpoints (admin, ops) look; a sales login's rows are anchored
    by the next such row or the next backup."""
    if session.get_bind().dialect.name == "postgresql" and not session.scalar(
            text("SELECT has_table_privilege('audit_checkpoints', 'SELECT')")):
        return
    last = anchors.latest(session, "access")
    today = now.astimezone(dt.UTC).date()
    if last is None or _utc_day(last.at) < today:
        anchors.write_checkpoint(session, "access", "daily")


def _utc_day(at: dt.datetime) -> dt.date:
    return (at.replace(tzinfo=dt.UTC) if at.tzinfo is None else at.astimezone(dt.UTC)).date()


@writes("access_log")
def record_access(
    session: Session,
    actor: Actor | None,
    action: str,
    entity: str,
    target: object = None,
    rows: int = 0,
    details: Any = None,
) -> None:
    """Record one read (view / export / print / reveal / report) in the caller's transaction.

    Refused (`access.reauth_required`) while an admin asks this user for the password again."""
    if actor is not None and reauth_pending(session, actor.id):
        raise PermissionDenied("access.reauth_required", user=actor.username)
    append_entry(session, actor, action, entity, target, rows, details)


@reads
def verify_access_chain(session: Session, actor: Actor, batch: int = 5000) -> ChainReport:
    """Walk the access log: every row's hash and its link to the row before (reasons as audit.verify_chain)."""
    require(actor, "access_log.view")
    prev, count, last_id = GENESIS, 0, 0
    while True:
        entries = session.scalars(
            select(AccessEntry).where(AccessEntry.id > last_id).order_by(AccessEntry.id).limit(batch)
        ).all()
        if not entries:
            anchored = anchors.verify_against_checkpoints(session, "access", count, None if not count else prev)
            if anchored.ok:
                return ChainReport(rows=count, ok=True, head_hash=None if not count else prev)
            return ChainReport(count, False, None, anchored.reason, None, anchored.params)
        for e in entries:
            count += 1
            if e.prev_hash != prev:
                return ChainReport(count, False, e.id, "audit.chain_removed")
            if (
                _digest(
                    e.prev_hash,
                    e.at,
                    e.user_id,
                    e.username,
                    e.action,
                    e.entity,
                    e.target,
                    e.row_count,
                    e.details,
                )
                != e.hash
            ):
                return ChainReport(count, False, e.id, "audit.chain_edited")
            prev, last_id = e.hash, e.id
        session.expunge_all()


@dataclass(frozen=True)
class AccessRow:
    id: int
    at: dt.datetime
    username: str
    action: str
    entity: str
    target: str | None
    rows: int
    details: Any


def access_row(e: AccessEntry) -> AccessRow:
    return AccessRow(e.id, e.at, e.username, e.action, e.entity, e.target, e.row_count, e.details)


@reads
def list_access(
    session: Session,
    actor: Actor,
    start: dt.datetime,
    end: dt.datetime,
    username: str | None = None,
    action: str | None = None,
    limit: int = 1000,
) -> list[AccessRow]:
    """Recorded reads between `start` (inclusive) and `end` (exclusive), newest first."""
    require(actor, "access_log.view")
    query = select(AccessEntry).where(AccessEntry.at >= start, AccessEntry.at < end)
    if username:
        query = query.where(AccessEntry.username == username)
    if action:
        query = query.where(AccessEntry.action == action)
    return [access_row(e) for e in session.scalars(query.order_by(AccessEntry.id.desc()).limit(limit))]


def exporter_name(actor: Actor) -> str:
    """The name an exported file carries (document properties and footer)."""
    return f"{actor.display_name}（{actor.username}）" if actor.display_name else actor.username
