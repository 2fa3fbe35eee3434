"""The audit viewer: SQL-paged, filters by entity, before → after of a row, chain verification, export."""

from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook
from sqlalchemy import text

from opcms_desktop.services.security import roles, users
from opcms_desktop.services.security import settings as app_settings
from opcms_desktop.services.security.audit_view import AuditFilter
from opcms_desktop.ui.kit.paged_model import PLACEHOLDER
from opcms_desktop.ui.security.audit_model import AuditTableModel, change_lines
from opcms_desktop.ui.security.audit_screen import AuditScreen

from .conftest import run_in_session

WAIT = 10000


def seed(factory, guard, actor) -> None:
    with guard.allowed():
        run_in_session(factory, lambda s: roles.create_role(s, actor, "auditor", "审计员", "all", ["audit.view"]))
        run_in_session(factory, lambda s: roles.update_role(s, actor, "auditor", label="审计专员",
                                                            permissions=["audit.view", "audit.export"]))
        run_in_session(factory, lambda s: users.create_user(s, actor, "zhou", "Good-password-9", "auditor"))
        run_in_session(factory, lambda s: app_settings.set_setting(s, actor, app_settings.IDLE_TIMEOUT, 30))


def open_audit(qtbot, ctx, page_size: int = 200) -> AuditScreen:
    screen = AuditScreen(ctx, page_size=page_size)
    qtbot.addWidget(screen)
    screen.resize(1300, 760)
    screen.show()
    wait_loaded(qtbot, screen)
    return screen


def wait_loaded(qtbot, screen: AuditScreen) -> None:
    qtbot.waitUntil(lambda: screen.ctx.runner.running == 0 and not screen.model.is_loading(), timeout=WAIT)


def shown(screen: AuditScreen) -> list:
    return [screen.model.row_at(i) for i in range(screen.model.rowCount())]


def test_model_pages_through_the_runner_and_passes_qtmodeltester(qtbot, qtmodeltester, app_ctx, ui_factory,
                                                                  admin_actor, query_guard):
    seed(ui_factory, query_guard, admin_actor)
    model = AuditTableModel(app_ctx.runner, page_size=2)
    model.set_query(AuditFilter())
    qtbot.waitUntil(lambda: model.rowCount() >= 4, timeout=WAIT)
    assert model.data(model.index(model.rowCount() - 1, 0)) == PLACEHOLDER  # not fetched yet
    for row in range(model.rowCount()):
        model.data(model.index(row, 0))
    qtbot.waitUntil(lambda: not model.is_loading() and app_ctx.runner.running == 0, timeout=WAIT)
    ids = [model.row_at(i).id for i in range(model.rowCount())]
    assert ids == sorted(ids, reverse=True)  # newest first
    qtmodeltester.check(model)


def test_filter_by_entity_and_before_after_of_the_selected_row(qtbot, app_ctx, ui_factory, admin_actor,
                                                               query_guard):
    seed(ui_factory, query_guard, admin_actor)
    screen = open_audit(qtbot, app_ctx)
    qtbot.waitUntil(lambda: screen.filters.entity.findData("role") >= 0, timeout=WAIT)
    screen.filters.select(screen.filters.entity, "role")
    qtbot.waitUntil(lambda: screen.model.query.entity == "role", timeout=WAIT)
    wait_loaded(qtbot, screen)
    rows = shown(screen)
    assert [(r.entity, r.action) for r in rows] == [("role", "update"), ("role", "create")]
    assert screen.count_label.text() == "共 2 条记录"

    screen.table.selectRow(0)
    lines = {line.field: (line.before, line.after) for line in screen.changes.rows()}
    assert lines["显示名称"] == ("审计员", "审计专员")
    assert lines["权限 · 审计日志 · 导出"] == ("无", "有")  # the one permission that came
    assert not any(field.endswith("审计日志 · 查看") for field in lines)  # held before and after
    assert "修改" in screen.detail_title.text() and "角色" in screen.detail_title.text()

    screen.filters.select(screen.filters.entity, "setting")
    qtbot.waitUntil(lambda: screen.model.query.entity == "setting", timeout=WAIT)
    wait_loaded(qtbot, screen)
    assert [r.entity_id for r in shown(screen)] == [app_settings.IDLE_TIMEOUT]
    screen.table.selectRow(0)
    assert [(c.field, c.before, c.after) for c in screen.changes.rows()] == [("值", "15", "30")]


