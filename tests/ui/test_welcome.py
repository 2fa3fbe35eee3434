"""The first start (issue 10 item 2): the welcome screen, its three choices, and the guided path that takes
a fresh user from the welcome screen to an imported customer sheet (timed: under a minute)."""

from __future__ import annotations

import time

import pytest
from PySide6.QtWidgets import QDialog

from opcms_desktop.ui import connection, connection_dialog
from opcms_desktop.ui.controller import Controller
from opcms_desktop.ui.login import FirstAdminDialog
from opcms_desktop.ui.main_window import MainWindow
from opcms_desktop.ui.welcome import dialog as welcome
from opcms_desktop.ui.welcome.guide import DONE, GuidedPathDialog
from tests.shared_data import REAL_SHEET

WAIT = 20000
PASSWORD = "Welcome-2026-first"


@pytest.fixture
def first_start(tmp_path, monkeypatch):
    """This user has no profile and no local database: the default file is in a new folder."""
    path = tmp_path / "OPCMS" / "opcms.db"
    monkeypatch.setattr(welcome, "default_sqlite_path", lambda: path)
    monkeypatch.setattr(connection, "default_sqlite_path", lambda: path)
    return path


def test_welcome_only_on_a_first_start(first_start, settings):
    assert welcome.needs_welcome(settings)
    settings.setValue("connection/kind", "sqlite")
    assert not welcome.needs_welcome(settings)
    settings.remove("connection/kind")
    first_start.parent.mkdir(parents=True)
    first_start.write_bytes(b"")
    assert not welcome.needs_welcome(settings)  # an existing database: the user has been here before
    assert welcome.demo_database_path() == str(first_start.with_name("opcms-demo.db"))


def test_each_choice_is_one_click(qtbot):
    for name, choice in (
        ("empty_button", welcome.EMPTY),
        ("demo_button", welcome.DEMO),
        ("shared_button", welcome.SHARED),
    ):
        dialog = welcome.WelcomeDialog()
        qtbot.addWidget(dialog)
        dialog.show()
        getattr(dialog, name).click()
        assert dialog.result() == QDialog.DialogCode.Accepted and dialog.choice == choice


def test_demo_choice_is_disabled_with_a_reason_when_the_loader_is_missing(qtbot, monkeypatch):
    monkeypatch.setattr(welcome, "DEMO_MODULE", "opcms_desktop.services.insight.no_such_module")
    dialog = welcome.WelcomeDialog()
    qtbot.addWidget(dialog)
    assert not dialog.demo_button.isEnabled() and not dialog.demo_note.isHidden()


def test_an_existing_profile_skips_the_welcome(qtbot, first_start, settings):
    settings.setValue("connection/kind", "sqlite")
    controller = Controller(settings)
    assert controller.first_run is None


def test_shared_choice_opens_the_connection_dialog_and_cancel_returns(
    qtbot, first_start, settings, monkeypatch
):
    seen = []

    def cancelled(dialog):
        seen.append(dialog.pg_radio.isChecked())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(connection_dialog.ConnectionDialog, "exec", cancelled)
    controller = Controller(settings)
    controller.start()
    screen = controller.dialog
    assert isinstance(screen, welcome.WelcomeDialog) and screen.isVisible()
    screen.shared_button.click()
    assert seen == [True]  # PostgreSQL already chosen in the connection dialog
    assert screen.isVisible() and not settings.contains("connection/kind")  # back to choosing
    assert not controller.profile.is_postgresql
    screen.close()


def _first_admin(qtbot, controller) -> None:
    qtbot.waitUntil(
        lambda: isinstance(controller.dialog, FirstAdminDialog) and controller.dialog.isVisible(),
        timeout=WAIT,
    )
    first = controller.dialog
    first.password.setText(PASSWORD)
    first.confirm.setText(PASSWORD)
    first.submit()
    qtbot.waitUntil(
        lambda: isinstance(controller.window, MainWindow) and controller.window.isVisible(), timeout=WAIT
    )


def test_from_the_welcome_screen_to_an_imported_customer_sheet_in_under_a_minute(
    qtbot, first_start, settings
):
    started = time.perf_counter()
    controller = Controller(settings)
    controller.start()
    controller.dialog.empty_button.click()  # 新建本机数据库
    _first_admin(qtbot, controller)
    assert first_start.exists() and settings.value("connection/kind") == "sqlite"
    guide = controller.first_run.guide
    assert isinstance(guide, GuidedPathDialog) and guide.isVisible()

    guide.buttons[0].click()  # 导入客户表…
    screen = controller.window.screens["customers"]
    wizard = screen._dialog
    assert wizard is not None and wizard.isVisible()
    wizard.file_page.path.setText(str(REAL_SHEET))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.preview_page.isComplete(), timeout=WAIT * 2)
    wizard.next()  # the owners page: names left unlinked (they can be linked later)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.summary_page.result is not None, timeout=WAIT * 2)
    assert wizard.summary_page.result.inserted == 1319
    qtbot.waitUntil(lambda: guide.marks[0].text() == DONE, timeout=WAIT)
    elapsed = time.perf_counter() - started
    assert elapsed < 60, f"{elapsed:.1f} s from the welcome screen to the imported sheet"

    wizard.close()
    guide.close()
    controller.window.close()
    controller.runner.cancel_all()
    assert controller.runner.wait_for_done(WAIT)
    controller.database.engine.dispose()


def test_the_daily_backup_is_taken_once_on_start(first_start, settings, qtbot):
    from opcms_desktop.services.maintenance.files import backups_folder
    from opcms_desktop.ui.connection import ConnectionProfile
    from opcms_desktop.ui.session_flow import open_embedded

    profile = ConnectionProfile(sqlite_path=str(first_start))
    for _ in range(2):
        opened = open_embedded(profile)
        opened.engine.dispose()
    daily = list(backups_folder(first_start).glob("*-daily.db"))
    assert len(daily) == 1


def test_demo_choice_fills_a_separate_file_before_the_main_window(qtbot, first_start, settings, monkeypatch):
    import functools

    from opcms_desktop.services.insight import demo

    small = functools.partial(demo.load_demo, customers=40, months=3)  # the real loader, smaller
    monkeypatch.setattr(demo, "load_demo", small)
    controller = Controller(settings)
    controller.start()
    controller.dialog.demo_button.click()
    _first_admin(qtbot, controller)
    demo_file = first_start.with_name("opcms-demo.db")
    assert settings.value("connection/sqlite_path") == str(demo_file) and demo_file.exists()
    assert not first_start.exists()  # the real database was never created
    screen = controller.window.open_screen("customers")
    qtbot.waitUntil(
        lambda: screen.count_label.text().startswith("共 ") and "共 0 " not in screen.count_label.text(),
        timeout=WAIT,
    )
    assert controller.first_run.guide is None  # the guided path is for a new, empty database
    controller.window.close()
    controller.runner.cancel_all()
    assert controller.runner.wait_for_done(WAIT)
    controller.database.engine.dispose()
