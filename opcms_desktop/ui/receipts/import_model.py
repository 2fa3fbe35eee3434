"""The bank-sheet rows of a receipt import with their proposed customers, for confirmation.

Rows matched by 公司id or exact name start ticked; a similar-name match starts unticked (the user
confirms it); a row with no match can be given a customer by hand; duplicates cannot be ticked.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from ...services.receivables.receipt_import import MatchedCustomer, ReceiptImportRow
from ..kit.format import date_text, money_text
from ..kit.labels import match_label
from ..kit.paged_model import Column
from ..kit.rows_model import Index, RowsTableModel
from ..kit.text import fmt

translate = QCoreApplication.translate  # translate("context", "中文"): lupdate reads the literals

TO_CONFIRM = QColor("#fff8e1")  # a similar-name match waiting for the user's tick


class ImportMatchModel(RowsTableModel):
    def __init__(self, parent=None):
        super().__init__([
            Column("take", translate("receivables", "导入"), lambda r: "", width=52),
            Column("row", translate("receivables", "行"), lambda r: r.row, align_right=True, width=44),
            Column("date", translate("receivables", "日期"), lambda r: date_text(r.bank.receipt_date), width=90),
            Column("payer", translate("receivables", "付款方"), lambda r: r.bank.payer or "", width=190),
            Column("amount", translate("receivables", "金额"), lambda r: money_text(r.bank.amount), align_right=True, width=100),
            Column("reference", translate("receivables", "参考号"), lambda r: r.bank.reference or "", width=110),
            Column("match", translate("receivables", "匹配方式"), self.match_text, width=80),
            Column("customer", translate("receivables", "客户"), self.customer_text, width=220),
            Column("note", translate("receivables", "说明"), self.note_text, width=240),
        ], parent)
        self.ticked: dict[int, bool] = {}
        self.assigned: dict[int, MatchedCustomer] = {}

    def set_matches(self, matches: tuple[ReceiptImportRow, ...]) -> None:
        self.assigned = {}
        self.ticked = {m.row: m.match in ("id", "name") and not m.duplicate_of for m in matches}
        self.set_rows(matches)

    # -- what each row means --------------------------------------------------------------------
    def customer_of(self, m: ReceiptImportRow) -> MatchedCustomer | None:
        return self.assigned.get(m.row, m.customer)

    def importable(self, m: ReceiptImportRow) -> bool:
        return m.duplicate_of is None and self.customer_of(m) is not None

    def match_text(self, m: ReceiptImportRow) -> str:
        if m.duplicate_of:
            return translate("receivables", "重复")
        return translate("receivables", "手工指定") if m.row in self.assigned else match_label(m.match)

    def customer_text(self, m: ReceiptImportRow) -> str:
        customer = self.customer_of(m)
        return "" if customer is None else fmt(translate("receivables", "%1（%2）"), customer.name, customer.company_id)

    def note_text(self, m: ReceiptImportRow) -> str:
        """Why a row is not imported as it stands: the service's message (duplicate, no match), or a hint."""
        if m.duplicate_of:
            return m.duplicate_of.text()
        if m.match == "fuzzy" and m.row not in self.assigned:
            return translate("receivables", "名称相似，请确认后勾选")
        if m.row in self.assigned or m.note is None:
            return ""
        return m.note.text()

    def confirmed(self) -> dict[int, int | None]:
        """{sheet row: customer id, or None to skip} for every row that could be imported."""
        out: dict[int, int | None] = {}
        for m in self._rows:
            customer = self.customer_of(m)
            if self.importable(m) and customer is not None:
                out[m.row] = customer.customer_id if self.ticked.get(m.row) else None
        return out

    def ticked_count(self) -> int:
        return sum(1 for m in self._rows if self.importable(m) and self.ticked.get(m.row))

    def assign(self, row: int, customer: MatchedCustomer) -> None:
        m = self._rows[row]
        self.assigned[m.row] = customer
        self.ticked[m.row] = True
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def set_ticked(self, row: int, on: bool) -> bool:
        return self.setData(self.index(row, 0), Qt.CheckState.Checked if on else Qt.CheckState.Unchecked,
                            Qt.ItemDataRole.CheckStateRole)

    # -- Qt -------------------------------------------------------------------------------------
    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == 0:
            m = self.row_at(index.row())
            if m is not None and self.importable(m):
                flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        m = self.row_at(index.row()) if index.isValid() else None
        if m is not None and role == Qt.ItemDataRole.CheckStateRole and index.column() == 0:
            return Qt.CheckState.Checked if self.ticked.get(m.row) and self.importable(m) else Qt.CheckState.Unchecked
        if m is not None and role == Qt.ItemDataRole.BackgroundRole and m.match == "fuzzy" \
                and m.row not in self.assigned and not m.duplicate_of:
            return TO_CONFIRM
        if m is not None and role == Qt.ItemDataRole.ForegroundRole and not self.importable(m):
            return QColor("#80868b")
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        m = self.row_at(index.row()) if index.isValid() else None
        if m is None or role != Qt.ItemDataRole.CheckStateRole or index.column() != 0 or not self.importable(m):
            return False
        self.ticked[m.row] = Qt.CheckState(value) == Qt.CheckState.Checked
        self.dataChanged.emit(index, index)
        return True
