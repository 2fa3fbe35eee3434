"""A table model over a SQL query: it holds a row count and a bounded cache of pages, never the whole table.

Pages are fetched through the operation runner when a view asks for rows that are not cached; until
they arrive the cells show a placeholder. Sorting and filtering are new queries (SQL does the work):
`sort()` hands the column's sort key to `with_sort(query, key, descending)` and re-counts; a new query
resets the model.

`count_fn(query)` counts and `page_fn(query, offset, limit)` pages. `first_fn` (instead of `count_fn`)
answers the count and the first page in one operation: `first_fn(query, page_size)` returns an object
with `total` (the count) and `rows` (the first page); a search is then looked up once, not once for the
count and again for its first page. A model takes one of the two, never both.

`reload()` (after a change broadcast, or the refresh button) keeps the table's place: it counts again
and marks every cached page stale. Stale rows stay on screen; the pages used last are fetched again at
once and the others when a view next asks for them. A page that comes back emits `dataChanged` only
for the rows that differ, and rows are inserted or removed at the end only when the count changed, so
the selection, the current cell and the scroll position survive. At most `max_pages` pages are held
(least recently used dropped first).

    model = PagedTableModel(runner, COLUMNS, customers.count_customers, customers.customer_page,
                            with_sort=lambda q, key, desc: replace(q, sort=key, descending=desc))
    model.set_query(CustomerQuery())
"""

from __future__ import annotations

