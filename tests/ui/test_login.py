from PySide6.QtWidgets import QDialogButtonBox

from opcms_desktop.services.platform.messages import render
from opcms_desktop.services.security.auth import authenticate
from opcms_desktop.ui import credentials
from opcms_desktop.ui.login import FirstAdminDialog, LoginDialog
from opcms_desktop.ui.session_flow import OpenedDatabase, create_first_admin

from .conftest import ADMIN_PASSWORD


def _login_dialog(runner, ui_factory, **kw):
    return LoginDialog(runner, lambda u, p: authenticate(ui_factory, u, p), "SQLite test.db", **kw)


def test_login_succeeds_in_the_background(qtbot, runner, ui_factory):
    dialog = _login_dialog(runner, ui_factory, username="admin")
    qtbot.addWidget(dialog)
    dialog.password.setText(ADMIN_PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    actor, must_change = dialog.result_value
    assert actor.username == "admin" and actor.role == "admin" and must_change is False


def test_wrong_password_shows_an_inline_message_and_locks_after_five(qtbot, runner, ui_factory):
    dialog = _login_dialog(runner, ui_factory, username="admin")
    qtbot.addWidget(dialog)
    dialog.show()
    for _ in range(5):
        dialog.password.setText("wrong-password")
        dialog.submit()
        qtbot.waitUntil(lambda: dialog.buttons.isEnabled() and dialog.message.text() != "请稍候…", timeout=10000)
        assert dialog.message.text() == render("auth.failed", language="zh_CN") == "用户名或密码错误。"
    dialog.password.setText(ADMIN_PASSWORD)
    dialog.submit()
    qtbot.waitUntil(lambda: "已锁定至" in dialog.message.text(), timeout=10000)
    assert "admin" in dialog.message.text() and dialog.result() == 0


def test_empty_fields_are_refused_without_a_query(qtbot, runner, ui_factory):
    dialog = _login_dialog(runner, ui_factory)
    qtbot.addWidget(dialog)
    dialog.submit()
    assert dialog.message.text() == "请输入用户名和密码。"


def test_remembered_password_comes_from_the_keyring_and_can_be_removed(qtbot, runner, ui_factory, memory_keyring):
    credentials.remember("sqlite://test", "admin", ADMIN_PASSWORD)
    dialog = _login_dialog(runner, ui_factory, username="admin",
                           remembered=lambda u: credentials.recall("sqlite://test", u),
                           forget=lambda u: credentials.forget("sqlite://test", u))
    qtbot.addWidget(dialog)
    assert dialog.password.text() == ADMIN_PASSWORD and dialog.remember.isChecked()
    dialog.forget_button.click()
    assert dialog.password.text() == "" and credentials.recall("sqlite://test", "admin") is None
    assert {k: v for k, v in memory_keyring.store.items() if k[0] == credentials.SERVICE} == {}  # db keys stay


def test_first_admin_dialog_creates_the_admin(qtbot, tmp_path, query_guard):
    from opcms_desktop.services.platform.db import create_db_engine, make_session_factory
    from opcms_desktop.ui.connection import ConnectionProfile
    from opcms_desktop.ui.operations import OperationRunner
    from opcms_desktop.ui.session_flow import open_embedded

    profile = ConnectionProfile(sqlite_path=str(tmp_path / "new.db"))
    database = open_embedded(profile)
    assert database.needs_first_admin
    runner = OperationRunner()
    dialog = FirstAdminDialog(runner, lambda u, p, d: create_first_admin(database, u, p, d), profile.describe())
    qtbot.addWidget(dialog)
    dialog.password.setText("short")
    dialog.confirm.setText("short")
    dialog.submit()
    qtbot.waitUntil(lambda: "至少需要 10 个字符" in dialog.message.text(), timeout=10000)
    dialog.password.setText("Boss-password-1")
    dialog.confirm.setText("Boss-password-2")
    dialog.submit()
    assert "不一致" in dialog.message.text()
    dialog.confirm.setText("Boss-password-1")
    dialog.display_name.setText("王老板")
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.submit()
    signed = dialog.result_value
    assert signed.actor.username == "admin" and signed.actor.display_name == "王老板"
    assert runner.wait_for_done(5000)
    database.engine.dispose()
    _ = (create_db_engine, make_session_factory, OpenedDatabase)


def test_choosing_english_in_the_login_window_switches_at_once_and_is_saved(qtbot, runner, ui_factory):
    from opcms_desktop.services.platform import preferences
    from opcms_desktop.ui.i18n import install_language

    install_language("zh_CN")
    dialog = _login_dialog(runner, ui_factory, username="admin")
    qtbot.addWidget(dialog)
    assert dialog.connection_button.text() == "连接设置…"
    try:
        with qtbot.waitSignal(dialog.language_changed):
            dialog.language.setCurrentIndex(dialog.language.findData("en"))
        assert dialog.windowTitle() == "Sign in to OP_CMS"
        assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "Sign in"
        assert dialog.connection_button.text() == "Connection settings…"
        assert preferences.preferred_language() == "en"
        again = _login_dialog(runner, ui_factory)  # the next login window follows the saved choice
        qtbot.addWidget(again)
        assert again.language.currentData() == "en" and again.remember.text().startswith("Remember")
    finally:
        install_language("zh_CN")
        preferences.save(language="zh_CN")
