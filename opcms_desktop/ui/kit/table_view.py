"""A keyboard-first table view: copy cells (Ctrl+C), column chooser, remembered column layout."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget


class DataTableView(QTableView):
    def __init__(self, settings_key: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings_key = settings_key
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setDefaultSectionSize(26)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        copy = QAction(self.tr("复制"), self)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        copy.triggered.connect(self.copy_selection)
        self.addAction(copy)

    def copy_selection(self) -> str:
        """Selected cells as tab-separated text (pastes into Excel as a block)."""
        indexes = sorted(self.selectedIndexes(), key=lambda i: (i.row(), self.horizontalHeader().visualIndex(i.column())))
        if not indexes:
            return ""
        rows: dict[int, list[str]] = {}
        for index in indexes:
            if self.isColumnHidden(index.column()):
                continue
            rows.setdefault(index.row(), []).append(str(index.data() or ""))
        text = "\n".join("\t".join(cells) for _row, cells in sorted(rows.items()))
        QGuiApplication.clipboard().setText(text)
        return text

    def visible_columns(self) -> list[int]:
        header = self.horizontalHeader()
        model = self.model()
        columns = [c for c in range(model.columnCount()) if not self.isColumnHidden(c)] if model else []
        return sorted(columns, key=header.visualIndex)

    def _column_menu(self, pos) -> None:
        model = self.model()
        if model is None:
            return
        menu = QMenu(self)
        menu.addSection(self.tr("显示的列"))
        for column in range(model.columnCount()):
            title = model.headerData(column, Qt.Orientation.Horizontal)
            action = menu.addAction(str(title))
            action.setCheckable(True)
            action.setChecked(not self.isColumnHidden(column))
            action.toggled.connect(lambda on, c=column: self.setColumnHidden(c, not on))
        menu.exec(self.horizontalHeader().mapToGlobal(pos))

    def save_layout(self, settings: QSettings) -> None:
        settings.setValue(f"tables/{self.settings_key}/header", self.horizontalHeader().saveState())

    def restore_layout(self, settings: QSettings) -> None:
        state = settings.value(f"tables/{self.settings_key}/header")
        if isinstance(state, QByteArray | bytes):
            self.horizontalHeader().restoreState(QByteArray(state))
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
