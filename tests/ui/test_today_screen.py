"""今日待办 and the reminder: due and overdue follow-ups, completing one, snoozing, the status-bar badge."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QMainWindow

from opcms_desktop.models import Customer
from opcms_desktop.services.followup import followups
from opcms_desktop.services.platform.db import session_scope
from opcms_desktop.ui.followup.reminder import TodayReminder
from opcms_desktop.ui.followup.today_screen import TodayScreen

TODAY = dt.date.today()


def _world(ui_factory, query_guard, admin_actor) -> tuple[int, int]:
    with query_guard.allowed(), session_scope(ui_factory) as s:
        customer = Customer(company_id=6001, name="今日客户", name_initials="", name_pinyin="", payment_terms_days=30)
        s.add(customer)
        s.flush()
        late = followups.create_followup(s, admin_actor, customer.id, due_on=TODAY - dt.timedelta(days=2),
                                         content="逾期的回访")
        due = followups.create_followup(s, admin_actor, customer.id, due_on=TODAY, content="今天的电话")
        followups.create_followup(s, admin_actor, customer.id, due_on=TODAY + dt.timedelta(days=3), content="以后")
        return late.id, due.id


def test_today_screen_lists_completes_and_snoozes(qtbot, qtmodeltester, app_ctx, ui_factory, admin_actor,
                                                  query_guard):
    late, due = _world(ui_factory, query_guard, admin_actor)
    screen = TodayScreen(app_ctx)
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 2, timeout=10000)
    qtmodeltester.check(screen.model)
    assert [i.item_id for i in screen.model.rows()] == [late, due]
    assert "逾期 1 项" in screen.summary.text()
    screen.table.selectRow(1)
    screen.snooze(7)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1, timeout=10000)
    assert "另有 1 项已推迟" in screen.summary.text()
    screen.table.selectRow(0)
    dialog = screen.complete()
    dialog.result.setPlainText("已回访")
    dialog.schedule_next.setChecked(False)
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 0, timeout=10000)


def test_reminder_badge_and_popup(qtbot, app_ctx, ui_factory, admin_actor, query_guard):
    _world(ui_factory, query_guard, admin_actor)
    window = QMainWindow()
    qtbot.addWidget(window)
    window.resize(900, 600)
    reminder = TodayReminder(app_ctx, window, interval_ms=3_600_000, use_tray=False)
    reminder.check()
    qtbot.waitUntil(lambda: reminder.last is not None, timeout=10000)
    assert reminder.badge.text() == "今日待办 2"
    assert not reminder.popup.isHidden() and "您有 2 项待办，其中逾期 1 项" in reminder.popup.text.text()
    reminder.snooze_shown(1)
    qtbot.waitUntil(lambda: reminder.last is not None and not reminder.last.items, timeout=10000)
    assert reminder.badge.isHidden()
    reminder.stop()
