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


def test_new_user_defaults_to_the_least_powerful_role(qtbot, app_ctx):
    """Issue 11 item 14: 管理员 only when chosen."""
    screen = _screen(qtbot, app_ctx)
    qtbot.waitUntil(lambda: screen.role_choices is not None, timeout=10000)
    screen.create_user()
    from opcms_desktop.ui.users.dialogs import UserFormDialog

    dialog = screen.findChild(UserFormDialog)
    assert dialog.role.currentData() == "sales"


def test_creating_a_user_offers_to_link_the_sheet_owner_names(qtbot, app_ctx, ui_factory, admin_actor,
                                                              monkeypatch, query_guard, tmp_path):
    """Issue 11 item 3: ask whether to link the customers of owner 刘冀 to the new user."""
    from PySide6.QtWidgets import QMessageBox

    from opcms_desktop.services.customers.owners import list_unlinked_owners
    from opcms_desktop.services.customers.sheet_import import import_customers
    from opcms_desktop.services.platform.db import session_scope
    from opcms_desktop.ui.users.dialogs import UserFormDialog
    from tests.services.customer_sheet_builders import HEADERS, customer_row, write_sheet

    sheet = write_sheet(tmp_path / "owners.xlsx", HEADERS, [customer_row(1, "甲", 销售负责人="刘冀"),
                                                            customer_row(2, "乙", 销售负责人="刘冀")])
    with query_guard.allowed(), session_scope(ui_factory) as s:
        import_customers(s, admin_actor, sheet)
    asked = []

    def answer(_parent, _title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    screen = _screen(qtbot, app_ctx)
    screen.create_user()
    dialog = screen.findChild(UserFormDialog)
    dialog.username.setText("liuji")
    dialog.display_name.setText("刘冀")
    dialog.password.setText("Sales-pass-2026")
    dialog.confirm.setText("Sales-pass-2026")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: getattr(screen, "last_linked", None) is not None, timeout=10000)
    assert "刘冀" in asked[0] and "2" in asked[0]
    assert screen.last_linked.customers == 2
    with query_guard.allowed(), session_scope(ui_factory) as s:
        assert "刘冀" not in {o.name for o in list_unlinked_owners(s, admin_actor)}


def test_module_level_labels_find_their_english(qapp):
    """lupdate files module-level tr() strings under no context; the labels still translate."""
    from opcms_desktop.ui.i18n import install_language
    from opcms_desktop.ui.users.model import tr

    try:
        install_language("en")
        assert tr("已停用") != "已停用" and not any("\u4e00" <= ch <= "\u9fff" for ch in tr("已停用"))
    finally:
        install_language("zh_CN")
    assert tr("已停用") == "已停用"
