"""预警阈值: the admin edits the churn thresholds (settings, audited); the lists recompute after saving."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from ...services.insight.thresholds import ChurnThresholds, churn_thresholds, set_churn_thresholds
from ...services.security.settings import SPECS
from ..context import AppContext
from ..kit.text import error_text
from ..operations import Failure
from .texts import reason_text


class ThresholdsPanel(QWidget):
    saved = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.current: ChurnThresholds | None = None
        self.days, self.drop = QSpinBox(), QSpinBox()
        for box, key, suffix in (
            (self.days, "insight.churn_days", self.tr(" 天")),
            (self.drop, "insight.churn_drop_percent", " %"),
        ):
            spec = SPECS[key]
            box.setRange(spec.minimum, spec.maximum)
            box.setSuffix(suffix)
            box.setMinimumWidth(110)
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.clicked.connect(self.save)
        self.message = QLabel()
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("无使用达到"), self.days)
        form.addRow(self.tr("用量比前 3 个月平均下降达到"), self.drop)
        explain = QLabel(self.tr("满足任一条即预警。修改会记入审计日志,所有人的流失列表和回测随之改变。"))
        explain.setWordWrap(True)
        explain.setStyleSheet("color: #5f6368;")
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(explain)
        layout.addLayout(row)
        layout.addStretch(1)

    def load(self) -> None:
        self.ctx.runner.op(churn_thresholds).success(self._show).failure(self._failed).run()

    def _show(self, thresholds: ChurnThresholds) -> None:
        self.current = thresholds
        self.days.setValue(thresholds.days)
        self.drop.setValue(thresholds.drop_percent)

    def save(self) -> None:
        self.save_button.setEnabled(False)
        self.ctx.runner.op(set_churn_thresholds, self.days.value(), self.drop.value()).success(
            self._saved
        ).failure(self._failed).run()

    def _saved(self, thresholds: ChurnThresholds) -> None:
        self.save_button.setEnabled(True)
        self._show(thresholds)
        self.message.setText(
            self.tr("已保存。") + " " + reason_text("profiling.reason.no_usage", {"days": thresholds.days})
        )
        self.saved.emit()

    def _failed(self, failure: Failure) -> bool:
        self.save_button.setEnabled(True)
        self.message.setText(error_text(failure.error))
        return True
