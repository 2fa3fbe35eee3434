"""Import wizard, step 2: the dry run and its per-row results, filterable by outcome.

The worker hands over, per filter, the positions of its rows (ImportResult.rows_in) and the counts; the
model reads the rows it shows a page of PAGE at a time. A big sheet's report lives in a temporary SQLite
file (services/customers/import_report.py): a page is two indexed lookups there (about 2 ms), never the
whole report. No proxy model, no sorting of Python rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from ...services.customers.import_report import is_spilled, issues_of_rows, outcomes_at
from ...services.customers.import_result import ImportResult, RowIssue, RowOutcome, in_filter
from ...services.platform.errors import Cancelled
from ..kit.run_panel import RunPanel
from ..kit.text import error_text, fmt
from ..operations import Failure
from .texts import t

Index = QModelIndex | QPersistentModelIndex
HEADERS = ("Excel行", "公司id", "公司名称", "结果", "变更的列", "问题")
OUTCOME_LABELS = {"new": "新增", "updated": "更新", "unchanged": "未变", "rejected": "拒绝"}
FILTERS = (("all", "全部"), ("new", "新增"), ("updated", "更新"), ("unchanged", "未变"), ("warning", "有警告"),
           ("rejected", "拒绝"))
REJECTED_COLOUR = QColor("#b3261e")
WARNING_COLOUR = QColor("#a05a00")


def issue_text(issues: list[RowIssue]) -> str:
    """Errors first; the column is named unless the message already starts with it."""
    return "；".join(f"{i.column}：{i.message}" if i.column and not i.message.startswith(i.column) else i.message
                    for i in sorted(issues, key=lambda i: i.level != "error"))


matches = in_filter
PAGE = 200
CACHED_PAGES = 16


class ImportPreviewModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._result: ImportResult | None = None
        self._issues: dict[int | None, list[RowIssue]] | None = None  # all of them, for a report held in memory
        self._shown: Sequence[int] = ()
        self._pages: dict[int, tuple[list[RowOutcome], dict[int | None, list[RowIssue]]]] = {}
        self.status = "all"
        self.pages_read = 0

    def set_result(self, result: ImportResult | None) -> None:
        self.beginResetModel()
        self._result = result
        self._issues = result.issues_by_row() if result is not None and not is_spilled(result.issues) else None
        self._pages = {}
        self._shown = result.rows_in(self.status) if result is not None else ()
        self.endResetModel()

    def set_status(self, status: str) -> None:
        self.beginResetModel()
        self.status = status
        self._pages = {}
        self._shown = self._result.rows_in(status) if self._result is not None else ()
        self.endResetModel()

    def count(self, status: str) -> int:
        return len(self._result.rows_in(status)) if self._result is not None else 0

    def outcome_at(self, row: int) -> RowOutcome:
        return self._page(row // PAGE)[0][row % PAGE]

    def _page(self, page: int) -> tuple[list[RowOutcome], dict[int | None, list[RowIssue]]]:
        cached = self._pages.get(page)
        if cached is None:
            assert self._result is not None
            outcomes = outcomes_at(self._result.outcomes, self._shown[page * PAGE:(page + 1) * PAGE])
            issues: dict[int | None, list[RowIssue]] = self._issues if self._issues is not None else \
                issues_of_rows(self._result.issues, [o.row for o in outcomes])
            if len(self._pages) >= CACHED_PAGES:
                self._pages.pop(next(iter(self._pages)))
            cached = (outcomes, issues)
            self._pages[page] = cached
            self.pages_read += 1
        return cached

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._shown)) \
                or not (0 <= index.column() < len(HEADERS)):
            return None
        outcomes, issues = self._page(index.row() // PAGE)
        row = outcomes[index.row() % PAGE]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 5:
                text = issue_text(issues.get(row.row, []))
                return text.replace("；", "\n") if role == Qt.ItemDataRole.ToolTipRole else text
            if role == Qt.ItemDataRole.ToolTipRole:
                return None
            return (str(row.row), "" if row.company_id is None else str(row.company_id), row.name or "",
                    t(OUTCOME_LABELS.get(row.outcome, row.outcome)), t("、").join(t(f) for f in row.fields), "")[column]
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.outcome == "rejected":
                return REJECTED_COLOUR
            if row.has_warnings and column == 5:
                return WARNING_COLOUR
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, 1):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(HEADERS):
            return t(HEADERS[section])
        return None


class PreviewPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("检查结果"))
        self.setSubTitle(self.tr("试运行：逐行比较文件与数据库，尚未写入任何数据。"))
        self.operation = None
        self.result: ImportResult | None = None
        self.run_panel = RunPanel(self)
        self.run_panel.cancel_button.clicked.connect(self.cancel)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("color: #a05a00;")
        self.notes.hide()
        self.retry_button = QPushButton(self.tr("重新检查"))
        self.retry_button.clicked.connect(self.start)
        self.retry_button.hide()
        self.model = ImportPreviewModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().setDefaultSectionSize(24)
        header = self.view.horizontalHeader()
        for column, width in enumerate((60, 70, 200, 56, 120)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.filter_buttons: dict[str, QPushButton] = {}
        self.filter_group = QButtonGroup(self)
        self.filter_group.setExclusive(True)
        chips = QHBoxLayout()
        chips.setSpacing(4)
        for key, label in FILTERS:
            button = QPushButton(t(label))
            button.setCheckable(True)
            button.clicked.connect(lambda _on, k=key: self.show_status(k))
            self.filter_group.addButton(button)
            self.filter_buttons[key] = button
            chips.addWidget(button)
        chips.addStretch(1)
        self.filter_buttons["all"].setChecked(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.run_panel)
        layout.addWidget(self.summary)
        layout.addWidget(self.notes)
        layout.addWidget(self.retry_button)
        layout.addLayout(chips)
        layout.addWidget(self.view, 1)

    def wizard_(self):  # the ImportWizard (typed access)
        return self.wizard()

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        self.start()

    def cleanupPage(self) -> None:  # noqa: N802 - Qt API (Back was pressed)
        self.cancel()

    def start(self) -> None:
        wizard = self.wizard_()
        self.result = None
        self.model.set_result(None)
        self.summary.setText("")
        self.notes.hide()
        self.retry_button.hide()
        self.run_panel.start(self.tr("正在检查…"))
        self.operation = wizard.dry_run(self._done, self._failed, self.run_panel.progress)
        self.completeChanged.emit()

    def cancel(self) -> None:
        if self.operation is not None:
            self.operation.cancel()
            self.run_panel.cancel_button.setEnabled(False)

    def _done(self, result: ImportResult) -> None:
        self.operation = None
        self.result = result
        self.run_panel.finish()
        self.model.set_result(result)
        for key, label in FILTERS:
            self.filter_buttons[key].setText(f"{t(label)} {self.model.count(key):,}")
        owners = (fmt(self.tr("有 %1 个负责人名字还没有对应到人员，下一步处理。"), len(result.unresolved_owners))
                  if result.unresolved_owners else "")
        self.summary.setText(fmt(self.tr("共 %1 行：新增 %2，更新 %3，未变 %4，拒绝 %5；%6 行有警告。%7"),
                                 f"{result.rows:,}", f"{result.inserted:,}", f"{result.updated:,}",
                                 f"{result.unchanged:,}", f"{result.rejected:,}", f"{result.warnings:,}", owners))
        if result.conflicts:
            template = (self.tr("%1 个在软件里修改过的字段与表格不同，将以表格为准覆盖（见各行警告）。") if result.sheet_wins
                        else self.tr("%1 个在软件里修改过的字段与表格不同，保留软件里的值（见各行警告）。"))
            self.summary.setText(self.summary.text() + "\n" + fmt(template, len(result.conflicts)))
        notes = [i.message for i in result.notes]
        self.notes.setText(self.tr("文件说明：") + "；".join(notes) if notes else "")
        self.notes.setVisible(bool(notes))
        self.setCommitPage(not result.unresolved_owners)
        self.completeChanged.emit()

    def _failed(self, failure: Failure) -> bool:
        self.operation = None
        self.run_panel.finish()
        cancelled = isinstance(failure.error, Cancelled)
        self.summary.setText(self.tr("检查已取消。") if cancelled
                             else fmt(self.tr("无法检查此文件：%1"), error_text(failure.error)))
        self.retry_button.show()
        self.completeChanged.emit()
        return True

    def show_status(self, status: str) -> None:
        self.filter_buttons[status].setChecked(True)
        self.model.set_status(status)

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return self.result is not None and self.operation is None
