"""The 联系人 tab of the customer detail: the customer's contacts, add / edit / deactivate, and reveal.

Decision: the tab shows phone numbers, e-mails and WeChat ids masked for everyone (a screen is seen over
shoulders); a user holding contacts.view_sensitive reveals one contact with 显示完整信息, which the
service audits. The values revealed stay shown until the tab reloads.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...services.followup.contacts import (
    ContactView,
    list_contacts,
    mask_email,
    mask_phone,
    mask_wechat,
    reveal_contact,
    set_contact_active,
)
from ..context import AppContext
from ..kit.paged_model import Column
from ..kit.rows_model import RowsTableModel
from ..kit.table_view import DataTableView
from ..kit.text import error_text, fmt
from ..operations import Failure
from .contact_dialog import ContactDialog
from .labels import channel_label
from .widths import apply_widths

CONTEXT = "ContactsTab"
TITLES = {"name": QT_TRANSLATE_NOOP("ContactsTab", "姓名"), "title": QT_TRANSLATE_NOOP("ContactsTab", "职务"),
          "mobile": QT_TRANSLATE_NOOP("ContactsTab", "手机"), "phone": QT_TRANSLATE_NOOP("ContactsTab", "电话"),
          "email": QT_TRANSLATE_NOOP("ContactsTab", "邮箱"), "wechat": QT_TRANSLATE_NOOP("ContactsTab", "微信"),
          "channel": QT_TRANSLATE_NOOP("ContactsTab", "首选渠道"), "primary": QT_TRANSLATE_NOOP("ContactsTab", "主联系人"),
          "active": QT_TRANSLATE_NOOP("ContactsTab", "状态"), "notes": QT_TRANSLATE_NOOP("ContactsTab", "备注")}
WORDS = (QT_TRANSLATE_NOOP("ContactsTab", "是"), QT_TRANSLATE_NOOP("ContactsTab", "使用中"),
         QT_TRANSLATE_NOOP("ContactsTab", "已停用"))


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def masked(view: ContactView) -> ContactView:
    """The view as the tab shows it before a reveal."""
    if view.masked:
        return view
    return dataclasses.replace(view, mobile=mask_phone(view.mobile), phone=mask_phone(view.phone),
                               email=mask_email(view.email), wechat=mask_wechat(view.wechat), masked=True)


def columns() -> list[Column]:
    return [Column("name", _t(TITLES["name"]), lambda c: c.name, width=90),
            Column("title", _t(TITLES["title"]), lambda c: c.title, width=80),
            Column("mobile", _t(TITLES["mobile"]), lambda c: c.mobile, width=110),
            Column("phone", _t(TITLES["phone"]), lambda c: c.phone, width=110),
            Column("email", _t(TITLES["email"]), lambda c: c.email, width=160),
            Column("wechat", _t(TITLES["wechat"]), lambda c: c.wechat, width=90),
            Column("channel", _t(TITLES["channel"]), lambda c: channel_label(c.preferred_channel), width=70),
            Column("primary", _t(TITLES["primary"]), lambda c: _t("是") if c.primary else "", width=70),
            Column("active", _t(TITLES["active"]), lambda c: _t("使用中") if c.active else _t("已停用"), width=60),
            Column("notes", _t(TITLES["notes"]), lambda c: c.notes)]


class ContactsTab(QWidget):
    def __init__(self, ctx: AppContext, customer_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.customer_id = ctx, customer_id
        self.dialog: ContactDialog | None = None
        self.model = RowsTableModel(columns(), self, highlight=lambda c: not c.active)
        self.table = DataTableView("customer_contacts", self)
        self.table.setModel(self.model)
        apply_widths(self.table, self.model.columns)
        self.table.restore_layout(ctx.settings)
        self.table.setSelectionMode(DataTableView.SelectionMode.SingleSelection)
        self.table.set_open_handler(lambda _index: self.edit_contact())
        self.add_button = QPushButton(self.tr("新增联系人…"))
        self.edit_button = QPushButton(self.tr("编辑…"))
        self.toggle_button = QPushButton(self.tr("停用"))
        self.reveal_button = QPushButton(self.tr("显示完整信息"))
        self.reveal_button.setToolTip(self.tr("显示所选联系人的完整电话、邮箱和微信；此操作记入审计日志。"))
        self.reveal_button.setVisible(ctx.can("contacts.view_sensitive"))
        for button in (self.add_button, self.edit_button, self.toggle_button):
            button.setVisible(ctx.can("contacts.edit"))
        self.add_button.clicked.connect(self.add_contact)
        self.edit_button.clicked.connect(self.edit_contact)
        self.toggle_button.clicked.connect(self.toggle_active)
        self.reveal_button.clicked.connect(self.reveal)
        self.status = QLabel()
        self.status.setWordWrap(True)
        bar = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.toggle_button, self.reveal_button):
            bar.addWidget(button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        ctx.runner.changed.connect(self._on_changed)
        self._update_buttons()
        self.reload()

    def reload(self) -> None:
        self.ctx.runner.op(list_contacts, customer_id=self.customer_id).success(self._show).run()

    def _show(self, rows: tuple[ContactView, ...]) -> None:
        self.model.refresh_rows([masked(r) for r in rows])
        self._update_buttons()

    def _on_changed(self, what: frozenset) -> None:
        if "contacts" in what:
            self.reload()

    def selected(self) -> ContactView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self, *_args) -> None:
        row = self.selected()
        for button in (self.edit_button, self.toggle_button, self.reveal_button):
            button.setEnabled(row is not None)
        self.toggle_button.setText(self.tr("重新启用") if row is not None and not row.active else self.tr("停用"))

    def add_contact(self) -> ContactDialog:
        self.dialog = ContactDialog(self.ctx, self.customer_id, None, self)
        self.dialog.open()
        return self.dialog

    def edit_contact(self) -> ContactDialog | None:
        row = self.selected()
        if row is None or not self.ctx.can("contacts.edit"):
            return None
        self.dialog = ContactDialog(self.ctx, self.customer_id, row, self)
        self.dialog.open()
        return self.dialog

    def _failed(self, failure: Failure) -> bool:
        self.status.setText(error_text(failure.error))
        return True

    def toggle_active(self) -> None:
        row = self.selected()
        if row is None:
            return
        done = self.tr("已停用联系人 %1。") if row.active else self.tr("已启用联系人 %1。")
        self.ctx.runner.op(set_contact_active, row.id, not row.active) \
            .success(lambda view: self.status.setText(fmt(done, view.name))).failure(self._failed).run()

    def reveal(self) -> None:
        row = self.selected()
        if row is None:
            return

        def shown(view: ContactView) -> None:
            rows = [view if r.id == view.id else r for r in self.model.rows()]
            self.model.refresh_rows(rows)
            self.status.setText(fmt(self.tr("已显示 %1 的完整信息（已记入审计日志）。"), view.name))

        self.ctx.runner.op(reveal_contact, row.id).success(shown).failure(self._failed).run()

    def save_state(self) -> None:
        self.table.save_layout(self.ctx.settings)
