"""The audit viewer for admins: filter by user, entity, entity id, action, time; page; export; verify.

Times are stored in UTC. A `date` bound means that day in the computer's local time zone
(`since` from its start, `until` up to its end); a datetime bound without a zone is local time too.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session

from ...models import AuditEntry
from ..audit import anchors
from ..audit import trail as audit
from ..platform.errors import Cancelled, NotFound, UserError
from ..platform.operations import reads, writes
from ..platform.progress import Cancel, Progress
from ..platform.xlsx_writer import require_folder
from .export_approval import clear_export
from .permissions import Actor, require

EXPORT_HEADERS = ("ID", "时间", "用户", "操作", "对象", "对象ID", "变更", "摘要")
MAX_PAGE = 1000


@dataclass(frozen=True)
class AuditFilter:
    username: str | None = None
    entity: str | None = None
    entity_id: str | None = None
    action: str | None = None  # create / update / delete / event
    since: dt.date | dt.datetime | None = None  # inclusive
    until: dt.date | dt.datetime | None = None  # a date: to the end of that day; a datetime: exclusive
    text: str | None = None  # part of the summary, entity id or user name


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: dt.datetime  # aware, UTC
    user_id: int | None
    username: str
    action: str
    entity: str
    entity_id: str | None
    changes: Any  # {"field": [before, after]} or event details
    summary: str | None


@dataclass(frozen=True)
class AuditPage:
    rows: list[AuditRow]
    total: int
    offset: int
    limit: int


@dataclass(frozen=True)
class AuditChoices:
    usernames: list[str]
    entities: list[str]
    actions: list[str]


def _bound(session: Session, value: dt.date | dt.datetime, end_of_day: bool) -> dt.datetime:
    if isinstance(value, dt.datetime):
        moment = value if value.tzinfo else value.astimezone()
    else:
        day = value + dt.timedelta(days=1) if end_of_day else value
        moment = dt.datetime.combine(day, dt.time()).astimezone()
    utc = moment.astimezone(dt.UTC)
    # SQLite keeps the UTC wall time without a zone: compare like with like.
    return utc.replace(tzinfo=None) if session.get_bind().dialect.name == "sqlite" else utc


def _conditions(session: Session, flt: AuditFilter) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if flt.username:
        conds.append(AuditEntry.username == flt.username.strip())
    if flt.entity:
        conds.append(AuditEntry.entity == flt.entity.strip())
    if flt.entity_id:
        conds.append(AuditEntry.entity_id == flt.entity_id.strip())
    if flt.action:
        conds.append(AuditEntry.action == flt.action.strip())
    if flt.since is not None:
        conds.append(AuditEntry.at >= _bound(session, flt.since, end_of_day=False))
    if flt.until is not None:
        conds.append(AuditEntry.at < _bound(session, flt.until, end_of_day=True))
    if flt.text and flt.text.strip():
        pattern = "%" + flt.text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        conds.append(or_(AuditEntry.summary.ilike(pattern, escape="\\"),
                         AuditEntry.entity_id.ilike(pattern, escape="\\"),
                         AuditEntry.username.ilike(pattern, escape="\\")))
    return conds


_COLUMNS = (AuditEntry.id, AuditEntry.at, AuditEntry.user_id, AuditEntry.username, AuditEntry.action,
            AuditEntry.entity, AuditEntry.entity_id, AuditEntry.changes, AuditEntry.summary)


def _query(conds: list[ColumnElement[bool]]) -> Select:
    # Plain columns, not entities: nothing lands in the caller's identity map.
    return select(*_COLUMNS).where(*conds)


def _row(e: Any) -> AuditRow:
    at = e.at if e.at.tzinfo else e.at.replace(tzinfo=dt.UTC)
    return AuditRow(e.id, at.astimezone(dt.UTC), e.user_id, e.username, e.action, e.entity, e.entity_id,
                    e.changes, e.summary)


@reads
def list_entries(session: Session, actor: Actor, flt: AuditFilter | None = None, *,
                 offset: int = 0, limit: int = 200) -> AuditPage:
    """One page of matching rows, newest first, and how many match in all."""
    require(actor, "audit.view")
    flt = flt or AuditFilter()
    limit = max(1, min(limit, MAX_PAGE))
    offset = max(0, offset)
    total = session.scalar(select(func.count()).select_from(AuditEntry).where(*_conditions(session, flt))) or 0
    entries = session.execute(_query(_conditions(session, flt)).order_by(AuditEntry.id.desc())
                              .offset(offset).limit(limit))
    return AuditPage([_row(e) for e in entries], int(total), offset, limit)


@reads
def get_entry(session: Session, actor: Actor, entry_id: int) -> AuditRow:
    require(actor, "audit.view")
    entry = session.execute(_query([AuditEntry.id == entry_id])).first()
    if entry is None:
        raise NotFound("audit.entry_not_found", id=entry_id)
    return _row(entry)


@reads
def filter_choices(session: Session, actor: Actor) -> AuditChoices:
    """The values the viewer's drop-downs offer."""
    require(actor, "audit.view")

    def distinct(column: Any) -> list[str]:
        return [str(v) for v in session.scalars(select(column).distinct().order_by(column)) if v is not None]

    return AuditChoices(distinct(AuditEntry.username), distinct(AuditEntry.entity), distinct(AuditEntry.action))


