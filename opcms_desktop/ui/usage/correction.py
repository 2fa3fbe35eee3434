"""The usage correction dialog: the month's new totals for one customer and series, with a required reason.

The figures entered become the month's total (services/usage.correct_usage stores the difference to the
imported orders); the version read with the row guards against a concurrent change.
A block pasted into the usage table (Ctrl+V from Excel) becomes `PasteCorrectionDialog`: the same
readings as typed text, every change listed old → new, nothing written until a reason is given and saved.
"""

from __future__ import annotations

import re
from decimal import Decimal

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...services.platform.errors import ConflictError, ValidationError
from ...services.usage.records import UsageFigures, UsageRow
from ..kit.fields import DecimalEdit, FieldWithMessage, IntEdit, hint_label
from ..kit.format import area_text
from ..kit.forms import InlineMessage
from ..kit.problems import error_text
from ..kit.text import fmt, problem_text

FIELDS = ("single_shoots", "multi_shoots", "multi_floors", "area")


class CorrectionDialog(QDialog):
    def __init__(self, row: UsageRow, parent: QWidget | None = None):
        super().__init__(parent)
        self.row = row
        self.setWindowTitle(self.tr("修正用量"))
        self.setMinimumWidth(520)
        title = QLabel(fmt(self.tr("%1 · 公司id %2 · %3 · %4 系列"), row.customer_name, row.company_id, row.period,
                           row.series))
        title.setStyleSheet("font-size: 12pt; font-weight: 600;")
        orders = row.orders
        current = hint_label(fmt(self.tr("当前合计：单层 %1，多层 %2（%3 层），面积 %4 m²。其中订单明细：单层 %5，多层 %6。"),
                                 row.total.single_shoots, row.total.multi_shoots, row.total.multi_floors,
                                 area_text(row.total.area), orders.single_shoots, orders.multi_shoots))
        self.single = IntEdit()
        self.multi = IntEdit()
        self.floors = IntEdit()
        self.area = DecimalEdit(2)
        self.single.set_value(row.total.single_shoots)
        self.multi.set_value(row.total.multi_shoots)
        self.floors.set_value(row.total.multi_floors)
        self.area.set_value(row.total.area)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(self.tr("必填：为什么修正，例如“客户对账确认 10 月少计 3 套”"))
        self.reason.setFixedHeight(64)
        self.wrappers = {
            "single_shoots": FieldWithMessage(self.single, suffix=hint_label(self.tr("套"))),
            "multi_shoots": FieldWithMessage(self.multi, suffix=hint_label(self.tr("套"))),
            "multi_floors": FieldWithMessage(self.floors, suffix=hint_label(self.tr("层（多层拍摄的总层数）"))),
            "area": FieldWithMessage(self.area, suffix=hint_label(self.tr("m²"))),
            "reason": FieldWithMessage(self.reason, expand=True),
        }
        form = QFormLayout()
        for name, label in (("single_shoots", self.tr("单层拍摄")), ("multi_shoots", self.tr("多层拍摄")),
                            ("multi_floors", self.tr("多层总层数")), ("area", self.tr("面积")),
                            ("reason", self.tr("修正原因"))):
            form.addRow(label, self.wrappers[name])
        self.message = InlineMessage(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("保存修正"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(current)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        for edit in (self.single, self.multi, self.floors, self.area):
            edit.textEdited.connect(self.revalidate)
        self.reason.textChanged.connect(self.revalidate)
        self.revalidate()

    def figures(self) -> tuple[int, int, int, Decimal] | None:
        try:
            values = (self.single.value() or 0, self.multi.value() or 0, self.floors.value() or 0,
                      self.area.value() or Decimal("0"))
        except ValueError:
            return None
        return values

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()

    def revalidate(self, *_args) -> None:
        """What can be checked without the database: readable numbers and a reason; the rest is the service's."""
        self.message.clear_message()
        figures = self.figures()
        for wrapper in self.wrappers.values():
            wrapper.show_problems([], False)
        if figures is None:
            self.wrappers["area"].show_problems([self.tr("不是有效的数字")], True)
        if not self.reason_text():
            self.wrappers["reason"].show_problems([self.tr("请填写修正原因（会记入审计）")], False)
        self.save_button.setEnabled(figures is not None and bool(self.reason_text()))

    def set_busy(self, busy: bool) -> None:
        self.save_button.setEnabled(not busy)
        self.save_button.setText(self.tr("正在保存…") if busy else self.tr("保存修正"))

    def show_error(self, error: BaseException) -> None:
        self.set_busy(False)
        if isinstance(error, ValidationError) and error.problems:
            for problem in error.problems:
                wrapper = self.wrappers.get(problem.field or "")
                if wrapper is not None:
                    wrapper.show_problems([problem_text(problem)], True)
            self.message.error(fmt(self.tr("无法保存：%1"), error_text(error)))
        elif isinstance(error, ConflictError):
            self.message.error(self.tr("此用量在您打开后已被他人修改。请关闭对话框、刷新列表后再修正。"))
            self.save_button.setEnabled(False)
        else:
            self.message.error(fmt(self.tr("无法保存：%1"), error_text(error)))


PASTE_COLUMNS = {"single": "single_shoots", "multi": "multi_shoots", "floors": "multi_floors", "area": "area"}
_WHOLE = re.compile(r"^\d{1,9}$")  # what IntEdit accepts
_AREA = re.compile(r"^\d{1,10}(\.\d{1,2})?$")  # what DecimalEdit(2) accepts


def pasted_value(field: str, text: str) -> int | Decimal | None:
    """A pasted cell read as the correction dialog's fields read typed text (None: not accepted)."""
    clean = text.strip().replace(",", "").replace("，", "")
    if field == "area":
        return Decimal(clean) if _AREA.match(clean) else None
    return int(clean) if _WHOLE.match(clean) else None


class PasteCorrectionDialog(QDialog):
    """The corrections a pasted block makes: each row old → new, and the reason they need before saving."""

    def __init__(self, changes: list[tuple[UsageRow, UsageFigures]], parent: QWidget | None = None):
        super().__init__(parent)
        self.changes = changes
        self.setWindowTitle(self.tr("粘贴修正用量"))
        self.setMinimumWidth(640)
        lines = QPlainTextEdit()
        lines.setReadOnly(True)
        text = []
        for row, new in changes:
            old = row.total
            text.append(fmt(self.tr("%1 %2 %3 系列：单层 %4 → %5，多层 %6 → %7，层数 %8 → %9，面积 %10 → %11"),
                            row.customer_name, row.period, row.series, old.single_shoots, new.single_shoots,
                            old.multi_shoots, new.multi_shoots, old.multi_floors, new.multi_floors,
                            area_text(old.area), area_text(new.area)))
        lines.setPlainText("\n".join(text))
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(self.tr("必填：为什么修正，例如“客户对账确认 10 月少计 3 套”"))
        self.reason.setFixedHeight(64)
        self.message = InlineMessage(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("保存修正"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(fmt(self.tr("将修正 %1 行用量（保存前不会写入）："), len(changes))))
        layout.addWidget(lines)
        layout.addWidget(QLabel(self.tr("修正原因")))
        layout.addWidget(self.reason)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.reason.textChanged.connect(self._update)
        self._update()

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()

    def _update(self) -> None:
        self.save_button.setEnabled(bool(self.reason_text()))

    def set_busy(self, busy: bool) -> None:
        self.save_button.setEnabled(not busy and bool(self.reason_text()))
        self.save_button.setText(self.tr("正在保存…") if busy else self.tr("保存修正"))

    def show_error(self, error: BaseException) -> None:
        self.set_busy(False)
        if isinstance(error, ConflictError):
            self.message.error(self.tr("此用量在您打开后已被他人修改。请关闭对话框、刷新列表后再修正。"))
        else:
            self.message.error(fmt(self.tr("无法保存：%1"), error_text(error)))
