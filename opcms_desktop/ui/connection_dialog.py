"""Choose the database: the embedded SQLite file or a shared PostgreSQL server."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..services.platform.db import default_sqlite_path
from ..services.platform.messages import render
from ..services.security import pg_security
from .connection import ConnectionProfile
from .kit.file_dialogs import ask_save_path
from .kit.forms import InlineMessage
from .operations import OperationRunner


def trust_warning_text(profile: ConnectionProfile, username: str | None) -> str | None:
    """In a worker: the warning (in the current language) when the server accepts a wrong password."""
    found = pg_security.trust_warning(profile.url(), username or None)
    return render(found[0], found[1]) if found else None


class ConnectionDialog(QDialog):
    """With a runner, OK on PostgreSQL first checks that the server asks for passwords at all (trust
    authentication defeats every login) and shows a warning; a second OK keeps the choice."""

    def __init__(self, profile: ConnectionProfile, parent: QWidget | None = None,
                 runner: OperationRunner | None = None, username: str = ""):
        super().__init__(parent)
        self._runner, self._username = runner, username
        self._warned_for: ConnectionProfile | None = None
        self.setWindowTitle(self.tr("连接设置"))
        self.setMinimumWidth(480)
        self.sqlite_radio = QRadioButton(self.tr("本机数据库（SQLite，离线使用）"))
        self.pg_radio = QRadioButton(self.tr("共享数据库（PostgreSQL 服务器）"))
        self.sqlite_path = QLineEdit(profile.sqlite_path)
        self.sqlite_path.setPlaceholderText(str(default_sqlite_path()))
        browse = QPushButton(self.tr("浏览…"))
        browse.clicked.connect(self._browse)
        self.host = QLineEdit(profile.host)
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(profile.port)
        self.database = QLineEdit(profile.database)
        note = QLabel(self.tr("连接 PostgreSQL 时使用您自己的用户名和密码登录（在登录窗口输入）。"))
        note.setWordWrap(True)
        note.setStyleSheet("color: #5f6368;")

        path_row = QHBoxLayout()
        path_row.addWidget(self.sqlite_path)
        path_row.addWidget(browse)
        sqlite_form = QFormLayout()
        sqlite_form.addRow(self.tr("数据文件"), path_row)
        pg_form = QFormLayout()
        pg_form.addRow(self.tr("服务器"), self.host)
        pg_form.addRow(self.tr("端口"), self.port)
        pg_form.addRow(self.tr("数据库名"), self.database)
        pg_form.addRow("", note)
        self.message = InlineMessage(self)
        self.buttons = buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                                  | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.sqlite_radio)
        layout.addLayout(sqlite_form)
        layout.addSpacing(8)
        layout.addWidget(self.pg_radio)
        layout.addLayout(pg_form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.sqlite_radio.toggled.connect(self._sync)
        (self.pg_radio if profile.is_postgresql else self.sqlite_radio).setChecked(True)
        self._sync()

    def _sync(self) -> None:
        sqlite = self.sqlite_radio.isChecked()
        self.sqlite_path.setEnabled(sqlite)
        for widget in (self.host, self.port, self.database):
            widget.setEnabled(not sqlite)

    def submit(self) -> None:
        profile = self.profile()
        if not profile.is_postgresql or self._runner is None or self._warned_for == profile:
            self.accept()
            return
        self.buttons.setEnabled(False)
        self.message.info(self.tr("正在检查服务器…"))
        self._runner.call(trust_warning_text, profile, self._username) \
            .success(lambda text: self._checked(profile, text)).failure(lambda _f: self._checked(profile, None)) \
            .run()

    def _checked(self, profile: ConnectionProfile, warning: str | None) -> bool:
        self.buttons.setEnabled(True)
        if warning is None:
            self.message.clear_message()
            self.accept()
            return True
        self._warned_for = profile
        self.message.error(warning + "\n" + self.tr("仍要使用这个服务器，请再按一次“确定”。"))
        return True

    def _browse(self) -> None:
        path = ask_save_path(self, self.tr("选择数据文件"), self.sqlite_path.text()
                                              or str(default_sqlite_path()), "SQLite (*.db)")
        if path:
            self.sqlite_path.setText(path)

    def profile(self) -> ConnectionProfile:
        if self.pg_radio.isChecked():
            return replace(ConnectionProfile(), kind="postgresql", host=self.host.text().strip() or "127.0.0.1",
                           port=self.port.value(), database=self.database.text().strip() or "opcms")
        return replace(ConnectionProfile(), kind="sqlite", sqlite_path=self.sqlite_path.text().strip())
