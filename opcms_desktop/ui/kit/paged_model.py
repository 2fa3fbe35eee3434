"""A table model over a SQL query: it holds a row count and a cache of pages, never the whole table.

Pages are fetched through the operation runner when a view asks for rows that are not cached; until
they arrive the cells show a placeholder. Sorting and filtering are new queries (SQL does the work):
`sort()` hands the column's sort key to `with_sort(query, key, descending)` and re-counts.

    model = PagedTableModel(runner, COLUMNS, customers.count_customers, customers.customer_page,
                            with_sort=lambda q, key, desc: replace(q, sort=key, descending=desc))
    model.set_query(CustomerQuery())
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from shiboken6 import isValid

from ..operations import Failure, OperationRunner

Index = QModelIndex | QPersistentModelIndex
PLACEHOLDER = "…"


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    value: Callable[[Any], Any]  # row -> display value
    sort_key: str | None = None  # name the service sorts by; None = not sortable
    align_right: bool = False
    width: int | None = None


class PagedTableModel(QAbstractTableModel):
    count_changed = Signal(int)
    load_failed = Signal(object)

    def __init__(self, runner: OperationRunner, columns: list[Column],
                 count_fn: Callable[..., int], page_fn: Callable[..., list[Any]],
                 with_sort: Callable[[Any, str, bool], Any] | None = None, page_size: int = 200, parent=None):
        super().__init__(parent)
        self.runner, self.columns = runner, columns
        self._count_fn, self._page_fn, self._with_sort = count_fn, page_fn, with_sort
        self.page_size = page_size
        self.query: Any = None
        self._count = 0
        self._pages: dict[int, list[Any]] = {}
        self._pending: set[int] = set()
        self._wanted: set[int] = set()
        self._generation = 0
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(15)
        self._flush.timeout.connect(self._fetch_wanted)

    # -- queries --------------------------------------------------------------------------------
    def set_query(self, query: Any) -> None:
        self.query = query
        self.reload()

    def reload(self) -> None:
        """Count again and drop every cached page (after a change, a new filter or sort)."""
        self._generation += 1
        generation = self._generation
        self.runner.op(self._count_fn, self.query) \
            .success(self._alive(lambda n: self._counted(generation, n))).failure(self._alive(self._failed)).run()

    def _counted(self, generation: int, count: int) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._count, self._pages, self._pending, self._wanted = count, {}, set(), set()
        self.endResetModel()
        self.count_changed.emit(count)
        if count:
            self._want(0)

    def _alive(self, callback: Callable[[Any], Any]) -> Callable[[Any], Any]:
        """A result may arrive after the view closed and Qt deleted this model: then drop it."""

        def call(value: Any) -> Any:
            return callback(value) if isValid(self) else True

        return call

    def _failed(self, failure: Failure) -> bool:
        self.load_failed.emit(failure)
        return False

    def _want(self, page: int) -> None:
        if page in self._pages or page in self._pending:
            return
        self._wanted.add(page)
        if not self._flush.isActive():
            self._flush.start()

    def _fetch_wanted(self) -> None:
        generation = self._generation
        for page in sorted(self._wanted):
            self._pending.add(page)
            self.runner.op(self._page_fn, self.query, page * self.page_size, self.page_size) \
                .success(self._alive(lambda rows, p=page: self._arrived(generation, p, rows))) \
                .failure(self._alive(self._failed)).run()
        self._wanted.clear()

    def _arrived(self, generation: int, page: int, rows: list[Any]) -> None:
        if generation != self._generation:
            return
        self._pending.discard(page)
        self._pages[page] = list(rows)
        first = page * self.page_size
        last = min(first + self.page_size, self._count) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))

    # -- access ---------------------------------------------------------------------------------
    def row_at(self, row: int) -> Any | None:
        """The cached row, or None while its page is loading."""
        page_rows = self._pages.get(row // self.page_size)
        offset = row % self.page_size
        if page_rows is None or offset >= len(page_rows):
            return None
        return page_rows[offset]

    def cached_rows(self) -> list[Any]:
        return [r for page in sorted(self._pages) for r in self._pages[page]]

    def is_loading(self) -> bool:
        return bool(self._pending or self._wanted)

    # -- Qt model API ---------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < self._count) or not (0 <= index.column() < len(self.columns)):
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column.align_right else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.UserRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self.row_at(index.row())
        if row is None:
            self._want(index.row() // self.page_size)
            return PLACEHOLDER if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.UserRole:
            return row
        value = column.value(row)
        return "" if value is None else str(value)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.columns):
            return self.columns[section].title
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(self.columns)) or self._with_sort is None or self.query is None:
            return
        key = self.columns[column].sort_key
        if key is None:
            return
        self.set_query(self._with_sort(self.query, key, order == Qt.SortOrder.DescendingOrder))
