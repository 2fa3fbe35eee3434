"""The customer table: Ctrl+C copies what the selection holds, also rows whose page is not loaded yet."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from ...services.customers.rows import CustomerRow
from ..kit.table_view import DataTableView
from ..kit.text import fmt
from ..operations import OperationRunner
from .list_model import CustomerListModel
from .selection import rows_at, selected_customers, selected_rows

COPY_LIMIT = 20_000  # more rows than this: export instead


class CustomerTableView(DataTableView):
    copied = Signal(int)  # rows put on the clipboard

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None):
        super().__init__("customers", parent)
        self.runner = runner

    def customer_model(self) -> CustomerListModel:
        model = self.model()
        assert isinstance(model, CustomerListModel)
        return model

    def copy_selection(self) -> str:
        """Tab-separated cells; rows still loading are read first, never copied as placeholders."""
        model = self.customer_model()
        selection = selected_customers(self, model)
        if selection.count > COPY_LIMIT:
            QMessageBox.information(self, self.tr("复制"), fmt(self.tr("选中的行太多（%1 行），请使用“导出当前视图”。"),
                                                             f"{selection.count:,}"))
            return ""
        if not selection.runs:
            return self._copy({})
        self.runner.op(rows_at, selection.query, selection.runs).with_progress(self.tr("正在复制…"), self) \
            .success(self._copy).run()
        return ""

    def _copy(self, fetched: dict[int, CustomerRow]) -> str:
        model = self.customer_model()
        columns = [c for c in self.visible_columns() if self._column_selected(c)]
        lines = []
        for row_number in selected_rows(self):
            row = model.row_at(row_number) or fetched.get(row_number)
            if row is None:
                continue
            values = (model.columns[c].value(row) for c in columns)
            lines.append("\t".join("" if v is None else str(v) for v in values))
        text = "\n".join(lines)
        QGuiApplication.clipboard().setText(text)
        self.copied.emit(len(lines))
        return text

    def _column_selected(self, column: int) -> bool:
        selection = self.selectionModel().selection()
        return any(rng.left() <= column <= rng.right() for rng in selection)