from collections import OrderedDict
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

    MAX_PAGES = 50  # pages held at most (LRU); 50 × 200 rows = 10,000 rows
    REFRESH_PAGES = 4  # after a change, the pages used last are fetched again at once

    def __init__(self, runner: OperationRunner, columns: list[Column],
                 count_fn: Callable[..., int] | None, page_fn: Callable[..., list[Any]],
                 with_sort: Callable[[Any, str, bool], Any] | None = None, page_size: int = 200, parent=None,
                 *, max_pages: int | None = None, first_fn: Callable[..., Any] | None = None):
        if (count_fn is None) == (first_fn is None):
            raise ValueError("a paged model counts with count_fn or with first_fn, exactly one of them")
        super().__init__(parent)
        self.runner, self.columns = runner, columns
        self._count_fn, self._page_fn, self._with_sort = count_fn, page_fn, with_sort
        self._first_fn = first_fn
        self._first_rows: list[Any] | None = None  # the first page that came with the count
        self.page_size = page_size
        self.max_pages = max(1, max_pages or self.MAX_PAGES)
        self.query: Any = None
        self._count = 0
        self._pages: OrderedDict[int, list[Any]] = OrderedDict()  # least recently used first
        self._stale: set[int] = set()  # cached pages shown until their fresh copy arrives
        self._pending: set[int] = set()
        self._wanted: set[int] = set()
        self._counting = False
        self._resetting = False
        self._generation = 0
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(15)
        self._flush.timeout.connect(self._fetch_wanted)

    # -- queries --------------------------------------------------------------------------------
    def set_query(self, query: Any) -> None:
        """A new query (filter, search, sort): count it and start again from the top."""
        self.query = query
        self._resetting = True
        self._count_again()

    def reload(self) -> None:
        """Count again and refresh the cached pages in place (after a change or the refresh button)."""
        self._resetting = self._resetting or self._count == 0  # nothing shown: nothing to keep
        self._count_again()

    def _count_again(self) -> None:
        self._generation += 1
        generation = self._generation
        self._counting = True
        if self._first_fn is not None:
            self.runner.op(self._first_fn, self.query, self.page_size) \
                .success(self._alive(lambda first: self._first_arrived(generation, first))) \
                .failure(self._alive(self._failed)).run()
        elif self._count_fn is not None:  # one of the two, as __init__ checks
            self.runner.op(self._count_fn, self.query) \
                .success(self._alive(lambda n: self._counted(generation, n))) \
                .failure(self._alive(self._failed)).run()

    def _first_arrived(self, generation: int, first: Any) -> None:
        if generation != self._generation:
            return
        self._first_rows = list(first.rows)
        try:
            self._counted(generation, first.total)
        finally:
            self._first_rows = None

    def _counted(self, generation: int, count: int) -> None:
        if generation != self._generation:
            return
        self._counting = False
        first_rows, self._first_rows = self._first_rows, None
        if self._resetting:
            self._resetting = False
            self.beginResetModel()
            self._count = count
            self._pages, self._stale, self._pending, self._wanted = OrderedDict(), set(), set(), set()
            if count and first_rows is not None:
                self._pages[0] = first_rows[:count]
            self.endResetModel()
            self.count_changed.emit(count)
            if count and first_rows is None:
                self._want(0)
            return
        self._resize(count)
        # Requests of the previous generation are dropped when they arrive: ask again for those
        # pages, and for the stale pages used last (what the views show); the rest when next asked.
        self._stale = set(self._pages)
        again = set(self._pending) | set(list(self._pages)[-self.REFRESH_PAGES:])
        self._pending.clear()
        if count and first_rows is not None:  # the first page came with the count
            again.discard(0)
            self._wanted.discard(0)
            self._arrived(generation, 0, first_rows)
        self._wanted |= {page for page in again if page * self.page_size < count}
        if self._wanted and not self._flush.isActive():
            self._flush.start()
        self.count_changed.emit(count)

    def _resize(self, count: int) -> None:
        """The new count: rows are inserted or removed at the end, nothing else moves."""
        old = self._count
        if count > old:
            self.beginInsertRows(QModelIndex(), old, count - 1)
            self._count = count
            self.endInsertRows()
            # A cached page cut at the old count (a capped count: "10,000+") lacks the rows now inside:
            # shown as they are, fetched again when a view asks for them.
            cut = old // self.page_size
            if cut in self._pages and len(self._pages[cut]) < self.page_size:
                self._stale.add(cut)
        elif count < old:
            self.beginRemoveRows(QModelIndex(), count, old - 1)
            self._count = count
            last_page = (count - 1) // self.page_size if count else -1
            for page in [p for p in self._pages if p > last_page]:
                del self._pages[page]
            if last_page in self._pages:
                del self._pages[last_page][count - last_page * self.page_size:]
            self.endRemoveRows()

    def _alive(self, callback: Callable[[Any], Any]) -> Callable[[Any], Any]:
        """A result may arrive after the view closed and Qt deleted this model: then drop it."""

        def call(value: Any) -> Any:
            return callback(value) if isValid(self) else True

        return call

    def _failed(self, failure: Failure) -> bool:
        self._counting = False
        self.load_failed.emit(failure)
        return False

    def _want(self, page: int) -> None:
        if page in self._pending or (page in self._pages and page not in self._stale):
            return
        if self._resetting:
            return  # the reset asks for what it needs
        self._wanted.add(page)
        if not self._flush.isActive():
            self._flush.start()

    def _fetch_wanted(self) -> None:
        generation = self._generation
        for page in sorted(self._wanted):
            self._pending.add(page)
            self.runner.op(self._page_fn, self.query, page * self.page_size, self.page_size) \
                .success(self._alive(lambda rows, p=page: self._arrived(generation, p, rows))) \
                .failure(self._alive(self._page_failed(generation, page))).run()
        self._wanted.clear()

    def _page_failed(self, generation: int, page: int) -> Callable[[Failure], bool]:
        def failed(failure: Failure) -> bool:
            if generation == self._generation:
                self._pending.discard(page)
            self.load_failed.emit(failure)
            return False

        return failed

    def _arrived(self, generation: int, page: int, rows: list[Any]) -> None:
        if generation != self._generation:
            return
        self._pending.discard(page)
        first = page * self.page_size
        if first >= self._count:
            return
        new = list(rows)[:self._count - first]
        old = self._pages.pop(page, None)
        self._stale.discard(page)
        self._pages[page] = new
        self._evict()
        changed = range(len(new)) if old is None else \
            [i for i in range(max(len(old), len(new))) if i >= len(old) or i >= len(new) or old[i] != new[i]]
        changed = [i for i in changed if first + i < self._count]
        if changed:
            self.dataChanged.emit(self.index(first + changed[0], 0),
                                  self.index(first + changed[-1], self.columnCount() - 1))

    def _evict(self) -> None:
        while len(self._pages) > self.max_pages:
            page, _rows = self._pages.popitem(last=False)
            self._stale.discard(page)

    # -- access ---------------------------------------------------------------------------------
    def row_at(self, row: int) -> Any | None:
        """The cached row (possibly stale while a refresh is on its way), or None while its page loads."""
        page = row // self.page_size
        page_rows = self._pages.get(page)
        offset = row % self.page_size
        if page_rows is None or offset >= len(page_rows) or row >= self._count:
            return None
        self._pages.move_to_end(page)
        return page_rows[offset]

    def cached_rows(self) -> list[Any]:
        return [r for page in sorted(self._pages) for r in self._pages[page]]

    def cached_pages(self) -> int:
        return len(self._pages)

    def is_loading(self) -> bool:
        return bool(self._pending or self._wanted or self._counting)

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
        page = index.row() // self.page_size
        row = self.row_at(index.row())
        if row is None or page in self._stale:
            self._want(page)
        if row is None:
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
