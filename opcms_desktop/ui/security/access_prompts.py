"""What the app asks when an operation is refused for access reasons (issue 12 items 4 and 8).

- `access.reauth_required` (an admin asked this user for the password again): `PasswordAgainDialog`
  asks it, `unusual_access.confirm_password` checks it and clears the request, and the refused operation
  runs again once. Cancelling shows the refusal as usual.
- An export that needs a colleague's approval and has no request yet (`export_approval.NEEDS_REQUEST`):
  the catalogue's message, with a button that files the request (`export_approval.request_export`) for
  exactly what was refused (kind, rows, masked fields). Every export button goes through the services'
  one gate (`clear_export`), so this one presenter covers them all.

`install_access_prompts(runner)` registers both with the operation runner once per sign-in.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ...services.platform.messages import render
from ...services.security import export_approval, unusual_access
from ...services.security.export_approval import Clearance
from ..failure import Failure
from ..kit.forms import password_field
from ..kit.text import error_text, fmt
from ..login import _RunnerDialog
from ..operations import Operation, OperationRunner


class PasswordAgainDialog(_RunnerDialog):
    """"Please type your password again" before a refused view or export runs once more."""

    def __init__(self, runner: OperationRunner, reason: str, parent: QWidget | None = None):
        super().__init__(runner, parent)
        self.setWindowTitle(self.tr("请重新输入密码"))
        username = runner.actor.username if runner.actor is not None else ""
        text = QLabel(fmt(self.tr("%1\n请输入 %2 的密码以继续。"), reason, username))
        text.setWordWrap(True)
        self.password = password_field()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确认"))
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.password)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.message.clear_on_edit(self.password)

    def submit(self) -> None:
        if not self.password.text():
            self.message.error(render("access.wrong_password"))
            return
        self._busy(True)
        self.runner.op(unusual_access.confirm_password, self.password.text()) \
            .success(lambda _r: self.accept()).failure(self._failed).run()


_open: set[QWidget] = set()  # prompts without a parent window stay alive until they close


def _window(parent: QWidget | None) -> QWidget | None:
    return parent or QApplication.activeWindow()


def _show(prompt: QDialog) -> None:
    _open.add(prompt)
    prompt.finished.connect(lambda _result: _open.discard(prompt))
    prompt.open()


def ask_password_then_retry(runner: OperationRunner, operation: Operation, failure: Failure, proceed) -> None:
    """One prompt at a time: operations refused while it is open wait for the same answer."""
    dialog = next((w for w in _open if isinstance(w, PasswordAgainDialog) and w.runner is runner), None)
    if dialog is None:
        dialog = PasswordAgainDialog(runner, error_text(failure.error), _window(operation.parent_widget))
        _show(dialog)
    dialog.accepted.connect(operation.retry)
    dialog.rejected.connect(proceed)


def offer_export_request(runner: OperationRunner, parent: QWidget | None, failure: Failure) -> None:
    """Say why the export waits and offer to file the request it needs."""
    params = getattr(failure.error, "params", {})
    box = QMessageBox(_window(parent))
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(QCoreApplication.translate("security", "导出需要审批"))
    box.setText(error_text(failure.error))
    request = box.addButton(QCoreApplication.translate("security", "申请导出"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)

    def chosen(_button) -> None:
        if box.clickedButton() is request:
            file_export_request(runner, parent, params["kind"], params["rows"], params["masked"])

    box.buttonClicked.connect(chosen)
    _show(box)


def file_export_request(runner: OperationRunner, parent: QWidget | None, kind: str, rows: int,
                        masked: bool) -> None:
    def filed(clearance: Clearance) -> None:
        if clearance.needed and clearance.status == "pending":
            box = QMessageBox(_window(parent))
            box.setIcon(QMessageBox.Icon.Information)
            box.setWindowTitle(QCoreApplication.translate("security", "导出申请"))
            box.setText(render("access.export_request_filed", {"request": clearance.request_id, "rows": rows}))
            _show(box)

    runner.op(export_approval.request_export, kind, rows, masked).success(filed).run()


def install_access_prompts(runner: OperationRunner) -> None:
    runner.intercept("access.reauth_required",
                     lambda operation, failure, proceed: ask_password_then_retry(runner, operation, failure, proceed))
    for code in export_approval.NEEDS_REQUEST:
        runner.present(code, lambda parent, failure: offer_export_request(runner, parent, failure))

