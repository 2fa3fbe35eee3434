"""The invoice list: SQL paging, filters, totals of all matching rows, sort, overdue tint, sales scope."""

from __future__ import annotations

from PySide6.QtCore import Qt

from opcms_desktop.ui.invoices.list_screen import InvoicesScreen
from opcms_desktop.ui.kit.labels import OVERDUE_BACKGROUND
from opcms_desktop.ui.kit.paged_model import PLACEHOLDER

from .receivables_support import (
    WAIT,
    build_ledger,
    context_for,
    requery,
    row_of,
    settle,
    shown,
    wait_loaded,
)


def open_invoices(qtbot, ctx, page_size: int = 200) -> InvoicesScreen:
    screen = InvoicesScreen(ctx, page_size=page_size)
    qtbot.addWidget(screen)
    screen.resize(1300, 700)
    screen.show()
    wait_loaded(qtbot, screen)
    return screen


def test_list_shows_every_invoice_with_totals_and_money_formatting(qtbot, app_ctx, ui_factory, query_guard):
    ledger = build_ledger(ui_factory, query_guard)
    screen = open_invoices(qtbot, app_ctx)
    assert screen.model.rowCount() == 6
    assert screen.count_label.text() == "共 6 张账单"
    # all but cancelled: 1,500 + 800 + 2,000 + 450 + 0 + 300; still owed on the three issued ones
    assert "¥5,050.00" in screen.totals_label.text() and "¥4,300.00" in screen.totals_label.text()
    model = screen.model
    row = row_of(screen, ledger.invoices["a-jan"])
    total = model.index(row, model.column_of("total"))
    assert model.data(total) == "1,500.00"
    assert model.data(total, Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert model.data(model.index(row, model.column_of("days_overdue"))) == "40"
    assert model.data(total, Qt.ItemDataRole.BackgroundRole) == OVERDUE_BACKGROUND
    not_due = row_of(screen, ledger.invoices["a-feb"])
    assert model.data(model.index(not_due, 0), Qt.ItemDataRole.BackgroundRole) is None
    settle(qtbot, app_ctx.runner)


def test_filters_combine_and_totals_follow(qtbot, app_ctx, ui_factory, query_guard):
    ledger = build_ledger(ui_factory, query_guard)
    screen = open_invoices(qtbot, app_ctx)
    bar = screen.filters
    requery(qtbot, screen, lambda: bar.select(bar.status, "draft"))
    assert sorted(shown(screen, "id")) == sorted(ledger.invoices[k] for k in ("a-mar", "b-mar", "c-feb"))
    assert "¥750.00" in screen.totals_label.text()
    requery(qtbot, screen, lambda: bar.select(bar.status, None))
    requery(qtbot, screen, lambda: bar.overdue.setChecked(True))
    assert sorted(shown(screen)) == sorted([ledger.numbers["a-jan"], ledger.numbers["b-jan"]])
    requery(qtbot, screen, lambda: bar.customer.setText("5"))  # a 公司id
    assert shown(screen) == [ledger.numbers["a-jan"]]
    requery(qtbot, screen, lambda: bar.overdue.setChecked(False))
    requery(qtbot, screen, lambda: bar.customer.setText("链家"))  # part of a name
    assert sorted(shown(screen, "id")) == sorted([ledger.invoices["b-jan"], ledger.invoices["b-mar"]])
    requery(qtbot, screen, lambda: bar.customer.setText(""))
    requery(qtbot, screen, lambda: bar.set_period("2026-02"))
    assert sorted(shown(screen, "id")) == sorted([ledger.invoices["a-feb"], ledger.invoices["c-feb"]])
    requery(qtbot, screen, lambda: bar.select(bar.payment, "unpaid"))
    assert shown(screen) == [ledger.numbers["a-feb"]]
    settle(qtbot, app_ctx.runner)


def test_owner_filter_lists_sales_users(qtbot, app_ctx, ui_factory, query_guard):
    ledger = build_ledger(ui_factory, query_guard)
    screen = open_invoices(qtbot, app_ctx)
    bar = screen.filters
    qtbot.waitUntil(lambda: bar.owner.findText("刘冀") > 0, timeout=WAIT)
    requery(qtbot, screen, lambda: bar.owner.setCurrentIndex(bar.owner.findText("谢海龙")))
    assert sorted(shown(screen, "id")) == sorted([ledger.invoices["b-jan"], ledger.invoices["b-mar"]])
    settle(qtbot, app_ctx.runner)


def test_pages_arrive_around_what_is_shown_and_sort_runs_in_sql(qtbot, app_ctx, ui_factory, query_guard):
    build_ledger(ui_factory, query_guard, extra_drafts=45)
    screen = open_invoices(qtbot, app_ctx, page_size=10)
    model = screen.model
    assert model.rowCount() == 51
    assert model.row_at(45) is None and model.data(model.index(45, 0)) == PLACEHOLDER
    qtbot.waitUntil(lambda: model.row_at(45) is not None, timeout=WAIT)
    assert model.row_at(35) is None  # the view shows about 25 rows: pages 0-2, then the page of row 45
    requery(qtbot, screen, lambda: screen.table.sortByColumn(model.column_of("total"), Qt.SortOrder.DescendingOrder))
    assert (model.query.sort, model.query.descending) == ("total", True)
    assert model.row_at(0).total == max(r.total for r in model.cached_rows())
    assert model.data(model.index(0, model.column_of("total"))) == "2,000.00"
    settle(qtbot, app_ctx.runner)


def test_list_model_passes_qtmodeltester(qtmodeltester, qtbot, app_ctx, ui_factory, query_guard):
    build_ledger(ui_factory, query_guard)
    screen = open_invoices(qtbot, app_ctx)
    qtmodeltester.check(screen.model)
    settle(qtbot, app_ctx.runner)


def test_sales_sees_only_own_invoices_and_no_workflow_buttons(qtbot, ui_factory, query_guard, settings):
    ledger = build_ledger(ui_factory, query_guard)
    ctx = context_for(ledger.sales, ui_factory, settings)
    try:
        screen = open_invoices(qtbot, ctx)
        assert sorted(shown(screen, "id")) == sorted(ledger.invoices[k] for k in ("a-jan", "a-feb", "a-mar"))
        assert "¥2,750.00" in screen.totals_label.text()
        assert screen.issue_button.isHidden() and screen.credit_button.isHidden()
        assert screen.filters.owner.isHidden()
        assert not screen.pdf_button.isHidden()  # sales may print and export what they see
        requery(qtbot, screen, lambda: screen.filters.customer.setText("12"))  # 链家地产's 公司id
        assert screen.model.rowCount() == 0
        settle(qtbot, ctx.runner)
        assert ctx.runner.presented == []
    finally:
        ctx.runner.cancel_all()
        ctx.runner.wait_for_done(WAIT)
