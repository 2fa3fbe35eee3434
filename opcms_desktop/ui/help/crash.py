"""The unexpected-error dialog and the hooks that lead to it.

Anything the code did not expect (an exception escaping a slot, a worker thread, or a failed operation
that is not a typed user error) is logged with its traceback and shown in one calm dialog: what
happened in a sentence, the details (version, platform, traceback; redacted like the log) to copy for
support, and a button that opens the log folder. At most one such dialog is open at a time; later
errors while it is open are logged only, so a failure in a paint event cannot bury the user in windows.
"""

from __future__ import annotations

import logging
import platform
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QMessageLogContext, QThread, QtMsgType, QUrl, qInstallMessageHandler
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ... import __version__
from ...services.platform.logs import log_path, redact

log = logging.getLogger(__name__)
_open_dialog: CrashDialog | None = None
_kept: set[CrashDialog] = set()


def crash_details(text: str, log_file: Path | None = None) -> str:
    """What support needs, redacted: version, platform, the log file, then `text` (a traceback)."""
    head = [
        f"OP_CMS Desktop {__version__}",
        f"Python {platform.python_version()} · {platform.platform()}",
        f"log: {log_file or log_path()}",
        "",
    ]
    return redact("\n".join(head) + text)


class CrashDialog(QDialog):
    def __init__(self, details: str, parent: QWidget | None = None, log_file: Path | None = None):
        super().__init__(parent)
        self.log_file = log_file or log_path()
        self.setWindowTitle(self.tr("意外错误"))
        self.setMinimumSize(560, 360)
        message = QLabel(
            self.tr(
                "发生了意外错误，刚才的操作没有完成，已保存的数据未被更改。\n"
                "详情已写入日志。如需求助，请点“复制详情”并发给管理员。"
            )
        )
        message.setWordWrap(True)
        self.details = QPlainTextEdit(crash_details(details, self.log_file))
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("复制详情"))
        self.folder_button = QPushButton(self.tr("打开日志文件夹"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy_details)
        self.folder_button.clicked.connect(self.open_log_folder)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())
        self.copy_button.setText(self.tr("已复制"))

    def open_log_folder(self) -> bool:
        folder = self.log_file.parent
        folder.mkdir(parents=True, exist_ok=True)
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def open_crash_dialog(details: str, parent: QWidget | None = None) -> CrashDialog:
    """Open a crash dialog; one without a parent is kept alive here until it closes."""
    dialog = CrashDialog(details, parent)
    _kept.add(dialog)
    dialog.finished.connect(lambda _code: _kept.discard(dialog))
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def show_crash(details: str, parent: QWidget | None = None) -> CrashDialog | None:
    """Open the dialog (non-modal to the caller, modal to the app) unless one is open already."""
    global _open_dialog
    app = QApplication.instance()
    if app is None or QThread.currentThread() is not app.thread():
        return None
    if _open_dialog is not None and _open_dialog.isVisible():
        return None
    _open_dialog = open_crash_dialog(details, parent)
    return _open_dialog


def _excepthook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, tb)
        return
    text = "".join(traceback.format_exception(kind, error, tb))
    log.critical("unexpected error\n%s", text)
    show_crash(text)


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    text = "".join(traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback))
    log.critical("unexpected error in thread %s\n%s", getattr(args.thread, "name", "?"), text)


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    logging.getLogger("qt").log(
        _QT_LEVELS.get(kind, logging.WARNING), "%s (%s)", message, context.category or "default"
    )


def install_crash_handlers() -> None:
    """sys.excepthook and threading.excepthook to the log and the dialog; Qt's own messages to the log."""
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook
    qInstallMessageHandler(_qt_message)
