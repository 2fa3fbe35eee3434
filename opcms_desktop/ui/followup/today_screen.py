"""今日待办: the signed-in user's follow-ups due today and overdue, overdue bills of their customers and
work orders near their deadline; complete a follow-up, or snooze an item for a day or a week."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...services.followup.today import TodayItem, TodayList, snooze_item, today_items
from ..context import AppContext
from ..kit.format import date_text, money_text
from ..kit.paged_model import Column
from ..kit.rows_model import RowsTableModel
from ..kit.table_view import DataTableView
from ..kit.text import error_text, fmt
from ..operations import Failure
from .followup_dialog import CompleteFollowupDialog
from .labels import method_label, state_label, today_kind_label
from .widths import apply_widths

CONTEXT = "TodayScreen"
TITLES = {"kind": QT_TRANSLATE_NOOP("TodayScreen", "类型"), "customer": QT_TRANSLATE_NOOP("TodayScreen", "客户"),
          "company_id": QT_TRANSLATE_NOOP("TodayScreen", "公司id"), "title": QT_TRANSLATE_NOOP("TodayScreen", "事项"),
          "due": QT_TRANSLATE_NOOP("TodayScreen", "到期"), "late": QT_TRANSLATE_NOOP("TodayScreen", "逾期天数"),
          "amount": QT_TRANSLATE_NOOP("TodayScreen", "未收金额"), "detail": QT_TRANSLATE_NOOP("TodayScreen", "方式/状态")}
TOPICS = frozenset({"followups", "bills", "receipts", "allocations", "tickets"})


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _detail(item: TodayItem) -> str:
    return method_label(item.detail) if item.kind == "followup" else state_label(item.detail)


def columns() -> list[Column]:
    return [Column("kind", _t(TITLES["kind"]), lambda i: today_kind_label(i.kind), width=100),
            Column("customer", _t(TITLES["customer"]), lambda i: i.customer_name, width=160),
            Column("company_id", _t(TITLES["company_id"]), lambda i: i.company_id, align_right=True, width=70),
            Column("title", _t(TITLES["title"]), lambda i: i.title, width=260),
            Column("due", _t(TITLES["due"]), lambda i: date_text(i.due), width=90),
            Column("late", _t(TITLES["late"]), lambda i: i.days_overdue or "", align_right=True, width=70),
            Column("amount", _t(TITLES["amount"]), lambda i: money_text(i.amount) if i.amount is not None else "",
                   align_right=True, width=100),
            Column("detail", _t(TITLES["detail"]), _detail)]


def summary_text(result: TodayList) -> str:
    overdue = sum(1 for i in result.items if i.overdue)
    text = fmt(QCoreApplication.translate("TodayScreen", "%1：共 %2 项待办，其中逾期 %3 项"), result.as_of.isoformat(),
               len(result.items), overdue)
    if result.snoozed:
        text += fmt(QCoreApplication.translate("TodayScreen", "（另有 %1 项已推迟）"), result.snoozed)
    return text


class TodayScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 today: Callable[[], dt.date] = dt.date.today):
        super().__init__(parent)
        self.ctx, self.today = ctx, today
        self.dialog: CompleteFollowupDialog | None = None
        self.model = RowsTableModel(columns(), self, highlight=lambda i: i.overdue)
        self.table = DataTableView("today", self)
        self.table.setModel(self.model)
        apply_widths(self.table, self.model.columns)
        self.table.restore_layout(ctx.settings)
        self.table.setSelectionMode(DataTableView.SelectionMode.SingleSelection)
        self.table.set_open_handler(lambda _index: self.complete())
        self.summary = QLabel()
        self.summary.setStyleSheet("font-weight: 600;")
        self.complete_button = QPushButton(self.tr("完成跟进…"))
        self.complete_button.setVisible(ctx.can("followups.edit"))
        self.day_button = QPushButton(self.tr("推迟一天"))
        self.week_button = QPushButton(self.tr("推迟一周"))
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.complete_button.clicked.connect(self.complete)
        self.day_button.clicked.connect(lambda: self.snooze(1))
        self.week_button.clicked.connect(lambda: self.snooze(7))
        self.refresh_button.clicked.connect(self.reload)
        self.status = QLabel()
        self.status.setWordWrap(True)
        bar = QHBoxLayout()
        for button in (self.complete_button, self.day_button, self.week_button):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.refresh_button)
        hint = QLabel(self.tr("分配给您的跟进、您负责客户的跟进和逾期账单、24 小时内到期的工单。推迟的事项到期后会重新出现。"))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #5f6368;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(hint)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        ctx.runner.changed.connect(self._on_changed)
        self._update_buttons()
        self.reload()

    def reload(self) -> None:
        self.ctx.runner.op(today_items, self.today()).success(self._show).run()

    def _show(self, result: TodayList) -> None:
        self.summary.setText(summary_text(result))
        self.model.refresh_rows(result.items)
        self._update_buttons()

    def _on_changed(self, what: frozenset) -> None:
        if what & TOPICS:
            self.reload()

    def selected(self) -> TodayItem | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self, *_args) -> None:
        item = self.selected()
        self.complete_button.setEnabled(item is not None and item.kind == "followup")
        self.day_button.setEnabled(item is not None)
        self.week_button.setEnabled(item is not None)

    def complete(self) -> CompleteFollowupDialog | None:
        item = self.selected()
        if item is None or item.kind != "followup" or not self.ctx.can("followups.edit"):
            return None
        self.dialog = CompleteFollowupDialog(self.ctx, item.item_id, item.detail, False, self)
        self.dialog.open()
        return self.dialog

    def snooze(self, days: int) -> None:
        item = self.selected()
        if item is None:
            return

        def failed(failure: Failure) -> bool:
            self.status.setText(error_text(failure.error))
            return True

        def done(until: dt.date) -> None:
            self.status.setText(fmt(self.tr("已推迟到 %1：%2"), until.isoformat(), item.title or item.customer_name))

        self.ctx.runner.op(snooze_item, item.kind, item.item_id, days, self.today()) \
            .success(done).failure(failed).run()

    def save_state(self) -> None:
        self.table.save_layout(self.ctx.settings)
