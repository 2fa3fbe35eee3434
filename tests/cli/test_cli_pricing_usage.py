import datetime as dt

import pytest
from sqlalchemy.orm import Session

from opcms_desktop.services.platform.db import create_db_engine

from ..factories import TEST_PASSWORD, Factory
from ..sheets import pricing_rows, write_sheet

JAN = dt.date(2026, 1, 1)


@pytest.fixture
def cli(initialised_cli, cli_db_url):
    """An initialised database with customers 800000 (owned by sales user 'zhang') and 800001."""
    engine = create_db_engine(cli_db_url)
    with Session(engine) as session, session.begin():
        make = Factory(session)
        zhang = make.actor("zhang", "sales")
        make.customer("客户甲", company_id=800_000, sales=zhang)
        make.customer("客户乙", company_id=800_001)
    engine.dispose()
    return initialised_cli


def as_sales(cli, *args):
    return cli(*args, user="zhang", password=TEST_PASSWORD)


def pricing_file(tmp_path, name="pricing.xlsx"):
    headers, rows = pricing_rows([
        {"公司id": 800000, "生效日期": dt.date(2025, 1, 1), "计费模式": "定价结算", "设备系列": "X", "单层单价": 30},
        {"公司id": 800000, "生效日期": JAN, "计费模式": "定价结算", "设备系列": "X", "单层单价": 25,
         "多层定价": "14+(F-1)*10"},
        {"公司id": 800001, "生效日期": JAN, "计费模式": "阶梯全量", "阶梯": "0-1000:10; 1000+:8"},
        {"公司id": 123, "生效日期": JAN, "计费模式": "按面积", "面积单价": 1},
    ])
    return str(write_sheet(tmp_path / name, headers, rows))


def test_import_pricing_dry_run_real_run_and_reimport(cli, tmp_path):
    path = pricing_file(tmp_path)
    code, data, err = cli.as_admin("import", "pricing", path, "--dry-run", "--json")
    assert code == 0, err
    assert {k: data[k] for k in ("rows", "inserted", "updated", "unchanged", "rejected", "warnings")} == \
        {"rows": 4, "inserted": 3, "updated": 0, "unchanged": 0, "rejected": 1, "warnings": 0}
    assert data["dry_run"] is True
    assert data["errors"] == [{"row": 5, "column": "公司id", "value": "123", "level": "error",
                               "code": "pricing.import.customer_unknown", "params": {"company_id": 123},
                               "message": "there is no customer with company id 123 that you can see"}]
    code, data, _ = cli.as_admin("import", "pricing", path, "--dry-run", "--json", lang="zh_CN")
    assert data["errors"][0]["message"] == "没有公司id 为 123 的客户（或您无权查看）"
    code, text, _ = cli.as_admin("import", "pricing", path, "--dry-run")
    assert code == 0 and text.splitlines()[0] == ("Dry run: 4 pricing rows: 3 inserted, 0 updated, 0 unchanged, "
                                                  "1 rejected, 0 warnings.")
    assert "error: row 5, 公司id ('123'): there is no customer with company id 123" in text
    code, text, _ = cli.as_admin("import", "pricing", path, "--dry-run", lang="zh_CN")
    assert text.splitlines()[0].startswith("试运行（未写入）：共 4 行价格表：新增 3")
    assert "错误: 第 5 行, 公司id ('123'): 没有公司id 为 123 的客户" in text
    code, data, _ = cli.as_admin("plan", "list", "--company-id", "800000", "--json")
    assert code == 0 and data["plans"] == []
    code, data, _ = cli.as_admin("import", "pricing", path, "--json")
    assert (code, data["inserted"], data["rejected"]) == (0, 3, 1)
    code, data, _ = cli.as_admin("import", "pricing", path, "--json")
    assert (code, data["inserted"], data["unchanged"]) == (0, 0, 3)
    code, data, _ = cli.as_admin("plan", "list", "--company-id", "800000", "--json")
    plans = data["plans"]
    assert [(p["effective_from"], p["effective_to"]) for p in plans] == [("2026-01-01", None),
                                                                         ("2025-01-01", "2025-12-31")]
    assert plans[0]["multi_base"] == "14.0000" and plans[0]["summary"] == "定价结算: 单层 25, 多层 14+(F-1)*10"
    code, text, _ = cli.as_admin("plan", "list", "--company-id", "800001")
    assert code == 0 and "0-1000:10; 1000+:8" in text


