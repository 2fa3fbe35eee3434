"""Import wizard, last step: the import itself (progress, cancel), then what it did."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from ...services.customers.error_report import write_error_report
from ...services.customers.import_result import ImportResult
from ...services.platform.errors import Cancelled
from ..kit.file_dialogs import ask_save_path
from ..kit.forms import InlineMessage
from ..kit.run_panel import RunPanel
from ..kit.text import error_text, fmt
from ..operations import Failure
from .texts import t

COUNTS = (("inserted", "新增客户"), ("updated", "更新客户"), ("unchanged", "未变"), ("rejected", "拒绝的行"),
          ("warnings", "有警告的行"), ("plans_created", "新建价格方案"), ("plans_ended", "结束的价格方案"))


class SummaryPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("导入"))
        self.setSubTitle(self.tr("写入数据库；完成前可以取消，取消后数据库保持原样。"))
        self.operation = None
        self.result: ImportResult | None = None
        self.run_panel = RunPanel(self)
        self.run_panel.cancel_button.clicked.connect(self.cancel)
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.headline.setStyleSheet("font-size: 12pt;")
        self.counts: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(6)
        for n, (key, label) in enumerate(COUNTS):
            name = QLabel(t(label))
            name.setStyleSheet("color: #5f6368;")
            value = QLabel("—")
            value.setStyleSheet("font-size: 13pt; font-weight: 600;")
            self.counts[key] = value
            grid.addWidget(name, 0 if n < 4 else 2, n % 4)
            grid.addWidget(value, 1 if n < 4 else 3, n % 4)
        for column in range(4):
            grid.setColumnMinimumWidth(column, 130)
        grid.setColumnStretch(4, 1)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setStyleSheet("color: #5f6368;")
        self.report_button = QPushButton(self.tr("保存错误报告…"))
        self.report_button.clicked.connect(self.ask_report_path)
        self.report_button.setEnabled(False)
        self.retry_button = QPushButton(self.tr("重新导入"))
        self.retry_button.clicked.connect(self.start)
        self.retry_button.hide()
        self.message = InlineMessage(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.report_button)
        buttons.addWidget(self.retry_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.run_panel)
        layout.addWidget(self.headline)
        layout.addSpacing(8)
        layout.addLayout(grid)
        layout.addSpacing(8)
        layout.addWidget(self.details)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.setFinalPage(True)

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        self.start()

    def start(self) -> None:
        self.result = None
        self.retry_button.hide()
        self.message.clear_message()
        self.headline.setText(self.tr("正在导入，完成前不会写入任何数据；取消则数据库保持原样。"))
        self.run_panel.start(self.tr("正在导入…"))
        self.operation = self.wizard().commit(self._done, self._failed, self.run_panel.progress)
        self.completeChanged.emit()

    def cancel(self) -> None:
        if self.operation is not None:
            self.operation.cancel()
            self.run_panel.cancel_button.setEnabled(False)

    def _done(self, result: ImportResult) -> None:
        self.operation = None
        self.result = result
        self.run_panel.finish()
        self.setTitle(self.tr("导入完成"))
        self.setSubTitle(self.tr("数据已写入。可以保存有错误或警告的行，修改后再次导入。"))
        self.headline.setText(fmt(self.tr("已导入 %1（工作表“%2”），价格生效日期 %3，用时 %4 秒。"),
                                  Path(result.path).name, result.sheet, result.plan_start.isoformat(),
                                  f"{result.seconds:.1f}"))
        for key, label in self.counts.items():
            value = getattr(result, key)
            label.setText(f"{value:,}")
            colour = {"rejected": "#b3261e", "warnings": "#a05a00"}.get(key) if value else None
            label.setStyleSheet(f"font-size: 13pt; font-weight: 600;{f' color: {colour};' if colour else ''}")
        extra = []
        if result.dictionary_entries_created:
            extra.append(fmt(self.tr("新增字典项：%1"),
                             t("、").join(label for _kind, label in result.dictionary_entries_created)))
        if result.unresolved_owners:
            extra.append(fmt(self.tr("仍未对应到人员的负责人名字：%1"),
                             t("、").join(o.name for o in result.unresolved_owners)))
        self.details.setText("\n".join(extra))
        self.report_button.setEnabled(bool(result.rejected or result.warnings))
        self.completeChanged.emit()

    def _failed(self, failure: Failure) -> bool:
        self.operation = None
        self.run_panel.finish()
        if isinstance(failure.error, Cancelled):
            self.headline.setText(self.tr("导入已取消，数据库保持原样。"))
        else:
            self.headline.setText(self.tr("导入失败，数据库保持原样。"))
            self.message.error(error_text(failure.error))
        self.retry_button.show()
        self.completeChanged.emit()
        return True

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return self.operation is None

    # -- error report ---------------------------------------------------------------------------
    def ask_report_path(self) -> None:
        if self.result is None:
            return
        default = str(Path(self.result.path).with_name(Path(self.result.path).stem + "-问题行.xlsx"))
        path = ask_save_path(self, self.tr("保存错误报告"), default, self.tr("Excel 工作簿 (*.xlsx)"))
        if path:
            self.save_report(path if path.lower().endswith(".xlsx") else path + ".xlsx")

    def save_report(self, path: str) -> None:
        if self.result is None:
            return
        self.wizard().ctx.runner.call(write_error_report, self.result, path) \
            .with_progress(self.tr("正在保存错误报告…"), self) \
            .success(lambda n: self.message.info(fmt(self.tr("已保存 %1 行到 %2"), f"{n:,}", path))) \
            .failure(self._report_failed).run()

    def _report_failed(self, failure: Failure) -> bool:
        self.message.error(error_text(failure.error))
        return True
