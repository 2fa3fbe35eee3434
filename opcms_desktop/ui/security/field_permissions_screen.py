"""字段权限 (admins): per role, each customer field and the money figures hidden, read-only or editable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...services.security import field_permissions
from ...services.security.field_permissions import FieldRule
from ..context import AppContext
from ..kit.paged_model import Column
from ..kit.rows_model import RowsTableModel
from ..kit.table_view import DataTableView
from ..kit.text import fmt
from .access_labels import field_mode, role_name

MUTED_STYLE = "color: #5f6368;"


class FieldPermissionsScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.role = QComboBox()
        self.role.setMinimumWidth(160)
        self.role.currentIndexChanged.connect(lambda _i: self.load_rules())
        self.model = RowsTableModel(
            [
                Column("field", self.tr("字段"), lambda r: r.label, width=180),
                Column("key", self.tr("代码"), lambda r: r.field, width=160),
                Column("mode", self.tr("权限"), lambda r: field_mode(r.mode), width=100),
            ],
            self,
            highlight=lambda r: r.mode == "hidden",
        )
        self.table = DataTableView("field-permissions", self)
        self.table.setModel(self.model)
        for index, column in enumerate(self.model.columns):
            if column.width:
                self.table.horizontalHeader().resizeSection(index, column.width)
        self.buttons = {
            "hidden": QPushButton(self.tr("隐藏")),
            "read_only": QPushButton(self.tr("只读")),
            "editable": QPushButton(self.tr("可编辑")),
        }
        for mode, button in self.buttons.items():
            button.clicked.connect(lambda _checked=False, m=mode: self.set_mode(m))
        self.note = QLabel(
            self.tr(
                "隐藏的字段在该角色的客户列表、详情、导出和命令行中都不出现；只读的字段可以看到但不能修改。"
                "“金额与价格”同时隐藏单层定价和多层定价。公司id 和公司名称始终可见；管理员不受限制。"
            )
        )
        self.note.setWordWrap(True)
        self.note.setStyleSheet(MUTED_STYLE)
        self.status = QLabel()
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("角色")))
        bar.addWidget(self.role)
        bar.addStretch(1)
        bar.addWidget(QLabel(self.tr("将选中的字段设为：")))
        for button in self.buttons.values():
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.ctx.runner.op(field_permissions.field_roles).success(self.show_roles).run()

    def show_roles(self, roles: list[str]) -> None:
        self.role.blockSignals(True)
        self.role.clear()
        for name in roles:
            self.role.addItem(role_name(name), name)
        self.role.blockSignals(False)
        self.load_rules()

    def current_role(self) -> str | None:
        return self.role.currentData()

    def load_rules(self) -> None:
        role = self.current_role()
        if role:
            self.ctx.runner.op(field_permissions.role_field_rules, role).success(
                self.model.refresh_rows
            ).run()

    def selected_rule(self) -> FieldRule | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def set_mode(self, mode: str) -> None:
        rule, role = self.selected_rule(), self.current_role()
        if rule is None or role is None:
            self.status.setText(self.tr("请先选择一个字段"))
            return

        def done(saved: FieldRule) -> None:
            self.status.setText(
                fmt(self.tr("角色 %1 的字段 %2：%3"), role_name(role), saved.label, field_mode(saved.mode))
            )
            self.load_rules()

        self.ctx.runner.op(field_permissions.set_field_mode, role, rule.field, mode).success(done).run()

    def save_state(self) -> None:
        self.table.save_layout(self.ctx.settings)
