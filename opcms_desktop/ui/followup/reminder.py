"""The today reminder while the app is open: a status-bar badge (今日待办 N) and, when the count grows, a
non-modal notification (the system tray's balloon where there is a tray, else an in-app popup) with
查看 / 推迟一天 / 推迟一周. It asks `today_items` through the runner every CHECK_MINUTES.

The main window installs it with `attach_today_reminder(window, ctx)`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStyle,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from ...services.followup.today import TodayList, snooze_item, today_items
from ..context import AppContext
from ..kit.text import fmt
from .labels import today_kind_label

CHECK_MINUTES = 15
SHOWN_IN_POPUP = 5


class ReminderPopup(QFrame):
    """A small non-modal card in the window's bottom-right corner."""

    snooze_requested = Signal(int)
    open_requested = Signal()

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("todayReminder")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#todayReminder { background: #fffbe6; border: 1px solid #e0c36a; border-radius: 6px; }")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.view_button = QPushButton(self.tr("查看"))
        self.day_button = QPushButton(self.tr("推迟一天"))
        self.week_button = QPushButton(self.tr("推迟一周"))
        self.close_button = QPushButton(self.tr("关闭"))
        self.view_button.clicked.connect(self.open_requested.emit)
        self.view_button.clicked.connect(self.hide)
        self.day_button.clicked.connect(lambda: self.snooze_requested.emit(1))
        self.week_button.clicked.connect(lambda: self.snooze_requested.emit(7))
        self.close_button.clicked.connect(self.hide)
        buttons = QHBoxLayout()
        for button in (self.view_button, self.day_button, self.week_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.setFixedWidth(380)
        self.hide()

    def show_text(self, text: str) -> None:
        self.text.setText(text)
        self.adjustSize()
        parent = self.parentWidget()
        if parent is not None:
            self.move(parent.width() - self.width() - 16, parent.height() - self.height() - 40)
        self.show()
        self.raise_()


class TodayReminder(QObject):
    counted = Signal(int)

    def __init__(self, ctx: AppContext, window: QMainWindow, *, interval_ms: int = CHECK_MINUTES * 60_000,
                 today: Callable[[], dt.date] = dt.date.today, use_tray: bool | None = None):
        super().__init__(window)
        self.ctx, self.window, self.today = ctx, window, today
        self.last: TodayList | None = None
        self._notified = 0  # the count last notified; a notification only when it grows
        self.badge = QPushButton()
        self.badge.setFlat(True)
        self.badge.setStyleSheet("color: #b3261e; font-weight: 600;")
        self.badge.hide()
        self.badge.clicked.connect(self.open_today)
        window.statusBar().addPermanentWidget(self.badge)
        self.popup = ReminderPopup(window)
        self.popup.open_requested.connect(self.open_today)
        self.popup.snooze_requested.connect(self.snooze_shown)
        tray = QSystemTrayIcon.isSystemTrayAvailable() if use_tray is None else use_tray
        self.tray: QSystemTrayIcon | None = None
        if tray:
            self.tray = QSystemTrayIcon(window.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation),
                                        self)
            self.tray.messageClicked.connect(self.open_today)
            self.tray.show()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        ctx.runner.changed.connect(self._on_changed)

    def _on_changed(self, what: frozenset) -> None:
        if what & {"followups", "bills", "receipts", "allocations", "tickets"}:
            self.check()

    def check(self) -> None:
        self.ctx.runner.op(today_items, self.today()).success(self._show).run()

    def _show(self, result: TodayList) -> None:
        self.last = result
        count = len(result.items)
        self.badge.setText(fmt(self.tr("今日待办 %1"), count))
        self.badge.setVisible(count > 0)
        self.counted.emit(count)
        if count > self._notified:
            self.notify(result)
        self._notified = count

    def message(self, result: TodayList) -> str:
        overdue = sum(1 for i in result.items if i.overdue)
        lines = [fmt(self.tr("您有 %1 项待办，其中逾期 %2 项："), len(result.items), overdue)]
        for item in result.items[:SHOWN_IN_POPUP]:
            lines.append(f"· {today_kind_label(item.kind)}  {item.customer_name}  {item.title}".rstrip())
        if len(result.items) > SHOWN_IN_POPUP:
            lines.append(fmt(self.tr("……另有 %1 项"), len(result.items) - SHOWN_IN_POPUP))
        return "\n".join(lines)

    def notify(self, result: TodayList) -> None:
        text = self.message(result)
        if self.tray is not None and self.tray.supportsMessages():
            self.tray.showMessage(self.tr("今日待办"), text, QSystemTrayIcon.MessageIcon.Information, 10_000)
        self.popup.show_text(text)

    def snooze_shown(self, days: int) -> None:
        """Snooze the items the popup listed (the first SHOWN_IN_POPUP) for `days`."""
        self.popup.hide()
        if self.last is None:
            return
        for item in self.last.items[:SHOWN_IN_POPUP]:
            self.ctx.runner.op(snooze_item, item.kind, item.item_id, days, self.today()).run()

    def open_today(self) -> None:
        opener = getattr(self.window, "open_screen", None)
        if opener is not None:
            opener("today")

    def stop(self) -> None:
        self.timer.stop()
        if self.tray is not None:
            self.tray.hide()


def attach_today_reminder(window: QMainWindow, ctx: AppContext) -> TodayReminder | None:
    """Install the reminder on the main window for users who may view follow-ups; checks once at once."""
    if not ctx.can("followups.view"):
        return None
    reminder = TodayReminder(ctx, window)
    reminder.check()
    return reminder
