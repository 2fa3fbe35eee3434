"""What every report tab shares: a row of inputs with 查询 and 导出 Excel, a summary, a table whose last
row is the total (bold), and a status line. A tab names its service call and how to show the result."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...services.receivables.report_xlsx import export_report_xlsx
from ..context import AppContext
from ..kit.export_refusal import unless_export_request
from ..kit.fields import DateEdit
from ..kit.file_dialogs import ask_save_path
from ..kit.forms import InlineMessage
from ..kit.rows_model import RowsTableModel
from ..kit.table_view import DataTableView
from ..kit.text import error_text, fmt
from ..operations import Failure, Operation


def date_edit(value: dt.date) -> QDateEdit:
    edit = DateEdit(QDate(value.year, value.month, value.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def date_of(edit: QDateEdit) -> dt.date:
    value = edit.date()
    return dt.date(value.year(), value.month(), value.day())


def is_total(line: Any) -> bool:
    return getattr(line, "customer_id", 0) is None


class ReportTab(QWidget):
    def __init__(self, ctx: AppContext, key: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.report: Any = None
        self._sized = False
        self.model = RowsTableModel([], self, emphasis=is_total)
        self.table = DataTableView(f"report-{key}", self)
        self.table.setModel(self.model)
        self.controls = QHBoxLayout()
        self.controls.setSpacing(6)
        self.run_button = QPushButton(self.tr("查询"))
        self.run_button.clicked.connect(self.run)
        self.export_button = QPushButton(self.tr("导出 Excel…"))
        self.export_button.clicked.connect(self.export)
        self.export_button.setVisible(ctx.can("reports.export"))
        self.export_button.setEnabled(False)
        self.summary = QWidget()
        self.summary_layout = QHBoxLayout(self.summary)
        self.summary_layout.setContentsMargins(0, 0, 0, 0)
        self.message = InlineMessage(self)
        self.status = QLabel()
        self.status.setStyleSheet("color: #5f6368;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(self.controls)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)

    def finish_controls(self) -> None:
        """Call after adding the tab's inputs to `controls`."""
        self.controls.addWidget(self.run_button)
        self.controls.addStretch(1)
        self.controls.addWidget(self.export_button)

    def label(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setStyleSheet("color: #5f6368;")
        return label

    # -- to implement -----------------------------------------------------------------------------
    def operation(self) -> Operation:
        raise NotImplementedError

    def show_report(self, report: Any) -> None:
        raise NotImplementedError

    def default_file_name(self) -> str:
        return self.tr("报表.xlsx")

    # -- running ----------------------------------------------------------------------------------
    def run(self) -> None:
        self.run_button.setEnabled(False)
        self.message.clear_message()
        self.operation().success(self._arrived).failure(self._failed).run()

    def _arrived(self, report: Any) -> None:
        self.run_button.setEnabled(True)
        self.report = report
        self.export_button.setEnabled(True)
        before = [c.key for c in self.model.columns]
        self.show_report(report)
        if [c.key for c in self.model.columns] != before or not self._sized:
            self._sized = True  # starting widths once per set of columns; the user's own widths stay
            for index, column in enumerate(self.model.columns):
                self.table.horizontalHeader().resizeSection(index, column.width or 110)

    def _failed(self, failure: Failure) -> bool:
        self.run_button.setEnabled(True)
        self.message.error(error_text(failure.error))
        return True

    def export(self) -> None:
        path = ask_save_path(self, self.tr("导出 Excel"), self.default_file_name(),
                                              self.tr("Excel 工作簿 (*.xlsx)"))
        if path:
            self.export_to(path if path.lower().endswith(".xlsx") else path + ".xlsx")

    def export_to(self, path: str) -> None:
        """Write exactly the report shown (no new query)."""
        if self.report is None:
            return
        self.ctx.runner.op(export_report_xlsx, self.report, path) \
            .success(lambda n: self.status.setText(fmt(self.tr("已导出 %1 行到 %2"), n, path))) \
            .failure(unless_export_request(self._failed)).run()
