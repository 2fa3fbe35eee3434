"""经营看板: the managers' landing screen. KPI cards and charts of a month, for all customers or one sales owner
(sales: their own book only; the services scope every figure).

Loads in the operation runner; the figures shown stay until the new ones arrive. A click on a card opens the
customers behind the number (KpiDetailDialog).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...services.insight.dashboard import Dashboard, OwnerOption, dashboard, sales_owners
from ...services.insight.dashboard_xlsx import export_chart_xlsx
from ...services.insight.kpis import KPI_NAMES, MONEY_KPIS, Kpis
from ...services.receivables.reports import AGING_BUCKETS
from ..context import AppContext
from ..kit.export_refusal import unless_export_request
from ..kit.fields import MonthEdit
from ..kit.file_dialogs import ask_save_path
from ..kit.format import money_text
from ..kit.forms import InlineMessage
from ..kit.text import error_text, fmt
from ..operations import Failure
from .charts import AGING_COLOURS, ChartPanel, draw_bars, draw_grouped, draw_ranking, draw_stacked
from .kpi_card import KpiCard
from .kpi_dialog import KpiDetailDialog

translate = QCoreApplication.translate
KPI_CAPTIONS = {
    "active_customers": QT_TRANSLATE_NOOP("DashboardScreen", "活跃客户"),
    "shoots": QT_TRANSLATE_NOOP("DashboardScreen", "本月拍摄量"),
    "invoiced": QT_TRANSLATE_NOOP("DashboardScreen", "本月开账"),
    "received": QT_TRANSLATE_NOOP("DashboardScreen", "本月收款"),
    "outstanding": QT_TRANSLATE_NOOP("DashboardScreen", "应收余额"),
    "overdue": QT_TRANSLATE_NOOP("DashboardScreen", "逾期金额"),
    "churn_risk": QT_TRANSLATE_NOOP("DashboardScreen", "流失风险客户"),
}
DETAIL_TITLES = {
    "active_customers": QT_TRANSLATE_NOOP("DashboardScreen", "拍摄量"),
    "shoots": QT_TRANSLATE_NOOP("DashboardScreen", "拍摄量"),
    "invoiced": QT_TRANSLATE_NOOP("DashboardScreen", "开账金额"),
    "received": QT_TRANSLATE_NOOP("DashboardScreen", "收款金额"),
    "outstanding": QT_TRANSLATE_NOOP("DashboardScreen", "应收余额"),
    "overdue": QT_TRANSLATE_NOOP("DashboardScreen", "逾期金额"),
    "churn_risk": QT_TRANSLATE_NOOP("DashboardScreen", "未拍摄天数"),
}
CHART_TITLES = {
    "shoots": QT_TRANSLATE_NOOP("DashboardScreen", "月度拍摄量（按设备系列）"),
    "billed_received": QT_TRANSLATE_NOOP("DashboardScreen", "开账与收款（按月）"),
    "aging": QT_TRANSLATE_NOOP("DashboardScreen", "应收账龄"),
    "top_customers": QT_TRANSLATE_NOOP("DashboardScreen", "开账金额前十客户"),
    "tiers": QT_TRANSLATE_NOOP("DashboardScreen", "客户消费等级"),
    "grades": QT_TRANSLATE_NOOP("DashboardScreen", "客户等级"),
    "onboarding": QT_TRANSLATE_NOOP("DashboardScreen", "接入时间（半年）"),
}
AGING_LABELS = {
    "current": QT_TRANSLATE_NOOP("DashboardScreen", "未到期"),
    "1-30": QT_TRANSLATE_NOOP("DashboardScreen", "1-30天"),
    "31-60": QT_TRANSLATE_NOOP("DashboardScreen", "31-60天"),
    "61-90": QT_TRANSLATE_NOOP("DashboardScreen", "61-90天"),
    "90+": QT_TRANSLATE_NOOP("DashboardScreen", "90天以上"),
}
LOWER_IS_BETTER = frozenset({"outstanding", "overdue", "churn_risk"})
REFRESH_ON = frozenset({"customers", "owners", "usage", "bills", "receipts", "allocations"})


def short_money(value: float) -> str:
    """Axis and tooltip amounts: ¥12,345.67."""
    return "¥" + money_text(Decimal(str(round(value, 2))))


def count(value: float) -> str:
    return f"{round(value):,}"


class DashboardScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.board: Dashboard | None = None
        self._request = 0
        self.period = MonthEdit(dt.date.today().strftime("%Y-%m"))
        today = QDate.currentDate()
        self.period.setMaximumDate(QDate(today.year(), today.month(), 1))
        self.owner = QComboBox()
        self.owner.setMinimumWidth(150)
        self.owner.addItem(self.tr("全部负责人"), None)
        if ctx.actor.sees_own_customers_only:
            self.owner.setItemText(0, self.tr("我的客户"))
            self.owner.setEnabled(False)
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.status = QLabel()
        self.status.setStyleSheet("color: #5f6368;")
        self.message = InlineMessage(self)
        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("账期")))
        controls.addWidget(self.period)
        controls.addSpacing(12)
        controls.addWidget(QLabel(self.tr("销售负责人")))
        controls.addWidget(self.owner)
        controls.addWidget(self.refresh_button)
        controls.addSpacing(12)
        controls.addWidget(self.status, 1)
        self.cards: dict[str, KpiCard] = {}
        cards = QHBoxLayout()
        cards.setSpacing(8)
        for key in KPI_NAMES:
            card = KpiCard(
                key, translate("DashboardScreen", KPI_CAPTIONS[key]), lower_is_better=key in LOWER_IS_BETTER
            )
            card.clicked.connect(self.open_details)
            self.cards[key] = card
            cards.addWidget(card, 1)
        self.charts: dict[str, ChartPanel] = {}
        grid = QGridLayout()
        grid.setSpacing(8)
        places = {
            "shoots": (0, 0, 3),
            "billed_received": (0, 3, 3),
            "aging": (1, 0, 3),
            "top_customers": (1, 3, 3),
            "tiers": (2, 0, 2),
            "grades": (2, 2, 2),
            "onboarding": (2, 4, 2),
        }
        for key, (row, column, span) in places.items():
            panel = ChartPanel(key, translate("DashboardScreen", CHART_TITLES[key]))
            panel.setMinimumHeight(262)
            panel.export_image.connect(self.export_image)
            panel.export_data.connect(self.export_data)
            self.charts[key] = panel
            grid.addWidget(panel, row, column, 1, span)
        body = QWidget()
        body.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(self.message)
        layout.addLayout(cards)
        layout.addWidget(scroll, 1)
        self.period.dateChanged.connect(lambda _d: self.load())
        self.owner.currentIndexChanged.connect(lambda _i: self.load())
        self.refresh_button.clicked.connect(self.load)
        ctx.runner.changed.connect(self._on_changed)
        if not ctx.actor.sees_own_customers_only:
            ctx.runner.op(sales_owners).success(self._owners_arrived).run()
        self.load()

    def owner_id(self) -> int | None:
        value = self.owner.currentData()
        return int(value) if value is not None else None

    def _owners_arrived(self, options: tuple[OwnerOption, ...]) -> None:
        current = self.owner_id()
        self.owner.blockSignals(True)
        while self.owner.count() > 1:
            self.owner.removeItem(1)
        for option in options:
            self.owner.addItem(option.display_name, option.user_id)
        index = self.owner.findData(current)
        self.owner.setCurrentIndex(max(index, 0))
        self.owner.blockSignals(False)

    def _on_changed(self, what: frozenset) -> None:
        if what & REFRESH_ON:
            self.load()

    def load(self) -> None:
        """Ask for the figures; those shown stay until the answer arrives (a newer request wins)."""
        self._request += 1
        request = self._request
        self.status.setText(self.tr("正在加载…"))
        self.ctx.runner.op(dashboard, self.period.period(), self.owner_id()).success(
            lambda board: self._arrived(request, board)
        ).failure(lambda failure: self._failed(request, failure)).run()

    def _failed(self, request: int, failure: Failure) -> bool:
        if request == self._request:
            self.status.setText("")
            self.message.error(error_text(failure.error))
        return True

    def _arrived(self, request: int, board: Dashboard) -> None:
        if request != self._request:
            return
        self.board = board
        self.message.clear_message()
        k = board.kpis
        template = (
            self.tr("%1 至 %2，对比 %3 至 %4")
            if k.month_to_date
            else self.tr("%1 至 %2（整月），对比上月整月")
        )
        self.status.setText(
            fmt(
                template,
                k.window.first.isoformat(),
                k.window.last.isoformat(),
                k.previous_window.first.isoformat(),
                k.previous_window.last.isoformat(),
            )
        )
        for key, card in self.cards.items():
            self._show_card(card, k, key)
        self._draw(board)

    def _show_card(self, card: KpiCard, k: Kpis, key: str) -> None:
        value, before, change = k.current.get(key), k.previous.get(key), k.change(key)
        as_text = (lambda v: "¥" + money_text(v)) if key in MONEY_KPIS else (lambda v: f"{v:,}")
        change_text = ("¥" + money_text(abs(change))) if key in MONEY_KPIS else f"{abs(change):,}"
        tooltip = fmt(
            self.tr("本期 %1（%2 至 %3）\n上期同期 %4（%5 至 %6）\n点击查看明细"),
            as_text(value),
            k.window.first.isoformat(),
            k.window.last.isoformat(),
            as_text(before),
            k.previous_window.first.isoformat(),
            k.previous_window.last.isoformat(),
        )
        card.show_figure(as_text(value), change, change_text, k.sparklines.get(key, ()), tooltip)

    def _draw(self, board: Dashboard) -> None:
        draw_stacked(
            self.charts["shoots"],
            board.months,
            [(fmt(self.tr("%1系列"), s), values) for s, values in board.shoots_by_series.items()],
            count,
        )
        draw_grouped(
            self.charts["billed_received"],
            board.months,
            [
                (self.tr("开账"), [float(v) for v in board.billed]),
                (self.tr("收款"), [float(v) for v in board.received]),
            ],
            short_money,
        )
        draw_bars(
            self.charts["aging"],
            [translate("DashboardScreen", AGING_LABELS[b]) for b in AGING_BUCKETS],
            [float(board.aging[b]) for b in AGING_BUCKETS],
            short_money,
            AGING_COLOURS,
        )
        draw_ranking(
            self.charts["top_customers"],
            [t.name for t in board.top_customers],
            [float(t.billed) for t in board.top_customers],
            short_money,
        )
        unknown = self.tr("未填写")
        for key, pairs in (
            ("tiers", board.tiers),
            ("grades", board.grades),
            ("onboarding", board.onboarding),
        ):
            draw_bars(
                self.charts[key], [label or unknown for label, _ in pairs], [n for _, n in pairs], count
            )

    def open_details(self, key: str) -> KpiDetailDialog | None:
        if self.board is None:
            return None
        dialog = KpiDetailDialog(
            self.ctx,
            self.board.kpis.period,
            key,
            translate("DashboardScreen", KPI_CAPTIONS[key]),
            translate("DashboardScreen", DETAIL_TITLES[key]),
            self.owner_id(),
            parent=self,
        )
        dialog.show()
        return dialog

    def export_image(self, key: str, path: str | None = None) -> None:
        path = path or ask_save_path(
            self, self.tr("导出图片"), f"{self.charts[key].title.text()}.png", self.tr("PNG 图片 (*.png)")
        )
        if not path:
            return
        path = path if path.lower().endswith(".png") else path + ".png"
        if self.charts[key].grab().save(path, "PNG"):
            self.status.setText(fmt(self.tr("已导出图片到 %1"), path))
        else:
            self.message.error(fmt(self.tr("无法写入 %1"), path))

    def export_data(self, key: str, path: str | None = None) -> None:
        if self.board is None:
            return
        path = path or ask_save_path(
            self,
            self.tr("导出数据"),
            f"{self.charts[key].title.text()}.xlsx",
            self.tr("Excel 工作簿 (*.xlsx)"),
        )
        if not path:
            return
        path = path if path.lower().endswith(".xlsx") else path + ".xlsx"
        self.ctx.runner.op(export_chart_xlsx, self.board, key, path).success(
            lambda n: self.status.setText(fmt(self.tr("已导出 %1 行到 %2"), n, path))
        ).failure(unless_export_request(lambda failure: self._failed(self._request, failure))).run()
