"""催款级别: the admin edits the levels (days from the due date) and what each does."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...services.followup import dunning
from ..context import AppContext
from ..kit.forms import InlineMessage
from ..kit.text import error_text
from ..operations import Failure


class DunningLevelsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("催款级别"))
        self.setMinimumWidth(420)
        self.rows: list[tuple[QSpinBox, QCheckBox, QCheckBox]] = []
        hint = QLabel(
            self.tr(
                "天数相对账单到期日：-3 为到期前 3 天，15 为逾期 15 天。"
                "已逾期多个级别的账单只按最高级别催一次。"
            )
        )
        hint.setWordWrap(True)
        self.grid = QGridLayout()
        for column, title in enumerate((self.tr("天数"), self.tr("跟进（销售负责人）"), self.tr("催款函"))):
            self.grid.addWidget(QLabel(title), 0, column)
        self.add_button = QPushButton(self.tr("添加级别"))
        self.add_button.clicked.connect(lambda: self.add_row(dunning.default_level(90)))
        self.message = InlineMessage(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(self.grid)
        layout.addWidget(self.add_button)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        ctx.runner.op(dunning.list_levels).success(self._arrived).failure(self._failed).run()

    def add_row(self, level: dunning.Level) -> None:
        days = QSpinBox()
        days.setRange(dunning.MIN_DAYS - 1, dunning.MAX_DAYS)
        days.setSpecialValueText(self.tr("（删除）"))
        days.setValue(level.days)
        followup, letter = QCheckBox(), QCheckBox()
        followup.setChecked(level.creates_followup)
        letter.setChecked(level.sends_letter)
        row = len(self.rows) + 1
        for column, widget in enumerate((days, followup, letter)):
            self.grid.addWidget(widget, row, column)
        self.rows.append((days, followup, letter))

    def levels(self) -> list[dunning.Level]:
        """The rows as levels; a row set to the lowest value (shown as 删除) is left out."""
        return [
            dunning.Level(days.value(), followup.isChecked(), letter.isChecked())
            for days, followup, letter in self.rows
            if days.value() >= dunning.MIN_DAYS
        ]

    def _arrived(self, levels: tuple[dunning.Level, ...]) -> None:
        for level in levels:
            self.add_row(level)

    def _failed(self, failure: Failure) -> bool:
        self.buttons.setEnabled(True)
        self.message.error(error_text(failure.error))
        return True

    def save(self) -> None:
        self.buttons.setEnabled(False)
        self.ctx.runner.op(dunning.set_levels, self.levels()).success(lambda _levels: self.accept()).failure(
            self._failed
        ).run()
