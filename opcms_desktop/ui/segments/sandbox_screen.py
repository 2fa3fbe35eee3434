"""结算沙盒: choose customers (a saved segment, or everyone), the months and a change (a percentage, or a new
plan typed in); see revenue per customer and in total under today's plans and the change. Nothing is written."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...services.insight import sandbox, segments
from ...services.platform.money import money_text
from ..context import AppContext
from ..kit.export_refusal import unless_export_request
from ..kit.file_dialogs import ask_save_path
from ..kit.forms import InlineMessage
from ..kit.paged_model import Column
from ..kit.rows_model import RowsTableModel
from ..kit.table_view import DataTableView
from ..kit.text import error_text, fmt
from ..operations import Failure

translate = QCoreApplication.translate
PLAN_MODES: tuple[tuple[str, str, str], ...] = (  # mode, label, the field the price box fills
    ("per_shoot", QT_TRANSLATE_NOOP("segments", "定价结算（每套）"), "single_price"),
    ("tiered_graduated", QT_TRANSLATE_NOOP("segments", "阶梯累进"), "tiers"),
    ("tiered_volume", QT_TRANSLATE_NOOP("segments", "阶梯全量"), "tiers"),
    ("area", QT_TRANSLATE_NOOP("segments", "按面积（元/m²）"), "area_rate"),
    ("annual_package", QT_TRANSLATE_NOOP("segments", "包年套餐（年费）"), "annual_fee"),
)


def sandbox_columns() -> list[Column]:
    return [
        Column(
            "company_id",
            translate("segments", "公司id"),
            lambda r: r.company_id or "",
            align_right=True,
            width=80,
        ),
        Column("name", translate("segments", "公司名称"), lambda r: r.name, width=200),
        Column("shoots", translate("segments", "拍摄量"), lambda r: r.shoots, align_right=True, width=70),
        Column(
            "current",
            translate("segments", "现行方案金额"),
            lambda r: money_text(r.current),
            align_right=True,
            width=110,
        ),
        Column(
            "proposed",
            translate("segments", "新方案金额"),
            lambda r: money_text(r.proposed),
            align_right=True,
            width=110,
        ),
        Column(
            "difference",
            translate("segments", "差额"),
            lambda r: money_text(r.difference),
            align_right=True,
            width=100,
        ),
        Column(
            "unpriced",
            translate("segments", "未计价拍摄"),
            lambda r: r.unpriced_shoots or "",
            align_right=True,
            width=80,
        ),
    ]


class SandboxScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.result: sandbox.SandboxResult | None = None
        self.segment_combo = QComboBox()
        self.segment_combo.setMinimumWidth(160)
        self.months_spin = QSpinBox()
        self.months_spin.setRange(1, sandbox.MAX_MONTHS)
        self.months_spin.setValue(3)
        self.months_spin.setSuffix(self.tr(" 个月"))
        self.percent_radio = QRadioButton(self.tr("调价"))
        self.percent_radio.setChecked(True)
        self.percent_spin = QDoubleSpinBox()
        self.percent_spin.setRange(-100, 1000)
        self.percent_spin.setDecimals(1)
        self.percent_spin.setValue(10)
        self.percent_spin.setSuffix(" %")
        self.plan_radio = QRadioButton(self.tr("新方案"))
        self.mode_combo = QComboBox()
        for mode, label, _field in PLAN_MODES:
            self.mode_combo.addItem(translate("segments", label), mode)
        self.price_edit = QLineEdit()
        self.price_edit.setPlaceholderText(self.tr("价格或阶梯"))
        self.price_edit.setToolTip(self.tr("单价、每平方米价格或年费；阶梯写作 0-1000:10; 1000+:8"))
        self.price_edit.setMinimumWidth(150)
        self.run_button = QPushButton(self.tr("计算"))
        self.run_button.clicked.connect(self.run)
        self.export_button = QPushButton(self.tr("导出 Excel…"))
        self.export_button.clicked.connect(self.export)
        self.export_button.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("客户")))
        top.addWidget(self.segment_combo)
        top.addWidget(QLabel(self.tr("最近")))
        top.addWidget(self.months_spin)
        top.addStretch(1)
        top.addWidget(self.export_button)
        change = QHBoxLayout()
        change.addWidget(self.percent_radio)
        change.addWidget(self.percent_spin)
        change.addSpacing(12)
        change.addWidget(self.plan_radio)
        change.addWidget(self.mode_combo)
        change.addWidget(self.price_edit)
        change.addWidget(self.run_button)
        change.addStretch(1)
        self.totals = QLabel()
        self.totals.setStyleSheet("font-size: 14px; font-weight: 600;")
        self.note = QLabel(
            self.tr("按最近几个完整月份的实际用量，用与月结账单相同的计价规则计算；不保存任何数据。")
        )
        self.note.setStyleSheet("color: #5f6368;")
        self.note.setWordWrap(True)
        self.message = InlineMessage(self)
        self.model = RowsTableModel(sandbox_columns(), self, emphasis=lambda r: r.company_id is None)
        self.table = DataTableView("segment-sandbox", self)
        self.table.setModel(self.model)
        for index, column in enumerate(self.model.columns):
            self.table.horizontalHeader().resizeSection(index, column.width or 100)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(change)
        layout.addWidget(self.note)
        layout.addWidget(self.totals)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        for widget in (self.mode_combo, self.price_edit):
            widget.setEnabled(False)
        self.plan_radio.toggled.connect(self._mode_toggled)
        ctx.runner.changed.connect(lambda what: self.load_segments() if "segments" in what else None)
        self.load_segments()

    def _mode_toggled(self, plan: bool) -> None:
        self.percent_spin.setEnabled(not plan)
        self.mode_combo.setEnabled(plan)
        self.price_edit.setEnabled(plan)

    def load_segments(self) -> None:
        self.ctx.runner.op(segments.list_segments).success(self._segments_arrived).failure(self._failed).run()

    def _segments_arrived(self, found: list[segments.SegmentInfo]) -> None:
        chosen = self.segment_combo.currentData()
        self.segment_combo.clear()
        self.segment_combo.addItem(self.tr("全部可见客户"), None)
        for info in found:
            self.segment_combo.addItem(info.name, info.name)
        self.segment_combo.setCurrentIndex(max(0, self.segment_combo.findData(chosen)))

    def plan_document(self) -> dict[str, Any]:
        mode = self.mode_combo.currentData()
        field = next(f for m, _label, f in PLAN_MODES if m == mode)
        return {"mode": mode, field: self.price_edit.text().strip() or None}

    def run(self) -> None:
        self.message.clear_message()
        kwargs: dict[str, Any] = {
            "segment": self.segment_combo.currentData(),
            "months": self.months_spin.value(),
            "as_of": dt.date.today(),
        }
        try:
            if self.plan_radio.isChecked():
                kwargs["new_plan"] = sandbox.plan_from_document(self.plan_document())
            else:
                kwargs["percent"] = Decimal(str(round(self.percent_spin.value(), 1)))
        except Exception as exc:  # noqa: BLE001 - a coded ValidationError of the typed plan
            self.message.error(error_text(exc))
            return
        self.run_button.setEnabled(False)
        self.ctx.runner.op(sandbox.run_sandbox, **kwargs).with_progress(
            self.tr("正在计算沙盒…"), self
        ).success(self._arrived).failure(self._failed).run()

    def _arrived(self, result: sandbox.SandboxResult) -> None:
        self.run_button.setEnabled(True)
        self.result = result
        self.export_button.setEnabled(self.ctx.can("pricing.view"))
        total = sandbox.SandboxRow(
            0,
            None,
            self.tr("合计"),
            sum(r.shoots for r in result.rows),  # type: ignore[arg-type]
            result.current_total,
            result.proposed_total,
            result.unpriced_shoots,
            0,
        )
        self.model.set_rows([*result.rows, total])
        self.totals.setText(
            fmt(
                self.tr("%1 至 %2：现行 %3 元，新方案 %4 元，差额 %5 元"),
                result.months[0],
                result.months[-1],
                money_text(result.current_total),
                money_text(result.proposed_total),
                money_text(result.difference),
            )
        )
        if result.unpriced_shoots:
            self.message.info(
                fmt(self.tr("有 %1 次拍摄现在没有价格方案，未计入金额。"), result.unpriced_shoots)
            )

    def _failed(self, failure: Failure) -> bool:
        self.run_button.setEnabled(True)
        self.message.error(error_text(failure.error))
        return True

    def export(self) -> None:
        if self.result is None:
            return
        result = self.result
        path = ask_save_path(
            self, self.tr("导出沙盒结果"), self.tr("结算沙盒.xlsx"), self.tr("Excel 文件 (*.xlsx)")
        )
        if path:
            self.ctx.runner.op(sandbox.export_sandbox, result, path).success(
                lambda rows: self.message.info(fmt(self.tr("已导出 %1 行"), rows))
            ).failure(unless_export_request(self._failed)).run()

    def save_state(self) -> None:
        self.table.save_layout(self.ctx.settings)
