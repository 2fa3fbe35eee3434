"""The customer list: SQL paging, search (pinyin initials), combined filters, header sort, export, scope."""

from __future__ import annotations

from dataclasses import replace

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest

from opcms_desktop.services import customers
from opcms_desktop.services.platform.db import session_scope
from opcms_desktop.ui.connection import ConnectionProfile
from opcms_desktop.ui.context import AppContext
from opcms_desktop.ui.kit.paged_model import PLACEHOLDER
from opcms_desktop.ui.operations import OperationRunner

from .customer_support import WAIT, build_shop, choose, names, open_screen, requery, wait_loaded


def test_list_counts_and_fetches_pages_around_what_is_shown(qtbot, app_ctx, ui_factory, query_guard):
    build_shop(ui_factory, query_guard, fillers=450)
    screen = open_screen(qtbot, app_ctx)
    assert screen.model.rowCount() == 454 and screen.count_label.text() == "共 454 个客户"
    assert screen.model.row_at(0).company_id == 5  # 公司id ascending
    assert screen.model.data(screen.model.index(420, 1)) == PLACEHOLDER  # not fetched yet
    qtbot.waitUntil(lambda: screen.model.row_at(420) is not None, timeout=WAIT)
    assert screen.model.row_at(250) is None  # only the page around row 420 came
    assert screen.model.data(screen.model.index(420, 1)) == "填充客户0416"


def test_search_finds_pinyin_initials_after_a_pause(qtbot, app_ctx, ui_factory, query_guard):
    build_shop(ui_factory, query_guard, fillers=5)
    screen = open_screen(qtbot, app_ctx)
    with qtbot.waitSignal(screen.model.count_changed, timeout=WAIT):
        screen.search.setText("wawj")
        assert screen.model.query.search == ""  # debounced: nothing asked yet
    wait_loaded(qtbot, screen)
    assert screen.model.query.search == "wawj" and names(screen) == ["我爱我家"]
    requery(qtbot, screen, lambda: screen.search.setText("12"))  # 公司id prefix: 12, 123
    assert sorted(names(screen)) == ["北京我爱我家置业", "链家地产"]


def test_ctrl_f_focuses_the_search_box(qtbot, app_ctx, ui_factory, query_guard):
    build_shop(ui_factory, query_guard)
    screen = open_screen(qtbot, app_ctx)
    screen.activateWindow()
    screen.table.setFocus()
    QTest.keyClick(screen.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: screen.search.hasFocus(), timeout=WAIT)


def test_filters_combine(qtbot, app_ctx, ui_factory, query_guard):
    build_shop(ui_factory, query_guard, fillers=3)
    screen = open_screen(qtbot, app_ctx)
    requery(qtbot, screen, lambda: choose(screen, "industry_ids", "房产经纪"))
    assert sorted(names(screen)) == ["我爱我家", "链家地产"]
    requery(qtbot, screen, lambda: choose(screen, "disabled", "未停用"))
    assert names(screen) == ["我爱我家"]
    requery(qtbot, screen, lambda: choose(screen, "sales_owner_ids", "谢海龙"))
    assert screen.model.rowCount() == 0 and screen.count_label.text() == "共 0 个客户"
    requery(qtbot, screen, screen.filters.clear)
    assert screen.model.rowCount() == 7


def test_clicking_a_header_sorts_in_sql(qtbot, app_ctx, ui_factory, query_guard):
    build_shop(ui_factory, query_guard)
    screen = open_screen(qtbot, app_ctx)
    column = screen.model.column_of("company_id")
    requery(qtbot, screen, lambda: screen.table.sortByColumn(column, Qt.SortOrder.DescendingOrder))
    assert screen.model.query.descending
    assert [screen.model.row_at(i).company_id for i in range(4)] == [777, 123, 12, 5]
    owners = screen.model.column_of("sales_owners")  # not sortable: the sort stays
    screen.table.sortByColumn(owners, Qt.SortOrder.AscendingOrder)
    assert screen.table.horizontalHeader().sortIndicatorSection() == column
    assert screen.current_query().sort == "company_id" and screen.current_query().descending


