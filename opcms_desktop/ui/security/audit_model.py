"""The audit viewer's models: the SQL-paged trail (newest first) and the before → after lines of one row."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication
from sqlalchemy.orm import Session

from ...services.security import audit_view
from ...services.security.audit_view import AuditFilter, AuditRow
from ...services.security.permissions import Actor
from ..kit.format import local_time_text
from ..kit.paged_model import Column, PagedTableModel
from ..operations import OperationRunner
from .labels import action_label, entity_label, field_label, permission_label, scope_label, value_text

translate = QCoreApplication.translate  # translate("context", "中文"): lupdate reads the literals


def audit_count(session: Session, actor: Actor, flt: AuditFilter) -> int:
    return audit_view.list_entries(session, actor, flt, offset=0, limit=1).total


def audit_rows(session: Session, actor: Actor, flt: AuditFilter, offset: int, limit: int) -> list[AuditRow]:
    return audit_view.list_entries(session, actor, flt, offset=offset, limit=limit).rows


def changed_fields(row: AuditRow) -> str:
    """What an entry changed, briefly: the summary, else the names of the changed fields."""
    if row.summary:
        return row.summary
    if isinstance(row.changes, dict):
        return "、".join(field_label(k, row.entity) for k in row.changes)
    return ""


def audit_columns() -> list[Column]:
    return [
        Column("id", "ID", lambda r: r.id, align_right=True, width=60),
        Column("at", translate("security", "时间"), lambda r: local_time_text(r.at), width=124),
        Column("user", translate("security", "用户"), lambda r: r.username, width=80),
        Column("action", translate("security", "操作"), lambda r: action_label(r.action), width=56),
        Column("entity", translate("security", "对象"), lambda r: entity_label(r.entity), width=72),
        Column("entity_id", translate("security", "对象ID"), lambda r: r.entity_id or "", width=100),
        Column("what", translate("security", "内容"), changed_fields, width=180),
    ]


class AuditTableModel(PagedTableModel):
    """Rows are AuditRow; the service orders newest first, so the columns do not sort."""

    def __init__(self, runner: OperationRunner, parent=None, page_size: int = 200):
        super().__init__(runner, audit_columns(), audit_count, audit_rows, page_size=page_size, parent=parent)


@dataclass(frozen=True)
class ChangeLine:
    field: str
    before: str
    after: str


def _readable(entity: str, key: str, value: Any) -> Any:
    """Role permissions read as their labels (审计日志 · 查看), scopes as words."""
    if entity == "role" and key == "permissions" and isinstance(value, list):
        return [permission_label(v) for v in value]
    if entity == "role" and key == "customer_scope" and isinstance(value, str):
        return scope_label(value)
    return value


def change_lines(row: AuditRow | None) -> list[ChangeLine]:
    """One line per field: {"field": [before, after]} pairs; event details as field → value.

    A list field (a role's permissions) gets one line per item that came or went (有 → 无), so a
    change of one permission among forty reads as that one permission."""
    if row is None or row.changes is None:
        return []
    changes: Any = row.changes
    if not isinstance(changes, dict):
        return [ChangeLine(translate("security", "详情"), "", value_text(changes))]
    lines = []
    for key, value in changes.items():
        label = field_label(key, row.entity)
        if row.action == "event" or not (isinstance(value, list) and len(value) == 2):
            lines.append(ChangeLine(label, "", value_text(value)))
            continue
        before, after = (_readable(row.entity, key, v) for v in value)
        if isinstance(before, list | None) and isinstance(after, list | None) and (before or after):
            old, new = before or [], after or []
            for item in [*(v for v in old if v not in new), *(v for v in new if v not in old)]:
                had, has = item in old, item in new
                lines.append(ChangeLine(f"{label} · {item}", translate("security", "有") if had else translate("security", "无"),
                                        translate("security", "有") if has else translate("security", "无")))
            continue
        lines.append(ChangeLine(label, value_text(before), value_text(after)))
    return lines


def change_columns() -> list[Column]:
    return [
        Column("field", translate("security", "字段"), lambda c: c.field, width=190),
        Column("before", translate("security", "原值"), lambda c: c.before, width=120),
        Column("after", translate("security", "新值"), lambda c: c.after, width=120),
    ]
