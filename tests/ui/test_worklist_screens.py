"""The worklist screens: dunning (run, hold, levels), work orders (SLA tint, status moves), automation rules
(enable, run, log); every database call off the UI thread, every table model sound."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from sqlalchemy import select

from opcms_desktop.models.worklist import Ticket
from opcms_desktop.services.followup import tickets
from opcms_desktop.services.platform.db import session_scope
from opcms_desktop.ui.kit.labels import OVERDUE_BACKGROUND
from opcms_desktop.ui.kit.reason_dialog import ReasonDialog
from opcms_desktop.ui.worklist.dunning_levels_dialog import DunningLevelsDialog
from opcms_desktop.ui.worklist.dunning_screen import DunningScreen
from opcms_desktop.ui.worklist.rules_screen import RulesScreen
from opcms_desktop.ui.worklist.tickets_screen import TicketsScreen

from .receivables_support import WAIT, build_ledger, settle


def _show(qtbot, screen):
    qtbot.addWidget(screen)
    screen.resize(1280, 720)
    screen.show()
    return screen


def _select(screen, row: int) -> None:
    screen.table.setCurrentIndex(screen.model.index(row, 0))


def test_dunning_screen_runs_holds_and_edits_levels(
    qtbot, qtmodeltester, app_ctx, ui_factory, query_guard, monkeypatch
):
    ledger = build_ledger(ui_factory, query_guard)
    screen = _show(qtbot, DunningScreen(app_ctx))
    qtbot.waitUntil(lambda: screen.model.rowCount() == 3, timeout=WAIT)
    qtmodeltester.check(screen.model)
    numbers = [screen.model.row_at(r).number for r in range(3)]
    assert ledger.numbers["b-jan"] in numbers and "3 张" in screen.status.text()
    screen.run_button.click()
    qtbot.waitUntil(lambda: "催款完成" in screen.message.text(), timeout=WAIT)
    assert "新建 2 条" in screen.message.text()  # the two overdue bills; a-feb is 10 days from due
    qtbot.waitUntil(lambda: screen.model.row_at(0).last_level is not None, timeout=WAIT)

    row = numbers.index(ledger.numbers["a-feb"])
    _select(screen, row)
    assert screen.hold_button.isEnabled() and not screen.release_button.isEnabled()
    monkeypatch.setattr("opcms_desktop.ui.worklist.dunning_screen.ReasonDialog.open", lambda self: None)
    screen.change_hold(True)
    (hold,) = screen.findChildren(ReasonDialog)
    hold.reason_edit.setPlainText("客户对账有异议")
    hold.buttons.accepted.emit()
    qtbot.waitUntil(lambda: any(screen.model.row_at(r).on_hold for r in range(3)), timeout=WAIT)
    held = next(screen.model.row_at(r) for r in range(3) if screen.model.row_at(r).on_hold)
    assert held.hold_reason == "客户对账有异议"

    levels = DunningLevelsDialog(app_ctx, screen)
    qtbot.addWidget(levels)
    qtbot.waitUntil(lambda: len(levels.rows) == 5, timeout=WAIT)
    assert [lv.days for lv in levels.levels()] == [-3, 1, 15, 30, 60]
    levels.rows[0][0].setValue(levels.rows[0][0].minimum())  # 删除 the -3 level
    levels.save()
    qtbot.waitUntil(lambda: levels.result() == levels.DialogCode.Accepted, timeout=WAIT)
    settle(qtbot, app_ctx.runner)


def test_tickets_screen_tints_breaches_and_moves_status(
    qtbot, qtmodeltester, app_ctx, ui_factory, query_guard, admin_actor
):
    ledger = build_ledger(ui_factory, query_guard)
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=10)
    with query_guard.allowed(), session_scope(ui_factory) as s:
        late = tickets.add_ticket(
            s,
            admin_actor,
            tickets.TicketInput(
                ledger.customers["我爱我家"], "complaint", "urgent", "投诉：账单重复", at=long_ago
            ),
        )
        tickets.add_ticket(
            s, admin_actor, tickets.TicketInput(ledger.customers["链家地产"], "renewal", "low", "续约")
        )
    screen = _show(qtbot, TicketsScreen(app_ctx))
    qtbot.waitUntil(lambda: screen.model.rowCount() == 2, timeout=WAIT)
    qtmodeltester.check(screen.model)
    assert screen.model.row_at(0).id == late.id and screen.model.row_at(0).breached
    assert screen.model.data(screen.model.index(0, 0), Qt.ItemDataRole.BackgroundRole) == OVERDUE_BACKGROUND
    assert "响应超时" in screen.model.data(screen.model.index(0, screen.model.column_of("sla")))
    screen.breached_only.setChecked(True)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1, timeout=WAIT)
    _select(screen, 0)
    screen.move_buttons["waiting_for_customer"].click()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1 and screen.model.row_at(0).paused, timeout=WAIT)
    with query_guard.allowed(), session_scope(ui_factory) as s:
        assert s.scalar(select(Ticket.status).where(Ticket.id == late.id)) == "waiting_for_customer"
    settle(qtbot, app_ctx.runner)


def test_rules_screen_enables_runs_and_logs(qtbot, qtmodeltester, app_ctx, ui_factory, query_guard):
    build_ledger(ui_factory, query_guard)
    screen = _show(qtbot, RulesScreen(app_ctx))
    qtbot.waitUntil(lambda: screen.model.rowCount() == 3, timeout=WAIT)
    qtmodeltester.check(screen.model)
    row = next(r for r in range(3) if screen.model.row_at(r).name == "daily-dunning")
    _select(screen, row)
    assert screen.toggle_button.text() == "启用"
    screen.toggle_button.click()
    qtbot.waitUntil(lambda: any(screen.model.row_at(r).enabled for r in range(3)), timeout=WAIT)
    screen.run_due()
    qtbot.waitUntil(lambda: "运行了" in screen.message.text(), timeout=WAIT)
    if dt.datetime.now().time() >= dt.time(6, 0):
        qtbot.waitUntil(lambda: screen.log_model.rowCount() == 1, timeout=WAIT)
        qtmodeltester.check(screen.log_model)
        assert screen.log_model.row_at(0).action == "dunning_run"
    settle(qtbot, app_ctx.runner)


def test_job_timer_stops_when_its_runner_is_gone(qtbot):
    """A window closed while its timer still ticks must not start work on a deleted runner."""
    import shiboken6

    from opcms_desktop.ui.operations import OperationRunner
    from opcms_desktop.ui.worklist.rules_screen import JobTimer

    class _Ctx:
        runner = OperationRunner()

        @staticmethod
        def can(_permission: str) -> bool:
            return True

    ctx = _Ctx()
    job_timer = JobTimer(ctx)  # type: ignore[arg-type]
    assert job_timer.timer.isActive()
    shiboken6.delete(ctx.runner)
    assert not job_timer.timer.isActive()
    job_timer.tick()  # raised "Signal source has been deleted" before
