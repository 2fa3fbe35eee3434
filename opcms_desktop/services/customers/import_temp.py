"""Where the customer import keeps its temporary files (the sliced copy, the spilled report): a `temp`
folder in the app's own data folder, swept of `opcms-import-*` leftovers older than a day (a crash, a
killed process) before each import. A full disk becomes its own message, not "file unreadable"."""

from __future__ import annotations

import contextlib
import errno
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from ..platform.db import APP_NAME
from ..platform.errors import UserError

PREFIX = "opcms-import-"
STALE_SECONDS = 24 * 3600
_FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))


def temp_folder() -> str:
    """The app's own temp folder (created), or the system's when it cannot be made."""
    from platformdirs import user_data_dir

    folder = Path(user_data_dir(APP_NAME, appauthor=False)) / "temp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return tempfile.gettempdir()
    return str(folder)


def sweep(folder: str | None = None, now: float | None = None) -> int:
    """Remove `opcms-import-*` files and folders older than a day; how many went."""
    root = Path(folder or temp_folder())
    limit = (time.time() if now is None else now) - STALE_SECONDS
    removed = 0
    for path in root.glob(PREFIX + "*"):
        with contextlib.suppress(OSError):
            if path.lstat().st_mtime >= limit:
                continue
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
            removed += 1
    return removed


def is_disk_full(error: BaseException) -> bool:
    """ENOSPC / EDQUOT, or SQLite's SQLITE_FULL, raw or as the cause of another error."""
    current: BaseException | None = error
    while current is not None:
        if isinstance(current, OSError) and current.errno in _FULL:
            return True
        if isinstance(current, sqlite3.Error) and (getattr(current, "sqlite_errorcode", 0) or 0) & 0xFF == 13:
            return True
        current = current.__cause__ or current.__context__
    return False


def disk_full(folder: str | None = None) -> UserError:
    return UserError("customers.import.disk_full", folder=folder or temp_folder())
