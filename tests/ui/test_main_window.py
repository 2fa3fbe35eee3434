from opcms_desktop.ui.main_window import MainWindow


def test_main_window_shows_screens_by_permission_and_the_status_bar(qtbot, app_ctx):
    window = MainWindow(app_ctx)
    qtbot.addWidget(window)
    window.show()
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert "用户管理" in titles
    assert "管理员" in window.role_label.text() and "admin" in window.user_label.text()
    assert "SQLite" in window.db_label.text()
    window.close()


def test_screens_needing_permissions_are_hidden_from_sales(qtbot, app_ctx):
    from dataclasses import replace

    app_ctx.actor = replace(app_ctx.actor, role="sales", permissions=frozenset({"customers.view"}))
    window = MainWindow(app_ctx)
    qtbot.addWidget(window)
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert "用户管理" not in titles
    window.close()


def test_window_layout_is_remembered(qtbot, app_ctx):
    window = MainWindow(app_ctx)
    qtbot.addWidget(window)
    window.resize(window.minimumSizeHint().width(), 450)  # fits the offscreen screen (800x600)
    window.show()
    window.close()
    again = MainWindow(app_ctx)
    qtbot.addWidget(again)
    assert again.size().height() == 450 and app_ctx.settings.value("window/geometry") is not None
    again.close()


def test_operations_after_the_window_is_gone_do_not_touch_it(qtbot, app_ctx):
    """After logout the runner lives on; the deleted window must not be called back."""
    from shiboken6 import delete

    from opcms_desktop.services.security import users

    window = MainWindow(app_ctx)
    delete(window)
    done = []
    app_ctx.runner.op(users.list_users).success(done.append).run()
    qtbot.waitUntil(lambda: bool(done), timeout=10000)


def test_first_window_fits_a_1366x768_laptop_screen(qtbot, app_ctx):
    from PySide6.QtCore import QRect

    from opcms_desktop.ui.main_window import FRAME_ALLOWANCE, clamp_to_screen, initial_size

    laptop = QRect(0, 0, 1366, 728)  # 768 less the task bar
    size = initial_size(laptop)
    assert size.height() + FRAME_ALLOWANCE.height() <= 728 and size.width() <= 1366
    window = MainWindow(app_ctx)
    qtbot.addWidget(window)
    window.fit_to_screen(laptop)
    assert window.height() + FRAME_ALLOWANCE.height() <= 728
    assert laptop.contains(window.geometry())
    # a geometry remembered on a large monitor is clamped into the laptop's screen
    clamped = clamp_to_screen(QRect(1500, 900, 1900, 1100), laptop)
    assert laptop.contains(clamped) and clamped.height() + FRAME_ALLOWANCE.height() <= 728
    assert initial_size(QRect(0, 0, 2560, 1400)).width() == 1280  # big screens keep the preferred size


def test_remembered_geometry_larger_than_the_screen_is_clamped(qtbot, app_ctx):
    from PySide6.QtCore import QRect

    from opcms_desktop.ui.main_window import available_geometry

    window = MainWindow(app_ctx)
    qtbot.addWidget(window)
    window.setGeometry(QRect(-50, -50, 3000, 2000))
    window.save_layout()
    again = MainWindow(app_ctx)
    qtbot.addWidget(again)
    assert available_geometry().contains(again.geometry())


def test_language_menu_saves_the_choice_for_the_next_sign_in(qtbot, app_ctx):
    from opcms_desktop.services.platform import preferences

    window = MainWindow(app_ctx)
    qtbot.addWidget(window)
    try:
        window.choose_language("en", confirm=False)
        assert preferences.preferred_language() == "en" and window.language_actions["en"].isChecked()
        assert window.windowTitle() == "OP_CMS 客户与结算管理"  # this window keeps its language
    finally:
        preferences.save(language="zh_CN")
