"""A compact bar of filter combo boxes ("全部" first) whose choices come from the service.

Each combo item carries the tuple the CustomerQuery field takes: () is 全部, (None,) is "no value".
A saved filter holding several values in one field shows them as one extra item.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QPushButton, QSizePolicy, QWidget

from ...services.customers.options import CustomerFilterOptions, Option
from ...services.customers.query import CustomerQuery
from .texts import t

ALL = "全部"


@dataclass(frozen=True)
class FilterSpec:
    field: str  # CustomerQuery field
    label: str
    options: str  # CustomerFilterOptions attribute ("" for the yes/no filter)
    empty_label: str | None = "（未填）"


FILTERS: tuple[FilterSpec, ...] = (
    FilterSpec("account_types", "账号类型", "account_types"),
    FilterSpec("industry_ids", "行业类型", "industries"),
    FilterSpec("erp_ids", "所属ERP", "erps"),
    FilterSpec("coop_status_ids", "合作状态", "coop_status_entries"),
    FilterSpec("coop_statuses", "状态归类", "coop_statuses"),
    FilterSpec("billing_enabled", "是否结算", "billing_enabled"),
    FilterSpec("disabled", "是否停用", "", None),
    FilterSpec("settlement_modes", "结算方式", "settlement_modes"),
    FilterSpec("sales_owner_ids", "销售负责人", "sales_owners", "（无）"),
    FilterSpec("ops_owner_ids", "运营负责人", "ops_owners", "（无）"),
    FilterSpec("grades", "客户等级", "grades"),
    FilterSpec("consumption_tiers", "消费等级", "consumption_tiers"),
    # a saved segment (services/insight/segments.py): its names come from set_segments()
    FilterSpec("segment", QT_TRANSLATE_NOOP("CustomerTexts", "分群"), "", None),
)
PER_ROW = 7
# The list column a filter narrows ("filter by this value" in the table's context menu).
FILTER_OF_COLUMN = {
    "account_type": "account_types", "industry": "industry_ids", "erp": "erp_ids",
    "coop_status": "coop_status_ids", "billing_enabled": "billing_enabled", "disabled": "disabled",
    "settlement_mode": "settlement_modes", "sales_owners": "sales_owner_ids", "ops_owners": "ops_owner_ids",
    "grade": "grades", "consumption_tier": "consumption_tiers",
}


class FilterBar(QWidget):
    changed = Signal()
    _quiet = False

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.combos: dict[str, QComboBox] = {}
        self._values: dict[str, list[Any]] = {}  # per combo: the query value of each item
        self._labels: dict[str, dict[Any, str]] = {spec.field: {} for spec in FILTERS}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        for n, spec in enumerate(FILTERS):
            label = QLabel(t(spec.label))
            label.setStyleSheet("color: #5f6368;")
            combo = QComboBox()
            combo.setObjectName(f"filter_{spec.field}")
            combo.setMinimumWidth(84)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(5)
            combo.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            label.setBuddy(combo)
            self.combos[spec.field] = combo
            self._fill(spec, combo, ())
            combo.currentIndexChanged.connect(self._emit_changed)
            row, col = divmod(n, PER_ROW)
            grid.addWidget(label, row, col * 2)
            grid.addWidget(combo, row, col * 2 + 1)
        self.clear_button = QPushButton(self.tr("清除筛选"))
        self.clear_button.clicked.connect(self.clear)
        self.clear_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        last_row, last_col = divmod(len(FILTERS), PER_ROW)
        grid.addWidget(self.clear_button, last_row, last_col * 2, 1, 2, Qt.AlignmentFlag.AlignLeft)
        grid.setColumnStretch(PER_ROW * 2, 1)

    # -- choices --------------------------------------------------------------------------------
    def _fill(self, spec: FilterSpec, combo: QComboBox, options: tuple[Option, ...]) -> None:
        combo.clear()
        values: list[Any] = []
        self._values[spec.field] = values
        if spec.field == "segment":
            combo.addItem(t(ALL))
            values.append("")
            return
        if spec.field == "disabled":
            for text, value in ((ALL, None), ("已停用", True), ("未停用", False)):
                combo.addItem(t(text))
                values.append(value)
            return
        combo.addItem(t(ALL))
        values.append(())
        for option in options:
            combo.addItem(t(option.label))
            values.append((option.value,))
            self._labels[spec.field][option.value] = t(option.label)
        if spec.empty_label:
            combo.addItem(t(spec.empty_label))
            values.append((None,))
            self._labels[spec.field][None] = t(spec.empty_label)

    def set_options(self, options: CustomerFilterOptions) -> None:
        """Fill the combos from the service's choices; the current selection stays."""
        current = self.values()
        self._quiet = True
        try:
            for spec in FILTERS:
                if spec.options:
                    self._fill(spec, self.combos[spec.field], getattr(options, spec.options))
                    self._select(spec, current[spec.field])
        finally:
            self._quiet = False

    def set_segments(self, names: list[str]) -> None:
        """The saved segments the user may choose from; the current choice stays."""
        spec = next(s for s in FILTERS if s.field == "segment")
        current = self.values()["segment"]
        self._quiet = True
        try:
            combo = self.combos["segment"]
            self._fill(spec, combo, ())
            for name in names:
                combo.addItem(name)
                self._values["segment"].append(name)
            self._select(spec, current)
        finally:
            self._quiet = False

    # -- values ---------------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """CustomerQuery fields: tuples for the list filters, True / False / None for 是否停用."""
        return {spec.field: self._values[spec.field][max(0, self.combos[spec.field].currentIndex())]
                for spec in FILTERS}

    def set_values(self, query: CustomerQuery) -> None:
        """Show the filters of `query` (a saved filter); emits `changed` once."""
        self._quiet = True
        try:
            for spec in FILTERS:
                self._select(spec, getattr(query, spec.field))
        finally:
            self._quiet = False
        self.changed.emit()

    def _select(self, spec: FilterSpec, value: Any) -> None:
        combo, values = self.combos[spec.field], self._values[spec.field]
        if isinstance(value, str) and value not in values:  # a segment not in the list (yet)
            combo.addItem(value)
            values.append(value)
        elif value not in values:
            labels = self._labels[spec.field]
            combo.addItem("、".join(labels.get(v, str(v)) for v in value))
            values.append(tuple(value))
        combo.setCurrentIndex(values.index(value))

    def select_text(self, column_key: str, text: str) -> bool:
        """Narrow the filter of a list column to the choice shown as `text`; False if there is none."""
        field = FILTER_OF_COLUMN.get(column_key)
        combo = self.combos.get(field) if field else None
        if combo is None:
            return False
        spec = next(s for s in FILTERS if s.field == field)
        wanted = text.strip() or (t(spec.empty_label) if spec.empty_label else "")
        for index in range(1, combo.count()):
            if combo.itemText(index).strip() == wanted:
                combo.setCurrentIndex(index)
                return True
        return False

    def clear(self) -> None:
        self.set_values(CustomerQuery())

    def active_count(self) -> int:
        return sum(1 for c in self.combos.values() if c.currentIndex() > 0)

    def _emit_changed(self, *_args) -> None:
        if not self._quiet:
            self.changed.emit()
