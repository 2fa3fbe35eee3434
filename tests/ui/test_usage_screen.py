"""The usage screen: list with filters and totals, corrections with a reason (and a conflict), isolation, import."""

from __future__ import annotations

from decimal import Decimal

from openpyxl import Workbook
from sqlalchemy import select

from opcms_desktop.models import AuditEntry, UsageMonthly
from opcms_desktop.services.platform.db import session_scope
from opcms_desktop.ui.usage.correction import CorrectionDialog
from opcms_desktop.ui.usage.screen import UsageScreen
from tests.ui.billing_support import JAN, WAIT, ctx_for_fixture, world_fixture  # noqa: F401 - fixtures


def wait_loaded(qtbot, screen: UsageScreen) -> None:
    qtbot.waitUntil(lambda: screen.model.query is not None and not screen.model.is_loading()
                    and "正在加载" not in screen.count_label.text()
                    and (screen.model.rowCount() == 0 or screen.model.row_at(0) is not None), timeout=WAIT)


def open_screen(qtbot, ctx, period: str = JAN) -> UsageScreen:
    screen = UsageScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1200, 600)
    screen.show()
    screen.period_from.set_period(period)
    screen.period_to.set_period(period)
    wait_loaded(qtbot, screen)
    return screen


def rows(screen: UsageScreen) -> list[tuple[int, str, int] | None]:
    """(公司id, series, shoots) per row; None for a row whose page is still loading."""
    found = (screen.model.row_at(i) for i in range(screen.model.rowCount()))
    return [(r.company_id, r.series, r.total.shoots) if r is not None else None for r in found]


def select_company(screen: UsageScreen, company_id: int) -> None:
    screen.table.selectRow(next(i for i in range(screen.model.rowCount())
                                if screen.model.row_at(i).company_id == company_id))


def test_lists_usage_with_totals_and_filters(qtbot, app_ctx, world, qtmodeltester):
    screen = open_screen(qtbot, app_ctx)
    assert rows(screen) == [(101, "X", 10), (102, "N", 5), (103, "X", 3), (104, "L", 7), (105, "N", 7)]
    assert screen.count_label.text() == "共 5 行"
    assert "共 32 套" in screen.totals_label.text() and "面积 120.50 m²" in screen.totals_label.text()
    assert screen.model.index(4, 7).data() == "120.50"
    qtmodeltester.check(screen.model)
    screen.series.setCurrentIndex(screen.series.findData("N"))
    wait_loaded(qtbot, screen)
    assert rows(screen) == [(102, "N", 5), (105, "N", 7)]
    screen.search.setText("丙")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 0 and "共 0 行" in screen.count_label.text(), timeout=WAIT)
    screen.series.setCurrentIndex(0)
    wait_loaded(qtbot, screen)
    assert rows(screen) == [(103, "X", 3)]
    screen.search.setText("104")
    qtbot.waitUntil(lambda: rows(screen) == [(104, "L", 7)], timeout=WAIT)
    screen.search.clear()
    screen.period_from.set_period("2025-12")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 6, timeout=WAIT)


def test_a_correction_needs_a_reason_and_is_saved_with_it(qtbot, app_ctx, world, ui_factory, query_guard):
    screen = open_screen(qtbot, app_ctx)
    select_company(screen, 101)
    dialog = screen.correct()
    assert isinstance(dialog, CorrectionDialog) and dialog.single.text() == "10"
    assert not dialog.save_button.isEnabled() and "请填写修正原因" in dialog.wrappers["reason"].message.text()
    dialog.single.setText("12")
    dialog.reason.setPlainText("客户对账确认少计 2 套")
    assert dialog.save_button.isEnabled()
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    wait_loaded(qtbot, screen)
    qtbot.waitUntil(lambda: (101, "X", 12) in rows(screen), timeout=WAIT)
    row = next(screen.model.row_at(i) for i in range(5) if screen.model.row_at(i).company_id == 101)
    assert row.note == "客户对账确认少计 2 套"
    assert "已修正" in screen.status.text()
    with query_guard.allowed(), session_scope(ui_factory) as s:
        audit = s.scalars(select(AuditEntry).where(AuditEntry.action == "correct")).one()
        assert audit.changes["reason"] == "客户对账确认少计 2 套"


def test_bad_figures_and_a_conflict_stay_in_the_dialog(qtbot, app_ctx, world, ui_factory, query_guard):
    screen = open_screen(qtbot, app_ctx)
    select_company(screen, 105)
    dialog = screen.correct()
    dialog.floors.setText("1")  # one multi-floor shoot has at least 2 floors
    dialog.reason.setPlainText("测试")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "至少共有 2 层" in dialog.wrappers["multi_floors"].message.text(), timeout=WAIT)
    assert dialog.isVisible()
    with query_guard.allowed(), session_scope(ui_factory) as s:  # someone else corrects it meanwhile
        monthly = s.scalars(select(UsageMonthly).where(UsageMonthly.customer_id == world.ids[105])).one()
        monthly.single_shoots = 9
    dialog.floors.setText("3")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "已被他人修改" in dialog.message.text(), timeout=WAIT)
    assert dialog.isVisible() and not dialog.save_button.isEnabled()
    with query_guard.allowed(), session_scope(ui_factory) as s:
        assert s.scalars(select(UsageMonthly.single_shoots).where(UsageMonthly.customer_id == world.ids[105])).one() == 9


