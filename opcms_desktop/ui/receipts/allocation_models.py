"""Tables of the allocation panel: the customer's open bills (账单) with an editable "本次核销" amount,
and the receipt's allocations (reversed ones greyed, with their reason)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont

from ...services.billing.queries import AllocationRow, InvoiceRow
from ...services.platform.errors import ValidationError
from ...services.platform.money import ZERO, parse_amount
from ...services.receivables.allocation import AllocationSuggestion
from ..kit.format import date_text, money_text
from ..kit.labels import MUTED_TEXT, OVERDUE_TEXT, allocation_state, invoice_label, tr
from ..kit.paged_model import Column
from ..kit.rows_model import Index, RowsTableModel

translate = QCoreApplication.translate  # translate("context", "中文"): lupdate reads the literals

_REASONS = {"exact": QT_TRANSLATE_NOOP("receivables", "金额相符"), "oldest": QT_TRANSLATE_NOOP("receivables", "最早到期")}


class OpenInvoicesModel(RowsTableModel):
    """Rows are `InvoiceRow`s; the "amount" column holds what the user means to allocate to each."""

    amounts_changed = Signal()

    def __init__(self, parent=None):
        super().__init__([
            Column("number", translate("receivables", "账单号"), invoice_label, width=124),
            Column("period", translate("receivables", "账期"), lambda r: r.period, width=62),
            Column("due_date", translate("receivables", "到期日"), lambda r: date_text(r.due_date), width=84),
            Column("days_overdue", translate("receivables", "逾期天数"), lambda r: r.days_overdue or "", align_right=True, width=64),
            Column("outstanding", translate("receivables", "未收金额"), lambda r: money_text(r.outstanding), align_right=True, width=96),
            Column("amount", translate("receivables", "本次核销"), lambda r: money_text(self.amounts.get(r.id)), align_right=True,
                   width=96),
            Column("suggestion", translate("receivables", "建议"), lambda r: tr(_REASONS.get(self.reasons.get(r.id, ""), "")), width=70),
        ], parent, highlight=lambda r: r.overdue)
        self.amounts: dict[int, Decimal] = {}
        self.reasons: dict[int, str] = {}
        self.editable = True

    def set_view(self, rows: tuple[InvoiceRow, ...], suggestions: tuple[AllocationSuggestion, ...]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.reasons = {s.invoice_id: s.reason for s in suggestions}
        self.amounts = {s.invoice_id: s.amount for s in suggestions}
        self.endResetModel()
        self.amounts_changed.emit()

    def use_suggestions(self, suggestions: tuple[AllocationSuggestion, ...]) -> None:
        self.set_view(tuple(self._rows), suggestions)

    def clear_amounts(self) -> None:
        self.beginResetModel()
        self.amounts = {}
        self.endResetModel()
        self.amounts_changed.emit()

    def planned(self) -> tuple[tuple[InvoiceRow, Decimal], ...]:
        """(invoice, amount) for every row with an amount above zero, in table order."""
        return tuple((r, self.amounts[r.id]) for r in self._rows if self.amounts.get(r.id, ZERO) > ZERO)

    def planned_total(self) -> Decimal:
        return sum((amount for _row, amount in self.planned()), ZERO)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self.editable and self.columns[index.column()].key == "amount":
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and 0 <= index.row() < len(self._rows) and 0 <= index.column() < len(self.columns) \
                and self.columns[index.column()].key == "amount":
            row = self._rows[index.row()]
            if role == Qt.ItemDataRole.EditRole:
                amount = self.amounts.get(row.id)
                return "" if amount is None else format(amount, "f")
            if role == Qt.ItemDataRole.ForegroundRole and self.amounts.get(row.id, ZERO) > row.outstanding:
                return OVERDUE_TEXT  # more than is owed: the allocate button will say so
            if role == Qt.ItemDataRole.FontRole and row.id in self.amounts:
                font = QFont()
                font.setBold(True)
                return font
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not self.editable \
                or self.columns[index.column()].key != "amount" or not (0 <= index.row() < len(self._rows)):
            return False
        text = str(value or "").strip()
        row = self._rows[index.row()]
        if not text:
            self.amounts.pop(row.id, None)
        else:
            try:
                self.amounts[row.id] = parse_amount(text, positive=False)
            except ValidationError:
                return False
            if self.amounts[row.id] < ZERO:
                self.amounts.pop(row.id)
                return False
        self.dataChanged.emit(index, index)
        self.amounts_changed.emit()
        return True


def allocation_record_columns() -> list[Column]:
    return [
        Column("invoice", translate("receivables", "账单号"), lambda r: r.invoice_number or "", width=128),
        Column("amount", translate("receivables", "核销金额"), lambda r: money_text(r.amount), align_right=True, width=90),
        Column("allocated_on", translate("receivables", "核销日期"), lambda r: date_text(r.allocated_on), width=84),
        Column("created_by", translate("receivables", "操作人"), lambda r: r.created_by or "", width=60),
        Column("state", translate("receivables", "状态"), allocation_state, width=150),
    ]


class AllocationRecordsModel(RowsTableModel):
    def __init__(self, parent=None):
        super().__init__(allocation_record_columns(), parent)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            row: AllocationRow | None = self.row_at(index.row()) if index.isValid() else None
            return MUTED_TEXT if row is not None and not row.active else None
        return super().data(index, role)
