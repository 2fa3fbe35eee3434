"""Risky operations of the desktop client, each preceded by a checked SQLite backup (issue 10 item 4).

The UI runs these instead of the plain services, so the backup happens inside the same background
operation, right before the work, and cannot be forgotten by a screen. The backup is taken before the
operation's session touches the database (the session has begun no transaction on a connection yet),
because it writes its own audit event in a transaction of its own. On PostgreSQL `backup_before` does
nothing. The permission is checked first, so a refused user does not cause a backup.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from ..billing.run import BillRunResult, generate_bill_run
from ..customers.import_result import ImportResult
from ..customers.sheet_import import (
    IMPORT_TOPICS,
    PERMISSION,
    OwnerChoice,
    import_customers_with_owner_mappings,
)
from ..platform.operations import writes
from ..platform.periods import Period
from ..platform.progress import Cancel, Progress
from ..security.permissions import Actor, require
from .backup import BackupResult, backup_before


def _backup_first(session: Session, reason: str) -> BackupResult | None:
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    return backup_before(engine, reason)


@writes(*IMPORT_TOPICS)
def import_customers_after_backup(
    session: Session,
    actor: Actor,
    path: str | Path,
    *,
    owner_choices: dict[str, OwnerChoice],
    plan_start: dt.date | None = None,
    sheet_wins: bool = False,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ImportResult:
    """The import wizard's final step: a backup, then `import_customers_with_owner_mappings`."""
    require(actor, PERMISSION)
    _backup_first(session, "customer-import")
    return import_customers_with_owner_mappings(
        session,
        actor,
        path,
        owner_choices=owner_choices,
        plan_start=plan_start,
        sheet_wins=sheet_wins,
        progress=progress,
        cancel=cancel,
    )


@writes("bills", "audit")
def generate_bill_run_after_backup(
    session: Session,
    actor: Actor,
    period: str,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    **options: Any,
) -> BillRunResult:
    """The bill-run screen's 生成: a backup, then `generate_bill_run` (options: allow_open_month, today)."""
    require(actor, "billing.run")
    period = str(Period.parse(period))  # a bad period is refused before any backup
    _backup_first(session, "bill-run")
    return generate_bill_run(session, actor, period, progress=progress, cancel=cancel, **options)
