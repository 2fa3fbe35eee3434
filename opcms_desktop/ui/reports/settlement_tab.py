"""Settlement status (结算状态) of a period: invoiced, received, outstanding, overdue, collection rate."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from ...services.receivables.reports import SettlementReport, settlement_status
from ..context import AppContext
from ..kit.format import money_text, rate_text, yuan
from ..kit.paged_model import Column
from ..kit.periods import last_month, recent_periods
from ..kit.text import fmt
from ..operations import Operation
from .report_tab import ReportTab, date_edit, date_of

translate = QCoreApplication.translate  # translate("context", "中文"): lupdate reads the literals


def settlement_columns() -> list[Column]:
    money = [("invoiced", translate("receivables", "账单金额")), ("received", translate("receivables", "已收金额")), ("outstanding", translate("receivables", "未收金额")),
             ("overdue", translate("receivables", "逾期金额"))]
    return [
        Column("company_id", translate("receivables", "公司id"), lambda r: r.company_id or "", align_right=True, width=72),
        Column("customer_name", translate("receivables", "客户名称"), lambda r: r.customer_name, width=230),
        Column("invoices", translate("receivables", "账单数"), lambda r: r.invoices, align_right=True, width=64),
        *(Column(key, title, lambda r, key=key: money_text(getattr(r, key)), align_right=True, width=118)
          for key, title in money),
        Column("rate", translate("receivables", "回款率"), lambda r: rate_text(r.collection_rate), align_right=True, width=80),
    ]


class SettlementTab(ReportTab):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, "settlement", parent)
        self.period = QComboBox()
        for period in recent_periods():
            self.period.addItem(period, period)
        self.period.setCurrentIndex(max(self.period.findData(last_month()), 0))
        self.as_of = date_edit(dt.date.today())
        self.controls.addWidget(self.label(self.tr("账期")))
        self.controls.addWidget(self.period)
        self.controls.addSpacing(8)
        self.controls.addWidget(self.label(self.tr("逾期截止")))
        self.controls.addWidget(self.as_of)
        self.finish_controls()
        self.figures = QLabel()
        self.summary_layout.addWidget(self.figures, 1)
        self.model.set_columns(settlement_columns())

    def set_period(self, period: str) -> None:
        index = self.period.findData(period)
        if index < 0:
            self.period.addItem(period, period)
            index = self.period.count() - 1
        self.period.setCurrentIndex(index)

    def operation(self) -> Operation:
        return self.ctx.runner.op(settlement_status, self.period.currentData(), date_of(self.as_of))

    def show_report(self, report: SettlementReport) -> None:
        t = report.total
        self.figures.setText(fmt(
            self.tr("账单金额 %1　已收 %2　未收 %3　逾期 %4　回款率 %5　·　未开具草稿 %6 张，已冲正 %7 张"),
            yuan(t.invoiced), yuan(t.received), yuan(t.outstanding), yuan(t.overdue), rate_text(t.collection_rate),
            report.drafts, report.cancelled))
        self.model.set_rows([*report.customers, t])
        self.status.setText(fmt(self.tr("%1 账期，%2 个客户。"), report.period, len(report.customers)))

    def default_file_name(self) -> str:
        return fmt(self.tr("结算状态-%1.xlsx"), self.period.currentData())