def test_bad_files_are_exit_2(cli, tmp_path):
    wrong = write_sheet(tmp_path / "wrong.xlsx", ["公司", "日期"], [[1, JAN]])
    code, data, err = cli.as_admin("import", "pricing", str(wrong), "--json")
    assert code == 2 and all(header in err for header in ("公司id", "生效日期", "计费模式"))
    assert data["error"]["problems"]  # the platform's sheet reader: which columns are missing
    code, data, err = cli.as_admin("import", "usage", str(wrong), "--json")
    assert code == 2 and len(data["error"]["problems"]) == 2  # one per known layout
    code, _, err = cli.as_admin("import", "usage", str(tmp_path / "nope.xlsx"))
    assert code == 2 and "nope.xlsx" in err
    code, _, err = cli.as_admin("plan", "list", "--company-id", "999")
    assert code == 2 and "999" in err
    code, data, err = cli.as_admin("usage", "correct", "--company-id", "800000", "--period", "2026-01",
                                   "--series", "X", "--single", "1", "--multi", "0", "--floors", "0",
                                   "--area", "many", "--reason", "x", "--json")
    assert code == 2 and data["error"]["code"] == "usage.cli.area_invalid"
    assert data["error"]["params"] == {"value": "many"} and "--area must be a number, not many" in err


def test_sales_may_not_import_but_may_list_their_own(cli, tmp_path):
    code, _, err = as_sales(cli, "import", "pricing", pricing_file(tmp_path), "--json")
    assert code == 3 and "pricing.import" in err
    orders = write_sheet(tmp_path / "o.xlsx", ["订单号", "公司id", "上传日期", "设备系列", "层数"],
                         [["S-1", 800000, JAN, "X", 1]])
    code, _, err = as_sales(cli, "import", "usage", str(orders), "--json")
    assert code == 3 and "usage.import" in err
    cli.as_admin("import", "pricing", pricing_file(tmp_path))
    code, data, _ = as_sales(cli, "plan", "list", "--company-id", "800000", "--json")
    assert code == 0 and len(data["plans"]) == 2
    code, _, err = as_sales(cli, "plan", "list", "--company-id", "800001", "--json")
    assert code == 2 and "that you can see" in err


