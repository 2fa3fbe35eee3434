"""Receipts: the list with its sums and filters, recording a receipt, importing a bank sheet with matches."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from opcms_desktop.services.platform.db import session_scope
from opcms_desktop.services.receivables import receipts
from opcms_desktop.services.receivables.receipt_import import MatchedCustomer
from opcms_desktop.ui.receipts.entry_dialog import ReceiptEntryDialog
from opcms_desktop.ui.receipts.import_dialog import ReceiptImportDialog
from tests.sheets import write_sheet

from .receivables_support import TODAY, WAIT, build_ledger, settle
from .test_allocation_panel import open_receipts


def _ids(screen) -> list[int]:
    return [screen.model.row_at(i).id for i in range(screen.model.rowCount())]


def _requery(qtbot, screen, action) -> None:
    with qtbot.waitSignal(screen.model.count_changed, timeout=WAIT):
        action()
    qtbot.waitUntil(lambda: not screen.model.is_loading()
                    and (screen.model.rowCount() == 0 or screen.model.row_at(0) is not None), timeout=WAIT)


def test_receipt_list_sums_and_filters(qtbot, app_ctx, ui_factory, query_guard):
    ledger = build_ledger(ui_factory, query_guard)
    screen = open_receipts(qtbot, app_ctx)
    assert _ids(screen) == [ledger.receipts["r-b"], ledger.receipts["r-a"]]  # newest first
    assert screen.count_label.text() == "共 2 笔收款"
    assert "收款合计 ¥1,500.00" in screen.totals_label.text()
    model = screen.model
    assert model.data(model.index(1, model.column_of("amount"))) == "1,000.00"
    _requery(qtbot, screen, lambda: screen.customer.setText("链家"))
    assert _ids(screen) == [ledger.receipts["r-b"]]
    _requery(qtbot, screen, lambda: screen.customer.setText("5"))
    assert _ids(screen) == [ledger.receipts["r-a"]]
    assert screen.panel.placeholder.isVisible()
    settle(qtbot, app_ctx.runner)


def test_record_a_receipt_picking_the_customer_by_company_id(qtbot, app_ctx, ui_factory, query_guard):
    ledger = build_ledger(ui_factory, query_guard)
    screen = open_receipts(qtbot, app_ctx)
    dialog: ReceiptEntryDialog = screen.record_receipt()
    dialog.amount.setText("2,000.50")
    dialog.buttons.accepted.emit()
    assert "选择客户" in dialog.message.text()
    dialog.picker.search.setText("12")
    dialog.picker.run_search()
    qtbot.waitUntil(lambda: dialog.picker.selected() is not None, timeout=WAIT)
    assert dialog.picker.selected().name == "链家地产" and "链家地产（12）" in dialog.customer_label.text()
    dialog.amount.setText("abc")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: "这笔收款无法登记" in dialog.message.text(), timeout=WAIT)
    assert "不是数字" in dialog.message.text()
    dialog.amount.setText("2,000.50")
    dialog.reference.setText("BK-100")
    with qtbot.waitSignal(screen.model.count_changed, timeout=WAIT):
        dialog.buttons.accepted.emit()
    assert dialog.recorded.amount == Decimal("2000.50") and dialog.recorded.payer == "链家地产"
    panel = screen.panel
    qtbot.waitUntil(lambda: panel.view is not None and panel.view.receipt.id == dialog.recorded.id, timeout=WAIT)
    # 链家地产 owes 2,000.00 on one invoice: the suggestion fills it
    assert panel.open_model.amounts == {ledger.invoices["b-jan"]: Decimal("2000.00")}
    assert "已登记收款 ¥2,000.50（链家地产）" in screen.status.text()
    settle(qtbot, app_ctx.runner)


def test_import_proposes_matches_and_records_only_what_was_confirmed(qtbot, app_ctx, ui_factory, query_guard,
                                                                     admin_actor, tmp_path):
    ledger = build_ledger(ui_factory, query_guard)
    day = TODAY - dt.timedelta(days=1)
    sheet = write_sheet(tmp_path / "bank.xlsx", ["日期", "付款方", "金额", "参考号", "公司id"], [
        [day, "我爱我家", 300, "BK-201", None],  # row 2: by name
        [day, "某某付款人", 200, "BK-202", 12],  # row 3: by 公司id
        [day, "麦田房产有限公司", 150, "BK-203", None],  # row 4: similar name
        [day, "不认识的公司", 50, "BK-204", None],  # row 5: no match, assigned by hand below
        [TODAY - dt.timedelta(days=10), "我爱我家", 1000, "BK-001", None],  # row 6: already recorded
        [day, "另一家", 75, "BK-206", None],  # row 7: no match, left out
    ])
    screen = open_receipts(qtbot, app_ctx)
    dialog: ReceiptImportDialog = screen.import_sheet()
    dialog.load_file(str(sheet))
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 6, timeout=WAIT)
    model = dialog.model
    matches = {model.row_at(i).row: model.data(model.index(i, model.column_of("match"))) for i in range(6)}
    assert matches == {2: "按名称", 3: "按公司id", 4: "相似名称", 5: "未匹配", 6: "重复", 7: "未匹配"}
    assert model.data(model.index(5, model.column_of("note"))) == "没有名称相似的客户"
    assert model.data(model.index(4, model.column_of("note"))).startswith("与收款 #")
    assert "相似名称 1（请确认）" in dialog.summary.text() and "重复 1" in dialog.summary.text()
    assert model.ticked_count() == 2  # the fuzzy match waits for a tick; the duplicate cannot be ticked
    assert not model.set_ticked(4, True)  # row 6 (duplicate)
    assert model.set_ticked(2, True)  # row 4: confirm 麦田房产
    with query_guard.allowed(), session_scope(ui_factory) as s:
        lianjia = receipts.get_receipt(s, admin_actor, ledger.receipts["r-b"]).receipt
    model.assign(3, MatchedCustomer(lianjia.customer_id, lianjia.company_id, lianjia.customer_name))
    assert dialog.import_button.text() == "导入勾选的 4 笔收款"
    with qtbot.waitSignal(screen.model.count_changed, timeout=WAIT):
        dialog.import_button.click()
    assert "已导入 4 笔收款；未导入 1 笔，重复 1 笔" in dialog.message.text()
    assert not dialog.import_button.isEnabled()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 6
                    and all(screen.model.row_at(i) is not None for i in range(6)), timeout=WAIT)
    imported = {screen.model.row_at(i).reference: screen.model.row_at(i).customer_name for i in range(6)}
    assert imported["BK-203"] == "麦田房产" and imported["BK-204"] == "链家地产" and imported["BK-202"] == "链家地产"
    assert "BK-206" not in imported
    settle(qtbot, app_ctx.runner)


def test_import_model_passes_qtmodeltester(qtmodeltester, qtbot, app_ctx, ui_factory, query_guard, tmp_path):
    build_ledger(ui_factory, query_guard)
    sheet = write_sheet(tmp_path / "bank.xlsx", ["日期", "付款方", "金额", "摘要"],
                        [[TODAY, "我爱我家", 10, "货款"], [TODAY, "麦田房产公司", 20, "货款"]])
    dialog = ReceiptImportDialog(app_ctx)
    qtbot.addWidget(dialog)
    dialog.load_file(str(sheet))
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=WAIT)
    qtmodeltester.check(dialog.model)
    settle(qtbot, app_ctx.runner)


def test_export_writes_the_receipts_the_list_shows(qtbot, app_ctx, ui_factory, query_guard, tmp_path):
    import openpyxl

    build_ledger(ui_factory, query_guard)
    screen = open_receipts(qtbot, app_ctx)
    assert screen.export_button.isVisibleTo(screen)
    _requery(qtbot, screen, lambda: screen.customer.setText("链家"))
    path = tmp_path / "receipts.xlsx"
    screen.export_to(str(path))
    qtbot.waitUntil(lambda: "已导出 1 笔收款" in screen.status.text(), timeout=WAIT)
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("收款日期", "公司id", "客户名称", "金额")
    assert [r[:4] for r in rows[1:]] == [(dt.datetime.combine(TODAY - dt.timedelta(days=5), dt.time()), 12,
                                          "链家地产", 500)]
    settle(qtbot, app_ctx.runner)


def test_entry_dialog_offers_only_dates_the_service_accepts(qtbot, app_ctx):
    from PySide6.QtCore import QDate

    dialog = ReceiptEntryDialog(app_ctx)
    qtbot.addWidget(dialog)
    earliest, latest = receipts.date_bounds()
    assert dialog.date.minimumDate() == QDate(2000, 1, 1) == QDate(earliest.year, earliest.month, earliest.day)
    assert dialog.date.maximumDate() == QDate(latest.year, latest.month, latest.day)
    dialog.date.setDate(QDate(1, 1, 1))
    assert dialog.date.date() == QDate(2000, 1, 1)
