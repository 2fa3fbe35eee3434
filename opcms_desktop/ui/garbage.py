"""Python's cycle collector runs on the UI thread only.

Left automatic, a collection can start in whichever thread allocates, an operation's worker included; when
it frees a Qt object held in a reference cycle, that object's destructor runs in the worker, takes Qt's
locks and then waits for the interpreter lock the UI thread holds while it waits for those same Qt locks: a
hang, or a crash when the object belonged to the UI thread. The automatic collector is switched off and a
UI-thread timer collects the generations whose counts passed their thresholds, as the collector would.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


def collect_due() -> None:
    """One step of what the automatic collector would have done since the last one."""
    first, second, third = gc.get_threshold()
    young, middle, old = gc.get_count()
    if young > first:
        generation = 2 if (middle > second and old > third) else 1 if middle > second else 0
        gc.collect(generation)


class UiThreadCollector(QObject):
    """Owns the timer; create it once, on the UI thread, after the QApplication."""

    INTERVAL_MS = 500

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(collect_due)
        self._timer.start(self.INTERVAL_MS)
