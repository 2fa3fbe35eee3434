"""Small shared form pieces: an inline error label and a password field with a policy hint."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from ...services.platform.errors import ValidationError


class InlineMessage(QLabel):
    """A red (or grey) message under a form; empty and hidden when there is nothing to say."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setObjectName("inlineMessage")
        self.hide()

    def error(self, text: str) -> None:
        self.setStyleSheet("color: #b3261e;")
        self.setText(text)
        self.setVisible(bool(text))

    def info(self, text: str) -> None:
        self.setStyleSheet("color: #5f6368;")
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.setText("")
        self.hide()


def password_field(placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    return edit


def problems_text(error: BaseException) -> str:
    if isinstance(error, ValidationError) and error.problems:
        return "；".join(p.message for p in error.problems)
    return str(error)
