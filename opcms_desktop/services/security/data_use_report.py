"""The data-use report (数据使用审计报告): per user and period, what was viewed, exported, printed, revealed
and reported, from the access log; with an .xlsx export. Unusual-access alerts are not a user's use of
data and are left out (the access screen lists them).

Decisions: the period is a range of local calendar days, both ends included; rows are summed per user,
action and entity ("operations" counts recorded operations, "rows" the rows they touched); alerts and
the approval bookkeeping are listed under their own actions like every other access row.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...models.access import AccessEntry
from ..platform.errors import UserError
from ..platform.operations import reads, writes
from ..platform.xlsx_writer import Column, Sheet, write_xlsx
from .access_log import append_entry
from .export_approval import clear_export
from .permissions import Actor, require

MAX_DAYS = 3660


@dataclass(frozen=True)
class UseLine:
    action: str
    entity: str
    operations: int
    rows: int


@dataclass(frozen=True)
class UserUse:
    username: str
    operations: int
    rows: int
    views: int
    exports: int
    exported_rows: int
    lines: tuple[UseLine, ...]


@dataclass(frozen=True)
class DataUseReport:
    date_from: dt.date
    date_to: dt.date
    username: str | None
    users: tuple[UserUse, ...]

    @property
    def operations(self) -> int:
        return sum(u.operations for u in self.users)


def local_day_start(day: dt.date) -> dt.datetime:
    """Midnight of a local calendar day, as an aware datetime."""
    return dt.datetime.combine(day, dt.time()).astimezone()


def _check(date_from: dt.date, date_to: dt.date) -> None:
    if date_to < date_from:
        raise UserError(
            "access.period_reversed", date_from=date_from.isoformat(), date_to=date_to.isoformat()
        )
    if (date_to - date_from).days > MAX_DAYS:
        raise UserError("access.period_too_long", days=MAX_DAYS)


@reads
def data_use_report(
    session: Session, actor: Actor, date_from: dt.date, date_to: dt.date, username: str | None = None
) -> DataUseReport:
    """Per user: operations and rows by action and entity between two local days (both included)."""
    require(actor, "access_log.view")
    _check(date_from, date_to)
    start, end = local_day_start(date_from), local_day_start(date_to + dt.timedelta(days=1))
    query = (
        select(
            AccessEntry.username,
            AccessEntry.action,
            AccessEntry.entity,
            func.count(),
            func.coalesce(func.sum(AccessEntry.row_count), 0),
        )
        .where(AccessEntry.at >= start, AccessEntry.at < end, AccessEntry.action != "alert")
        .group_by(AccessEntry.username, AccessEntry.action, AccessEntry.entity)
    )
    if username:
        query = query.where(AccessEntry.username == username)
    per_user: dict[str, list[UseLine]] = defaultdict(list)
    for name, action, entity, operations, rows in session.execute(query):
        per_user[name].append(UseLine(action, entity, int(operations), int(rows)))
    users = []
    for name in sorted(per_user):
        lines = tuple(sorted(per_user[name], key=lambda line: (line.action, line.entity)))
        users.append(
            UserUse(
                name,
                sum(line.operations for line in lines),
                sum(line.rows for line in lines),
                sum(line.operations for line in lines if line.action == "view"),
                sum(line.operations for line in lines if line.action == "export"),
                sum(line.rows for line in lines if line.action == "export"),
                lines,
            )
        )
    return DataUseReport(date_from, date_to, username, tuple(users))


COLUMNS = (
    Column("用户", width=16),
    Column("操作", width=16),
    Column("对象", width=18),
    Column("次数", "int", 10),
    Column("行数", "int", 12),
)


@writes("access_log", "exports")
def export_data_use_report(
    session: Session,
    actor: Actor,
    date_from: dt.date,
    date_to: dt.date,
    path: str | Path,
    username: str | None = None,
) -> int:
    """Write the report to .xlsx (one line per user, action and entity); the export itself is recorded."""
    report = data_use_report(session, actor, date_from, date_to, username)
    rows = [
        (u.username, line.action, line.entity, line.operations, line.rows)
        for u in report.users
        for line in u.lines
    ]
    title = f"数据使用 {date_from.isoformat()}~{date_to.isoformat()}"
    clear_export(session, actor, "data_use_report", len(rows))
    append_entry(
        session,
        actor,
        "export",
        "data_use_report",
        None,
        len(rows),
        {"from": date_from.isoformat(), "to": date_to.isoformat(), "user": username, "file": Path(path).name},
    )
    return write_xlsx(path, [Sheet(title, COLUMNS, rows)], exported_by=actor.display_name or actor.username)
