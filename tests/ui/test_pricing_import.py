"""The pricing sheet import dialog (dry run report → commit) and 下载模板."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from openpyxl import Workbook, load_workbook
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import func, select

from opcms_desktop.models import PricePlan
from opcms_desktop.services.platform.db import session_scope
from opcms_desktop.services.pricing.sheet_import import COLUMNS
from opcms_desktop.ui.kit.sheet_import import SheetImportDialog
from opcms_desktop.ui.pricing.screen import PricingScreen
from tests.ui.billing_support import WAIT, world_fixture  # noqa: F401 - fixtures


def pricing_sheet(path, rows: list[dict]) -> str:
    workbook = Workbook()
    sheet = workbook.active
    headers = [c.header for c in COLUMNS]
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(h) for h in headers])
    workbook.save(path)
    return str(path)


def plan_count(factory, guard) -> int:
    with guard.allowed(), session_scope(factory) as s:
        return s.scalar(select(func.count()).select_from(PricePlan))


def screen_of(qtbot, ctx) -> PricingScreen:
    screen = PricingScreen(ctx)
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: "位客户" in screen.customer_count.text(), timeout=WAIT)
    return screen


def test_download_template_writes_the_importers_headers(qtbot, app_ctx, tmp_path, monkeypatch):
    target = tmp_path / "模板.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    screen = screen_of(qtbot, app_ctx)
    screen.download_template()
    qtbot.waitUntil(lambda: "模板已保存" in screen.status.text(), timeout=WAIT)
    headers = [c.value for c in load_workbook(target)["价格方案"][1]]
    assert headers == [c.header for c in COLUMNS]


def test_import_checks_first_then_writes(qtbot, app_ctx, world, tmp_path, ui_factory, query_guard,
                                         qtmodeltester):
    path = pricing_sheet(tmp_path / "pricing.xlsx", [
        {"公司id": 102, "生效日期": dt.date(2026, 1, 1), "计费模式": "阶梯累进", "设备系列": "全部",
         "阶梯": "0-1000:10; 1000+:8"},
        {"公司id": 999, "生效日期": dt.date(2026, 1, 1), "计费模式": "定价结算", "单层单价": 5},
        {"公司id": 105, "生效日期": dt.date(2026, 2, 1), "计费模式": "按面积", "面积单价": "1m²1元", "单层单价": 3},
        {"公司id": 104, "生效日期": dt.date(2026, 2, 1), "计费模式": "阶梯全量", "阶梯": "0-500:12; 600+:9"},
    ])
    before = plan_count(ui_factory, query_guard)
    screen = screen_of(qtbot, app_ctx)
    dialog = screen.open_import()
    assert isinstance(dialog, SheetImportDialog) and not dialog.import_button.isEnabled()
    dialog.path.setText(path)
    dialog.check()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=WAIT)
    assert dialog.report.dry_run and (dialog.report.inserted, dialog.report.rejected) == (2, 2)
    assert "尚未写入" in dialog.summary.text() and "新增 2" in dialog.summary.text()
    texts = [dialog.model.index(r, 4).data() for r in range(dialog.model.rowCount())]
    assert any("没有公司id 为 999 的客户" in t for t in texts)
    assert any("按面积方案不使用此列" in t for t in texts)
    assert any(t.startswith("第 2 档应从 500 开始") for t in texts)
    qtmodeltester.check(dialog.model)
    assert plan_count(ui_factory, query_guard) == before  # the dry run wrote nothing
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(app_ctx.runner.changed, timeout=WAIT) as changed:
        dialog.import_button.click()  # import_pricing is declared @writes("plans", "audit")
    assert "plans" in changed.args[0]
    qtbot.waitUntil(lambda: "导入完成" in dialog.summary.text(), timeout=WAIT)
    assert plan_count(ui_factory, query_guard) == before + 2
    assert not dialog.import_button.isEnabled()
    with query_guard.allowed(), session_scope(ui_factory) as s:
        area = s.scalar(select(PricePlan.area_rate).where(PricePlan.customer_id == world.ids[105],
                                                          PricePlan.mode == "area"))
    assert area == Decimal("1.0000")


def test_an_unreadable_file_is_reported_in_the_dialog(qtbot, app_ctx, tmp_path):
    bad = tmp_path / "notes.xlsx"
    workbook = Workbook()
    workbook.active.append(["随便", "什么"])
    workbook.save(bad)
    screen = screen_of(qtbot, app_ctx)
    dialog = screen.open_import()
    dialog.path.setText(str(bad))
    dialog.check()
    qtbot.waitUntil(lambda: "无法导入此文件" in dialog.summary.text(), timeout=WAIT)
    assert "缺少列" in dialog.summary.text() and not dialog.import_button.isEnabled()
    assert app_ctx.runner.presented == []
