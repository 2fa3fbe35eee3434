"""Roles and permissions (角色权限): the roles list, and an editor with the permission matrix.

Built-in roles keep their name and customer scope (those fields are disabled) and cannot be deleted;
admin keeps users.manage and roles.manage. Saving passes the version the editor loaded, so a role
someone else saved meanwhile is refused (ConflictError) and the editor offers to reload it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...services.platform.errors import ConflictError, ValidationError
from ...services.security import roles
from ...services.security.roles import ADMIN_KEEPS, RoleInfo
from ..context import AppContext
from ..kit.forms import InlineMessage
from ..kit.paged_model import Column
from ..kit.rows_model import RowsTableModel
from ..kit.table_view import DataTableView
from ..kit.text import error_text, fmt, problem_text
from ..operations import Failure
from .labels import scope_label
from .permission_matrix import PermissionMatrix

translate = QCoreApplication.translate  # translate("context", "中文"): lupdate reads the literals


def role_columns() -> list[Column]:
    return [
        Column("label", translate("security", "角色"), lambda r: r.label, width=96),
        Column("name", translate("security", "角色名"), lambda r: r.name, width=90),
        Column("scope", translate("security", "客户范围"), lambda r: scope_label(r.customer_scope), width=120),
        Column("users", translate("security", "用户数"), lambda r: r.user_count, align_right=True, width=56),
        Column("kind", translate("security", "类型"), lambda r: translate("security", "内置") if r.builtin else translate("security", "自定义"), width=64),
    ]


def role_error_text(error: BaseException) -> str:
    """The service's refusals, by their codes, in the words of this screen where it has its own."""
    if isinstance(error, ValidationError):
        lines = []
        for problem in error.problems:
            if problem.code == "roles.name_taken":
                lines.append(fmt(translate("security", "角色名“%1”已被使用。"), problem.value))
            elif problem.code == "roles.name_rule":
                lines.append(translate("security", "角色名须为 2 到 40 个小写字母、数字或下划线，并以字母开头。"))
            elif problem.code == "roles.label_length":
                lines.append(translate("security", "显示名称须为 1 到 80 个字符。"))
            else:
                lines.append(problem_text(problem))
        return "；".join(lines) or error_text(error)
    if isinstance(error, ConflictError):
        return translate("security", "此角色在您打开后已被他人修改。请点“重新加载”查看最新内容，再重新编辑。")
    return error_text(error)


class RolesScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.editable = ctx.can("roles.manage")
        self.current: RoleInfo | None = None  # None while creating a new role
        self._roles: list[RoleInfo] = []
        self._dirty = False
        self._creating = False
        self._loading = False
        self._notice = ""  # shown once the saved role is back from the database

        self.model = RowsTableModel(role_columns(), self)
        self.table = DataTableView("roles", self)
        self.table.setSelectionMode(DataTableView.SelectionMode.SingleSelection)
        self.table.setModel(self.model)
        for index, column in enumerate(self.model.columns):
            if column.width:
                self.table.horizontalHeader().resizeSection(index, column.width)
        self.table.restore_layout(ctx.settings)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.new_button = QPushButton(self.tr("新建角色"))
        self.delete_button = QPushButton(self.tr("删除角色"))
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.new_button.clicked.connect(self.new_role)
        self.delete_button.clicked.connect(self.delete_role)
        self.refresh_button.clicked.connect(lambda: self.reload())
        self.new_button.setEnabled(self.editable)

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("如 finance_viewer"))
        self.label = QLineEdit()
        self.label.setPlaceholderText(self.tr("如 财务只读"))
        self.scope = QComboBox()
        for scope in roles.SCOPES:
            self.scope.addItem(scope_label(scope), scope)
        self.group_hint = QLabel()
        self.group_hint.setStyleSheet("color: #5f6368;")
        self.matrix = PermissionMatrix(self)
        self.message = InlineMessage(self)
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setDefault(True)
        self.revert_button = QPushButton(self.tr("放弃更改"))
        self.reload_button = QPushButton(self.tr("重新加载"))
        self.reload_button.hide()
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        self.reload_button.clicked.connect(self._reload_after_conflict)
        for edit in (self.name, self.label):
            edit.textEdited.connect(lambda _t: self._mark_dirty())
        self.scope.currentIndexChanged.connect(self._scope_changed)
        self.matrix.changed.connect(self._mark_dirty)

        form = QFormLayout()
        form.addRow(self.tr("角色名"), self.name)
        form.addRow(self.tr("显示名称"), self.label)
        form.addRow(self.tr("客户范围"), self.scope)
        form.addRow("", self.group_hint)
        for edit in (self.name, self.label, self.scope):
            edit.setMaximumWidth(320)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reload_button)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        editor = QWidget()
        editor_layout = QVBoxLayout(editor)
        editor_layout.setContentsMargins(12, 0, 4, 0)
        editor_layout.addWidget(self.title)
        editor_layout.addLayout(form)
        editor_layout.addWidget(self.matrix)
        editor_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(editor)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(scroll, 1)
        right_layout.addWidget(self.message)
        right_layout.addLayout(buttons)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([490, 700])
        bar = QHBoxLayout()
        bar.addWidget(self.new_button)
        bar.addWidget(self.delete_button)
        bar.addStretch(1)
        bar.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

        ctx.runner.changed.connect(self._on_changed)
        self._show_role(None, new=False)
        self.reload()

    # -- data -------------------------------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        wanted = select or (self.current.name if self.current else None)
        self.ctx.runner.op(roles.list_roles).success(lambda rows: self._loaded(rows, wanted)).run()

    def _loaded(self, rows: list[RoleInfo], select: str | None) -> None:
        self._roles = list(rows)
        self._loading = True
        self.model.set_rows(self._roles)
        self._loading = False
        names = [r.name for r in self._roles]
        if self._dirty and self.current is None:
            return  # a new role being typed: keep it
        if select in names:
            self.table.selectRow(names.index(select))
        elif self._roles and self.current is None and not self._dirty:
            self.table.selectRow(0)

    def _on_changed(self, what: frozenset) -> None:
        if ("roles" in what or "users" in what) and not self._dirty:  # user counts follow the users
            self.reload()

    def role_named(self, name: str) -> RoleInfo | None:
        return next((r for r in self._roles if r.name == name), None)

    def select_role(self, name: str) -> None:
        names = [r.name for r in self._roles]
        if name in names:
            self.table.selectRow(names.index(name))

    # -- editor -----------------------------------------------------------------------------------
    def _selection_changed(self, *_args) -> None:
        if self._loading:
            return
        rows = self.table.selectionModel().selectedRows()
        role = self.model.row_at(rows[0].row()) if rows else None
        if role is None or (self.current is not None and role.name == self.current.name and not self._dirty):
            if role is not None:
                self._show_role(role, new=False)  # fresh data of the same role
            return
        if self._dirty and not self._discard_ok():
            self._loading = True
            self.table.clearSelection()
            if self.current is not None:
                self.select_role(self.current.name)
            self._loading = False
            return
        self._show_role(role, new=False)

    def _discard_ok(self) -> bool:
        answer = QMessageBox.question(self, self.tr("放弃更改"), self.tr("当前角色有未保存的更改，要放弃吗？"))
        return answer == QMessageBox.StandardButton.Yes

    def _show_role(self, role: RoleInfo | None, *, new: bool) -> None:
        self.current = role
        self._creating = new
        self.message.clear_message()
        self.reload_button.hide()
        builtin = role is not None and role.builtin
        if new:
            self.title.setText(self.tr("新建角色"))
        elif role is None:
            self.title.setText(self.tr("选择左侧的角色查看或编辑其权限"))
        else:
            kind = self.tr("内置角色") if builtin else self.tr("自定义角色")
            self.title.setText(fmt(self.tr("%1（%2）"), role.label, kind))
        self.name.setText(role.name if role else "")
        self.label.setText(role.label if role else "")
        self.scope.blockSignals(True)
        self.scope.setCurrentIndex(max(0, self.scope.findData(role.customer_scope if role else "all")))
        self.scope.blockSignals(False)
        self.matrix.set_permissions(role.permissions if role else ())
        self.matrix.set_scope(role.customer_scope if role else "all")
        self.matrix.set_locked(ADMIN_KEEPS if role is not None and role.name == "admin" else frozenset())
        active = self.editable and (new or role is not None)
        self.name.setEnabled(active and not builtin)
        self.name.setToolTip(self.tr("内置角色不能改名") if builtin else "")
        self.scope.setEnabled(active and not builtin)
        self.scope.setToolTip(self.tr("内置角色的客户范围不能修改") if builtin else "")
        self.label.setEnabled(active)
        self.matrix.set_editable(active)
        if role is not None:
            self.group_hint.setText(fmt(self.tr("%1 个用户使用此角色 · 数据库组 %2"), role.user_count, role.db_group))
        else:
            self.group_hint.setText(self.tr("名称只用小写字母、数字和下划线；显示名称可用中文。") if new else "")
        self._dirty = False
        self._update_buttons()
        if self._notice:
            self.message.info(self._notice)
            self._notice = ""

    def _scope_changed(self, _index: int) -> None:
        self.matrix.set_scope(self.scope.currentData())
        self._mark_dirty()

    def _mark_dirty(self) -> None:
        if self.current is not None or self._creating:
            self._dirty = True
        self._update_buttons()

    def _update_buttons(self) -> None:
        role = self.current
        self.save_button.setEnabled(self.editable and self._dirty and (role is not None or self._creating))
        self.revert_button.setEnabled(self._dirty)
        deletable = self.editable and role is not None and not role.builtin
        self.delete_button.setEnabled(deletable)
        self.delete_button.setToolTip(self.tr("内置角色不能删除") if role is not None and role.builtin else "")

    def new_role(self) -> None:
        if self._dirty and not self._discard_ok():
            return
        self._loading = True
        self.table.clearSelection()
        self._loading = False
        self._show_role(None, new=True)
        self.name.setFocus()

    def revert(self) -> None:
        role = self.role_named(self.current.name) if self.current else None
        self._dirty = False
        if role is None:
            self._show_role(None, new=False)
            if self._roles:
                self.table.selectRow(0)
        else:
            self._show_role(role, new=False)

    # -- saving -----------------------------------------------------------------------------------
    def save(self) -> None:
        name, label = self.name.text().strip(), self.label.text().strip()
        scope, permissions = self.scope.currentData(), sorted(self.matrix.permissions())
        if not name or not label:
            self.message.error(self.tr("请填写角色名和显示名称。"))
            return
        role = self.current
        if role is None:
            operation = self.ctx.runner.op(roles.create_role, name, label, scope, permissions)
        else:
            fields = {"new_name": None if role.builtin else name, "label": label,
                      "customer_scope": None if role.builtin else scope, "permissions": permissions,
                      "expected_version": role.version}
            operation = self.ctx.runner.op(roles.update_role, role.name, **fields)
        self.save_button.setEnabled(False)
        operation.success(self._saved).failure(self._save_failed).run()

    def _saved(self, role: RoleInfo) -> None:
        self._dirty = False
        self._creating = False
        self.current = role
        self._notice = fmt(self.tr("已保存角色“%1”。"), role.label)
        self.reload(select=role.name)

    def _save_failed(self, failure: Failure) -> bool:
        self._update_buttons()
        self.message.error(role_error_text(failure.error))
        self.reload_button.setVisible(isinstance(failure.error, ConflictError))
        return True

    def _reload_after_conflict(self) -> None:
        self._dirty = False
        self.reload_button.hide()
        self.reload(select=self.current.name if self.current else None)

    def delete_role(self) -> None:
        role = self.current
        if role is None or role.builtin:
            return
        if role.user_count:
            self.message.error(fmt(self.tr("有 %1 个用户使用角色“%2”，请先为他们改用其他角色，再删除。"),
                                   role.user_count, role.label))
            return
        answer = QMessageBox.question(self, self.tr("删除角色"),
                                      fmt(self.tr("删除角色“%1”？此操作会记入审计日志。"), role.label))
        if answer != QMessageBox.StandardButton.Yes:
            return

        def deleted(_result) -> None:
            self._dirty = False
            self._show_role(None, new=False)
            self.reload()

        self.ctx.runner.op(roles.delete_role, role.name) \
            .success(deleted).failure(self._save_failed).run()

    def save_state(self) -> None:
        self.table.save_layout(self.ctx.settings)
