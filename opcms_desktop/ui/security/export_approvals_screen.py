"""导出审批: export requests (approvers approve or reject another person's request, everyone sees their
own and may ask for one), and, for role managers, each role's export rule."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...services.security import export_approval
from ...services.security.export_approval import Clearance, Policy, RequestRow
from ..context import AppContext
from ..kit.format import local_time_text
from ..kit.paged_model import Column
from ..kit.rows_model import RowsTableModel
from ..kit.table_view import DataTableView
from ..kit.text import fmt
from .access_labels import export_kind, request_state, role_name

MAX_ROWS = 10_000_000


class ExportApprovalsScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = RowsTableModel(
            [
                Column("id", self.tr("申请号"), lambda r: r.id, align_right=True, width=70),
                Column("by", self.tr("申请人"), lambda r: r.requested_by, width=100),
                Column("at", self.tr("申请时间"), lambda r: local_time_text(r.requested_at), width=150),
                Column("kind", self.tr("导出内容"), lambda r: export_kind(r.kind), width=100),
                Column("rows", self.tr("行数"), lambda r: f"{r.rows:,}", align_right=True, width=80),
                Column("status", self.tr("状态"), lambda r: request_state(r.status), width=80),
                Column("decided_by", self.tr("审批人"), lambda r: r.decided_by or "", width=100),
            ],
            self,
            highlight=lambda r: r.status == "pending",
        )
        self.table = DataTableView("export-requests", self)
        self.table.setModel(self.model)
        for index, column in enumerate(self.model.columns):
            if column.width:
                self.table.horizontalHeader().resizeSection(index, column.width)
        approver = ctx.can("exports.approve")
        self.approve_button = QPushButton(self.tr("批准"))
        self.reject_button = QPushButton(self.tr("驳回"))
        self.refresh_button = QPushButton(self.tr("刷新"))
        for button in (self.approve_button, self.reject_button):
            button.setVisible(approver)
            button.setEnabled(False)
        self.approve_button.clicked.connect(lambda: self.decide(export_approval.approve_export))
        self.reject_button.clicked.connect(lambda: self.decide(export_approval.reject_export))
        self.refresh_button.clicked.connect(self.reload)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _prev: self._selected())

        self.kind = QComboBox()
        for key in export_approval.KINDS:
            self.kind.addItem(export_kind(key), key)
        self.rows = QSpinBox()
        self.rows.setRange(1, MAX_ROWS)
        self.rows.setGroupSeparatorShown(True)
        self.rows.setValue(1000)
        self.request_button = QPushButton(self.tr("申请导出"))
        self.request_button.clicked.connect(self.request)
        request_box = QGroupBox(self.tr("申请导出（超过本角色阈值时需要另一位同事批准）"))
        request_row = QHBoxLayout(request_box)
        request_row.addWidget(QLabel(self.tr("内容")))
        request_row.addWidget(self.kind)
        request_row.addWidget(QLabel(self.tr("最多行数")))
        request_row.addWidget(self.rows)
        request_row.addWidget(self.request_button)
        request_row.addStretch(1)

        self.policy_box = QGroupBox(self.tr("角色导出规则"))
        self.policy_role = QComboBox()
        self.policy_role.currentIndexChanged.connect(lambda _i: self._show_policy())
        self.no_threshold = QCheckBox(self.tr("不限行数"))
        self.threshold = QSpinBox()
        self.threshold.setRange(0, MAX_ROWS)
        self.threshold.setGroupSeparatorShown(True)
        self.no_threshold.toggled.connect(lambda on: self.threshold.setEnabled(not on))
        self.masked = QCheckBox(self.tr("导出脱敏字段也需审批"))
        self.save_policy_button = QPushButton(self.tr("保存规则"))
        self.save_policy_button.clicked.connect(self.save_policy)
        policy_row = QHBoxLayout(self.policy_box)
        policy_row.addWidget(QLabel(self.tr("角色")))
        policy_row.addWidget(self.policy_role)
        policy_row.addWidget(QLabel(self.tr("超过")))
        policy_row.addWidget(self.threshold)
        policy_row.addWidget(QLabel(self.tr("行需审批")))
        policy_row.addWidget(self.no_threshold)
        policy_row.addWidget(self.masked)
        policy_row.addWidget(self.save_policy_button)
        policy_row.addStretch(1)
        self.policy_box.setVisible(ctx.can("roles.manage"))
        self.policies: dict[str, Policy] = {}

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bar = QHBoxLayout()
        title = QLabel(self.tr("导出申请") if approver else self.tr("我的导出申请"))
        title.setStyleSheet("font-weight: 600;")
        bar.addWidget(title)
        bar.addStretch(1)
        bar.addWidget(self.approve_button)
        bar.addWidget(self.reject_button)
        bar.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(request_box)
        layout.addWidget(self.policy_box)
        layout.addWidget(self.status)
        ctx.runner.changed.connect(self._on_changed)
        self.reload()

    def _on_changed(self, what: frozenset) -> None:
        if "exports" in what:
            self.reload()

    def reload(self) -> None:
        self.ctx.runner.op(export_approval.list_export_requests).success(self._requests).run()
        if self.ctx.can("roles.manage"):
            self.ctx.runner.op(export_approval.list_export_policies).success(self.show_policies).run()

    def _requests(self, rows: list[RequestRow]) -> None:
        self.model.refresh_rows(rows)
        self._selected()

    def selected_request(self) -> RequestRow | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _selected(self) -> None:
        row = self.selected_request()
        waiting = row is not None and row.status == "pending" and row.requested_by != self.ctx.actor.username
        self.approve_button.setEnabled(waiting)
        self.reject_button.setEnabled(waiting)

    def decide(self, action) -> None:
        row = self.selected_request()
        if row is not None:
            self.ctx.runner.op(action, row.id).success(
                lambda done: self.status.setText(
                    fmt(self.tr("申请 #%1：%2"), done.id, request_state(done.status))
                )
            ).run()

    def request(self) -> None:
        kind, rows = self.kind.currentData(), self.rows.value()

        def done(clearance: Clearance) -> None:
            if not clearance.needed:
                self.status.setText(self.tr("这次导出不需要审批，可以直接导出。"))
            elif clearance.status == "approved":
                self.status.setText(fmt(self.tr("申请 #%1 已批准，可以导出一次。"), clearance.request_id))
            else:
                self.status.setText(fmt(self.tr("已提交申请 #%1，等待审批。"), clearance.request_id))

        self.ctx.runner.op(export_approval.request_export, kind, rows).success(done).run()

    # -- role rules -------------------------------------------------------------------------------
    def show_policies(self, policies: list[Policy]) -> None:
        self.policies = {p.role: p for p in policies}
        current = self.policy_role.currentData()
        self.policy_role.blockSignals(True)
        self.policy_role.clear()
        for policy in policies:
            self.policy_role.addItem(role_name(policy.role), policy.role)
        index = self.policy_role.findData(current)
        self.policy_role.setCurrentIndex(max(index, 0))
        self.policy_role.blockSignals(False)
        self._show_policy()

    def _show_policy(self) -> None:
        policy = self.policies.get(self.policy_role.currentData() or "")
        if policy is None:
            return
        self.no_threshold.setChecked(policy.row_threshold is None)
        self.threshold.setValue(policy.row_threshold or 0)
        self.masked.setChecked(policy.masked_needs_approval)

    def save_policy(self) -> None:
        role = self.policy_role.currentData()
        if not role:
            return
        threshold = None if self.no_threshold.isChecked() else self.threshold.value()
        self.ctx.runner.op(
            export_approval.set_export_policy, role, threshold, self.masked.isChecked()
        ).success(
            lambda saved: self.status.setText(fmt(self.tr("已保存角色 %1 的导出规则"), role_name(saved.role)))
        ).run()

    def save_state(self) -> None:
        self.table.save_layout(self.ctx.settings)
