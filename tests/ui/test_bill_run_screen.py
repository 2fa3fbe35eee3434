"""The bill-run screen: preview with exceptions by kind, generate drafts, cancel writes nothing, already running."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from opcms_desktop.models import AuditEntry, BillRun, Invoice
from opcms_desktop.services.billing import run_store as bill_run_store
from opcms_desktop.services.platform.db import session_scope
from opcms_desktop.services.platform.errors import AlreadyRunning
from opcms_desktop.ui.billing.models import BillCustomersModel, BillExceptionsModel, BillLinesModel
from opcms_desktop.ui.billing.screen import BillRunScreen
from opcms_desktop.ui.kit.format import money_text
from tests.ui.billing_support import JAN, WAIT, ctx_for_fixture, world_fixture  # noqa: F401 - fixtures


def open_screen(qtbot, ctx) -> BillRunScreen:
    screen = BillRunScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1300, 800)
    screen.show()
    screen.period.set_period(JAN)
    return screen


def previewed(qtbot, ctx) -> BillRunScreen:
    screen = open_screen(qtbot, ctx)
    screen.run_preview()
    qtbot.waitUntil(lambda: screen.preview is not None, timeout=WAIT)
    return screen


def invoices(factory, guard) -> list[tuple[int, str, Decimal]]:
    with guard.allowed(), session_scope(factory) as s:
        return sorted(s.execute(select(Invoice.customer_id, Invoice.status, Invoice.total)).all())


def count(factory, guard, model) -> int:
    with guard.allowed(), session_scope(factory) as s:
        return s.scalar(select(func.count()).select_from(model))


@pytest.fixture
def confirm(monkeypatch):
    answers = []

    def question(*args, **kwargs):
        answers.append(args[2] if len(args) > 2 else "")
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return answers


def test_preview_lists_every_customer_and_the_exceptions_by_kind(qtbot, app_ctx, world, ui_factory, query_guard,
                                                                 qtmodeltester):
    screen = previewed(qtbot, app_ctx)
    assert screen.customers.rowCount() == 5
    chips = {key: button.text() for key, button in screen.filter_buttons.items()}
    assert chips == {"all": "全部客户 5", "exceptions": "有异常 5", "no_plan": "无价格方案 1",
                     "no_series_price": "该系列无价格 1", "usage_spike": "用量激增 1", "disabled_account": "账户已停用 1",
                     "billing_disabled": "不结算 1"}
    assert "将生成 2 张草稿账单，合计 110.00 元" in screen.summary.text()
    first = [screen.customers.index(0, c).data() for c in range(8)]
    assert first == ["101", "甲公司", "10", "4", "定价结算：单层 8.00；多层按单层价", "80.00", "新建草稿", "用量激增"]
    screen.show_kind("no_plan")
    assert [screen.customers.row_at(i).company_id for i in range(screen.customers.rowCount())] == [102]
    assert screen.exceptions.rowCount() == 1
    assert screen.exceptions.index(0, 4).data() == "N 系列 5 套（2026-01-01）：没有生效的价格方案，未出账"
    assert screen.tabs.tabText(0) == "异常（1）"
    screen.show_kind("all")
    screen.customer_table.selectRow(0)
    assert screen.lines.rowCount() == 1 and screen.lines.index(0, 4).data() == "80.00"
    for model in (screen.customers, screen.exceptions, screen.lines):
        qtmodeltester.check(model)
    assert invoices(ui_factory, query_guard) == []  # a preview writes nothing


def test_sorting_and_filtering_keep_each_other(qtbot, app_ctx, world):
    screen = previewed(qtbot, app_ctx)
    from PySide6.QtCore import Qt

    screen.customer_table.sortByColumn(5, Qt.SortOrder.DescendingOrder)
    amounts = [screen.customers.row_at(i).amount for i in range(5)]
    assert amounts == sorted(amounts, reverse=True)
    screen.show_kind("exceptions")
    assert [screen.customers.row_at(i).amount for i in range(5)] == amounts


def test_generate_writes_drafts_and_reports_the_result(qtbot, app_ctx, world, ui_factory, query_guard, confirm):
    screen = previewed(qtbot, app_ctx)
    assert screen.generate_button.isEnabled()
    screen.generate()
    qtbot.waitUntil(lambda: screen.result is not None, timeout=WAIT)
    assert "2 张草稿账单，合计 110.00 元" in confirm[0] and "2 项错误" in confirm[0]
    assert "已生成 2026-01 的草稿账单：新建 2，替换 0，未变 0，删除 0；合计 110.00 元" in screen.banner.text()
    assert invoices(ui_factory, query_guard) == [(world.ids[101], "draft", Decimal("80.00")),
                                                 (world.ids[103], "draft", Decimal("30.00"))]
    screen.generate()  # idempotent: the second run changes nothing
    qtbot.waitUntil(lambda: "未变 2" in screen.banner.text(), timeout=WAIT)
    assert count(ui_factory, query_guard, Invoice) == 2


def test_cancel_during_generate_writes_nothing(qtbot, app_ctx, world, ui_factory, query_guard, confirm,
                                               monkeypatch):
    reached, release = threading.Event(), threading.Event()
    original = bill_run_store.write_drafts

    def slow_write(*args, **kwargs):
        ids = original(*args, **kwargs)  # the drafts are written inside the transaction...
        reached.set()
        release.wait(10)  # ...and the user presses 取消 before the run finishes
        return ids

    monkeypatch.setattr(bill_run_store, "write_drafts", slow_write)
    screen = previewed(qtbot, app_ctx)
    audits = count(ui_factory, query_guard, AuditEntry)
    screen.generate()
    qtbot.waitUntil(reached.is_set, timeout=WAIT)
    assert screen.panel.isVisible() and not screen.preview_button.isEnabled()
    screen.panel.cancel_button.click()
    release.set()
    qtbot.waitUntil(lambda: "已取消" in screen.banner.text(), timeout=WAIT)
    assert invoices(ui_factory, query_guard) == []
    assert count(ui_factory, query_guard, BillRun) == 0
    # only the audit event of the SQLite backup taken before the run (the backup file is kept)
    assert count(ui_factory, query_guard, AuditEntry) == audits + 1
    assert screen.preview_button.isEnabled() and app_ctx.runner.presented == []


def test_already_running_is_said_clearly(qtbot, app_ctx, world, ui_factory, query_guard, confirm, monkeypatch):
    def busy(session, actor, period):
        raise AlreadyRunning("billing.run.already_running", period=period, holder="guofuqian",
                             since="2026-02-01 09:30")

    monkeypatch.setattr(bill_run_store, "lock_period", busy)
    screen = previewed(qtbot, app_ctx)
    screen.generate()
    qtbot.waitUntil(lambda: "正在由其他人生成" in screen.banner.text(), timeout=WAIT)
    assert "2026-01 的账单生成正在运行（guofuqian 于 2026-02-01 09:30 发起）" in screen.banner.text()
    assert "#b3261e" in screen.banner.styleSheet() and invoices(ui_factory, query_guard) == []


def test_declining_the_confirmation_writes_nothing(qtbot, app_ctx, world, ui_factory, query_guard, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    screen = previewed(qtbot, app_ctx)
    screen.generate()
    qtbot.wait(200)
    assert not app_ctx.runner.running and invoices(ui_factory, query_guard) == []


def test_changing_the_period_asks_for_a_new_preview(qtbot, app_ctx, world):
    screen = previewed(qtbot, app_ctx)
    screen.period.set_period("2026-02")
    assert screen.preview is None and not screen.generate_button.isEnabled()
    assert screen.customers.rowCount() == 0 and "请重新预览" in screen.summary.text()


def test_empty_models_pass_qtmodeltester(qtmodeltester):
    for model in (BillCustomersModel(), BillExceptionsModel(), BillLinesModel()):
        qtmodeltester.check(model)


def test_money_is_shown_with_two_decimals_and_thousands():
    assert money_text(Decimal("1234567.5")) == "1,234,567.50"
    assert money_text(Decimal("0.005")) == "0.01"  # half up, not half even
    assert money_text(Decimal("-12")) == "-12.00"


def test_navigation_offers_the_screens_each_role_may_use(qtbot, app_ctx, world, ctx_for):
    from opcms_desktop.ui.main_window import MainWindow

    def keys(ctx) -> list[str]:
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        return [s.key for s in window._specs]

    assert {"pricing", "usage", "billrun"} <= set(keys(app_ctx))
    sales = keys(ctx_for(world.sales))
    assert "pricing" in sales and "usage" in sales and "billrun" not in sales


def test_after_generating_the_detail_tab_shows_the_selected_customers_bill(qtbot, app_ctx, world, ui_factory,
                                                                           query_guard, confirm):
    screen = previewed(qtbot, app_ctx)
    assert screen.select_customer(world.ids[101])
    screen.tabs.setCurrentIndex(0)
    screen.generate()
    qtbot.waitUntil(lambda: screen.result is not None, timeout=WAIT)
    selected = screen.customer_table.selectionModel().selectedRows()
    assert [screen.customers.row_at(i.row()).customer_id for i in selected] == [world.ids[101]]
    assert screen.tabs.currentIndex() == 1 and screen.lines.rowCount() > 0
    assert sum((line.amount for line in screen.lines.rows()), Decimal("0")) == Decimal("80.00")


def test_a_month_not_over_asks_before_generating(qtbot, app_ctx, world, ui_factory, query_guard, confirm):
    import datetime as dt

    screen = open_screen(qtbot, app_ctx)
    this = f"{dt.date.today():%Y-%m}"
    screen.period.set_period(this)
    screen.run_preview()
    qtbot.waitUntil(lambda: screen.preview is not None, timeout=WAIT)
    assert "尚未结束" in screen.banner.text()
    screen.generate()
    qtbot.waitUntil(lambda: screen.result is not None, timeout=WAIT)
    assert "尚未结束" in confirm[0]  # the confirmation said so; the run went ahead once confirmed


def test_the_preview_exports_to_xlsx_with_the_screen_columns(qtbot, app_ctx, world, ui_factory, query_guard,
                                                             tmp_path):
    from openpyxl import load_workbook

    screen = previewed(qtbot, app_ctx)
    assert screen.export_button.isEnabled()
    path = tmp_path / "preview.xlsx"
    screen.export_to(str(path))
    qtbot.waitUntil(lambda: "已导出" in screen.banner.text(), timeout=WAIT)
    sheet = load_workbook(path).worksheets[0]
    headers = [screen.customers.headerData(i, Qt.Orientation.Horizontal) for i in range(screen.customers.columnCount())]
    assert [c.value for c in sheet[1]] == headers
    amounts = {row[0]: row[5] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert amounts[101] == 80 and isinstance(amounts[101], int | float)
