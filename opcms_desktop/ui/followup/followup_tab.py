"""The 跟进 tab of the customer detail: the customer's timeline (follow-ups, bills, credit notes, receipts,
work orders, newest first), planning and completing follow-ups, and the recurring plan."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...services.followup.followup_plans import PlanView, get_followup_plan
from ...services.followup.timeline import TimelineEntry, customer_timeline
from ..context import AppContext
from ..kit.format import date_text, money_text
from ..kit.paged_model import Column
from ..kit.rows_model import RowsTableModel
from ..kit.table_view import DataTableView
from ..kit.text import fmt
from .followup_dialog import CompleteFollowupDialog, NewFollowupDialog, PlanDialog
from .labels import kind_label, method_label, state_label
from .widths import apply_widths

CONTEXT = "FollowupTab"
TITLES = {"on": QT_TRANSLATE_NOOP("FollowupTab", "日期"), "kind": QT_TRANSLATE_NOOP("FollowupTab", "类型"),
          "title": QT_TRANSLATE_NOOP("FollowupTab", "内容"), "detail": QT_TRANSLATE_NOOP("FollowupTab", "结果/说明"),
          "method": QT_TRANSLATE_NOOP("FollowupTab", "方式"), "person": QT_TRANSLATE_NOOP("FollowupTab", "联系人/负责人"),
          "amount": QT_TRANSLATE_NOOP("FollowupTab", "金额"), "state": QT_TRANSLATE_NOOP("FollowupTab", "状态")}
TOPICS = frozenset({"followups", "bills", "receipts", "allocations", "tickets", "contacts"})


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def columns() -> list[Column]:
    return [Column("on", _t(TITLES["on"]), lambda e: date_text(e.on), width=90),
            Column("kind", _t(TITLES["kind"]), lambda e: kind_label(e.kind), width=70),
            Column("state", _t(TITLES["state"]), lambda e: state_label(e.state), width=70),
            Column("method", _t(TITLES["method"]), lambda e: method_label(e.method), width=50),
            Column("title", _t(TITLES["title"]), lambda e: e.title, width=220),
            Column("amount", _t(TITLES["amount"]), lambda e: money_text(e.amount) if e.amount is not None else "",
                   align_right=True, width=100),
            Column("person", _t(TITLES["person"]), lambda e: e.person, width=100),
            Column("detail", _t(TITLES["detail"]), lambda e: e.detail)]


def is_open_followup(entry: TimelineEntry | None) -> bool:
    return entry is not None and entry.kind == "followup" and entry.state == "open"


class FollowupTab(QWidget):
    def __init__(self, ctx: AppContext, customer_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.customer_id = ctx, customer_id
        self.plan: PlanView | None = None
        self.dialog: NewFollowupDialog | CompleteFollowupDialog | PlanDialog | None = None
        self.model = RowsTableModel(columns(), self, highlight=is_open_followup)
        self.table = DataTableView("customer_timeline", self)
        self.table.setModel(self.model)
        apply_widths(self.table, self.model.columns)
        self.table.restore_layout(ctx.settings)
        self.table.setSelectionMode(DataTableView.SelectionMode.SingleSelection)
        self.table.set_open_handler(lambda _index: self.complete())
        self.add_button = QPushButton(self.tr("新增跟进…"))
        self.complete_button = QPushButton(self.tr("完成跟进…"))
        self.plan_button = QPushButton(self.tr("跟进计划…"))
        self.plan_label = QLabel()
        for button in (self.add_button, self.complete_button, self.plan_button):
            button.setVisible(ctx.can("followups.edit"))
        self.add_button.clicked.connect(self.add)
        self.complete_button.clicked.connect(self.complete)
        self.plan_button.clicked.connect(self.edit_plan)
        bar = QHBoxLayout()
        for widget in (self.add_button, self.complete_button, self.plan_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.plan_label)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        ctx.runner.changed.connect(self._on_changed)
        self._update_buttons()
        self.reload()

    def reload(self) -> None:
        self.ctx.runner.op(customer_timeline, self.customer_id).success(self._show).run()
        self.ctx.runner.op(get_followup_plan, self.customer_id).success(self._show_plan).run()

    def _show(self, entries: tuple[TimelineEntry, ...]) -> None:
        self.model.refresh_rows(entries)
        self._update_buttons()

    def _show_plan(self, plan: PlanView | None) -> None:
        self.plan = plan
        if plan is None or not plan.active:
            self.plan_label.setText(self.tr("无跟进计划"))
        else:
            unit = self.tr("周") if plan.unit == "week" else self.tr("天")
            self.plan_label.setText(fmt(self.tr("跟进计划：每 %1 %2，%3"), plan.every_n, unit, method_label(plan.method)))

    def _on_changed(self, what: frozenset) -> None:
        if what & TOPICS:
            self.reload()

    def selected(self) -> TimelineEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self, *_args) -> None:
        self.complete_button.setEnabled(is_open_followup(self.selected()))

    def add(self) -> NewFollowupDialog:
        dialog = NewFollowupDialog(self.ctx, self.customer_id, self)
        self.dialog = dialog
        dialog.open()
        return dialog

    def complete(self) -> CompleteFollowupDialog | None:
        entry = self.selected()
        if not is_open_followup(entry) or not self.ctx.can("followups.edit") or entry is None:
            return None
        has_plan = self.plan is not None and self.plan.active
        dialog = CompleteFollowupDialog(self.ctx, entry.item_id, entry.method, has_plan, self)
        self.dialog = dialog
        dialog.open()
        return dialog

    def edit_plan(self) -> PlanDialog:
        dialog = PlanDialog(self.ctx, self.customer_id, self.plan, self)
        self.dialog = dialog
        dialog.open()
        return dialog

    def save_state(self) -> None:
        self.table.save_layout(self.ctx.settings)
