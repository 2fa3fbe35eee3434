"""The price fields of each plan mode, one page per mode; each page reads its fields into PlanInput keywords.

A page reports text it cannot read as problems per PlanInput field (Chinese); the service's validate_plan
checks everything else.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QWidget,
)

from ...services.pricing.plans import PlanRow
from ..kit.fields import DecimalEdit, FieldWithMessage, IntEdit, hint_label
from .tier_table import TierEditor

Problems = dict[str, list[str]]


def _unit(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("color: #5f6368;")
    return label


class ModePage(QWidget):
    """Base: `fields` maps PlanInput field names to their FieldWithMessage (where problems show)."""

    edited = Signal(str)  # the PlanInput field the user changed

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.fields: dict[str, FieldWithMessage] = {}
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)

    def _add(self, label: str, name: str, edit: QWidget, unit: str = "") -> FieldWithMessage:
        wrapper = FieldWithMessage(edit, suffix=_unit(unit) if unit else None)
        self.fields[name] = wrapper
        self.form.addRow(label, wrapper)
        if hasattr(edit, "textEdited"):
            edit.textEdited.connect(lambda _text, n=name: self.edited.emit(n))
        return wrapper

    def _read(self, edit: DecimalEdit | IntEdit, name: str, problems: Problems) -> Any:
        try:
            return edit.value()
        except ValueError:
            problems.setdefault(name, []).append(self.tr("不是有效的数字"))
            return None

    def values(self, problems: Problems) -> dict[str, Any]:
        raise NotImplementedError

    def load(self, plan: PlanRow) -> None:
        raise NotImplementedError


class PerShootPage(ModePage):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.single = DecimalEdit(4, placeholder=self.tr("如 25"))
        self._add(self.tr("单层单价"), "single_price", self.single, self.tr("元/套"))
        self.same = QRadioButton(self.tr("按单层单价"))
        self.flat = QRadioButton(self.tr("固定价"))
        self.formula = QRadioButton(self.tr("公式 a+(F−1)×b"))
        self.kind = QButtonGroup(self)
        kinds = QHBoxLayout()
        kinds.setContentsMargins(0, 0, 0, 0)
        for button in (self.same, self.flat, self.formula):
            self.kind.addButton(button)
            kinds.addWidget(button)
        kinds.addStretch(1)
        kind_box = QWidget()
        kind_box.setLayout(kinds)
        self.form.addRow(self.tr("多层计价"), kind_box)
        self.multi_price = DecimalEdit(4, placeholder=self.tr("如 35"))
        self.flat_row = self._add(self.tr("多层固定价"), "multi_price", self.multi_price, self.tr("元/套"))
        self.multi_base = DecimalEdit(4, placeholder="a")
        self.multi_step = DecimalEdit(4, placeholder="b")
        self.multi_base.setMaximumWidth(90)
        self.multi_step.setMaximumWidth(90)
        formula = QHBoxLayout()
        formula.setContentsMargins(0, 0, 0, 0)
        formula.addWidget(self.multi_base)
        formula.addWidget(QLabel(self.tr("+ (F − 1) ×")))
        formula.addWidget(self.multi_step)
        formula.addWidget(_unit(self.tr("元/套，F = 层数")))
        formula_box = QWidget()
        formula_box.setLayout(formula)
        self.formula_row = FieldWithMessage(formula_box)
        self.fields["multi_base"] = self.formula_row
        self.fields["multi_step"] = self.formula_row
        self.form.addRow(self.tr("多层公式"), self.formula_row)
        for edit, name in ((self.multi_base, "multi_base"), (self.multi_step, "multi_step")):
            edit.textEdited.connect(lambda _t, n=name: self.edited.emit(n))
        self.same.setChecked(True)
        self.kind.buttonToggled.connect(self._kind_changed)
        self._kind_changed()

    def _kind_changed(self, *_args) -> None:
        self.form.setRowVisible(self.flat_row, self.flat.isChecked())
        self.form.setRowVisible(self.formula_row, self.formula.isChecked())
        self.edited.emit("multi_kind")

    def values(self, problems: Problems) -> dict[str, Any]:
        found: dict[str, Any] = {"single_price": self._read(self.single, "single_price", problems)}
        if self.flat.isChecked():
            found["multi_price"] = self._read(self.multi_price, "multi_price", problems)
            if found["multi_price"] is None and "multi_price" not in problems:
                problems["multi_price"] = [self.tr("请填写多层固定价，或选择“按单层单价”")]
        elif self.formula.isChecked():
            found["multi_base"] = self._read(self.multi_base, "multi_base", problems)
            found["multi_step"] = self._read(self.multi_step, "multi_step", problems)
            if found["multi_base"] is None and found["multi_step"] is None and "multi_base" not in problems:
                problems["multi_base"] = [self.tr("请填写公式的 a 和 b")]
        return found

    def load(self, plan: PlanRow) -> None:
        self.single.set_value(plan.single_price)
        self.multi_price.set_value(plan.multi_price)
        self.multi_base.set_value(plan.multi_base)
        self.multi_step.set_value(plan.multi_step)
        button = self.formula if plan.multi_base is not None or plan.multi_step is not None else (
            self.flat if plan.multi_price is not None else self.same)
        button.setChecked(True)


class TieredPage(ModePage):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.explain = hint_label("")
        self.form.addRow("", self.explain)
        self.tiers = TierEditor()
        wrapper = FieldWithMessage(self.tiers, expand=True)
        self.fields["tiers"] = wrapper
        self.form.addRow(self.tr("阶梯"), wrapper)
        self.tiers.model.edited.connect(lambda: self.edited.emit("tiers"))
        self.extra = DecimalEdit(4, placeholder=self.tr("可不填"))
        self._add(self.tr("加层单价"), "extra_floor_price", self.extra, self.tr("元/层（多层拍摄第 2 层起）"))

    def set_mode(self, mode: str) -> None:
        self.explain.setText(
            self.tr("累进：每套按它所在档的单价计费（如个税）。按自然月累计，第 1 套从 0 起。") if mode == "tiered_graduated"
            else self.tr("全量：本月总套数落在哪一档，全部拍摄都按该档单价计费。按自然月累计。"))

    def values(self, problems: Problems) -> dict[str, Any]:
        bands, cell_problems = self.tiers.model.bands()
        if cell_problems:
            problems["tiers"] = cell_problems
        return {"tiers": tuple(bands), "extra_floor_price": self._read(self.extra, "extra_floor_price", problems)}

    def load(self, plan: PlanRow) -> None:
        self.tiers.model.set_bands(list(plan.tiers))
        self.extra.set_value(plan.extra_floor_price)


class AreaPage(ModePage):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.rate = DecimalEdit(4, placeholder=self.tr("如 0.125"))
        self._add(self.tr("面积单价"), "area_rate", self.rate, self.tr("元/m²（最多 4 位小数）"))

    def values(self, problems: Problems) -> dict[str, Any]:
        return {"area_rate": self._read(self.rate, "area_rate", problems)}

    def load(self, plan: PlanRow) -> None:
        self.rate.set_value(plan.area_rate)


class PackagePage(ModePage):
    def __init__(self, with_quota: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.with_quota = with_quota
        self.fee = DecimalEdit(2, placeholder=self.tr("如 9980"))
        self._add(self.tr("年费"), "annual_fee", self.fee, self.tr("元/合同年，合同年开始的月份出账"))
        self.quota = IntEdit(placeholder=self.tr("如 2000"))
        self.overage = DecimalEdit(4, placeholder=self.tr("如 9.5"))
        if with_quota:
            self._add(self.tr("额度"), "quota", self.quota, self.tr("套/合同年（跨月累计）"))
            self._add(self.tr("超额单价"), "overage_price", self.overage, self.tr("元/套"))

    def values(self, problems: Problems) -> dict[str, Any]:
        found: dict[str, Any] = {"annual_fee": self._read(self.fee, "annual_fee", problems)}
        if self.with_quota:
            found["quota"] = self._read(self.quota, "quota", problems)
            found["overage_price"] = self._read(self.overage, "overage_price", problems)
        return found

    def load(self, plan: PlanRow) -> None:
        self.fee.set_value(plan.annual_fee)
        self.quota.set_value(plan.quota)
        self.overage.set_value(plan.overage_price)


def make_pages() -> dict[str, ModePage]:
    tiered = TieredPage()
    return {"per_shoot": PerShootPage(), "tiered_graduated": tiered, "tiered_volume": tiered, "area": AreaPage(),
            "annual_package": PackagePage(False), "annual_quota": PackagePage(True)}

