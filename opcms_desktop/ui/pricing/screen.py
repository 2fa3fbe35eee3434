"""价格方案: pick a customer (SQL-paged list with search), see its plan history, create / edit / end plans,
import the pricing sheet and download its template.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...services import customers
from ...services.customers.query import MAX_SEARCH, CustomerQuery
from ...services.customers.rows import CustomerRow
from ...services.pricing import plans as price_plans
from ...services.pricing.plan_export import export_price_plans
from ...services.pricing.sheet_import import import_pricing
from ...services.pricing.template import write_pricing_template
from ..context import AppContext
from ..kit.export_refusal import unless_export_request
from ..kit.fields import DateEdit, to_date, to_qdate
from ..kit.file_dialogs import ask_save_path
from ..kit.forms import InlineMessage
from ..kit.paged_model import Column, PagedTableModel
from ..kit.problems import error_text
from ..kit.sheet_import import SheetImportDialog
from ..kit.table_view import DataTableView
from ..kit.text import fmt
from ..operations import Failure
from .history_model import PlanHistoryModel
from .plan_editor import PlanEditorDialog

SEARCH_DELAY_MS = 250


def customer_columns() -> list[Column]:
    return [Column("company_id", QCoreApplication.translate("PricingScreen", QT_TRANSLATE_NOOP("PricingScreen", "公司id")),
                   lambda r: r.company_id, align_right=True, width=72),
            Column("name", QCoreApplication.translate("PricingScreen", QT_TRANSLATE_NOOP("PricingScreen", "客户名称")),
                   lambda r: r.name, width=220)]


class CustomerPickerModel(PagedTableModel):
    def __init__(self, runner, parent=None):
        super().__init__(runner, customer_columns(), customers.count_customers, customers.customer_page,
                         page_size=200, parent=parent)


class EndPlanDialog(QDialog):
    """Asks for a plan's last day (included)."""

    def __init__(self, plan: price_plans.PlanRow, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("结束价格方案"))
        today = dt.date.today()
        self.last_day = DateEdit(to_qdate(max(today, plan.effective_from)))
        self.last_day.setCalendarPopup(True)
        self.last_day.setDisplayFormat("yyyy-MM-dd")
        self.message = InlineMessage(self)
        form = QFormLayout()
        form.addRow(self.tr("方案"), QLabel(fmt("%1 · %2 · %3", self.tr(plan.series_label), self.tr(plan.mode_label),
                                                plan.period_text)))
        form.addRow(self.tr("最后一天（含）"), self.last_day)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("结束方案"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def day(self) -> dt.date:
        return to_date(self.last_day.date())


class PricingScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.customer: CustomerRow | None = None
        self._generation = 0
        self.customers = CustomerPickerModel(ctx.runner, self)
        self.customer_table = DataTableView("pricing-customers", self)
        self.customer_table.setModel(self.customers)
        self.customer_table.setSelectionMode(DataTableView.SelectionMode.SingleSelection)
        for index, column in enumerate(self.customers.columns):
            self.customer_table.horizontalHeader().resizeSection(index, column.width or 100)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索 公司id / 名称 / 拼音首字母"))
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(MAX_SEARCH)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.customer_count = QLabel()
        self.customer_count.setStyleSheet("color: #5f6368;")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.customer_table, 1)
        left_layout.addWidget(self.customer_count)

        self.title = QLabel(self.tr("请在左侧选择客户"))
        self.title.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.history = PlanHistoryModel(self)
        self.plan_table = DataTableView("pricing-history", self)
        self.plan_table.setModel(self.history)
        self.plan_table.setSelectionMode(DataTableView.SelectionMode.SingleSelection)
        for index, width in enumerate((56, 96, 88, 100, 250, 76, 60)):
            self.plan_table.horizontalHeader().resizeSection(index, width)
        self.plan_table.activated.connect(lambda _i: self.edit_plan())
        self.plan_table.set_open_handler(lambda _i: self.edit_plan())
        self.new_button = QPushButton(self.tr("新建方案…"))
        self.edit_button = QPushButton(self.tr("编辑…"))
        self.end_button = QPushButton(self.tr("结束方案…"))
        self.import_button = QPushButton(self.tr("导入价格表…"))
        self.template_button = QPushButton(self.tr("下载模板"))
        self.new_button.clicked.connect(self.new_plan)
        self.edit_button.clicked.connect(self.edit_plan)
        self.end_button.clicked.connect(self.end_plan)
        self.import_button.clicked.connect(self.open_import)
        self.template_button.clicked.connect(self.download_template)
        self.export_button = QPushButton(self.tr("导出方案…"))
        self.export_button.clicked.connect(self.export_plans)
        self.new_button.setVisible(ctx.can("pricing.create"))
        self.edit_button.setVisible(ctx.can("pricing.edit"))
        self.end_button.setVisible(ctx.can("pricing.edit"))
        self.import_button.setVisible(ctx.can("pricing.import"))
        self.template_button.setVisible(ctx.can("pricing.import"))
        self.status = QLabel()
        self.status.setStyleSheet("color: #5f6368;")
        self.status.setWordWrap(True)
        actions = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.end_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.import_button)
        actions.addWidget(self.template_button)
        actions.addWidget(self.export_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        right_layout.addWidget(self.title)
        right_layout.addLayout(actions)
        right_layout.addWidget(self.plan_table, 1)
        right_layout.addWidget(self.status)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([330, 800])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.customers.count_changed.connect(
            lambda n: self.customer_count.setText(fmt(self.tr("共 %1 位客户"), f"{n:,}")))
        self.customer_table.selectionModel().selectionChanged.connect(self._customer_chosen)
        self.customers.dataChanged.connect(self._customer_chosen)  # a row chosen while its page was loading
        self.plan_table.selectionModel().selectionChanged.connect(self._update_buttons)
        ctx.runner.changed.connect(self._on_changed)
        self._update_buttons()
        self.customers.set_query(CustomerQuery())

    # -- customers ------------------------------------------------------------------------------
    def apply_search(self) -> None:
        self._search_timer.stop()
        query = CustomerQuery(search=self.search.text().strip())
        if query != self.customers.query:
            self.customers.set_query(query)

    def _customer_chosen(self, *_args) -> None:
        rows = self.customer_table.selectionModel().selectedRows()
        row = self.customers.row_at(rows[0].row()) if rows else None
        if row is None or (self.customer is not None and row.id == self.customer.id):
            return
        self.show_customer(row)

    def show_customer(self, row: CustomerRow, select_plan: int | None = None) -> None:
        self.customer = row
        self.title.setText(fmt(self.tr("%1  ·  公司id %2"), row.name, row.company_id))
        self.status.setText("")
        self.reload_history(select_plan)

    def reload_history(self, select_plan: int | None = None) -> None:
        if self.customer is None:
            return
        self._generation += 1
        generation = self._generation
        self.ctx.runner.op(price_plans.plan_history, self.customer.id) \
            .success(lambda rows: self._history_loaded(generation, rows, select_plan)).run()

    def _history_loaded(self, generation: int, rows: list[price_plans.PlanRow], select_plan: int | None) -> None:
        if generation != self._generation:  # a newer request (or another customer) is on its way
            return
        self.history.set_rows(rows)
        if not rows:
            self.status.setText(self.tr("此客户还没有价格方案。"))
        row = self.history.row_of(select_plan) if select_plan is not None else None
        if row is not None:
            self.plan_table.selectRow(row)
        self._update_buttons()

    def _on_changed(self, what: frozenset) -> None:
        if {"plans", "customers"} & what:
            self.reload_history(self.selected_plan().id if self.selected_plan() else None)

    # -- plans ----------------------------------------------------------------------------------
    def selected_plan(self) -> price_plans.PlanRow | None:
        rows = self.plan_table.selectionModel().selectedRows()
        return self.history.row_at(rows[0].row()) if rows else None

    def _update_buttons(self, *_args) -> None:
        has_plan = self.selected_plan() is not None
        self.new_button.setEnabled(self.customer is not None)
        self.edit_button.setEnabled(has_plan)
        self.end_button.setEnabled(has_plan)

    def new_plan(self) -> None:
        if self.customer is not None:
            self._open_editor(None)

    def edit_plan(self) -> None:
        plan = self.selected_plan()
        if plan is not None and self.ctx.can("pricing.edit"):
            self._open_editor(plan)

    def _open_editor(self, plan: price_plans.PlanRow | None) -> PlanEditorDialog:
        assert self.customer is not None
        dialog = PlanEditorDialog(self.customer.id, self.customer.name, plan, self, existing=self.history.rows())

        def failed(failure: Failure) -> bool:
            dialog.show_error(failure.error)
            return True

        def saved(row: price_plans.PlanRow) -> None:
            dialog.accept()
            self.status.setText(fmt(self.tr("已保存：%1 %2（%3）"), self.tr(row.series_label), row.summary,
                                    row.period_text))
            self.reload_history(row.id)

        def submit() -> None:
            plan_input = dialog.plan_input()
            if plan_input is None:
                return
            dialog.set_busy(True)
            if plan is None:
                op = self.ctx.runner.op(price_plans.create_plan, plan_input, end_open_plan=dialog.ends_open_plan())
            else:
                op = self.ctx.runner.op(price_plans.update_plan, plan.id, plan_input, plan.version)
            op.success(saved).failure(failed).run()

        dialog.save_button.clicked.connect(submit)
        dialog.open()
        return dialog

    def end_plan(self) -> EndPlanDialog | None:
        plan = self.selected_plan()
        if plan is None:
            return None
        dialog = EndPlanDialog(plan, self)

        def failed(failure: Failure) -> bool:
            dialog.buttons.setEnabled(True)
            dialog.message.error(error_text(failure.error))
            return True

        def submit() -> None:
            dialog.buttons.setEnabled(False)
            self.ctx.runner.op(price_plans.end_plan, plan.id, dialog.day(), plan.version) \
                .success(lambda row: (dialog.accept(), self.reload_history(row.id))).failure(failed).run()

        dialog.buttons.accepted.connect(submit)
        dialog.open()
        return dialog

    # -- sheet ----------------------------------------------------------------------------------
    def open_import(self) -> SheetImportDialog:
        dialog = SheetImportDialog(
            self.ctx, self.tr("导入价格表"), import_pricing,
            self.tr("每行一个价格方案（公司id、生效日期、计费模式、设备系列及价格）。同一客户、系列、生效日期的行更新原方案；"
                    "新方案会把同客户同系列的长期方案截止到前一天。可先“下载模板”。"), self)
        dialog.open()
        return dialog

    def download_template(self) -> None:
        path = ask_save_path(self, self.tr("保存价格表模板"), self.tr("价格方案导入模板.xlsx"),
                                              self.tr("Excel 工作簿 (*.xlsx)"))
        if not path:
            return
        self.ctx.runner.call(write_pricing_template, path) \
            .success(lambda written: self.status.setText(fmt(self.tr("模板已保存到 %1"), written))) \
            .failure(lambda f: self.status.setText(fmt(self.tr("无法保存模板：%1"), error_text(f.error))) or True) \
            .run()

    def export_plans(self) -> None:
        path = ask_save_path(self, self.tr("导出价格方案"), self.tr("价格方案.xlsx"), self.tr("Excel 工作簿 (*.xlsx)"))
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        """Every plan the user may see, in the pricing sheet's layout (can be edited and imported again)."""
        self.ctx.runner.op(export_price_plans, path) \
            .success(lambda done: self.status.setText(fmt(self.tr("已导出 %1 个价格方案到 %2"), done.rows, done.path))) \
            .failure(unless_export_request(
                lambda f: self.status.setText(fmt(self.tr("无法导出：%1"), error_text(f.error))) or True)) \
            .run()

    def save_state(self) -> None:
        self.customer_table.save_layout(self.ctx.settings)
        self.plan_table.save_layout(self.ctx.settings)
