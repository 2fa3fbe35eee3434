"""月结账单 (账单生成): choose the period → preview (every customer: usage, plan, amount, exceptions by kind) →
generate the draft bills (confirm; progress and cancel; a cancelled run writes nothing) → the result summary.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...services.billing.preview_xlsx import export_bill_run_preview
from ...services.billing.run import (
    BillRunPreview,
    BillRunResult,
    CustomerBill,
    preview_bill_run,
)
from ...services.maintenance.guarded import generate_bill_run_after_backup
from ...services.platform.errors import AlreadyRunning, Cancelled
from ..context import AppContext
from ..errors import is_expected
from ..kit.export_refusal import unless_export_request
from ..kit.fields import MonthEdit
from ..kit.file_dialogs import ask_save_path
from ..kit.format import money_text
from ..kit.periods import last_month
from ..kit.problems import error_text
from ..kit.run_panel import RunPanel
from ..kit.table_view import DataTableView
from ..kit.text import fmt
from ..operations import Failure
from .labels import KIND_LABELS, KIND_ORDER, kind_label
from .models import ALL, WITH_EXCEPTIONS, BillCustomersModel, BillExceptionsModel, BillLinesModel

OK_STYLE = "color: #1e6b34; font-weight: 600;"
ERROR_STYLE = "color: #b3261e; font-weight: 600;"
WARNING_STYLE = "color: #a05a00; font-weight: 600;"
PLAIN_STYLE = "color: #202124;"


class BillRunScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.preview: BillRunPreview | None = None
        self.result: BillRunResult | None = None
        self.period = MonthEdit(last_month())
        self.period.dateChanged.connect(self._period_changed)
        self.preview_button = QPushButton(self.tr("预览"))
        self.preview_button.clicked.connect(self.run_preview)
        self.generate_button = QPushButton(self.tr("生成草稿账单…"))
        self.generate_button.clicked.connect(self.generate)
        self.generate_button.setVisible(ctx.can("billing.run"))
        self.generate_button.setEnabled(False)
        self.export_button = QPushButton(self.tr("导出 Excel…"))
        self.export_button.clicked.connect(self.export)
        self.export_button.setEnabled(False)
        self.panel = RunPanel(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("账期")))
        top.addWidget(self.period)
        top.addWidget(self.preview_button)
        top.addWidget(self.generate_button)
        top.addWidget(self.export_button)
        top.addSpacing(16)
        top.addWidget(self.panel, 1)
        top.addStretch(0)

        self.summary = QLabel(self.tr("选择账期后点“预览”：先计算每位客户的用量、价格方案和金额，不写入任何数据。"))
        self.summary.setWordWrap(True)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.hide()

        self.filter_group = QButtonGroup(self)
        self.filter_group.setExclusive(True)
        self.filter_buttons: dict[str, QPushButton] = {}
        self.chips = QHBoxLayout()
        self.chips.setSpacing(4)
        self.chips.addStretch(1)

        self.customers = BillCustomersModel(self)
        self.customer_table = DataTableView("billrun-customers", self)
        self.customer_table.setModel(self.customers)
        self.customer_table.setSortingEnabled(True)
        self.customer_table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        for index, width in enumerate((72, 200, 72, 72, 330, 110, 84)):
            self.customer_table.horizontalHeader().resizeSection(index, width)
        self.exceptions = BillExceptionsModel(self)
        self.exception_table = DataTableView("billrun-exceptions", self)
        self.exception_table.setModel(self.exceptions)
        for index, width in enumerate((72, 200, 100, 56)):
            self.exception_table.horizontalHeader().resizeSection(index, width)
        self.lines = BillLinesModel(self)
        self.line_table = DataTableView("billrun-lines", self)
        self.line_table.setModel(self.lines)
        for index, width in enumerate((48, 420, 72, 200)):
            self.line_table.horizontalHeader().resizeSection(index, width)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.exception_table, self.tr("异常"))
        self.tabs.addTab(self.line_table, self.tr("账单明细"))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.customer_table)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.banner)
        layout.addLayout(self.chips)
        layout.addWidget(splitter, 1)
        self.customer_table.selectionModel().selectionChanged.connect(self._customer_selected)

    # -- preview --------------------------------------------------------------------------------
    def _period_changed(self, *_args) -> None:
        if self.panel.running:
            return
        self.preview = self.result = None
        self._show(None)
        self.banner.hide()
        self.summary.setText(fmt(self.tr("账期已改为 %1，请重新预览。"), self.period.period()))
        self.generate_button.setEnabled(False)
        self.export_button.setEnabled(False)

    def _busy(self, busy: bool) -> None:
        self.preview_button.setEnabled(not busy)
        self.period.setEnabled(not busy)
        self.generate_button.setEnabled(not busy and self.preview is not None)
        self.export_button.setEnabled(not busy and self.preview is not None)

    def run_preview(self) -> None:
        period = self.period.period()
        self.banner.hide()
        self.result = None
        self._busy(True)
        op = self.ctx.runner.op(preview_bill_run, period).success(self._previewed).failure(self._failed)
        self.panel.start(fmt(self.tr("正在预览 %1…"), period), op)

    def _previewed(self, preview: BillRunPreview) -> None:
        self.panel.finish()
        self.preview = preview
        self._show(preview)
        if preview.warnings:
            self._say(WARNING_STYLE, "\n".join(w.text() for w in preview.warnings))
        self._busy(False)

    def _show(self, preview: BillRunPreview | None) -> None:
        bills = list(preview.customers) if preview else []
        self.customers.set_bills(bills)
        header = self.customer_table.horizontalHeader()
        self.customers.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self._build_chips(preview)
        self.show_kind(ALL)
        self.lines.set_lines([])
        if preview is None:
            return
        verb = self.tr("已") if isinstance(preview, BillRunResult) else self.tr("将")
        self.summary.setStyleSheet(PLAIN_STYLE)
        self.summary.setText(
            fmt(self.tr("%1：%2 位客户；%3生成 %4 张草稿账单，合计 %5 元（新建 %6，替换 %7，未变 %8，删除 %9）"),
                preview.period, f"{len(preview.customers):,}", verb, f"{len(preview.invoices):,}",
                money_text(preview.total), preview.created, preview.replaced, preview.unchanged, preview.removed)
            + fmt(self.tr("；已开具保留 %1；异常 %2 项。"), preview.kept_issued, len(preview.exceptions)))

    def _build_chips(self, preview: BillRunPreview | None) -> None:
        for button in self.filter_buttons.values():
            self.filter_group.removeButton(button)
            self.chips.removeWidget(button)
            button.deleteLater()
        self.filter_buttons = {}
        if preview is None:
            return
        kinds = Counter(e.kind for e in preview.exceptions)
        entries = [(ALL, self.tr("全部客户"), self.customers.count(ALL)),
                   (WITH_EXCEPTIONS, self.tr("有异常"), self.customers.count(WITH_EXCEPTIONS))]
        entries += [(kind, kind_label(kind), kinds[kind]) for kind in KIND_ORDER if kinds[kind]]
        entries += [(kind, kind, n) for kind, n in sorted(kinds.items()) if kind not in KIND_LABELS]
        for position, (key, label, count) in enumerate(entries):
            button = QPushButton(f"{label} {count:,}")
            button.setCheckable(True)
            button.clicked.connect(lambda _on, k=key: self.show_kind(k))
            self.filter_group.addButton(button)
            self.filter_buttons[key] = button
            self.chips.insertWidget(position, button)

    def show_kind(self, kind: str) -> None:
        """Show the customers (and exceptions) of one exception kind, ALL or WITH_EXCEPTIONS."""
        if kind in self.filter_buttons:
            self.filter_buttons[kind].setChecked(True)
        self.customers.set_kind(kind)
        exceptions = list(self.preview.exceptions) if self.preview else []
        if kind not in (ALL, WITH_EXCEPTIONS):
            exceptions = [e for e in exceptions if e.kind == kind]
        self.exceptions.set_exceptions(exceptions)
        self.tabs.setTabText(0, fmt(self.tr("异常（%1）"), f"{len(exceptions):,}"))

    def _customer_selected(self, *_args) -> None:
        rows = self.customer_table.selectionModel().selectedRows()
        bill: CustomerBill | None = self.customers.row_at(rows[0].row()) if rows else None
        self.lines.set_lines(list(bill.lines) if bill else [])
        self.tabs.setTabText(1, fmt(self.tr("账单明细（%1）"), bill.name) if bill else self.tr("账单明细"))
        if bill is not None:
            self.exceptions.set_exceptions(list(bill.exceptions))
            self.tabs.setTabText(0, fmt(self.tr("异常（%1）"), f"{len(bill.exceptions):,}"))
            self.tabs.setCurrentIndex(0 if bill.exceptions else 1)

    # -- generate -------------------------------------------------------------------------------
    def confirm_generate(self, preview: BillRunPreview) -> bool:
        errors = sum(1 for e in preview.exceptions if e.severity == "error")
        text = fmt(self.tr("将为 %1 生成 %2 张草稿账单，合计 %3 元。已开具的账单不会改动。"), preview.period,
                   f"{len(preview.invoices):,}", money_text(preview.total))
        if errors:
            text += "\n" + fmt(self.tr("注意：有 %1 项错误（如无价格方案），这些用量不会出账。"), errors)
        if preview.warnings:  # the month is not over yet (or has not begun)
            text += "\n\n" + "\n".join(w.text() for w in preview.warnings)
            text += "\n" + self.tr("本月尚未结束，确认现在就生成草稿账单？月末后可重新生成，草稿会被替换。")
        answer = QMessageBox.question(self, self.tr("生成草稿账单"), text + "\n\n" + self.tr("继续吗？"))
        return answer == QMessageBox.StandardButton.Yes

    def generate(self) -> None:
        if self.preview is None or not self.ctx.can("billing.run") or not self.confirm_generate(self.preview):
            return
        period = self.preview.period
        self.banner.hide()
        self._busy(True)
        self.generate_button.setEnabled(False)
        # The user confirmed, having been told when the month is not over yet (confirm_generate).
        op = self.ctx.runner.op(generate_bill_run_after_backup, period, allow_open_month=True) \
            .success(self._generated).failure(self._failed)
        self.panel.start(fmt(self.tr("正在生成 %1 的草稿账单…"), period), op)

    def _selected_customer_id(self) -> int | None:
        rows = self.customer_table.selectionModel().selectedRows()
        bill: CustomerBill | None = self.customers.row_at(rows[0].row()) if rows else None
        return bill.customer_id if bill else None

    def select_customer(self, customer_id: int) -> bool:
        """Select the customer's row (its bill then shows in the detail tab)."""
        for row, bill in enumerate(self.customers.rows()):
            if bill.customer_id == customer_id:
                self.customer_table.selectRow(row)
                return True
        return False

    def _generated(self, result: BillRunResult) -> None:
        self.panel.finish()
        selected = self._selected_customer_id()
        self.preview = self.result = result
        self._show(result)
        if selected is not None and self.select_customer(selected):
            self.tabs.setCurrentIndex(1)  # the selected customer's bill, as generated
        self._say(OK_STYLE, fmt(self.tr("已生成 %1 的草稿账单：新建 %2，替换 %3，未变 %4，删除 %5；合计 %6 元（运行编号 #%7）。"),
                                result.period, result.created, result.replaced, result.unchanged, result.removed,
                                money_text(result.total), result.run_id))
        self._busy(False)

    def _failed(self, failure: Failure) -> bool:
        self.panel.finish()
        self._busy(False)
        error = failure.error
        if isinstance(error, Cancelled):
            self._say(PLAIN_STYLE, self.tr("已取消，未写入任何账单。"))
            return True
        if isinstance(error, AlreadyRunning):
            self._say(ERROR_STYLE, self.tr("该账期的账单正在由其他人生成，本次未写入任何账单。")
                      + "\n" + error_text(error))
            return True
        self._say(ERROR_STYLE, fmt(self.tr("无法完成：%1"), error_text(error)))
        return is_expected(error)

    # -- export ---------------------------------------------------------------------------------
    def export(self) -> None:
        if self.preview is None:
            return
        default = fmt(self.tr("账单生成预览-%1.xlsx"), self.preview.period)
        path = ask_save_path(self, self.tr("导出预览"), default, self.tr("Excel 文件 (*.xlsx)"))
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        """Write the period's preview (the columns of the customer table, and the exceptions) to .xlsx."""
        if self.preview is None:
            return
        period = self.preview.period
        self.ctx.runner.op(export_bill_run_preview, period, path) \
            .success(lambda rows: self._say(OK_STYLE, fmt(self.tr("已导出 %1 行到 %2"), rows, path))) \
            .failure(unless_export_request(self._failed)).run()

    def _say(self, style: str, text: str) -> None:
        self.banner.setStyleSheet(style)
        self.banner.setText(text)
        self.banner.show()

    def save_state(self) -> None:
        for table in (self.customer_table, self.exception_table, self.line_table):
            table.save_layout(self.ctx.settings)
