"""An export's file follows its transaction: written only after the audit row, and gone again on rollback.

    audit.record(session, actor, "event", "customer_export", ...)
    session.flush()                                   # the write lock and the audit row first
    save_with_transaction(session, workbook, target)  # temporary name, then os.replace as the last step

If the transaction later rolls back (the commit fails, the caller raises), the new file is removed and a
file it replaced is put back; when the transaction commits, the saved copy of the old file is dropped.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from ..platform.errors import UserError
from ..platform.xlsx_writer import require_folder


def save_with_transaction(session: Session, workbook: Any, target: Path) -> None:
    """Save `workbook` (openpyxl) at `target` so that it stays only if the session's transaction commits.

    Call it as the last step, after the audit row is flushed. UserError when the file cannot be written
    (nothing is left behind: no temporary file, the old file untouched)."""
    holder = session.get_nested_transaction() or session.get_transaction()
    temporary: str | None = None
    backup: Path | None = None
    try:
        require_folder(target)
        handle, temporary = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".tmp", dir=target.parent)
        os.close(handle)
        workbook.save(temporary)
        backup = _keep_old(target)
        os.replace(temporary, target)
        temporary = None
    except OSError as exc:
        if backup is not None:
            _discard(backup)
        raise UserError("customers.export.cannot_write", path=str(target), reason=exc.strerror or str(exc)) from exc
    finally:
        if temporary is not None:
            _discard(Path(temporary))
    if holder is not None:
        _follow(session, holder, target, backup)


def _keep_old(target: Path) -> Path | None:
    """A copy of the file the export replaces, to put back if the transaction rolls back."""
    if not target.exists():
        return None
    handle, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".old", dir=target.parent)
    os.close(handle)
    shutil.copy2(target, name)
    return Path(name)


def _discard(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def _follow(session: Session, holder: SessionTransaction, target: Path, backup: Path | None) -> None:
    """Undo the file when `holder` (the transaction holding the audit row) or one around it rolls back.

    Listeners cannot be removed while their event runs, so a settled file leaves two idle listeners on
    the session (one session per user action: a handful at most)."""
    settled = False

    def on_rollback(_session: Session, transaction: SessionTransaction) -> None:
        nonlocal settled
        current: SessionTransaction | None = holder
        while not settled and current is not None:
            if current is transaction:
                settled = True
                if backup is not None:
                    try:
                        os.replace(backup, target)
                        return
                    except OSError:
                        pass
                _discard(target)
                return
            current = current.parent

    def on_commit(committed: Session) -> None:
        nonlocal settled
        if not settled and committed.get_nested_transaction() is None:  # the outermost transaction committed
            settled = True
            if backup is not None:
                _discard(backup)

    event.listen(session, "after_soft_rollback", on_rollback)
    event.listen(session, "after_commit", on_commit)
