"""The bill list's filters: period, status, payment status, tax invoice (发票), customer, sales owner,
overdue only."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from ...services.billing.queries import InvoiceFilter
from ...services.customers.owner_choices import ALLOWED as OWNER_PICKER_PERMISSIONS
from ...services.customers.owner_choices import OwnerChoice, owner_choices
from ..context import AppContext
from ..kit.periods import recent_periods

SEARCH_DELAY_MS = 300


def _combo(items: list[tuple[str, object]]) -> QComboBox:
    combo = QComboBox()
    for label, value in items:
        combo.addItem(label, value)
    return combo


class InvoiceFilterBar(QWidget):
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.period = _combo([(self.tr("全部账期"), None)] + [(p, p) for p in recent_periods()])
        self.status = _combo([(self.tr("全部状态"), None), (self.tr("草稿"), "draft"), (self.tr("已开具"), "issued"),
                              (self.tr("已冲正"), "cancelled")])
        self.payment = _combo([(self.tr("全部付款状态"), None), (self.tr("未付款"), "unpaid"),
                               (self.tr("部分付款"), "partially_paid"), (self.tr("已付清"), "paid")])
        self.tax_invoice = _combo([(self.tr("全部"), None), (self.tr("已开具未开票"), "none"),
                                   (self.tr("已开票"), "issued")])
        self.owner = _combo([(self.tr("全部销售"), None)])
        self.owner.setMinimumWidth(110)
        self.customer = QLineEdit()
        self.customer.setPlaceholderText(self.tr("公司id 或客户名称"))
        self.customer.setClearButtonEnabled(True)
        self.customer.setMinimumWidth(200)
        self.overdue = QCheckBox(self.tr("仅逾期"))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.changed)
        self.customer.textChanged.connect(lambda _t: self._timer.start())
        for combo in (self.period, self.status, self.payment, self.tax_invoice, self.owner):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.overdue.toggled.connect(lambda _on: self.changed.emit())

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.customer)
        for caption, widget in ((self.tr("账期"), self.period), (self.tr("状态"), self.status),
                                (self.tr("付款"), self.payment), (self.tr("发票"), self.tax_invoice),
                                (self.tr("销售"), self.owner)):
            label = QLabel(caption)
            label.setStyleSheet("color: #5f6368;")
            if widget is self.owner:
                self._owner_label = label
            layout.addSpacing(6)
            layout.addWidget(label)
            layout.addWidget(widget)
        layout.addSpacing(6)
        layout.addWidget(self.overdue)
        layout.addStretch(1)
        self._load_owners()

    def _load_owners(self) -> None:
        """A sales user sees only their own customers, so the owner filter is for everyone else."""
        may_pick = not self.ctx.actor.sees_own_customers_only and any(
            self.ctx.can(p) for p in OWNER_PICKER_PERMISSIONS)
        for widget in (self._owner_label, self.owner):
            widget.setVisible(may_pick)
        if may_pick:
            self.ctx.runner.op(owner_choices).success(self._owners_loaded).run()

    def _owners_loaded(self, choices: list[OwnerChoice]) -> None:
        self.owner.blockSignals(True)
        for choice in choices:
            if choice.role == "sales":
                self.owner.addItem(choice.label, choice.user_id)
        self.owner.blockSignals(False)

    def values(self) -> InvoiceFilter:
        text = self.customer.text().strip()
        company_id = int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else None
        return InvoiceFilter(
            period=self.period.currentData(), status=self.status.currentData(),
            company_id=company_id, customer_name=text if text and company_id is None else None,
            owner_user_id=self.owner.currentData(), overdue_only=self.overdue.isChecked(),
            payment_status=self.payment.currentData(), tax_invoice=self.tax_invoice.currentData(),
        )

    def set_period(self, period: str | None) -> None:
        index = self.period.findData(period)
        if index < 0 and period:
            self.period.addItem(period, period)
            index = self.period.count() - 1
        self.period.setCurrentIndex(max(index, 0))

    def select(self, combo: QComboBox, value: object) -> None:
        combo.setCurrentIndex(max(combo.findData(value), 0))
