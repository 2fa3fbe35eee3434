"""画像: the customer-detail tab of insight (usage by series, health with its parts, RFM, tier, timeline,
what-if plans). Registered from ui/screens.py through ui/kit/customer_tabs."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from ...services.insight.health import HealthPart
from ...services.insight.profile import CustomerProfile, TimelineEntry, customer_profile
from ..context import AppContext
from ..kit.format import date_text, money_text, yuan
from ..kit.paged_model import Column
from ..kit.rows_model import RowsTableModel
from ..kit.text import error_text, fmt
from ..operations import Failure
from .charts import plot_widget, show_health_parts, show_usage, table_view
from .texts import flag_text, part_name, quadrant_name, reason_text, short_flag_text, status_name
from .whatif_panel import WhatIfPanel

CHANGES = frozenset({"usage", "bills", "receipts", "allocations", "customers", "settings"})


class Card(QFrame):
    """A caption over a figure, with an optional note line under it."""

    def __init__(self, caption: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("profileCard")
        self.setStyleSheet(
            "QFrame#profileCard { background: #f8f9fa; border: 1px solid #e3e6ea;"
            " border-left: 3px solid #1a73e8; border-radius: 4px; }"
        )
        self.caption = QLabel(caption)
        self.caption.setStyleSheet("color: #5f6368; border: none;")
        self.figure = QLabel("—")
        self.figure.setStyleSheet("font-size: 13pt; font-weight: 600; border: none;")
        self.note = QLabel("")
        self.note.setStyleSheet("color: #5f6368; border: none;")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(1)
        for widget in (self.caption, self.figure, self.note):
            layout.addWidget(widget)

    def set(self, figure: str, note: str = "", warn: bool = False) -> None:
        self.figure.setText(figure)
        self.figure.setStyleSheet(
            "font-size: 13pt; font-weight: 600; border: none;" + (" color: #c5221f;" if warn else "")
        )
        self.note.setText(note)


class ProfileTab(QWidget):
    def __init__(self, ctx: AppContext, customer_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.customer_id = ctx, customer_id
        self.profile: CustomerProfile | None = None
        self.health_card = Card(self.tr("健康度"))
        self.rfm_card = Card(self.tr("RFM"))
        self.tier_card = Card(self.tr("消费等级(记录 / 建议)"))
        self.invoiced_card = Card(self.tr("近 12 个月开账"))
        cards = QHBoxLayout()
        for card in (self.health_card, self.rfm_card, self.tier_card, self.invoiced_card):
            cards.addWidget(card, 1)
        self.usage_chart = plot_widget()
        self.usage_chart.setMinimumHeight(150)
        self.parts_chart = plot_widget()
        self.parts_chart.setMinimumHeight(110)
        self.parts = RowsTableModel(self._part_columns(), self)
        self.parts_view = table_view("profile-health-parts", self.parts, self)
        self.parts_view.setMaximumHeight(112)
        overview = QWidget()
        grid = QGridLayout(overview)
        grid.setContentsMargins(0, 6, 0, 0)
        grid.addLayout(cards, 0, 0, 1, 2)
        grid.addWidget(self._titled(self.tr("月度拍摄量(按设备系列)"), self.usage_chart), 1, 0)
        grid.addWidget(self._titled(self.tr("健康度各部分(0-100)"), self.parts_chart), 1, 1)
        grid.addWidget(self.parts_view, 2, 0, 1, 2)
        grid.setRowStretch(1, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        self.timeline = RowsTableModel(self._timeline_columns(), self)
        self.timeline_view = table_view("profile-timeline", self.timeline, self)
        self.whatif = WhatIfPanel(ctx, customer_id, self)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(overview, self.tr("概览"))
        self.tabs.addTab(self.timeline_view, self.tr("时间线"))
        self.tabs.addTab(self.whatif, self.tr("方案试算"))
        self.tabs.currentChanged.connect(self._tab_shown)
        self.status = QLabel(self.tr("正在加载…"))
        self.status.setStyleSheet("color: #5f6368;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        ctx.runner.changed.connect(self._on_changed)
        self.reload()

    def _titled(self, title: str, widget: QWidget) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        caption = QLabel(title)
        caption.setStyleSheet("color: #3c4043; font-weight: 600;")
        layout.addWidget(caption)
        layout.addWidget(widget, 1)
        return box

    def _part_columns(self) -> list[Column]:
        return [
            Column("part", self.tr("部分"), part_name, width=130),
            Column("weight", self.tr("权重"), lambda p: f"{p.weight}%", align_right=True, width=50),
            Column("points", self.tr("得分"), flag_text, width=300),
            Column("inputs", self.tr("依据"), self._inputs_text, width=330),
        ]

    def _inputs_text(self, part: HealthPart) -> str:
        names = {
            "month": self.tr("月份"),
            "shoots": self.tr("当月套数"),
            "trailing_mean": self.tr("前 3 个月平均"),
            "invoiced": self.tr("近 12 个月开账"),
            "overdue": self.tr("逾期未收"),
            "bills": self.tr("账单数"),
            "status": self.tr("合作状态"),
        }
        values = (
            {**part.inputs, "status": status_name(part.inputs["status"])}
            if "status" in part.inputs
            else part.inputs
        )
        return ";".join(f"{names.get(k, k)} {v or '—'}" for k, v in values.items())

    def _timeline_columns(self) -> list[Column]:
        kinds = {
            "bill": self.tr("账单"),
            "draft_bill": self.tr("草稿账单"),
            "receipt": self.tr("收款"),
            "credit_note": self.tr("冲正"),
            "note": self.tr("备注"),
        }
        return [
            Column("day", self.tr("日期"), lambda e: date_text(e.day) if e.day else "—", width=92),
            Column("kind", self.tr("类型"), lambda e: kinds.get(e.kind, e.kind), width=72),
            Column("text", self.tr("内容"), lambda e: reason_text(e.code, e.params), width=380),
            Column(
                "amount",
                self.tr("金额"),
                lambda e: money_text(e.amount) if e.amount is not None else "",
                align_right=True,
                width=100,
            ),
        ]

    def reload(self) -> None:
        self.ctx.runner.op(customer_profile, self.customer_id).success(self._show).failure(self._failed).run()

    def _failed(self, failure: Failure) -> bool:
        self.status.setText(error_text(failure.error))
        return True

    def _show(self, profile: CustomerProfile) -> None:
        self.profile = profile
        health = profile.health
        undefined = [part_name(p) for p in health.parts if p.points is None]
        self.health_card.set(
            "—" if health.score is None else str(health.score),
            fmt(self.tr("未计入:%1"), "、".join(undefined)) if undefined else "",
            warn=health.score is not None and health.score < 50,
        )
        rfm = profile.rfm
        self.rfm_card.set(f"R{rfm.recency} F{rfm.frequency} M{rfm.monetary}", quadrant_name(rfm.quadrant))
        self.tier_card.set(
            f"{profile.recorded_tier or '—'} / {profile.suggested_tier}",
            self.tr("与建议不一致") if profile.tier_differs else self.tr("与建议一致"),
            warn=profile.tier_differs,
        )
        self.invoiced_card.set(yuan(profile.invoiced_12_months))
        show_usage(self.usage_chart, profile.months, profile.usage)
        show_health_parts(
            self.parts_chart, health.parts, [part_name(p) for p in health.parts], short_flag_text
        )
        self.parts.refresh_rows(list(health.parts))
        self.timeline.refresh_rows(list(profile.timeline))
        self.status.setText(fmt(self.tr("截至 %1;用量为最近 24 个完整月"), date_text(profile.as_of)))

    def _tab_shown(self, index: int) -> None:
        if self.tabs.widget(index) is self.whatif and self.whatif.result is None:
            self.whatif.run()

    def _on_changed(self, what: frozenset) -> None:
        if what & CHANGES:
            self.reload()

    def timeline_rows(self) -> list[TimelineEntry]:
        return self.timeline.rows()

    def card_texts(self) -> dict[str, Any]:
        return {
            name: card.figure.text()
            for name, card in (("health", self.health_card), ("rfm", self.rfm_card), ("tier", self.tier_card))
        }
