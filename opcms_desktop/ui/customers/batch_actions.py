"""Batch actions on the selected customers: assign owners, change cooperation status, disable / enable.

Each action is one operation (one transaction): the selection is resolved to customers (see
selection.py) and changed in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMenu,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ...services import customers
from ...services.customers.batch import BatchResult
from ...services.customers.owner_choices import OwnerChoice, owner_choices
from ...services.platform.operations import writes
from ...services.security.permissions import Actor
from ..context import AppContext
from ..kit.table_view import DataTableView
from ..kit.text import fmt
from .list_model import CustomerListModel
from .owner_picker import OwnerList, kind_label
from .selection import Selection, selected_customers, selected_ids
from .value_combo import ValueCombo


@writes("customers", "audit")
def run_on_selection(session: Session, actor: Actor, selection: Selection, action: Callable[..., BatchResult],
                     *args: Any) -> BatchResult:
    """Resolve the selection to ids and apply the batch action, in one transaction."""
    return action(session, actor, selected_ids(session, actor, selection), *args)


class AssignOwnersDialog(QDialog):
    def __init__(self, choices: Sequence[OwnerChoice], kind: str, count: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        self.setWindowTitle(fmt(self.tr("指定%1"), kind_label(kind)))
        self.owners = OwnerList(choices, kind, (), self)
        self.replace = QRadioButton(fmt(self.tr("替换现有的%1"), kind_label(kind)))
        self.add = QRadioButton(self.tr("追加，保留现有的"))
        self.replace.setChecked(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = self.buttons.addButton(fmt(self.tr("应用到 %1 个客户"), f"{count:,}"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.owners)
        layout.addWidget(self.replace)
        layout.addWidget(self.add)
        layout.addWidget(self.buttons)
        self.resize(320, 440)


class CoopStatusDialog(QDialog):
    def __init__(self, statuses: Sequence[tuple[str, str]], count: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("修改合作状态"))
        self.status = ValueCombo()
        self.status.set_choices(statuses, none_label=self.tr("（清空）"))
        self.status.setCurrentIndex(1 if statuses else 0)
        self.raw = QLineEdit()
        self.raw.setPlaceholderText(self.tr("可选：合作状态原文"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton(fmt(self.tr("应用到 %1 个客户"), f"{count:,}"),
                               QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("合作状态"), self.status)
        form.addRow(self.tr("原文"), self.raw)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)


class BatchActions(QObject):
    """The 批量操作 menu of the customer list."""

    finished = Signal(object)  # BatchResult

    def __init__(self, ctx: AppContext, table: DataTableView, model: CustomerListModel, parent: QWidget):
        super().__init__(parent)
        self.ctx, self.table, self.model, self.parent_widget = ctx, table, model, parent
        self.coop_statuses: list[tuple[str, str]] = []
        self.menu = QMenu(parent)
        self.menu.addAction(self.tr("指定销售负责人…"), lambda: self.assign_owners("sales"))
        self.menu.addAction(self.tr("指定运营负责人…"), lambda: self.assign_owners("ops"))
        self.menu.addAction(self.tr("修改合作状态…"), self.change_coop_status)
        self.menu.addSeparator()
        self.menu.addAction(self.tr("停用所选客户"), lambda: self.set_disabled(True))
        self.menu.addAction(self.tr("启用所选客户"), lambda: self.set_disabled(False))

    def selection(self) -> Selection:
        return selected_customers(self.table, self.model)

    def _run(self, selection: Selection, action: Callable[..., BatchResult], *args: Any) -> None:
        self.ctx.runner.op(run_on_selection, selection, action, *args) \
            .with_progress(self.tr("批量修改客户"), self.parent_widget).success(self.finished.emit).run()

    def _nothing_selected(self, selection: Selection) -> bool:
        if selection.count:
            return False
        QMessageBox.information(self.parent_widget, self.tr("批量操作"), self.tr("请先在列表中选择客户。"))
        return True

    def assign_owners(self, kind: str) -> None:
        selection = self.selection()
        if self._nothing_selected(selection):
            return
        self.ctx.runner.op(owner_choices).success(lambda choices: self._ask_owners(selection, kind, choices)).run()

    def _ask_owners(self, selection: Selection, kind: str, choices: list[OwnerChoice]) -> None:
        dialog = AssignOwnersDialog(choices, kind, selection.count, self.parent_widget)
        dialog.accepted.connect(lambda: self._run(selection, customers.assign_owners, kind,
                                                  dialog.owners.checked_ids(), dialog.replace.isChecked()))
        dialog.open()

    def change_coop_status(self) -> None:
        selection = self.selection()
        if self._nothing_selected(selection):
            return
        dialog = CoopStatusDialog(self.coop_statuses, selection.count, self.parent_widget)
        dialog.accepted.connect(lambda: self._run(selection, customers.set_coop_status, dialog.status.value(),
                                                  dialog.raw.text().strip() or None))
        dialog.open()

    def set_disabled(self, disabled: bool) -> None:
        selection = self.selection()
        if self._nothing_selected(selection):
            return
        verb = self.tr("停用") if disabled else self.tr("启用")
        answer = QMessageBox.question(self.parent_widget, fmt(self.tr("%1客户"), verb),
                                      fmt(self.tr("%1所选的 %2 个客户吗？"), verb, f"{selection.count:,}"))
        if answer == QMessageBox.StandardButton.Yes:
            self._run(selection, customers.set_disabled, disabled)


def describe_result(result: BatchResult) -> str:
    if result.unchanged:
        return fmt(QCoreApplication.translate("BatchActions", "已修改 %1 个客户，%2 个本来如此"),
                   f"{result.changed:,}", f"{result.unchanged:,}")
    return fmt(QCoreApplication.translate("BatchActions", "已修改 %1 个客户"), f"{result.changed:,}")

