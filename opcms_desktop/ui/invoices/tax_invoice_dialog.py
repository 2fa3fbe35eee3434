"""登记发票: the tax invoice (发票) issued outside the app for one or many issued bills, entered by hand.

The number and the date are required here; the service checks the rest (issued bills only, none with a
发票 already, the date not before the bill's issue date) and its refusal shows inline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from ...services.billing.invoices import TAX_NUMBER_MAX, record_tax_invoice
from ...services.billing.queries import InvoiceRow
from ..context import AppContext
from ..kit.fields import DateEdit, to_date
from ..kit.forms import InlineMessage
from ..kit.labels import invoice_label
from ..kit.text import error_text, fmt
from ..operations import Failure


class TaxInvoiceDialog(QDialog):
    def __init__(self, ctx: AppContext, rows: list[InvoiceRow], parent: QWidget | None = None,
                 done: Callable[[Any], None] | None = None):
        super().__init__(parent)
        self.ctx, self.rows, self._done = ctx, list(rows), done
        self.result_value: Any = None
        self.setWindowTitle(self.tr("登记发票"))
        self.setMinimumWidth(440)
        labels = [invoice_label(r) for r in self.rows]
        shown = "、".join(labels[:5]) + ("…" if len(labels) > 5 else "")
        self.details = QLabel(fmt(self.tr("为所选的 %1 张账单登记已开具的发票：%2"), len(self.rows), shown))
        self.details.setWordWrap(True)
        self.number = QLineEdit()
        self.number.setMaxLength(TAX_NUMBER_MAX)
        self.number.setPlaceholderText(self.tr("发票上的发票号码"))
        self.date = DateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.message = InlineMessage(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("登记"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.details)
        form.addRow(self.tr("发票号码"), self.number)
        form.addRow(self.tr("开票日期"), self.date)
        form.addRow(self.message)
        form.addRow(self.buttons)

    def tax_date(self) -> dt.date:
        return to_date(self.date.date())

    def submit(self) -> None:
        number = self.number.text().strip()
        if not number:
            self.message.error(self.tr("请填写发票号码。"))
            self.number.setFocus()
            return
        self.message.clear_message()
        self.buttons.setEnabled(False)
        self.ctx.runner.op(record_tax_invoice, [r.id for r in self.rows], number, self.tax_date()) \
            .success(self._succeeded).failure(self._failed).run()

    def _failed(self, failure: Failure) -> bool:
        self.buttons.setEnabled(True)
        self.message.error(error_text(failure.error))
        return True

    def _succeeded(self, result: Any) -> None:
        self.result_value = result
        self.accept()
        if self._done is not None:
            self._done(result)
