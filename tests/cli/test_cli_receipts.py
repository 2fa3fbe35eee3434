"""`opcms receipt ...`, `opcms allocate`, `opcms export receipts`: bad arguments get a clear answer (issue 11)."""

import datetime as dt
from decimal import Decimal

import openpyxl
import pytest

from .test_cli_invoicing import SALES_PASSWORD, billed  # noqa: F401 - the fixture

HUGE_ID = "99999999999999999999"  # 20 digits: beyond BIGINT


@pytest.mark.parametrize("args", [
    ("allocate", "--receipt", HUGE_ID, "--invoice", "INV-2026-000001", "--amount", "1"),
    ("unallocate", "--allocation", HUGE_ID, "--reason", "x"),
    ("receipt", "show", HUGE_ID),
    ("receipt", "suggest", "0"),
    ("receipt", "balance", "--company-id", HUGE_ID),
    ("receipt", "list", "--company-id", "-3"),
    ("receipt", "add", "--company-id", HUGE_ID, "--amount", "1", "--date", "2026-02-02"),
    ("export", "receipts", "x.xlsx", "--company-id", HUGE_ID),
])
def test_an_id_out_of_range_is_a_clear_argument_error(billed, args):  # noqa: F811
    code, _, err = billed.as_admin(*args)
    assert code == 2, err
    assert "is not a" in err and "9223372036854775807" in err and "unexpected" not in err


def test_a_negative_limit_is_refused(billed):  # noqa: F811
    code, _, err = billed.as_admin("receipt", "list", "--limit", "-5")
    assert code == 2 and "from 0 to" in err
    code, data, err = billed.as_admin("receipt", "list", "--limit", "0", "--json")
    assert code == 0 and data["receipts"] == [], err


@pytest.mark.parametrize("day", ["0001-01-01", "1999-12-31", (dt.date.today() + dt.timedelta(days=400)).isoformat()])
def test_a_receipt_date_out_of_bounds_is_refused_naming_the_bounds(billed, day):  # noqa: F811
    code, data, err = billed.as_admin("receipt", "add", "--company-id", "1101", "--amount", "5", "--date", day,
                                      "--json")
    assert code == 2, err
    (problem,) = data["error"]["problems"]
    assert problem["code"] == "receivables.receipt.date_out_of_range"
    assert problem["params"]["earliest"] == "2000-01-01"
    assert "2000-01-01" in err


def test_export_receipts_writes_the_list_with_real_cells(billed, tmp_path):  # noqa: F811
    cli = billed
    for company, amount, day in (("1101", "700", "2026-02-20"), ("1102", "250.50", "2026-03-05"),
                                 ("1101", "12.34", "2026-04-01")):
        code, _, err = cli.as_admin("receipt", "add", "--company-id", company, "--amount", amount, "--date", day,
                                    "--reference", f"B{day}")
        assert code == 0, err
    path = tmp_path / "receipts.xlsx"
    code, data, err = cli.as_admin("export", "receipts", str(path), "--from", "2026-02-01", "--to", "2026-03-31",
                                   "--json")
    assert code == 0, err
    assert data == {"file": str(path), "rows": 2}
    sheet = openpyxl.load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:6] == ("收款日期", "公司id", "客户名称", "金额", "已核销", "未核销")
    assert [r[:6] for r in rows[1:]] == [
        (dt.datetime(2026, 3, 5), 1102, "我爱我家", 250.5, 0, 250.5),
        (dt.datetime(2026, 2, 20), 1101, "链家", 700, 0, 700)]
    assert Decimal(str(rows[1][3])) == Decimal("250.50")
    assert sheet["A2"].is_date and sheet["D2"].data_type == "n"

    code, _, err = cli("export", "receipts", str(tmp_path / "sales.xlsx"), user="liuji", password=SALES_PASSWORD)
    assert code == 3 and "receipts.export" in err  # sales may view receipts, not export them
