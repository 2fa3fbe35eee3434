"""Notices when nobody has touched the keyboard or mouse for a while."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

_INPUT_EVENTS = {
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
}


class IdleWatcher(QObject):
    idle = Signal()

    def __init__(self, timeout_minutes: float, parent: QObject | None = None):
        super().__init__(parent)
        self.timeout_seconds = timeout_minutes * 60
        self._last_input = time.monotonic()
        self._paused = False
        self._timer = QTimer(self)
        self._timer.setInterval(5000)
        self._timer.timeout.connect(self._check)
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() in _INPUT_EVENTS:
            self._last_input = time.monotonic()
        return False

    def set_timeout(self, minutes: float) -> None:
        self.timeout_seconds = minutes * 60

    def pause(self, paused: bool) -> None:
        self._paused = paused
        self._last_input = time.monotonic()

    def _check(self) -> None:
        if not self._paused and time.monotonic() - self._last_input >= self.timeout_seconds:
            self._paused = True
            self.idle.emit()
