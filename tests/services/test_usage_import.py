import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from opcms_desktop.models import AuditEntry, UsageMonthly, UsageOrder
from opcms_desktop.services.platform.errors import PermissionDenied, ValidationError
from opcms_desktop.services.usage.sheet_import import import_usage

from ..sheets import write_sheet

ORDER_HEADERS = ["订单号", "公司id", "上传日期", "设备系列", "层数", "面积"]
SUMMARY_HEADERS = ["公司id", "月份", "设备系列", "单层拍摄量", "多层拍摄量", "多层总层数", "面积"]
JAN5 = dt.date(2026, 1, 5)


def count(session, model):
    return session.scalar(select(func.count()).select_from(model))


def orders_file(tmp_path, rows, name="orders.xlsx"):
    return write_sheet(tmp_path / name, ORDER_HEADERS, rows)


def summary_file(tmp_path, rows, name="summary.xlsx"):
    return write_sheet(tmp_path / name, SUMMARY_HEADERS, rows)


def test_orders_are_inserted_once_and_reimport_adds_nothing(session, ops, make, tmp_path):
    customer = make.customer(company_id=600_000)
    path = orders_file(tmp_path, [
        ["A-1", 600000, JAN5, " Ｘ", 1, 85.5],
        ["A-2", 600000, "2026/1/6", "n", 3, None],
        [1003, 600000, dt.datetime(2026, 1, 7, 14, 30), "L", 2, "120"],
    ])
    report = import_usage(session, ops, path)
    assert report.to_json() == {"rows": 3, "inserted": 3, "updated": 0, "unchanged": 0, "rejected": 0,
                                "warnings": 0, "dry_run": False, "layout": "orders", "errors": []}
    stored = {o.order_no: o for o in session.scalars(select(UsageOrder).where(UsageOrder.customer_id == customer.id))}
    assert set(stored) == {"A-1", "A-2", "1003"}
    assert (stored["A-1"].area, stored["A-1"].series) == (Decimal("85.50"), "X")
    assert (stored["A-2"].series, stored["A-2"].area) == ("N", None)
    assert stored["1003"].upload_date == dt.date(2026, 1, 7)
    again = import_usage(session, ops, path)
    assert (again.inserted, again.unchanged, again.rejected) == (0, 3, 0)
    assert count(session, UsageOrder) == 3
    event = session.scalars(select(AuditEntry).where(AuditEntry.action == "import")).all()[-1]
    assert event.entity == "usage_orders" and event.changes["unchanged"] == 3


def test_a_changed_order_is_never_overwritten(session, ops, make, tmp_path):
    make.customer(company_id=600_001)
    import_usage(session, ops, orders_file(tmp_path, [["B-1", 600001, JAN5, "X", 1, None]]))
    report = import_usage(session, ops, orders_file(tmp_path, [
        ["B-1", 600001, JAN5, "X", 2, None],
        ["B-2", 600001, JAN5, "X", 1, None],
        ["B-2", 600001, JAN5, "X", 1, None],
        ["B-2", 600001, JAN5, "N", 1, None],
    ], name="changed.xlsx"))
    assert (report.inserted, report.unchanged, report.rejected, report.warnings) == (1, 1, 2, 1)
    issues = {(i.row, i.level): i for i in report.issues}
    changed = issues[(2, "error")]
    assert changed.code == "usage.import.order_changed"
    assert changed.params == {"order_no": "B-1", "upload_date": "2026-01-05", "series": "X", "floors": 1, "area": "-"}
    assert "imported before with different content" in changed.message
    assert (issues[(4, "warning")].code, issues[(4, "warning")].params) == ("usage.import.same_order",
                                                                           {"first_row": 3})
    assert (issues[(5, "error")].code, issues[(5, "error")].params) == ("usage.import.order_conflict",
                                                                       {"order_no": "B-2", "first_row": 3})
    assert session.scalar(select(UsageOrder.floors).where(UsageOrder.order_no == "B-1")) == 1


