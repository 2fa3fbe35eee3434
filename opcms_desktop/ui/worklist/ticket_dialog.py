"""新建工单: customer by 公司id, type, priority, subject and description; the SLA sets the deadlines."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...models.worklist import TICKET_PRIORITIES, TICKET_TYPES
from ...services.followup import tickets
from ...services.security.scope import customer_ids_by_company
from ..context import AppContext
from ..kit.fields import IntEdit
from ..kit.forms import InlineMessage
from ..kit.text import error_text, fmt
from ..operations import Failure
from .widgets import PRIORITY_LABELS, TICKET_TYPE_LABELS, label


class TicketDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("新建工单"))
        self.setMinimumWidth(460)
        self.company = IntEdit(self, self.tr("公司id"))
        self.kind = QComboBox()
        for code in TICKET_TYPES:
            self.kind.addItem(label(TICKET_TYPE_LABELS, code), code)
        self.priority = QComboBox()
        for code in TICKET_PRIORITIES:
            self.priority.addItem(label(PRIORITY_LABELS, code), code)
        self.priority.setCurrentIndex(TICKET_PRIORITIES.index("normal"))
        self.subject = QLineEdit()
        self.subject.setMaxLength(tickets.SUBJECT_LIMIT)
        self.description = QPlainTextEdit()
        self.description.setFixedHeight(90)
        form = QFormLayout()
        form.addRow(self.tr("公司id"), self.company)
        form.addRow(self.tr("类型"), self.kind)
        form.addRow(self.tr("优先级"), self.priority)
        form.addRow(self.tr("标题"), self.subject)
        form.addRow(self.tr("描述"), self.description)
        self.message = InlineMessage(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def submit(self) -> None:
        company_id = self.company.value()
        if company_id is None:
            self.message.error(self.tr("请填写公司id。"))
            return
        self.buttons.setEnabled(False)
        self.ctx.runner.op(customer_ids_by_company, [company_id]).success(
            lambda found: self._create(found.get(company_id), company_id)
        ).failure(self._failed).run()

    def _create(self, customer_id: int | None, company_id: int) -> None:
        if customer_id is None:
            self.buttons.setEnabled(True)
            self.message.error(fmt(self.tr("没有您可查看的公司id %1。"), company_id))
            return
        data = tickets.TicketInput(
            customer_id,
            self.kind.currentData(),
            self.priority.currentData(),
            self.subject.text(),
            self.description.toPlainText(),
        )
        self.ctx.runner.op(tickets.add_ticket, data).success(lambda _view: self.accept()).failure(
            self._failed
        ).run()

    def _failed(self, failure: Failure) -> bool:
        self.buttons.setEnabled(True)
        self.message.error(error_text(failure.error))
        return True
