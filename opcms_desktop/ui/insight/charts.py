"""Dashboard charts on pyqtgraph: a framed panel with a title, 导出图片 / 导出数据, and hover tooltips.

Each draw_* function takes plain series (from services/insight/dashboard.py) and knows, for the tooltip,
which bar the mouse is over.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Signal
from PySide6.QtGui import QColor, QCursor, QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolTip, QVBoxLayout, QWidget

PALETTE = ("#1a73e8", "#34a853", "#fbbc04", "#ea4335", "#9334e6", "#12b5cb", "#e8710a", "#5f6368")
AGING_COLOURS = ("#34a853", "#fbbc04", "#e8710a", "#ea4335", "#a50e0e")
Hover = Callable[[float, float], str | None]


class AmountAxis(pg.AxisItem):
    """Plain numbers with thousands separators (no 1e+06, no SI prefixes)."""

    def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph API
        places = 0 if spacing * scale >= 1 else 1
        return [f"{(v * scale if abs(v * scale) >= 1e-9 else 0.0):,.{places}f}" for v in values]


class ChartPanel(QFrame):
    """A titled chart with its two export buttons; `export_image` / `export_data` carry the chart key."""

    export_image = Signal(str)
    export_data = Signal(str)

    def __init__(self, key: str, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        self.setObjectName("chartPanel")
        self.setStyleSheet(
            "QFrame#chartPanel { background: white; border: 1px solid #e3e6ea; border-radius: 6px; }"
        )
        self.title = QLabel(title)
        self.title.setStyleSheet("font-weight: bold; color: #202124; border: none;")
        self.image_button = QPushButton(self.tr("导出图片"))
        self.data_button = QPushButton(self.tr("导出数据"))
        for button in (self.image_button, self.data_button):
            button.setFlat(True)
            button.setStyleSheet("color: #1a73e8; border: none; padding: 0 4px;")
        self.image_button.clicked.connect(lambda: self.export_image.emit(self.key))
        self.data_button.clicked.connect(lambda: self.export_data.emit(self.key))
        self.plot = pg.PlotWidget(
            background="w", axisItems={"left": AmountAxis("left"), "bottom": AmountAxis("bottom")}
        )
        self.plot.setMinimumHeight(190)
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.showGrid(x=False, y=True, alpha=0.15)
        for name in ("left", "bottom"):
            self.plot.getAxis(name).setTextPen("#5f6368")
            self.plot.getAxis(name).setPen("#c4c7c5")
        self.hover: Hover | None = None
        self.plot.scene().sigMouseMoved.connect(self._mouse_moved)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.image_button)
        head.addWidget(self.data_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addLayout(head)
        layout.addWidget(self.plot, 1)

    def clear(self) -> None:
        self.plot.clear()
        legend = self.plot.getPlotItem().legend
        if legend is not None:
            legend.clear()

    def tooltip_at(self, x: float, y: float) -> str | None:
        return self.hover(x, y) if self.hover is not None else None

    def _mouse_moved(self, position: QPointF) -> None:
        view = self.plot.getPlotItem().vb
        if not view.sceneBoundingRect().contains(position):
            QToolTip.hideText()
            return
        point = view.mapSceneToView(position)
        text = self.tooltip_at(point.x(), point.y())
        if text:
            QToolTip.showText(QCursor.pos(), text, self.plot)
        else:
            QToolTip.hideText()


def _headroom(panel: ChartPanel, top: float) -> None:
    """Room above the highest bar for the legend."""
    panel.plot.setYRange(0, max(top, 1.0) * 1.22, padding=0)


def _legend(panel: ChartPanel) -> None:
    panel.plot.addLegend(offset=(8, 2), labelTextColor="#202124", colCount=4)


def _bottom_labels(panel: ChartPanel, labels: Sequence[str], every: int = 1) -> None:
    panel.plot.getAxis("bottom").setTicks([[(i, label) for i, label in enumerate(labels) if i % every == 0]])


def _index(x: float, count: int) -> int | None:
    i = round(x)
    return i if 0 <= i < count and abs(x - i) <= 0.45 else None


def draw_stacked(
    panel: ChartPanel,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    value_text: Callable[[float], str],
) -> None:
    """Stacked bars per category (monthly shoots by device series)."""
    panel.clear()
    _legend(panel)
    xs = list(range(len(labels)))
    bottom = [0.0] * len(labels)
    for colour, (name, values) in zip(PALETTE, series, strict=False):
        heights = [float(v) for v in values]
        bars = pg.BarGraphItem(
            x=xs, height=heights, y0=bottom, width=0.7, brush=colour, pen=pg.mkPen(None), name=name
        )
        panel.plot.addItem(bars)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    _headroom(panel, max(bottom, default=0.0))
    _bottom_labels(panel, [label[2:] for label in labels], 2 if len(labels) > 14 else 1)

    def hover(x: float, _y: float) -> str | None:
        i = _index(x, len(labels))
        if i is None:
            return None
        parts = [f"{name}: {value_text(float(values[i]))}" for name, values in series]
        return "\n".join([labels[i], *parts])

    panel.hover = hover


def draw_grouped(
    panel: ChartPanel,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    value_text: Callable[[float], str],
) -> None:
    """Bars side by side per category (billed vs received per month)."""
    panel.clear()
    _legend(panel)
    width = 0.8 / max(len(series), 1)
    for n, (colour, (name, values)) in enumerate(zip(PALETTE, series, strict=False)):
        xs = [i - 0.4 + width * (n + 0.5) for i in range(len(labels))]
        panel.plot.addItem(
            pg.BarGraphItem(
                x=xs,
                height=[float(v) for v in values],
                width=width * 0.9,
                brush=colour,
                pen=pg.mkPen(None),
                name=name,
            )
        )
    _headroom(panel, max((float(v) for _, values in series for v in values), default=0.0))
    _bottom_labels(panel, [label[2:] for label in labels], 2 if len(labels) > 14 else 1)

    def hover(x: float, _y: float) -> str | None:
        i = _index(x, len(labels))
        if i is None:
            return None
        return "\n".join([labels[i], *(f"{name}: {value_text(float(values[i]))}" for name, values in series)])

    panel.hover = hover


def draw_bars(
    panel: ChartPanel,
    labels: Sequence[str],
    values: Sequence[float],
    value_text: Callable[[float], str],
    colours: Sequence[str] | None = None,
) -> None:
    """One bar per category (aging buckets, tiers, grades, onboarding half-years)."""
    panel.clear()
    brushes = [QColor(c) for c in (colours or [PALETTE[0]] * len(values))]
    panel.plot.addItem(
        pg.BarGraphItem(
            x=list(range(len(values))),
            height=[float(v) for v in values],
            width=0.6,
            brushes=brushes,
            pen=pg.mkPen(None),
        )
    )
    panel.plot.setYRange(0, max(max((float(v) for v in values), default=0.0), 1.0) * 1.1, padding=0)
    _bottom_labels(panel, labels)

    def hover(x: float, _y: float) -> str | None:
        i = _index(x, len(labels))
        return None if i is None else f"{labels[i]}: {value_text(float(values[i]))}"

    panel.hover = hover


def draw_ranking(
    panel: ChartPanel, labels: Sequence[str], values: Sequence[float], value_text: Callable[[float], str]
) -> None:
    """Horizontal bars, the largest on top (top customers)."""
    panel.clear()
    count = len(values)
    ys = [count - 1 - i for i in range(count)]
    panel.plot.addItem(
        pg.BarGraphItem(
            x0=0, y=ys, width=[float(v) for v in values], height=0.6, brush=PALETTE[0], pen=pg.mkPen(None)
        )
    )
    short = [label if len(label) <= 9 else label[:8] + "…" for label in labels]
    axis = panel.plot.getAxis("left")
    axis.setTicks([[(y, short[i]) for i, y in enumerate(ys)]])
    axis.setWidth(128)
    font = QFont(panel.font())
    font.setPointSizeF(max(font.pointSizeF() - 1.5, 7.0))
    axis.setStyle(tickFont=font)
    panel.plot.setYRange(-0.6, max(count, 1) - 0.4, padding=0)
    panel.plot.setXRange(0, max(max((float(v) for v in values), default=0.0), 1.0) * 1.05, padding=0)

    def hover(_x: float, y: float) -> str | None:
        row = round(y)
        if not 0 <= row < count or abs(y - row) > 0.4:
            return None
        i = count - 1 - row
        return f"{labels[i]}: {value_text(float(values[i]))}"

    panel.hover = hover


def draw_sparkline(plot: pg.PlotWidget, values: Sequence[float], colour: str) -> None:
    plot.clear()
    if values:
        plot.plot(list(range(len(values))), [float(v) for v in values], pen=pg.mkPen(colour, width=1.6))
