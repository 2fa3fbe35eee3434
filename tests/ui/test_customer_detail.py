"""The customer detail dialog: save with the version read, conflicts never overwrite silently, inline
validation, the history tab, read-only without customers.edit."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QDialog

from opcms_desktop.services import customers
from opcms_desktop.services.platform.db import session_scope
from opcms_desktop.ui.customers.detail_dialog import CustomerDetailDialog

from .customer_support import WAIT, build_shop


def open_detail(qtbot, ctx, customer_id) -> CustomerDetailDialog:
    dialog = CustomerDetailDialog(ctx, customer_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.bundle is not None, timeout=WAIT)
    return dialog


def stored(ui_factory, query_guard, actor, customer_id):
    with query_guard.allowed(), session_scope(ui_factory) as s:
        return customers.get_customer(s, actor, customer_id)


def test_edit_saves_only_the_changed_fields(qtbot, app_ctx, ui_factory, query_guard):
    shop = build_shop(ui_factory, query_guard)
    dialog = open_detail(qtbot, app_ctx, shop.ids["我爱我家"])
    assert dialog.form.industry_id.currentText() == "房产经纪" and dialog.form.avg_monthly_shoots.text() == "120.5"
    assert dialog.form.sales_owner_ids.text.text() == "刘冀"
    dialog.form.name.setText("我爱我家集团")
    dialog.form.grade.set_value("S")
    dialog.form.ops_owner_ids.set_user_ids([shop.ops.id])
    assert dialog.form.changes() == {"name": "我爱我家集团", "grade": "S", "ops_owner_ids": [shop.ops.id]}
    with qtbot.waitSignal(dialog.saved, timeout=WAIT):
        dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    after = stored(ui_factory, query_guard, app_ctx.actor, shop.ids["我爱我家"])
    assert (after.name, after.grade, after.ops_owners, after.avg_monthly_shoots) == \
        ("我爱我家集团", "S", "郭富乾", dialog.bundle.detail.avg_monthly_shoots)


def _someone_else_renames(ui_factory, query_guard, actor, customer_id) -> None:
    with query_guard.allowed(), session_scope(ui_factory) as s:
        current = customers.get_customer(s, actor, customer_id)
        customers.update_customer(s, actor, customer_id, {"name": "别人改的名字"}, current.version)


def test_a_stale_version_asks_and_reload_drops_my_changes(qtbot, app_ctx, ui_factory, query_guard, monkeypatch):
    shop = build_shop(ui_factory, query_guard)
    dialog = open_detail(qtbot, app_ctx, shop.ids["我爱我家"])
    _someone_else_renames(ui_factory, query_guard, app_ctx.actor, shop.ids["我爱我家"])
    asked = []
    monkeypatch.setattr(dialog, "ask_conflict", lambda text: asked.append(text) or dialog.RELOAD)
    dialog.form.grade.set_value("D")
    old_version = dialog.bundle.detail.version
    dialog.save()
    qtbot.waitUntil(lambda: dialog.bundle.detail.version > old_version, timeout=WAIT)
    assert asked and "别人改的名字 在您打开后已被 admin" in asked[0]  # the catalogue's Chinese, naming who
    assert dialog.isVisible() and dialog.form.name.text() == "别人改的名字" and dialog.form.grade.value() == "A"
    after = stored(ui_factory, query_guard, app_ctx.actor, shop.ids["我爱我家"])
    assert (after.name, after.grade) == ("别人改的名字", "A")  # nothing of mine was written


def test_a_stale_version_can_be_overwritten_on_purpose(qtbot, app_ctx, ui_factory, query_guard, monkeypatch):
    shop = build_shop(ui_factory, query_guard)
    dialog = open_detail(qtbot, app_ctx, shop.ids["我爱我家"])
    _someone_else_renames(ui_factory, query_guard, app_ctx.actor, shop.ids["我爱我家"])
    monkeypatch.setattr(dialog, "ask_conflict", lambda text: dialog.OVERWRITE)
    dialog.form.name.setText("我爱我家（我的）")
    with qtbot.waitSignal(dialog.saved, timeout=WAIT):
        dialog.save()
    assert stored(ui_factory, query_guard, app_ctx.actor, shop.ids["我爱我家"]).name == "我爱我家（我的）"


def test_keep_editing_after_a_conflict_writes_nothing(qtbot, app_ctx, ui_factory, query_guard, monkeypatch):
    shop = build_shop(ui_factory, query_guard)
    dialog = open_detail(qtbot, app_ctx, shop.ids["我爱我家"])
    _someone_else_renames(ui_factory, query_guard, app_ctx.actor, shop.ids["我爱我家"])
    monkeypatch.setattr(dialog, "ask_conflict", lambda text: dialog.KEEP_EDITING)
    dialog.form.notes.setPlainText("我的备注")
    dialog.save()
    qtbot.waitUntil(lambda: "已被他人修改" in dialog.message.text(), timeout=WAIT)
    assert stored(ui_factory, query_guard, app_ctx.actor, shop.ids["我爱我家"]).notes is None


def test_validation_problems_show_next_to_their_fields(qtbot, app_ctx, ui_factory, query_guard):
    shop = build_shop(ui_factory, query_guard)
    dialog = open_detail(qtbot, app_ctx, shop.ids["我爱我家"])
    dialog.form.onboarding_half.setText("25上半年")
    dialog.form.avg_monthly_shoots.setText("很多")
    dialog.form.name.setText("  ")
    dialog.save()
    boxes = dialog.form.boxes
    qtbot.waitUntil(lambda: boxes["onboarding_half"].error.isVisibleTo(dialog), timeout=WAIT)
    assert "2025-H1" in boxes["onboarding_half"].error.text()
    assert boxes["avg_monthly_shoots"].error.isVisibleTo(dialog) and boxes["name"].error.isVisibleTo(dialog)
    assert not boxes["grade"].error.isVisibleTo(dialog)
    assert "接入时间" in dialog.message.text() and dialog.isVisible()
    assert stored(ui_factory, query_guard, app_ctx.actor, shop.ids["我爱我家"]).name == "我爱我家"


def test_history_tab_shows_who_changed_what(qtbot, qtmodeltester, app_ctx, ui_factory, query_guard):
    shop = build_shop(ui_factory, query_guard)
    with query_guard.allowed(), session_scope(ui_factory) as s:
        current = customers.get_customer(s, app_ctx.actor, shop.ids["我爱我家"])
        customers.update_customer(s, app_ctx.actor, current.id, {"grade": "B", "industry_id": None}, current.version)
    dialog = open_detail(qtbot, app_ctx, shop.ids["我爱我家"])
    lines = [dialog.history.line(i) for i in range(dialog.history.rowCount())]
    by_field = {line.field: line for line in lines}
    assert (by_field["客户等级"].before, by_field["客户等级"].after) == ("A", "B")
    assert (by_field["行业类型"].before, by_field["行业类型"].after) == ("房产经纪", "（空）")
    assert by_field["客户等级"].user == "admin" and by_field["客户等级"].action == "修改"
    assert dialog.tabs.tabText(1) == "历史（1）"
    qtmodeltester.check(dialog.history)


def test_without_edit_permission_the_detail_is_read_only(qtbot, app_ctx, ui_factory, query_guard):
    shop = build_shop(ui_factory, query_guard)
    app_ctx.actor = replace(app_ctx.actor, permissions=frozenset({"customers.view"}))
    dialog = open_detail(qtbot, app_ctx, shop.ids["链家地产"])
    assert dialog.save_button is None and dialog.form.name.isReadOnly()
    assert not dialog.form.grade.isEnabled() and dialog.form.sales_owner_ids.button.isHidden()
    assert "只读" in dialog.subtitle.text()


def test_owner_picker_lists_users_and_replaces_sheet_names(qtbot, app_ctx, ui_factory, query_guard):
    from opcms_desktop.ui.customers.owner_picker import OwnerDialog

    shop = build_shop(ui_factory, query_guard)
    dialog = open_detail(qtbot, app_ctx, shop.ids["链家地产"])
    field = dialog.form.sales_owner_ids
    field.choose()
    picker = field.findChild(OwnerDialog)
    labels = [picker.owners.list.item(i).text() for i in range(picker.owners.list.count())]
    assert labels[:2] == ["刘冀（销售）", "谢海龙（销售）"]  # sales users first for a sales owner
    picker.owners.search.setText("liu")
    assert [picker.owners.list.item(i).isHidden() for i in range(2)] == [False, True]
    picker.owners.set_checked([shop.sales.id])
    picker.accept()
    assert field.text.text() == "刘冀" and dialog.form.changes() == {"sales_owner_ids": [shop.sales.id]}
    with qtbot.waitSignal(dialog.saved, timeout=WAIT):
        dialog.save()
    assert stored(ui_factory, query_guard, app_ctx.actor, shop.ids["链家地产"]).sales_owners == "刘冀"
