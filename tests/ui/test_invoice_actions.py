"""Invoice actions from the list: issue drafts, credit note (冲正) with a required reason, detail, PDF, Excel."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from opcms_desktop.services.platform.db import session_scope
from opcms_desktop.services.receivables import allocation

from .receivables_support import WAIT, build_ledger, requery, row_of, select_rows, settle, shown
from .test_invoice_list import open_invoices


def _yes(monkeypatch, asked: list | None = None):
    def answer(*args, **kwargs):
        if asked is not None:
            asked.append(args[2] if len(args) > 2 else "")
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)


def _status(screen, invoice_id):
    return screen.model.row_at(row_of(screen, invoice_id)).status


def test_issue_selected_drafts(qtbot, app_ctx, ui_factory, query_guard, monkeypatch):
    ledger = build_ledger(ui_factory, query_guard)
    screen = open_invoices(qtbot, app_ctx)
    requery(qtbot, screen, lambda: screen.filters.select(screen.filters.status, "draft"))
    asked: list = []
    _yes(monkeypatch, asked)
    select_rows(screen, [row_of(screen, ledger.invoices["c-feb"]), row_of(screen, ledger.invoices["a-mar"])])
    assert screen.issue_button.isEnabled() and not screen.credit_button.isEnabled()
    with qtbot.waitSignal(screen.model.count_changed, timeout=WAIT):
        screen.issue_button.click()
    qtbot.waitUntil(lambda: "已开具 2 张账单" in screen.status.text(), timeout=WAIT)
    assert "2 张草稿" in asked[0] and "¥750.00" in asked[0]
    # only the 0.00 draft is left (stale rows stay on screen until their fresh page arrives)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1 and shown(screen, "id") == [ledger.invoices["b-mar"]],
                    timeout=WAIT)
    settle(qtbot, app_ctx.runner)


def test_issue_all_drafts_of_the_period_skips_zero_drafts(qtbot, app_ctx, ui_factory, query_guard, monkeypatch):
    ledger = build_ledger(ui_factory, query_guard)
    screen = open_invoices(qtbot, app_ctx)
    assert not screen.issue_period_button.isEnabled()  # no period chosen
    requery(qtbot, screen, lambda: screen.filters.set_period("2026-03"))
    assert screen.issue_period_button.isEnabled()
    asked: list = []
    _yes(monkeypatch, asked)
    screen.issue_period_button.click()
    qtbot.waitUntil(lambda: "已开具 1 张账单" in screen.status.text(), timeout=WAIT)
    assert "全部 2 张草稿账单" in asked[0] and "¥" in asked[0]  # how many, and their total
    assert "1 张金额为 0 的草稿未开具" in screen.status.text()
    qtbot.waitUntil(lambda: screen.model.row_at(0) is not None
                    and _status(screen, ledger.invoices["a-mar"]) == "issued", timeout=WAIT)
    assert _status(screen, ledger.invoices["b-mar"]) == "draft"
    settle(qtbot, app_ctx.runner)


def test_credit_note_requires_a_reason(qtbot, app_ctx, ui_factory, query_guard):
    ledger = build_ledger(ui_factory, query_guard)
    screen = open_invoices(qtbot, app_ctx)
    select_rows(screen, [row_of(screen, ledger.invoices["a-feb"])])
    assert screen.credit_button.isEnabled()
    dialog = screen.credit_selected()
    dialog.buttons.accepted.emit()  # no reason
    assert dialog.message.isVisible() and "原因" in dialog.message.text()
    assert dialog.isVisible() and app_ctx.runner.running == 0  # nothing was asked of the service
    dialog.reason_edit.setPlainText("客户名称开错，重开")
    with qtbot.waitSignal(screen.model.count_changed, timeout=WAIT):
        dialog.buttons.accepted.emit()
    assert not dialog.isVisible() and dialog.result_value.number.startswith("CN-")
    wait = lambda: screen.model.row_at(0) is not None and _status(screen, ledger.invoices["a-feb"]) == "cancelled"  # noqa: E731
    qtbot.waitUntil(wait, timeout=WAIT)
    assert "已冲正" in screen.status.text()
    settle(qtbot, app_ctx.runner)


def test_credit_refusal_shows_in_the_dialog(qtbot, app_ctx, ui_factory, query_guard, admin_actor):
    ledger = build_ledger(ui_factory, query_guard)
    with query_guard.allowed(), session_scope(ui_factory) as s:
        allocation.allocate(s, admin_actor, ledger.receipts["r-a"], ledger.invoices["a-jan"], "500.00")
    screen = open_invoices(qtbot, app_ctx)
    select_rows(screen, [row_of(screen, ledger.invoices["a-jan"])])
    dialog = screen.credit_selected()
    dialog.reason_edit.setPlainText("重开")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: "须先取消核销才能冲正" in dialog.message.text(), timeout=WAIT)
    assert dialog.windowTitle() == "冲正账单"
    assert dialog.isVisible() and dialog.buttons.isEnabled()
    settle(qtbot, app_ctx.runner)


def test_detail_shows_lines_allocations_and_credit_notes(qtbot, app_ctx, ui_factory, query_guard, admin_actor):
    ledger = build_ledger(ui_factory, query_guard)
    with query_guard.allowed(), session_scope(ui_factory) as s:
        made = allocation.allocate(s, admin_actor, ledger.receipts["r-a"], ledger.invoices["a-jan"], "600.00")
        allocation.unallocate(s, admin_actor, made.id, "金额录错")
        allocation.allocate(s, admin_actor, ledger.receipts["r-a"], ledger.invoices["a-jan"], "500.00")
    screen = open_invoices(qtbot, app_ctx)
    dialog = screen.open_detail(screen.model.index(row_of(screen, ledger.invoices["a-jan"]), 0))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.detail is not None, timeout=WAIT)
    assert dialog.lines.rowCount() == 2 and dialog.allocations.rowCount() == 2
    assert dialog.fields["outstanding"].text() == "¥1,000.00"
    assert dialog.fields["overdue"].text() == "逾期 40 天"
    states = [dialog.allocations.data(dialog.allocations.index(r, dialog.allocations.column_of("state")))
              for r in range(2)]
    assert states == ["已取消：金额录错", "有效"]
    assert dialog.lines.data(dialog.lines.index(0, dialog.lines.column_of("amount"))) == "1,200.00"
    settle(qtbot, app_ctx.runner)


def test_save_pdf_and_export_the_list(qtbot, app_ctx, ui_factory, query_guard, tmp_path):
    ledger = build_ledger(ui_factory, query_guard)
    screen = open_invoices(qtbot, app_ctx)
    row = screen.model.row_at(row_of(screen, ledger.invoices["a-jan"]))
    pdf = tmp_path / "invoice.pdf"
    screen.actions.save_pdf_to(row, str(pdf))
    qtbot.waitUntil(pdf.exists, timeout=WAIT)
    assert pdf.read_bytes().startswith(b"%PDF") and "invoice.pdf" in screen.status.text()

    requery(qtbot, screen, lambda: screen.filters.select(screen.filters.status, "issued"))
    xlsx = tmp_path / "invoices.xlsx"
    screen.actions.export_to(str(xlsx))
    qtbot.waitUntil(lambda: "已导出 3 张账单" in screen.status.text(), timeout=WAIT)
    sheet = load_workbook(xlsx).active
    numbers = sorted(r[0] for r in sheet.iter_rows(min_row=2, values_only=True))
    assert numbers == sorted(ledger.numbers.values())
    amounts = {r[0]: r[6] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert Decimal(str(amounts[ledger.numbers["a-jan"]])) == Decimal("1500")
    assert dt.date.today()  # the list is as of today
    settle(qtbot, app_ctx.runner)


def test_record_a_tax_invoice_for_two_bills_then_filter_those_still_without_one(qtbot, app_ctx, ui_factory,
                                                                                 query_guard):
    ledger = build_ledger(ui_factory, query_guard)
    screen = open_invoices(qtbot, app_ctx)
    assert screen.tax_button.text() == "登记发票…" and screen.model.headerData(
        screen.model.column_of("number"), Qt.Orientation.Horizontal) == "账单号"
    select_rows(screen, [row_of(screen, ledger.invoices["a-mar"])])  # a draft: nothing to invoice yet
    assert not screen.tax_button.isEnabled() and not screen.clear_tax_button.isEnabled()
    select_rows(screen, [row_of(screen, ledger.invoices["a-jan"]), row_of(screen, ledger.invoices["a-feb"])])
    assert screen.tax_button.isEnabled() and not screen.clear_tax_button.isEnabled()
    dialog = screen.actions.record_tax_invoice(screen.selected_rows())
    assert dialog.windowTitle() == "登记发票" and "2 张账单" in dialog.details.text()
    dialog.buttons.accepted.emit()  # no number: refused here, nothing sent
    assert "请填写发票号码" in dialog.message.text() and app_ctx.runner.running == 0
    dialog.number.setText("25112000000000012345")
    with qtbot.waitSignal(screen.model.count_changed, timeout=WAIT):
        dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: "已为 2 张账单登记发票" in screen.status.text(), timeout=WAIT)
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: screen.model.row_at(row_of(screen, ledger.invoices["a-jan"])) is not None
                    and screen.model.row_at(row_of(screen, ledger.invoices["a-jan"])).tax_invoice_number
                    == "25112000000000012345", timeout=WAIT)
    model = screen.model
    row = row_of(screen, ledger.invoices["a-feb"])
    assert model.data(model.index(row, model.column_of("tax_invoice_status"))) == "已开票"
    assert model.data(model.index(row, model.column_of("tax_invoice_number"))) == "25112000000000012345"

    bar = screen.filters
    requery(qtbot, screen, lambda: bar.select(bar.tax_invoice, "none"))
    assert shown(screen, "id") == [ledger.invoices["b-jan"]]  # issued, still without a 发票
    assert screen.model.data(screen.model.index(0, screen.model.column_of("tax_invoice_status"))) == "未开票"
    requery(qtbot, screen, lambda: bar.select(bar.tax_invoice, "issued"))
    assert sorted(shown(screen, "id")) == sorted([ledger.invoices["a-jan"], ledger.invoices["a-feb"]])
    select_rows(screen, [0])
    assert screen.clear_tax_button.isEnabled() and not screen.tax_button.isEnabled()
    settle(qtbot, app_ctx.runner)
