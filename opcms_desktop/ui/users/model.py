"""Table model of users: plain UserRow data from services.users, nothing else."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from ...services.security.users import UserRow
from ..kit.format import local_time_text
from ..kit.text import translate

Index = QModelIndex | QPersistentModelIndex

CONTEXT = "UsersTableModel"
COLUMNS = [
    ("username", QT_TRANSLATE_NOOP("UsersTableModel", "用户名")),
    ("display_name", QT_TRANSLATE_NOOP("UsersTableModel", "显示名称")),
    ("role_label", QT_TRANSLATE_NOOP("UsersTableModel", "角色")),
    ("status", QT_TRANSLATE_NOOP("UsersTableModel", "状态")),
    ("last_login_at", QT_TRANSLATE_NOOP("UsersTableModel", "最近登录")),
]


def tr(text: str) -> str:
    return translate(CONTEXT, text)


def status_text(row: UserRow) -> str:
    if not row.active:
        return tr("已停用")
    if row.locked_until is not None:
        return tr("已锁定")
    if row.must_change_password:
        return tr("需改密码")
    return tr("正常")


class UsersTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[UserRow] = []

    def set_rows(self, rows: list[UserRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> UserRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "status":
                return status_text(row)
            if key == "last_login_at":
                return local_time_text(row.last_login_at)
            return getattr(row, key)
        if role == Qt.ItemDataRole.ForegroundRole and not row.active:
            from PySide6.QtGui import QColor

            return QColor("#9aa0a6")
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return tr(COLUMNS[section][1])
        return None
