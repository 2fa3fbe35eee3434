from opcms_desktop.services.security import users
from opcms_desktop.ui.users.model import UsersTableModel
from opcms_desktop.ui.users.screen import UsersScreen


def _screen(qtbot, app_ctx):
    screen = UsersScreen(app_ctx)
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1, timeout=10000)
    return screen


def test_users_model_passes_qtmodeltester(qtmodeltester, app_ctx, qtbot):
    screen = _screen(qtbot, app_ctx)
    qtmodeltester.check(screen.model)
    empty = UsersTableModel()
    qtmodeltester.check(empty)


def test_create_user_through_the_dialog(qtbot, app_ctx):
    screen = _screen(qtbot, app_ctx)
    screen.create_user()
    from opcms_desktop.ui.users.dialogs import UserFormDialog

    dialog = screen.findChild(UserFormDialog)
    dialog.username.setText("liuji")
    dialog.display_name.setText("刘冀")
    dialog.role.setCurrentIndex(dialog.role.findData("sales"))
    dialog.password.setText("Sales-pass-2026")
    dialog.confirm.setText("Sales-pass-2026")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 2, timeout=10000)
    row = [screen.model.row_at(i) for i in range(2) if screen.model.row_at(i).username == "liuji"][0]
    assert (row.display_name, row.role, row.must_change_password) == ("刘冀", "sales", True)


def test_bad_input_stays_in_the_dialog(qtbot, app_ctx):
    screen = _screen(qtbot, app_ctx)
    screen.create_user()
    from opcms_desktop.ui.users.dialogs import UserFormDialog

    dialog = screen.findChild(UserFormDialog)
    dialog.username.setText("li")
    dialog.password.setText("short")
    dialog.confirm.setText("short")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: "至少需要 10 个字符" in dialog.message.text(), timeout=10000)
    assert dialog.isVisible() and screen.model.rowCount() == 1


def test_disable_and_change_role(qtbot, app_ctx, ui_factory, admin_actor, monkeypatch, query_guard):
    from opcms_desktop.services.platform.db import session_scope

    with query_guard.allowed(), session_scope(ui_factory) as s:
        users.create_user(s, admin_actor, "zhou", "Good-password-9", "sales")
    screen = UsersScreen(app_ctx)
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 2, timeout=10000)
    row_index = [i for i in range(2) if screen.model.row_at(i).username == "zhou"][0]
    screen.table.selectRow(row_index)
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    screen.toggle_active()
    qtbot.waitUntil(lambda: any(not screen.model.row_at(i).active for i in range(screen.model.rowCount())),
                    timeout=10000)
    assert screen.toggle_button.text() in ("启用", "停用")


def test_copy_selection_gives_tab_separated_cells(qtbot, app_ctx):
    screen = _screen(qtbot, app_ctx)
    screen.table.selectRow(0)
    text = screen.table.copy_selection()
    assert text.startswith("admin\t管理员\t")
