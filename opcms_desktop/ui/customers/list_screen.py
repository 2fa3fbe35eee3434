"""The customer list: search, filters, saved filters, SQL-paged table, export, batch actions, import.

Everything the table shows comes from one CustomerQuery: the search text, the filter bar and the sort
of the header. Changing any of them is a new query (count, then the pages the view asks for).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...services import customers
from ...services.customers import query as customer_query
from ...services.customers.options import CustomerFilterOptions
from ...services.customers.query import MAX_SEARCH, CustomerQuery
from ...services.insight.segments import list_segments
from ...services.security.field_permissions import visible_customer_fields
from ..context import AppContext
from ..kit.file_dialogs import ask_save_path
from ..kit.text import fmt
from .batch_actions import BatchActions, describe_result
from .filter_bar import FilterBar
from .list_model import HIDDEN_BY_DEFAULT, CustomerListModel
from .saved_filters import SavedFiltersBar
from .table import CustomerTableView

SEARCH_DELAY_MS = 250


class CustomersScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._dialog: QDialog | None = None
        self.model = CustomerListModel(ctx.runner, self)
        self.table = CustomerTableView(ctx.runner, self)
        self.table.copied.connect(lambda n: self.status.setText(fmt(self.tr("已复制 %1 行"), f"{n:,}")))
        self.table.setModel(self.model)
        self._default_layout()
        self.table.restore_layout(ctx.settings)
        self.table.activated.connect(self.open_detail)
        self.table.set_open_handler(self.open_detail)
        self.table.set_filter_handler(self.filter_by_value)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索：公司id、名称、拼音首字母"))
        self.search.setToolTip(self.tr("按公司id、名称或拼音首字母搜索（Ctrl+F）"))
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(MAX_SEARCH)
        self.search.setMinimumWidth(240)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_query)
        self.search.textChanged.connect(self._search_edited)
        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.filters = FilterBar(self)
        self.filters.changed.connect(self._filters_edited)
        self.saved = SavedFiltersBar(ctx.runner, self.current_query, self)
        self.saved.chosen.connect(self.apply_saved)

        self.batch = BatchActions(ctx, self.table, self.model, self)
        self.batch.finished.connect(lambda result: self.status.setText(describe_result(result)))
        self.batch_button = QPushButton(self.tr("批量操作"))
        self.batch_button.setMenu(self.batch.menu)
        self.batch_button.setVisible(ctx.can("customers.edit"))
        self.import_button = QPushButton(self.tr("导入客户表…"))
        self.import_button.clicked.connect(self.open_import)
        self.import_button.setVisible(ctx.can("customers.import") and not ctx.actor.sees_own_customers_only)
        self.export_button = QPushButton(self.tr("导出当前视图…"))
        self.export_button.clicked.connect(self.export_view)
        self.export_button.setVisible(ctx.can("customers.export"))
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.clicked.connect(self.refresh)

        self.count_label = QLabel(self.tr("正在加载…"))
        self.count_label.setStyleSheet("font-weight: 600;")
        self.status = QLabel()
        self.status.setStyleSheet("color: #5f6368;")

        top = QHBoxLayout()
        top.addWidget(self.search)
        top.addWidget(self.saved)
        top.addStretch(1)
        for button in (self.batch_button, self.import_button, self.export_button, self.refresh_button):
            top.addWidget(button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addSpacing(16)
        bottom.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self.model.count_changed.connect(self._counted)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self._sort_indicator = self._initial_sort()
        header = self.table.horizontalHeader()
        header.sortIndicatorChanged.connect(self._sort_requested)
        self.table.setSortingEnabled(True)
        ctx.runner.changed.connect(self._on_changed)
        self.model.set_query(self.current_query())
        self.load_options()
        self.saved.reload()

    # -- layout -------------------------------------------------------------------------------
    def _default_layout(self) -> None:
        header = self.table.horizontalHeader()
        for index, column in enumerate(self.model.columns):
            if column.width:
                header.resizeSection(index, column.width)
            self.table.setColumnHidden(index, column.key in HIDDEN_BY_DEFAULT)
        header.setSortIndicator(self.model.column_of("company_id"), Qt.SortOrder.AscendingOrder)

    def _initial_sort(self) -> tuple[int, Qt.SortOrder]:
        """The remembered sort if that column sorts; otherwise 公司id ascending."""
        header = self.table.horizontalHeader()
        section, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
        if not (0 <= section < len(self.model.columns)) or self.model.columns[section].sort_key is None:
            section, order = self.model.column_of("company_id"), Qt.SortOrder.AscendingOrder
            header.setSortIndicator(section, order)
        return section, order

    def save_state(self) -> None:
        self.table.save_layout(self.ctx.settings)

    # -- the query ----------------------------------------------------------------------------
    def current_query(self) -> CustomerQuery:
        section, order = self._sort_indicator
        return CustomerQuery(search=self.search.text().strip(), **self.filters.values(),
                             sort=self.model.columns[section].sort_key or "company_id",
                             descending=order == Qt.SortOrder.DescendingOrder)

    def apply_query(self) -> None:
        self._search_timer.stop()
        query = self.current_query()
        if query != self.model.query:
            self.count_label.setText(self.tr("正在加载…"))
            self.model.set_query(query)

    def _search_edited(self, _text: str) -> None:
        self.saved.forget_selection()
        self._search_timer.start()

    def _filters_edited(self) -> None:
        self.saved.forget_selection()
        self.apply_query()

    def _sort_requested(self, section: int, order: Qt.SortOrder) -> None:
        """The header asked for a sort (the view already re-queried); unsortable columns keep the old one."""
        if self.model.columns[section].sort_key is None:
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(*self._sort_indicator)
            header.blockSignals(False)
            self.status.setText(fmt(self.tr("“%1”列不能排序"), self.model.columns[section].title))
            return
        self._sort_indicator = (section, order)

    def apply_saved(self, query: CustomerQuery) -> None:
        """Show a saved filter: its search, filters and sort."""
        self.search.blockSignals(True)
        self.search.setText(query.search)
        self.search.blockSignals(False)
        self.filters.blockSignals(True)
        self.filters.set_values(query)
        self.filters.blockSignals(False)
        section = next((i for i, c in enumerate(self.model.columns) if c.sort_key == query.sort),
                       self.model.column_of("company_id"))
        order = Qt.SortOrder.DescendingOrder if query.descending else Qt.SortOrder.AscendingOrder
        self._sort_indicator = (section, order)
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(section, order)
        header.blockSignals(False)
        self.apply_query()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # -- data -----------------------------------------------------------------------------------
    def load_options(self) -> None:
        self.ctx.runner.op(customers.filter_options).success(self._options_loaded).run()
        self.ctx.runner.op(visible_customer_fields).success(self._hide_fields).run()  # field permissions
        if self.ctx.can("insight.view"):  # saved segments as a filter (客户分群)
            self.ctx.runner.op(list_segments).success(
                lambda found: self.filters.set_segments([s.name for s in found])).run()

    def _hide_fields(self, visible: list[str]) -> None:
        """Columns of fields hidden from the user's role go (their values never arrive: field_permissions)."""
        for index, column in enumerate(self.model.columns):
            if column.key not in visible:
                self.table.setColumnHidden(index, True)

    def _options_loaded(self, options: CustomerFilterOptions) -> None:
        self.filters.set_options(options)
        self.batch.coop_statuses = [(str(o.value), o.label) for o in options.coop_statuses]

    def refresh(self) -> None:
        self.model.reload()
        self.load_options()

    def _on_changed(self, what: frozenset) -> None:
        if "customers" in what:
            self.refresh()
        elif "segments" in what:
            self.load_options()

    def _counted(self, count: int) -> None:
        if self.model.capped:  # the exact count follows
            self.count_label.setText(fmt(self.tr("共 %1+ 个客户"), f"{customer_query.COUNT_CAP:,}"))
        else:
            self.count_label.setText(fmt(self.tr("共 %1 个客户"), f"{count:,}"))
        hints = (self.tr("还没有客户，可以用“导入客户表…”导入。"), self.tr("没有符合条件的客户。"))
        if count == 0:
            unfiltered = replace(self.model.query or CustomerQuery(), sort="company_id", descending=False) \
                == CustomerQuery()
            self.status.setText(hints[1] if not unfiltered else hints[0] if not self.import_button.isHidden() else "")
        elif self.status.text() in hints:
            self.status.setText("")
        self._selected_rows()  # a reload keeps the selection: leave the status (e.g. a batch result) alone

    def _selected_rows(self) -> int:
        rows = len({i.row() for i in self.table.selectionModel().selectedIndexes()})
        self.batch_button.setEnabled(rows > 0)
        return rows

    def _selection_changed(self, *_args) -> None:
        rows = self._selected_rows()
        if rows > 1:
            self.status.setText(fmt(self.tr("已选 %1 个"), f"{rows:,}"))

    # -- actions --------------------------------------------------------------------------------
    def filter_by_value(self, column: int, text: str) -> None:
        """The table's "filter by this value": the column's filter if it has one, else the search."""
        key = self.model.columns[column].key
        if self.filters.select_text(key, text):
            return
        if key in ("company_id", "name") and text.strip():
            self.search.setText(text.strip())
            self.apply_query()
            return
        self.status.setText(self.tr("这一列不能按值筛选"))

    def open_detail(self, index: QModelIndex | None = None) -> None:
        index = index if index is not None and index.isValid() else self.table.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is None:
            return
        from .detail_dialog import CustomerDetailDialog

        self._replace_dialog(CustomerDetailDialog(self.ctx, row.id, self))

    def open_import(self) -> None:
        from .import_wizard import ImportWizard

        self._replace_dialog(ImportWizard(self.ctx, self))

    def _replace_dialog(self, dialog: QDialog) -> None:
        """Open `dialog`; the previous one (closed by now, its work done) is let go."""
        previous, self._dialog = self._dialog, dialog
        if previous is not None and not previous.isVisible():
            previous.deleteLater()
        dialog.open()

    def visible_column_keys(self) -> list[str]:
        """The columns the table shows, in the order the user arranged them."""
        return self.model.column_keys(self.table.visible_columns())

    def export_view(self) -> None:
        default = f"客户-{dt.date.today():%Y%m%d}.xlsx"
        path = ask_save_path(self, self.tr("导出当前视图"), default,
                                              self.tr("Excel 工作簿 (*.xlsx)"))
        if path:
            self.export_to(path if path.lower().endswith(".xlsx") else path + ".xlsx")

    def export_to(self, path: str) -> None:
        query = self.model.query or self.current_query()
        self.ctx.runner.op(customers.export_customer_view, query, self.visible_column_keys(), path) \
            .with_progress(self.tr("正在导出客户…"), self) \
            .success(lambda n: self.status.setText(fmt(self.tr("已导出 %1 个客户到 %2"), f"{n:,}", path))).run()

