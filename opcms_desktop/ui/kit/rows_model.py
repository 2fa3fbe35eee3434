"""A table model over a short list of plain rows already in memory (detail tabs, reports, allocations).

Columns are the `Column`s of the paged model (value function, right alignment for numbers). Optional
`highlight(row)` tints a row (overdue) and `emphasis(row)` makes it bold (a total line).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from .labels import OVERDUE_BACKGROUND, TOTAL_BACKGROUND
from .paged_model import Column

Index = QModelIndex | QPersistentModelIndex


class RowsTableModel(QAbstractTableModel):
    def __init__(self, columns: list[Column], parent=None, *, highlight: Callable[[Any], bool] | None = None,
                 emphasis: Callable[[Any], bool] | None = None):
        super().__init__(parent)
        self.columns = columns
        self._rows: list[Any] = []
        self._highlight, self._emphasis = highlight, emphasis

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Another list (another record, new filters): the view starts again; see `refresh_rows`."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def refresh_rows(self, rows: Sequence[Any]) -> None:
        """The same list read again (after a change broadcast): update in place, keeping the selection,
        the current cell and the scroll position. Rows are added or removed at the end only when the
        count changed; `dataChanged` covers the rows whose content changed."""
        new, old = list(rows), self._rows
        if len(new) > len(old):
            self.beginInsertRows(QModelIndex(), len(old), len(new) - 1)
            self._rows = old + new[len(old):]
            self.endInsertRows()
        elif len(new) < len(old):
            self.beginRemoveRows(QModelIndex(), len(new), len(old) - 1)
            self._rows = old[:len(new)]
            self.endRemoveRows()
        changed = [i for i, (before, after) in enumerate(zip(self._rows, new, strict=True)) if before != after]
        self._rows = new
        if changed and self.columns:
            self.dataChanged.emit(self.index(changed[0], 0), self.index(changed[-1], len(self.columns) - 1))

    def set_columns(self, columns: list[Column]) -> None:
        self.beginResetModel()
        self.columns = columns
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def column_of(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)) \
                or not (0 <= index.column() < len(self.columns)):
            return None
        row, column = self._rows[index.row()], self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = column.value(row)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column.align_right else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row
        emphasised = self._emphasis is not None and self._emphasis(row)
        if role == Qt.ItemDataRole.BackgroundRole:
            if emphasised:
                return TOTAL_BACKGROUND
            if self._highlight is not None and self._highlight(row):
                return OVERDUE_BACKGROUND
        if role == Qt.ItemDataRole.FontRole and emphasised:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.columns[section].title
            if role == Qt.ItemDataRole.TextAlignmentRole and self.columns[section].align_right:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
