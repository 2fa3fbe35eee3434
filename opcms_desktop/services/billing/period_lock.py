"""The bill-run period lock on SQLite: a holder written into the period's lock row, refused at once.

SQLite has no row locks, and a second writer would queue behind the first run's write lock (BEGIN
IMMEDIATE) and then report everything unchanged. So, before the run's own transaction writes anything:

1. The lock row is read on a connection of its own (a deferred read, which WAL lets run beside a writer).
   A live holder refuses the run at once: AlreadyRunning("billing.run.already_running") with who and
   since when, the same code PostgreSQL's NOWAIT refusal raises.
2. Otherwise the holder (user, host, process id, start time) is written in a short transaction of its
   own and committed, conditional on the row being as read (a run that got there first wins).
3. It is cleared, on another short connection, when the run's transaction ends (commit or rollback).

**Decision: stale holders.** A holder left behind by a crashed run stops counting when its process is
gone (same host: the process id no longer exists) or after STALE_AFTER (30 minutes; a bill run of the
whole customer base takes well under a minute), whichever comes first.

When the run's session already holds SQLite's write lock (it wrote before the bill run, as a test's
transaction does) no other run can be writing; the holder is then checked and written in that same
transaction and cleared by the run itself.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Connection, Engine, Table, event, select, update
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session, SessionTransaction

from ...models import BillingPeriodLock
from ..platform.activity import process_alive
from ..platform.errors import AlreadyRunning

STALE_AFTER = dt.timedelta(minutes=30)
LOCKS = cast(Table, BillingPeriodLock.__table__)


@dataclass(frozen=True)
class Holder:
    name: str
    host: str | None
    pid: int | None
    since: dt.datetime


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def is_live(holder: Holder, now: dt.datetime | None = None) -> bool:
    """A holder counts until its process is gone (same host) or it is older than STALE_AFTER."""
    if (now or _now()) - _aware(holder.since) > STALE_AFTER:
        return False
    if holder.host == socket.gethostname() and holder.pid is not None:
        return holder.pid == os.getpid() or process_alive(holder.pid)
    return True


def _read(conn: Connection | Session, period: str) -> Holder | None:
    row = conn.execute(select(LOCKS.c.holder, LOCKS.c.holder_host, LOCKS.c.holder_pid, LOCKS.c.locked_at)
                       .where(LOCKS.c.period == period)).first()
    if row is None or row.holder is None or row.locked_at is None:
        return None
    return Holder(row.holder, row.holder_host, row.holder_pid, _aware(row.locked_at))


def _refuse(period: str, holder: Holder) -> AlreadyRunning:
    since = _aware(holder.since).astimezone().strftime("%Y-%m-%d %H:%M")
    return AlreadyRunning("billing.run.already_running", period=period, holder=holder.name, since=since)


def _holder_values(username: str) -> dict[str, object]:
    return {"holder": username[:100], "holder_host": socket.gethostname()[:255], "holder_pid": os.getpid(),
            "locked_at": _now()}


def _has_begun(session: Session) -> bool:
    """Whether the session already holds a connection (on SQLite: the write lock of BEGIN IMMEDIATE)."""
    if isinstance(session.get_bind(), Connection):
        return True
    transaction = session.get_transaction()
    return bool(transaction is not None and transaction._connections)  # noqa: SLF001 - no public accessor


def take(session: Session, username: str, period: str) -> None:
    """Hold the period for this session's run, or raise AlreadyRunning at once (see the module doc)."""
    if _has_begun(session):
        held = _read(session, period)
        if held is not None and is_live(held):
            raise _refuse(period, held)
        session.execute(sqlite.insert(LOCKS).values(period=period).on_conflict_do_nothing())
        session.execute(update(LOCKS).where(LOCKS.c.period == period).values(**_holder_values(username)))
        return
    engine = session.get_bind()
    assert isinstance(engine, Engine)
    with engine.connect().execution_options(opcms_write_intent=False) as conn:
        held = _read(conn, period)
        conn.rollback()
    if held is not None and is_live(held):
        raise _refuse(period, held)
    with engine.begin() as conn:
        conn.execute(sqlite.insert(LOCKS).values(period=period).on_conflict_do_nothing())
        current = _read(conn, period)
        if current is not None and is_live(current):  # another run took it between the read and now
            raise _refuse(period, current)
        conn.execute(update(LOCKS).where(LOCKS.c.period == period).values(**_holder_values(username)))
    token = _holder_values(username)
    _release_when_done(session, engine, period, token["holder_pid"], token["holder_host"])


def _release_when_done(session: Session, engine: Engine, period: str, pid: object, host: object) -> None:
    pending = [True]  # once: a listener cannot remove itself while the event runs

    def release(_session: Session, transaction: SessionTransaction) -> None:
        if transaction.parent is not None or not pending:
            return
        pending.clear()
        with engine.begin() as conn:
            conn.execute(update(LOCKS).where(LOCKS.c.period == period, LOCKS.c.holder_pid == pid,
                                             LOCKS.c.holder_host == host)
                         .values(holder=None, holder_host=None, holder_pid=None, locked_at=None))

    event.listen(session, "after_transaction_end", release)


def cleared() -> dict[str, object]:
    """The values that free the row (written by the run itself at its end)."""
    return {"holder": None, "holder_host": None, "holder_pid": None, "locked_at": None}
