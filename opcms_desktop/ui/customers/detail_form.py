"""The fields of one customer: filled from a CustomerDetail, read back as the changes to save.

Problems the service reports (ValidationError, by field name) show in red under their field.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...services.customers.edit import CustomerDetail
from ...services.customers.options import CustomerFilterOptions
from ...services.customers.owner_choices import OwnerChoice
from ...services.platform.errors import Problem
from ..kit.customer_fields import FIELD_LABELS, number_text
from ..kit.text import fmt, problem_text
from .owner_picker import OwnerField
from .texts import t
from .value_combo import ValueCombo

ERROR_STYLE = "color: #b3261e;"
HINT_STYLE = "color: #80868b;"


class FieldBox(QWidget):
    """A field with a grey hint (e.g. the sheet's raw text) and a red error line under it."""

    def __init__(self, widget: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.widget = widget
        self.hint = QLabel()
        self.hint.setStyleSheet(HINT_STYLE)
        self.hint.setWordWrap(True)
        self.hint.hide()
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(widget)
        layout.addWidget(self.hint)
        layout.addWidget(self.error)

    def set_hint(self, text: str) -> None:
        self.hint.setText(text)
        self.hint.setVisible(bool(text))

    def set_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))


class NotesEdit(QPlainTextEdit):
    """Asks for little height (a scroll area honours size hints) and takes what the layout leaves."""

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(super().sizeHint().width(), 72)


def _text(value: str | None) -> str | None:
    text = (value or "").strip()
    return text or None


