"""负责人对照: the customer sheet's owner names no user carries yet, mapped outside the import wizard.

Each name shows how many customers carry it as sales and as ops owner; the admin maps it to an existing
user, creates a new user for it (display name = the name), or marks it "not a person" (a channel).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...services.customers import owners
from ...services.customers.owner_choices import OwnerChoice, owner_choices
from ...services.security.roles import RoleInfo, list_roles
from ..context import AppContext
from ..kit.forms import InlineMessage, password_field
from ..kit.paged_model import Column
from ..kit.rows_model import RowsTableModel
from ..kit.table_view import DataTableView
from ..kit.text import error_text, fmt
from ..operations import Failure

CONTEXT = "OwnerMapping"
TITLES = {"name": QT_TRANSLATE_NOOP("OwnerMapping", "表中名称"),
          "sales": QT_TRANSLATE_NOOP("OwnerMapping", "销售负责人客户数"),
          "ops": QT_TRANSLATE_NOOP("OwnerMapping", "运营负责人客户数")}


def _columns() -> list[Column]:
    def title(key: str) -> str:
        return QCoreApplication.translate(CONTEXT, TITLES[key])

    return [Column("name", title("name"), lambda r: r.name, width=160),
            Column("sales", title("sales"), lambda r: r.sales_customers, align_right=True, width=130),
            Column("ops", title("ops"), lambda r: r.ops_customers, align_right=True, width=130)]


class NewOwnerUserDialog(QDialog):
    """User name, password and role of a new user for an owner name (the name becomes the display name)."""

    def __init__(self, name: str, roles: list[tuple[str, str]], default_role: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(fmt(self.tr("为“%1”新建用户"), name))
        self.username = QLineEdit()
        self.password = password_field()
        self.role = QComboBox()
        for role_name, label in roles:
            self.role.addItem(label, role_name)
        self.role.setCurrentIndex(max(0, self.role.findData(default_role)))
        self.message = InlineMessage(self)
        form = QFormLayout()
        form.addRow(self.tr("显示名称"), QLabel(name))
        form.addRow(self.tr("用户名"), self.username)
        form.addRow(self.tr("初始密码"), self.password)
        form.addRow(self.tr("角色"), self.role)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)


class OwnerMappingScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = RowsTableModel(_columns(), self)
        self.table = DataTableView("owner_mapping", self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(DataTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(DataTableView.SelectionMode.SingleSelection)
        self.hint = QLabel(self.tr("客户表中的负责人名称还没有对应用户时，相应销售看不到这些客户。"
                                   "把名称对应到已有用户，或为其新建用户。"))
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #5f6368;")
        self.users = QComboBox()
        self.users.setMinimumWidth(180)
        self.map_button = QPushButton(self.tr("对应到此用户"))
        self.new_button = QPushButton(self.tr("新建用户…"))
        self.not_person_button = QPushButton(self.tr("不是人员"))
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.status = QLabel()
        self.count = QLabel()
        self.map_button.clicked.connect(self.map_selected)
        self.new_button.clicked.connect(self.new_user)
        self.not_person_button.clicked.connect(self.not_a_person)
        self.refresh_button.clicked.connect(self.reload)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("用户")))
        bar.addWidget(self.users)
        for button in (self.map_button, self.new_button, self.not_person_button):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        footer = QHBoxLayout()
        footer.addWidget(self.count)
        footer.addStretch(1)
        footer.addWidget(self.status)
        layout.addLayout(footer)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        ctx.runner.changed.connect(self._on_changed)
        self.roles: list[tuple[str, str]] = []
        self.default_role = "sales"
        self._update_buttons()
        self.reload()

    # -- data -----------------------------------------------------------------------------------
    def reload(self) -> None:
        self.ctx.runner.op(owners.list_unlinked_owners).success(self._show).run()
        self.ctx.runner.op(owner_choices).success(self._users_loaded).run()
        self.ctx.runner.op(list_roles).success(self._roles_loaded).failure(lambda _f: True).run()

    def _show(self, rows: list[owners.UnlinkedOwner]) -> None:
        self.model.refresh_rows(rows)
        self.count.setText(fmt(self.tr("%1 个名称尚未对应用户"), len(rows)) if rows
                           else self.tr("所有负责人名称都已对应。"))
        self._update_buttons()

    def _users_loaded(self, choices: list[OwnerChoice]) -> None:
        current = self.users.currentData()
        self.users.clear()
        for choice in choices:
            self.users.addItem(f"{choice.label} ({choice.username})", choice.username)
        if current is not None:
            self.users.setCurrentIndex(max(0, self.users.findData(current)))
        self._update_buttons()

    def _roles_loaded(self, infos: list[RoleInfo]) -> None:
        self.roles = [(r.name, r.label) for r in infos]
        own = sorted((r for r in infos), key=lambda r: (r.customer_scope != "own", len(r.permissions), r.name))
        self.default_role = own[0].name if own else "sales"

    def _on_changed(self, what: frozenset) -> None:
        if what & {"owners", "users", "customers"}:
            self.reload()

    def selected(self) -> owners.UnlinkedOwner | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows()[rows[0].row()] if rows else None

    def _update_buttons(self, *_args) -> None:
        chosen = self.selected() is not None
        self.map_button.setEnabled(chosen and self.users.count() > 0)
        self.new_button.setEnabled(chosen)
        self.not_person_button.setEnabled(chosen)

    # -- actions --------------------------------------------------------------------------------
    def _done(self, applied: owners.MappingApplied) -> None:
        self.status.setText(fmt(self.tr("“%1”已对应，更新了 %2 条负责人记录。"), applied.mapping.name,
                                applied.owner_rows_updated))

    def _failed(self, failure: Failure) -> bool:
        self.status.setText(error_text(failure.error))
        return True

    def map_selected(self) -> None:
        row, username = self.selected(), self.users.currentData()
        if row is None or username is None:
            return
        self.ctx.runner.op(owners.set_owner_mapping, row.name, username=username) \
            .success(self._done).failure(self._failed).run()

    def not_a_person(self) -> None:
        row = self.selected()
        if row is not None:
            self.ctx.runner.op(owners.set_owner_mapping, row.name, not_a_person=True) \
                .success(self._done).failure(self._failed).run()

    def new_user(self) -> None:
        row = self.selected()
        if row is None:
            return
        dialog = NewOwnerUserDialog(row.name, self.roles or [("sales", self.tr("销售"))], self.default_role, self)
        self.dialog = dialog

        def submit() -> None:
            dialog.buttons.setEnabled(False)

            def failed(failure: Failure) -> bool:
                dialog.buttons.setEnabled(True)
                dialog.message.error(error_text(failure.error))
                return True

            def created(linked: owners.OwnersLinked) -> None:
                dialog.accept()
                self.status.setText(fmt(self.tr("已新建用户 %1，关联了 %2 个客户。"), linked.username,
                                        linked.customers))

            self.ctx.runner.op(owners.create_user_for_owner, row.name, dialog.username.text(),
                               dialog.password.text(), dialog.role.currentData()) \
                .success(created).failure(failed).run()

        dialog.buttons.accepted.connect(submit)
        dialog.open()

    def save_state(self) -> None:
        self.table.save_layout(self.ctx.settings)
