"""Record a receipt (登记收款): customer, date, amount, method, reference, payer, note."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...services.receivables.receipts import ReceiptInput, ReceiptRow, date_bounds, record_receipt
from ..context import AppContext
from ..kit.fields import DateEdit
from ..kit.forms import InlineMessage
from ..kit.text import error_text, fmt
from ..operations import Failure
from .customer_picker import CustomerPicker

METHODS = ("银行转账", "现金", "支票", "微信", "支付宝")


class ReceiptEntryDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.recorded: ReceiptRow | None = None
        self.setWindowTitle(self.tr("登记收款"))
        self.setMinimumWidth(460)
        self.picker = CustomerPicker(ctx, self)
        self.customer_label = QLabel(self.tr("（未选择）"))
        self.date = DateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        earliest, latest = date_bounds()  # the service refuses dates outside them (e.g. 0001-01-01)
        self.date.setDateRange(QDate(earliest.year, earliest.month, earliest.day),
                               QDate(latest.year, latest.month, latest.day))
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(self.tr("例如 12,500.00"))
        self.method = QComboBox()
        self.method.setEditable(True)
        self.method.addItems(list(METHODS))  # stored values, not labels
        self.reference = QLineEdit()
        self.reference.setPlaceholderText(self.tr("银行流水号等"))
        self.payer = QLineEdit()
        self.note = QLineEdit()
        self.message = InlineMessage(self)
        form = QFormLayout()
        form.addRow(self.tr("客户"), self.picker)
        form.addRow(self.tr("已选客户"), self.customer_label)
        form.addRow(self.tr("收款日期"), self.date)
        form.addRow(self.tr("金额（元）"), self.amount)
        form.addRow(self.tr("方式"), self.method)
        form.addRow(self.tr("参考号"), self.reference)
        form.addRow(self.tr("付款方"), self.payer)
        form.addRow(self.tr("备注"), self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("登记"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.picker.chosen.connect(self._customer_chosen)

    def _customer_chosen(self, row) -> None:
        self.customer_label.setText(fmt(self.tr("%1（%2）"), row.name, row.company_id) if row is not None
                                    else self.tr("（未选择）"))

    def receipt_input(self) -> ReceiptInput | None:
        customer = self.picker.selected()
        if customer is None:
            self.message.error(self.tr("请先搜索并选择客户。"))
            return None
        if not self.amount.text().strip():
            self.message.error(self.tr("请填写金额。"))
            return None
        qdate = self.date.date()
        return ReceiptInput(customer_id=customer.id, receipt_date=dt.date(qdate.year(), qdate.month(), qdate.day()),
                            amount=self.amount.text(), method=self.method.currentText(),
                            reference=self.reference.text(), payer=self.payer.text() or customer.name,
                            note=self.note.text())

    def submit(self) -> None:
        data = self.receipt_input()
        if data is None:
            return
        self.buttons.setEnabled(False)

        def failed(failure: Failure) -> bool:
            self.buttons.setEnabled(True)
            self.message.error(error_text(failure.error))
            return True

        def recorded(row: ReceiptRow) -> None:
            self.recorded = row
            self.accept()

        self.ctx.runner.op(record_receipt, data).success(recorded).failure(failed).run()
