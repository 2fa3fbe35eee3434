"""AR aging (账龄) as of a date: what is owed per bucket of days past due, in total and per customer."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from ...services.receivables.reports import AGING_BUCKETS, AgingLine, AgingReport, ar_aging
from ..context import AppContext
from ..kit.format import money_text, yuan
from ..kit.paged_model import Column
from ..kit.text import fmt
from ..operations import Operation
from .report_tab import ReportTab, date_edit, date_of

translate = QCoreApplication.translate  # translate("context", "中文"): lupdate reads the literals
_AGING = {"current": QT_TRANSLATE_NOOP("receivables", "未到期"), "1-30": QT_TRANSLATE_NOOP("receivables", "逾期 1-30 天"),
          "31-60": QT_TRANSLATE_NOOP("receivables", "逾期 31-60 天"),
          "61-90": QT_TRANSLATE_NOOP("receivables", "逾期 61-90 天"),
          "90+": QT_TRANSLATE_NOOP("receivables", "逾期 90 天以上")}


def aging_label(bucket: str) -> str:
    return translate("receivables", _AGING.get(bucket, bucket))


def aging_columns() -> list[Column]:
    return [
        Column("company_id", translate("receivables", "公司id"), lambda r: r.company_id or "", align_right=True, width=72),
        Column("customer_name", translate("receivables", "客户名称"), lambda r: r.customer_name, width=230),
        *(Column(b, aging_label(b), lambda r, b=b: money_text(r.amounts[b]), align_right=True, width=118)
          for b in AGING_BUCKETS),
        Column("total", translate("receivables", "合计"), lambda r: money_text(r.total), align_right=True, width=120),
    ]


class BucketCard(QFrame):
    """One figure of the summary: a caption over an amount."""

    def __init__(self, caption: str, overdue: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("bucketCard")
        accent = "#a52714" if overdue else "#1a73e8"
        self.setStyleSheet("QFrame#bucketCard { background: #f8f9fa; border: 1px solid #e3e6ea;"
                           f" border-left: 3px solid {accent}; border-radius: 4px; }}")
        self.caption = QLabel(caption)
        self.caption.setStyleSheet("color: #5f6368; border: none;")
        self.amount = QLabel("—")
        self.amount.setStyleSheet("font-size: 12pt; font-weight: 600; border: none;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(2)
        layout.addWidget(self.caption)
        layout.addWidget(self.amount)


class AgingTab(ReportTab):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, "aging", parent)
        self.as_of = date_edit(dt.date.today())
        self.controls.addWidget(self.label(self.tr("截止日期")))
        self.controls.addWidget(self.as_of)
        self.finish_controls()
        self.cards: dict[str, BucketCard] = {}
        for bucket in (*AGING_BUCKETS, "total"):
            card = BucketCard(aging_label(bucket) if bucket != "total" else self.tr("应收合计"),
                              overdue=bucket not in ("current", "total"))
            self.cards[bucket] = card
            self.summary_layout.addWidget(card)
        self.model.set_columns(aging_columns())

    def operation(self) -> Operation:
        return self.ctx.runner.op(ar_aging, date_of(self.as_of))

    def show_report(self, report: AgingReport) -> None:
        total: AgingLine = report.total
        for bucket in AGING_BUCKETS:
            self.cards[bucket].amount.setText(yuan(total.amounts[bucket]))
        self.cards["total"].amount.setText(yuan(total.total))
        self.model.set_rows([*report.customers, total])
        self.status.setText(fmt(self.tr("截至 %1，%2 个客户有未收款项。"), report.as_of.isoformat(),
                                len(report.customers)))

    def default_file_name(self) -> str:
        return fmt(self.tr("账龄分析-%1.xlsx"), f"{date_of(self.as_of):%Y%m%d}")
