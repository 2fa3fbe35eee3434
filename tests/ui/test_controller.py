"""The sign-in flow as a whole: no step may leave the app without a window (issue 11, item 1)."""

from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import QApplication, QDialog

from opcms_desktop.ui import connection_dialog
from opcms_desktop.ui.connection import ConnectionProfile
from opcms_desktop.ui.controller import Controller
from opcms_desktop.ui.login import FirstAdminDialog, LoginDialog


def _visible_windows() -> list:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def test_switching_from_postgresql_back_to_sqlite_keeps_a_window(qtbot, tmp_path, settings, monkeypatch):
    closed = []
    QApplication.instance().lastWindowClosed.connect(lambda: closed.append(True))
    pg = ConnectionProfile(kind="postgresql", host="127.0.0.1", port=5432, database="nowhere")
    controller = Controller(settings, pg)
    controller.start()
    login = controller.dialog
    assert isinstance(login, LoginDialog) and login.isVisible()

    sqlite = ConnectionProfile(sqlite_path=str(tmp_path / "switched.db"))
    monkeypatch.setattr(connection_dialog.ConnectionDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(connection_dialog.ConnectionDialog, "profile", lambda self: sqlite)
    login.connection_button.click()
    assert _visible_windows(), "nothing on screen while the database opens"
    qtbot.waitUntil(lambda: isinstance(controller.dialog, FirstAdminDialog) and controller.dialog.isVisible(),
                    timeout=15000)
    assert not shiboken6.isValid(login) or not login.isVisible()
    assert closed == [], "the last window closed: Qt quits the app without a word"
    assert settings.value("connection/kind") == "sqlite"
    controller.dialog.close()
    controller.runner.wait_for_done(5000)
    controller.database.engine.dispose()


def test_connection_dialog_warns_when_the_postgresql_server_accepts_any_password(qtbot):
    from sqlalchemy import make_url

    from opcms_desktop.ui.connection_dialog import ConnectionDialog
    from opcms_desktop.ui.operations import OperationRunner
    from tests.conftest import _PG_PROBLEM, PG_SERVER_URL

    if _PG_PROBLEM:
        import pytest

        pytest.skip(f"PostgreSQL unavailable: {_PG_PROBLEM}")
    server = make_url(PG_SERVER_URL)
    profile = ConnectionProfile(kind="postgresql", host=server.host, port=server.port or 5432,
                                database=server.database)
    runner = OperationRunner()
    dialog = ConnectionDialog(profile, runner=runner, username=server.username or "postgres")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.submit()
    qtbot.waitUntil(lambda: "pg_hba.conf" in dialog.message.text(), timeout=15000)  # the test server trusts
    assert dialog.result() == 0 and dialog.isVisible()
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.submit()  # a second OK keeps the choice
    assert runner.wait_for_done(5000)
