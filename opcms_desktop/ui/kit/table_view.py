"""A keyboard-first table view that behaves like Excel where people expect it.

- Ctrl+C copies the current cell when one row is selected, else the selected rows as a tab-separated
  block (pastes into Excel as a block); Ctrl+Shift+C and 复制（含表头） add the header line.
- A context menu on every table: 复制, 复制（含表头）, and, when the screen offers the hook,
  按此值筛选 (`set_filter_handler`) and 打开 (`set_open_handler`).
- Paste (Ctrl+V) into editable tables: `set_paste_handler(handler)`; the handler receives the clipboard's
  tab-separated block (rows of cells) and the top-left index (the current cell).
- A column chooser on the header and a remembered column layout.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QKeyCombination, QModelIndex, QPoint, QSettings, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from .text import fmt

FilterHandler = Callable[[int, str], None]  # (column, the cell's text)
OpenHandler = Callable[[QModelIndex], None]
PasteHandler = Callable[[list[list[str]], QModelIndex], None]  # (rows of cells, top-left index)

MENU_VALUE_LENGTH = 24  # 按此值筛选 shows the value, shortened to this


HEADER_PADDING = 28  # the sort indicator and the section margins


def parse_block(text: str) -> list[list[str]]:
    """Clipboard text from Excel (tab-separated cells, one row a line) as rows of cells."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # Excel ends a copied range with a line break
    return [line.split("\t") for line in lines]


def cell_text(index: QModelIndex) -> str:
    value = index.data(Qt.ItemDataRole.DisplayRole) if index.isValid() else None
    return "" if value is None else str(value)


class FittingHeader(QHeaderView):
    """A header whose sections are never narrower than their title: a width chosen for the Chinese
    header ("公司id") does not cut a longer translation ("Company ID")."""

    def resizeSection(self, logical: int, size: int) -> None:  # noqa: N802 - Qt API
        super().resizeSection(logical, max(size, self.title_width(logical)))

    def title_width(self, logical: int) -> int:
        model = self.model()
        if model is None:
            return 0
        title = str(model.headerData(logical, self.orientation()) or "")
        return self.fontMetrics().horizontalAdvance(title) + HEADER_PADDING if title else 0


