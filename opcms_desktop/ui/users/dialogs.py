"""Create user, change role and reset password dialogs."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..kit.forms import InlineMessage, password_field
from ..login import policy_hint

ROLE_CHOICES = [("ops", QT_TRANSLATE_NOOP("UserDialogs", "运营")), ("sales", QT_TRANSLATE_NOOP("UserDialogs", "销售")),
                ("admin", QT_TRANSLATE_NOOP("UserDialogs", "管理员"))]  # until the roles have loaded
LEAST_POWERFUL = "sales"  # the new-user default until the roles have loaded


def least_powerful(infos: list[tuple[str, str, int]]) -> str | None:
    """The role a new user should get unless told otherwise: (name, customer scope, permission count) ->
    the one seeing own customers only with the fewest permissions (never 管理员 by accident)."""
    if not infos:
        return None
    return min(infos, key=lambda r: (r[1] != "own", r[2], r[0]))[0]


def role_combo(current: str | None = None, choices: list[tuple[str, str]] | None = None) -> QComboBox:
    combo = QComboBox()
    if choices is None:
        choices = [(name, QCoreApplication.translate("UserDialogs", label)) for name, label in ROLE_CHOICES]
    for name, label in choices:
        combo.addItem(label, name)
    if current:
        combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


class UserFormDialog(QDialog):
    """Collects input only; the screen runs the service call and reports errors inline here."""

    def __init__(self, title: str, parent: QWidget | None = None, *, username: str = "", with_identity: bool,
                 with_role: bool, with_password: bool, role: str | None = None,
                 roles: list[tuple[str, str]] | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(400)
        self.username = QLineEdit(username)
        self.username.setReadOnly(not with_identity)
        self.display_name = QLineEdit()
        self.role = role_combo(role, roles)
        self.password = password_field()
        self.confirm = password_field()
        self.message = InlineMessage(self)
        form = QFormLayout()
        form.addRow(self.tr("用户名"), self.username)
        if with_identity:
            form.addRow(self.tr("显示名称"), self.display_name)
        if with_role:
            form.addRow(self.tr("角色"), self.role)
        if with_password:
            form.addRow(self.tr("密码"), self.password)
            form.addRow(self.tr("确认密码"), self.confirm)
            hint = QLabel(policy_hint() + self.tr("用户首次登录时须修改密码。"))
            hint.setWordWrap(True)
            hint.setStyleSheet("color: #5f6368;")
            form.addRow("", hint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._with_password = with_password

    def passwords_match(self) -> bool:
        if self._with_password and self.password.text() != self.confirm.text():
            self.message.error(self.tr("两次输入的密码不一致。"))
            return False
        return True
