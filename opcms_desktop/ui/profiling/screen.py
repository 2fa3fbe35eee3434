"""客户画像分析: the RFM quadrant scatter, churn warnings with their reasons, the health ranking and (for
admins) the churn thresholds. Every list is scoped by the services; a click on a customer opens it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...services.insight.backtest import BacktestReport, churn_backtest
from ...services.insight.churn import churn_warnings
from ...services.insight.health import health_ranking
from ...services.insight.rfm import QUADRANTS, RfmScore, rfm_scores
from ..context import AppContext
from ..kit.fields import DateEdit
from ..kit.rows_model import RowsTableModel
from ..kit.table_view import DataTableView
from ..kit.text import error_text, fmt
from ..operations import Failure
from .charts import QUADRANT_COLOURS, RfmScatter, table_view
from .lists import churn_columns, health_columns, rfm_columns, rfm_tip
from .profile_tab import ProfileTab
from .texts import quadrant_name
from .thresholds_panel import ThresholdsPanel

# The titles ui/screens.py registers, here too so that this area's translations carry them.
SCREEN_TITLE = QT_TRANSLATE_NOOP("MainWindow", "客户画像分析")
TAB_TITLE = QT_TRANSLATE_NOOP("CustomerTabs", "画像")
HEALTH_ROWS = 500  # the weakest customers the ranking shows
CHANGES = frozenset({"usage", "bills", "receipts", "allocations", "customers", "settings"})
CustomerOpener = Callable[[int, QWidget], Any]


class ProfileDialog(QDialog):
    """The profile on its own, when no customer-detail opener is wired in."""

    def __init__(self, ctx: AppContext, customer_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("客户画像"))
        self.tab = ProfileTab(ctx, customer_id, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tab)
        self.resize(860, 620)


class ProfilingScreen(QWidget):
    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, open_customer: CustomerOpener | None = None
    ):
        super().__init__(parent)
        self.ctx = ctx
        self._open_customer = open_customer
        self.dialogs: list[QWidget] = []
        self.scores: list[RfmScore] = []
        self.as_of = DateEdit()
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        self.as_of.setDate(dt.date.today())
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.clicked.connect(self.refresh)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("截止日期")))
        bar.addWidget(self.as_of)
        bar.addWidget(self.refresh_button)
        bar.addStretch(1)
        self.status = QLabel()
        self.status.setStyleSheet("color: #5f6368;")
        bar.addWidget(self.status)
        # RFM: scatter over its table
        self.scatter = RfmScatter(self._open_score, rfm_tip)
        self.scatter.setMinimumHeight(260)
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.rfm_model = RowsTableModel(rfm_columns(), self)
        self.rfm_view = self._table("profiling-rfm", self.rfm_model)
        rfm_page = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.scatter, 1)
        top_layout.addWidget(self.legend)
        rfm_page.addWidget(top)
        rfm_page.addWidget(self.rfm_view)
        rfm_page.setSizes([380, 200])
        # churn warnings, with the back-test under them
        self.churn_model = RowsTableModel(churn_columns(), self)
        self.churn_view = self._table("profiling-churn", self.churn_model)
        self.backtest_button = QPushButton(self.tr("回测预警(最近 12 个月)"))
        self.backtest_button.clicked.connect(self.run_backtest)
        self.backtest_text = QLabel(self.tr("回测:在过去各月末重算预警,看真正流失的客户有多少被提前预警。"))
        self.backtest_text.setWordWrap(True)
        self.backtest_text.setStyleSheet("color: #5f6368;")
        churn_page = QWidget()
        churn_layout = QVBoxLayout(churn_page)
        churn_layout.setContentsMargins(0, 4, 0, 0)
        churn_layout.addWidget(self.churn_view, 1)
        backtest_row = QHBoxLayout()
        backtest_row.addWidget(self.backtest_button)
        backtest_row.addWidget(self.backtest_text, 1)
        churn_layout.addLayout(backtest_row)
        self.health_model = RowsTableModel(health_columns(), self)
        self.health_view = self._table("profiling-health", self.health_model)
        self.tabs = QTabWidget()
        self.tabs.addTab(rfm_page, self.tr("RFM 象限"))
        self.tabs.addTab(churn_page, self.tr("流失预警"))
        self.tabs.addTab(self.health_view, self.tr("健康度排名"))
        self.thresholds: ThresholdsPanel | None = None
        if ctx.can("settings.manage"):
            self.thresholds = ThresholdsPanel(ctx, self)
            self.thresholds.saved.connect(self.refresh)
            self.tabs.addTab(self.thresholds, self.tr("预警阈值"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        ctx.runner.changed.connect(self._on_changed)
        self.refresh()

    def _table(self, key: str, model: RowsTableModel) -> DataTableView:
        view = table_view(key, model, self)
        view.set_open_handler(lambda index, m=model: self._open_row(m.row_at(index.row())))
        return view

    def day(self) -> dt.date:
        value = self.as_of.date()
        return dt.date(value.year(), value.month(), value.day())

    def refresh(self) -> None:
        day = self.day()
        self.status.setText(self.tr("正在计算…"))
        runner = self.ctx.runner
        runner.op(rfm_scores, day).success(self._show_rfm).failure(self._failed).run()
        runner.op(churn_warnings, day).success(self._show_churn).failure(self._failed).run()
        runner.op(health_ranking, day, None, HEALTH_ROWS).success(self._show_health).failure(
            self._failed
        ).run()
        if self.thresholds is not None:
            self.thresholds.load()

    def _failed(self, failure: Failure) -> bool:
        self.status.setText(error_text(failure.error))
        return True

    def _show_rfm(self, scores: list[RfmScore]) -> None:
        self.scores = scores
        self.scatter.set_scores(scores)
        self.rfm_model.refresh_rows(scores)
        counts = {q: sum(1 for s in scores if s.quadrant == q) for q in QUADRANTS}
        self.legend.setText(
            "  ".join(
                f"<span style='color:{QUADRANT_COLOURS[q]}'>●</span> {quadrant_name(q)} {counts[q]}"
                for q in QUADRANTS
            )
            + "  <span style='color:#5f6368'>"
            + self.tr("横轴:R(近度);纵轴:(F + M) / 2;单击打开客户")
            + "</span>"
        )
        self.status.setText(fmt(self.tr("%1 个客户"), len(scores)))

    def _show_churn(self, warnings: list) -> None:
        self.churn_model.refresh_rows(warnings)
        self.tabs.setTabText(1, fmt(self.tr("流失预警 (%1)"), len(warnings)))

    def _show_health(self, ranking: list) -> None:
        self.health_model.refresh_rows(ranking)

    def run_backtest(self) -> None:
        self.backtest_button.setEnabled(False)
        self.ctx.runner.op(churn_backtest, 12).with_progress(self.tr("回测流失预警"), self).success(
            self._show_backtest
        ).failure(self._backtest_failed).run()

    def _backtest_failed(self, failure: Failure) -> bool:
        self.backtest_button.setEnabled(True)
        self.backtest_text.setText(error_text(failure.error))
        return True

    def _show_backtest(self, report: BacktestReport) -> None:
        self.backtest_button.setEnabled(True)
        median = "—" if report.median_days_ahead is None else str(report.median_days_ahead)
        self.backtest_text.setText(
            fmt(
                self.tr(
                    "截至 %1 的 %2 个月末:流失 %3 个,被预警 %4 个,提前 30 天以上 %5 个(中位 %6 天);"
                    "预警 %7 次,误报 %8 次。%9"
                ),
                report.as_of.isoformat(),
                len(report.replays),
                len(report.stopped),
                report.warned,
                report.warned_30_days_ahead,
                median,
                report.warnings,
                report.false_alarms,
                self.tr("达到 80% 目标。") if report.target_met else self.tr("未达到 80% 目标。"),
            )
        )

    def _open_score(self, score: RfmScore) -> None:
        self.open_customer(score.customer_id)

    def _open_row(self, row: Any) -> None:
        if row is not None:
            self.open_customer(row.customer_id)

    def open_customer(self, customer_id: int) -> QWidget | None:
        if self._open_customer is not None:
            dialog = self._open_customer(customer_id, self)
        else:
            dialog = ProfileDialog(self.ctx, customer_id, self)
        if isinstance(dialog, QWidget):
            self.dialogs = [d for d in self.dialogs if d.isVisible()] + [dialog]
            dialog.show()
            return dialog
        return None

    def _on_changed(self, what: frozenset) -> None:
        if what & CHANGES:
            self.refresh()
