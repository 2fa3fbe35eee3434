"""Pick a customer by 公司id, name or pinyin initials (the customer list's own search, in SQL)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...services.customers.query import CustomerPage, CustomerQuery, list_customers
from ..context import AppContext
from ..kit.text import fmt

SEARCH_DELAY_MS = 250
MAX_RESULTS = 20


class CustomerPicker(QWidget):
    chosen = Signal(object)  # the CustomerRow picked, or None

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("输入公司id、客户名称或拼音首字母"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setMaximumHeight(120)
        self.hint = QLabel()
        self.hint.setStyleSheet("color: #80868b;")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.results.currentItemChanged.connect(lambda item, _old: self.chosen.emit(self._row(item)))
        self._generation = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        layout.addWidget(self.hint)

    @staticmethod
    def _row(item: QListWidgetItem | None):
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def selected(self):
        return self._row(self.results.currentItem())

    def run_search(self) -> None:
        self._timer.stop()
        text = self.search.text().strip()
        self._generation += 1
        generation = self._generation
        if not text:
            self.results.clear()
            self.hint.setText("")
            return
        self.ctx.runner.op(list_customers, CustomerQuery(search=text), 0, MAX_RESULTS) \
            .success(lambda page: self._show(generation, page)).run()

    def _show(self, generation: int, page: CustomerPage) -> None:
        if generation != self._generation:
            return
        self.results.clear()
        for row in page.rows:
            item = QListWidgetItem(fmt(self.tr("%1　%2"), row.company_id, row.name))
            item.setData(Qt.ItemDataRole.UserRole, row)
            self.results.addItem(item)
        if page.total > len(page.rows):
            self.hint.setText(fmt(self.tr("共 %1 个匹配，只列出前 %2 个；请输入更多字。"), page.total, len(page.rows)))
        else:
            self.hint.setText(self.tr("没有匹配的客户。") if not page.rows else "")
        if page.rows:
            self.results.setCurrentRow(0)


class CustomerPickerDialog(QDialog):
    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None, text: str = ""):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self.picker = CustomerPicker(ctx, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(False)
        self.picker.chosen.connect(lambda row: self.ok_button.setEnabled(row is not None))
        layout = QVBoxLayout(self)
        layout.addWidget(self.picker)
        layout.addWidget(buttons)
        if text:
            self.picker.search.setText(text)
