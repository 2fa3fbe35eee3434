"""收款核销: the receipt list (SQL-paged, newest first) above the allocation panel of the chosen receipt."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...services.receivables.receipt_export import ReceiptExportResult, export_receipts_xlsx
from ...services.receivables.receipts import ReceiptFilter, ReceiptRow
from ..context import AppContext
from ..kit.export_refusal import unless_export_request
from ..kit.file_dialogs import ask_save_path
from ..kit.format import yuan
from ..kit.table_view import DataTableView
from ..kit.text import error_text, fmt
from ..operations import Failure
from .allocation_panel import AllocationPanel
from .list_model import ReceiptListModel, ReceiptListQuery, ReceiptTotals

SEARCH_DELAY_MS = 300
CHANGES = frozenset({"receipts", "allocations", "bills"})  # topics that change what the list shows


class ReceiptsScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, page_size: int = 200):
        super().__init__(parent)
        self.ctx = ctx
        self.model = ReceiptListModel(ctx.runner, self, page_size=page_size)
        self.table = DataTableView("receipts", self)
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for index, column in enumerate(self.model.columns):
            if column.width:
                self.table.horizontalHeader().resizeSection(index, column.width)
        self.table.restore_layout(ctx.settings)
        self.panel = AllocationPanel(ctx, self)

        self.customer = QLineEdit()
        self.customer.setPlaceholderText(self.tr("公司id 或客户名称"))
        self.customer.setClearButtonEnabled(True)
        self.customer.setMinimumWidth(220)
        self.open_only = QCheckBox(self.tr("仅有未核销金额"))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_query)
        self.customer.textChanged.connect(lambda _t: self._timer.start())
        self.open_only.toggled.connect(lambda _on: self.apply_query())
        self.record_button = QPushButton(self.tr("登记收款…"))
        self.import_button = QPushButton(self.tr("导入银行流水…"))
        self.export_button = QPushButton(self.tr("导出 Excel…"))
        self.export_button.setToolTip(self.tr("把列表中当前筛选出的收款导出为 Excel 工作簿"))
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.record_button.clicked.connect(self.record_receipt)
        self.import_button.clicked.connect(self.import_sheet)
        self.export_button.clicked.connect(self.export)
        self.refresh_button.clicked.connect(self.model.reload)
        self.export_button.setVisible(ctx.can("receipts.export"))
        self.record_button.setVisible(ctx.can("receipts.record"))
        self.import_button.setVisible(ctx.can("receipts.import") and ctx.can("receipts.record"))

        self.count_label = QLabel(self.tr("正在加载…"))
        self.count_label.setStyleSheet("font-weight: 600;")
        self.totals_label = QLabel()
        self.status = QLabel()
        self.status.setStyleSheet("color: #5f6368;")
        top = QHBoxLayout()
        top.addWidget(self.customer)
        top.addWidget(self.open_only)
        top.addStretch(1)
        for button in (self.record_button, self.import_button, self.export_button, self.refresh_button):
            top.addWidget(button)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addLayout(top)
        upper_layout.addWidget(self.table, 1)
        counts = QHBoxLayout()
        counts.addWidget(self.count_label)
        counts.addSpacing(16)
        counts.addWidget(self.totals_label)
        counts.addSpacing(16)
        counts.addWidget(self.status, 1)
        upper_layout.addLayout(counts)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(upper)
        self.split.addWidget(self.panel)
        self.split.setStretchFactor(0, 2)
        self.split.setStretchFactor(1, 3)
        self.split.setSizes([280, 420])  # the panel is hidden until a receipt is picked: give it room now
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.split)

        self.model.totals_changed.connect(self._show_totals)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _prev: self._picked(current.row()))
        ctx.runner.changed.connect(self._on_changed)
        self.model.set_query(self.current_query())

    def current_query(self) -> ReceiptListQuery:
        text = self.customer.text().strip()
        company_id = int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else None
        return ReceiptListQuery(ReceiptFilter(company_id=company_id,
                                              customer_name=text if text and company_id is None else None,
                                              unallocated_only=self.open_only.isChecked()))

    def apply_query(self) -> None:
        self._timer.stop()
        query = self.current_query()
        if query != self.model.query:
            self.count_label.setText(self.tr("正在加载…"))
            self.model.set_query(query)

    def _on_changed(self, what: frozenset) -> None:
        if what & CHANGES:
            self.model.reload()  # the panel reloads itself

    def _show_totals(self, totals: ReceiptTotals) -> None:
        self.count_label.setText(fmt(self.tr("共 %1 笔收款"), f"{totals.count:,}"))
        self.totals_label.setText(fmt(self.tr("收款合计 %1　未核销合计 %2"), yuan(totals.sum_amount),
                                      yuan(totals.sum_unallocated)))

    def _picked(self, row: int) -> None:
        """A reload clears the selection; the panel keeps showing its receipt until another is picked."""
        receipt: ReceiptRow | None = self.model.row_at(row) if row >= 0 else None
        if receipt is not None and receipt.id != self.panel.receipt_id:
            self.panel.load(receipt.id)

    def show_receipt(self, receipt_id: int) -> None:
        self.panel.load(receipt_id)

    def record_receipt(self):
        from .entry_dialog import ReceiptEntryDialog

        dialog = ReceiptEntryDialog(self.ctx, self)

        def recorded() -> None:
            row = dialog.recorded
            if row is not None:
                self.status.setText(fmt(self.tr("已登记收款 %1（%2）"), yuan(row.amount), row.customer_name))
                self.show_receipt(row.id)

        dialog.accepted.connect(recorded)
        dialog.open()
        return dialog

    def import_sheet(self):
        from .import_dialog import ReceiptImportDialog

        dialog = ReceiptImportDialog(self.ctx, self)
        dialog.open()
        return dialog

    def export(self) -> None:
        default = f"{self.tr('收款')}-{dt.date.today():%Y%m%d}.xlsx"
        path = ask_save_path(self, self.tr("导出收款列表"), default, self.tr("Excel 工作簿 (*.xlsx)"))
        if path:
            self.export_to(path if path.lower().endswith(".xlsx") else path + ".xlsx")

    def export_to(self, path: str) -> None:
        """Write the receipts the list shows (its current filters, every page) to `path`."""
        self.apply_query()

        def failed(failure: Failure) -> bool:
            self.status.setText(error_text(failure.error))
            return True

        def done(result: ReceiptExportResult) -> None:
            self.status.setText(fmt(self.tr("已导出 %1 笔收款到 %2"), f"{result.rows:,}", result.path))

        self.ctx.runner.op(export_receipts_xlsx, path, self.model.query.filters) \
            .with_progress(self.tr("正在导出收款…"), self).success(done).failure(unless_export_request(failed)).run()

    def save_state(self) -> None:
        self.table.save_layout(self.ctx.settings)
