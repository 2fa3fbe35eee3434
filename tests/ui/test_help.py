"""The Help menu: the user guide opens at the screen on show, in the current language; shortcuts; About."""

from __future__ import annotations

from opcms_desktop.ui.help.dialogs import AboutDialog, ShortcutsDialog
from opcms_desktop.ui.help.paths import HELP_DIR
from opcms_desktop.ui.main_window import MainWindow
from opcms_desktop.ui.screens import available_screens


def test_every_screen_has_a_guide_page_in_both_languages():
    keys = ["index", *(s.key for s in available_screens())]
    for language in ("zh_CN", "en"):
        missing = [k for k in keys if not (HELP_DIR / language / f"{k}.html").is_file()]
        assert missing == [], (language, missing)


def test_the_help_menu_opens_the_guide_at_the_current_screen(qtbot, app_ctx):
    window = MainWindow(app_ctx)
    qtbot.addWidget(window)
    window.open_screen("users")
    menus = [a.text() for a in window.menuBar().actions()]
    assert "帮助(&H)" in menus and "语言(&L)" in menus
    guide = window.show_user_guide()
    qtbot.addWidget(guide)
    assert guide.pages.currentItem().text() == "用户管理"
    assert "新建用户" in guide.browser.toPlainText()
    guide.show_page("billrun")
    assert "月结账单" in guide.browser.toPlainText()


def test_shortcuts_and_about(qtbot, app_ctx):
    keys = ShortcutsDialog()
    qtbot.addWidget(keys)
    assert keys.table.rowCount() >= 8 and keys.table.item(0, 0).text() == "F1"
    about = AboutDialog(app_ctx.profile.describe())
    qtbot.addWidget(about)
    assert "0.1.0" in about.values["version"].text() and "SQLite" in about.values["database"].text()
    assert about.values["log"].text().endswith("opcms.log")
