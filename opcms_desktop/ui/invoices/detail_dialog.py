"""One bill (账单): header with its tax invoice (发票), lines, allocations (核销记录, reversals included)
and credit notes (冲正)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...services.billing.queries import InvoiceDetail, get_invoice
from ..context import AppContext
from ..kit.format import date_text, money_text, yuan
from ..kit.forms import InlineMessage
from ..kit.labels import (
    allocation_state,
    invoice_label,
    kind_label,
    payment_label,
    status_label,
    tax_invoice_label,
)
from ..kit.paged_model import Column
from ..kit.rows_model import RowsTableModel
from ..kit.table_view import DataTableView
from ..kit.text import error_text, fmt
from ..operations import Failure


def number_text(value: Decimal | None) -> str:
    """A quantity or unit price without trailing zeros (120, 0.125); money keeps its 2 places elsewhere."""
    if value is None:
        return ""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def line_columns() -> list[Column]:
    return [
        Column("seq", QCoreApplication.translate("Invoices", "序号"), lambda r: r.seq, align_right=True, width=48),
        Column("series", QCoreApplication.translate("Invoices", "系列"), lambda r: r.series or "", width=48),
        Column("description", QCoreApplication.translate("Invoices", "说明"), lambda r: r.description, width=300),
        Column("quantity", QCoreApplication.translate("Invoices", "数量"), lambda r: number_text(r.quantity), align_right=True, width=70),
        Column("unit_price", QCoreApplication.translate("Invoices", "单价"), lambda r: number_text(r.unit_price), align_right=True, width=80),
        Column("formula", QCoreApplication.translate("Invoices", "计算方式"), lambda r: r.formula or "", width=140),
        Column("amount", QCoreApplication.translate("Invoices", "金额"), lambda r: money_text(r.amount), align_right=True, width=100),
    ]


def allocation_columns() -> list[Column]:
    return [
        Column("receipt_date", QCoreApplication.translate("Invoices", "收款日期"), lambda r: date_text(r.receipt_date), width=90),
        Column("reference", QCoreApplication.translate("Invoices", "收款参考号"), lambda r: r.receipt_reference or "", width=130),
        Column("payer", QCoreApplication.translate("Invoices", "付款方"), lambda r: r.payer or "", width=160),
        Column("amount", QCoreApplication.translate("Invoices", "核销金额"), lambda r: money_text(r.amount), align_right=True, width=100),
        Column("allocated_on", QCoreApplication.translate("Invoices", "核销日期"), lambda r: date_text(r.allocated_on), width=90),
        Column("created_by", QCoreApplication.translate("Invoices", "操作人"), lambda r: r.created_by or "", width=80),
        Column("state", QCoreApplication.translate("Invoices", "状态"), allocation_state, width=160),
    ]


def credit_note_columns() -> list[Column]:
    return [
        Column("number", QCoreApplication.translate("Invoices", "冲正单号"), lambda r: r.number, width=140),
        Column("issue_date", QCoreApplication.translate("Invoices", "日期"), lambda r: date_text(r.issue_date), width=90),
        Column("total", QCoreApplication.translate("Invoices", "金额"), lambda r: money_text(r.total), align_right=True, width=100),
        Column("reason", QCoreApplication.translate("Invoices", "原因"), lambda r: r.reason, width=260),
        Column("created_by", QCoreApplication.translate("Invoices", "操作人"), lambda r: r.created_by or "", width=80),
    ]


def _table(key: str, model: RowsTableModel, parent: QWidget) -> DataTableView:
    view = DataTableView(key, parent)
    view.setModel(model)
    for index, column in enumerate(model.columns):
        if column.width:
            view.horizontalHeader().resizeSection(index, column.width)
    return view


class InvoiceDetailDialog(QDialog):
    def __init__(self, ctx: AppContext, invoice_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.invoice_id = ctx, invoice_id
        self.detail: InvoiceDetail | None = None
        self.setWindowTitle(self.tr("账单详情"))
        self.resize(860, 560)
        self.title = QLabel(self.tr("正在加载…"))
        self.title.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.fields: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        captions = [("customer", self.tr("客户")), ("period", self.tr("账期")), ("status", self.tr("状态")),
                    ("total", self.tr("金额")), ("allocated", self.tr("已核销")), ("outstanding", self.tr("未收金额")),
                    ("payment", self.tr("付款状态")), ("issue_date", self.tr("开具日期")),
                    ("due_date", self.tr("到期日")), ("terms", self.tr("付款期限")), ("issued_by", self.tr("开具人")),
                    ("overdue", self.tr("逾期")), ("tax_status", self.tr("发票状态")),
                    ("tax_number", self.tr("发票号码")), ("tax_date", self.tr("开票日期"))]
        for n, (key, caption) in enumerate(captions):
            label = QLabel(caption)
            label.setStyleSheet("color: #5f6368;")
            value = QLabel()
            self.fields[key] = value
            grid.addWidget(label, n // 3, (n % 3) * 2)
            grid.addWidget(value, n // 3, (n % 3) * 2 + 1)
        for column, width in ((1, 200), (3, 130)):
            grid.setColumnMinimumWidth(column, width)
        grid.setColumnStretch(5, 1)
        self.lines = RowsTableModel(line_columns(), self)
        self.allocations = RowsTableModel(allocation_columns(), self)
        self.credit_notes = RowsTableModel(credit_note_columns(), self)
        self.tabs = QTabWidget()
        self.tabs.addTab(_table("invoice-lines", self.lines, self), self.tr("明细"))
        self.tabs.addTab(_table("invoice-allocations", self.allocations, self), self.tr("核销记录"))
        self.tabs.addTab(_table("invoice-credit-notes", self.credit_notes, self), self.tr("冲正"))
        self.message = InlineMessage(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(grid)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        self.ctx.runner.op(get_invoice, self.invoice_id).success(self._show).failure(self._failed).run()

    def _failed(self, failure: Failure) -> bool:
        self.title.setText(self.tr("无法加载账单"))
        self.message.error(error_text(failure.error))
        return True

    def _show(self, detail: InvoiceDetail) -> None:
        self.detail = detail
        row = detail.invoice
        self.title.setText(f"{invoice_label(row)}  ·  {kind_label(row.kind)}")
        values = {
            "customer": f"{row.customer_name}（{row.company_id}）", "period": row.period,
            "status": status_label(row.status), "total": yuan(row.total), "allocated": yuan(row.allocated),
            "outstanding": yuan(row.outstanding), "payment": payment_label(row.payment_status) or "—",
            "issue_date": date_text(row.issue_date) or "—", "due_date": date_text(row.due_date) or "—",
            "terms": fmt(self.tr("%1 天"), detail.payment_terms_days),
            "issued_by": detail.issued_by or "—",
            "overdue": fmt(self.tr("逾期 %1 天"), row.days_overdue) if row.overdue else self.tr("否"),
            "tax_status": tax_invoice_label(row.tax_invoice_status) or "—",
            "tax_number": row.tax_invoice_number or "—", "tax_date": date_text(row.tax_invoice_date) or "—",
        }
        for key, text in values.items():
            self.fields[key].setText(text)
        if row.overdue:
            self.fields["overdue"].setStyleSheet("color: #a52714; font-weight: 600;")
        self.lines.set_rows(detail.lines)
        self.allocations.set_rows(detail.allocations)
        self.credit_notes.set_rows(detail.credit_notes)
        self.tabs.setTabText(1, fmt(self.tr("核销记录（%1）"), len(detail.allocations)))
        self.tabs.setTabText(2, fmt(self.tr("冲正（%1）"), len(detail.credit_notes)))
