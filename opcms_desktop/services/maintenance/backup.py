"""Online backups: SQLite as an encrypted copy under the database's own key (consistent while the app
runs, owner-only), PostgreSQL through pg_dump. Each backup anchors the audit chain first (a checkpoint
the copy carries), is checked when made and recorded in the audit trail of the database it copies.

    backup_database(engine, "manual", actor=admin)        # opcms backup
    backup_before(engine, "customer-import")              # before a risky operation (no-op on PostgreSQL)
    backup_if_due(engine)                                 # once a day, on start

Automatic backups go to `<data dir>/backups/opcms-YYYYMMDD-HHMMSS-<reason>.db` and are pruned with the
retention policy (retention.py); a backup written elsewhere (`to=`) is never pruned.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from ..audit import anchors, trail
from ..platform.actor import Actor
from ..platform.db import create_db_engine, default_sqlite_path, make_session_factory, session_scope
from ..platform.errors import UserError
from ..platform.messages import Message, msg
from ..security.permissions import require
from . import files, pg_tools
from .retention import RetentionPolicy, backup_files, policy_from_settings, prune_backups

PERMISSION = "settings.manage"


@dataclass(frozen=True)
class BackupResult:
    path: str
    size: int  # bytes
    checked: bool  # SQLite: integrity_check said ok; PostgreSQL: pg_restore reads the archive
    chain_ok: bool  # the audit chain verifies (SQLite: on the copy; PostgreSQL: on the server at dump time)
    audit_rows: int
    reason: str
    backend: str  # sqlite / postgresql
    removed: tuple[str, ...] = ()  # older automatic backups the retention policy removed


@contextmanager
def engine_for(url_or_engine: str | Engine) -> Iterator[Engine]:
    """The caller's engine, or one of our own for a URL (disposed afterwards)."""
    if isinstance(url_or_engine, Engine):
        yield url_or_engine
        return
    engine = create_db_engine(url_or_engine)
    try:
        yield engine
    finally:
        engine.dispose()


def record_event(engine: Engine, actor: Actor | None, operation: str, details: dict[str, Any]) -> None:
    with session_scope(make_session_factory(engine)) as session:
        trail.record(session, actor, "event", "database", operation, details)


def slug(reason: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", reason.lower()).strip("-")[:40] or "manual"


def _automatic_target(folder: Path, reason: str, now: dt.datetime, suffix: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"opcms-{now:%Y%m%d-%H%M%S}-{slug(reason)}"
    target, n = folder / f"{stem}{suffix}", 2
    while target.exists():
        target, n = folder / f"{stem}-{n}{suffix}", n + 1
    return target


def _chosen_target(to: str | Path) -> Path:
    target = Path(to).expanduser().resolve()
    if target.exists():
        raise UserError("maintenance.file_exists", path=str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    return target


def backup_database(url_or_engine: str | Engine, reason: str = "manual", *, actor: Actor | None = None,
                    to: str | Path | None = None, folder: str | Path | None = None, prune: bool = True,
                    policy: RetentionPolicy | None = None, now: dt.datetime | None = None) -> BackupResult:
    """Back the whole database up, check the copy, record an audit event, prune old automatic copies.

    `actor`: the admin who asked (needs settings.manage); None for the application's own automatic
    backups (before a risky operation, once a day), which any user's action may trigger.
    """
    if actor is not None:
        require(actor, PERMISSION)
    now = now or dt.datetime.now()
    with engine_for(url_or_engine) as engine:
        with session_scope(make_session_factory(engine)) as session:  # the copy carries this checkpoint
            anchors.write_checkpoint(session, "audit", "backup")
            anchors.write_checkpoint(session, "access", "backup")
        if files.is_sqlite_target(engine):
            result = _backup_sqlite(engine, reason, to, folder, now)
        else:
            result = _backup_postgresql(engine, reason, to, folder, now)
        record_event(engine, actor, "backup", {"path": result.path, "size": result.size, "reason": result.reason,
                                               "checked": result.checked, "chain_ok": result.chain_ok,
                                               "audit_rows": result.audit_rows})
        if to is None and prune:
            chosen = policy or policy_from_settings(engine)
            removed = prune_backups(Path(result.path).parent, chosen, now)
            result = dataclasses.replace(result, removed=tuple(removed))
    return result


def _backup_sqlite(engine: Engine, reason: str, to: str | Path | None, folder: str | Path | None,
                   now: dt.datetime) -> BackupResult:
    database = files.sqlite_path(engine)
    if not database.is_file():
        raise UserError("maintenance.no_database", path=str(database))
    target = (_chosen_target(to) if to is not None
              else _automatic_target(Path(folder) if folder else files.backups_folder(database), reason, now, ".db"))
    part = target.with_name(target.name + ".part")
    try:
        files.online_copy(database, part)
        check = files.check_file(part, database)
        if check.integrity != "ok":
            raise UserError("maintenance.backup_check_failed", path=str(target),
                            detail=msg("maintenance.integrity_failed", detail=check.integrity))
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)
    return BackupResult(str(target), target.stat().st_size, True, check.chain_ok, check.audit_rows, slug(reason),
                        "sqlite")


def _backup_postgresql(engine: Engine, reason: str, to: str | Path | None, folder: str | Path | None,
                       now: dt.datetime) -> BackupResult:
    url = files.url_of(engine)
    default_folder = Path(folder) if folder else default_sqlite_path().parent / "backups"
    target = _chosen_target(to) if to is not None else _automatic_target(default_folder, reason, now, ".dump")
    with session_scope(make_session_factory(engine)) as session:
        chain = trail.verify_chain(session)
    part = target.with_name(target.name + ".part")
    try:
        pg_tools.run(pg_tools.dump_command(url, part), url)
        pg_tools.run(pg_tools.list_command(part))
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)
    return BackupResult(str(target), target.stat().st_size, True, chain.ok, chain.rows, slug(reason), "postgresql")


def backup_before(engine: Engine, reason: str) -> BackupResult | None:
    """A checked SQLite backup before a risky operation (import, bill run, restore, migration); on
    PostgreSQL nothing (the server's own backups apply). Call it before opening the operation's session:
    it writes its audit event in a transaction of its own."""
    if not files.is_sqlite_target(engine):
        return None
    return backup_database(engine, f"before-{reason}")


def backup_if_due(engine: Engine, now: dt.datetime | None = None) -> BackupResult | None:
    """The daily backup on start: made unless an automatic backup of today exists (SQLite only)."""
    if not files.is_sqlite_target(engine):
        return None
    now = now or dt.datetime.now()
    folder = files.backups_folder(files.sqlite_path(engine))
    if any(b.made_at.date() == now.date() for b in backup_files(folder)):
        return None
    return backup_database(engine, "daily", now=now)


def chain_problem(check: files.FileCheck) -> Message | None:
    """Why a checked copy's audit chain does not verify, as a message (None when it does)."""
    if check.chain_ok:
        return None
    if check.broken_id is None:
        return msg(check.reason or "maintenance.no_audit_table")
    return msg("maintenance.chain_broken", id=check.broken_id, reason=msg(check.reason or "audit.chain_edited"))
