"""Receipts by customer and month (收款统计): one column per month of the range, a total column."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QWidget

from ...services.receivables.reports import ReceiptsByMonthReport, receipts_by_month
from ..context import AppContext
from ..kit.format import money_text, yuan
from ..kit.paged_model import Column
from ..kit.periods import recent_periods
from ..kit.text import fmt
from ..operations import Operation
from .report_tab import ReportTab

translate = QCoreApplication.translate  # translate("context", "中文"): lupdate reads the literals

DEFAULT_MONTHS = 6


def receipts_columns(months: tuple[str, ...]) -> list[Column]:
    return [
        Column("company_id", translate("receivables", "公司id"), lambda r: r.company_id or "", align_right=True, width=72),
        Column("customer_name", translate("receivables", "客户名称"), lambda r: r.customer_name, width=230),
        *(Column(m, m, lambda r, m=m: money_text(r.amounts[m]), align_right=True, width=104) for m in months),
        Column("total", translate("receivables", "合计"), lambda r: money_text(r.total), align_right=True, width=118),
    ]


class ReceiptsByMonthTab(ReportTab):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, "receipts-by-month", parent)
        months = recent_periods()[1:]  # this month and earlier
        self.month_from, self.month_to = QComboBox(), QComboBox()
        for combo in (self.month_from, self.month_to):
            for month in months:
                combo.addItem(month, month)
        self.month_to.setCurrentIndex(0)
        self.month_from.setCurrentIndex(DEFAULT_MONTHS - 1)
        self.controls.addWidget(self.label(self.tr("从")))
        self.controls.addWidget(self.month_from)
        self.controls.addWidget(self.label(self.tr("到")))
        self.controls.addWidget(self.month_to)
        self.finish_controls()
        self.model.set_columns(receipts_columns(()))

    def operation(self) -> Operation:
        return self.ctx.runner.op(receipts_by_month, self.month_from.currentData(), self.month_to.currentData())

    def show_report(self, report: ReceiptsByMonthReport) -> None:
        self.model.set_columns(receipts_columns(report.months))
        self.model.set_rows([*report.customers, report.total])
        self.status.setText(fmt(self.tr("%1 至 %2，%3 个客户收款共 %4。"), report.month_from, report.month_to,
                                len(report.customers), yuan(report.total.total)))

    def default_file_name(self) -> str:
        return fmt(self.tr("收款统计-%1-%2.xlsx"), self.month_from.currentData(), self.month_to.currentData())