@reads
def verify(session: Session, actor: Actor) -> audit.ChainReport:
    """Recompute the hash chain (the first row that does not match is reported), then compare it with its
    checkpoints: a chain shorter than the last one, rewritten up to it, or a checkpoint whose MAC does not
    match is reported with broken_id None and the reason's parameters."""
    require(actor, "audit.view")
    report = audit.verify_chain(session)
    if not report.ok:
        return report
    anchored = anchors.verify_against_checkpoints(session, "audit", report.rows, report.head_hash)
    if anchored.ok:
        return report
    return audit.ChainReport(report.rows, False, None, anchored.reason, report.head_hash, anchored.params)


def _local_naive(at: dt.datetime) -> dt.datetime:
    return at.astimezone().replace(tzinfo=None)  # Excel has no time zones: local wall time


def _discard(sheet: Any) -> None:
    """Finish and delete the temporary file of a write-only sheet that will not be saved."""
    sheet.close()
    sheet._writer.cleanup()


@writes("audit", "access_log", "exports")
def export_xlsx(session: Session, actor: Actor, flt: AuditFilter | None, path: str | Path, *,
                progress: Progress | None = None, cancel: Cancel | None = None, batch: int = 2000) -> int:
    """Write the matching rows (oldest first) to an .xlsx file; the export itself is audited."""
    require(actor, "audit.export")
    flt = flt or AuditFilter()
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise UserError("xlsx.not_xlsx", file=target.name)
    require_folder(target)
    conds = _conditions(session, flt)
    total = int(session.scalar(select(func.count()).select_from(AuditEntry).where(*conds)) or 0)
    clear_export(session, actor, "audit", total)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("审计日志")
    for letter, width in zip("ABCDEFGH", (8, 20, 14, 9, 14, 12, 60, 40), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for title in EXPORT_HEADERS:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    done, last_id = 0, 0
    try:
        while True:
            if cancel is not None and cancel():
                raise Cancelled("audit.export_cancelled")
            entries = session.execute(_query([*conds, AuditEntry.id > last_id]).order_by(AuditEntry.id)
                                      .limit(batch)).all()
            if not entries:
                break
            for e in entries:
                row = _row(e)
                when = WriteOnlyCell(sheet, value=_local_naive(row.at))
                when.number_format = "yyyy-mm-dd hh:mm:ss"
                changes = None if row.changes is None else json.dumps(row.changes, ensure_ascii=False)
                sheet.append([row.id, when, row.username, row.action, row.entity, row.entity_id, changes, row.summary])
                last_id = e.id
            done += len(entries)
            if progress is not None:
                progress(done, total, "审计日志")
    except BaseException:
        _discard(sheet)
        raise
    try:
        workbook.save(target)
    except OSError as exc:
        raise UserError("xlsx.cannot_write", path=str(target), detail=exc.strerror or str(exc)) from exc
    filters = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in asdict(flt).items() if v}
    audit.record(session, actor, "event", "export", None,
                 {"what": "audit_log", "rows": done, "file": target.name, "filter": filters},
                 summary=f"exported {done} audit rows to {target.name}")
    return done