def test_sales_sees_only_own_customers_and_cannot_correct(qtbot, world, ctx_for):
    screen = open_screen(qtbot, ctx_for(world.sales))
    assert rows(screen) == [(101, "X", 10), (102, "N", 5)]
    assert not screen.correct_button.isVisible() and not screen.import_button.isVisible()
    screen.search.setText("103")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 0 and "共 0 行" in screen.count_label.text(), timeout=WAIT)


def test_usage_sheet_import_checks_then_writes(qtbot, app_ctx, world, tmp_path):
    path = tmp_path / "usage.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["公司id", "月份", "设备系列", "单层拍摄量", "多层拍摄量", "多层总层数", "面积"])
    sheet.append([102, "2026-02", "X", 40, 2, 5, None])
    sheet.append([999, "2026-02", "X", 1, 0, 0, None])
    workbook.save(path)
    screen = open_screen(qtbot, app_ctx, "2026-02")
    assert screen.model.rowCount() == 0
    dialog = screen.open_import()
    dialog.path.setText(str(path))
    dialog.check()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=WAIT)
    assert (dialog.report.inserted, dialog.report.rejected, dialog.report.layout) == (1, 1, "summary")
    wait_loaded(qtbot, screen)
    assert screen.model.rowCount() == 0
    dialog.import_button.click()
    qtbot.waitUntil(lambda: "导入完成" in dialog.summary.text(), timeout=WAIT)
    qtbot.waitUntil(lambda: rows(screen) == [(102, "X", 42)], timeout=WAIT)
    assert screen.model.row_at(0).total.area == Decimal("0.00")


def test_a_block_pasted_from_excel_corrects_after_a_reason(qtbot, app_ctx, world, ui_factory, query_guard):
    from PySide6.QtGui import QGuiApplication

    from opcms_desktop.ui.usage.correction import PasteCorrectionDialog

    screen = open_screen(qtbot, app_ctx)
    assert rows(screen)[:2] == [(101, "X", 10), (102, "N", 5)]
    single = [c.key for c in screen.model.columns].index("single")
    screen.table.setCurrentIndex(screen.model.index(0, single))
    QGuiApplication.clipboard().setText("12\t1\t3\r\n6\t0\t0\r\n")  # Excel's block: 单层, 多层, 层数
    assert screen.table.paste()
    dialog = screen.findChild(PasteCorrectionDialog)
    assert dialog is not None and [(r.company_id, n.single_shoots, n.multi_shoots, n.multi_floors)
                                   for r, n in dialog.changes] == [(101, 12, 1, 3), (102, 6, 0, 0)]
    assert not dialog.save_button.isEnabled()  # nothing is written without a reason
    assert rows(screen)[:2] == [(101, "X", 10), (102, "N", 5)]
    dialog.reason.setPlainText("客户对账确认")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    wait_loaded(qtbot, screen)
    qtbot.waitUntil(lambda: rows(screen)[:2] == [(101, "X", 13), (102, "N", 6)], timeout=WAIT)
    with query_guard.allowed(), session_scope(ui_factory) as s:
        reasons = s.scalars(select(AuditEntry.changes).where(AuditEntry.action == "correct")).all()
        assert [c["reason"] for c in reasons] == ["客户对账确认", "客户对账确认"]


def test_pasted_text_is_read_like_typed_text_and_refused_whole(qtbot, app_ctx, world):
    from PySide6.QtGui import QGuiApplication

    from opcms_desktop.ui.usage.correction import PasteCorrectionDialog

    screen = open_screen(qtbot, app_ctx)
    area = [c.key for c in screen.model.columns].index("area")
    screen.table.setCurrentIndex(screen.model.index(0, area))
    QGuiApplication.clipboard().setText("1e309\n")
    screen.table.paste()
    assert screen.findChild(PasteCorrectionDialog) is None
    assert "未粘贴" in screen.status.text() and "1e309" in screen.status.text()
    QGuiApplication.clipboard().setText("-5\n")
    screen.table.setCurrentIndex(screen.model.index(0, area - 3))
    screen.table.paste()
    assert screen.findChild(PasteCorrectionDialog) is None and "-5" in screen.status.text()


def test_template_and_export_of_the_current_view(qtbot, app_ctx, world, tmp_path):
    from openpyxl import load_workbook

    screen = open_screen(qtbot, app_ctx)
    assert screen.template_button.text() == "下载模板" and screen.export_button.isVisible()
    screen.save_template(str(tmp_path / "t.xlsx"))
    qtbot.waitUntil(lambda: "模板已保存" in screen.status.text(), timeout=WAIT)
    assert load_workbook(tmp_path / "t.xlsx").sheetnames[:2] == ["订单明细", "月度汇总"]
    screen.series.setCurrentIndex(screen.series.findData("N"))
    wait_loaded(qtbot, screen)
    screen.export_to(str(tmp_path / "n.xlsx"))
    qtbot.waitUntil(lambda: "已导出" in screen.status.text(), timeout=WAIT)
    sheet = load_workbook(tmp_path / "n.xlsx").active
    assert sorted((r[1].value, r[3].value) for r in sheet.iter_rows(min_row=2)) == [(102, "N"), (105, "N")]
