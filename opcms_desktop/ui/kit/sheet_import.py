"""A sheet import dialog (pricing sheet, usage sheet): choose the file → 检查 (dry run report) → 导入.

The importer is `fn(session, actor, path, *, dry_run, progress, cancel) -> ImportReport`, declared a write
(`@writes(...)`: the runner gives it a write transaction and announces its topics). The dry run writes
nothing and reports exactly what the import would do; 导入 runs it for real in one transaction (cancel
rolls it all back). Changing the file asks for a new check first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...services.platform.errors import Cancelled
from ...services.platform.xlsx_reading import ImportIssue, ImportReport
from ..context import AppContext
from ..errors import is_expected
from ..operations import Failure
from .fields import hint_label
from .file_dialogs import ask_open_path
from .problems import error_text
from .run_panel import RunPanel
from .text import fmt

Index = QModelIndex | QPersistentModelIndex
HEADERS = (QT_TRANSLATE_NOOP("ReportIssuesModel", "Excel行"), QT_TRANSLATE_NOOP("ReportIssuesModel", "列"),
           QT_TRANSLATE_NOOP("ReportIssuesModel", "值"), QT_TRANSLATE_NOOP("ReportIssuesModel", "级别"),
           QT_TRANSLATE_NOOP("ReportIssuesModel", "说明"))
LEVELS = {"error": QT_TRANSLATE_NOOP("ReportIssuesModel", "拒绝"), "warning": QT_TRANSLATE_NOOP("ReportIssuesModel", "警告")}
ERROR_COLOUR, WARNING_COLOUR = QColor("#b3261e"), QColor("#a05a00")


class ReportIssuesModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._issues: list[ImportIssue] = []

    def set_issues(self, issues: Iterable[ImportIssue]) -> None:
        self.beginResetModel()
        self._issues = sorted(issues, key=lambda i: (i.row or 0, i.level != "error"))
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._issues)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._issues)) or not (0 <= index.column() < 5):
            return None
        issue = self._issues[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return ("" if issue.row is None else str(issue.row), issue.column or "", issue.value or "",
                    self.tr(LEVELS.get(issue.level, issue.level)), issue.message)[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() >= 3:
            return ERROR_COLOUR if issue.level == "error" else WARNING_COLOUR
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(HEADERS):
            return self.tr(HEADERS[section])
        return None


class SheetImportDialog(QDialog):
    def __init__(self, ctx: AppContext, title: str, importer: Callable[..., ImportReport], hint: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.importer = ctx, importer
        self.setWindowTitle(title)
        self.resize(860, 560)
        self.report: ImportReport | None = None
        self.checked_path: str | None = None
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("选择 .xlsx 文件"))
        self.path.textChanged.connect(self._path_changed)
        browse = QPushButton(self.tr("浏览…"))
        browse.clicked.connect(self.browse)
        self.check_button = QPushButton(self.tr("检查"))
        self.check_button.clicked.connect(self.check)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("文件")))
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        row.addWidget(self.check_button)
        self.panel = RunPanel(self)
        self.summary = QLabel(self.tr("先检查：试运行逐行核对文件，不写入任何数据；确认无误后再导入。"))
        self.summary.setWordWrap(True)
        self.model = ReportIssuesModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        for column, width in enumerate((64, 100, 140, 56)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.import_button = QPushButton(self.tr("导入"))
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.commit)
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(hint))
        layout.addLayout(row)
        layout.addWidget(self.panel)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    def report_text(self, report: ImportReport) -> str:
        return fmt(self.tr("共 %1 行：新增 %2，更新 %3，未变 %4，拒绝 %5；%6 行有警告。"),
                   *(f"{value:,}" for value in (report.rows, report.inserted, report.updated, report.unchanged,
                                                report.rejected, report.warnings)))

    def browse(self) -> None:
        path = ask_open_path(self, self.windowTitle(), self.path.text(),
                                              self.tr("Excel 工作簿 (*.xlsx *.xls *.ods)"))
        if path:
            self.path.setText(path)

    def _path_changed(self) -> None:
        if self.panel.running:
            return
        self.report, self.checked_path = None, None
        self.import_button.setEnabled(False)

    def _busy(self, busy: bool) -> None:
        self.check_button.setEnabled(not busy)
        self.path.setReadOnly(busy)
        self.import_button.setEnabled(not busy and self.report is not None and self.report.dry_run
                                      and self.report.rows > self.report.rejected)

    def check(self) -> None:
        path = self.path.text().strip()
        if not path or not Path(path).is_file():
            self.summary.setText(self.tr("请选择一个存在的文件。"))
            return
        self.report = None
        self.model.set_issues([])
        self._busy(True)
        op = self.ctx.runner.op(self.importer, path, dry_run=True).success(
            lambda report: self._checked(path, report)).failure(self._failed)
        self.panel.start(self.tr("正在检查…"), op)

    def _checked(self, path: str, report: ImportReport) -> None:
        self.panel.finish()
        self.report, self.checked_path = report, path
        self.model.set_issues(report.issues)
        self.summary.setText(self.tr("检查结果（尚未写入）：") + self.report_text(report)
                             + (self.tr("点“导入”写入。") if report.rows > report.rejected else ""))
        self._busy(False)

    def commit(self) -> None:
        if self.report is None or self.checked_path is None:
            return
        self._busy(True)
        self.import_button.setEnabled(False)
        op = self.ctx.runner.op(self.importer, self.checked_path).success(
            self._imported).failure(self._failed)
        self.panel.start(self.tr("正在导入…"), op)

    def _imported(self, report: ImportReport) -> None:
        self.panel.finish()
        self.report = report
        self.model.set_issues(report.issues)
        self.summary.setText(self.tr("导入完成：") + self.report_text(report))
        self.summary.setStyleSheet("color: #1e6b34; font-weight: 600;")
        self._busy(False)

    def _failed(self, failure: Failure) -> bool:
        self.panel.finish()
        self._busy(False)
        if isinstance(failure.error, Cancelled):
            self.summary.setText(self.tr("已取消，未写入任何数据。"))
            return True
        self.summary.setText(fmt(self.tr("无法导入此文件：%1"), error_text(failure.error)))
        return is_expected(failure.error)  # anything unexpected also gets the dialog with its traceback

    def reject(self) -> None:
        self.panel.cancel()
        super().reject()
