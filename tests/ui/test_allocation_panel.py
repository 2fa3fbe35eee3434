"""Allocation (收款核销) on the receipts screen: suggestions, partial amounts, refusals inline, 取消核销."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from opcms_desktop.services.platform.db import session_scope
from opcms_desktop.services.receivables import allocation, receipts
from opcms_desktop.ui.receipts.screen import ReceiptsScreen

from .receivables_support import TODAY, WAIT, build_ledger, context_for, settle


def open_receipts(qtbot, ctx) -> ReceiptsScreen:
    screen = ReceiptsScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1300, 800)
    screen.show()
    qtbot.waitUntil(lambda: screen.model.totals is not None and screen.model.rowCount() > 0
                    and screen.model.row_at(0) is not None, timeout=WAIT)
    return screen


def pick(qtbot, screen, receipt_id: int):
    row = next(i for i in range(screen.model.rowCount()) if screen.model.row_at(i).id == receipt_id)
    screen.table.selectRow(row)
    panel = screen.panel
    qtbot.waitUntil(lambda: panel.view is not None and panel.view.receipt.id == receipt_id, timeout=WAIT)
    return panel


def amounts(panel) -> dict[int, Decimal]:
    return dict(panel.open_model.amounts)


def test_oldest_due_is_suggested_and_the_balance_shown(qtbot, app_ctx, ui_factory, query_guard):
    ledger = build_ledger(ui_factory, query_guard)
    screen = open_receipts(qtbot, app_ctx)
    panel = pick(qtbot, screen, ledger.receipts["r-a"])
    assert [r.id for r in panel.open_model.rows()] == [ledger.invoices["a-jan"], ledger.invoices["a-feb"]]
    assert amounts(panel) == {ledger.invoices["a-jan"]: Decimal("1000.00")}  # no exact match: oldest due first
    assert "未核销 ¥1,000.00" in panel.figures.text()
    assert "客户预收余额 ¥1,000.00" in panel.balance.text() and "¥2,300.00" in panel.balance.text()
    assert "逾期 ¥1,500.00" in panel.balance.text()
    model = panel.open_model
    assert model.data(model.index(0, model.column_of("suggestion"))) == "最早到期"
    settle(qtbot, app_ctx.runner)


def test_an_exact_amount_is_suggested_first(qtbot, app_ctx, ui_factory, query_guard, admin_actor):
    ledger = build_ledger(ui_factory, query_guard)
    with query_guard.allowed(), session_scope(ui_factory) as s:
        exact = receipts.record_receipt(s, admin_actor, receipts.ReceiptInput(
            customer_id=ledger.customers["我爱我家"], receipt_date=TODAY, amount="800.00", reference="BK-009"))
    screen = open_receipts(qtbot, app_ctx)
    panel = pick(qtbot, screen, exact.id)
    assert amounts(panel) == {ledger.invoices["a-feb"]: Decimal("800.00")}
    model = panel.open_model
    assert model.data(model.index(1, model.column_of("suggestion"))) == "金额相符"
    settle(qtbot, app_ctx.runner)


def test_allocate_a_partial_amount(qtbot, app_ctx, ui_factory, query_guard):
    ledger = build_ledger(ui_factory, query_guard)
    screen = open_receipts(qtbot, app_ctx)
    panel = pick(qtbot, screen, ledger.receipts["r-a"])
    assert panel.set_amount(ledger.invoices["a-jan"], "600")
    assert "¥600.00 / 可用 ¥1,000.00" in panel.planned_label.text()
    panel.allocate_button.click()
    qtbot.waitUntil(lambda: panel.view.receipt.unallocated == Decimal("400.00"), timeout=WAIT)
    assert "已核销 ¥600.00 到 1 张账单" in panel.message.text()
    outstanding = {r.id: r.outstanding for r in panel.open_model.rows()}
    assert outstanding[ledger.invoices["a-jan"]] == Decimal("900.00")
    records = panel.records_model.rows()
    assert [(r.invoice_id, r.amount, r.active) for r in records] == [(ledger.invoices["a-jan"], Decimal("600.00"), True)]
    assert amounts(panel) == {ledger.invoices["a-jan"]: Decimal("400.00")}  # the new suggestion for the rest
    qtbot.waitUntil(lambda: "未核销合计 ¥900.00" in screen.totals_label.text(), timeout=WAIT)
    settle(qtbot, app_ctx.runner)


def test_over_allocation_is_refused_inline(qtbot, app_ctx, ui_factory, query_guard):
    ledger = build_ledger(ui_factory, query_guard)
    screen = open_receipts(qtbot, app_ctx)
    panel = pick(qtbot, screen, ledger.receipts["r-a"])
    panel.set_amount(ledger.invoices["a-jan"], "1,200.00")  # more than the receipt's 1,000 unallocated
    panel.allocate_button.click()
    assert "超过这笔收款的未核销金额 ¥1,000.00" in panel.message.text() and panel.message.isVisible()
    panel.set_amount(ledger.invoices["a-jan"], "")
    panel.set_amount(ledger.invoices["a-feb"], "900")  # more than the invoice's 800 outstanding
    panel.allocate_button.click()
    assert "超过其未收金额 ¥800.00" in panel.message.text()
    assert app_ctx.runner.running == 0 and panel.records_model.rowCount() == 0
    assert not panel.set_amount(ledger.invoices["a-feb"], "12.345")  # more than 2 decimals is not taken
    settle(qtbot, app_ctx.runner)


def test_a_refusal_of_the_service_shows_inline_and_keeps_nothing(qtbot, app_ctx, ui_factory, query_guard,
                                                                 admin_actor):
    ledger = build_ledger(ui_factory, query_guard)
    screen = open_receipts(qtbot, app_ctx)
    panel = pick(qtbot, screen, ledger.receipts["r-a"])
    with query_guard.allowed(), session_scope(ui_factory) as s:  # someone else, meanwhile
        allocation.allocate(s, admin_actor, ledger.receipts["r-a"], ledger.invoices["a-feb"], "700.00")
    panel.set_amount(ledger.invoices["a-jan"], "500")
    panel.set_amount(ledger.invoices["a-feb"], "100")  # fine as the panel saw it; 300 left in truth
    panel.allocate_button.click()
    qtbot.waitUntil(lambda: "只剩 300.00 未核销，不能核销 500.00" in panel.message.text(), timeout=WAIT)
    with query_guard.allowed(), session_scope(ui_factory) as s:
        detail = receipts.get_receipt(s, admin_actor, ledger.receipts["r-a"])
    assert [a.amount for a in detail.allocations] == [Decimal("700.00")]  # the 500 was rolled back too
    settle(qtbot, app_ctx.runner)


def test_unallocate_requires_a_reason(qtbot, app_ctx, ui_factory, query_guard, admin_actor):
    ledger = build_ledger(ui_factory, query_guard)
    with query_guard.allowed(), session_scope(ui_factory) as s:
        allocation.allocate(s, admin_actor, ledger.receipts["r-a"], ledger.invoices["a-jan"], "1000.00",
                            allocated_on=TODAY - dt.timedelta(days=9))
    screen = open_receipts(qtbot, app_ctx)
    panel = pick(qtbot, screen, ledger.receipts["r-a"])
    assert panel.view.receipt.unallocated == Decimal("0.00") and not panel.allocate_button.isEnabled()
    assert not panel.unallocate_button.isEnabled()
    panel.records_table.selectRow(0)
    assert panel.unallocate_button.isEnabled()
    dialog = panel.unallocate_selected()
    dialog.buttons.accepted.emit()
    assert "请填写原因" in dialog.message.text() and dialog.isVisible() and app_ctx.runner.running == 0
    dialog.reason_edit.setPlainText("客户退款，款项不属于该发票")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: panel.view.receipt.unallocated == Decimal("1000.00"), timeout=WAIT)
    assert not dialog.isVisible()
    state = panel.records_model.data(panel.records_model.index(0, panel.records_model.column_of("state")))
    assert state == "已取消：客户退款，款项不属于该发票"
    settle(qtbot, app_ctx.runner)


def test_allocation_models_pass_qtmodeltester(qtmodeltester, qtbot, app_ctx, ui_factory, query_guard, admin_actor):
    ledger = build_ledger(ui_factory, query_guard)
    with query_guard.allowed(), session_scope(ui_factory) as s:
        allocation.allocate(s, admin_actor, ledger.receipts["r-a"], ledger.invoices["a-jan"], "100.00")
    screen = open_receipts(qtbot, app_ctx)
    panel = pick(qtbot, screen, ledger.receipts["r-a"])
    qtmodeltester.check(panel.open_model)
    qtmodeltester.check(panel.records_model)
    qtmodeltester.check(screen.model)
    settle(qtbot, app_ctx.runner)


def test_sales_sees_allocations_but_cannot_change_them(qtbot, ui_factory, admin_actor, query_guard, settings):
    ledger = build_ledger(ui_factory, query_guard)
    with query_guard.allowed(), session_scope(ui_factory) as s:
        allocation.allocate(s, admin_actor, ledger.receipts["r-a"], ledger.invoices["a-jan"], "100.00")
    ctx = context_for(ledger.sales, ui_factory, settings)
    try:
        screen = open_receipts(qtbot, ctx)
        assert [screen.model.row_at(i).id for i in range(screen.model.rowCount())] == [ledger.receipts["r-a"]]
        panel = pick(qtbot, screen, ledger.receipts["r-a"])
        assert panel.records_model.rowCount() == 1 and panel.open_model.amounts == {}
        assert panel.allocate_button.isHidden() and panel.unallocate_button.isHidden()
        assert screen.record_button.isHidden() and screen.import_button.isHidden()
        assert not panel.set_amount(ledger.invoices["a-jan"], "10")
        settle(qtbot, ctx.runner)
        assert ctx.runner.presented == []
    finally:
        ctx.runner.cancel_all()
        ctx.runner.wait_for_done(WAIT)
