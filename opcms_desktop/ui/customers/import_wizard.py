"""The customer import wizard: file → dry run preview → owner names → import → summary.

Nothing is written before the last step: the dry run writes nothing, the owner-name choices are kept
in the wizard and saved in the import's own transaction, and cancelling the import rolls it all back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
    QWizard,
    QWizardPage,
)

from ...services.customers.import_result import ImportResult
from ...services.customers.sheet_import import (
    OwnerChoice,
    check_customer_sheet,
    default_plan_start,
)
from ...services.maintenance.guarded import import_customers_after_backup
from ..context import AppContext
from ..kit.fields import DateEdit
from ..kit.file_dialogs import ask_open_path
from ..operations import Failure, Operation
from .import_owners import OwnersPage
from .import_preview import PreviewPage
from .import_summary import SummaryPage

FILE_PAGE, PREVIEW_PAGE, OWNERS_PAGE, SUMMARY_PAGE = range(4)


class FilePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("选择客户表"))
        self.setSubTitle(self.tr("选择要导入的 .xlsx 文件。下一步先试运行检查，确认后才会写入。"))
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("客户表 .xlsx 文件"))
        self.path.textChanged.connect(self.completeChanged)
        browse = QPushButton(self.tr("浏览…"))
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.plan_start = DateEdit()
        self.plan_start.setCalendarPopup(True)
        self.plan_start.setDisplayFormat("yyyy-MM-dd")
        start = default_plan_start()
        self.plan_start.setDate(QDate(start.year, start.month, start.day))
        hint = QLabel(self.tr("表中的单层/多层定价从这一天起生效（新的价格方案）；默认是本月第一天。"))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #5f6368;")
        self.sheet_wins = QCheckBox(self.tr("以表格为准：覆盖在软件里修改过的字段"))
        wins_hint = QLabel(self.tr("不勾选时，上次导入后在软件里修改过的字段保留软件里的值，并在试运行中列为冲突（表格值与软件值）。"))
        wins_hint.setWordWrap(True)
        wins_hint.setStyleSheet("color: #5f6368;")
        form = QFormLayout(self)
        form.addRow(self.tr("文件"), row)
        form.addRow(self.tr("价格生效日期"), self.plan_start)
        form.addRow("", hint)
        form.addRow("", self.sheet_wins)
        form.addRow("", wins_hint)

    def browse(self) -> None:
        path = ask_open_path(self, self.tr("选择客户表"), self.path.text(),
                                              self.tr("Excel 工作簿 (*.xlsx)"))
        if path:
            self.path.setText(path)

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return Path(self.path.text().strip()).suffix.lower() == ".xlsx"

    def start_date(self) -> dt.date:
        d = self.plan_start.date()
        return dt.date(d.year(), d.month(), d.day())


class ImportWizard(QWizard):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, path: str = ""):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("导入客户表"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("开始导入"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("下一步 >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< 上一步"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("完成"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("取消"))
        self.mappings: dict[str, OwnerChoice] = {}
        self.dry_result: ImportResult | None = None
        self.file_page = FilePage()
        self.file_page.path.setText(path)
        self.preview_page = PreviewPage()
        self.owners_page = OwnersPage()
        self.summary_page = SummaryPage()
        for page_id, page in ((FILE_PAGE, self.file_page), (PREVIEW_PAGE, self.preview_page),
                              (OWNERS_PAGE, self.owners_page), (SUMMARY_PAGE, self.summary_page)):
            self.setPage(page_id, page)
        self.setStartId(FILE_PAGE)
        self.resize(920, 620)

    def nextId(self) -> int:  # noqa: N802 - Qt API
        current = self.currentId()
        if current == PREVIEW_PAGE:
            has_owners = self.dry_result is not None and bool(self.dry_result.unresolved_owners)
            return OWNERS_PAGE if has_owners else SUMMARY_PAGE
        return super().nextId()

    def _path(self) -> str:
        return self.file_page.path.text().strip()

    def dry_run(self, done: Callable[[ImportResult], None], failed: Callable[[Failure], bool],
                progress: Callable[[int, int, str], None]) -> Operation:
        def finished(result: ImportResult) -> None:
            self.dry_result = result
            done(result)

        self.dry_result = None
        return self.ctx.runner.op(check_customer_sheet, self._path(), plan_start=self.file_page.start_date(),
                                  sheet_wins=self.file_page.sheet_wins.isChecked()) \
            .on_progress(progress).without_progress_dialog().success(finished).failure(failed).run()

    def commit(self, done: Callable[[ImportResult], None], failed: Callable[[Failure], bool],
               progress: Callable[[int, int, str], None]) -> Operation:
        # the backup-guarded import: a checked SQLite backup inside the same operation, then the import
        return self.ctx.runner.op(import_customers_after_backup, self._path(),
                                  owner_choices=dict(self.mappings), plan_start=self.file_page.start_date(),
                                  sheet_wins=self.file_page.sheet_wins.isChecked()) \
            .on_progress(progress).without_progress_dialog().success(done).failure(failed).run()

    def running(self) -> list[Any]:
        return [op for op in (self.preview_page.operation, self.summary_page.operation) if op is not None]

    def reject(self) -> None:
        for operation in self.running():
            operation.cancel()
        super().reject()