def test_bad_order_rows_are_explained(session, ops, make, tmp_path):
    make.customer(company_id=600_002)
    report = import_usage(session, ops, orders_file(tmp_path, [
        [None, 600002, JAN5, "X", 1, None],
        ["C-2", 999_999, JAN5, "X", 1, None],
        ["C-3", 600002, "下周", "X", 1, None],
        ["C-4", 600002, JAN5, "Q", 1, None],
        ["C-5", 600002, JAN5, "X", 0, None],
        ["C-6", 600002, JAN5, "X", 2.5, None],
        ["C-7", 600002, JAN5, "X", 1, -3],
        ["C-8", 600002, JAN5, "X", 1, "12.345"],
        ["C-9", 600002, JAN5, "X", 1, None],
    ]))
    assert (report.rows, report.inserted, report.rejected) == (9, 1, 8)
    issues = {(i.row, i.column): i for i in report.issues}
    assert (issues[(2, "订单号")].code, issues[(2, "订单号")].params) == ("usage.import.required", {"header": "订单号"})
    assert issues[(2, "订单号")].message == "Order number is required"  # the column named in English
    assert (issues[(3, "公司id")].code, issues[(3, "公司id")].params) == ("usage.import.customer_unknown",
                                                                     {"company_id": 999999})
    assert issues[(5, "设备系列")].code == "usage.import.series_unknown"
    # cells the platform's readers refuse, with the platform's codes
    assert [(row, issues[(row, column)].code, issues[(row, column)].value) for row, column in (
        (4, "上传日期"), (6, "层数"), (7, "层数"), (8, "面积"), (9, "面积"))] == [
        (4, "cells.not_a_date", "下周"), (6, "cells.at_least", "0"), (7, "cells.not_whole_number", "2.5"),
        (8, "cells.negative", "-3"), (9, "cells.too_many_decimals", "12.345")]
    assert issues[(6, "层数")].params == {"minimum": 1}
    assert all(i.level == "error" and i.code for i in report.issues)


def test_summaries_upsert_per_customer_month_series(session, ops, make, tmp_path):
    customer = make.customer(company_id=610_000)
    path = summary_file(tmp_path, [
        [610000, "2026-01", "X", 100, 20, 55, 0],
        [610000, dt.date(2026, 1, 1), "N", 5, 0, 0, None],
        [610000, "2026/2", "X", 80, 0, 0, "1200.5"],
    ])
    first = import_usage(session, ops, path)
    assert (first.layout, first.inserted, first.rejected) == ("summary", 3, 0)
    again = import_usage(session, ops, path)
    assert (again.unchanged, again.inserted, again.updated) == (3, 0, 0)
    changed = summary_file(tmp_path, [[610000, "2026-01", "X", 101, 20, 55, 0]], name="changed.xlsx")
    third = import_usage(session, ops, changed)
    assert (third.updated, third.unchanged) == (1, 0)
    row = session.scalar(select(UsageMonthly).where(UsageMonthly.customer_id == customer.id,
                                                    UsageMonthly.period == "2026-01", UsageMonthly.series == "X"))
    assert (row.single_shoots, row.multi_shoots, row.multi_floors, row.version) == (101, 20, 55, 2)
    feb = session.scalar(select(UsageMonthly.area).where(UsageMonthly.period == "2026-02",
                                                         UsageMonthly.customer_id == customer.id))
    assert feb == Decimal("1200.50")
    entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "usage_monthly",
                                                     AuditEntry.action == "update")).all()[-1]
    assert entry.changes["single_shoots"] == [100, 101] and entry.entity_id == str(row.id)


def test_bad_summary_rows(session, ops, make, tmp_path):
    make.customer(company_id=610_001)
    report = import_usage(session, ops, summary_file(tmp_path, [
        [610001, "2026-13", "X", 1, 0, 0, 0],
        [610001, "2026-01", "X", 1, 3, 5, 0],
        [610001, "2026-01", "X", 1, 0, 4, 0],
        [610001, "2026-01", "X", -1, 0, 0, 0],
        [610001, "2026-01", "X", 1, 1, 2, 0],
        [610001, "2026-01", "X", 2, 1, 2, 0],
    ]))
    assert (report.inserted, report.rejected) == (1, 5)
    issues = {(i.row, i.column): i for i in report.issues}
    assert (issues[(2, "月份")].code, issues[(2, "月份")].value) == ("cells.not_a_month", "2026-13")
    assert (issues[(3, "多层总层数")].code, issues[(3, "多层总层数")].params) == ("usage.floors_too_few",
                                                                         {"multi": 3, "minimum": 6})
    assert issues[(3, "多层总层数")].message == "3 multi-floor shoots have at least 6 floors in all"
    assert issues[(4, "多层总层数")].code == "usage.floors_without_multi"
    assert (issues[(5, "单层拍摄量")].code, issues[(5, "单层拍摄量")].params) == ("cells.at_least", {"minimum": 0})
    assert (issues[(7, "公司id")].code, issues[(7, "公司id")].params) == ("usage.import.duplicate_key",
                                                                     {"first_row": 6})