def test_usage_import_list_correct_and_delete(cli, tmp_path):
    orders = str(write_sheet(tmp_path / "orders.xlsx", ["订单号", "公司id", "上传日期", "设备系列", "层数", "面积"], [
        ["O-1", 800000, JAN, "X", 1, 90],
        ["O-2", 800000, dt.date(2026, 1, 20), "X", 3, None],
        ["O-3", 800001, dt.date(2026, 2, 1), "N", 1, None],
    ]))
    code, data, err = cli.as_admin("import", "usage", orders, "--json")
    assert code == 0, err
    assert (data["layout"], data["inserted"], data["rejected"]) == ("orders", 3, 0)
    code, data, _ = cli.as_admin("import", "usage", orders, "--json")
    assert (data["inserted"], data["unchanged"]) == (0, 3)
    code, data, _ = cli.as_admin("usage", "list", "--period", "2026-01", "--json")
    assert code == 0 and data["total_rows"] == 1
    row = data["rows"][0]
    assert (row["company_id"], row["series"], row["total"]) == (800000, "X", {
        "single_shoots": 1, "multi_shoots": 1, "multi_floors": 3, "area": "90.00"})
    code, data, err = cli.as_admin("usage", "correct", "--company-id", "800000", "--period", "2026-01",
                                   "--series", "X", "--single", "5", "--multi", "1", "--floors", "3",
                                   "--area", "90", "--reason", "补录", "--json")
    assert code == 0, err
    assert data["total"]["single_shoots"] == 5 and data["monthly"]["single_shoots"] == 4
    code, _, err = cli.as_admin("usage", "correct", "--company-id", "800000", "--period", "2026-01",
                                "--series", "X", "--single", "0", "--multi", "1", "--floors", "3",
                                "--reason", "too low")
    assert code == 2 and "below its imported orders" in err
    code, data, _ = cli.as_admin("usage", "correct", "--company-id", "800000", "--period", "2026-01",
                                 "--series", "X", "--single", "0", "--multi", "1", "--floors", "3",
                                 "--reason", "too low", "--json")
    assert code == 2 and data["error"]["code"] == "usage.below_orders"
    assert data["error"]["params"]["below"] == ["single-floor shoots 1", "area 90.00 m²"]
    code, _, err = as_sales(cli, "usage", "correct", "--company-id", "800000", "--period", "2026-01",
                            "--series", "X", "--single", "9", "--multi", "1", "--floors", "3", "--reason", "x")
    assert code == 3 and "usage.edit" in err
    code, data, _ = cli.as_admin("usage", "delete-order", "O-1", "--reason", "测试单", "--json")
    assert code == 0 and data["deleted"] is True
    code, data, _ = as_sales(cli, "usage", "list", "--json")
    assert {r["company_id"] for r in data["rows"]} == {800000}


def test_monthly_summary_via_cli(cli, tmp_path):
    summary = str(write_sheet(tmp_path / "s.xlsx", ["公司id", "月份", "设备系列", "单层拍摄量", "多层拍摄量",
                                                     "多层总层数", "面积"], [[800001, "2026-03", "L", 12, 2, 5, 0]]))
    code, data, _ = cli.as_admin("import", "usage", summary, "--json")
    assert (code, data["layout"], data["inserted"]) == (0, "summary", 1)
    code, text, _ = cli.as_admin("import", "usage", summary)
    assert code == 0 and "1 unchanged" in text and text.startswith("1 usage (summary) rows:")


def test_pricing_template_export(cli, tmp_path):
    missing = tmp_path / "out" / "template.xlsx"
    code, data, _ = cli("export", "pricing-template", str(missing), "--json")
    assert code != 0 and not missing.exists() and data["error"]["code"] == "xlsx.folder_missing"
    target = tmp_path / "template.xlsx"
    code, data, _ = cli("export", "pricing-template", str(target), "--json")
    assert code == 0 and target.exists() and data["file"] == str(target)
    code, data, _ = cli.as_admin("import", "pricing", str(target), "--json")
    assert code == 0 and data["rows"] == 0


