"""SQLite files: where a database lives, its backups folder, copying it online, checking a copy.

Every copy is encrypted with the key of the database it belongs to (services/platform/cipher.py); a
backup is opened with that database's current or previous keys (a rekey keeps the old ones in the
keyring), and a plain backup from an earlier version still opens and is encrypted when restored.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, make_url
from sqlalchemy.orm import Session

from ..audit import trail
from ..platform import cipher, db_key
from ..platform.db import is_sqlite, normalise_url
from ..platform.errors import UserError

BUSY_MS = 2000  # how long a check for other connections waits before it calls the database busy


def url_of(url_or_engine: str | Engine) -> str:
    if isinstance(url_or_engine, Engine):
        return url_or_engine.url.render_as_string(hide_password=False)
    return normalise_url(url_or_engine)


def sqlite_path(url_or_engine: str | Engine) -> Path:
    """The file of a SQLite URL or engine; UserError for an in-memory database."""
    database = make_url(url_of(url_or_engine)).database
    if not database or database == ":memory:" or database.startswith("file:"):
        raise UserError("maintenance.not_a_file", url=str(database or ":memory:"))
    return Path(database).resolve()


def backups_folder(database: Path) -> Path:
    return database.parent / "backups"


def online_copy(source: Path, target: Path, database: Path | None = None) -> None:
    """A consistent, self-contained copy (rollback journal, no -wal / -shm) encrypted with the key of
    `database` (default: `source` itself), owner-only. Safe while the app runs (one read transaction
    under WAL). `source` may be a backup under an older key of `database`, or a plain file."""
    owner = database or source
    src = cipher.open_with_any(source, db_key.candidate_keys(owner), timeout=30)
    try:
        cipher.export_encrypted(src, target, db_key.database_key(owner, create=True))
    finally:
        src.close()


@dataclass(frozen=True)
class FileCheck:
    integrity: str  # "ok" or SQLite's first complaint
    chain_ok: bool
    audit_rows: int
    broken_id: int | None = None
    reason: str | None = None

    @property
    def ok(self) -> bool:
        return self.integrity == "ok" and self.chain_ok


def _file_key(path: Path, database: Path | None) -> str | None:
    """The key that opens `path` (None: a plain file); UserError when no known key does."""
    if cipher.is_plain_sqlite(path):
        return None
    for key in db_key.candidate_keys(database or path):
        try:
            cipher.connect(path, key, read_only=True).close()
        except UserError:
            continue
        return key
    raise UserError("db_key.wrong_key", path=str(path), variable=db_key.ENV_KEY)


def check_file(path: Path, database: Path | None = None) -> FileCheck:
    """PRAGMA integrity_check, then the audit chain verified on the file itself (opened with the keys of
    `database`, default the file's own)."""
    try:
        key = _file_key(path, database)
        conn = cipher.connect(path, key, read_only=True)
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except (cipher.sqlcipher.DatabaseError, UserError) as exc:
        return FileCheck(str(exc), False, 0)
    integrity = "ok" if [r[0] for r in rows] == ["ok"] else "; ".join(str(r[0]) for r in rows[:3])
    if integrity != "ok":
        return FileCheck(integrity, False, 0)
    if "audit_log" not in tables:
        return FileCheck("ok", False, 0, reason="maintenance.no_audit_table")
    engine = create_engine("sqlite://", module=cipher.sqlcipher,
                           creator=lambda: cipher.connect(path, key, read_only=True))
    try:
        with Session(engine) as session:
            report = trail.verify_chain(session)
    finally:
        engine.dispose()
    return FileCheck("ok", report.ok, report.rows, report.broken_id, report.reason)


def ensure_not_in_use(path: Path) -> None:
    """UserError unless no other connection has `path` open; afterwards the file alone is the database.

    Leaving WAL mode needs every other connection closed (SQLite answers "database is locked"
    otherwise): an open desktop client, even an idle one, keeps it from happening. Leaving WAL also
    folds the -wal file into the database file. (A client that opens the file in the moment between
    this check and the file swap is not detected: close the app first, as the message says.)
    """
    conn = cipher.open_with_any(path, db_key.candidate_keys(path), timeout=BUSY_MS / 1000)
    conn.isolation_level = None
    try:
        try:
            mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        except cipher.sqlcipher.OperationalError:
            mode = "busy"
    finally:
        conn.close()
    if str(mode).lower() != "delete":
        raise UserError("maintenance.database_in_use", path=str(path))


def is_sqlite_target(url_or_engine: str | Engine) -> bool:
    return is_sqlite(url_of(url_or_engine))
