"""The welcome screen of the first start: where the data will live.

Shown before any sign-in when this Windows user has no connection profile and no local database yet
(`needs_welcome`). Three choices, each one click: a new, empty local database (then the first-admin
dialog and the guided path), the demo database (a separate SQLite file filled with made-up customers,
so that nothing of it can mix with real data), or the shared PostgreSQL server (the connection dialog).
"""

from __future__ import annotations

import importlib.util

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QCommandLinkButton, QDialog, QLabel, QVBoxLayout, QWidget

from ...services.platform.db import default_sqlite_path

EMPTY, DEMO, SHARED = "empty", "demo", "shared"
DEMO_FILE = "opcms-demo.db"
DEMO_MODULE = "opcms_desktop.services.insight.demo"


def needs_welcome(settings: QSettings) -> bool:
    """First start: no saved connection profile and no local database file."""
    return not settings.contains("connection/kind") and not default_sqlite_path().exists()


def demo_available() -> bool:
    """The demo loader (services/insight/demo.py, `opcms demo`) is part of this build."""
    try:
        return importlib.util.find_spec(DEMO_MODULE) is not None
    except ImportError:
        return False


def demo_database_path() -> str:
    """Beside the real database, never the same file."""
    return str(default_sqlite_path().with_name(DEMO_FILE))


class WelcomeDialog(QDialog):
    """`choice` is EMPTY, DEMO or SHARED once accepted."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.choice: str | None = None
        self.setWindowTitle(self.tr("欢迎使用 OP_CMS"))
        self.setMinimumWidth(620)
        title = QLabel(self.tr("欢迎使用 OP_CMS 客户与结算管理"))
        title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        intro = QLabel(
            self.tr("第一次在这台电脑上使用。请选择数据放在哪里（以后可在登录窗口的“连接设置”中更改）：")
        )
        intro.setWordWrap(True)
        self.empty_button = QCommandLinkButton(
            self.tr("新建本机数据库"),
            self.tr("从空白开始：创建管理员账号，然后导入客户表。数据只保存在这台电脑上，可离线使用。"),
        )
        self.demo_button = QCommandLinkButton(
            self.tr("打开演示数据库"),
            self.tr("约一千三百家虚构客户和两年的用量、账单、收款，用来熟悉各个界面。与正式数据分开保存。"),
        )
        self.shared_button = QCommandLinkButton(
            self.tr("连接共享数据库（PostgreSQL）"),
            self.tr("公司已有服务器时选择：填写服务器地址，用您自己的账号登录。"),
        )
        self.demo_note = QLabel(self.tr("此版本未包含演示数据。"))
        self.demo_note.setStyleSheet("color: #5f6368;")
        available = demo_available()
        self.demo_button.setEnabled(available)
        self.demo_note.setVisible(not available)
        for button, choice in (
            (self.empty_button, EMPTY),
            (self.demo_button, DEMO),
            (self.shared_button, SHARED),
        ):
            button.clicked.connect(lambda _checked=False, c=choice: self.choose(c))
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addWidget(self.empty_button)
        layout.addWidget(self.demo_button)
        layout.addWidget(self.demo_note, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.shared_button)
        layout.addStretch(1)
        self.empty_button.setFocus()

    def choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()
