"""Table models of a bill-run preview: customers (filterable by exception kind, sortable), exceptions, lines.

A preview holds every customer with usage or a plan in the period (about 1,300 at most), computed once by
the service; filtering builds a list of row numbers and sorting orders it by a key (no proxy model).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ...services.billing.run import BillException, CustomerBill
from ...services.pricing.engine import Line, fmt_quantity
from ..kit.format import count_text, money_text
from .labels import SEVERITY_COLOURS, action_label, exception_text, kind_label, plan_text, severity_label, tr

Index = QModelIndex | QPersistentModelIndex
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
ALL, WITH_EXCEPTIONS = "all", "exceptions"


class _ListModel(QAbstractTableModel):
    """Rows from a list, columns as (title, text, sort key, right-aligned)."""

    columns: tuple[tuple[str, Callable[[Any], str], Callable[[Any], Any], bool], ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[Any] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: list[Any]) -> None:
        """New rows, in the order of the last sort (if any)."""
        self.beginResetModel()
        self._rows = list(rows)
        if self._sort is not None:
            column, order = self._sort
            self._rows.sort(key=self.columns[column][2], reverse=order == Qt.SortOrder.DescendingOrder)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def rows(self) -> list[Any]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def _valid(self, index: Index) -> bool:
        return index.isValid() and 0 <= index.row() < len(self._rows) and 0 <= index.column() < len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        _title, text, _key, right = self.columns[index.column()]
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and right:
            return RIGHT
        if role == Qt.ItemDataRole.UserRole:
            return row
        return self.extra(row, index.column(), role)

    def extra(self, row: Any, column: int, role: int) -> Any:
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.columns):
            return tr(self.columns[section][0])
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(self.columns)):
            return
        key = self.columns[column][2]
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        old = list(self._rows)
        self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        moved = {id(r): i for i, r in enumerate(self._rows)}
        for persistent in self.persistentIndexList():
            if persistent.isValid() and 0 <= persistent.row() < len(old):
                new_row = moved[id(old[persistent.row()])]
                self.changePersistentIndex(persistent, self.index(new_row, persistent.column()))
        self.layoutChanged.emit()


def _plans(bill: CustomerBill) -> str:
    return "；".join(plan_text(p) for p in bill.plans) or tr("（无）")


def _kinds(bill: CustomerBill) -> str:
    return "、".join(dict.fromkeys(kind_label(e.kind) for e in bill.exceptions))


def _worst(bill: CustomerBill) -> str | None:
    severities = {e.severity for e in bill.exceptions}
    return next((s for s in ("error", "warning", "info") if s in severities), None)


class BillCustomersModel(_ListModel):
    columns = (
        (QT_TRANSLATE_NOOP("billing", "公司id"), lambda b: str(b.company_id), lambda b: b.company_id, True),
        (QT_TRANSLATE_NOOP("billing", "客户名称"), lambda b: b.name, lambda b: b.name, False),
        (QT_TRANSLATE_NOOP("billing", "本月拍摄"), lambda b: count_text(b.shoots), lambda b: b.shoots, True),
        (QT_TRANSLATE_NOOP("billing", "上月拍摄"), lambda b: count_text(b.previous_shoots), lambda b: b.previous_shoots, True),
        (QT_TRANSLATE_NOOP("billing", "价格方案"), _plans, _plans, False),
        (QT_TRANSLATE_NOOP("billing", "金额(元)"), lambda b: money_text(b.amount), lambda b: b.amount, True),
        (QT_TRANSLATE_NOOP("billing", "处理"), lambda b: action_label(b.action), lambda b: b.action, False),
        (QT_TRANSLATE_NOOP("billing", "异常"), _kinds, lambda b: (_worst(b) or "z", _kinds(b)), False),
    )

    def __init__(self, parent=None):
        super().__init__(parent)
        self._all: list[CustomerBill] = []
        self.kind = ALL

    def set_bills(self, bills: list[CustomerBill]) -> None:
        self._all = list(bills)
        self.set_kind(self.kind)

    def set_kind(self, kind: str) -> None:
        """ALL, WITH_EXCEPTIONS or an exception kind."""
        self.kind = kind
        if kind == ALL:
            shown = self._all
        elif kind == WITH_EXCEPTIONS:
            shown = [b for b in self._all if b.exceptions]
        else:
            shown = [b for b in self._all if any(e.kind == kind for e in b.exceptions)]
        self.set_rows(shown)

    def count(self, kind: str) -> int:
        if kind == ALL:
            return len(self._all)
        if kind == WITH_EXCEPTIONS:
            return sum(1 for b in self._all if b.exceptions)
        return sum(1 for b in self._all if any(e.kind == kind for e in b.exceptions))

    def total_shown(self) -> Decimal:
        return sum((b.amount for b in self._rows if b.billed), Decimal("0"))

    def extra(self, row: CustomerBill, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == 7 and _worst(row):
                return SEVERITY_COLOURS[_worst(row) or "info"]
            if column == 5 and not row.billed:
                return SEVERITY_COLOURS["info"]
        return None


class BillExceptionsModel(_ListModel):
    columns = (
        (QT_TRANSLATE_NOOP("billing", "公司id"), lambda e: str(e.company_id), lambda e: e.company_id, True),
        (QT_TRANSLATE_NOOP("billing", "客户名称"), lambda e: e.customer_name, lambda e: e.customer_name, False),
        (QT_TRANSLATE_NOOP("billing", "类型"), lambda e: kind_label(e.kind), lambda e: e.kind, False),
        (QT_TRANSLATE_NOOP("billing", "级别"), lambda e: severity_label(e.severity), lambda e: e.severity, False),
        (QT_TRANSLATE_NOOP("billing", "说明"), lambda e: exception_text(e.message), lambda e: exception_text(e.message), False),
    )

    def set_exceptions(self, exceptions: list[BillException]) -> None:
        self.set_rows(exceptions)

    def extra(self, row: BillException, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column in (2, 3):
            return SEVERITY_COLOURS.get(row.severity)
        return None


class BillLinesModel(_ListModel):
    columns = (
        (QT_TRANSLATE_NOOP("billing", "系列"), lambda li: tr("全部") if li.series == "ALL" else (li.series or ""), lambda li: li.series or "", False),
        (QT_TRANSLATE_NOOP("billing", "说明"), lambda li: li.description, lambda li: li.description, False),
        (QT_TRANSLATE_NOOP("billing", "数量"), lambda li: fmt_quantity(li.quantity), lambda li: li.quantity, True),
        (QT_TRANSLATE_NOOP("billing", "计算"), lambda li: li.formula or "", lambda li: li.formula or "", False),
        (QT_TRANSLATE_NOOP("billing", "金额(元)"), lambda li: money_text(li.amount), lambda li: li.amount, True),
    )

    def set_lines(self, lines: list[Line]) -> None:
        self.set_rows(lines)
