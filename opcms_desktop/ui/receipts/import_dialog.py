"""Import receipts from a bank sheet: a dry run proposes a customer per row (by 公司id, name, similar
name or none); the user ticks, confirms or assigns; only then are the receipts recorded."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...services.receivables.receipt_import import (
    DEFAULT_METHOD,
    MatchedCustomer,
    ReceiptImportResult,
    check_receipt_import,
    import_receipts,
)
from ..context import AppContext
from ..kit.file_dialogs import ask_open_path
from ..kit.forms import InlineMessage
from ..kit.table_view import DataTableView
from ..kit.text import error_text, fmt
from ..operations import Failure
from .customer_picker import CustomerPickerDialog
from .entry_dialog import METHODS
from .import_model import ImportMatchModel


class ReceiptImportDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.path: str | None = None
        self.result_value: ReceiptImportResult | None = None
        self.setWindowTitle(self.tr("导入银行流水"))
        self.resize(1080, 560)
        self.file = QLineEdit()
        self.file.setReadOnly(True)
        self.file.setPlaceholderText(self.tr("选择银行导出的收款表（.xlsx / .xls / .ods）"))
        browse = QPushButton(self.tr("选择文件…"))
        browse.clicked.connect(self.choose_file)
        self.method = QComboBox()
        self.method.setEditable(True)
        self.method.addItems(list(METHODS))  # stored values, not labels
        self.method.setCurrentText(DEFAULT_METHOD)
        self.model = ImportMatchModel(self)
        self.table = DataTableView("receipt-import", self)
        self.table.setModel(self.model)
        for index, column in enumerate(self.model.columns):
            self.table.horizontalHeader().resizeSection(index, column.width or 100)
        self.summary = QLabel(self.tr("选择文件后，系统会先逐行匹配客户，确认后才会登记收款。"))
        self.summary.setWordWrap(True)
        self.message = InlineMessage(self)
        self.assign_button = QPushButton(self.tr("指定客户…"))
        self.assign_button.clicked.connect(self.assign_selected)
        self.import_button = QPushButton(self.tr("导入勾选的收款"))
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.commit)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.file, 1)
        top.addWidget(browse)
        top.addSpacing(12)
        top.addWidget(QLabel(self.tr("收款方式")))
        top.addWidget(self.method)
        bottom = QHBoxLayout()
        bottom.addWidget(self.assign_button)
        bottom.addStretch(1)
        bottom.addWidget(self.import_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(bottom)
        self.model.dataChanged.connect(lambda *_a: self._update())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update())
        self._update()

    def choose_file(self) -> None:
        path = ask_open_path(self, self.tr("选择收款表"), "",
                                              self.tr("表格 (*.xlsx *.xls *.ods)"))
        if path:
            self.load_file(path)

    def load_file(self, path: str) -> None:
        """Dry run: read and match every row; nothing is written."""
        self.path, self.result_value = path, None
        self.file.setText(path)
        self.message.clear_message()
        self.ctx.runner.op(check_receipt_import, path) \
            .with_progress(self.tr("正在读取并匹配…"), self) \
            .success(self._previewed).failure(self._failed).run()

    def _failed(self, failure: Failure) -> bool:
        self.message.error(error_text(failure.error))
        self._update()
        return True

    def _previewed(self, result: ReceiptImportResult) -> None:
        self.model.set_matches(result.matches)
        kinds = Counter(m.match for m in result.matches if not m.duplicate_of)
        duplicates = sum(1 for m in result.matches if m.duplicate_of)
        matched_rows = {m.row for m in result.matches}
        unreadable = len({i.row for i in result.report.issues
                          if i.level == "error" and i.row is not None and i.row not in matched_rows})
        text = fmt(self.tr("共 %1 行：按公司id %2，按名称 %3，相似名称 %4（请确认），未匹配 %5，重复 %6"),
                   len(result.matches) + unreadable, kinds["id"], kinds["name"], kinds["fuzzy"], kinds["none"],
                   duplicates)
        if unreadable:
            text = fmt(self.tr("%1，无法读取 %2 行"), text, unreadable)
        self.summary.setText(fmt(self.tr("%1。"), text))
        self._update()

    def assign_selected(self) -> CustomerPickerDialog | None:
        rows = self.table.selectionModel().selectedRows()
        m = self.model.row_at(rows[0].row()) if rows else None
        if m is None or m.duplicate_of:
            return None
        row = rows[0].row()
        dialog = CustomerPickerDialog(self.ctx, fmt(self.tr("为第 %1 行指定客户"), m.row), self,
                                      text=m.bank.payer or "")

        def picked() -> None:
            chosen = dialog.picker.selected()
            if chosen is not None:
                self.model.assign(row, MatchedCustomer(chosen.id, chosen.company_id, chosen.name))

        dialog.accepted.connect(picked)
        dialog.open()
        return dialog

    def _update(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        selected = self.model.row_at(rows[0].row()) if rows else None
        self.assign_button.setEnabled(selected is not None and not selected.duplicate_of
                                      and self.result_value is None)
        count = self.model.ticked_count()
        self.import_button.setEnabled(self.path is not None and count > 0 and self.result_value is None)
        self.import_button.setText(fmt(self.tr("导入勾选的 %1 笔收款"), count))

    def commit(self) -> None:
        if self.path is None:
            return
        self.import_button.setEnabled(False)
        self.ctx.runner.op(import_receipts, self.path, confirmed=self.model.confirmed(),
                           method=self.method.currentText().strip() or DEFAULT_METHOD) \
            .with_progress(self.tr("正在导入收款…"), self) \
            .success(self._committed).failure(self._failed).run()

    def _committed(self, result: ReceiptImportResult) -> None:
        self.result_value = result
        report = result.report
        self.message.info(fmt(self.tr("已导入 %1 笔收款；未导入 %2 笔，重复 %3 笔。文件：%4"), report.inserted,
                              report.rejected, report.unchanged, Path(self.path or "").name))
        self._update()
