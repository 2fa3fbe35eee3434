"""Allocation (收款核销) of one receipt: its unallocated amount, the customer's open bills (账单) with the
service's suggestions pre-filled (an exact amount first, else oldest due first), editable amounts, the
receipt's allocations with 取消核销, and the customer's credit balance.

The panel checks the obvious (no amount above what is owed or unallocated) before asking; the service
decides, and its refusals show inline under the table.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...services.billing.queries import AllocationRow
from ...services.platform.money import ZERO
from ...services.receivables.allocation import allocate_many, unallocate
from ..context import AppContext
from ..kit.format import date_text, yuan
from ..kit.forms import InlineMessage
from ..kit.labels import invoice_label
from ..kit.reason_dialog import ReasonDialog
from ..kit.table_view import DataTableView
from ..kit.text import error_text, fmt
from ..operations import Failure
from .allocation_data import AllocationView, load_allocation_view
from .allocation_models import AllocationRecordsModel, OpenInvoicesModel

CHANGES = frozenset({"receipts", "allocations", "bills"})  # topics after which the panel reloads


def _sized_table(key: str, model, parent: QWidget) -> DataTableView:
    view = DataTableView(key, parent)
    view.setModel(model)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    for index, column in enumerate(model.columns):
        if column.width:
            view.horizontalHeader().resizeSection(index, column.width)
    return view


def _caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: 600;")
    return label


class AllocationPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.receipt_id: int | None = None
        self.view: AllocationView | None = None
        self._generation = 0
        self.may_allocate = ctx.can("receipts.allocate")

        self.placeholder = QLabel(self.tr("在上方选择一笔收款，即可在此核销到该客户的账单。"))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet("color: #80868b;")
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 11pt; font-weight: 600;")
        self.figures = QLabel()
        self.balance = QLabel()
        self.balance.setStyleSheet("color: #5f6368;")

        self.open_model = OpenInvoicesModel(self)
        self.open_model.editable = self.may_allocate
        self.open_table = _sized_table("allocation-open", self.open_model, self)
        self.open_table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                        | QAbstractItemView.EditTrigger.EditKeyPressed
                                        | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.suggest_button = QPushButton(self.tr("按建议填写"))
        self.clear_button = QPushButton(self.tr("清空"))
        self.planned_label = QLabel()
        self.allocate_button = QPushButton(self.tr("核销"))
        self.allocate_button.setDefault(True)
        self.message = InlineMessage(self)
        self.suggest_button.clicked.connect(self.fill_suggestions)
        self.clear_button.clicked.connect(self.open_model.clear_amounts)
        self.allocate_button.clicked.connect(self.allocate)
        self.open_model.amounts_changed.connect(self._planned_changed)
        self.open_model.dataChanged.connect(lambda *_a: self.message.clear_message())  # the user edited
        for widget in (self.suggest_button, self.clear_button, self.allocate_button):
            widget.setVisible(self.may_allocate)

        self.records_model = AllocationRecordsModel(self)
        self.records_table = _sized_table("allocation-records", self.records_model, self)
        self.unallocate_button = QPushButton(self.tr("取消核销…"))
        self.unallocate_button.setVisible(ctx.can("receipts.unallocate"))
        self.unallocate_button.clicked.connect(self.unallocate_selected)
        self.records_table.selectionModel().selectionChanged.connect(self._update_buttons)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(_caption(self.tr("未收账单")))
        left_layout.addWidget(self.open_table, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.suggest_button)
        actions.addWidget(self.clear_button)
        actions.addStretch(1)
        actions.addWidget(self.planned_label)
        actions.addWidget(self.allocate_button)
        left_layout.addLayout(actions)
        left_layout.addWidget(self.message)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(_caption(self.tr("核销记录")))
        right_layout.addWidget(self.records_table, 1)
        undo = QHBoxLayout()
        undo.addStretch(1)
        undo.addWidget(self.unallocate_button)
        right_layout.addLayout(undo)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([600, 480])
        self.content = QWidget()
        content_layout = QVBoxLayout(self.content)
        content_layout.setContentsMargins(0, 4, 0, 0)
        content_layout.addWidget(self.heading)
        content_layout.addWidget(self.figures)
        content_layout.addWidget(self.balance)
        content_layout.addWidget(split, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.placeholder, 1)
        layout.addWidget(self.content, 1)
        self.content.hide()
        ctx.runner.changed.connect(self._on_changed)
        self._update_buttons()

    # -- loading ------------------------------------------------------------------------------
    def load(self, receipt_id: int | None) -> None:
        self.receipt_id = receipt_id
        self.message.clear_message()
        if receipt_id is None:
            self.view = None
            self.content.hide()
            self.placeholder.show()
            return
        self.reload()

    def reload(self) -> None:
        if self.receipt_id is None:
            return
        self._generation += 1
        generation = self._generation
        self.ctx.runner.op(load_allocation_view, self.receipt_id) \
            .success(lambda view: self._show(generation, view)).failure(self._load_failed).run()

    def _load_failed(self, failure: Failure) -> bool:
        self.message.error(error_text(failure.error))
        return True

    def _on_changed(self, what: frozenset) -> None:
        if what & CHANGES:
            self.reload()

    def _show(self, generation: int, view: AllocationView) -> None:
        if generation != self._generation:
            return
        self.view = view
        r, b = view.receipt, view.balance
        self.placeholder.hide()
        self.content.show()
        heading = fmt(self.tr("收款 %1 · %2（%3）"), date_text(r.receipt_date), r.customer_name, r.company_id)
        if r.reference:
            heading = fmt(self.tr("%1 · 参考号 %2"), heading, r.reference)
        self.heading.setText(heading)
        self.figures.setText(fmt(self.tr("金额 %1　已核销 %2　<b>未核销 %3</b>"), yuan(r.amount), yuan(r.allocated),
                                 yuan(r.unallocated)))
        overdue = fmt(self.tr("，其中逾期 %1"), yuan(b.overdue)) if b.overdue > ZERO else ""
        self.balance.setText(fmt(self.tr("客户预收余额 %1　·　未收账单 %2 张，共 %3%4"), yuan(b.credit_balance),
                                 b.open_invoices, yuan(b.outstanding), overdue))
        self.open_model.set_view(view.open_invoices, view.suggestions)
        self.records_model.set_rows(view.allocations)
        self._update_buttons()

    # -- amounts ------------------------------------------------------------------------------
    def fill_suggestions(self) -> None:
        if self.view is not None:
            self.open_model.use_suggestions(self.view.suggestions)
            self.message.clear_message()

    def set_amount(self, invoice_id: int, text: str) -> bool:
        row = next(i for i, r in enumerate(self.open_model.rows()) if r.id == invoice_id)
        return self.open_model.setData(self.open_model.index(row, self.open_model.column_of("amount")), text)

    def _planned_changed(self) -> None:
        if self.view is None:
            self.planned_label.setText("")
        else:
            self.planned_label.setText(fmt(self.tr("本次核销 %1 / 可用 %2"), yuan(self.open_model.planned_total()),
                                           yuan(self.view.receipt.unallocated)))
        self._update_buttons()

    def _update_buttons(self, *_args) -> None:
        has_view = self.view is not None
        self.allocate_button.setEnabled(has_view and bool(self.open_model.planned()))
        self.suggest_button.setEnabled(has_view and bool(self.view and self.view.suggestions))
        self.clear_button.setEnabled(has_view and bool(self.open_model.amounts))
        selected = self.selected_allocation()
        self.unallocate_button.setEnabled(selected is not None and selected.active)

    def problem(self) -> str | None:
        """Why the planned amounts cannot be allocated as they stand, or None."""
        if self.view is None:
            return self.tr("请先选择一笔收款。")
        planned = self.open_model.planned()
        if not planned:
            return self.tr("请在“本次核销”列填写要核销的金额。")
        for row, amount in planned:
            if amount > row.outstanding:
                return fmt(self.tr("账单 %1 本次核销 %2，超过其未收金额 %3。"), invoice_label(row), yuan(amount),
                           yuan(row.outstanding))
        total = self.open_model.planned_total()
        if total > self.view.receipt.unallocated:
            return fmt(self.tr("本次核销合计 %1，超过这笔收款的未核销金额 %2。"), yuan(total),
                       yuan(self.view.receipt.unallocated))
        return None

    # -- actions ------------------------------------------------------------------------------
    def allocate(self) -> None:
        problem = self.problem()
        if problem:
            self.message.error(problem)
            return
        assert self.view is not None
        planned = self.open_model.planned()
        amounts = tuple((row.id, amount) for row, amount in planned)
        total = sum((amount for _row, amount in planned), ZERO)
        self.allocate_button.setEnabled(False)

        def done(_rows) -> None:
            self.message.info(fmt(self.tr("已核销 %1 到 %2 张账单。"), yuan(total), len(amounts)))

        def refused(failure: Failure) -> bool:
            self.message.error(error_text(failure.error))
            self._update_buttons()
            return True

        self.ctx.runner.op(allocate_many, self.view.receipt.id, amounts) \
            .success(done).failure(refused).run()

    def selected_allocation(self) -> AllocationRow | None:
        rows = self.records_table.selectionModel().selectedRows()
        return self.records_model.row_at(rows[0].row()) if rows else None

    def unallocate_selected(self) -> ReasonDialog | None:
        row = self.selected_allocation()
        if row is None or not row.active:
            return None
        details = fmt(self.tr("取消收款对账单 %1 的核销 %2；金额回到这笔收款的未核销金额，记录保留。"),
                      row.invoice_number or "", yuan(row.amount))
        dialog = ReasonDialog(self.tr("取消核销"), self.tr("取消原因"), self, details=details,
                              ok_text=self.tr("取消核销"))
        dialog.submit_with(lambda reason: self.ctx.runner.op(unallocate, row.id, reason),
                           lambda _row: self.message.info(fmt(self.tr("已取消核销 %1。"), yuan(row.amount))))
        dialog.open()
        return dialog
