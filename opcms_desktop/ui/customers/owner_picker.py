"""Choosing customer owners: a checkable list of users, and a compact field that opens it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...services.customers.owner_choices import OwnerChoice
from ..kit.text import fmt

KIND_LABELS = {"sales": QT_TRANSLATE_NOOP("OwnerPicker", "销售负责人"), "ops": QT_TRANSLATE_NOOP("OwnerPicker", "运营负责人")}


def kind_label(kind: str) -> str:
    """销售负责人 / 运营负责人, translated."""
    return QCoreApplication.translate("OwnerPicker", KIND_LABELS[kind]) if kind in KIND_LABELS else kind


def _ordered(choices: Sequence[OwnerChoice], kind: str) -> list[OwnerChoice]:
    """Users of the matching role first (sales users for a sales owner), then everyone else."""
    return sorted(choices, key=lambda c: (c.role != kind, c.label))


class OwnerList(QWidget):
    """A search box over a checkable list of users."""

    def __init__(self, choices: Sequence[OwnerChoice], kind: str, checked: Sequence[int] = (),
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("查找人员"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.list = QListWidget()
        for choice in _ordered(choices, kind):
            item = QListWidgetItem(f"{choice.label}（{choice.role_label}）" + ("" if choice.active else "，已停用"))
            item.setData(Qt.ItemDataRole.UserRole, choice.user_id)
            item.setData(Qt.ItemDataRole.UserRole + 1, f"{choice.label} {choice.username}".lower())
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if choice.user_id in checked else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.list)

    def _filter(self, text: str) -> None:
        needle = text.strip().lower()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(needle) and needle not in str(item.data(Qt.ItemDataRole.UserRole + 1)))

    def checked_ids(self) -> list[int]:
        return sorted(int(self.list.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.list.count())
                      if self.list.item(i).checkState() == Qt.CheckState.Checked)

    def set_checked(self, user_ids: Sequence[int]) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            on = int(item.data(Qt.ItemDataRole.UserRole)) in user_ids
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


class OwnerDialog(QDialog):
    def __init__(self, choices: Sequence[OwnerChoice], kind: str, checked: Sequence[int],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(fmt(self.tr("选择%1"), kind_label(kind)))
        self.owners = OwnerList(choices, kind, checked, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.owners)
        layout.addWidget(buttons)
        self.resize(300, 380)


class OwnerField(QWidget):
    """Shows the owners' names; "选择…" opens the list. `changed` fires when the user picks others."""

    changed = Signal()

    def __init__(self, kind: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        self.choices: list[OwnerChoice] = []
        self._ids: list[int] = []
        self._unmapped: list[str] = []
        self.text = QLineEdit()
        self.text.setReadOnly(True)
        self.button = QToolButton()
        self.button.setText(self.tr("选择…"))
        self.button.clicked.connect(self.choose)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)

    def set_owners(self, choices: Sequence[OwnerChoice], user_ids: Sequence[int], names: str,
                   unmapped: Sequence[str] = ()) -> None:
        self.choices, self._ids, self._unmapped = list(choices), sorted(user_ids), list(unmapped)
        self.text.setText(names)
        if self._unmapped:
            self.text.setToolTip(fmt(self.tr("表格中的名字尚未对应到人员：%1。选择人员后这些名字会被替换。"),
                                     "、".join(self._unmapped)))

    def user_ids(self) -> list[int]:
        return list(self._ids)

    def set_user_ids(self, user_ids: Sequence[int]) -> None:
        self._ids = sorted(set(user_ids))
        labels = {c.user_id: c.label for c in self.choices}
        self.text.setText("、".join(labels.get(i, str(i)) for i in self._ids))
        self.text.setToolTip("")
        self.changed.emit()

    def setReadOnly(self, read_only: bool) -> None:  # noqa: N802 - mirrors QLineEdit
        self.button.setVisible(not read_only)

    def choose(self) -> None:
        dialog = OwnerDialog(self.choices, self.kind, self._ids, self)
        dialog.accepted.connect(lambda: self.set_user_ids(dialog.owners.checked_ids()))
        dialog.open()
