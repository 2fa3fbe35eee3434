"""The bill list (账单): filters, SQL-paged table with overdue rows tinted, totals, and the actions.

Everything the table shows comes from one InvoiceListQuery: the filter bar and the header's sort.
Which buttons are enabled follows the selected rows' `actions` (the bill state table), and the table
reloads when the runner broadcasts the "bills" topic.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...services.billing.queries import InvoiceRow
from ..context import AppContext
from ..kit.format import yuan
from ..kit.table_view import DataTableView
from ..kit.text import fmt
from .actions import InvoiceActions
from .filter_bar import InvoiceFilterBar
from .list_model import InvoiceListModel, InvoiceListQuery, InvoiceTotals


class InvoicesScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, page_size: int = 200):
        super().__init__(parent)
        self.ctx = ctx
        self.model = InvoiceListModel(ctx.runner, self, page_size=page_size)
        self.table = DataTableView("invoices", self)
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        for index, column in enumerate(self.model.columns):
            if column.width:
                header.resizeSection(index, column.width)
        header.setSortIndicator(self.model.column_of("period"), Qt.SortOrder.DescendingOrder)
        self.table.restore_layout(ctx.settings)
        self.table.activated.connect(self.open_detail)
        self.table.set_open_handler(self.open_detail)
        self.filters = InvoiceFilterBar(ctx, self)
        self.filters.changed.connect(self.apply_query)
        self.actions = InvoiceActions(ctx, self, selected=self.selected_rows, query=self.current_query,
                                      report=self.report)

        self.issue_button = QPushButton(self.tr("开具所选草稿"))
        self.issue_period_button = QPushButton(self.tr("开具本账期全部草稿…"))
        self.credit_button = QPushButton(self.tr("冲正…"))
        self.tax_button = QPushButton(self.tr("登记发票…"))
        self.clear_tax_button = QPushButton(self.tr("清除发票…"))
        self.detail_button = QPushButton(self.tr("查看详情"))
        self.pdf_button = QPushButton(self.tr("保存 PDF…"))
        self.export_button = QPushButton(self.tr("导出 Excel…"))
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.issue_button.clicked.connect(self.actions.issue_selected)
        self.issue_period_button.clicked.connect(lambda: self.actions.issue_period(self.filters.values().period))
        self.credit_button.clicked.connect(self.credit_selected)
        self.tax_button.clicked.connect(lambda: self.actions.record_tax_invoice(self.selected_rows()))
        self.clear_tax_button.clicked.connect(lambda: self.actions.clear_tax_invoice(self.selected_rows()))
        self.detail_button.clicked.connect(lambda: self.open_detail())
        self.pdf_button.clicked.connect(self.save_pdf)
        self.export_button.clicked.connect(self.actions.export)
        self.refresh_button.clicked.connect(self.model.reload)
        for button in (self.issue_button, self.issue_period_button):
            button.setVisible(ctx.can("invoices.issue"))
        self.credit_button.setVisible(ctx.can("invoices.credit_note"))
        for button in (self.tax_button, self.clear_tax_button):
            button.setVisible(ctx.can("invoices.edit"))
        self.pdf_button.setVisible(ctx.can("invoices.export"))
        self.export_button.setVisible(ctx.can("invoices.export"))

        self.count_label = QLabel(self.tr("正在加载…"))
        self.count_label.setStyleSheet("font-weight: 600;")
        self.totals_label = QLabel()
        self.status = QLabel()
        self.status.setStyleSheet("color: #5f6368;")
        bar = QHBoxLayout()
        for button in (self.detail_button, self.issue_button, self.issue_period_button, self.credit_button,
                       self.tax_button, self.clear_tax_button, self.pdf_button):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        bar.addWidget(self.refresh_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addSpacing(16)
        bottom.addWidget(self.totals_label)
        bottom.addSpacing(16)
        bottom.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filters)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self._sort_indicator = self._initial_sort()
        header.sortIndicatorChanged.connect(self._sort_requested)
        self.table.setSortingEnabled(True)
        self.model.totals_changed.connect(self._show_totals)
        self.model.count_changed.connect(lambda _n: self._update_buttons())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        ctx.runner.changed.connect(self._on_changed)
        self._update_buttons()
        self.model.set_query(self.current_query())

    # -- the query ----------------------------------------------------------------------------
    def _initial_sort(self) -> tuple[int, Qt.SortOrder]:
        header = self.table.horizontalHeader()
        section, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
        if not (0 <= section < len(self.model.columns)) or self.model.columns[section].sort_key is None:
            section, order = self.model.column_of("period"), Qt.SortOrder.DescendingOrder
            header.setSortIndicator(section, order)
        return section, order

    def _sort_requested(self, section: int, order: Qt.SortOrder) -> None:
        """The view already re-queried through model.sort(); an unsortable column keeps the old sort."""
        if self.model.columns[section].sort_key is None:
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(*self._sort_indicator)
            header.blockSignals(False)
            return
        self._sort_indicator = (section, order)

    def current_query(self) -> InvoiceListQuery:
        section, order = self._sort_indicator
        return InvoiceListQuery(filters=self.filters.values(), sort=self.model.columns[section].sort_key or "period",
                                descending=order == Qt.SortOrder.DescendingOrder)

    def apply_query(self) -> None:
        query = self.current_query()
        if self.model.query is None or query.filters != self.model.query.filters \
                or (query.sort, query.descending) != (self.model.query.sort, self.model.query.descending):
            self.count_label.setText(self.tr("正在加载…"))
            self.model.set_query(query)
        self._update_buttons()

    def _on_changed(self, what: frozenset) -> None:
        if "bills" in what:
            self.model.reload()

    def _show_totals(self, totals: InvoiceTotals) -> None:
        self.count_label.setText(fmt(self.tr("共 %1 张账单"), f"{totals.count:,}"))
        self.totals_label.setText(fmt(self.tr("金额合计 %1　未收合计 %2"), yuan(totals.sum_total),
                                      yuan(totals.sum_outstanding)))

    def report(self, text: str) -> None:
        self.status.setText(text)

    # -- selection ----------------------------------------------------------------------------
    def selected_rows(self) -> list[InvoiceRow]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [row for row in (self.model.row_at(r) for r in rows) if row is not None]

    def single_selected(self) -> InvoiceRow | None:
        rows = self.selected_rows()
        return rows[0] if len(rows) == 1 else None

    def _update_buttons(self, *_args) -> None:
        rows = self.selected_rows()
        one = rows[0] if len(rows) == 1 else None
        self.issue_button.setEnabled(any("issue" in r.actions for r in rows))
        self.issue_period_button.setEnabled(self.filters.values().period is not None)
        self.credit_button.setEnabled(one is not None and "credit" in one.actions)
        self.tax_button.setEnabled(bool(rows) and all("record_tax_invoice" in r.actions for r in rows))
        self.clear_tax_button.setEnabled(bool(rows) and all("clear_tax_invoice" in r.actions for r in rows))
        self.detail_button.setEnabled(one is not None)
        self.pdf_button.setEnabled(one is not None and "print" in one.actions)

    # -- actions --------------------------------------------------------------------------------
    def open_detail(self, index: QModelIndex | None = None):
        row = self.model.row_at(index.row()) if index is not None and index.isValid() else self.single_selected()
        if row is None:
            return None
        from .detail_dialog import InvoiceDetailDialog

        dialog = InvoiceDetailDialog(self.ctx, row.id, self)
        dialog.open()
        return dialog

    def credit_selected(self):
        row = self.single_selected()
        return self.actions.credit(row) if row is not None and "credit" in row.actions else None

    def save_pdf(self) -> None:
        row = self.single_selected()
        if row is not None:
            self.actions.save_pdf(row)

    def save_state(self) -> None:
        self.table.save_layout(self.ctx.settings)
