"""The follow-up dialogs: plan a follow-up (新增跟进), record one as done (完成跟进) and the recurring plan."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...models.followup import FOLLOWUP_METHODS
from ...services.followup.contacts import ContactView, list_contacts
from ...services.followup.followup_plans import PlanResult, PlanView, set_followup_plan, stop_followup_plan
from ...services.followup.followups import Completion, FollowupView, complete_followup, create_followup
from ..context import AppContext
from ..kit.fields import DateEdit, hint_label, to_date, to_qdate
from ..kit.forms import InlineMessage
from ..kit.text import error_text
from ..operations import Failure
from .labels import method_label

NEXT_DEFAULT_DAYS = 14


def method_box(current: str | None = None) -> QComboBox:
    box = QComboBox()
    for code in FOLLOWUP_METHODS:
        box.addItem(method_label(code), code)
    box.setCurrentIndex(max(0, box.findData(current or "phone")))
    return box


class _Dialog(QDialog):
    """OK / Cancel under a form, an inline message, and one service call on OK."""

    def __init__(self, ctx: AppContext, parent: QWidget | None):
        super().__init__(parent)
        self.ctx = ctx
        self.setMinimumWidth(440)
        self.form = QFormLayout()
        self.message = InlineMessage(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def set_texts(self, title: str, ok_text: str) -> None:
        self.setWindowTitle(title)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)

    def submit(self) -> None:
        raise NotImplementedError

    def _call(self, fn, *args, **kwargs) -> None:
        self.buttons.setEnabled(False)

        def failed(failure: Failure) -> bool:
            self.buttons.setEnabled(True)
            self.message.error(error_text(failure.error))
            return True

        def done(result) -> None:
            self.result_value = result
            self.accept()

        self.ctx.runner.op(fn, *args, **kwargs).success(done).failure(failed).run()


class NewFollowupDialog(_Dialog):
    def __init__(self, ctx: AppContext, customer_id: int, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.set_texts(self.tr("新增跟进"), self.tr("保存"))
        self.customer_id = customer_id
        self.result_value: FollowupView | None = None
        self.due = DateEdit(to_qdate(dt.date.today()))
        self.due.setCalendarPopup(True)
        self.method = method_box()
        self.contact = QComboBox()
        self.contact.addItem(self.tr("（不指定）"), None)
        self.content = QPlainTextEdit()
        self.content.setPlaceholderText(self.tr("要跟进什么，例如：确认续约意向"))
        self.content.setFixedHeight(80)
        self.form.addRow(self.tr("跟进日期"), self.due)
        self.form.addRow(self.tr("方式"), self.method)
        self.form.addRow(self.tr("联系人"), self.contact)
        self.form.addRow(self.tr("内容"), self.content)
        ctx.runner.op(list_contacts, customer_id=customer_id, include_inactive=False).success(self._contacts).run()

    def _contacts(self, rows: tuple[ContactView, ...]) -> None:
        for row in rows:
            self.contact.addItem(f"{row.name}（{row.title}）" if row.title else row.name, row.id)

    def submit(self) -> None:
        self._call(create_followup, self.customer_id, due_on=to_date(self.due.date()),
                   method=self.method.currentData(), content=self.content.toPlainText(),
                   contact_id=self.contact.currentData())


class CompleteFollowupDialog(_Dialog):
    def __init__(self, ctx: AppContext, followup_id: int, method: str | None, has_plan: bool = False,
                 parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.set_texts(self.tr("完成跟进"), self.tr("完成"))
        self.followup_id = followup_id
        self.result_value: Completion | None = None
        self.method = method_box(method)
        self.result = QPlainTextEdit()
        self.result.setPlaceholderText(self.tr("跟进结果，例如：客户同意下月续约"))
        self.result.setFixedHeight(80)
        self.schedule_next = QCheckBox(self.tr("安排下次跟进"))
        self.next_due = DateEdit(to_qdate(dt.date.today() + dt.timedelta(days=NEXT_DEFAULT_DAYS)))
        self.next_due.setCalendarPopup(True)
        self.schedule_next.setChecked(not has_plan)
        self.next_due.setEnabled(not has_plan)
        self.schedule_next.toggled.connect(self.next_due.setEnabled)
        self.form.addRow(self.tr("方式"), self.method)
        self.form.addRow(self.tr("结果"), self.result)
        self.form.addRow(self.schedule_next, self.next_due)
        if has_plan:
            self.form.addRow("", hint_label(self.tr("不勾选时，按客户的跟进计划安排下次跟进。")))

    def submit(self) -> None:
        next_due = to_date(self.next_due.date()) if self.schedule_next.isChecked() else None
        self._call(complete_followup, self.followup_id, result=self.result.toPlainText(), next_due=next_due,
                   method=self.method.currentData())


class PlanDialog(_Dialog):
    """Every N days / weeks; 停止计划 when the customer has an active one."""

    def __init__(self, ctx: AppContext, customer_id: int, plan: PlanView | None, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.set_texts(self.tr("跟进计划"), self.tr("保存"))
        self.customer_id = customer_id
        self.result_value: PlanResult | PlanView | None = None
        self.every = QSpinBox()
        self.every.setRange(1, 52)
        self.every.setValue(plan.every_n if plan else 2)
        self.unit = QComboBox()
        self.unit.addItem(self.tr("周"), "week")
        self.unit.addItem(self.tr("天"), "day")
        self.unit.currentIndexChanged.connect(lambda: self.every.setMaximum(52 if self.unit.currentData() == "week"
                                                                             else 366))
        self.unit.setCurrentIndex(max(0, self.unit.findData(plan.unit if plan else "week")))
        self.method = method_box(plan.method if plan else None)
        self.first = QCheckBox(self.tr("同时安排第一次跟进"))
        self.first.setChecked(plan is None)
        self.first_due = DateEdit(to_qdate(dt.date.today()))
        self.first_due.setCalendarPopup(True)
        self.first.toggled.connect(self.first_due.setEnabled)
        self.first_due.setEnabled(plan is None)
        frequency = QHBoxLayout()
        frequency.addWidget(QLabel(self.tr("每")))
        frequency.addWidget(self.every)
        frequency.addWidget(self.unit)
        frequency.addStretch(1)
        self.form.addRow(self.tr("频率"), frequency)
        self.form.addRow(self.tr("方式"), self.method)
        self.form.addRow(self.first, self.first_due)
        self.stop_button = self.buttons.addButton(self.tr("停止计划"), QDialogButtonBox.ButtonRole.ResetRole)
        self.stop_button.setVisible(plan is not None and plan.active)
        self.stop_button.clicked.connect(self.stop)

    def submit(self) -> None:
        first_due = to_date(self.first_due.date()) if self.first.isChecked() else None
        self._call(set_followup_plan, self.customer_id, every_n=self.every.value(), unit=self.unit.currentData(),
                   method=self.method.currentData(), first_due=first_due)

    def stop(self) -> None:
        self._call(stop_followup_plan, self.customer_id)
