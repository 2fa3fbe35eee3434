"""User administration (admin only): the pattern every later table screen follows.

The screen asks services through the runner; the model holds plain rows; actions re-query on change.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QMessageBox, QPushButton, QVBoxLayout, QWidget

from ...services.customers import owners
from ...services.security import roles, users
from ..context import AppContext
from ..kit.forms import problems_text
from ..kit.table_view import DataTableView
from ..kit.text import fmt
from ..operations import Failure
from .dialogs import LEAST_POWERFUL, UserFormDialog, least_powerful
from .model import UsersTableModel


class UsersScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = UsersTableModel(self)
        self.table = DataTableView("users", self)
        self.table.setModel(self.model)
        self.table.restore_layout(ctx.settings)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("筛选用户名或显示名称"))
        self.search.setMinimumWidth(240)
        self.search.textChanged.connect(self._apply_filter)

        self.new_button = QPushButton(self.tr("新建用户"))
        self.role_button = QPushButton(self.tr("修改角色"))
        self.reset_button = QPushButton(self.tr("重置密码"))
        self.toggle_button = QPushButton(self.tr("停用"))
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.new_button.clicked.connect(self.create_user)
        self.role_button.clicked.connect(self.change_role)
        self.reset_button.clicked.connect(self.reset_password)
        self.toggle_button.clicked.connect(self.toggle_active)
        self.refresh_button.clicked.connect(self.reload)

        bar = QHBoxLayout()
        for widget in (self.new_button, self.role_button, self.reset_button, self.toggle_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.search)
        bar.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        ctx.runner.changed.connect(self._on_changed)
        self._rows: list[users.UserRow] = []
        self.role_choices: list[tuple[str, str]] | None = None  # (name, label) of every role, custom ones too
        self.default_role = LEAST_POWERFUL
        self._update_buttons()
        self.reload()

    # -- data ---------------------------------------------------------------------------------
    def reload(self) -> None:
        self.ctx.runner.op(users.list_users).success(self._show).run()
        self.ctx.runner.op(roles.list_roles).success(self._roles_loaded).failure(lambda _f: True).run()

    def _roles_loaded(self, infos: list[roles.RoleInfo]) -> None:
        self.role_choices = [(r.name, r.label) for r in infos]
        self.default_role = least_powerful([(r.name, r.customer_scope, len(r.permissions)) for r in infos]) \
            or LEAST_POWERFUL

    def _show(self, rows: list[users.UserRow]) -> None:
        self._rows = rows
        self._apply_filter()

    def _apply_filter(self) -> None:
        needle = self.search.text().strip().lower()
        rows = [r for r in self._rows if not needle or needle in r.username or needle in r.display_name.lower()]
        self.model.set_rows(rows)
        self._update_buttons()

    def _on_changed(self, what: frozenset) -> None:
        if "users" in what or "roles" in what:
            self.reload()

    def selected(self) -> users.UserRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self, *_args) -> None:
        row = self.selected()
        for button in (self.role_button, self.reset_button, self.toggle_button):
            button.setEnabled(row is not None)
        self.toggle_button.setText(self.tr("启用") if row is not None and not row.active else self.tr("停用"))

    # -- actions ------------------------------------------------------------------------------
    def _run_dialog(self, dialog: UserFormDialog, call, done=None) -> None:
        def submit() -> None:
            if not dialog.passwords_match():
                return
            dialog.buttons.setEnabled(False)

            def failed(failure: Failure) -> bool:
                dialog.buttons.setEnabled(True)
                dialog.message.error(problems_text(failure.error))
                return True

            def succeeded(row) -> None:
                dialog.accept()
                if done is not None:
                    done(row)

            call(dialog).success(succeeded).failure(failed).run()

        dialog.buttons.accepted.connect(submit)
        dialog.open()

    def create_user(self) -> None:
        dialog = UserFormDialog(self.tr("新建用户"), self, with_identity=True, with_role=True, with_password=True,
                                role=self.default_role, roles=self.role_choices)
        self._run_dialog(dialog, lambda d: self.ctx.runner.op(
            users.create_user, d.username.text(), d.password.text(), d.role.currentData(), d.display_name.text()),
            self.offer_owner_link)

    def offer_owner_link(self, row: users.UserRow) -> None:
        """A new user whose display name is an unlinked owner name of the customer sheet: offer to link."""
        if not self.ctx.actor.can("customers.import"):
            return

        def counted(found: owners.UnlinkedOwner) -> None:
            if found.customers == 0:
                return
            answer = QMessageBox.question(
                self, self.tr("关联客户"),
                fmt(self.tr("客户表中负责人“%1”的 %2 个客户还没有对应用户。要把他们关联到 %3 吗？"),
                    found.name, found.customers, row.username))
            if answer == QMessageBox.StandardButton.Yes:
                self.ctx.runner.op(owners.link_owners_to_user, row.username).success(self._linked).run()

        self.ctx.runner.op(owners.unlinked_owners_named, row.display_name).success(counted) \
            .failure(lambda _f: True).run()

    def _linked(self, linked: owners.OwnersLinked) -> None:
        self.last_linked = linked

    def change_role(self) -> None:
        row = self.selected()
        if row is None:
            return
        dialog = UserFormDialog(self.tr("修改角色"), self, username=row.username, with_identity=False,
                                with_role=True, with_password=False, role=row.role, roles=self.role_choices)
        self._run_dialog(dialog, lambda d: self.ctx.runner.op(
            users.change_role, row.username, d.role.currentData()))

    def reset_password(self) -> None:
        row = self.selected()
        if row is None:
            return
        dialog = UserFormDialog(self.tr("重置密码"), self, username=row.username, with_identity=False,
                                with_role=False, with_password=True)
        self._run_dialog(dialog, lambda d: self.ctx.runner.op(
            users.reset_password, row.username, d.password.text()))

    def toggle_active(self) -> None:
        row = self.selected()
        if row is None:
            return
        if row.active:
            answer = QMessageBox.question(self, self.tr("停用用户"),
                                          fmt(self.tr("停用 %1 后，该用户将无法登录。确定吗？"), row.username))
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.ctx.runner.op(users.set_active, row.username, not row.active).run()

    def save_state(self) -> None:
        self.table.save_layout(self.ctx.settings)
