"""Add or edit a contact (联系人): name, title, mobile, phone, e-mail, WeChat, preferred channel, notes, primary.

Masked values (138****5678) are shown as they came; sent back unchanged, the service keeps the stored value.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...models.followup import CONTACT_CHANNELS
from ...services.followup.contacts import ContactInput, ContactView, add_contact, update_contact
from ..context import AppContext
from ..kit.forms import InlineMessage
from ..kit.text import error_text
from ..operations import Failure
from .labels import channel_label


class ContactDialog(QDialog):
    def __init__(self, ctx: AppContext, customer_id: int, contact: ContactView | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.customer_id, self.contact = ctx, customer_id, contact
        self.saved: ContactView | None = None
        self.setWindowTitle(self.tr("编辑联系人") if contact else self.tr("新增联系人"))
        self.setMinimumWidth(440)
        self.name = QLineEdit()
        self.title_edit = QLineEdit()
        self.mobile = QLineEdit()
        self.mobile.setPlaceholderText(self.tr("例如 13812345678"))
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("例如 010-88886666"))
        self.email = QLineEdit()
        self.wechat = QLineEdit()
        self.channel = QComboBox()
        self.channel.addItem(self.tr("（不指定）"), None)
        for code in CONTACT_CHANNELS:
            self.channel.addItem(channel_label(code), code)
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(64)
        self.primary = QCheckBox(self.tr("设为主联系人"))
        self.message = InlineMessage(self)
        form = QFormLayout()
        form.addRow(self.tr("姓名"), self.name)
        form.addRow(self.tr("职务"), self.title_edit)
        form.addRow(self.tr("手机"), self.mobile)
        form.addRow(self.tr("电话"), self.phone)
        form.addRow(self.tr("邮箱"), self.email)
        form.addRow(self.tr("微信"), self.wechat)
        form.addRow(self.tr("首选渠道"), self.channel)
        form.addRow(self.tr("备注"), self.notes)
        form.addRow("", self.primary)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        if contact is not None:
            self._fill(contact)

    def _fill(self, c: ContactView) -> None:
        for edit, value in ((self.name, c.name), (self.title_edit, c.title), (self.mobile, c.mobile),
                            (self.phone, c.phone), (self.email, c.email), (self.wechat, c.wechat)):
            edit.setText(value or "")
        self.channel.setCurrentIndex(max(0, self.channel.findData(c.preferred_channel)))
        self.notes.setPlainText(c.notes or "")
        self.primary.setChecked(c.primary)

    def contact_input(self) -> ContactInput:
        return ContactInput(name=self.name.text(), title=self.title_edit.text() or None,
                            mobile=self.mobile.text() or None, phone=self.phone.text() or None,
                            email=self.email.text() or None, wechat=self.wechat.text() or None,
                            preferred_channel=self.channel.currentData(), notes=self.notes.toPlainText() or None,
                            primary=self.primary.isChecked())

    def submit(self) -> None:
        data = self.contact_input()
        self.buttons.setEnabled(False)

        def failed(failure: Failure) -> bool:
            self.buttons.setEnabled(True)
            self.message.error(error_text(failure.error))
            return True

        def saved(view: ContactView) -> None:
            self.saved = view
            self.accept()

        if self.contact is None:
            op = self.ctx.runner.op(add_contact, self.customer_id, data)
        else:
            op = self.ctx.runner.op(update_contact, self.contact.id, data, self.contact.version)
        op.success(saved).failure(failed).run()
