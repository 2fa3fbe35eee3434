"""An inline progress bar with a 取消 button for an operation a screen, dialog or wizard page is running.

Two ways to use it: `start(text, operation)` runs a configured operation with its progress shown here
(取消 and Esc cancel it); `start(text)` only shows the panel and the caller feeds `progress` and handles
`cancel_button` itself (the customer import wizard, whose operations are started by the wizard).
"""

from __future__ import annotations

from typing import overload

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from ...services.platform.messages import DEFAULT_LANGUAGE, catalogue, render
from ..operations import Operation


def progress_label(label: str) -> str:
    """A service's progress label in the current language: a catalogue code ("progress.writing"), a row
    number ("17": the row being checked), or a text the service already rendered (a bill number, too)."""
    if label.isdigit():
        return render("progress.row", {"row": int(label)})
    if label in catalogue(DEFAULT_LANGUAGE):
        return render(label)
    return label


class RunPanel(QWidget):
    """Esc in the panel's parent (screen or dialog) cancels too, while something runs."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.operation: Operation | None = None
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setTextVisible(True)
        self.bar.setMaximumWidth(360)
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.cancel_button)
        self.escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), parent or self, self.cancel,
                                context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.escape.setEnabled(False)
        self.hide()

    @overload
    def start(self, text: str) -> None: ...

    @overload
    def start(self, text: str, operation: Operation) -> Operation: ...

    def start(self, text: str, operation: Operation | None = None) -> Operation | None:
        """Show the panel; with `operation` (already configured) also run it with progress reported here."""
        self.operation = operation
        self.label.setText(text)
        self.bar.setRange(0, 0)
        self.bar.resetFormat()
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText(self.tr("取消"))
        self.escape.setEnabled(operation is not None)
        self.show()
        if operation is None:
            return None
        return operation.on_progress(self.progress).without_progress_dialog().run()

    def progress(self, done: int, total: int, label: str) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(min(done, max(total, 1)))
        if label:
            self.bar.setFormat(f"{progress_label(label)}  %p%")

    def cancel(self) -> None:
        if self.operation is not None:
            self.operation.cancel()
            self.cancel_button.setEnabled(False)
            self.cancel_button.setText(self.tr("正在取消…"))

    def finish(self) -> None:
        self.operation = None
        self.escape.setEnabled(False)
        self.bar.resetFormat()
        self.hide()

    @property
    def running(self) -> bool:
        return self.operation is not None
