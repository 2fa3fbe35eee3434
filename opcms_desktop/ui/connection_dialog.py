"""Choose the database: the embedded SQLite file or a shared PostgreSQL server."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
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
from .connection import ConnectionProfile


class ConnectionDialog(QDialog):
    def __init__(self, profile: ConnectionProfile, parent: QWidget | None = None):
        super().__init__(parent)
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
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.sqlite_radio)
        layout.addLayout(sqlite_form)
        layout.addSpacing(8)
        layout.addWidget(self.pg_radio)
        layout.addLayout(pg_form)
        layout.addWidget(buttons)
        self.sqlite_radio.toggled.connect(self._sync)
        (self.pg_radio if profile.is_postgresql else self.sqlite_radio).setChecked(True)
        self._sync()

    def _sync(self) -> None:
        sqlite = self.sqlite_radio.isChecked()
        self.sqlite_path.setEnabled(sqlite)
        for widget in (self.host, self.port, self.database):
            widget.setEnabled(not sqlite)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("选择数据文件"), self.sqlite_path.text()
                                              or str(default_sqlite_path()), "SQLite (*.db)")
        if path:
            self.sqlite_path.setText(path)

    def profile(self) -> ConnectionProfile:
        if self.pg_radio.isChecked():
            return replace(ConnectionProfile(), kind="postgresql", host=self.host.text().strip() or "127.0.0.1",
                           port=self.port.value(), database=self.database.text().strip() or "opcms")
        return replace(ConnectionProfile(), kind="sqlite", sqlite_path=self.sqlite_path.text().strip())
