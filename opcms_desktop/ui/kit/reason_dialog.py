"""A dialog that asks why (冲正, 取消核销): the reason is required; the service's refusal shows inline.

    dialog = ReasonDialog(self.tr("冲正发票"), self.tr("冲正原因"), self)
    dialog.submit_with(lambda reason: runner.op(credit_invoice, invoice_id, reason), done)
    dialog.open()
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ..operations import Failure, Operation
from .forms import InlineMessage
from .text import error_text


class ReasonDialog(QDialog):
    def __init__(self, title: str, prompt: str, parent: QWidget | None = None, *, details: str = "",
                 ok_text: str = ""):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        self.details = QLabel(details)
        self.details.setWordWrap(True)
        self.details.setVisible(bool(details))
        self.prompt = QLabel(prompt)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setPlaceholderText(self.tr("必填，将记入审计日志"))
        self.reason_edit.setFixedHeight(84)
        self.message = InlineMessage(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        if ok_text:
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.details)
        layout.addWidget(self.prompt)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.result_value: Any = None

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def submit_with(self, start: Callable[[str], Operation], done: Callable[[Any], None] | None = None) -> None:
        """On OK: refuse an empty reason here, else run `start(reason)`; success closes, failure stays."""

        def submit() -> None:
            reason = self.reason()
            if not reason:
                self.message.error(self.tr("请填写原因。"))
                self.reason_edit.setFocus()
                return
            self.message.clear_message()
            self.buttons.setEnabled(False)

            def failed(failure: Failure) -> bool:
                self.buttons.setEnabled(True)
                self.message.error(error_text(failure.error))
                return True

            def succeeded(result: Any) -> None:
                self.result_value = result
                self.accept()
                if done is not None:
                    done(result)

            start(reason).success(succeeded).failure(failed).run()

        self.buttons.accepted.connect(submit)
