"""Login, first-admin, change-password and re-authentication dialogs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..services.platform.messages import current_language
from ..services.security.passwords import MIN_LENGTH
from .i18n import LANGUAGE_NAMES, choose_language
from .kit.forms import InlineMessage, password_field, problems_text
from .kit.text import fmt
from .operations import Failure, OperationRunner


def policy_hint() -> str:
    """The password policy in a sentence, in the current language."""
    return fmt(QCoreApplication.translate("login", "至少 %1 个字符，不能与用户名相同，不能是常见密码。"), MIN_LENGTH)


class _RunnerDialog(QDialog):
    """A dialog whose OK runs a background call and stays open (with an inline message) on failure."""

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner = runner
        self.message = InlineMessage(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

    def submit(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def _busy(self, busy: bool) -> None:
        self.buttons.setEnabled(not busy)
        if busy:
            self.message.info(self.tr("请稍候…"))

    def _failed(self, failure: Failure) -> bool:
        self._busy(False)
        self.message.error(problems_text(failure.error))
        return True


class LoginDialog(_RunnerDialog):
    """Asks for user name and password; `authenticate(username, password)` runs in the background.

    The language choice switches the app at once (and is remembered for the next start)."""

    connection_requested = Signal()
    language_changed = Signal(str)

    def __init__(self, runner: OperationRunner, authenticate: Callable[[str, str], Any], database: str,
                 username: str = "", remembered: Callable[[str], str | None] | None = None,
                 forget: Callable[[str], None] | None = None, parent: QWidget | None = None):
        super().__init__(runner, parent)
        self._authenticate, self._remembered, self._forget = authenticate, remembered, forget
        self._database = database
        self.result_value: Any = None
        self.setMinimumWidth(380)

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.language = QComboBox()
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(current_language())))
        self.language.currentIndexChanged.connect(self._choose_language)
        self.database_label = QLabel()
        self.database_label.setStyleSheet("color: #5f6368;")
        self.username = QLineEdit(username)
        self.password = password_field()
        self.remember = QCheckBox()
        self.forget_button = QPushButton()
        self.forget_button.setFlat(True)
        self.forget_button.clicked.connect(self._forget_saved)
        self.connection_button = QPushButton()
        self.connection_button.clicked.connect(self.connection_requested)

        self.form = QFormLayout()
        self.form.addRow("", self.username)
        self.form.addRow("", self.password)
        self.form.addRow("", self.remember)
        extra = QHBoxLayout()
        extra.addWidget(self.connection_button)
        extra.addStretch(1)
        extra.addWidget(self.forget_button)
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.language)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(self.database_label)
        layout.addSpacing(8)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addLayout(extra)
        layout.addWidget(self.buttons)
        self.message.clear_on_edit(self.username, self.password)
        self.retranslate()
        self.username.textChanged.connect(self._load_remembered)
        self._load_remembered()
        (self.password if username else self.username).setFocus()

    def retranslate(self) -> None:
        """Every text of the window in the current language (after a switch, too)."""
        self.setWindowTitle(self.tr("登录 OP_CMS"))
        self.title.setText(self.tr("OP_CMS 客户与结算管理"))
        self.database_label.setText(fmt(self.tr("数据库：%1"), self._database))
        self.username.setPlaceholderText(self.tr("用户名"))
        self.password.setPlaceholderText(self.tr("密码"))
        self.remember.setText(self.tr("记住密码（保存在系统凭据管理器中）"))
        self.forget_button.setText(self.tr("清除已保存的密码"))
        self.connection_button.setText(self.tr("连接设置…"))
        self.language.setToolTip(self.tr("界面语言"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("登录"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("退出"))
        for row, text in enumerate((self.tr("用户名"), self.tr("密码"))):
            label = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if label is not None and isinstance(label.widget(), QLabel):
                label.widget().setText(text)
        self.message.clear_message()

    def _choose_language(self, _index: int) -> None:
        code = str(self.language.currentData())
        if code == current_language():
            return
        choose_language(code)
        self.retranslate()
        self.language_changed.emit(code)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "form"):
            self.retranslate()
        super().changeEvent(event)

    def _load_remembered(self) -> None:
        saved = self._remembered(self.username.text().strip()) if self._remembered else None
        self.forget_button.setVisible(bool(saved))
        if saved:
            self.password.setText(saved)
            self.remember.setChecked(True)

    def _forget_saved(self) -> None:
        if self._forget:
            self._forget(self.username.text().strip())
        self.password.clear()
        self.remember.setChecked(False)
        self.forget_button.hide()
        self.message.info(self.tr("已从系统凭据管理器中删除保存的密码。"))

    def submit(self) -> None:
        username, password = self.username.text().strip(), self.password.text()
        if not username or not password:
            self.message.error(self.tr("请输入用户名和密码。"))
            return
        self._busy(True)
        self.runner.call(self._authenticate, username, password).success(self._done).failure(self._failed).run()

    def _done(self, value: Any) -> None:
        self._busy(False)
        self.result_value = value
        self.accept()


class FirstAdminDialog(_RunnerDialog):
    """First start on an empty database: the only question is who the first admin is."""

    def __init__(self, runner: OperationRunner, create: Callable[[str, str, str], Any], database: str,
                 parent: QWidget | None = None):
        super().__init__(runner, parent)
        self._create = create
        self.setWindowTitle(self.tr("创建第一个管理员"))
        self.setMinimumWidth(440)
        intro = QLabel(fmt(self.tr("这是一个新的数据库（%1）。\n请创建第一个管理员账号；系统没有默认密码。"), database))
        intro.setWordWrap(True)
        self.username = QLineEdit("admin")
        self.display_name = QLineEdit()
        self.display_name.setPlaceholderText(self.tr("例如：张三"))
        self.password = password_field()
        self.confirm = password_field()
        hint = QLabel(policy_hint())
        hint.setStyleSheet("color: #5f6368;")
        hint.setWordWrap(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("创建并登录"))
        form = QFormLayout()
        form.addRow(self.tr("用户名"), self.username)
        form.addRow(self.tr("显示名称"), self.display_name)
        form.addRow(self.tr("密码"), self.password)
        form.addRow(self.tr("确认密码"), self.confirm)
        form.addRow("", hint)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.message.clear_on_edit(self.username, self.display_name, self.password, self.confirm)
        self.password.setFocus()
        self.result_value: Any = None

    def submit(self) -> None:
        if self.password.text() != self.confirm.text():
            self.message.error(self.tr("两次输入的密码不一致。"))
            return
        self._busy(True)
        self.runner.call(self._create, self.username.text(), self.password.text(), self.display_name.text()) \
            .success(self._done).failure(self._failed).run()

    def _done(self, value: Any) -> None:
        self._busy(False)
        self.result_value = value
        self.accept()


class ChangePasswordDialog(_RunnerDialog):
    """Forced at first login and after an admin reset; also reachable from the user menu."""

    def __init__(self, runner: OperationRunner, change: Callable[..., Any], forced: bool,
                 parent: QWidget | None = None):
        super().__init__(runner, parent)
        self._change = change
        self.setWindowTitle(self.tr("修改密码"))
        self.setMinimumWidth(400)
        self.old = password_field()
        self.new = password_field()
        self.confirm = password_field()
        hint = QLabel(policy_hint())
        hint.setStyleSheet("color: #5f6368;")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        if forced:
            note = QLabel(self.tr("请先设置新密码再继续使用（首次登录或管理员重置了密码）。"))
            note.setWordWrap(True)
            layout.addWidget(note)
        form = QFormLayout()
        form.addRow(self.tr("当前密码"), self.old)
        form.addRow(self.tr("新密码"), self.new)
        form.addRow(self.tr("确认新密码"), self.confirm)
        form.addRow("", hint)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.message.clear_on_edit(self.old, self.new, self.confirm)

    def submit(self) -> None:
        if self.new.text() != self.confirm.text():
            self.message.error(self.tr("两次输入的新密码不一致。"))
            return
        self._busy(True)
        self.runner.op(self._change, self.old.text(), self.new.text()) \
            .success(lambda _r: self.accept()).failure(self._failed).run()


class ReauthDialog(_RunnerDialog):
    """After the idle timeout: the same user must enter the password again (or quit)."""

    def __init__(self, runner: OperationRunner, authenticate: Callable[[str, str], Any], username: str,
                 parent: QWidget | None = None):
        super().__init__(runner, parent)
        self._authenticate, self._username = authenticate, username
        self.setWindowTitle(self.tr("已锁定"))
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self.password = password_field()
        text = QLabel(fmt(self.tr("长时间未操作，已锁定。请输入 %1 的密码继续。"), username))
        text.setWordWrap(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("解锁"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("退出程序"))
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.password)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.message.clear_on_edit(self.password)

    def submit(self) -> None:
        self._busy(True)
        self.runner.call(self._authenticate, self._username, self.password.text()) \
            .success(lambda _r: self.accept()).failure(self._failed).run()
