"""The key of the encrypted SQLite database: export a recovery key, rotate the key (PRAGMA rekey).

Decisions where the issue was silent:
- both need keys.manage; both are recorded in the audit trail (the key itself never is);
- the recovery key is exported once per key: a second export of the same key is refused unless the
  admin passes `again=True` (recorded as such); after a rekey the new key may be exported again;
- a rekey needs the database to itself (like a restore: close the desktop app); it takes a checked
  backup first (under the old key), keeps the old key in the keyring so older backups still open,
  and its event in the audit trail tells the admin to export a new recovery key.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from ...models import AuditEntry
from ..audit import trail
from ..platform import cipher, db_key
from ..platform.actor import Actor
from ..platform.db import create_db_engine, make_session_factory, session_scope
from ..platform.errors import UserError
from ..security.permissions import require
from . import files
from .backup import backup_database, engine_for

PERMISSION = "keys.manage"
EXPORT_EVENT, REKEY_EVENT = "recovery-key-export", "rekey"


@dataclass(frozen=True)
class RecoveryKeyResult:
    path: str
    exported_before: bool  # an earlier export of this same key existed (only with again=True)


@dataclass(frozen=True)
class RekeyResult:
    database: str
    backup: str  # the checked backup taken first, under the old key
    key_source: str  # where the old key came from: "keyring" or "OPCMS_DB_KEY" (which must now change)
    new_key_from: str  # "random", or "OPCMS_NEW_DB_KEY" (a key the script chose and holds)


def _encrypted_file(engine: Engine) -> Path:
    if not files.is_sqlite_target(engine):
        raise UserError("db_key.not_encrypted", path=engine.url.render_as_string(hide_password=True))
    path = files.sqlite_path(engine)
    if cipher.is_plain_sqlite(path) or not path.is_file():
        raise UserError("db_key.not_encrypted", path=str(path))
    return path


def _last_event(engine: Engine, operations: tuple[str, ...]) -> AuditEntry | None:
    with session_scope(make_session_factory(engine)) as session:
        entry = session.scalar(
            select(AuditEntry)
            .where(AuditEntry.entity == "database", AuditEntry.entity_id.in_(operations))
            .order_by(AuditEntry.id.desc())
            .limit(1)
        )
        if entry is not None:
            session.expunge(entry)
        return entry


def export_recovery_key(
    url_or_engine: str | Engine, out: str | Path, *, actor: Actor, again: bool = False
) -> RecoveryKeyResult:
    """Write the database key (hex, the form OPCMS_DB_KEY takes) to a new owner-only file `out`."""
    require(actor, PERMISSION)
    target = Path(out).expanduser().resolve()
    with engine_for(url_or_engine) as engine:
        path = _encrypted_file(engine)
        key = db_key.database_key(path, create=False)
        last = _last_event(engine, (EXPORT_EVENT, REKEY_EVENT))
        exported_before = last is not None and last.entity_id == EXPORT_EVENT
        if exported_before and not again:
            assert last is not None
            raise UserError(
                "db_key.recovery_exported", at=f"{last.at:%Y-%m-%d %H:%M}", username=last.username
            )
        if target.exists():
            raise UserError("db_key.out_exists", path=str(target))
        target.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, cipher.OWNER_ONLY)
        with os.fdopen(descriptor, "w", encoding="ascii") as handle:
            handle.write(key + "\n")
        _record(engine, actor, EXPORT_EVENT, {"path": str(target), "again": exported_before})
    return RecoveryKeyResult(str(target), exported_before)


def rekey_database(
    url_or_engine: str | Engine, *, actor: Actor, now: dt.datetime | None = None
) -> RekeyResult:
    """Re-encrypt the database with a new key (OPCMS_NEW_DB_KEY, else random) and make it the keyring's key.
    With OPCMS_DB_KEY set the new key must be chosen (OPCMS_NEW_DB_KEY): the script keeps it.

    The keyring holds the new key before the file uses it, and the key the file had (from the keyring or
    OPCMS_DB_KEY) is kept among the previous keys, so at no moment is the file under a key nobody holds.
    The rotation is recorded under the new key (OPCMS_DB_KEY, if set, still names the old one)."""
    require(actor, PERMISSION)
    with engine_for(url_or_engine) as engine:
        path = _encrypted_file(engine)
        old = db_key.database_key(path, create=False)
        source = db_key.ENV_KEY if db_key.environment_key() else "keyring"
        chosen = db_key.new_environment_key()
        if source == db_key.ENV_KEY and not chosen:
            # a random key would live only in this account's keyring, which a script's machine may lose
            raise UserError("db_key.new_key_needed", variable=db_key.ENV_KEY, new_variable=db_key.NEW_ENV_KEY)
        new = chosen or secrets.token_hex(32)
        if new == old:
            raise UserError("db_key.same_key", variable=db_key.NEW_ENV_KEY)
        taken = backup_database(engine, "before-rekey", prune=False, now=now)
        engine.dispose()  # pooled connections hold the old key
        files.ensure_not_in_use(path)
        db_key.store_database_key(path, new, replaced=old)
        try:
            conn = cipher.connect(path, old)
            try:
                cipher.rekey(conn, new)
            finally:
                conn.close()
            cipher.connect(path, new).close()  # the new key opens it
        except BaseException:
            _keep_the_working_key(path, old, new)
            raise
        keyed = create_db_engine(engine.url.render_as_string(hide_password=False), key=new)
        try:
            _record(keyed, actor, REKEY_EVENT, {"backup": taken.path, "key_source": source,
                                                "new_key_from": db_key.NEW_ENV_KEY if chosen else "random"})
        finally:
            keyed.dispose()
    return RekeyResult(str(path), taken.path, source, db_key.NEW_ENV_KEY if chosen else "random")


def _keep_the_working_key(path: Path, old: str, new: str) -> None:
    """A failed rekey: the keyring's current key goes back to whichever key opens the file."""
    for key in (old, new):
        try:
            cipher.connect(path, key).close()
        except UserError:
            continue
        db_key.store_database_key(path, key, replaced=new if key == old else old)
        return


def _record(engine: Engine, actor: Actor, operation: str, details: dict[str, Any]) -> None:
    with session_scope(make_session_factory(engine)) as session:
        trail.record(session, actor, "event", "database", operation, details)
