"""Anchors of the hash chains: checkpoints of (row count, head hash), so that a chain cut at its end, or
recomputed from an edited row, no longer verifies.

A chain's hashes catch a row edited, removed or reordered in the middle, never the last rows removed
(the shorter chain is still a valid chain). A checkpoint remembers how long the chain was and what its
head was; `verify_against_checkpoints` refuses a chain shorter than its last checkpoint, or one whose
row at that position no longer carries the anchored hash.

Where the checkpoints are safe:
- PostgreSQL: table audit_checkpoints, which no application role may write; the SECURITY DEFINER
  function opcms_audit_checkpoint() counts the rows and reads the head itself (migration 0011), and the
  audit insert trigger writes one at the first row of each day;
- SQLite: the same table, each row with an HMAC-SHA256 under a key kept in the OS keyring beside the
  database key (platform/db_key.anchor_key): editing a checkpoint without the keyring breaks its MAC.
  Backups carry the newest checkpoints in a sidecar file as well (backup.py).

Checkpoints are written at every bill run and bill issue (trail.record / record_many mark the
transaction; the checkpoint is written just before it commits), at every backup, and on SQLite at the
first audit row of a day.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import event, func, select, text
from sqlalchemy.orm import Session

from ...models import AuditCheckpoint
from ..platform import db_key
from ..platform.errors import UserError
from ..platform.operations import reads, writes

CHAINS = {"audit": "audit_log", "access": "access_log"}  # chain name -> its table (fixed names, never input)
_DUE = "opcms_anchor_due"
_HOOKED = "opcms_anchor_hooked"


@dataclass(frozen=True)
class Checkpoint:
    chain: str
    rows: int
    head_hash: str | None
    at: dt.datetime
    reason: str


@dataclass(frozen=True)
class AnchorReport:
    ok: bool
    checkpoints: int
    reason: str | None = None  # audit.chain_truncated / audit.chain_rewritten / audit.checkpoint_forged
    params: dict[str, Any] | None = None


def _table(chain: str) -> str:
    if chain not in CHAINS:
        raise UserError("audit.unknown_chain", chain=chain)
    return CHAINS[chain]


def _is_postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _anchor_key(session: Session) -> bytes:
    database = session.connection().engine.url.database
    return db_key.anchor_key(Path(database) if database and database != ":memory:" else Path("memory"))


def _mac(key: bytes, chain: str, rows: int, head_hash: str | None, at: dt.datetime, reason: str) -> str:
    stamp = (at.replace(tzinfo=dt.UTC) if at.tzinfo is None else at.astimezone(dt.UTC)).isoformat()
    message = "\x1f".join([chain, str(rows), head_hash or "", stamp, reason]).encode("utf-8")
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def _head(session: Session, chain: str) -> tuple[int, str | None]:
    table = _table(chain)
    rows = int(session.scalar(text(f"SELECT count(*) FROM {table}")) or 0)  # noqa: S608 - fixed names
    head = session.scalar(text(f"SELECT hash FROM {table} ORDER BY id DESC LIMIT 1"))  # noqa: S608
    return rows, head


@writes("audit")
def write_checkpoint(session: Session, chain: str, reason: str) -> Checkpoint:
    """Anchor `chain` as it is now in this transaction (call it after the rows it should cover)."""
    _table(chain)
    session.flush()
    reason = reason[:40]
    if _is_postgresql(session):
        session.execute(
            text("SELECT opcms_audit_checkpoint(:chain, :reason)"), {"chain": chain, "reason": reason}
        )
        rows, head = _head(session, chain) if _can_read(session, chain) else (0, None)
        return Checkpoint(chain, rows, head, dt.datetime.now(dt.UTC), reason)
    rows, head = _head(session, chain)
    at = dt.datetime.now(dt.UTC)
    session.add(
        AuditCheckpoint(
            chain=chain,
            at=at,
            rows=rows,
            head_hash=head,
            reason=reason,
            mac=_mac(_anchor_key(session), chain, rows, head, at, reason),
        )
    )
    session.flush()
    return Checkpoint(chain, rows, head, at, reason)


def _can_read(session: Session, chain: str) -> bool:
    return bool(session.scalar(text("SELECT has_table_privilege(:t, 'SELECT')"), {"t": _table(chain)}))


@reads
def latest(session: Session, chain: str) -> AuditCheckpoint | None:
    return session.scalar(
        select(AuditCheckpoint)
        .where(AuditCheckpoint.chain == chain)
        .order_by(AuditCheckpoint.id.desc())
        .limit(1)
    )


@reads
def verify_against_checkpoints(
    session: Session, chain: str, count: int, head_hash: str | None
) -> AnchorReport:
    """Compare a chain that verified row by row (`count` rows, ending in `head_hash`) with its checkpoints:
    every checkpoint's MAC (SQLite), then the newest one's length and the hash at that position."""
    table = _table(chain)
    checkpoints = list(
        session.scalars(
            select(AuditCheckpoint).where(AuditCheckpoint.chain == chain).order_by(AuditCheckpoint.id)
        )
    )
    if not checkpoints:
        return AnchorReport(True, 0)
    if not _is_postgresql(session):
        key = _anchor_key(session)
        for cp in checkpoints:
            expected = _mac(key, cp.chain, cp.rows, cp.head_hash, cp.at, cp.reason)
            if cp.mac is None or not hmac.compare_digest(expected, cp.mac):
                return AnchorReport(
                    False, len(checkpoints), "audit.checkpoint_forged", {"id": cp.id, "at": _when(cp.at)}
                )
    newest = checkpoints[-1]
    params = {"rows": count, "anchored": newest.rows, "at": _when(newest.at), "reason": newest.reason}
    if count < newest.rows:
        return AnchorReport(False, len(checkpoints), "audit.chain_truncated", params)
    if newest.rows:
        anchored = (
            head_hash
            if count == newest.rows
            else session.scalar(
                text(f"SELECT hash FROM {table} ORDER BY id LIMIT 1 OFFSET :n"), {"n": newest.rows - 1}
            )
        )  # noqa: S608
        if anchored != newest.head_hash:
            return AnchorReport(False, len(checkpoints), "audit.chain_rewritten", params)
    return AnchorReport(True, len(checkpoints))


def _when(at: dt.datetime) -> str:
    return (at.replace(tzinfo=dt.UTC) if at.tzinfo is None else at).astimezone().strftime("%Y-%m-%d %H:%M")


# ---- when checkpoints are written ------------------------------------------------------------------


def reason_for(action: str, entity: str) -> str | None:
    """The audit rows that call for a checkpoint of the audit chain: a bill run, an issued bill."""
    if entity == "bill_run":
        return "bill-run"
    if action == "issue":
        return "issue"
    return None


def mark_due(session: Session, reason: str) -> None:
    """Write a checkpoint of the audit chain just before this transaction commits (once per reason)."""
    session.info.setdefault(_DUE, set()).add(reason)
    if not session.info.get(_HOOKED):
        event.listen(session, "before_commit", _write_due)
        event.listen(session, "after_rollback", _forget_due)
        session.info[_HOOKED] = True


def mark_daily_if_due(session: Session) -> None:
    """SQLite: the first audit row of a (UTC) day anchors the chain. PostgreSQL's insert trigger does it."""
    if _is_postgresql(session):
        return
    today = dt.datetime.now(dt.UTC).date().isoformat()
    if session.info.get("opcms_anchor_checked") == today:
        return
    newest = session.scalar(select(func.max(AuditCheckpoint.at)).where(AuditCheckpoint.chain == "audit"))
    if (
        newest is None
        or (newest.replace(tzinfo=dt.UTC) if newest.tzinfo is None else newest).date().isoformat() < today
    ):
        mark_due(session, "daily")
    session.info["opcms_anchor_checked"] = today


def _write_due(session: Session) -> None:
    due = session.info.pop(_DUE, set())
    if due:
        write_checkpoint(session, "audit", "+".join(sorted(due)))


def _forget_due(session: Session) -> None:
    session.info.pop(_DUE, None)
    session.info.pop("opcms_anchor_checked", None)
