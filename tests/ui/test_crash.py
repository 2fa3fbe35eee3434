"""Unexpected errors (issue 10 item 3): logged, then one dialog that copies the details and opens the log
folder; typed user errors keep their calm message box."""

from __future__ import annotations

import logging
import sys

from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from opcms_desktop.ui import errors
from opcms_desktop.ui.failure import Failure
from opcms_desktop.ui.help import crash
from opcms_desktop.ui.help.crash import CrashDialog, crash_details, install_crash_handlers


def _dialogs() -> list[CrashDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, CrashDialog) and w.isVisible()]


def test_details_can_be_copied_and_carry_no_secret(qtbot, tmp_path):
    trace = "Traceback (most recent call last):\nOperationalError: postgresql://ops:Very-Secret-1@db/opcms refused"
    dialog = CrashDialog(trace, log_file=tmp_path / "Logs" / "opcms.log")
    qtbot.addWidget(dialog)
    dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert "OperationalError" in copied and "postgresql://ops:***@db/opcms" in copied
    assert "Very-Secret-1" not in copied
    assert str(tmp_path / "Logs" / "opcms.log") in copied and "OP_CMS Desktop" in copied
    assert dialog.copy_button.text() == "已复制"


def test_open_log_folder_asks_the_desktop_to_open_it(qtbot, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    dialog = CrashDialog("boom", log_file=tmp_path / "Logs" / "opcms.log")
    qtbot.addWidget(dialog)
    dialog.folder_button.click()
    assert opened == [str(tmp_path / "Logs")] and (tmp_path / "Logs").is_dir()


def test_an_uncaught_exception_is_logged_and_shown_once(qtbot, caplog, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_crash_handlers()
    monkeypatch.setattr(crash, "_open_dialog", None)
    with caplog.at_level(logging.CRITICAL):
        for _ in range(2):  # a failing paint event repeats: still one dialog
            try:
                raise ZeroDivisionError("division by zero in a slot")
            except ZeroDivisionError:
                sys.excepthook(*sys.exc_info())
    shown = _dialogs()
    assert len(shown) == 1
    assert "ZeroDivisionError" in shown[0].details.toPlainText()
    assert sum("ZeroDivisionError" in r.getMessage() for r in caplog.records) == 2
    shown[0].close()


def test_an_unexpected_operation_failure_uses_the_crash_dialog(qtbot, monkeypatch):
    failure = Failure(RuntimeError("boom"), "Traceback ...\nRuntimeError: boom")
    errors.show_failure(None, failure)
    shown = _dialogs()
    assert shown and "RuntimeError: boom" in shown[-1].details.toPlainText()
    for dialog in shown:
        dialog.close()


def test_a_user_error_keeps_its_message_box(qtbot):
    from opcms_desktop.services.platform.errors import UserError

    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    errors.show_failure(parent, Failure(UserError("period.invalid"), ""))
    boxes = [w for w in parent.findChildren(QMessageBox) if w.isVisible()]
    assert boxes and not _dialogs()
    for box in boxes:
        box.close()


def test_crash_details_name_the_version():
    from opcms_desktop import __version__

    assert crash_details("x").startswith(f"OP_CMS Desktop {__version__}")
