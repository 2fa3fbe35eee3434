"""The role editor: create a custom role through the matrix, edit and save, built-ins protected, conflicts."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from opcms_desktop.services.security import roles, users
from opcms_desktop.ui.security.roles_screen import RolesScreen

from .conftest import run_in_session

WAIT = 10000


def open_roles(qtbot, ctx) -> RolesScreen:
    screen = RolesScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1200, 760)
    screen.show()
    qtbot.waitUntil(lambda: screen.model.rowCount() >= 3 and screen.current is not None, timeout=WAIT)
    settle(qtbot, ctx.runner)  # the selected role's detail loads next; let it land before checking
    return screen


def stored_role(factory, guard, actor, name):
    with guard.allowed():
        return run_in_session(factory, lambda s: roles.get_role(s, actor, name))


def settle(qtbot, runner):
    qtbot.waitUntil(lambda: runner.running == 0, timeout=WAIT)


def test_roles_model_passes_qtmodeltester(qtbot, qtmodeltester, app_ctx):
    screen = open_roles(qtbot, app_ctx)
    qtmodeltester.check(screen.model)
    assert [screen.model.row_at(i).name for i in range(4)] == ["admin", "manager", "ops", "sales"]


def test_create_custom_role_with_permissions_from_the_matrix(qtbot, app_ctx, ui_factory, admin_actor, query_guard):
    screen = open_roles(qtbot, app_ctx)
    screen.new_button.click()
    assert screen.name.isEnabled() and screen.scope.isEnabled() and not screen.save_button.isEnabled()
    screen.name.setText("finance_viewer")
    screen.label.setText("财务只读")
    screen.label.textEdited.emit("财务只读")
    for name in ("invoices.view", "invoices.export", "receipts.view", "reports.view"):
        screen.matrix.boxes[name].setChecked(True)
    assert screen.save_button.isEnabled()
    screen.save_button.click()
    qtbot.waitUntil(lambda: screen.role_named("finance_viewer") is not None
                    and screen.current is not None and screen.current.name == "finance_viewer", timeout=WAIT)
    stored = stored_role(ui_factory, query_guard, admin_actor, "finance_viewer")
    assert (stored.label, stored.customer_scope, stored.builtin) == ("财务只读", "all", False)
    assert set(stored.permissions) == {"invoices.view", "invoices.export", "receipts.view", "reports.view"}
    assert "已保存" in screen.message.text()
    assert screen.delete_button.isEnabled()  # a custom role nobody holds


def test_own_scope_disables_administration_permissions(qtbot, app_ctx):
    screen = open_roles(qtbot, app_ctx)
    screen.new_button.click()
    screen.matrix.boxes["audit.view"].setChecked(True)
    screen.scope.setCurrentIndex(screen.scope.findData("own"))
    assert not screen.matrix.boxes["audit.view"].isChecked()
    assert not screen.matrix.boxes["audit.view"].isEnabled()
    assert not screen.matrix.boxes["users.manage"].isEnabled()
    assert screen.matrix.boxes["customers.view"].isEnabled()


def test_edit_saves_with_the_loaded_version(qtbot, app_ctx, ui_factory, admin_actor, query_guard):
    screen = open_roles(qtbot, app_ctx)
    screen.select_role("ops")
    qtbot.waitUntil(lambda: screen.current.name == "ops", timeout=WAIT)
    before = screen.current
    screen.matrix.boxes["customers.delete"].setChecked(False)
    screen.matrix.boxes["audit.view"].setChecked(True)
    screen.label.setText("运营专员")
    screen.label.textEdited.emit("运营专员")
    screen.save_button.click()
    qtbot.waitUntil(lambda: screen.current.version != before.version and not screen.save_button.isEnabled(),
                    timeout=WAIT)
    stored = stored_role(ui_factory, query_guard, admin_actor, "ops")
    assert stored.label == "运营专员"
    assert "audit.view" in stored.permissions and "customers.delete" not in stored.permissions
    assert screen.current.version == stored.version


def test_builtin_roles_cannot_be_deleted_or_renamed(qtbot, app_ctx):
    screen = open_roles(qtbot, app_ctx)
    for name in ("admin", "manager", "ops", "sales"):
        screen.select_role(name)
        qtbot.waitUntil(lambda n=name: screen.current.name == n, timeout=WAIT)
        assert not screen.delete_button.isEnabled()
        assert not screen.name.isEnabled() and not screen.scope.isEnabled()
        assert screen.label.isEnabled()
        boxes = screen.matrix.boxes
        if name == "admin":  # admin keeps users.manage and roles.manage
            assert not boxes["users.manage"].isEnabled() and not boxes["roles.manage"].isEnabled()
            assert boxes["settings.manage"].isEnabled()
        if name == "sales":  # own customers only: no administration permissions
            assert not boxes["settings.manage"].isEnabled() and boxes["customers.export"].isEnabled()


def test_role_in_use_is_refused(qtbot, app_ctx, ui_factory, admin_actor, query_guard, monkeypatch):
    with query_guard.allowed():
        run_in_session(ui_factory, lambda s: roles.create_role(s, admin_actor, "auditor", "审计员", "all",
                                                               ["audit.view"]))
        run_in_session(ui_factory, lambda s: users.create_user(s, admin_actor, "zhou", "Good-password-9", "auditor"))
    screen = open_roles(qtbot, app_ctx)
    screen.select_role("auditor")
    qtbot.waitUntil(lambda: screen.current.name == "auditor", timeout=WAIT)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    screen.delete_button.click()
    assert "1 个用户" in screen.message.text()
    settle(qtbot, app_ctx.runner)
    assert screen.role_named("auditor") is not None


def test_delete_custom_role(qtbot, app_ctx, ui_factory, admin_actor, query_guard, monkeypatch):
    with query_guard.allowed():
        run_in_session(ui_factory, lambda s: roles.create_role(s, admin_actor, "temp_role", "临时", "own",
                                                               ["customers.view"]))
    screen = open_roles(qtbot, app_ctx)
    screen.select_role("temp_role")
    qtbot.waitUntil(lambda: screen.current.name == "temp_role", timeout=WAIT)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    screen.delete_button.click()
    qtbot.waitUntil(lambda: screen.role_named("temp_role") is None, timeout=WAIT)


def test_conflict_offers_a_reload(qtbot, app_ctx, ui_factory, admin_actor, query_guard):
    screen = open_roles(qtbot, app_ctx)
    screen.select_role("sales")
    qtbot.waitUntil(lambda: screen.current.name == "sales", timeout=WAIT)
    with query_guard.allowed():  # someone else saves the role meanwhile
        run_in_session(ui_factory, lambda s: roles.update_role(s, admin_actor, "sales", label="销售代表"))
    screen.matrix.boxes["usage.export"].setChecked(True)
    screen.save_button.click()
    qtbot.waitUntil(lambda: screen.reload_button.isVisible(), timeout=WAIT)
    assert "已被他人修改" in screen.message.text()
    screen.reload_button.click()
    qtbot.waitUntil(lambda: screen.current.label == "销售代表", timeout=WAIT)
    assert not screen.matrix.boxes["usage.export"].isChecked()


def test_user_dialog_offers_custom_roles(qtbot, app_ctx, ui_factory, admin_actor, query_guard):
    from opcms_desktop.ui.users.dialogs import UserFormDialog
    from opcms_desktop.ui.users.screen import UsersScreen

    with query_guard.allowed():
        run_in_session(ui_factory, lambda s: roles.create_role(s, admin_actor, "auditor", "审计员", "all",
                                                               ["audit.view"]))
    screen = UsersScreen(app_ctx)
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: screen.role_choices is not None, timeout=WAIT)
    screen.create_user()
    dialog = screen.findChild(UserFormDialog)
    assert dialog.role.findData("auditor") >= 0
    assert dialog.role.itemText(dialog.role.findData("auditor")) == "审计员"
    dialog.reject()