def test_export_writes_the_visible_columns_in_their_order(qtbot, app_ctx, ui_factory, query_guard, tmp_path):
    build_shop(ui_factory, query_guard, fillers=3)
    screen = open_screen(qtbot, app_ctx)
    requery(qtbot, screen, lambda: choose(screen, "account_types", "正式"))
    header = screen.table.horizontalHeader()
    for index, column in enumerate(screen.model.columns):
        screen.table.setColumnHidden(index, column.key not in ("company_id", "name", "grade"))
    header.moveSection(header.visualIndex(screen.model.column_of("name")), 0)  # 公司名称 first
    assert screen.visible_column_keys() == ["name", "company_id", "grade"]
    target = tmp_path / "view.xlsx"
    screen.export_to(str(target))
    qtbot.waitUntil(lambda: "已导出" in screen.status.text(), timeout=WAIT)
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert rows[0] == ("公司名称", "公司id", "客户等级")
    assert len(rows) == 1 + screen.model.rowCount() == 1 + 6
    assert rows[1] == ("我爱我家", 5, "A")


def test_list_refreshes_when_customers_change(qtbot, app_ctx, ui_factory, query_guard):
    shop = build_shop(ui_factory, query_guard)
    screen = open_screen(qtbot, app_ctx)
    with query_guard.allowed(), session_scope(ui_factory) as s:
        version = customers.get_customer(s, app_ctx.actor, shop.ids["我爱我家"]).version
    app_ctx.runner.op(customers.update_customer, shop.ids["我爱我家"], {"name": "我爱我家集团"}, version).run()
    qtbot.waitUntil(lambda: screen.model.row_at(0) is not None and screen.model.row_at(0).name == "我爱我家集团",
                    timeout=WAIT)


def test_enter_on_a_row_opens_the_detail(qtbot, app_ctx, ui_factory, query_guard):
    from opcms_desktop.ui.customers.detail_dialog import CustomerDetailDialog

    build_shop(ui_factory, query_guard)
    screen = open_screen(qtbot, app_ctx)
    screen.table.setFocus()
    screen.table.setCurrentIndex(screen.model.index(0, 1))
    QTest.keyClick(screen.table, Qt.Key.Key_Return)
    dialog = screen.findChild(CustomerDetailDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.bundle is not None, timeout=WAIT)
    assert dialog.form.name.text() == "我爱我家"
    dialog.close()


def test_list_model_passes_qtmodeltester(qtmodeltester, qtbot, app_ctx, ui_factory, query_guard):
    build_shop(ui_factory, query_guard, fillers=20)
    screen = open_screen(qtbot, app_ctx)
    qtmodeltester.check(screen.model)
    qtbot.waitUntil(lambda: not screen.model.is_loading(), timeout=WAIT)


@pytest.fixture
def sales_ctx(qtbot, ui_factory, query_guard, tmp_path):
    shop = build_shop(ui_factory, query_guard, fillers=10)
    runner = OperationRunner(ui_factory, shop.sales, error_presenter=lambda parent, failure: None)
    settings = QSettings(str(tmp_path / "sales.ini"), QSettings.Format.IniFormat)
    yield AppContext(runner, shop.sales, settings, ConnectionProfile())
    runner.cancel_all()
    assert runner.wait_for_done(20000)


def test_sales_user_sees_only_own_customers(qtbot, sales_ctx):
    screen = open_screen(qtbot, sales_ctx)
    assert sorted(names(screen)) == ["北京我爱我家置业", "我爱我家"]
    assert screen.count_label.text() == "共 2 个客户"
    assert screen.batch_button.isHidden() and screen.import_button.isHidden()
    assert not screen.export_button.isHidden()  # sales may export what they see
    sales_owner_choices = [screen.filters.combos["sales_owner_ids"].itemText(i)
                           for i in range(screen.filters.combos["sales_owner_ids"].count())]
    assert "谢海龙" not in sales_owner_choices


