"""催款: the open bills with their last dunning level and hold; run the dunning, hold or release a bill,
write a reminder letter, and (admins) edit the levels."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...services.followup import dunning, dunning_letter
from ..context import AppContext
from ..kit.file_dialogs import ask_save_path
from ..kit.format import money_text
from ..kit.forms import InlineMessage
from ..kit.paged_model import Column
from ..kit.reason_dialog import ReasonDialog
from ..kit.rows_model import RowsTableModel
from ..kit.table_view import DataTableView
from ..kit.text import error_text, fmt
from ..operations import Failure
from .dunning_letter_pdf import write_dunning_letter_pdf
from .dunning_levels_dialog import DunningLevelsDialog
from .widgets import date_edit, date_of

translate = QCoreApplication.translate
CHANGES = frozenset({"dunning", "bills", "receipts", "allocations"})


def level_text(days: int | None) -> str:
    if days is None:
        return "—"
    if days < 0:
        return fmt(translate("worklist", "到期前 %1 天"), -days)
    return fmt(translate("worklist", "逾期 %1 天"), days)


def dunning_columns() -> list[Column]:
    return [
        Column("number", translate("worklist", "账单号"), lambda b: b.number, width=140),
        Column(
            "company_id", translate("worklist", "公司id"), lambda b: b.company_id, align_right=True, width=72
        ),
        Column("customer", translate("worklist", "客户名称"), lambda b: b.customer_name, width=180),
        Column("period", translate("worklist", "账期"), lambda b: b.period, width=70),
        Column("due", translate("worklist", "到期日"), lambda b: b.due_date.isoformat(), width=90),
        Column(
            "days",
            translate("worklist", "逾期天数"),
            lambda b: max(b.days_overdue, 0),
            align_right=True,
            width=72,
        ),
        Column(
            "balance",
            translate("worklist", "未付余额"),
            lambda b: money_text(b.balance),
            align_right=True,
            width=100,
        ),
        Column("level", translate("worklist", "已催级别"), lambda b: level_text(b.last_level), width=130),
        Column(
            "hold", translate("worklist", "暂停原因"), lambda b: b.hold_reason if b.on_hold else "", width=180
        ),
    ]


class DunningScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.as_of = date_edit(dt.date.today())
        self.as_of.dateChanged.connect(lambda _date: self.refresh())
        self.run_button = QPushButton(self.tr("执行催款"))
        self.run_button.setToolTip(self.tr("为到达级别的账单各建一条跟进（同一账单同一级别只催一次）"))
        self.run_button.clicked.connect(self.run_dunning)
        self.run_button.setVisible(ctx.can("dunning.run"))
        self.hold_button = QPushButton(self.tr("暂停催款…"))
        self.hold_button.clicked.connect(lambda: self.change_hold(True))
        self.release_button = QPushButton(self.tr("恢复催款…"))
        self.release_button.clicked.connect(lambda: self.change_hold(False))
        for button in (self.hold_button, self.release_button):
            button.setVisible(ctx.can("dunning.run"))
        self.letter_button = QPushButton(self.tr("催款函 PDF…"))
        self.letter_button.clicked.connect(self.write_letter)
        self.levels_button = QPushButton(self.tr("催款级别…"))
        self.levels_button.clicked.connect(self.edit_levels)
        self.levels_button.setVisible(ctx.can("dunning.manage"))
        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("日期")))
        controls.addWidget(self.as_of)
        controls.addWidget(self.run_button)
        controls.addStretch(1)
        for button in (self.hold_button, self.release_button, self.letter_button, self.levels_button):
            controls.addWidget(button)
        self.message = InlineMessage(self)
        self.model = RowsTableModel(
            dunning_columns(), self, highlight=lambda b: b.days_overdue > 0 and not b.on_hold
        )
        self.table = DataTableView("worklist-dunning", self)
        self.table.setModel(self.model)
        for index, column in enumerate(self.model.columns):
            self.table.horizontalHeader().resizeSection(index, column.width or 100)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.status = QLabel()
        self.status.setStyleSheet("color: #5f6368;")
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        ctx.runner.changed.connect(self._on_changed)
        self._enable()
        self.refresh()

    def selected(self) -> dunning.OpenBill | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _enable(self) -> None:
        bill = self.selected()
        self.hold_button.setEnabled(bill is not None and not bill.on_hold)
        self.release_button.setEnabled(bill is not None and bill.on_hold)
        self.letter_button.setEnabled(bill is not None)

    def refresh(self) -> None:
        self.ctx.runner.op(dunning.open_bills, date_of(self.as_of)).success(self._arrived).failure(
            self._failed
        ).run()

    def _arrived(self, bills: tuple[dunning.OpenBill, ...]) -> None:
        self.model.refresh_rows(bills)
        overdue = [b for b in bills if b.days_overdue > 0]
        held = sum(1 for b in bills if b.on_hold)
        self.status.setText(
            fmt(self.tr("未结清账单 %1 张，其中逾期 %2 张、暂停催款 %3 张。"), len(bills), len(overdue), held)
        )
        self._enable()

    def _failed(self, failure: Failure) -> bool:
        self.message.error(error_text(failure.error))
        return True

    def _on_changed(self, what: frozenset) -> None:
        if what & CHANGES:
            self.refresh()

    def run_dunning(self) -> None:
        self.run_button.setEnabled(False)

        def done(run: dunning.DunningRun) -> None:
            self.run_button.setEnabled(True)
            self.message.info(
                fmt(
                    self.tr("催款完成：新建 %1 条，已催过 %2 条，暂停中 %3 条。"),
                    len(run.created),
                    run.skipped,
                    run.on_hold,
                )
            )

        def failed(failure: Failure) -> bool:
            self.run_button.setEnabled(True)
            return self._failed(failure)

        self.ctx.runner.op(dunning.run_dunning, date_of(self.as_of)).success(done).failure(failed).run()

    def change_hold(self, on_hold: bool) -> None:
        bill = self.selected()
        if bill is None:
            return
        if on_hold:
            dialog = ReasonDialog(
                self.tr("暂停催款"), fmt(self.tr("账单 %1 暂停催款的原因（如客户有异议）"), bill.number), self
            )
        else:
            dialog = ReasonDialog(
                self.tr("恢复催款"), fmt(self.tr("账单 %1 恢复催款的说明"), bill.number), self
            )
        dialog.submit_with(
            lambda reason: self.ctx.runner.op(dunning.set_hold, bill.invoice_id, on_hold, reason)
        )
        dialog.open()

    def write_letter(self) -> None:
        bill = self.selected()
        if bill is None:
            return
        path = ask_save_path(
            self, self.tr("保存催款函"), fmt(self.tr("催款函-%1.pdf"), bill.number), "PDF (*.pdf)"
        )
        if not path:
            return

        def arrived(letter: dunning_letter.DunningLetter) -> None:
            write_dunning_letter_pdf(letter, path)
            self.message.info(fmt(self.tr("催款函已保存：%1"), path))

        self.ctx.runner.op(dunning_letter.letter_data, bill.number, date_of(self.as_of)).success(
            arrived
        ).failure(self._failed).run()

    def edit_levels(self) -> None:
        dialog = DunningLevelsDialog(self.ctx, self)
        dialog.open()

    def save_state(self) -> None:
        self.table.save_layout(self.ctx.settings)
