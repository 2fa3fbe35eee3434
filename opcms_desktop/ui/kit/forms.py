"""Small shared form pieces: an inline error label and a password field with a policy hint."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QTextEdit,
    QWidget,
)

from ...services.platform.errors import ValidationError


def change_signal(widget: QWidget) -> SignalInstance | None:
    """The signal a widget sends when the user changes its value (None for a widget that holds none)."""
    if isinstance(widget, QLineEdit):
        return widget.textChanged
    if isinstance(widget, QComboBox):
        return widget.currentTextChanged
    if isinstance(widget, QDateTimeEdit):
        return widget.dateTimeChanged
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        return widget.valueChanged
    if isinstance(widget, QAbstractButton):
        return widget.toggled
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return widget.textChanged
    if isinstance(widget, QTableWidget):
        return widget.itemChanged
    return None


def on_change(widgets: list[QWidget] | tuple[QWidget, ...], slot: Callable[[], None]) -> None:
    """Call `slot` whenever the user changes any of `widgets` (and the inputs inside a composite one)."""
    for widget in widgets:
        candidates = [widget, *widget.findChildren(QWidget)]
        for candidate in candidates:
            signal = change_signal(candidate)
            if signal is not None:
                signal.connect(lambda *_args: slot())


class InlineMessage(QLabel):
    """A red (or grey) message under a form; empty and hidden when there is nothing to say."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setObjectName("inlineMessage")
        self.hide()

    def error(self, text: str) -> None:
        self.setProperty("error", True)
        self.setStyleSheet("color: #b3261e;")
        self.setText(text)
        self.setVisible(bool(text))

    def info(self, text: str) -> None:
        self.setProperty("error", False)
        self.setStyleSheet("color: #5f6368;")
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.setText("")
        self.hide()

    def clear_on_edit(self, *widgets: QWidget) -> None:
        """A shown error goes away as soon as the user edits one of `widgets` (the input it was about)."""
        on_change(widgets, self._edited)

    def _edited(self) -> None:
        if self.isVisible() and self.property("error"):
            self.clear_message()


def password_field(placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    return edit


def problems_text(error: BaseException) -> str:
    if isinstance(error, ValidationError) and error.problems:
        return "；".join(p.message for p in error.problems)
    return str(error)
