"""The 历史 tab: a customer's audit trail, one row per changed field (who, when, field, before → after)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ...services.customers.edit import AuditRow
from ..kit.customer_fields import ACTION_LABELS, field_label, value_text
from ..kit.format import local_time_text
from .texts import t

Index = QModelIndex | QPersistentModelIndex
HEADERS = ("时间", "用户", "操作", "字段", "原值", "新值", "说明")
# Search keys and sheet raw texts repeat what the other fields say; the trail is easier to read without.
QUIET_FIELDS = frozenset({"name_initials", "name_pinyin", "version", "company_id"})


@dataclass(frozen=True)
class HistoryLine:
    at: str
    user: str
    action: str
    field: str
    before: str
    after: str
    note: str


def history_lines(rows: list[AuditRow], dictionary: dict[int, str] | None = None) -> list[HistoryLine]:
    lines: list[HistoryLine] = []
    for row in rows:
        at, action, note = local_time_text(row.at), t(ACTION_LABELS.get(row.action, row.action)), row.summary or ""
        changes = row.changes if isinstance(row.changes, dict) else {}
        shown = [(k, v) for k, v in changes.items() if k not in QUIET_FIELDS]
        pairs = [(k, v) for k, v in shown if isinstance(v, list | tuple) and len(v) == 2]
        if not pairs:
            lines.append(HistoryLine(at, row.username, action, "", "", "", note))
            continue
        for key, (before, after) in pairs:
            lines.append(HistoryLine(at, row.username, action, t(field_label(key)), value_text(key, before, dictionary),
                                     value_text(key, after, dictionary), note))
    return lines


class HistoryModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._lines: list[HistoryLine] = []

    def set_rows(self, rows: list[AuditRow], dictionary: dict[int, str] | None = None) -> None:
        self.beginResetModel()
        self._lines = history_lines(rows, dictionary)
        self.endResetModel()

    def line(self, row: int) -> HistoryLine:
        return self._lines[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._lines)) or not (0 <= index.column() < len(HEADERS)):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            line = self._lines[index.row()]
            return (line.at, line.user, line.action, line.field, line.before, line.after, line.note)[index.column()]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(HEADERS):
            return t(HEADERS[section])
        return None
