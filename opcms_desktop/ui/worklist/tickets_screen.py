"""工单: work orders with their SLA deadlines; breached ones are tinted and can be listed alone."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...models.worklist import TICKET_STATUSES
from ...services.followup import tickets
from ..context import AppContext
from ..kit.format import local_time_text
from ..kit.forms import InlineMessage
from ..kit.paged_model import Column
from ..kit.reason_dialog import ReasonDialog
from ..kit.rows_model import RowsTableModel
from ..kit.table_view import DataTableView
from ..kit.text import error_text, fmt
from ..operations import Failure
from .ticket_dialog import TicketDialog
from .widgets import PRIORITY_LABELS, STATUS_LABELS, TICKET_TYPE_LABELS, label

translate = QCoreApplication.translate
# (status the button moves to, its text)
MOVES = (
    ("in_progress", QT_TRANSLATE_NOOP("TicketsScreen", "开始处理")),
    ("waiting_for_customer", QT_TRANSLATE_NOOP("TicketsScreen", "等待客户")),
    ("resolved", QT_TRANSLATE_NOOP("TicketsScreen", "已解决")),
    ("closed", QT_TRANSLATE_NOOP("TicketsScreen", "关闭")),
)


def breach_text(view: tickets.TicketView) -> str:
    parts = []
    if view.first_response_breached:
        parts.append(translate("worklist", "响应超时"))
    if view.resolution_breached:
        parts.append(translate("worklist", "解决超时"))
    if view.paused:
        parts.append(translate("worklist", "暂停计时"))
    return "，".join(parts)


def ticket_columns() -> list[Column]:
    return [
        Column("id", translate("worklist", "工单号"), lambda t: t.id, align_right=True, width=52),
        Column(
            "company_id", translate("worklist", "公司id"), lambda t: t.company_id, align_right=True, width=64
        ),
        Column("customer", translate("worklist", "客户名称"), lambda t: t.customer_name, width=110),
        Column(
            "type",
            translate("worklist", "类型"),
            lambda t: label(TICKET_TYPE_LABELS, t.ticket_type),
            width=100,
        ),
        Column(
            "priority",
            translate("worklist", "优先级"),
            lambda t: label(PRIORITY_LABELS, t.priority),
            width=56,
        ),
        Column("status", translate("worklist", "状态"), lambda t: label(STATUS_LABELS, t.status), width=150),
        Column("subject", translate("worklist", "标题"), lambda t: t.subject, width=150),
        Column("assignee", translate("worklist", "处理人"), lambda t: t.assignee_name or "", width=64),
        Column(
            "first_due",
            translate("worklist", "响应截止"),
            lambda t: local_time_text(t.first_response_due),
            width=122,
        ),
        Column(
            "resolution_due",
            translate("worklist", "解决截止"),
            lambda t: local_time_text(t.resolution_due),
            width=122,
        ),
        Column("sla", translate("worklist", "SLA"), breach_text, width=120),
    ]


class TicketsScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("未结工单"), "open")
        self.status_filter.addItem(self.tr("全部"), None)
        for code in TICKET_STATUSES:
            self.status_filter.addItem(label(STATUS_LABELS, code), code)
        self.status_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.breached_only = QCheckBox(self.tr("只看超时"))
        self.breached_only.toggled.connect(lambda _on: self.refresh())
        self.new_button = QPushButton(self.tr("新建工单…"))
        self.new_button.clicked.connect(lambda: TicketDialog(self.ctx, self).open())
        can_edit = ctx.can("tickets.edit")
        self.new_button.setVisible(can_edit)
        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("状态")))
        controls.addWidget(self.status_filter)
        controls.addWidget(self.breached_only)
        controls.addStretch(1)
        controls.addWidget(self.new_button)
        self.move_buttons: dict[str, QPushButton] = {}
        actions = QHBoxLayout()
        for status, text in MOVES:
            button = QPushButton(self.tr(text))
            button.clicked.connect(lambda _checked=False, s=status: self.move(s))
            button.setVisible(can_edit)
            self.move_buttons[status] = button
            actions.addWidget(button)
        self.note_button = QPushButton(self.tr("备注…"))
        self.note_button.clicked.connect(self.add_note)
        self.note_button.setVisible(can_edit)
        actions.addWidget(self.note_button)
        actions.addStretch(1)
        self.message = InlineMessage(self)
        self.model = RowsTableModel(ticket_columns(), self, highlight=lambda t: t.breached)
        self.table = DataTableView("worklist-tickets", self)
        self.table.setModel(self.model)
        for index, column in enumerate(self.model.columns):
            self.table.horizontalHeader().resizeSection(index, column.width or 100)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.status = QLabel()
        self.status.setStyleSheet("color: #5f6368;")
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        ctx.runner.changed.connect(self._on_changed)
        self._enable()
        self.refresh()

    def selected(self) -> tickets.TicketView | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _enable(self) -> None:
        ticket = self.selected()
        for status, button in self.move_buttons.items():
            button.setEnabled(ticket is not None and ticket.status not in (status, "closed"))
        self.note_button.setEnabled(ticket is not None and ticket.status != "closed")

    def filters(self) -> tickets.TicketFilter:
        choice = self.status_filter.currentData()
        return tickets.TicketFilter(
            status=choice if choice not in (None, "open") else None,
            open_only=choice == "open",
            breached_only=self.breached_only.isChecked(),
        )

    def refresh(self) -> None:
        self.ctx.runner.op(tickets.list_tickets, self.filters()).success(self._arrived).failure(
            self._failed
        ).run()

    def _arrived(self, rows: tuple[tickets.TicketView, ...]) -> None:
        self.model.set_rows(rows)
        breached = sum(1 for t in rows if t.breached)
        self.status.setText(fmt(self.tr("共 %1 张工单，其中 %2 张超时（已着色）。"), len(rows), breached))
        self._enable()

    def _failed(self, failure: Failure) -> bool:
        self.message.error(error_text(failure.error))
        return True

    def _on_changed(self, what: frozenset) -> None:
        if "tickets" in what:
            self.refresh()

    def move(self, status: str) -> None:
        ticket = self.selected()
        if ticket is not None:
            self.ctx.runner.op(tickets.update_ticket, ticket.id, status=status).failure(self._failed).run()

    def add_note(self) -> None:
        ticket = self.selected()
        if ticket is None:
            return
        dialog = ReasonDialog(self.tr("工单备注"), fmt(self.tr("工单 #%1 的备注"), ticket.id), self)
        dialog.submit_with(lambda note: self.ctx.runner.op(tickets.update_ticket, ticket.id, note=note))
        dialog.open()

    def save_state(self) -> None:
        self.table.save_layout(self.ctx.settings)