class DataTableView(QTableView):
    def __init__(self, settings_key: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setHorizontalHeader(FittingHeader(Qt.Orientation.Horizontal, self))
        self.settings_key = settings_key
        self._filter_handler: FilterHandler | None = None
        self._open_handler: OpenHandler | None = None
        self._paste_handler: PasteHandler | None = None
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
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._cell_menu)
        self.copy_action = self._shortcut(self.tr("复制"), QKeySequence(QKeySequence.StandardKey.Copy), self.copy)
        self.copy_headers_action = self._shortcut(self.tr("复制（含表头）"), QKeySequence("Ctrl+Shift+C"),
                                                  self.copy_with_headers)
        self.paste_action = self._shortcut(self.tr("粘贴"), QKeySequence(QKeySequence.StandardKey.Paste), self.paste)
        self.paste_action.setEnabled(False)

    def _shortcut(self, text: str, keys: QKeySequence, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(keys)
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    # -- hooks a screen may offer ---------------------------------------------------------------
    def set_filter_handler(self, handler: FilterHandler | None) -> None:
        """按此值筛选: `handler(column, text)` narrows the screen's list to rows holding that value."""
        self._filter_handler = handler

    def set_open_handler(self, handler: OpenHandler | None) -> None:
        """打开: `handler(index)` opens the row (a detail dialog, an editor)."""
        self._open_handler = handler

    def set_paste_handler(self, handler: PasteHandler | None) -> None:
        """Ctrl+V: `handler(rows, top_left)` with the clipboard's block; the screen decides what to write."""
        self._paste_handler = handler
        self.paste_action.setEnabled(handler is not None)

    # -- copy and paste -------------------------------------------------------------------------
    def copy(self) -> str:
        """Ctrl+C: the current cell when one row is selected (as in Excel), else the selected rows."""
        rows = {i.row() for i in self.selectedIndexes()}
        current = self.currentIndex()
        if len(rows) == 1 and current.isValid() and current.row() in rows:
            text = cell_text(current)
            QGuiApplication.clipboard().setText(text)
            return text
        return self.copy_selection()

    def copy_selection(self) -> str:
        """Selected cells as tab-separated text (pastes into Excel as a block)."""
        return self._copy_block(headers=False)

    def copy_with_headers(self) -> str:
        """The selected rows' visible cells with the header line first."""
        return self._copy_block(headers=True)

    def selection_block(self, headers: bool = False) -> list[list[str]]:
        indexes = [i for i in self.selectedIndexes() if not self.isColumnHidden(i.column())]
        if not indexes:
            return []
        header = self.horizontalHeader()
        rows: dict[int, dict[int, str]] = {}
        for index in indexes:
            rows.setdefault(index.row(), {})[index.column()] = cell_text(index)
        columns = sorted({i.column() for i in indexes}, key=header.visualIndex)
        block = [[cells.get(c, "") for c in columns] for _row, cells in sorted(rows.items())]
        if headers:
            model = self.model()
            block.insert(0, [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in columns])
        return block

    def _copy_block(self, headers: bool) -> str:
        block = self.selection_block(headers)
        if not block:
            return ""
        text = "\n".join("\t".join(cells) for cells in block)
        QGuiApplication.clipboard().setText(text)
        return text

    def paste(self) -> bool:
        """Hand the clipboard's block to the screen's paste handler (if it offers one)."""
        if self._paste_handler is None:
            return False
        block = parse_block(QGuiApplication.clipboard().text())
        top_left = self.currentIndex()
        if not block or not top_left.isValid():
            return False
        self._paste_handler(block, top_left)
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        """The view claims Copy and Paste before its shortcuts see them (Qt's own copy takes one cell)."""
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
        elif event.keyCombination() == QKeyCombination(Qt.KeyboardModifier.ControlModifier
                                                       | Qt.KeyboardModifier.ShiftModifier, Qt.Key.Key_C):
            self.copy_with_headers()
        elif event.matches(QKeySequence.StandardKey.Paste) and self._paste_handler is not None:
            self.paste()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    # -- menus ----------------------------------------------------------------------------------
    def cell_menu(self, index: QModelIndex) -> QMenu:
        """The context menu for the cell at `index` (built here so tests can read it)."""
        menu = QMenu(self)
        menu.addAction(self.copy_action)
        menu.addAction(self.copy_headers_action)
        if self._paste_handler is not None:
            menu.addAction(self.paste_action)
        if index.isValid() and (self._filter_handler is not None or self._open_handler is not None):
            menu.addSeparator()
        if index.isValid() and self._filter_handler is not None:
            value = cell_text(index)
            shown = value if len(value) <= MENU_VALUE_LENGTH else value[:MENU_VALUE_LENGTH] + "…"
            handler = self._filter_handler
            action = menu.addAction(fmt(self.tr("按此值筛选：%1"), shown) if value else self.tr("按此值筛选（空）"))
            action.setObjectName("filter_by_value")
            action.triggered.connect(lambda _c=False, col=index.column(), v=value: handler(col, v))
        if index.isValid() and self._open_handler is not None:
            opener = self._open_handler
            action = menu.addAction(self.tr("打开"))
            action.setObjectName("open")
            action.triggered.connect(lambda _c=False, i=QModelIndex(index): opener(i))
        return menu

    def _cell_menu(self, pos: QPoint) -> None:
        index = self.indexAt(pos)
        if index.isValid() and not self.selectionModel().isSelected(index):
            self.setCurrentIndex(index)  # a right-click on an unselected row selects it first, as in Excel
        elif index.isValid():
            self.selectionModel().setCurrentIndex(index, self.selectionModel().SelectionFlag.NoUpdate)
        self.cell_menu(index).exec(self.viewport().mapToGlobal(pos))

    def setModel(self, model) -> None:  # noqa: N802 - Qt API
        super().setModel(model)
        header = self.horizontalHeader()
        if model is not None and isinstance(header, FittingHeader):
            for column in range(header.count()):  # the default width may be narrower than the title too
                if header.sectionSize(column) < header.title_width(column):
                    header.resizeSection(column, header.sectionSize(column))

    def setColumnWidth(self, column: int, width: int) -> None:  # noqa: N802 - Qt API
        header = self.horizontalHeader()
        fitted = header.title_width(column) if isinstance(header, FittingHeader) else 0
        super().setColumnWidth(column, max(width, fitted))

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