def test_text_user_and_date_filters(qtbot, app_ctx, ui_factory, admin_actor, query_guard):
    seed(ui_factory, query_guard, admin_actor)
    screen = open_audit(qtbot, app_ctx)
    everything = screen.model.rowCount()
    screen.filters.text.setText("no such thing anywhere")
    qtbot.waitUntil(lambda: screen.model.query.text == "no such thing anywhere", timeout=WAIT)
    wait_loaded(qtbot, screen)
    assert screen.model.rowCount() == 0
    screen.filters.clear()
    wait_loaded(qtbot, screen)
    assert screen.model.rowCount() == everything
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    screen.filters.since.setDate(tomorrow)
    wait_loaded(qtbot, screen)
    assert screen.model.query.since == tomorrow and screen.model.rowCount() == 0
    screen.filters.since.setDate(dt.date.today())
    wait_loaded(qtbot, screen)
    assert screen.model.rowCount() == everything


def test_verify_reports_ok_then_the_first_tampered_row(qtbot, app_ctx, ui_factory, admin_actor, query_guard):
    seed(ui_factory, query_guard, admin_actor)
    screen = open_audit(qtbot, app_ctx)
    screen.verify_button.click()
    qtbot.waitUntil(lambda: "完好" in screen.status.text(), timeout=WAIT)
    assert screen.broken is None

    with query_guard.allowed(), ui_factory() as s:  # behind the application's back
        victim = s.execute(text("SELECT id FROM audit_log WHERE entity = 'role' ORDER BY id LIMIT 1")).scalar_one()
        s.execute(text("UPDATE audit_log SET summary = 'nothing to see' WHERE id = :id"), {"id": victim})
        s.commit()
    screen.verify_button.click()
    qtbot.waitUntil(lambda: "断开" in screen.status.text(), timeout=WAIT)
    assert screen.broken is not None and screen.broken.broken_id == victim
    assert f"ID {victim}" in screen.status.text() and "被改动" in screen.status.text()
    qtbot.waitUntil(lambda: screen.detail_title.text().startswith(f"#{victim} "), timeout=WAIT)
    assert screen.detail_summary.text() == "nothing to see"


def test_export_writes_what_the_filters_select(qtbot, app_ctx, ui_factory, admin_actor, query_guard, tmp_path):
    seed(ui_factory, query_guard, admin_actor)
    screen = open_audit(qtbot, app_ctx)
    screen.filters.select(screen.filters.entity, "role")
    qtbot.waitUntil(lambda: screen.model.query.entity == "role", timeout=WAIT)
    wait_loaded(qtbot, screen)
    before = screen.model.rowCount()
    target = tmp_path / "audit.xlsx"
    screen.export_to(str(target))
    qtbot.waitUntil(lambda: "已导出 2 条记录" in screen.status.text(), timeout=WAIT)
    sheet = load_workbook(target).worksheets[0]
    assert [c.value for c in sheet[1]][:3] == ["ID", "时间", "用户"]
    assert sheet.max_row == 3
    screen.filters.select(screen.filters.entity, None)
    wait_loaded(qtbot, screen)
    assert screen.model.rowCount() > before  # the export was audited too


def test_change_lines_of_an_event():
    from opcms_desktop.services.security.audit_view import AuditRow

    row = AuditRow(1, dt.datetime.now(dt.UTC), 1, "admin", "event", "export", None,
                   {"what": "audit_log", "rows": 3}, "exported 3 audit rows")
    assert [(c.field, c.before, c.after) for c in change_lines(row)] == [("what", "", "audit_log"), ("rows", "", "3")]
