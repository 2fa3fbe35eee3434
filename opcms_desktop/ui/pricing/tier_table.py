"""The editable tier-band table of a tiered plan: from / to / price per band, add and remove bands.

Cells hold text (digits only, through a validating editor); `bands()` turns them into TierBands, or reports
which cell cannot be read. Contiguity and the open-ended last band are checked by the service's
validate_plan, live, by the plan editor.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRegularExpression,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...services.pricing.grammar import TierBand
from ..kit.format import plain_number
from ..kit.text import fmt

Index = QModelIndex | QPersistentModelIndex
HEADERS = (QT_TRANSLATE_NOOP("TierBandModel", "从第几套之后"), QT_TRANSLATE_NOOP("TierBandModel", "到第几套（含）"),
           QT_TRANSLATE_NOOP("TierBandModel", "单价（元/套）"))
OPEN_END = QT_TRANSLATE_NOOP("TierBandModel", "不封顶")
FROM, TO, PRICE = range(3)


class TierBandModel(QAbstractTableModel):
    edited = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[list[str]] = []

    # -- content ----------------------------------------------------------------------------------
    def set_bands(self, bands: list[TierBand]) -> None:
        self.beginResetModel()
        self._rows = [[str(b.from_count), "" if b.to_count is None else str(b.to_count), plain_number(b.unit_price)]
                      for b in bands]
        self.endResetModel()
        self.edited.emit()

    def set_texts(self, rows: list[tuple[str, str, str]]) -> None:
        self.beginResetModel()
        self._rows = [list(r) for r in rows]
        self.endResetModel()
        self.edited.emit()

    def texts(self) -> list[tuple[str, str, str]]:
        return [(r[0], r[1], r[2]) for r in self._rows]

    def bands(self) -> tuple[list[TierBand], list[str]]:
        """The bands as typed, and the problems of cells that cannot be read (in Chinese)."""
        bands: list[TierBand] = []
        problems: list[str] = []
        for number, (lo, hi, price) in enumerate(self._rows, start=1):
            if not lo.strip() or not price.strip():
                problems.append(fmt(self.tr("第 %1 档需要起点和单价"), number))
                continue
            try:
                unit = Decimal(price)
            except InvalidOperation:
                problems.append(fmt(self.tr("第 %1 档的单价不是数字"), number))
                continue
            bands.append(TierBand(int(lo), int(hi) if hi.strip() else None, unit))
        return bands, problems

    def add_band(self) -> int:
        """Append a band starting where the last one ends; returns its row."""
        start = self._rows[-1][TO] if self._rows else "0"
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append([start, "", ""])
        self.endInsertRows()
        self.edited.emit()
        return row

    def removeRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        if parent.isValid() or count <= 0 or row < 0 or row + count > len(self._rows):
            return False
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        del self._rows[row:row + count]
        self.endRemoveRows()
        self.edited.emit()
        return True

    # -- Qt model API ---------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)) or not (0 <= index.column() < 3):
            return None
        text = self._rows[index.row()][index.column()]
        open_end = index.column() == TO and not text
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr(OPEN_END) if open_end else text
        if role == Qt.ItemDataRole.EditRole:
            return text
        if role == Qt.ItemDataRole.ForegroundRole and open_end:
            return QColor("#5f6368")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not (0 <= index.row() < len(self._rows)) \
                or not (0 <= index.column() < 3):
            return False
        row, column = index.row(), index.column()
        text = "" if value is None else str(value).strip()
        old = self._rows[row][column]
        self._rows[row][column] = text
        self.dataChanged.emit(index, index)
        if column == TO and row + 1 < len(self._rows) and self._rows[row + 1][FROM] in ("", old):
            # the next band starts where this one now ends (unless the user typed its start)
            self._rows[row + 1][FROM] = text
            follower = self.index(row + 1, FROM)
            self.dataChanged.emit(follower, follower)
        self.edited.emit()
        return True

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            return self.tr(HEADERS[section])
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return fmt(self.tr("第 %1 档"), section + 1)
        return None


class _DigitsDelegate(QStyledItemDelegate):
    """Whole numbers in the count columns, up to 4 decimals in the price column."""

    def createEditor(self, parent: QWidget, option, index: Index) -> QWidget:  # noqa: N802
        editor = QLineEdit(parent)
        pattern = r"^\d{0,10}(\.\d{0,4})?$" if index.column() == PRICE else r"^\d{0,9}$"
        editor.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), editor))
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if index.column() == TO:
            editor.setPlaceholderText(self.tr("留空 = 不封顶"))
        return editor


class TierEditor(QWidget):
    """The band table with 添加一档 / 删除所选档 buttons."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = TierBandModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(_DigitsDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.view.verticalHeader().setDefaultSectionSize(26)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.setMinimumHeight(130)
        self.view.setMaximumHeight(190)
        self.add_button = QPushButton(self.tr("添加一档"))
        self.remove_button = QPushButton(self.tr("删除所选档"))
        self.add_button.clicked.connect(self.add_band)
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(buttons)

    def add_band(self) -> None:
        row = self.model.add_band()
        self.view.setCurrentIndex(self.model.index(row, TO))

    def remove_selected(self) -> None:
        rows = self.view.selectionModel().selectedRows() or (
            [self.view.currentIndex()] if self.view.currentIndex().isValid() else [])
        for index in sorted(rows, key=lambda i: i.row(), reverse=True):
            self.model.removeRows(index.row(), 1)
