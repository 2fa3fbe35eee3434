"""SQLCipher files: opening a keyed connection, owner-only file modes, encrypted copies, and the one-time
conversion of a plain SQLite file from an earlier version.

The binding is `sqlcipher3` (package sqlcipher3-wheels: wheels for Windows, Linux and macOS; SQLCipher
4 over SQLite 3.51). Keys use the raw form x'…' (no passphrase KDF: the key is already 256 random bits).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as sqlcipher

from . import db_key
from .errors import UserError

PLAIN_HEADER = b"SQLite format 3\x00"
SIDE_FILES = ("-wal", "-shm", "-journal")
OWNER_ONLY = 0o600


def is_plain_sqlite(path: Path) -> bool:
    """True for an unencrypted SQLite file (its first 16 bytes are SQLite's header)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(16) == PLAIN_HEADER
    except FileNotFoundError:
        return False


def is_empty(path: Path) -> bool:
    return not path.exists() or path.stat().st_size == 0


def owner_only(path: Path) -> None:
    """Create `path` (empty) readable by its owner only, or take group/other rights off an existing one
    (and off its -wal / -shm). On Windows chmod only sets the read-only flag: the file lives in the
    user's own profile folder, whose ACL already keeps other users out."""
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, OWNER_ONLY))
    for candidate in (path, *(Path(f"{path}{side}") for side in SIDE_FILES)):
        if candidate.exists() and candidate.stat().st_mode & 0o077:
            os.chmod(candidate, OWNER_ONLY)


def connect(path: Path, key: str | None, *, timeout: float = 30.0, read_only: bool = False) -> Any:
    """A sqlcipher3 connection; `key` None opens a plain file. The key is checked at once: a wrong key
    (or a plain reader on an encrypted file) raises db_key.wrong_key naming the file."""
    target = f"file:{path}?mode=ro" if read_only else str(path)
    conn = sqlcipher.connect(target, timeout=timeout, check_same_thread=False, uri=read_only)
    try:
        if key is not None:
            conn.execute(db_key.raw_key_pragma(key))
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError as exc:
        conn.close()
        if "not a database" in str(exc) or "encrypted" in str(exc):
            raise UserError("db_key.wrong_key", path=str(path), variable=db_key.ENV_KEY) from exc
        raise
    return conn


def open_with_any(path: Path, keys: list[str], **kwargs: Any) -> Any:
    """A connection to `path` with the first key of `keys` that opens it (a plain file needs none)."""
    if is_plain_sqlite(path):
        return connect(path, None, **kwargs)
    for key in keys:
        with contextlib.suppress(UserError):
            return connect(path, key, **kwargs)
    raise UserError("db_key.wrong_key", path=str(path), variable=db_key.ENV_KEY)


def export_encrypted(source: Any, target: Path, key: str) -> None:
    """Copy the whole database of the open connection `source` into a new file `target`, encrypted with
    `key` (owner-only, rollback journal: one self-contained file). sqlcipher_export reads in one
    transaction, so the copy is consistent while other connections write (WAL)."""
    if target.exists():
        target.unlink()
    owner_only(target)
    source.execute(
        "ATTACH DATABASE ? AS opcms_copy KEY ?", (str(target), f"x'{db_key.check_hex_key(key, 'key')}'")
    )
    try:
        source.execute("SELECT sqlcipher_export('opcms_copy')").fetchall()
        version = source.execute("PRAGMA main.user_version").fetchone()[0]
        source.execute(f"PRAGMA opcms_copy.user_version = {int(version)}")
    finally:
        source.execute("DETACH DATABASE opcms_copy")


@dataclass(frozen=True)
class TableDigest:
    rows: int
    sha256: str


def table_digests(conn: Any) -> dict[str, TableDigest]:
    """Row count and a checksum of every table's rows (in rowid order), to prove a copy lost nothing."""
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    digests = {}
    for table in tables:
        digest, rows = hashlib.sha256(), 0
        quoted = '"' + table.replace('"', '""') + '"'
        for row in conn.execute(f"SELECT * FROM {quoted} ORDER BY {_row_order(conn, quoted)}"):  # noqa: S608
            digest.update(repr(row).encode("utf-8"))
            rows += 1
        digests[table] = TableDigest(rows, digest.hexdigest())
    return digests


def _row_order(conn: Any, quoted: str) -> str:
    """rowid, or the primary key's columns for a WITHOUT ROWID table (the customer name index, 0017)."""
    keys = sorted((r[5], r[1]) for r in conn.execute(f"PRAGMA table_info({quoted})") if r[5])
    without_rowid = conn.execute(
        "SELECT sql LIKE '%WITHOUT ROWID%' FROM sqlite_master WHERE type = 'table' AND '\"' || name || '\"' = ?",
        (quoted,)).fetchone()
    if keys and without_rowid and without_rowid[0]:
        return ", ".join('"' + name.replace('"', '""') + '"' for _, name in keys)
    return "rowid"


def convert_plain(path: Path, key: str, *, now: dt.datetime | None = None) -> Path:
    """Encrypt a plain SQLite file in place, once: the plain file's WAL is folded in (refused while
    another program has it open), an encrypted copy is made and compared table by table (row counts
    and checksums), kept as a backup `backups/opcms-…-before-encryption.db`, and swapped in atomically.
    Returns the backup's path. The plain file is gone afterwards; nothing is changed on any failure."""
    now = now or dt.datetime.now()
    plain = connect(path, None, timeout=2.0)
    staging = path.with_name(path.name + ".encrypting")
    try:
        try:
            mode = plain.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        except sqlcipher.OperationalError:
            mode = "busy"
        if str(mode).lower() != "delete":
            raise UserError("db_key.plain_in_use", path=str(path))
        before = table_digests(plain)
        export_encrypted(plain, staging, key)
    finally:
        plain.close()
    try:
        copy = connect(staging, key)
        try:
            after = table_digests(copy)
        finally:
            copy.close()
        if after != before:
            raise UserError("db_key.conversion_mismatch", path=str(path))
        backups = path.parent / "backups"
        backups.mkdir(parents=True, exist_ok=True)
        backup = backups / f"opcms-{now:%Y%m%d-%H%M%S}-before-encryption.db"
        owner_only(backup)
        shutil.copyfile(staging, backup)
        os.replace(staging, path)
    finally:
        staging.unlink(missing_ok=True)
    for side in SIDE_FILES:
        Path(f"{path}{side}").unlink(missing_ok=True)
    return backup


def rekey(conn: Any, new_key: str) -> None:
    """Re-encrypt the open, keyed database with `new_key` (PRAGMA rekey rewrites every page)."""
    conn.execute(f"PRAGMA rekey = \"x'{db_key.check_hex_key(new_key, 'key')}'\"")