class DetailForm(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.company_id = QLabel()
        self.name = QLineEdit()
        self.name.setMaxLength(200)
        self.account_type = ValueCombo()
        self.industry_id = ValueCombo()
        self.erp_id = ValueCombo()
        self.onboarding_half = QLineEdit()
        self.onboarding_half.setPlaceholderText(self.tr("如 2025-H1"))
        self.grade = ValueCombo()
        self.consumption_tier = ValueCombo()
        self.avg_monthly_shoots = QLineEdit()
        self.sales_owner_ids = OwnerField("sales")
        self.ops_owner_ids = OwnerField("ops")
        self.coop_status_id = ValueCombo()
        self.coop_status_raw = QLineEdit()
        self.coop_note = QLineEdit()
        self.billing_enabled = ValueCombo()
        self.disabled = ValueCombo()
        self.settlement_mode = ValueCombo()
        self.payment_terms_days = QSpinBox()
        self.payment_terms_days.setRange(0, 365)
        self.payment_terms_days.setSuffix(self.tr(" 天"))
        self.prices = QLabel()
        self.prices.setWordWrap(True)
        self.notes = NotesEdit()
        self.notes.setMinimumHeight(60)
        self.boxes: dict[str, FieldBox] = {}
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        left = ["company_id", "name", "account_type", "industry_id", "erp_id", "onboarding_half", "grade",
                "consumption_tier", "avg_monthly_shoots"]
        right = ["sales_owner_ids", "ops_owner_ids", "coop_status_id", "coop_status_raw", "coop_note",
                 "billing_enabled", "disabled", "settlement_mode", "payment_terms_days"]
        for column, keys in ((0, left), (2, right)):
            for row, key in enumerate(keys):
                self._add(grid, key, row, column)
        self._add(grid, "prices", len(left), 0, span=3)
        self._add(grid, "notes", len(left) + 1, 0, span=3)
        grid.setColumnMinimumWidth(2, 110)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setRowStretch(len(left) + 1, 1)
        self.detail: CustomerDetail | None = None

    def _add(self, grid: QGridLayout, key: str, row: int, column: int, span: int = 1) -> None:
        box = FieldBox(getattr(self, key))
        self.boxes[key] = box
        label = QLabel(self.tr("价格") if key == "prices" else t(FIELD_LABELS[key]))
        label.setBuddy(box.widget)
        if key != "notes":  # one-line fields: the label centred on the field, above its hint / error
            label.setMinimumHeight(box.widget.sizeHint().height())
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(label, row, column, 1, 1, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        if key == "notes":  # takes the height left over
            grid.addWidget(box, row, column + 1, 1, span)
        else:  # stays at the top of a row made taller by the other column's error line
            grid.addWidget(box, row, column + 1, 1, span, Qt.AlignmentFlag.AlignTop)

    # -- filling --------------------------------------------------------------------------------
    def fill(self, detail: CustomerDetail, options: CustomerFilterOptions, owners: Sequence[OwnerChoice]) -> None:
        self.detail = detail
        self.clear_problems()
        self.company_id.setText(str(detail.company_id))
        self.name.setText(detail.name)
        self._combo(self.account_type, options.account_types, detail.account_type, detail.account_type_label)
        self._combo(self.industry_id, options.industries, detail.industry_id, detail.industry_label)
        self._combo(self.erp_id, options.erps, detail.erp_id, detail.erp_label)
        self.onboarding_half.setText(detail.onboarding_half or "")
        self._combo(self.grade, options.grades, detail.grade)
        self._combo(self.consumption_tier, options.consumption_tiers, detail.consumption_tier)
        self.avg_monthly_shoots.setText(number_text(detail.avg_monthly_shoots))
        self._combo(self.coop_status_id, options.coop_status_entries, detail.coop_status_id, detail.coop_status_label)
        meaning = next((o.label for o in options.coop_statuses if o.value == detail.coop_status), detail.coop_status)
        self.boxes["coop_status_id"].set_hint(fmt(self.tr("归类：%1"), meaning) if meaning else "")
        self.coop_status_raw.setText(detail.coop_status_raw or "")
        self.coop_note.setText(detail.coop_note or "")
        self._combo(self.billing_enabled, options.billing_enabled, detail.billing_enabled)
        self.disabled.set_choices([(True, t("是")), (False, t("否"))])
        self.disabled.set_value(detail.disabled)
        self._combo(self.settlement_mode, options.settlement_modes, detail.settlement_mode,
                    detail.settlement_mode_label)
        self.payment_terms_days.setValue(detail.payment_terms_days)
        self.notes.setPlainText(detail.notes or "")
        self.prices.setText(fmt(self.tr("单层 %1 · 多层 %2（在价格方案中修改）"),
                                detail.single_price_raw or "—", detail.multi_price_raw or "—"))
        for kind, field in (("sales", self.sales_owner_ids), ("ops", self.ops_owner_ids)):
            ids = detail.sales_owner_ids if kind == "sales" else detail.ops_owner_ids
            unmapped = [o.name for o in detail.owners if o.kind == kind and o.user_id is None]
            field.set_owners(owners, ids, detail.sales_owners if kind == "sales" else detail.ops_owners, unmapped)
            self.boxes[f"{kind}_owner_ids"].set_hint(
                fmt(self.tr("未对应到人员：%1"), "、".join(unmapped)) if unmapped else "")
        self._raw_hint("account_type", detail.account_type_raw, detail.account_type_label)
        self._raw_hint("onboarding_half", detail.onboarding_raw, detail.onboarding_half)
        self._raw_hint("settlement_mode", detail.settlement_mode_raw, detail.settlement_mode_label)

    def _combo(self, combo: ValueCombo, options: Sequence[Any], value: Any, label: str | None = None) -> None:
        combo.set_choices([(o.value, t(o.label)) for o in options])
        combo.set_value(value, t(label) if label else label)

    def _raw_hint(self, key: str, raw: str | None, shown: str | None) -> None:
        differs = bool(raw) and raw != shown
        self.boxes[key].set_hint(fmt(self.tr("表格原文：%1"), raw) if differs else "")

    def set_read_only(self, read_only: bool) -> None:
        for edit in (self.name, self.onboarding_half, self.avg_monthly_shoots, self.coop_status_raw, self.coop_note):
            edit.setReadOnly(read_only)
        self.notes.setReadOnly(read_only)
        self.payment_terms_days.setReadOnly(read_only)
        for combo in (self.account_type, self.industry_id, self.erp_id, self.grade, self.consumption_tier,
                      self.coop_status_id, self.billing_enabled, self.disabled, self.settlement_mode):
            combo.setEnabled(not read_only)
        self.sales_owner_ids.setReadOnly(read_only)
        self.ops_owner_ids.setReadOnly(read_only)

    # -- reading back ---------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """Every editable field as the form shows it, in the form the service takes."""
        return {
            "name": self.name.text().strip(),
            "account_type": self.account_type.value(),
            "industry_id": self.industry_id.value(),
            "erp_id": self.erp_id.value(),
            "onboarding_half": _text(self.onboarding_half.text()),
            "grade": self.grade.value(),
            "consumption_tier": self.consumption_tier.value(),
            "avg_monthly_shoots": _text(self.avg_monthly_shoots.text()),
            "coop_status_id": self.coop_status_id.value(),
            "coop_status_raw": _text(self.coop_status_raw.text()),
            "coop_note": _text(self.coop_note.text()),
            "billing_enabled": self.billing_enabled.value(),
            "disabled": self.disabled.value(),
            "settlement_mode": self.settlement_mode.value(),
            "payment_terms_days": self.payment_terms_days.value(),
            "notes": _text(self.notes.toPlainText()),
            "sales_owner_ids": self.sales_owner_ids.user_ids(),
            "ops_owner_ids": self.ops_owner_ids.user_ids(),
        }

    def changes(self) -> dict[str, Any]:
        """Only the fields the user changed (what the service is asked to save)."""
        detail = self.detail
        if detail is None:
            return {}
        before: dict[str, Any] = {
            "name": detail.name, "account_type": detail.account_type, "industry_id": detail.industry_id,
            "erp_id": detail.erp_id, "onboarding_half": detail.onboarding_half, "grade": detail.grade,
            "consumption_tier": detail.consumption_tier,
            "avg_monthly_shoots": number_text(detail.avg_monthly_shoots) or None,
            "coop_status_id": detail.coop_status_id, "coop_status_raw": detail.coop_status_raw,
            "coop_note": detail.coop_note, "billing_enabled": detail.billing_enabled, "disabled": detail.disabled,
            "settlement_mode": detail.settlement_mode, "payment_terms_days": detail.payment_terms_days,
            "notes": detail.notes, "sales_owner_ids": sorted(detail.sales_owner_ids),
            "ops_owner_ids": sorted(detail.ops_owner_ids),
        }
        return {key: value for key, value in self.values().items() if value != before[key]}

    # -- problems -------------------------------------------------------------------------------
    def clear_problems(self) -> None:
        for box in self.boxes.values():
            box.set_error("")

    def show_problems(self, problems: Sequence[Problem]) -> list[str]:
        """Put each problem under its field; returns the messages that belong to no field."""
        self.clear_problems()
        loose: list[str] = []
        first: QWidget | None = None
        for problem in problems:
            box = self.boxes.get(problem.field or "")
            if box is None:
                loose.append(problem_text(problem))
                continue
            box.set_error(problem_text(problem))
            first = first or box.widget
        if first is not None:
            first.setFocus()
        return loose
