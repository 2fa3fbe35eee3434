"""A KPI card: caption, value, change against the same days of the month before, sparkline; click for the list."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from .charts import draw_sparkline

GOOD, BAD, NEUTRAL = "#188038", "#c5221f", "#5f6368"


class KpiCard(QFrame):
    clicked = Signal(str)

    def __init__(
        self, key: str, caption: str, *, lower_is_better: bool = False, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.key, self.lower_is_better = key, lower_is_better
        self.setObjectName("kpiCard")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setStyleSheet(
            "QFrame#kpiCard { background: white; border: 1px solid #e3e6ea; border-radius: 6px; }"
            "QFrame#kpiCard:hover { border-color: #1a73e8; }"
        )
        self.caption = QLabel(caption)
        self.caption.setStyleSheet("color: #5f6368; border: none;")
        self.value = QLabel("—")
        self.value.setStyleSheet("font-size: 17px; font-weight: bold; color: #202124; border: none;")
        self.delta = QLabel(" ")
        self.delta.setStyleSheet(f"color: {NEUTRAL}; border: none;")
        self.spark = pg.PlotWidget(background="w")
        self.spark.setFixedHeight(30)
        self.spark.hideAxis("left")
        self.spark.hideAxis("bottom")
        self.spark.setMenuEnabled(False)
        self.spark.setMouseEnabled(x=False, y=False)
        self.spark.hideButtons()
        self.spark.setStyleSheet("border: none;")
        self.spark.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(1)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.delta)
        layout.addWidget(self.spark)

    def show_figure(
        self,
        value_text: str,
        change: int | Decimal,
        change_text: str,
        sparkline: Sequence[float],
        tooltip: str,
    ) -> None:
        self.value.setText(value_text)
        if change == 0:
            colour, arrow = NEUTRAL, "→"
        else:
            up = change > 0
            colour = BAD if up == self.lower_is_better else GOOD
            arrow = "↑" if up else "↓"
        self.delta.setText(f"{arrow} {change_text}")
        self.delta.setStyleSheet(f"color: {colour}; border: none;")
        draw_sparkline(self.spark, sparkline, "#1a73e8")
        self.setToolTip(tooltip)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.key)
        super().mouseReleaseEvent(event)
