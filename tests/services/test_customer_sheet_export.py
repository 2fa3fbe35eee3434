"""Export in the customer sheet's layout: round trip with the import, real cell types, sales scope."""

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from opcms_desktop.models import AuditEntry
from opcms_desktop.services.customers.headers import FIELDS
from opcms_desktop.services.customers.sheet_export import export_customers
from opcms_desktop.services.customers.sheet_import import import_customers
from opcms_desktop.services.platform.errors import PermissionDenied, UserError

from .customer_sheet_builders import HEADERS, REAL_SHEET, customer_row, write_sheet

needs_real_sheet = pytest.mark.skipif(not REAL_SHEET.exists(), reason="the real customer sheet is not here")


@needs_real_sheet
def test_the_real_sheet_round_trips(session, admin, tmp_path):
    import_customers(session, admin, REAL_SHEET)
    out = tmp_path / "customers.xlsx"
    assert export_customers(session, admin, out).rows == 1319
    result = import_customers(session, admin, out)
    assert (result.rows, result.unchanged, result.inserted, result.updated, result.rejected) == (1319, 1319, 0, 0, 0)
    assert not [i for i in result.issues if i.level == "error"]


def test_columns_headers_and_cell_types(session, admin, tmp_path):
    path = write_sheet(tmp_path / "in.xlsx", HEADERS, [
        customer_row(9.0, "365淘房", 单层定价=12.5, 多层定价="14+（F-1）*10", 月均拍摄量=4047.0, 是否停用="否",
                     合作状态="待确认  @李伟光", 接入时间="25上半年", 客户消费等级="C6", 结算方式="定价结算"),
    ])
    import_customers(session, admin, path)
    out = tmp_path / "out.xlsx"
    export_customers(session, admin, out)
    sheet = load_workbook(out).active
    header, row = list(sheet.iter_rows(max_row=2))
    assert [c.value for c in header] == [f.header for f in FIELDS]
    values = {h.value: c for h, c in zip(header, row, strict=True)}
    assert (values["公司id"].value, values["公司id"].data_type) == (9, "n")
    assert (values["单层定价"].value, values["单层定价"].data_type) == (12.5, "n")
    assert (values["月均拍摄量"].value, values["月均拍摄量"].data_type) == (4047, "n")
    assert values["多层定价"].value == "14+（F-1）*10" and values["是否停用"].value == "否"
    assert values["合作状态"].value == "待确认  @李伟光" and values["接入时间"].value == "25上半年"
    assert session.scalar(select(AuditEntry.action).where(AuditEntry.entity == "customer_sheet_export")) == "event"


def test_sales_export_only_their_customers(session, admin, make, tmp_path):
    sales = make.actor("liuji", "sales", "刘冀")
    path = write_sheet(tmp_path / "in.xlsx", HEADERS, [customer_row(1.0, "甲", 销售负责人="刘冀"),
                                                      customer_row(2.0, "乙", 销售负责人="谢海龙")])
    import_customers(session, admin, path)
    out = tmp_path / "mine.xlsx"
    assert export_customers(session, sales, out).rows == 1
    assert [c.value for c in load_workbook(out).active["B"]] == ["公司名称", "甲"]
    with pytest.raises(PermissionDenied):
        import_customers(session, sales, out)


def test_bad_targets(session, admin, tmp_path):
    with pytest.raises(UserError) as wrong_name:
        export_customers(session, admin, tmp_path / "out.csv")
    assert wrong_name.value.code == "customers.export.not_xlsx"
    with pytest.raises(PermissionDenied):
        export_customers(session, make_nobody(admin), tmp_path / "out.xlsx")


def make_nobody(actor):
    from dataclasses import replace

    return replace(actor, permissions=frozenset())
