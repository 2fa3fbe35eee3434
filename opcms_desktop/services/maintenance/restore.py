"""Restore a whole database from a backup, after checking the backup.

SQLite: the backup is checked (integrity_check, audit chain); the restore refuses while any other
connection has the database open (the desktop client, even idle); the current file is kept aside as
`<name>-before-restore-YYYYMMDD-HHMMSS.db` (with its -wal / -shm, if any were left); the backup is copied
into place and the restore is recorded in the restored database's audit trail.
PostgreSQL: pg_restore of a pg_dump archive (custom format), refused while other sessions are connected,
after a pg_dump of the current state (kept in the backups folder).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, func, make_url, select, text

from ...models import User
from ..audit import trail
from ..platform.actor import Actor
from ..platform.db import create_db_engine, make_session_factory, session_scope
from ..platform.errors import UserError
from ..platform.messages import msg
from ..security.permissions import require
from . import files, pg_tools
from .backup import PERMISSION, backup_database, chain_problem, engine_for

SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class RestoreResult:
    database: str  # the restored database (file or URL without password)
    restored_from: str
    kept_aside: str  # the previous state: the renamed file, or a pg_dump archive
    audit_rows: int  # rows of the restored audit trail, the restore event included
    chain_ok: bool
    backend: str


def check_backup(path: str | Path, database: Path | None = None) -> files.FileCheck:
    """A SQLite backup fit to restore: it exists, opens with a key of `database` (the file it would
    replace; default its own keyring entry) or is a plain file of an earlier version, passes
    integrity_check, and its audit chain verifies."""
    backup = Path(path).expanduser().resolve()
    if not backup.is_file():
        raise UserError("maintenance.backup_missing", path=str(backup))
    check = files.check_file(backup, database)
    if check.integrity != "ok":
        raise UserError("maintenance.backup_unusable", path=str(backup),
                        detail=msg("maintenance.integrity_failed", detail=check.integrity))
    problem = chain_problem(check)
    if problem is not None:
        raise UserError("maintenance.backup_unusable", path=str(backup), detail=problem)
    return check


def restore_database(url_or_engine: str | Engine, backup: str | Path, *, actor: Actor,
                     now: dt.datetime | None = None) -> RestoreResult:
    """Replace the whole database by `backup`. An engine passed in is disposed first (its idle pooled
    connections would otherwise count as another user of the file); the caller opens a new session
    afterwards."""
    require(actor, PERMISSION)
    now = now or dt.datetime.now()
    source = Path(backup).expanduser().resolve()
    if isinstance(url_or_engine, Engine):
        url_or_engine.dispose()
    url = files.url_of(url_or_engine)
    if files.is_sqlite_target(url):
        return _restore_sqlite(url, source, actor, now)
    return _restore_postgresql(url, source, actor, now)


def _restore_sqlite(url: str, source: Path, actor: Actor, now: dt.datetime) -> RestoreResult:
    database = files.sqlite_path(url)
    if source == database:
        raise UserError("maintenance.restore_same_file", path=str(source))
    check_backup(source, database)
    staging = database.with_name(database.name + ".restoring")
    kept = database.with_name(f"{database.stem}-before-restore-{now:%Y%m%d-%H%M%S}{database.suffix}")
    if database.exists():
        files.ensure_not_in_use(database)
    try:
        files.online_copy(source, staging, database)
        if database.exists():
            os.replace(database, kept)
            for side in SIDE_FILES:
                leftover = Path(f"{database}{side}")
                if leftover.exists():
                    os.replace(leftover, Path(f"{kept}{side}"))
        os.replace(staging, database)
    finally:
        staging.unlink(missing_ok=True)
    rows, ok = _record_restore(url, actor, source, kept if kept.exists() else None)
    return RestoreResult(str(database), str(source), str(kept) if kept.exists() else "", rows, ok, "sqlite")


def _record_restore(url: str, actor: Actor, source: Path, kept: Path | str | None) -> tuple[int, bool]:
    """The restore event in the restored trail, then the chain verified. The admin may not exist in the
    restored data (made after the backup): the event is then written as `system`, naming the admin."""
    engine = create_db_engine(url)
    try:
        with session_scope(make_session_factory(engine)) as session:
            user = session.get(User, actor.id)
            known = user is not None and user.username == actor.username
            trail.record(session, actor if known else None, "event", "database", "restore",
                         {"restored_from": str(source), "kept_aside": str(kept or ""), "by": actor.username})
        with session_scope(make_session_factory(engine)) as session:
            report = trail.verify_chain(session)
        return report.rows, report.ok
    finally:
        engine.dispose()


def _restore_postgresql(url: str, source: Path, actor: Actor, now: dt.datetime) -> RestoreResult:
    if not source.is_file():
        raise UserError("maintenance.backup_missing", path=str(source))
    pg_tools.run(pg_tools.list_command(source))
    with engine_for(url) as engine:
        _refuse_other_sessions(engine)
        kept = backup_database(engine, "before-restore", prune=False, now=now)
        engine.dispose()
        pg_tools.run(pg_tools.restore_command(url, source), url)
    rows, ok = _record_restore(url, actor, source, kept.path)
    database = make_url(url).render_as_string(hide_password=True)
    return RestoreResult(database, str(source), kept.path, rows, ok, "postgresql")


def _refuse_other_sessions(engine: Engine) -> None:
    with engine.connect() as conn:
        others = conn.scalar(
            select(func.count()).select_from(text("pg_stat_activity"))
            .where(text("datname = current_database() AND pid <> pg_backend_pid() "
                        "AND backend_type = 'client backend'")))
        database = conn.scalar(text("SELECT current_database()"))
    if others:
        raise UserError("maintenance.pg_in_use", database=str(database), count=int(others))
