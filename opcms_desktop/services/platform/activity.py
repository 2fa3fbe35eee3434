"""Who is writing to a SQLite database right now: long writers announce themselves, others read it.

SQLite has one writer at a time. A second writer meeting a long import or bill run is refused within a
few seconds (`db.DatabaseBusy`, code `database.busy`), and the message names the running operation when
it was announced here:

    with announce_activity(session, actor, "database.activity.customer_import"):
        ...  # the long write transaction: begin it inside, after the announcement

The announcement is a small JSON file (user, operation, pid, host, since) in a folder next to the
database (`opcms.db.activity/`), written before the long transaction begins and removed after it, so any
process can read it without touching the database. A record whose process is gone (same host) is stale
and ignored. On PostgreSQL, in-memory SQLite and other engines it does nothing: writers there do not
queue on one lock.

`operation` is a catalogue code (the reader renders it in its own language); `actor` an Actor (its
display name) or a name.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import socket
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from .messages import Message

FOLDER_SUFFIX = ".activity"
FOREIGN_HOST_STALE_AFTER = dt.timedelta(hours=12)  # a record of another machine: its pid cannot be checked


@dataclass(frozen=True)
class Activity:
    user: str
    operation: str  # a catalogue code, e.g. database.activity.customer_import
    pid: int
    host: str
    since: dt.datetime  # aware, UTC

    @property
    def operation_message(self) -> Message:
        return Message(self.operation)

    def since_text(self) -> str:
        return self.since.astimezone().strftime("%Y-%m-%d %H:%M")


def activity_folder(target: Engine | Connection | Session | URL | str) -> Path | None:
    """The announcement folder of a file-backed SQLite database, else None."""
    url = _url(target)
    if url is None or url.get_backend_name() != "sqlite":
        return None
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).with_name(Path(database).name + FOLDER_SUFFIX)


def _url(target: Engine | Connection | Session | URL | str) -> URL | None:
    from sqlalchemy import make_url

    if isinstance(target, Session):
        target = target.get_bind()
    if isinstance(target, Connection):
        return target.engine.url
    if isinstance(target, Engine):
        return target.url
    if isinstance(target, URL):
        return target
    try:
        return make_url(target)
    except Exception:  # noqa: BLE001 - not a URL: nothing to announce
        return None


def _actor_name(actor: object) -> str:
    if isinstance(actor, str):
        return actor
    return str(getattr(actor, "display_name", "") or getattr(actor, "username", "") or "?")


@contextlib.contextmanager
def announce_activity(target: Engine | Connection | Session | URL | str, actor: object,
                      operation: str) -> Iterator[Activity | None]:
    """Announce a long write for its duration (see the module doc); yields the record (None: not SQLite).

    Never fails the operation: a folder that cannot be written only means nobody learns who is busy.
    """
    folder = activity_folder(target)
    if folder is None:
        yield None
        return
    record = Activity(_actor_name(actor)[:100], operation, os.getpid(), socket.gethostname(),
                      dt.datetime.now(dt.UTC))
    path = folder / f"{record.pid}-{uuid.uuid4().hex[:12]}.json"
    written = _write(path, record)
    try:
        yield record
    finally:
        if written:
            with contextlib.suppress(OSError):
                path.unlink()


def _write(path: Path, record: Activity) -> bool:
    data = {"user": record.user, "operation": record.operation, "pid": record.pid, "host": record.host,
            "since": record.since.isoformat()}
    temporary = path.with_suffix(".tmp")
    try:
        path.parent.mkdir(exist_ok=True)
        temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()
        return False
    return True


def current_activities(target: Engine | Connection | Session | URL | str) -> list[Activity]:
    """The live announcements, oldest first (stale ones are removed on the way, when possible)."""
    folder = activity_folder(target)
    if folder is None or not folder.is_dir():
        return []
    found = []
    try:
        entries = list(folder.glob("*.json"))
    except OSError:
        return []
    for path in entries:
        record = _read(path)
        if record is None:
            continue
        if not is_live(record):
            with contextlib.suppress(OSError):
                path.unlink()
            continue
        found.append(record)
    return sorted(found, key=lambda r: r.since)


def current_activity(target: Engine | Connection | Session | URL | str) -> Activity | None:
    """The longest-running live announcement (the one most likely to hold the write lock), or None."""
    records = current_activities(target)
    return records[0] if records else None


def _read(path: Path) -> Activity | None:
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        since = dt.datetime.fromisoformat(str(data["since"]))
        return Activity(str(data["user"]), str(data["operation"]), int(data["pid"]), str(data.get("host", "")),
                        since if since.tzinfo else since.replace(tzinfo=dt.UTC))
    except (OSError, ValueError, KeyError, TypeError):
        return None  # being written or removed right now, or not ours


def is_live(record: Activity) -> bool:
    if record.host != socket.gethostname():
        return dt.datetime.now(dt.UTC) - record.since < FOREIGN_HOST_STALE_AFTER
    return record.pid == os.getpid() or process_alive(record.pid)


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine (never signals or ends it)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":  # os.kill would terminate it on Windows
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
