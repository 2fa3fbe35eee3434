"""报表: AR aging, settlement status per period, receipts by customer and month; each exports to Excel."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ..context import AppContext
from .aging_tab import AgingTab
from .receipts_tab import ReceiptsByMonthTab
from .settlement_tab import SettlementTab

CHANGES = frozenset({"bills", "receipts", "allocations"})  # money moved: shown reports are stale


class ReportsScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.aging = AgingTab(ctx, self)
        self.settlement = SettlementTab(ctx, self)
        self.receipts = ReceiptsByMonthTab(ctx, self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.aging, self.tr("账龄分析"))
        self.tabs.addTab(self.settlement, self.tr("结算状态"))
        self.tabs.addTab(self.receipts, self.tr("收款统计"))
        self.tabs.currentChanged.connect(self._first_show)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        ctx.runner.changed.connect(self._on_changed)
        self.aging.run()

    def _first_show(self, index: int) -> None:
        tab = self.tabs.widget(index)
        if tab is not None and getattr(tab, "report", None) is None:
            tab.run()

    def _on_changed(self, what: frozenset) -> None:
        """Shown reports go stale when money moves; re-run the ones already shown."""
        if what & CHANGES:
            for tab in (self.aging, self.settlement, self.receipts):
                if tab.report is not None:
                    tab.run()

    def save_state(self) -> None:
        for tab in (self.aging, self.settlement, self.receipts):
            tab.table.save_layout(self.ctx.settings)
