"""The customer import wizard: dry run (nothing written) → owner names → commit → summary; a second dry
run of the same file finds every row unchanged; a cancelled import leaves the database as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from opcms_desktop.services import customers
from opcms_desktop.services.customers.owners import list_owner_mappings
from opcms_desktop.services.customers.query import CustomerQuery
from opcms_desktop.services.platform.db import session_scope
from opcms_desktop.ui.customers.import_preview import ImportPreviewModel
from opcms_desktop.ui.customers.import_wizard import OWNERS_PAGE, PREVIEW_PAGE, SUMMARY_PAGE, ImportWizard
from tests.factories import Factory

from .customer_support import WAIT

HEADER = ["公司id", "公司名称", "账号类型", "行业类型", "所属ERP", "接入时间", "客户等级", "销售负责人", "运营负责人",
          "合作状态", "是否结算", "是否停用", "备注", "结算方式", "单层定价", "多层定价", "客户消费等级", "月均拍摄量"]
ROWS = [
    [5, "我爱我家", "正式", "房产经纪", "易遨", "25上半年", "A", "刘冀", " @郭富乾", "正常使用", "是", "否", "", "定价结算",
     25, "14+（F-1）*10", "C2", 120],
    [12, "链家地产", "正式", "房产经纪", "", "25下半年", "#N/A", "易遨", "-", "近一年未使用", "否", "是", "", "包年套餐",
     "9980套餐", 0, "C3", 0],
    [123, "北京我爱我家置业", "正式", "项目", "", "", "B", "张三", "", "商务阶段", "待确认", "", "", "待确认", "未签约", "",
     "0", 3],
    [777, "Realty Homes", "客户测试账号", "无", "", "", "", "0", "", "", "", "", "测试", "#N/A", "", "", "", ""],
    [12, "链家地产（重复）", "正式", "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""],
    ["", "没有公司id", "正式", "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""],
]


@pytest.fixture
def sheet(tmp_path) -> Path:
    workbook = Workbook()
    ws = workbook.active
    ws.append(HEADER)
    for row in ROWS:
        ws.append(row)
    path = tmp_path / "客户表.xlsx"
    workbook.save(path)
    return path


@pytest.fixture
def people(ui_factory, query_guard):
    with query_guard.allowed(), session_scope(ui_factory) as s:
        make = Factory(s)
        return make.actor("liuji", "sales", "刘冀"), make.actor("guofuqian", "ops", "郭富乾"), \
            make.actor("zhangsan", "sales", "张珊")


def customer_count(ui_factory, query_guard, actor) -> int:
    with query_guard.allowed(), session_scope(ui_factory) as s:
        return customers.count_customers(s, actor, CustomerQuery())


def open_wizard(qtbot, ctx, path) -> ImportWizard:
    wizard = ImportWizard(ctx, path=str(path))
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def to_preview(qtbot, wizard):
    wizard.next()
    assert wizard.currentId() == PREVIEW_PAGE
    qtbot.waitUntil(lambda: wizard.preview_page.isComplete(), timeout=WAIT)
    return wizard.preview_page.result


def test_dry_run_then_commit_then_everything_is_unchanged(qtbot, qtmodeltester, app_ctx, ui_factory, query_guard,
                                                          sheet, people, tmp_path):
    wizard = open_wizard(qtbot, app_ctx, sheet)
    result = to_preview(qtbot, wizard)
    assert (result.rows, result.inserted, result.rejected) == (6, 4, 2)
    assert customer_count(ui_factory, query_guard, app_ctx.actor) == 0  # the dry run wrote nothing
    page = wizard.preview_page
    assert page.filter_buttons["rejected"].text() == "拒绝 2"
    page.show_status("rejected")
    assert page.model.rowCount() == 2
    assert "已在 Excel 第 3 行出现" in page.model.data(page.model.index(0, 5))
    assert "customers.import.duplicate_id" in {i.code for i in result.issues if i.level == "error"}
    page.show_status("warning")
    assert 0 < page.model.rowCount() < 4
    qtmodeltester.check(page.model)
    assert [o.name for o in result.unresolved_owners] == ["张三", "易遨"]

    wizard.next()
    assert wizard.currentId() == OWNERS_PAGE
    owners = wizard.owners_page
    qtbot.waitUntil(lambda: len(owners.combos) == 2, timeout=WAIT)
    owners.choose("易遨", None)
    owners.choose("张三", "zhangsan")
    assert wizard.mappings == {"易遨": ("not_a_person", None), "张三": ("user", "zhangsan")}
    assert customer_count(ui_factory, query_guard, app_ctx.actor) == 0  # choices wait for the commit

    wizard.next()
    assert wizard.currentId() == SUMMARY_PAGE
    summary = wizard.summary_page
    qtbot.waitUntil(lambda: summary.result is not None, timeout=WAIT)
    assert (summary.result.inserted, summary.result.rejected, summary.result.dry_run) == (4, 2, False)
    assert summary.counts["inserted"].text() == "4" and summary.report_button.isEnabled()
    assert customer_count(ui_factory, query_guard, app_ctx.actor) == 4
    with query_guard.allowed(), session_scope(ui_factory) as s:
        remembered = {m.name: m.username for m in list_owner_mappings(s, app_ctx.actor)}
        row = customers.list_customers(s, app_ctx.actor, CustomerQuery(search="北京我爱我家"), 0, 10).rows[0]
    assert remembered == {"易遨": None, "张三": "zhangsan"} and row.sales_owners == "张珊"

    report = tmp_path / "问题行.xlsx"
    summary.save_report(str(report))
    qtbot.waitUntil(lambda: "已保存" in summary.message.text(), timeout=WAIT)
    cells = list(load_workbook(report).active.iter_rows(values_only=True))
    assert cells[0][:2] == ("公司id", "公司名称") and cells[0][-1] == "问题"
    assert any(r[1] == "链家地产（重复）" for r in cells[1:])

    again = open_wizard(qtbot, app_ctx, sheet)
    second = to_preview(qtbot, again)
    assert (second.inserted, second.updated, second.unchanged, second.rejected) == (0, 0, 4, 2)
    assert second.unresolved_owners == ()  # the answers were remembered
    assert again.nextId() == SUMMARY_PAGE


def test_cancelled_import_leaves_the_database_as_it_was(qtbot, app_ctx, ui_factory, query_guard, sheet, people):
    wizard = open_wizard(qtbot, app_ctx, sheet)
    to_preview(qtbot, wizard)
    wizard.next()
    qtbot.waitUntil(lambda: len(wizard.owners_page.combos) == 2, timeout=WAIT)
    wizard.owners_page.choose("易遨", None)
    wizard.next()
    wizard.summary_page.cancel()
    qtbot.waitUntil(lambda: wizard.summary_page.operation is None, timeout=WAIT)
    assert wizard.summary_page.result is None and "已取消" in wizard.summary_page.headline.text()
    assert customer_count(ui_factory, query_guard, app_ctx.actor) == 0
    with query_guard.allowed(), session_scope(ui_factory) as s:
        assert list_owner_mappings(s, app_ctx.actor) == []  # the mapping went with the cancelled import
    assert not wizard.summary_page.retry_button.isHidden()


def test_a_file_that_is_not_a_customer_sheet_is_reported_on_the_page(qtbot, app_ctx, tmp_path):
    other = tmp_path / "其他.xlsx"
    workbook = Workbook()
    workbook.active.append(["订单号", "金额"])
    workbook.save(other)
    wizard = open_wizard(qtbot, app_ctx, other)
    wizard.next()
    page = wizard.preview_page
    qtbot.waitUntil(lambda: page.operation is None, timeout=WAIT)
    assert "无法检查此文件" in page.summary.text() and not page.isComplete()
    assert not page.retry_button.isHidden()


def test_preview_model_filters_by_index_list(qtmodeltester):
    model = ImportPreviewModel()
    qtmodeltester.check(model)
    assert model.rowCount() == 0 and model.count("new") == 0


REAL_SHEET = Path(__file__).resolve().parents[3] / "shared" / "data" / "customers-2025-12.xlsx"


@pytest.mark.skipif(not REAL_SHEET.exists(), reason="the reference customer sheet is not here")
def test_the_real_sheet_imports_and_fills_the_list(qtbot, app_ctx, ui_factory, query_guard):
    from .customer_support import open_screen, wait_loaded

    screen = open_screen(qtbot, app_ctx)
    wizard = open_wizard(qtbot, app_ctx, REAL_SHEET)
    result = to_preview(qtbot, wizard)
    assert (result.rows, result.inserted, result.rejected) == (1320, 1319, 1)  # 814 twice: the second rejected
    wizard.next()
    qtbot.waitUntil(lambda: len(wizard.owners_page.combos) == len(result.unresolved_owners), timeout=WAIT)
    with qtbot.waitSignal(screen.model.count_changed, timeout=WAIT):
        wizard.next()
    wait_loaded(qtbot, screen)
    assert wizard.summary_page.result.inserted == 1319
    assert screen.count_label.text() == "共 1,319 个客户"
    again = to_preview(qtbot, open_wizard(qtbot, app_ctx, REAL_SHEET))
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 1319)


def test_a_spilled_report_is_previewed_a_page_at_a_time(qtbot, qtmodeltester, app_ctx, tmp_path, monkeypatch):
    """A big sheet's report lives in a temporary file: the preview reads the pages it shows, never the
    whole report, and shows the same rows and problems as reading it all."""
    from opcms_desktop.services.customers import import_report
    from opcms_desktop.services.insight.demo_sheet import generate
    from opcms_desktop.ui.customers.import_preview import PAGE, issue_text

    monkeypatch.setattr("platformdirs.user_data_dir", lambda *args, **kwargs: str(tmp_path / "data"))
    monkeypatch.setattr(import_report, "SPILL_ROWS", 100)
    path = tmp_path / "big.xlsx"
    generate(700, path, 8)
    book = load_workbook(path)
    ws = book.active
    for r in range(500, 700, 20):  # 公司ids used again further down: rejected, and a late warning above
        ws.cell(r, 1).value = ws.cell(r - 400, 1).value
    book.save(path)
    whole_reads = []
    iterate = import_report.SpilledSequence.__iter__
    monkeypatch.setattr(import_report.SpilledSequence, "__iter__",
                        lambda self: (whole_reads.append(self), iterate(self))[1])
    wizard = open_wizard(qtbot, app_ctx, path)
    result = to_preview(qtbot, wizard)
    page = wizard.preview_page
    assert isinstance(result.outcomes, import_report.SpilledSequence) and result.rows == 700
    qtbot.waitUntil(lambda: page.model.pages_read > 0, timeout=WAIT)  # the view painted its rows
    qtbot.wait(50)
    assert whole_reads == [] and page.model.pages_read == 1  # only the page in view
    assert page.filter_buttons["all"].text() == "全部 700" and page.model.rowCount() == 700
    assert page.filter_buttons["rejected"].text() == f"拒绝 {result.rejected}" and result.rejected >= 10
    outcomes, issues = list(result.outcomes), list(result.issues)
    by_row = result.issues_by_row()
    for status in ("all", "rejected", "warning"):
        page.show_status(status)
        shown = [o for o in outcomes if o.outcome == status or status == "all"
                 or (status == "warning" and o.warnings)]
        assert page.model.rowCount() == len(shown) > 0
        for i in {0, len(shown) // 2, len(shown) - 1, min(PAGE, len(shown) - 1)}:
            assert page.model.data(page.model.index(i, 0)) == str(shown[i].row)
            assert page.model.data(page.model.index(i, 5)) == issue_text(by_row.get(shown[i].row, []))
    assert any(i.code == "customers.import.duplicate_id_later" for i in issues)
    assert page.model.pages_read <= 8
    page.show_status("all")
    qtmodeltester.check(page.model)
