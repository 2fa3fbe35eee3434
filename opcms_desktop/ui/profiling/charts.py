"""The profiling charts (pyqtgraph): usage stacked by device series, health parts as bars, the RFM scatter.

Each chart is fed plain service data; nothing here reads the database.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence
from decimal import Decimal

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from ...services.insight.health import HealthPart
from ...services.insight.profile import SeriesUsage
from ...services.insight.rfm import RfmScore
from ..kit.rows_model import RowsTableModel
from ..kit.table_view import DataTableView
from ..kit.text import fmt

SERIES_COLOURS = {"X": "#1a73e8", "N": "#34a853", "L": "#f9ab00"}
QUADRANT_COLOURS = {
    "high_value": "#1e8e3e",
    "potential": "#1a73e8",
    "at_risk": "#d93025",
    "dormant": "#9aa0a6",
}
PART_COLOUR, FLAG_COLOUR = "#1a73e8", "#e37400"


def plot_widget() -> pg.PlotWidget:
    widget = pg.PlotWidget(background="w")
    widget.setMenuEnabled(False)
    widget.setMouseEnabled(x=False, y=False)
    widget.hideButtons()
    widget.showGrid(x=False, y=True, alpha=0.15)
    for side in ("left", "bottom"):
        axis = widget.getAxis(side)
        axis.setPen(pg.mkPen("#9aa0a6"))
        axis.setTextPen(pg.mkPen("#3c4043"))
    return widget


def show_usage(widget: pg.PlotWidget, months: Sequence[str], usage: Sequence[SeriesUsage]) -> None:
    """Bars per month, one colour per device series stacked; month ticks every third month."""
    widget.clear()
    plot = widget.getPlotItem()
    if plot.legend is None:
        plot.addLegend(offset=(8, 4), labelTextSize="8pt", colCount=3)
    else:
        plot.legend.clear()
    base = [0] * len(months)
    for series in usage:
        tops = [b + s for b, s in zip(base, series.shoots, strict=True)]
        bars = pg.BarGraphItem(
            x=list(range(len(months))),
            y0=base,
            y1=tops,
            width=0.7,
            brush=SERIES_COLOURS.get(series.series, "#5f6368"),
            pen=pg.mkPen(None),
            name=fmt(QCoreApplication.translate("ProfileCharts", "%1 系列"), series.series),
        )
        widget.addItem(bars)
        base = tops
    ticks = [(i, m[2:]) for i, m in enumerate(months) if i % 3 == len(months) % 3 or i == len(months) - 1]
    widget.getAxis("bottom").setTicks([ticks, []])
    widget.setXRange(-0.6, len(months) - 0.4, padding=0)
    widget.setYRange(0, max(max(base, default=0), 1) * 1.12, padding=0)


def show_health_parts(
    widget: pg.PlotWidget,
    parts: Sequence[HealthPart],
    names: Sequence[str],
    flagged: Callable[[HealthPart], str],
) -> None:
    """One horizontal bar per part (0-100); an undefined part has no bar, only its flag text."""
    widget.clear()
    for i, part in enumerate(parts):
        y = len(parts) - 1 - i
        points = float(part.points) if part.points is not None else 0.0
        if part.points is not None:
            colour = FLAG_COLOUR if part.flag else PART_COLOUR
            widget.addItem(
                pg.BarGraphItem(x0=[0], y=[y], width=[points], height=0.55, brush=colour, pen=pg.mkPen(None))
            )
        label = pg.TextItem(flagged(part), color="#3c4043", anchor=(0, 0.5))
        label.setFont(QFont(label.textItem.font().family(), 8))
        label.setPos(min(points, 100) + 2, y)
        widget.addItem(label)
    widget.getAxis("left").setTicks([[(len(parts) - 1 - i, n) for i, n in enumerate(names)], []])
    widget.setXRange(0, 175, padding=0)
    widget.getAxis("bottom").setTicks([[(v, str(v)) for v in (0, 25, 50, 75, 100)], []])
    widget.setYRange(-0.7, len(parts) - 0.3, padding=0)


def table_view(key: str, model: RowsTableModel, parent: QWidget | None = None) -> DataTableView:
    """A table over `model` with its columns at their planned widths."""
    view = DataTableView(key, parent)
    view.setModel(model)
    for column, spec in enumerate(model.columns):
        if spec.width:
            view.horizontalHeader().resizeSection(column, spec.width)
    return view


def jitter(customer_id: int, axis: int) -> float:
    """A fixed offset in (-0.35, 0.35) per customer, so equal scores do not hide each other."""
    return (zlib.crc32(f"{customer_id}:{axis}".encode()) % 1000) / 1000 * 0.7 - 0.35


class RfmScatter(pg.PlotWidget):
    """Recency score (x) against value (F + M) / 2 (y), coloured by quadrant; quadrant lines at the cuts."""

    def __init__(self, on_click: Callable[[RfmScore], None], tip: Callable[[RfmScore], str]):
        super().__init__(background="w")
        self.setMenuEnabled(False)
        self.hideButtons()
        self._on_click, self._tip = on_click, tip
        self.scores: list[RfmScore] = []
        self.layers: dict[str, pg.ScatterPlotItem] = {}
        for quadrant, colour in QUADRANT_COLOURS.items():  # one item per colour: no per-spot brush to build
            layer = pg.ScatterPlotItem(
                size=7,
                pen=pg.mkPen(None),
                brush=pg.mkBrush(colour),
                hoverable=True,
                hoverSize=12,
                hoverPen=pg.mkPen("#202124", width=1.5),
                tip=self._point_tip,
            )
            layer.sigClicked.connect(self._clicked)
            self.addItem(layer)
            self.layers[quadrant] = layer
        for line in (pg.InfiniteLine(2.5, angle=90), pg.InfiniteLine(2.75, angle=0)):
            line.setPen(pg.mkPen("#bdc1c6", width=1, style=Qt.PenStyle.DashLine))
            self.addItem(line)
        self.setXRange(0.4, 5.6, padding=0)
        self.setYRange(0.4, 5.6, padding=0)
        self.setMouseEnabled(x=False, y=False)
        for side in ("left", "bottom"):
            self.getAxis(side).setTicks([[(v, str(v)) for v in range(1, 6)], []])

    def set_scores(self, scores: Sequence[RfmScore]) -> None:
        self.scores = list(scores)
        points: dict[str, tuple[list[float], list[float], list[int]]] = {q: ([], [], []) for q in self.layers}
        for i, s in enumerate(self.scores):
            xs, ys, ids = points[s.quadrant]
            xs.append(s.recency + jitter(s.customer_id, 0))
            ys.append(float(s.value) + jitter(s.customer_id, 1))
            ids.append(i)
        for quadrant, (xs, ys, ids) in points.items():
            self.layers[quadrant].setData(x=xs, y=ys, data=ids)

    def _point_tip(self, x: float, y: float, data: int) -> str:
        return self._tip(self.scores[data]) if 0 <= data < len(self.scores) else ""

    def _clicked(
        self, _item: pg.ScatterPlotItem, spots: Sequence[pg.SpotItem], _event: object = None
    ) -> None:
        if len(spots):
            index = spots[0].data()
            if 0 <= index < len(self.scores):
                self._on_click(self.scores[index])


def decimal_text(value: Decimal | None) -> str:
    return (
        "—"
        if value is None
        else format(value.normalize(), "f")
        if value == value.to_integral()
        else str(value)
    )
