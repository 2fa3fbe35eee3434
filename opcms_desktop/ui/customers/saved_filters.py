"""Saved filters of the customer list: choose one, save the current view under a name, delete one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from ...services.customers import saved_filters
from ...services.customers.query import CustomerQuery
from ...services.customers.saved_filters import SavedCustomerFilter
from ..kit.text import fmt
from ..operations import OperationRunner
from .texts import t

PLACEHOLDER = "已保存的筛选…"


class SavedFiltersBar(QWidget):
    """`chosen` carries the saved query; `current_query` asks the screen what to save."""

    chosen = Signal(object)

    def __init__(self, runner: OperationRunner, current_query: Callable[[], CustomerQuery],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.runner, self._current_query = runner, current_query
        self.filters: list[SavedCustomerFilter] = []
        self.combo = QComboBox()
        self.combo.setMinimumContentsLength(8)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setToolTip(self.tr("选择一个已保存的筛选"))
        self.combo.activated.connect(self._activated)
        self.save_button = QPushButton(self.tr("保存筛选…"))
        self.save_button.clicked.connect(self.ask_and_save)
        self.delete_button = QPushButton(self.tr("删除"))
        self.delete_button.setToolTip(self.tr("删除选中的已保存筛选"))
        self.delete_button.clicked.connect(self.ask_and_delete)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.combo)
        layout.addWidget(self.save_button)
        layout.addWidget(self.delete_button)
        self._show([])

    # -- data -----------------------------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        self.runner.op(saved_filters.list_customer_filters) \
            .success(lambda found: self._show(found, select)).run()

    def _show(self, found: list[SavedCustomerFilter], select: str | None = None) -> None:
        self.filters = list(found)
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(t(PLACEHOLDER))
        for entry in self.filters:
            self.combo.addItem(entry.name + (self.tr("（无法读取）") if entry.problem else ""))
        names = [f.name for f in self.filters]
        self.combo.setCurrentIndex(names.index(select) + 1 if select in names else 0)
        self.combo.blockSignals(False)
        self._update_buttons()

    def selected(self) -> SavedCustomerFilter | None:
        index = self.combo.currentIndex()
        return self.filters[index - 1] if 1 <= index <= len(self.filters) else None

    def _update_buttons(self) -> None:
        self.delete_button.setEnabled(self.selected() is not None)
        self.combo.setEnabled(bool(self.filters))

    def _activated(self, _index: int) -> None:
        self._update_buttons()
        entry = self.selected()
        if entry is not None and entry.problem is None:
            self.chosen.emit(entry.query)

    def forget_selection(self) -> None:
        """The user changed the view by hand: the combo no longer names what is shown."""
        if self.combo.currentIndex() != 0:
            self.combo.setCurrentIndex(0)
            self._update_buttons()

    # -- actions --------------------------------------------------------------------------------
    def save_as(self, name: str) -> None:
        self.runner.op(saved_filters.save_customer_filter, name, self._current_query()) \
            .success(lambda saved: self.reload(select=saved.name)).with_progress("", self).without_progress_dialog() \
            .run()

    def ask_and_save(self) -> None:
        entry = self.selected()
        name, ok = QInputDialog.getText(self, self.tr("保存筛选"), self.tr("名称（同名的筛选会被替换）："),
                                        QLineEdit.EchoMode.Normal, entry.name if entry else "")
        if ok and name.strip():
            self.save_as(name.strip())

    def delete_selected(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.runner.op(saved_filters.delete_customer_filter, entry.id) \
                .success(lambda _none: self.reload()).run()

    def ask_and_delete(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        answer = QMessageBox.question(self, self.tr("删除筛选"),
                                      fmt(self.tr("删除已保存的筛选“%1”吗？"), entry.name))
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_selected()