def test_mixing_orders_and_summaries_warns(session, ops, make, tmp_path):
    make.customer(company_id=620_000)
    import_usage(session, ops, orders_file(tmp_path, [["D-1", 620000, JAN5, "X", 1, None]]))
    report = import_usage(session, ops, summary_file(tmp_path, [[620000, "2026-01", "X", 10, 0, 0, 0]]))
    assert report.inserted == 1 and report.warnings == 1
    assert (report.issues[0].code, report.issues[0].params) == ("usage.import.summary_with_orders",
                                                                {"count": 1, "period": "2026-01", "series": "X"})
    assert "1 orders of 2026-01 X" in report.issues[0].message
    report = import_usage(session, ops, orders_file(tmp_path, [["D-2", 620000, JAN5, "X", 1, None]], "more.xlsx"))
    assert report.inserted == 1
    assert (report.issues[0].code, report.issues[0].params) == ("usage.import.orders_on_monthly",
                                                                {"period": "2026-01", "series": "X"})
    assert report.to_json()["errors"][0]["code"] == "usage.import.orders_on_monthly"


def test_the_insert_path_used_under_row_level_security(session, ops, make, tmp_path, monkeypatch):
    from opcms_desktop.services.platform import bulk

    monkeypatch.setattr(bulk, "copy_allowed", lambda connection, table: False)
    make.customer(company_id=620_003)
    report = import_usage(session, ops, orders_file(tmp_path, [["R-1", 620003, JAN5, "X", 2, 88.25]]))
    summary = import_usage(session, ops, summary_file(tmp_path, [[620003, "2026-02", "N", 3, 1, 2, 1.5]]))
    assert report.inserted == 1 and summary.inserted == 1
    assert session.scalar(select(UsageOrder.area).where(UsageOrder.order_no == "R-1")) == Decimal("88.25")
    assert session.scalar(select(UsageMonthly.version).where(UsageMonthly.period == "2026-02",
                                                             UsageMonthly.series == "N")) == 1


def test_cancel_leaves_nothing(session, ops, make, tmp_path):
    from opcms_desktop.services.platform.errors import Cancelled

    make.customer(company_id=620_004)
    path = orders_file(tmp_path, [["K-1", 620004, JAN5, "X", 1, None]])
    with pytest.raises(Cancelled):
        import_usage(session, ops, path, cancel=lambda: True)
    assert count(session, UsageOrder) == 0
    seen = []
    import_usage(session, ops, path, progress=lambda done, total, label: seen.append((done, total)))
    assert seen[-1] == (1, 1)


def test_usage_without_a_price_plan_is_kept(session, ops, make, tmp_path):
    customer = make.customer(company_id=620_001)  # no plan at all
    import_usage(session, ops, orders_file(tmp_path, [["E-1", 620001, JAN5, "X", 1, None]]))
    assert session.scalar(select(UsageOrder.customer_id).where(UsageOrder.order_no == "E-1")) == customer.id


def test_dry_run_writes_nothing(session, ops, make, tmp_path):
    make.customer(company_id=620_002)
    audits = count(session, AuditEntry)
    report = import_usage(session, ops, orders_file(tmp_path, [["F-1", 620002, JAN5, "X", 1, None]]), dry_run=True)
    assert (report.inserted, report.dry_run) == (1, True)
    assert count(session, UsageOrder) == 0 and count(session, AuditEntry) == audits


def test_layout_is_recognised_by_headers(session, ops, tmp_path):
    path = write_sheet(tmp_path / "neither.xlsx", ["公司id", "日期", "数量"], [[1, JAN5, 3]])
    with pytest.raises(ValidationError) as err:  # the platform's sheet reader names each layout's missing columns
        import_usage(session, ops, path)
    assert len(err.value.problems) == 2
    assert all(header in str(err.value) for header in ("订单号", "上传日期", "设备系列", "层数", "单层拍摄量"))


def test_scope_and_permission(session, sales, other_sales, make, tmp_path):
    make.customer(company_id=630_000, sales=sales)
    make.customer(company_id=630_001, sales=other_sales)
    path = orders_file(tmp_path, [["G-1", 630000, JAN5, "X", 1, None], ["G-2", 630001, JAN5, "X", 1, None]])
    with pytest.raises(PermissionDenied, match="usage.import"):
        import_usage(session, sales, path)
    importer = dataclasses.replace(sales, permissions=sales.permissions | {"usage.import"})
    report = import_usage(session, importer, path)
    assert (report.inserted, report.rejected) == (1, 1)
    assert (report.issues[0].code, report.issues[0].params) == ("usage.import.customer_unknown",
                                                                {"company_id": 630001})


@pytest.mark.slow
def test_many_orders_import_quickly(session, ops, make, tmp_path):
    import time

    customers = [make.customer(company_id=640_000 + i) for i in range(50)]
    rows = [[f"H-{i}", 640_000 + i % 50, dt.date(2026, 1, 1 + i % 28), "XNL"[i % 3], 1 + i % 4, None]
            for i in range(20_000)]
    path = orders_file(tmp_path, rows)
    started = time.perf_counter()
    report = import_usage(session, ops, path)
    elapsed = time.perf_counter() - started
    assert report.inserted == 20_000 and elapsed < 10, elapsed
    assert count(session, UsageOrder) == 20_000 and customers
