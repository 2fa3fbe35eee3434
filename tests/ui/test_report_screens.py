"""Reports: AR aging buckets as the service computes them, settlement of a period, receipts by month,
exports of what is shown, and the sales scope."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from openpyxl import load_workbook

from opcms_desktop.services.platform.db import session_scope
from opcms_desktop.services.receivables import allocation, reports
from opcms_desktop.ui.reports.screen import ReportsScreen

from .receivables_support import TODAY, WAIT, build_ledger, context_for, settle


def open_reports(qtbot, ctx) -> ReportsScreen:
    screen = ReportsScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1200, 700)
    screen.show()
    qtbot.waitUntil(lambda: screen.aging.report is not None, timeout=WAIT)
    return screen


def cell(tab, row: int, key: str) -> str:
    return tab.model.data(tab.model.index(row, tab.model.column_of(key)))


def test_aging_shows_the_buckets_of_the_service(qtbot, app_ctx, ui_factory, query_guard, admin_actor):
    ledger = build_ledger(ui_factory, query_guard)
    with query_guard.allowed(), session_scope(ui_factory) as s:
        allocation.allocate(s, admin_actor, ledger.receipts["r-a"], ledger.invoices["a-jan"], "500.00")
        expected = reports.ar_aging(s, admin_actor, TODAY)
    screen = open_reports(qtbot, app_ctx)
    tab = screen.aging
    assert tab.report == expected
    assert expected.total.amounts == {"current": Decimal("800.00"), "1-30": Decimal("0.00"),
                                      "31-60": Decimal("1000.00"), "61-90": Decimal("2000.00"), "90+": Decimal("0.00")}
    assert tab.cards["31-60"].amount.text() == "¥1,000.00" and tab.cards["total"].amount.text() == "¥3,800.00"
    assert tab.model.rowCount() == 3  # 我爱我家, 链家地产, 合计
    assert [cell(tab, r, "customer_name") for r in range(3)] == ["我爱我家", "链家地产", "合计"]
    assert cell(tab, 0, "current") == "800.00" and cell(tab, 0, "total") == "1,800.00"
    assert cell(tab, 2, "61-90") == "2,000.00"
    # 30 days earlier: a-feb was not issued, the 500.00 not yet allocated, the others 30 days younger
    tab.as_of.setDate(tab.as_of.date().addDays(-30))
    tab.run_button.click()
    earlier = TODAY - dt.timedelta(days=30)
    qtbot.waitUntil(lambda: tab.report.as_of == earlier, timeout=WAIT)
    with query_guard.allowed(), session_scope(ui_factory) as s:
        assert tab.report == reports.ar_aging(s, admin_actor, earlier)
    assert tab.cards["current"].amount.text() == "¥0.00"
    assert tab.cards["1-30"].amount.text() == "¥1,500.00" and tab.cards["31-60"].amount.text() == "¥2,000.00"
    settle(qtbot, app_ctx.runner)


def test_settlement_and_receipts_by_month_tabs(qtbot, app_ctx, ui_factory, query_guard, admin_actor):
    ledger = build_ledger(ui_factory, query_guard)
    with query_guard.allowed(), session_scope(ui_factory) as s:
        allocation.allocate(s, admin_actor, ledger.receipts["r-b"], ledger.invoices["b-jan"], "500.00")
    screen = open_reports(qtbot, app_ctx)
    tab = screen.settlement
    tab.set_period("2026-01")
    screen.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.report is not None and tab.report.period == "2026-01", timeout=WAIT)
    assert tab.model.rowCount() == 3
    assert "账单金额 ¥3,500.00" in tab.figures.text() and "已收 ¥500.00" in tab.figures.text()
    assert "回款率 14.3%" in tab.figures.text()
    assert cell(tab, 1, "rate") == "25.0%" and cell(tab, 1, "outstanding") == "1,500.00"
    months = screen.receipts
    screen.tabs.setCurrentWidget(months)
    qtbot.waitUntil(lambda: months.report is not None, timeout=WAIT)
    assert months.report.months[-1] == f"{TODAY:%Y-%m}"
    assert cell(months, months.model.rowCount() - 1, "total") == "1,500.00"
    settle(qtbot, app_ctx.runner)


def test_export_writes_the_report_shown(qtbot, app_ctx, ui_factory, query_guard, tmp_path):
    build_ledger(ui_factory, query_guard)
    screen = open_reports(qtbot, app_ctx)
    path = tmp_path / "aging.xlsx"
    screen.aging.export_to(str(path))
    qtbot.waitUntil(lambda: "已导出" in screen.aging.status.text(), timeout=WAIT)
    rows = list(load_workbook(path).active.iter_rows(min_row=2, values_only=True))
    assert [r[1] for r in rows] == ["我爱我家", "链家地产", "合计"]
    assert Decimal(str(rows[-1][-1])) == Decimal("4300")
    settle(qtbot, app_ctx.runner)


def test_report_models_pass_qtmodeltester(qtmodeltester, qtbot, app_ctx, ui_factory, query_guard):
    build_ledger(ui_factory, query_guard)
    screen = open_reports(qtbot, app_ctx)
    qtmodeltester.check(screen.aging.model)
    settle(qtbot, app_ctx.runner)


def test_sales_reports_cover_own_customers_only(qtbot, ui_factory, query_guard, settings):
    ledger = build_ledger(ui_factory, query_guard)
    ctx = context_for(ledger.sales, ui_factory, settings)
    try:
        screen = open_reports(qtbot, ctx)
        names = [line.customer_name for line in screen.aging.report.customers]
        assert names == ["我爱我家"] and screen.aging.cards["total"].amount.text() == "¥2,300.00"
        assert not screen.aging.export_button.isHidden()  # sales hold reports.export
        settle(qtbot, ctx.runner)
    finally:
        ctx.runner.cancel_all()
        ctx.runner.wait_for_done(WAIT)
