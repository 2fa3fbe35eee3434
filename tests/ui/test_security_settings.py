"""The settings screen: values with default and range, idle timeout saved, out-of-range refused inline."""

from __future__ import annotations

from opcms_desktop.services.security import settings as app_settings
from opcms_desktop.ui.security.settings_screen import SettingsScreen

from .conftest import run_in_session

WAIT = 10000


def open_settings(qtbot, ctx) -> SettingsScreen:
    screen = SettingsScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1000, 600)
    screen.show()
    qtbot.waitUntil(lambda: screen.current is not None, timeout=WAIT)
    return screen


def stored_timeout(factory, guard, actor) -> int:
    with guard.allowed():
        return run_in_session(factory, lambda s: app_settings.idle_timeout_minutes(s, actor))


def test_settings_model_passes_qtmodeltester(qtbot, qtmodeltester, app_ctx):
    screen = open_settings(qtbot, app_ctx)
    qtmodeltester.check(screen.model)
    model = screen.model
    cells = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert cells == ["空闲超时（分钟）", "15", "15", "1 – 480", "默认", app_settings.IDLE_TIMEOUT]


def test_idle_timeout_is_saved(qtbot, app_ctx, ui_factory, admin_actor, query_guard):
    screen = open_settings(qtbot, app_ctx)
    assert screen.value.text() == "15" and "范围 1 – 480" in screen.range_hint.text()
    screen.value.setText("45")
    screen.value.textEdited.emit("45")
    assert screen.save_button.isEnabled()
    screen.save_button.click()
    qtbot.waitUntil(lambda: screen.current.value == 45, timeout=WAIT)
    assert stored_timeout(ui_factory, query_guard, admin_actor) == 45
    assert "已保存" in screen.message.text()
    model = screen.model
    assert model.data(model.index(0, model.column_of("state"))) == "已修改"
    screen.default_button.click()
    qtbot.waitUntil(lambda: screen.current.value == 15, timeout=WAIT)
    assert stored_timeout(ui_factory, query_guard, admin_actor) == 15


def test_out_of_range_is_refused_inline(qtbot, app_ctx, ui_factory, admin_actor, query_guard):
    screen = open_settings(qtbot, app_ctx)
    for bad in ("0", "481", "-5"):
        screen.value.setText(bad)
        screen.value.textEdited.emit(bad)
        assert screen.message.isVisible() and "1 到 480" in screen.message.text()
        assert not screen.save_button.isEnabled()
        screen.save()  # Enter in the field: still refused, nothing sent
    assert app_ctx.runner.running == 0
    assert stored_timeout(ui_factory, query_guard, admin_actor) == 15
    screen.value.setText("480")
    screen.value.textEdited.emit("480")
    assert not screen.message.isVisible() and screen.save_button.isEnabled()


def test_conflict_reloads_the_stored_value(qtbot, app_ctx, ui_factory, admin_actor, query_guard):
    # A stored value has a version; a setting still at its default has none (the service cannot tell then).
    with query_guard.allowed():
        run_in_session(ui_factory, lambda s: app_settings.set_setting(s, admin_actor, app_settings.IDLE_TIMEOUT, 30))
    screen = open_settings(qtbot, app_ctx)
    with query_guard.allowed():
        run_in_session(ui_factory, lambda s: app_settings.set_setting(s, admin_actor, app_settings.IDLE_TIMEOUT, 20))
    screen.value.setText("60")
    screen.save_button.click()
    qtbot.waitUntil(lambda: screen.current.value == 20, timeout=WAIT)
    assert "已被他人修改" in screen.message.text()
    assert stored_timeout(ui_factory, query_guard, admin_actor) == 20


def test_read_only_without_settings_manage(qtbot, app_ctx):
    from dataclasses import replace

    app_ctx.actor = replace(app_ctx.actor, permissions=app_ctx.actor.permissions - {"settings.manage"})
    screen = open_settings(qtbot, app_ctx)
    assert not screen.value.isEnabled() and not screen.save_button.isEnabled()
    assert "只能查看" in screen.message.text()


def test_seller_details_are_text_settings_an_admin_edits(qtbot, app_ctx, ui_factory, admin_actor, query_guard):
    screen = open_settings(qtbot, app_ctx)
    keys = [screen.model.row_at(r).key for r in range(screen.model.rowCount())]
    assert keys[0] == app_settings.IDLE_TIMEOUT and app_settings.SELLER_TAX_ID in keys
    screen.table.selectRow(keys.index(app_settings.SELLER_TAX_ID))
    assert screen.setting_label.text() == "纳税人识别号" and screen.value.validator() is None
    assert "印在每张账单" in screen.description.text()
    screen.value.setText("91110108MA01ABCD2X")
    screen.value.textEdited.emit("91110108MA01ABCD2X")
    screen.save_button.click()
    qtbot.waitUntil(lambda: screen.current is not None and screen.current.value == "91110108MA01ABCD2X",
                    timeout=WAIT)
    with query_guard.allowed():
        seller = run_in_session(ui_factory, lambda s: app_settings.seller_details(s, admin_actor))
    assert seller.tax_id == "91110108MA01ABCD2X" and seller.name == ""
    too_long = "9" * 31
    screen.value.setText(too_long)
    screen.value.textEdited.emit(too_long)
    assert "最多 30 个字符" in screen.message.text() and not screen.save_button.isEnabled()