def test_usage_template_has_both_layouts_the_importer_reads(cli, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "usage-template.xlsx"
    code, data, _ = cli("export", "usage-template", str(target), "--json")
    assert code == 0 and data["file"] == str(target)
    book = load_workbook(target)
    orders, summary = book["订单明细"], book["月度汇总"]
    assert [c.value for c in orders[1]] == ["订单号", "公司id", "上传日期", "设备系列", "层数", "面积"]
    assert [c.value for c in summary[1]] == ["公司id", "月份", "设备系列", "单层拍摄量", "多层拍摄量", "多层总层数", "面积"]
    assert isinstance(orders["C2"].value, dt.datetime) and orders["E2"].value == 3 and summary["D2"].value == 120
    for sheet, layout in ((orders, "orders"), (summary, "summary")):
        one = tmp_path / f"{layout}.xlsx"
        rows = [[c.value for c in line] for line in sheet.iter_rows()]
        rows[1][rows[0].index("公司id")] = 800000
        write_sheet(one, rows[0], rows[1:])
        code, data, _ = cli.as_admin("import", "usage", str(one), "--json")
        assert (code, data["layout"], data["inserted"], data["rejected"]) == (0, layout, 1, 0), data


def test_usage_and_price_plan_exports_are_scoped_with_real_cells(cli, tmp_path):
    from openpyxl import load_workbook

    cli.as_admin("import", "pricing", pricing_file(tmp_path))
    usage = write_sheet(tmp_path / "u.xlsx", ["公司id", "月份", "设备系列", "单层拍摄量", "多层拍摄量", "多层总层数", "面积"],
                        [[800000, "2026-01", "X", 10, 2, 5, 12.5], [800001, "2026-01", "N", 7, 0, 0, None],
                         [800001, "2026-03", "N", 1, 0, 0, None]])
    cli.as_admin("import", "usage", str(usage))
    code, data, _ = cli.as_admin("export", "usage", str(tmp_path / "all.xlsx"), "--period-from", "2026-01",
                                 "--period-to", "2026-02", "--json")
    assert (code, data["rows"]) == (0, 2)
    sheet = load_workbook(tmp_path / "all.xlsx").active
    lines = [[c.value for c in line] for line in sheet.iter_rows(min_row=2)]
    assert sorted((r[1], r[4], r[5], r[6], r[7]) for r in lines) == [(800000, 10, 2, 5, 12.5), (800001, 7, 0, 0, 0)]
    code, data, _ = as_sales(cli, "export", "usage", str(tmp_path / "mine.xlsx"), "--json")
    assert (code, data["rows"]) == (0, 1)
    code, data, _ = cli.as_admin("export", "price-plans", str(tmp_path / "plans.xlsx"), "--json")
    assert (code, data["rows"]) == (0, 3)
    book = load_workbook(tmp_path / "plans.xlsx").active
    header = [c.value for c in book[1]]
    plans = [dict(zip(header, [c.value for c in line], strict=True)) for line in book.iter_rows(min_row=2)]
    first = plans[0]
    assert (first["公司id"], first["生效日期"].date(), first["失效日期"].date(), first["单层单价"]) == (
        800000, dt.date(2025, 1, 1), dt.date(2025, 12, 31), 30)
    assert plans[1]["多层定价"] == "14+(F-1)*10" and plans[2]["阶梯"] == "0-1000:10; 1000+:8"
    code, data, _ = as_sales(cli, "export", "price-plans", str(tmp_path / "my-plans.xlsx"), "--json")
    assert (code, data["rows"]) == (0, 2)
    code, data, _ = cli.as_admin("import", "pricing", str(tmp_path / "plans.xlsx"), "--json")
    assert (code, data["unchanged"], data["rejected"]) == (0, 3, 0), data


@pytest.mark.parametrize(("option", "value", "code"), [
    ("--single", "99999999999", "cli.bad_number"), ("--single", "1000001", "cli.bad_number"),
    ("--area", "1e309", "usage.too_large"), ("--area", "10000000.01", "usage.too_large"),
    ("--area", "NaN", "usage.cli.area_invalid"), ("--area", "-inf", "usage.cli.area_invalid"),
    ("--multi", "2147483648", "cli.bad_number"),
])
def test_usage_correct_refuses_numbers_beyond_their_bounds(cli, option, value, code):
    figures = {"--single": "1", "--multi": "0", "--floors": "0", "--area": "0", option: value}
    args = [f"{k}={v}" for k, v in figures.items()]
    code_, data, _ = cli.as_admin("usage", "correct", "--company-id", "800000", "--period", "2026-01", "--series",
                                  "X", *args, "--reason", "test", "--json")
    assert code_ != 0
    error = data["error"]
    found = [error["code"], *(p["code"] for p in error.get("problems", []))]
    assert code in found, data
