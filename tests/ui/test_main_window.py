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
