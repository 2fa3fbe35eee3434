"""Table model of one customer's plan history: which plans, when, mode, prices (PlanRow from services)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ...services.pricing.plans import PlanRow, describe_prices
from ..kit.text import fmt

Index = QModelIndex | QPersistentModelIndex
COLUMNS = (("series", QT_TRANSLATE_NOOP("PlanHistoryModel", "系列")), ("mode", QT_TRANSLATE_NOOP("PlanHistoryModel", "计费模式")), ("from", QT_TRANSLATE_NOOP("PlanHistoryModel", "生效日期")), ("to", QT_TRANSLATE_NOOP("PlanHistoryModel", "失效日期（含）")),
           ("prices", QT_TRANSLATE_NOOP("PlanHistoryModel", "价格")), ("terms", QT_TRANSLATE_NOOP("PlanHistoryModel", "付款期限")), ("state", QT_TRANSLATE_NOOP("PlanHistoryModel", "状态")), ("source", QT_TRANSLATE_NOOP("PlanHistoryModel", "来源")))
SOURCE_LABELS = {"editor": QT_TRANSLATE_NOOP("PlanHistoryModel", "手工录入"), "customer_import": QT_TRANSLATE_NOOP("PlanHistoryModel", "客户表导入"), "pricing_import": QT_TRANSLATE_NOOP("PlanHistoryModel", "价格表导入")}
ENDED_COLOUR = QColor("#9aa0a6")
CURRENT_COLOUR = QColor("#1e6b34")


STATES = (QT_TRANSLATE_NOOP("PlanHistoryModel", "未开始"), QT_TRANSLATE_NOOP("PlanHistoryModel", "已结束"),
          QT_TRANSLATE_NOOP("PlanHistoryModel", "生效中"))


def plan_state(plan: PlanRow, today: dt.date) -> str:
    if plan.effective_from > today:
        return "未开始"
    if plan.effective_to is not None and plan.effective_to < today:
        return "已结束"
    return "生效中"


class PlanHistoryModel(QAbstractTableModel):
    def __init__(self, parent=None, today: dt.date | None = None):
        super().__init__(parent)
        self._rows: list[PlanRow] = []
        self.today = today or dt.date.today()

    def set_rows(self, rows: list[PlanRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[PlanRow]:
        return list(self._rows)

    def row_at(self, row: int) -> PlanRow:
        return self._rows[row]

    def row_of(self, plan_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == plan_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def _text(self, plan: PlanRow, key: str) -> str:
        if key == "series":
            return self.tr(plan.series_label)
        if key == "mode":
            return self.tr(plan.mode_label)
        if key == "from":
            return plan.effective_from.isoformat()
        if key == "to":
            return plan.effective_to.isoformat() if plan.effective_to else self.tr("长期")
        if key == "prices":
            return describe_prices(plan.to_input())
        if key == "terms":
            return fmt(self.tr("%1 天"), plan.payment_terms_days) \
                if plan.payment_terms_days is not None else self.tr("客户默认")
        if key == "state":
            return self.tr(plan_state(plan, self.today))
        return self.tr(SOURCE_LABELS.get(plan.source or "", plan.source or ""))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)) or not (0 <= index.column() < len(COLUMNS)):
            return None
        plan = self._rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(plan, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plan.source_raw or None
        if role == Qt.ItemDataRole.ForegroundRole:
            state = plan_state(plan, self.today)
            if state == "已结束":
                return ENDED_COLOUR
            if state == "生效中" and key == "state":
                return CURRENT_COLOUR
        if role == Qt.ItemDataRole.UserRole:
            return plan.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(COLUMNS):
            return self.tr(COLUMNS[section][1])
        return None