def test_without_edit_permission_batch_actions_are_hidden(qtbot, app_ctx, ui_factory, query_guard):
    build_shop(ui_factory, query_guard)
    app_ctx.actor = replace(app_ctx.actor, permissions=frozenset({"customers.view"}))
    screen = open_screen(qtbot, app_ctx)
    assert screen.batch_button.isHidden() and screen.export_button.isHidden() and screen.import_button.isHidden()


def test_copy_reads_rows_not_loaded_yet_instead_of_placeholders(qtbot, app_ctx, ui_factory, query_guard):
    from PySide6.QtGui import QGuiApplication

    build_shop(ui_factory, query_guard, fillers=450)
    screen = open_screen(qtbot, app_ctx)
    for index, column in enumerate(screen.model.columns):
        screen.table.setColumnHidden(index, column.key not in ("company_id", "name"))
    screen.table.selectAll()
    with qtbot.waitSignal(screen.table.copied, timeout=WAIT) as copied:
        QTest.keyClick(screen.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QGuiApplication.clipboard().text().split("\n")
    assert copied.args == [454] and len(lines) == 454 and PLACEHOLDER not in QGuiApplication.clipboard().text()
    assert lines[0] == "5\t我爱我家" and lines[-1] == "10449\t填充客户0449"
    assert screen.status.text() == "已复制 454 行"


def test_an_empty_list_says_how_to_fill_it(qtbot, app_ctx):
    screen = open_screen(qtbot, app_ctx)
    assert screen.count_label.text() == "共 0 个客户" and "导入客户表" in screen.status.text()


def test_sales_user_opens_own_customer_read_only(qtbot, sales_ctx):
    screen = open_screen(qtbot, sales_ctx)
    screen.open_detail(screen.model.index(0, 1))
    from opcms_desktop.ui.customers.detail_dialog import CustomerDetailDialog

    dialog = screen.findChild(CustomerDetailDialog)
    qtbot.waitUntil(lambda: dialog.bundle is not None, timeout=WAIT)
    assert dialog.form.name.text() == "我爱我家" and dialog.save_button is None and dialog.bundle.owners == []
    dialog.close()


def test_fixed_labels_follow_the_language_and_data_does_not(qapp):
    from opcms_desktop.ui.customers.list_model import _translated
    from opcms_desktop.ui.i18n import install_language

    try:
        install_language("en")
        assert _translated(lambda row: "否")(None) == "No"
        assert _translated(lambda row: "正式")(None) == "Regular"
        assert _translated(lambda row: "我爱我家")(None) == "我爱我家"
    finally:
        install_language("zh_CN")
    assert _translated(lambda row: "否")(None) == "否"


def test_filter_by_this_value_narrows_the_list_from_the_context_menu(qtbot, app_ctx, ui_factory, query_guard):
    build_shop(ui_factory, query_guard, fillers=3)
    screen = open_screen(qtbot, app_ctx)
    column = screen.model.column_of("industry")
    row = next(r for r in range(screen.model.rowCount()) if screen.model.row_at(r).name == "我爱我家")
    menu = screen.table.cell_menu(screen.model.index(row, column))
    action = next(a for a in menu.actions() if a.objectName() == "filter_by_value")
    requery(qtbot, screen, action.trigger)
    assert screen.filters.values()["industry_ids"] and sorted(names(screen)) == ["我爱我家", "链家地产"]
    opened = next(a for a in screen.table.cell_menu(screen.model.index(0, 1)).actions() if a.objectName() == "open")
    opened.trigger()
    qtbot.waitUntil(lambda: screen._dialog is not None and screen._dialog.isVisible(), timeout=WAIT)
